from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core import views as core_views
from core.urls import audit_urlpatterns

urlpatterns = [
    path("", include("core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("deadlines/", include("deadlines.urls")),
    path("disputes/", include("disputes.urls")),
    path("mediation/", include("mediation.urls")),
    path("reconsideration/", include("reconsideration.urls")),
    path("litigation/", include("litigation.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("decisions/", include("decisions.urls")),
    path("enforcement/", include("enforcement.urls")),
    path("supervision/", include("supervision.urls")),
    path("audit/", include((audit_urlpatterns, "audit"))),
]

# Django's admin answers superusers only (core.middleware); in production it exists only when
# ADMIN_ENABLED is set.
if settings.ADMIN_ENABLED:
    urlpatterns.append(path("admin/", admin.site.urls))

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
