from django.urls import path

from . import views

app_name = "disputes"

urlpatterns = [
    path("", views.DisputeListView.as_view(), name="list"),
    path("new/", views.DisputeCreateView.as_view(), name="create"),
    path("stats/", views.DisputeStatsView.as_view(), name="stats"),
    path("picker/", views.DisputePickerView.as_view(), name="picker"),
    path("<int:pk>/", views.DisputeDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.DisputeEditView.as_view(), name="edit"),
    path("<int:pk>/resolution/", views.DisputeResolveView.as_view(), name="resolve"),
    path("<int:pk>/parties/add/", views.PartyAddView.as_view(), name="party_add"),
    path("parties/<int:pk>/reveal/", views.PartyRevealView.as_view(), name="party_reveal"),
]
