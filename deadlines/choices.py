from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    MET = "met", _("已按期完成")
    MISSED = "missed", _("已超期")
    CANCELLED = "cancelled", _("已取消")


class DeadlineEventKind(models.TextChoices):
    START = "start", _("开始计算")
    SUSPEND = "suspend", _("中止")
    RESUME = "resume", _("恢复")
    EXTEND = "extend", _("延长")
    RECOMPUTE = "recompute", _("按日历重新计算")
    MEET = "meet", _("完成")
    MISS = "miss", _("超期")
    CANCEL = "cancel", _("取消")


class ReminderStage(models.TextChoices):
    DUE_IN_3 = "due_in_3", _("3个工作日后到期")
    DUE_IN_1 = "due_in_1", _("1个工作日后到期")
    DUE_TODAY = "due_today", _("今日到期")
    OVERDUE = "overdue", _("已超期")
    MOVED = "moved", _("到期日因日历调整而变化")
    REVIEW = "review", _("待办提醒")
