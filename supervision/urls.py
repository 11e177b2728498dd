from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.FilingListView.as_view(), name="index"),
    path("filings/new/", views.FilingCreateView.as_view(), name="filing_create"),
    path("filings/<int:pk>/", views.FilingDetailView.as_view(), name="filing_detail"),
    path("filings/<int:pk>/review/", views.FilingReviewView.as_view(), name="filing_review"),
    path("campaigns/", views.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("rubrics/new/", views.RubricCreateView.as_view(), name="rubric_create"),
    path("campaigns/<int:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/sample/", views.CampaignSampleView.as_view(), name="campaign_sample"),
    path(
        "campaigns/<int:pk>/report.<str:fmt>",
        views.CampaignReportExportView.as_view(),
        name="campaign_report",
    ),
    path("campaigns/<int:pk>/import/", views.SelfCheckImportView.as_view(), name="campaign_import"),
    path(
        "campaigns/<int:pk>/import/template/",
        views.SelfCheckTemplateView.as_view(),
        name="campaign_import_template",
    ),
    path("campaigns/<int:pk>/files/", views.CampaignFilesView.as_view(), name="campaign_files"),
    path("files/", views.FileListView.as_view(), name="file_list"),
    path("files/<int:pk>/", views.FileDetailView.as_view(), name="file_detail"),
    path("files/<int:pk>/nominate/", views.NominateView.as_view(), name="file_nominate"),
    path("selections/", views.SelectionListView.as_view(), name="selection_list"),
    path("selections/new/", views.SelectionCreateView.as_view(), name="selection_create"),
    path("selections/<int:pk>/", views.SelectionDetailView.as_view(), name="selection_detail"),
    path("selections/<int:pk>/publish/", views.SelectionPublishView.as_view(), name="selection_publish"),
    path("nominations/<int:pk>/score/", views.PanelScoreView.as_view(), name="nomination_score"),
    path("files/<int:pk>/score/", views.FileScoreView.as_view(), name="file_score"),
    path("notices/", views.NoticeListView.as_view(), name="notice_list"),
    path("notices/new/", views.NoticeCreateView.as_view(), name="notice_create"),
    path("notices/<int:pk>/", views.NoticeDetailView.as_view(), name="notice_detail"),
    path("notices/<int:pk>/document/", views.NoticeDocumentView.as_view(), name="notice_document"),
    path("notices/<int:pk>/reply/", views.NoticeReplyView.as_view(), name="notice_reply"),
    path("notices/<int:pk>/verify/", views.NoticeVerifyView.as_view(), name="notice_verify"),
    path("special/", views.SpecialListView.as_view(), name="special_list"),
    path("special/new/", views.SpecialCreateView.as_view(), name="special_create"),
    path("special/<int:pk>/", views.SpecialDetailView.as_view(), name="special_detail"),
    path("disparity/", views.DisparityView.as_view(), name="disparity"),
    path("guiding/", views.GuidingListView.as_view(), name="guiding_list"),
    path("guiding/new/", views.GuidingCreateView.as_view(), name="guiding_create"),
    path("guiding/<int:pk>/", views.GuidingDetailView.as_view(), name="guiding_detail"),
    path("guiding/<int:pk>/publish/", views.GuidingPublishView.as_view(), name="guiding_publish"),
    path("supervisors/", views.SupervisorListView.as_view(), name="supervisor_list"),
    path("supervisors/new/", views.SupervisorCreateView.as_view(), name="supervisor_create"),
    path("supervisors/<int:pk>/", views.SupervisorDetailView.as_view(), name="supervisor_detail"),
    path(
        "supervisors/<int:pk>/activity/", views.SupervisorActivityView.as_view(), name="supervisor_activity"
    ),
]
