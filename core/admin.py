"""Django admin for kernel records: read-only. Attachments are managed from their records' pages,
and audit records are never edited by anyone (on PostgreSQL a trigger refuses it anyway)."""

from django.contrib import admin

from .models import AccessLog, Attachment


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
