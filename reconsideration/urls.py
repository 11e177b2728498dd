"""URLs of administrative reconsideration, mounted at /reconsideration/ (namespace "reconsideration")."""

from django.urls import path

from . import views

app_name = "reconsideration"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="index"),
    path("new/", views.CaseRegisterView.as_view(), name="register"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
    path("<int:pk>/do/<slug:action>/", views.CaseActionView.as_view(), name="action"),
    path("<int:pk>/documents/<slug:kind>/", views.DocumentView.as_view(), name="document"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/consult/", views.MeetingConsultView.as_view(), name="meeting_consult"),
    path("experts/", views.ExpertListView.as_view(), name="expert_list"),
    path("experts/new/", views.ExpertCreateView.as_view(), name="expert_create"),
    path("experts/<int:pk>/edit/", views.ExpertEditView.as_view(), name="expert_edit"),
    path("linkage/", views.LinkageListView.as_view(), name="linkage_list"),
    path("linkage/new/", views.LinkageCreateView.as_view(), name="linkage_create"),
    path("linkage/<int:pk>/", views.LinkageDetailView.as_view(), name="linkage_detail"),
    path("linkage/<int:pk>/edit/", views.LinkageEditView.as_view(), name="linkage_edit"),
]
