from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="index"),
    path("assessment/", views.AssessmentView.as_view(), name="assessment"),
    path("export.xlsx", views.ExportView.as_view(fmt="xlsx"), name="export_xlsx"),
    path("export.pdf", views.ExportView.as_view(fmt="pdf"), name="export_pdf"),
]
