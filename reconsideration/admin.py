"""Django admin: read-only views for support staff (`core.admin.ReadOnlyAdmin`). Every write goes
through the services, so the admin shows cases and their records, within the user's jurisdiction, but
does not add, change or delete them."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from core.workflow import composed

from . import services
from .models import (
    ApprovalRequest,
    CaseDecision,
    CaseEvent,
    CommitteeMeeting,
    ExpertConsultant,
    LinkageRecord,
    ReconsiderationCase,
    SignerAuthorisation,
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


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "status", "submitted_by", "submitted_on", "decided_by", "decided_on")
    list_filter = ("kind", "status")
    list_select_related = ("case", "submitted_by", "decided_by")


@admin.register(SignerAuthorisation)
class SignerAuthorisationAdmin(admin.ModelAdmin):
    """签发授权 (复议法第六十一条第一款): recorded and ended (截止日期) here by the system administrator,
    never deleted — the decisions signed under it keep their authority."""

    list_display = ("body", "authorised", "authorised_by", "valid_from", "valid_until", "reference")
    list_filter = ("body",)
    list_select_related = ("body", "authorised", "authorised_by")
    autocomplete_fields = ()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        with composed():
            services.signer_authorisation_create(
                actor=request.user,
                body=obj.body,
                authorised=obj.authorised,
                authorised_by=obj.authorised_by,
                valid_from=obj.valid_from,
                valid_until=obj.valid_until,
                reference=obj.reference,
            )
