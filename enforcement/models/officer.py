"""执法人员, their certificates (行政执法证 / 执法监督证), training and exams."""

from __future__ import annotations

from datetime import date

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from accounts.jurisdiction import scoped_queryset
from core.masking import mask_id_number
from core.models import (
    RecordedModel,
    TimeStampedModel,
    VersionedModel,
    WorkflowEvent,
    event_kind_field,
    status_fields,
)

from ..choices import (
    CERT_WORKFLOW,
    ENDED_CERT_STATUSES,
    CertificateKind,
    CertificateStatus,
    EventKind,
    ExamKind,
    OfficerStatus,
)
from .agency import EnforcementAgency

OfficerQuerySet = scoped_queryset("agency__org_unit")


class Officer(TimeStampedModel, VersionedModel):
    """执法人员: one person of an agency who may hold an enforcement certificate. `user` links the
    person to their account when they sign in (a legal reviewer's 法律职业资格 is read from here)."""

    agency = models.ForeignKey(
        EnforcementAgency, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="officers"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("系统账号"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enforcement_officer",
    )
    name = models.CharField(_("姓名"), max_length=50)
    id_number = models.CharField(_("身份证号"), max_length=18, unique=True)
    post = models.CharField(_("职务岗位"), max_length=50, blank=True)
    has_legal_qualification = models.BooleanField(_("具有法律职业资格"), default=False)
    status = models.CharField(
        _("在岗状态"), max_length=10, choices=OfficerStatus.choices, default=OfficerStatus.ON_DUTY
    )

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法人员")
        verbose_name_plural = _("执法人员")
        ordering = ["agency", "name", "id"]
        indexes = [
            models.Index(fields=["agency", "name", "id"], name="enf_officer_agency_name"),
            models.Index(fields=["name"], name="enf_officer_name"),
        ]
        permissions = [("import_records", _("批量导入执法人员、证件、培训和考试记录"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("enforcement:officer_detail", kwargs={"pk": self.pk})

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)


class CertificateQuerySet(scoped_queryset("officer__agency__org_unit")):
    def valid_on(self, day: date):
        """Certificates that count on `day`: issued, not yet expired, and not suspended, cancelled or
        revoked on or before that day (处罚法第四十二条: 具有行政执法资格)."""
        return self.filter(
            kind=CertificateKind.ENFORCEMENT,
            issued_on__lte=day,
            expires_on__gte=day,
        ).filter(
            Q(status__in=(CertificateStatus.VALID, CertificateStatus.EXPIRED))
            | Q(status__in=ENDED_CERT_STATUSES, status_changed_on__gt=day)
        )


class Certificate(CERT_WORKFLOW.fsm_mixin(), FSMModelMixin, TimeStampedModel, VersionedModel):
    """行政执法证 or 执法监督证: one certificate of one officer, from application to its end. The number
    is given when it is issued; it expires after five years unless renewed (a renewal is a new
    certificate pointing at the one it replaces)."""

    #: its expiry clock moves only through the certificate services
    clocks_follow_workflow = True

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="certificates"
    )
    kind = models.CharField(
        _("证件类型"), max_length=12, choices=CertificateKind.choices, default=CertificateKind.ENFORCEMENT
    )
    number = models.CharField(_("证件编号"), max_length=30, blank=True)
    applied_on = models.DateField(_("申领日期"))
    issued_on = models.DateField(_("发证日期"), null=True, blank=True)
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    status = FSMField(
        _("证件状态"),
        max_length=16,
        choices=CertificateStatus.choices,
        default=CertificateStatus.APPLIED,
        protected=True,
    )
    status_changed_on = models.DateField(_("状态变更日期"), null=True, blank=True)
    status_reason = models.CharField(_("变更原因"), max_length=500, blank=True)
    renews = models.ForeignKey(
        "self",
        verbose_name=_("换发自"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法证件")
        verbose_name_plural = _("执法证件")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["-issued_on", "-id"], name="enf_cert_issued"),
            models.Index(fields=["officer", "status"], name="enf_cert_officer_status"),
            models.Index(fields=["expires_on"], name="enf_cert_expires"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_("证件编号已存在。"),
            ),
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True) | Q(expires_on__gt=models.F("issued_on")),
                name="%(app_label)s_%(class)s_expires_after_issue",
                violation_error_message=_("有效期至须晚于发证日期。"),
            ),
        ]
        permissions = [("manage_certificate", _("审核发放、暂扣、注销和吊销执法证件"))]

    def __str__(self):
        return self.number or str(_("执法证件（未发证）"))

    def get_absolute_url(self):
        return reverse("enforcement:certificate_detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude={*(exclude or ()), "status"})

    @property
    def unit(self):
        """The org unit the certificate belongs to (its officer's agency) — the workflow's scope."""
        return self.officer.agency.org_unit

    def is_valid_on(self, day: date) -> bool:
        if self.kind != CertificateKind.ENFORCEMENT or self.issued_on is None or self.expires_on is None:
            return False
        if not (self.issued_on <= day <= self.expires_on):
            return False
        if self.status in ENDED_CERT_STATUSES:
            return self.status_changed_on is not None and self.status_changed_on > day
        return self.status in (CertificateStatus.VALID, CertificateStatus.EXPIRED)


class CertificateEvent(WorkflowEvent):
    """证件日志: one step of a certificate's lifecycle with its basis. Written by the services."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("执法证件"), on_delete=models.PROTECT, related_name="events"
    )
    kind = event_kind_field(EventKind)
    from_status, to_status = status_fields(CertificateStatus, max_length=16)
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    objects = scoped_queryset("certificate__officer__agency__org_unit").as_manager()

    class Meta:
        verbose_name = _("证件日志")
        verbose_name_plural = _("证件日志")
        ordering = ["certificate", "date", "created_at", "id"]
        indexes = [models.Index(fields=["certificate", "date", "created_at", "id"], name="enf_certevent")]


class TrainingCourse(RecordedModel):
    """培训课程: one training held on a day for a number of hours, with its attendance."""

    org_unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("培训主题"), max_length=200)
    organiser = models.CharField(_("主办方"), max_length=100)
    held_on = models.DateField(_("培训日期"))
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)

    objects = scoped_queryset("org_unit").as_manager()

    class Meta:
        verbose_name = _("培训课程")
        verbose_name_plural = _("培训课程")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["-held_on", "-id"], name="enf_course_held")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="%(app_label)s_%(class)s_hours_positive",
                violation_error_message=_("学时须大于零。"),
            )
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.topic}"


class TrainingAttendance(RecordedModel):
    """参训记录: one officer's attendance of one course and the hours credited."""

    course = models.ForeignKey(
        TrainingCourse, verbose_name=_("培训课程"), on_delete=models.PROTECT, related_name="attendances"
    )
    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="attendances"
    )
    hours = models.DecimalField(_("认定学时"), max_digits=5, decimal_places=1)

    objects = scoped_queryset("officer__agency__org_unit").as_manager()

    class Meta:
        verbose_name = _("参训记录")
        verbose_name_plural = _("参训记录")
        ordering = ["course", "officer", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "officer"],
                name="%(app_label)s_%(class)s_once_per_course",
                violation_error_message=_("该人员已登记参加此培训。"),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="%(app_label)s_%(class)s_hours_positive",
                violation_error_message=_("学时须大于零。"),
            ),
        ]

    def __str__(self):
        return f"{self.officer} {self.course}"


