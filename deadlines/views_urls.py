"""Deadline pages under /deadlines/ (included by deadlines/urls.py in the "deadlines" namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.MyDeadlinesView.as_view(), name="mine"),
    path("unit/", views.UnitDeadlinesView.as_view(), name="unit"),
    path("calculator/", views.CalculatorView.as_view(), name="calculator"),
    path("<int:pk>/", views.DeadlineDetailView.as_view(), name="detail"),
    path("<int:pk>/suspend/", views.DeadlineActionView.as_view(action="suspend"), name="suspend"),
    path("<int:pk>/resume/", views.DeadlineActionView.as_view(action="resume"), name="resume"),
    path("<int:pk>/extend/", views.DeadlineActionView.as_view(action="extend"), name="extend"),
    path("<int:pk>/meet/", views.DeadlineActionView.as_view(action="meet"), name="meet"),
    path("<int:pk>/cancel/", views.DeadlineActionView.as_view(action="cancel"), name="cancel"),
    path("<int:pk>/explanation.docx", views.DeadlineExplanationView.as_view(fmt="docx"), name="explain_docx"),
    path("<int:pk>/explanation.pdf", views.DeadlineExplanationView.as_view(fmt="pdf"), name="explain_pdf"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/year/", views.CalendarYearView.as_view(), name="calendar_year"),
    path("calendar/<str:day>/", views.CalendarDayView.as_view(), name="calendar_day"),
]
