"""Permission-matrix rows of the kernel: attachments (upload, download, delete) and the /audit/ pages.

Attachment rows use a 复议决定期限 of 秦州区司法局: `fuyi_qinzhou` may work on it, `fuyi_maiji` (麦积区)
gets 404, `nobody` (市司法局, no role) sees it but holds no permission → 403. No role holds
core.delete_attachment yet, so the delete row grants it to a user made for the row.
The audit pages are for 审计管理员 only: the 系统管理员 (`admin`) gets 403.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from accounts.choices import Role
from core.services import attachment_upload

from ..accounts.factories import UserFactory
from ..matrix import Row
from .factories import PDF, make_deadline, upload


def _record(world):
    world.record = make_deadline(world.tree.qinzhou_justice)


def _attachment(world):
    _record(world)
    [world.attachment] = attachment_upload(
        record=world.record, files=[upload("申请书.pdf", PDF)], user=world.users.fuyi_qinzhou
    )


def _attachment_and_manager(world):
    _attachment(world)
    manager = UserFactory(username="att_manager", unit=world.tree.qinzhou_justice, roles=[Role.RECON_OFFICER])
    manager.user_permissions.add(Permission.objects.get(codename="delete_attachment"))
    world.users.att_manager = manager


def _record_kwargs(world):
    return {
        "content_type_id": ContentType.objects.get_for_model(world.record).pk,
        "object_id": world.record.pk,
    }


def _orgunit_kwargs(world):
    return {
        "content_type_id": ContentType.objects.get_for_model(world.tree.city).pk,
        "object_pk": world.tree.city.pk,
    }


ROWS = [
    Row(
        "core:attachment_upload",
        permitted="fuyi_qinzhou",
        other="fuyi_maiji",
        setup=_record,
        kwargs=_record_kwargs,
        method="post",
        data=lambda world: {"files": [upload("申请书.pdf", PDF)], "next": "/"},
        ok=302,
    ),
    Row(
        "core:attachment_download",
        permitted="fuyi_qinzhou",
        other="fuyi_maiji",
        setup=_attachment,
        kwargs=lambda world: {"pk": world.attachment.pk},
    ),
    Row(
        "core:attachment_delete",
        permitted="att_manager",
        other="fuyi_maiji",
        setup=_attachment_and_manager,
        kwargs=lambda world: {"pk": world.attachment.pk},
        method="post",
        data=lambda world: {"next": "/"},
        ok=302,
    ),
    Row("audit:index", permitted="auditor", noperm="admin"),
    Row("audit:index", permitted="auditor", noperm="admin", query="?export=xlsx"),
    Row("audit:access", permitted="auditor", noperm="admin"),
    Row("audit:access", permitted="auditor", noperm="admin", query="?export=xlsx"),
    Row("audit:logins", permitted="auditor", noperm="admin"),
    Row("audit:logins", permitted="auditor", noperm="admin", query="?kind=failures&export=xlsx"),
    Row("audit:object", permitted="auditor", noperm="admin", kwargs=_orgunit_kwargs),
    Row("audit:object", permitted="auditor", noperm="admin", kwargs=_orgunit_kwargs, query="?export=xlsx"),
]
