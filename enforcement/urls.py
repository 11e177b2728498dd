from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="index"),
    path("cases/new/", views.CaseCreateView.as_view(), name="case_create"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("cases/<int:pk>/records/new/", views.CaseRecordView.as_view(), name="case_record"),
    path("cases/<int:pk>/documents/<slug:kind>/", views.CaseDocumentView.as_view(), name="case_document"),
    path("cases/<int:pk>/<slug:action>/", views.CaseActionView.as_view(), name="case_action"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("agencies/", views.AgencyListView.as_view(), name="agency_list"),
    path("agencies/<int:pk>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("officers/", views.OfficerListView.as_view(), name="officer_list"),
    path("officers/new/", views.OfficerCreateView.as_view(), name="officer_create"),
    path("officers/<int:pk>/", views.OfficerDetailView.as_view(), name="officer_detail"),
    path("officers/<int:pk>/edit/", views.OfficerEditView.as_view(), name="officer_edit"),
    path("officers/<int:pk>/apply/", views.CertificateApplyView.as_view(), name="certificate_apply"),
    path("certificates/", views.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/check/", views.CertificateCheckView.as_view(), name="certificate_check"),
    path("certificates/<int:pk>/", views.CertificateDetailView.as_view(), name="certificate_detail"),
    path(
        "certificates/<int:pk>/<slug:action>/",
        views.CertificateActionView.as_view(),
        name="certificate_action",
    ),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/template/<slug:kind>/", views.ImportTemplateView.as_view(), name="import_template"),
]
