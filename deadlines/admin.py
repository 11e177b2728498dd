"""Django admin for deadlines: read-only views of clocks and notifications; calendar edits go through
the same services as the app's pages (so open deadlines are recomputed after every change)."""

from django.contrib import admin, messages

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from core.exceptions import ApplicationError

from . import services
from .models import CalendarDay, CalendarYear, Deadline, DeadlineEvent, Notification


class DeadlineEventInline(ReadOnlyInline):
    model = DeadlineEvent
    fields = (
        "kind",
        "date",
        "days",
        "reference",
        "reason",
        "due_before",
        "due_after",
        "actor",
        "approved_by",
    )
    readonly_fields = fields


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ("subject", "rule_code", "org_unit", "trigger_date", "due_date", "status", "is_suspended")
    list_filter = ("status", "is_suspended", "calendar_verified", "rule_code")
    search_fields = ("subject", "rule_code")
    date_hierarchy = "due_date"
    list_select_related = ("org_unit",)
    inlines = [DeadlineEventInline]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_workday", "name", "source", "updated_by", "updated_at")
    list_filter = ("is_workday", "source")
    search_fields = ("name",)
    date_hierarchy = "date"
    fields = ("date", "is_workday", "name")
    list_select_related = ("updated_by",)

    def save_model(self, request, obj, form, change):
        try:
            services.calendar_day_set(
                date=obj.date, is_workday=obj.is_workday, name=obj.name, actor=request.user
            )
        except ApplicationError as exc:
            messages.error(request, str(exc))

    def delete_model(self, request, obj):
        services.calendar_day_clear(date=obj.date, actor=request.user)

    def delete_queryset(self, request, queryset):
        for day in list(queryset):
            services.calendar_day_clear(date=day.date, actor=request.user)


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "notice", "entered_by", "entered_at")
    readonly_fields = ("year", "notice", "entered_by", "entered_at")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("title", "recipient", "stage", "created_at", "read_at", "emailed_at")
    list_filter = ("stage",)
    search_fields = ("title", "recipient__username", "recipient__real_name")
    list_select_related = ("recipient",)
    raw_id_fields = ("recipient", "deadline")
