"""URLs of 重大行政决策 and 合法性审查, mounted at /decisions/ (namespace "decisions")."""

from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.DecisionListView.as_view(), name="index"),
    path("new/", views.DecisionCreateView.as_view(), name="create"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", views.DecisionDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.DecisionEditView.as_view(), name="edit"),
    path("<int:pk>/do/<slug:action>/", views.DecisionActionView.as_view(), name="action"),
    path("reviews/", views.MatterListView.as_view(), name="matter_list"),
    path("reviews/new/", views.MatterCreateView.as_view(), name="matter_create"),
    path("reviews/<int:pk>/", views.MatterDetailView.as_view(), name="matter_detail"),
    path("reviews/<int:pk>/do/<slug:action>/", views.MatterActionView.as_view(), name="matter_action"),
    path("opinions/<int:pk>/document/", views.OpinionDocumentView.as_view(), name="opinion_document"),
    path("opinions/<int:pk>/edit/", views.OpinionEditView.as_view(), name="opinion_edit"),
    path("advisors/", views.AdvisorListView.as_view(), name="advisor_list"),
    path("advisors/new/", views.AdvisorCreateView.as_view(), name="advisor_create"),
    path("advisors/<int:pk>/edit/", views.AdvisorEditView.as_view(), name="advisor_edit"),
    path("consultations/", views.ConsultationListView.as_view(), name="consultation_list"),
    path("evaluations/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path("study/", views.StudyListView.as_view(), name="study_list"),
    path("study/new/", views.StudyCreateView.as_view(), name="study_create"),
]
