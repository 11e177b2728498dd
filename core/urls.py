from django.urls import path

from . import kernel_urls, views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    *kernel_urls.attachment_urlpatterns,
]

# Mounted at /audit/ under the "audit" namespace by tianshui_cases/urls.py.
audit_urlpatterns = kernel_urls.audit_urlpatterns
