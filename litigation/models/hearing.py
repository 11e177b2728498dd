"""Court hearings of an instance and who appeared for each defendant (出庭规定)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import RecordedModel

from ..choices import AbsenceReason, HeadPosition
from .case import CaseChildQuerySet, Defendant, LitigationCase


class HearingQuerySet(CaseChildQuerySet):
    pass


class AttendanceQuerySet(CaseChildQuerySet):
    case_lookup = "hearing__case"


class Hearing(RecordedModel):
    """开庭: one court session of an instance. `must_appear` (出庭规定第四条第一款, 行诉解释第一百二十九条)
    is computed by the service from the sector, the public-concern and mass-incident flags and the
    court's written request — never chosen."""

    case = models.ForeignKey(
        LitigationCase, verbose_name=_("行政应诉案件"), on_delete=models.PROTECT, related_name="hearings"
    )
    date = models.DateField(_("开庭日期"))
    court_requested_head = models.BooleanField(_("法院书面通知负责人出庭"), default=False)
    must_appear = models.BooleanField(_("负责人应当出庭"), default=False, editable=False)
    must_appear_grounds = models.CharField(_("应当出庭的情形"), max_length=100, blank=True, editable=False)
    reminder_sent_on = models.DateField(_("出庭应诉提醒发送日期"), null=True, blank=True, editable=False)
    confirmed_head_name = models.CharField(_("确认出庭负责人"), max_length=50, blank=True)
    confirmed_head_position = models.CharField(
        _("确认出庭负责人职务"), max_length=12, choices=HeadPosition.choices, blank=True
    )
    note = models.CharField(_("备注"), max_length=500, blank=True)

    objects = HearingQuerySet.as_manager()

    class Meta:
        verbose_name = _("开庭")
        verbose_name_plural = _("开庭")
        ordering = ["case", "date", "id"]
        indexes = [models.Index(fields=["date"], name="lit_hearing_date")]

    def __str__(self):
        return f"{self.case} {self.date:%Y-%m-%d}"


class Attendance(RecordedModel):
    """出庭情况: who appeared at one hearing for one defendant — the head (name, position; only 正职,
    副职, 分管负责人 count, 出庭规定第二条), staff and lawyers; whether the head spoke on substantive
    resolution (第十一条第三款); an absent head's reason from 第八条 with its proof (第九条) and who
    appeared instead (第十条). Lawyer-only attendance is flagged (行诉解释第一百二十八条)."""

    hearing = models.ForeignKey(
        Hearing, verbose_name=_("开庭"), on_delete=models.PROTECT, related_name="attendances"
    )
    defendant = models.ForeignKey(
        Defendant, verbose_name=_("被告"), on_delete=models.PROTECT, related_name="attendances"
    )
    head_name = models.CharField(_("出庭负责人姓名"), max_length=50, blank=True)
    head_position = models.CharField(
        _("出庭负责人职务"), max_length=12, choices=HeadPosition.choices, blank=True
    )
    head_counts = models.BooleanField(_("计为负责人出庭"), default=False, editable=False)
    head_spoke = models.BooleanField(_("负责人就实质性化解发表意见"), default=False)
    staff_names = models.CharField(_("出庭工作人员"), max_length=200, blank=True)
    lawyer_names = models.CharField(_("出庭律师"), max_length=200, blank=True)
    lawyer_only = models.BooleanField(_("仅委托律师出庭（违规）"), default=False, editable=False)
    absence_reason = models.CharField(
        _("负责人不能出庭的理由"), max_length=4, choices=AbsenceReason.choices, blank=True
    )
    absence_proof = models.CharField(_("不能出庭的证明材料"), max_length=200, blank=True)
    appeared_instead = models.CharField(_("受委托出庭的工作人员"), max_length=100, blank=True)
    unexcused_absence = models.BooleanField(
        _("应出庭未出庭且无正当理由"),
        default=False,
        editable=False,
        help_text=_("出庭规定第十二条第一款第一项。"),
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("出庭情况")
        verbose_name_plural = _("出庭情况")
        ordering = ["hearing", "defendant", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "defendant"],
                name="%(app_label)s_%(class)s_once_per_defendant",
                violation_error_message=_("同一被告在一次开庭中只登记一次出庭情况。"),
            ),
            models.CheckConstraint(
                condition=Q(head_counts=True) | Q(head_spoke=False),
                name="%(app_label)s_%(class)s_spoke_needs_head",
                violation_error_message=_("负责人未出庭，不能登记负责人发表意见。"),
            ),
        ]

    def __str__(self):
        return f"{self.hearing} {self.defendant.agency}"


auditlog.register(Hearing)
auditlog.register(Attendance)
