"""Read-only admin (`core.admin.ReadOnlyAdmin`): disputes are registered and changed through the pages
(services, version, number) and listed within the user's jurisdiction; personal data stays masked
here too, since the admin writes no access entry."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Dispute, Party


class PartyInline(ReadOnlyInline):
    model = Party
    fk_name = "dispute"
    fields = ["role", "kind", "name", "masked_identifier", "masked_phone", "agent_for"]
    readonly_fields = fields

    @admin.display(description=_("证件号码（脱敏）"))
    def masked_identifier(self, obj):
        return obj.masked_identifier

    @admin.display(description=_("联系电话（脱敏）"))
    def masked_phone(self, obj):
        return obj.masked_phone


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ["number", "respondent", "act_type", "sector", "act_date", "status"]
    list_filter = ["act_type", "sector", "status"]
    search_fields = ["number", "act_document_number"]
    list_select_related = ["respondent"]
    date_hierarchy = "act_date"
    fields = [
        "number",
        "org_unit",
        "respondent",
        "act_type",
        "sector",
        "act_date",
        "act_document_number",
        "summary",
        "status",
        "resolved_at",
        "resolved_substantively",
        "resolution_note",
        "version",
        "created_by",
        "created_at",
    ]
    readonly_fields = fields
    inlines = [PartyInline]
