"""URLs of mediation (多元化解), mounted at /mediation/ (namespace "mediation")."""

from django.urls import path

from . import views

app_name = "mediation"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="index"),
    path("new/", views.CaseRegisterView.as_view(), name="register"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.CaseEditView.as_view(), name="edit"),
    path("<int:pk>/do/<slug:action>/", views.CaseActionView.as_view(), name="action"),
    path("<int:pk>/documents/<slug:kind>/", views.DocumentView.as_view(), name="document"),
    path("mediators/", views.MediatorListView.as_view(), name="mediator_list"),
    path("mediators/new/", views.MediatorCreateView.as_view(), name="mediator_create"),
    path("mediators/<int:pk>/edit/", views.MediatorEditView.as_view(), name="mediator_edit"),
    path("partners/", views.PartnerListView.as_view(), name="partner_list"),
    path("partners/units/", views.PartnerUnitListView.as_view(), name="partner_unit_list"),
    path("partners/centres/", views.PartnerCentreListView.as_view(), name="partner_centre_list"),
    path("partners/new/", views.PartnerCreateView.as_view(), name="partner_create"),
    path("partners/<int:pk>/edit/", views.PartnerEditView.as_view(), name="partner_edit"),
]
