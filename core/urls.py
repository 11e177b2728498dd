from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]

# Mounted at /audit/ under the "audit" namespace by tianshui_cases/urls.py.
audit_urlpatterns = []
