"""Django admin: read-only views for support staff (`core.admin.ReadOnlyAdmin`). Every write goes
through the services, so the admin shows cases and their records, within the user's jurisdiction, but
does not add, change or delete them."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    CaseDecision,
    CaseEvent,
    CommitteeMeeting,
    ExpertConsultant,
    LinkageRecord,
    ReconsiderationCase,
)


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ("date", "kind", "from_status", "to_status", "actor", "basis", "note")
    readonly_fields = fields


@admin.register(ReconsiderationCase)
class ReconsiderationCaseAdmin(ReadOnlyAdmin):
    list_display = ("number", "org_unit", "respondent", "status", "procedure", "received_on", "handler")
    list_filter = ("status", "procedure", "is_deemed_accepted", "org_unit")
    search_fields = ("number", "dispute__number", "act_document_number")
    list_select_related = ("org_unit", "respondent", "handler")
    date_hierarchy = "received_on"
    inlines = [CaseEventInline]


@admin.register(CaseDecision)
class CaseDecisionAdmin(ReadOnlyAdmin):
    list_display = ("case", "outcome", "decided_on", "is_directly_corrected", "is_indirectly_corrected")
    list_filter = ("outcome", "is_directly_corrected", "is_indirectly_corrected")
    list_select_related = ("case",)


@admin.register(ExpertConsultant)
class ExpertConsultantAdmin(ReadOnlyAdmin):
    list_display = ("name", "field", "organisation", "org_unit", "is_active")
    list_filter = ("is_active", "org_unit")


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(ReadOnlyAdmin):
    list_display = ("date", "topic", "org_unit")


@admin.register(LinkageRecord)
class LinkageRecordAdmin(ReadOnlyAdmin):
    list_display = ("date", "kind", "title", "org_unit")
    list_filter = ("kind",)
