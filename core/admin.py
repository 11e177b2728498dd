"""Django admin for kernel records, and the read-only admin every app uses for its legal records.

Legal records change only through their services (which lock, check, and log the act with its
article), so the admin shows them but never adds, changes or deletes them: `ReadOnlyAdmin` for a
model, `ReadOnlyInline` for the rows shown inside it. A model whose queryset knows a jurisdiction
(`accounts.jurisdiction.JurisdictionQuerySet`) is listed only within the user's, as on the pages.
Attachments are managed from their records' pages, and audit records are never edited by anyone (on
PostgreSQL a trigger refuses it anyway).
"""

from django.contrib import admin

from accounts.jurisdiction import JurisdictionQuerySet

from .models import AccessLog, Attachment


class ReadOnlyAdminMixin:
    """No add, change or delete in the admin; viewing needs the model's view permission."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A legal record's admin: read-only, and scoped like every list of the system (`visible_to`)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if isinstance(queryset, JurisdictionQuerySet):
            return queryset.visible_to(request.user)
        return queryset


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The rows of a record shown inside its admin page (events, parties), read-only."""

    extra = 0
    can_delete = False


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "kind", "size", "org_unit", "uploaded_by", "uploaded_at", "is_deleted")
    list_filter = ("kind", "is_deleted")
    search_fields = ("original_name", "sha256")
    list_select_related = ("org_unit", "uploaded_by")
    date_hierarchy = "uploaded_at"


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "username", "unit_name", "action", "model_label", "object_id", "ip_address")
    list_filter = ("action",)
    search_fields = ("username", "user_display", "object_repr", "description")
    date_hierarchy = "created_at"
