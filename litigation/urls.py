from django.urls import path

from . import views

app_name = "litigation"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="index"),
    path("register/", views.CaseRegisterView.as_view(), name="register"),
    path("hearings/", views.HearingListView.as_view(), name="hearings"),
    path("recommendations/", views.RecommendationListView.as_view(), name="recommendations"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.CaseEditView.as_view(), name="edit"),
    path("<int:pk>/documents/<slug:kind>/", views.CaseDocumentView.as_view(), name="document"),
    path("<int:pk>/act/<slug:slug>/", views.CaseActionView.as_view(), name="action"),
    path(
        "<int:pk>/hearings/<int:hearing>/confirm/", views.HearingConfirmView.as_view(), name="hearing_confirm"
    ),
    path("<int:pk>/hearings/<int:hearing>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path(
        "<int:pk>/performances/<int:performance>/done/",
        views.PerformanceDoneView.as_view(),
        name="performance_done",
    ),
    path(
        "<int:pk>/recommendations/<int:recommendation>/reply/",
        views.RecommendationReplyView.as_view(),
        name="recommendation_reply",
    ),
]