class OfficerTrainingHours(models.Model):
    """年度培训学时: one officer's training hours of one calendar year (the year the course was held),
    the sum of their attendances' credited hours. Stored so that 培训达标 reads one row per officer
    instead of summing every attendance of the year; kept by the services that record attendance
    (`services.training`) and the Excel import, rebuilt by `services.recompute_training_hours`
    (docs/law/enforcement.md, "Gates")."""

    officer = models.ForeignKey(
        # a derived figure: it goes with its officer (who cannot go while attendances point at them)
        Officer,
        verbose_name=_("执法人员"),
        on_delete=models.CASCADE,
        related_name="training_hours",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    hours = models.DecimalField(_("培训学时"), max_digits=7, decimal_places=1)

    class Meta:
        verbose_name = _("年度培训学时")
        verbose_name_plural = _("年度培训学时")
        ordering = ["officer", "year"]
        indexes = [models.Index(fields=["year", "hours", "officer"], name="enf_training_year_hours")]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "year"],
                name="%(app_label)s_%(class)s_once_per_year",
                violation_error_message=_("该人员该年度的培训学时已有记录。"),
            )
        ]

    def __str__(self):
        return f"{self.officer} {self.year} {self.hours}"


class ExamSession(RecordedModel):
    """考试: one qualification or annual exam held on a day, with its pass mark."""

    org_unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("考试类型"), max_length=16, choices=ExamKind.choices)
    title = models.CharField(_("考试名称"), max_length=200)
    held_on = models.DateField(_("考试日期"))
    pass_mark = models.DecimalField(_("合格分数线"), max_digits=5, decimal_places=1)

    objects = scoped_queryset("org_unit").as_manager()

    class Meta:
        verbose_name = _("考试")
        verbose_name_plural = _("考试")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["-held_on", "-id"], name="enf_exam_held")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class ExamResult(RecordedModel):
    """考试成绩: one officer's score in one exam; `passed` is computed from the session's pass mark."""

    session = models.ForeignKey(
        ExamSession, verbose_name=_("考试"), on_delete=models.PROTECT, related_name="results"
    )
    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="exam_results"
    )
    score = models.DecimalField(_("成绩"), max_digits=5, decimal_places=1)
    passed = models.BooleanField(_("合格"), editable=False)

    objects = scoped_queryset("officer__agency__org_unit").as_manager()

    class Meta:
        verbose_name = _("考试成绩")
        verbose_name_plural = _("考试成绩")
        ordering = ["session", "officer", "id"]
        indexes = [models.Index(fields=["officer", "passed"], name="enf_result_officer_passed")]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "officer"],
                name="%(app_label)s_%(class)s_once_per_session",
                violation_error_message=_("该人员在此考试中已有成绩。"),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100),
                name="%(app_label)s_%(class)s_score_range",
                violation_error_message=_("成绩须在0至100分之间。"),
            ),
        ]

    def __str__(self):
        return f"{self.officer} {self.session} {self.score}"


auditlog.register(Officer, exclude_fields=["id_number"])
auditlog.register(Certificate)
auditlog.register(CertificateEvent)
auditlog.register(TrainingCourse)
auditlog.register(TrainingAttendance)
auditlog.register(ExamSession)
auditlog.register(ExamResult)
