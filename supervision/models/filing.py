"""重大执法决定备案: a major enforcement decision filed by its agency with the justice bureau."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from accounts.jurisdiction import scoped_queryset
from core.models import ScopedModel, VersionedModel, WorkflowEvent, event_kind_field, status_fields
from enforcement.models import EnforcementAgency, EnforcementCase

from ..choices import FILING_WORKFLOW, FilingEventKind, FilingStatus


class DecisionFiling(FILING_WORKFLOW.fsm_mixin(), FSMModelMixin, ScopedModel, VersionedModel):
    """One filing. `org_unit` is the filing agency's unit, so the agency sees its own filings and the
    justice bureau above it sees them all. The decision is either an `EnforcementCase` marked major
    or an external decision described in full. `due_on` is the last day of the filing period
    (docs/law/supervision.md); `is_late` is set by the service when it was filed after it."""

    agency = models.ForeignKey(
        EnforcementAgency, verbose_name=_("报备机关"), on_delete=models.PROTECT, related_name="filings"
    )
    case = models.ForeignKey(
        EnforcementCase,
        verbose_name=_("重大执法决定案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filings",
    )
    decision_number = models.CharField(_("决定书文号"), max_length=60)
    decision_summary = models.TextField(_("决定内容"), max_length=2000)
    decided_on = models.DateField(_("决定日期"))
    due_on = models.DateField(_("报备期限"), editable=False)
    filed_on = models.DateField(_("报备日期"))
    is_late = models.BooleanField(_("逾期报备"), default=False, editable=False)
    late_reason = models.CharField(_("逾期说明"), max_length=500, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_filings_reviewed",
    )
    reviewed_on = models.DateField(_("审查日期"), null=True, blank=True)
    review_reasons = models.TextField(_("审查意见"), max_length=2000, blank=True)
    status = FSMField(
        _("状态"), max_length=12, choices=FilingStatus.choices, default=FilingStatus.SUBMITTED, protected=True
    )

    class Meta:
        verbose_name = _("重大执法决定备案")
        verbose_name_plural = _("重大执法决定备案")
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["-filed_on", "-id"], name="sup_filing_filed"),
            models.Index(fields=["org_unit", "status"], name="sup_filing_unit_status"),
            models.Index(fields=["agency", "-filed_on"], name="sup_filing_agency"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(filed_on__gte=models.F("decided_on")),
                name="%(app_label)s_%(class)s_filed_after_decision",
                violation_error_message=_("报备日期不能早于决定日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.decision_number}"

    def get_absolute_url(self):
        return reverse("supervision:filing_detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude={*(exclude or ()), "status"})


class FilingEvent(WorkflowEvent):
    """备案日志: one step with its legal basis. Written by the services."""

    filing = models.ForeignKey(
        DecisionFiling, verbose_name=_("备案"), on_delete=models.PROTECT, related_name="events"
    )
    kind = event_kind_field(FilingEventKind)
    from_status, to_status = status_fields(FilingStatus, max_length=12)

    objects = scoped_queryset("filing__org_unit").as_manager()

    class Meta:
        verbose_name = _("备案日志")
        verbose_name_plural = _("备案日志")
        ordering = ["filing", "date", "created_at", "id"]
        indexes = [models.Index(fields=["filing", "date", "created_at", "id"], name="sup_fevent_filing")]


auditlog.register(DecisionFiling)
auditlog.register(FilingEvent)
