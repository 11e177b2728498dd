"""Notification pages, included by deadlines/urls.py in the "deadlines" namespace (/deadlines/…)."""

from django.urls import path

from . import notification_views as views

urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/read/", views.NotificationMarkReadView.as_view(), name="notifications_read"),
    path("notifications/<int:pk>/open/", views.NotificationOpenView.as_view(), name="notification_open"),
    path("notifications/settings/", views.NotificationSettingsView.as_view(), name="notification_settings"),
]
