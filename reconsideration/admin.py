"""Django admin: read-mostly views for support staff. Every write goes through the services, so the
admin shows cases and their records but does not add, change or delete them."""

from django.contrib import admin

from .models import (
    CaseDecision,
    CaseEvent,
    CommitteeMeeting,
    ExpertConsultant,
    LinkageRecord,
    ReconsiderationCase,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("date", "kind", "from_status", "to_status", "actor", "basis", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


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
