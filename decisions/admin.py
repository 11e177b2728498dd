"""Django admin: read-only and scoped (`core.admin.ReadOnlyAdmin`); every write goes through the
services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    AdvisorConsultation,
    DecisionEvent,
    LegalAdvisor,
    LegalAffairsMatter,
    MajorDecision,
    MatterEvent,
    ReviewOpinion,
)


class DecisionEventInline(ReadOnlyInline):
    model = DecisionEvent
    fields = ("date", "kind", "from_status", "to_status", "actor", "basis", "note")
    readonly_fields = fields


class MatterEventInline(ReadOnlyInline):
    model = MatterEvent
    fields = ("date", "kind", "from_status", "to_status", "actor", "basis", "note")
    readonly_fields = fields


@admin.register(MajorDecision)
class MajorDecisionAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "org_unit", "status", "proposed_on")
    list_filter = ("status", "category")
    search_fields = ("number", "title")
    list_select_related = ("org_unit",)
    inlines = [DecisionEventInline]


@admin.register(LegalAffairsMatter)
class LegalAffairsMatterAdmin(ReadOnlyAdmin):
    list_display = ("number", "kind", "title", "org_unit", "status", "received_on", "due_on")
    list_filter = ("status", "kind")
    search_fields = ("number", "title")
    list_select_related = ("org_unit",)
    inlines = [MatterEventInline]


@admin.register(ReviewOpinion)
class ReviewOpinionAdmin(ReadOnlyAdmin):
    list_display = ("document_number", "matter", "conclusion", "drafter", "signer", "signed_on")
    list_select_related = ("matter", "drafter", "signer")


@admin.register(LegalAdvisor)
class LegalAdvisorAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "firm_or_unit", "term_start", "term_end", "is_active")


@admin.register(AdvisorConsultation)
class AdvisorConsultationAdmin(ReadOnlyAdmin):
    list_display = ("advisor", "consulted_on", "hours", "matter", "decision")
    list_select_related = ("advisor", "matter", "decision")
