"""Django admin of enforcement records: read-only (every write goes through the services)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import (
    CaseEvent,
    Certificate,
    CertificateEvent,
    DiscretionBenchmark,
    EnforcementAgency,
    EnforcementCase,
    EnforcementItem,
    ExamResult,
    ExamSession,
    LegalReview,
    Officer,
    ProcessRecord,
    TrainingAttendance,
    TrainingCourse,
)


@admin.register(EnforcementCase)
class EnforcementCaseAdmin(ReadOnlyAdmin):
    list_display = ("number", "agency", "party_name", "filed_on", "is_major", "outside_benchmark", "status")
    list_filter = ("status", "is_major", "outside_benchmark", "kind")
    search_fields = ("number", "party_name")
    list_select_related = ("agency",)


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ("name", "agency", "post", "has_legal_qualification", "status")
    search_fields = ("name",)
    list_select_related = ("agency",)
    exclude = ("id_number",)


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("number", "officer", "kind", "issued_on", "expires_on", "status")
    list_filter = ("status", "kind")
    search_fields = ("number", "officer__name")
    list_select_related = ("officer",)


@admin.register(EnforcementAgency)
class EnforcementAgencyAdmin(ReadOnlyAdmin):
    list_display = ("name", "level", "sector", "subject_certificate_number")
    search_fields = ("name", "subject_certificate_number")


for model in (
    CaseEvent,
    CertificateEvent,
    DiscretionBenchmark,
    EnforcementItem,
    ExamResult,
    ExamSession,
    LegalReview,
    ProcessRecord,
    TrainingAttendance,
    TrainingCourse,
):
    admin.site.register(model, ReadOnlyAdmin)
