"""Django admin of supervision records: read-only (every write goes through the services)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import (
    DecisionFiling,
    FilingEvent,
    GuidingCase,
    Nomination,
    NoticeEvent,
    PanelScore,
    QualitySelection,
    ReviewCampaign,
    ReviewedFile,
    Rubric,
    RubricItem,
    ScoreSheet,
    SpecialCampaign,
    SpecialSupervisor,
    SupervisionNotice,
    SupervisorActivity,
)


@admin.register(DecisionFiling)
class DecisionFilingAdmin(ReadOnlyAdmin):
    list_display = ("decision_number", "agency", "decided_on", "filed_on", "is_late", "status")
    list_filter = ("status", "is_late")
    search_fields = ("decision_number",)
    list_select_related = ("agency",)


@admin.register(ReviewedFile)
class ReviewedFileAdmin(ReadOnlyAdmin):
    list_display = ("file_number", "campaign", "agency", "sampled", "score", "grade")
    list_filter = ("grade", "sampled")
    search_fields = ("file_number",)
    list_select_related = ("campaign", "agency")


@admin.register(SupervisionNotice)
class SupervisionNoticeAdmin(ReadOnlyAdmin):
    list_display = ("number", "agency", "source", "issued_on", "due_on", "status")
    list_filter = ("status", "source")
    search_fields = ("number",)
    list_select_related = ("agency",)


for model in (
    FilingEvent,
    GuidingCase,
    Nomination,
    NoticeEvent,
    PanelScore,
    QualitySelection,
    ReviewCampaign,
    Rubric,
    RubricItem,
    ScoreSheet,
    SpecialCampaign,
    SpecialSupervisor,
    SupervisorActivity,
):
    admin.site.register(model, ReadOnlyAdmin)
