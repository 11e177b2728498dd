"""Permission-matrix rows of the notification pages.

Every logged-in user may open their own notifications and settings, so there is no "without
permission" caller (noperm=None); a notification of someone else answers 404.
"""

from deadlines.choices import ReminderStage
from deadlines.models import Notification

from ..matrix import Row


def _own_notification(world):
    world.notification = Notification.objects.create(
        recipient=world.users.fuyi,
        stage=ReminderStage.REVIEW,
        dedupe_key="matrix",
        title="【待办提醒】矩阵测试",
        url="/deadlines/",
    )


ROWS = [
    Row("deadlines:notifications", permitted="fuyi", noperm=None),
    Row("deadlines:notifications_read", permitted="fuyi", noperm=None, method="post", ok=302),
    Row(
        "deadlines:notification_open",
        permitted="fuyi",
        noperm=None,
        other="fuyi_maiji",
        setup=_own_notification,
        kwargs=lambda w: {"pk": w.notification.pk},
        method="post",
        ok=302,
    ),
    Row("deadlines:notification_settings", permitted="fuyi", noperm=None),
    Row(
        "deadlines:notification_settings",
        permitted="fuyi",
        noperm=None,
        method="post",
        data=lambda w: {"email_notifications": "on"},
        ok=302,
    ),
]
