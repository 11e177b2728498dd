"""The one domain error type. Services raise it; views turn it into a form error or a message."""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the law or of the Bureau refused the operation. `message` is shown to the user."""

    default_message = _("操作未能完成。")

    def __init__(self, message=None, *, field: str | None = None, extra: dict | None = None):
        self.message = message or self.default_message
        self.field = field
        self.extra = extra or {}
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)


class ConcurrentEditError(ApplicationError):
    """Someone else saved the record after this form was opened (optimistic locking)."""

    default_message = _("该记录已被他人修改，请刷新页面后重新编辑；您的输入未保存到记录中。")


class GateError(ApplicationError):
    """A statutory gate (e.g. 复议法第五十条; docs/law/reconsideration.md, "Gates") is not satisfied."""

    default_message = _("不满足法定条件，不能执行该操作。")
