"""Django admin: read-only and scoped (`core.admin.ReadOnlyAdmin`); every write goes through the
services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import CaseEvent, MediationCase, Mediator, PartnerAgreement, Referral


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ("date", "kind", "from_status", "to_status", "actor", "basis", "note")
    readonly_fields = fields


class ReferralInline(ReadOnlyInline):
    model = Referral
    fields = ("referred_on", "from_unit", "to_unit", "from_type", "to_type", "reason")
    readonly_fields = fields


@admin.register(MediationCase)
class MediationCaseAdmin(ReadOnlyAdmin):
    list_display = ("number", "org_unit", "mediation_type", "source", "status", "received_on")
    list_filter = ("status", "mediation_type", "source")
    search_fields = ("number", "dispute__number")
    list_select_related = ("org_unit",)
    date_hierarchy = "received_on"
    inlines = [ReferralInline, CaseEventInline]


@admin.register(Mediator)
class MediatorAdmin(ReadOnlyAdmin):
    list_display = ("name", "org_unit", "specialties", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("org_unit",)


@admin.register(PartnerAgreement)
class PartnerAgreementAdmin(ReadOnlyAdmin):
    list_display = ("title", "document_number", "signed_on", "org_unit")
    list_select_related = ("org_unit",)
