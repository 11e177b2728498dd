"""URL patterns of the kernel's attachments and audit pages, spliced into core/urls.py by the lead.

`attachment_urlpatterns` join core's urlpatterns (namespace "core", mounted at /);
`audit_urlpatterns` are mounted at /audit/ under the "audit" namespace.
"""

from django.urls import path

from . import attachment_views, audit_views

attachment_urlpatterns = [
    path(
        "attachments/upload/<int:content_type_id>/<int:object_id>/",
        attachment_views.attachment_upload,
        name="attachment_upload",
    ),
    path("attachments/<int:pk>/download/", attachment_views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", attachment_views.attachment_delete, name="attachment_delete"),
]

audit_urlpatterns = [
    path("", audit_views.ChangeLogView.as_view(), name="index"),
    path("access/", audit_views.AccessLogView.as_view(), name="access"),
    path("logins/", audit_views.LoginLogView.as_view(), name="logins"),
    path(
        "object/<int:content_type_id>/<str:object_pk>/",
        audit_views.ObjectHistoryView.as_view(),
        name="object",
    ),
]
