"""Django admin: read-only (`core.admin.ReadOnlyAdmin`); every write goes through the services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Attendance, CaseEvent, Defendant, Hearing, LitigationCase, Performance, Recommendation


class DefendantInline(ReadOnlyInline):
    model = Defendant
    fields = ("agency", "role")
    readonly_fields = fields


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ("date", "kind", "from_status", "to_status", "actor", "basis", "note")
    readonly_fields = fields


@admin.register(LitigationCase)
class LitigationCaseAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "court_case_number",
        "instance",
        "org_unit",
        "court",
        "status",
        "outcome",
        "agency_lost",
    )
    list_filter = ("status", "instance", "agency_lost", "sector")
    search_fields = ("number", "court_case_number", "cause")
    list_select_related = ("org_unit", "court")
    date_hierarchy = "complaint_received_on"
    inlines = [DefendantInline, CaseEventInline]


class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = (
        "defendant",
        "head_name",
        "head_position",
        "head_counts",
        "head_spoke",
        "lawyer_only",
        "absence_reason",
    )
    readonly_fields = fields


@admin.register(Hearing)
class HearingAdmin(ReadOnlyAdmin):
    list_display = ("case", "date", "must_appear", "confirmed_head_name")
    list_filter = ("must_appear",)
    list_select_related = ("case",)
    inlines = [AttendanceInline]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "received_on", "urgent", "replied_on")
    list_filter = ("kind", "urgent")
    list_select_related = ("case",)


@admin.register(Performance)
class PerformanceAdmin(ReadOnlyAdmin):
    list_display = ("case", "required_action", "due_on", "done_on")
    list_select_related = ("case",)
