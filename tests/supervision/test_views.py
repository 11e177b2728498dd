"""The journey through the pages: jiandu scores a sampled file with a veto item, sees 不合格, raises a
rectification notice from it and the agency answers it in its own session."""

import pytest
from django.urls import reverse

from supervision.choices import Grade, NoticeStatus, VetoItem
from supervision.models import SupervisionNotice

from .factories import sampled_file

pytestmark = pytest.mark.django_db


def test_score_with_veto_then_notice_then_reply(s, client):
    f = sampled_file(s)
    client.force_login(s.users.jiandu)
    url = reverse("supervision:file_score", args=[f.pk])
    response = client.post(url, {"d_A1": "2", "vetoes": [VetoItem.UNQUALIFIED_OFFICER], "note": "执法证过期"})
    assert response.status_code == 302
    f.refresh_from_db()
    assert f.grade == Grade.FAIL
    page = client.get(reverse("supervision:file_detail", args=[f.pk])).content.decode()
    assert "不合格" in page and f"?file={f.pk}" in page

    create = reverse("supervision:notice_create") + f"?file={f.pk}"
    form = client.get(create)
    assert form.context["form"].initial["agency"] == s.agency.pk
    response = client.post(
        create,
        {
            "agency": s.agency.pk,
            "source": "file_review",
            "problem": "执法人员证件过期仍参与办案。",
            "legal_basis": "《中华人民共和国行政处罚法》第四十二条",
            "requirement": "清理过期证件人员。",
            "issued_on": "2025-08-01",
            "received_on": "2025-08-01",
        },
    )
    assert response.status_code == 302
    notice = SupervisionNotice.objects.get(reviewed_file=f)

    client.force_login(s.users.zhifa_scj)
    detail = client.get(notice.get_absolute_url()).content.decode()
    assert reverse("supervision:notice_reply", args=[notice.pk]) in detail
    response = client.post(
        reverse("supervision:notice_reply", args=[notice.pk]),
        {"reply": "已清理。", "on": "2025-08-10", "version": notice.version},
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.REPLIED


def test_agency_files_an_external_decision_and_the_bureau_reviews_it(s, client):
    from supervision.models import DecisionFiling

    client.force_login(s.users.zhifa_scj)
    response = client.post(
        reverse("supervision:filing_create"),
        {
            "agency": s.agency.pk,
            "decision_number": "天市监罚〔2025〕9号",
            "decision_summary": "吊销营业执照",
            "decided_on": "2025-07-01",
            "filed_on": "2025-07-30",
            "late_reason": "承办人出差",
        },
    )
    assert response.status_code == 302
    filing = DecisionFiling.objects.get()
    assert filing.is_late
    client.force_login(s.users.jiandu)
    response = client.post(
        reverse("supervision:filing_review", args=[filing.pk]),
        {"result": "filed", "reasons": "", "on": "2025-08-01", "version": filing.version},
    )
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.status == "filed"


def test_campaign_report_exports_excel_and_pdf(client, s, users):
    import io

    from openpyxl import load_workbook

    client.force_login(users.jiandu, backend="accounts.backends.AccountsBackend")
    base = f"/supervision/campaigns/{s.campaign.pk}/report"
    response = client.get(f"{base}.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "执法主体" and rows[-1][0] == "合计"
    response = client.get(f"{base}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(f"{base}.exe").status_code == 404


def test_disparity_lists_the_outliers_and_raises_a_notice(client, s, users):
    from decimal import Decimal

    from tests.enforcement.factories import file_case

    file_case(s)  # 60,000 within 50,000–100,000
    outlier = file_case(s, penalty_amount=Decimal("200000"), benchmark_deviation_reason="情节特别严重")
    client.force_login(users.jiandu, backend="accounts.backends.AccountsBackend")
    [row] = client.get("/supervision/disparity/").context["stats"]
    assert (row["n"], row["above"], row["below"], row["flagged"]) == (2, 1, 0, 1)
    listed = client.get("/supervision/disparity/", {"item": row["item__name"]})
    assert [c.pk for c in listed.context["rows"]] == [outlier.pk]
    form = client.get("/supervision/notices/new/", {"case": outlier.pk}).context["form"]
    assert form.initial["source"] == "disparity" and outlier.number in form.initial["problem"]
    client.force_login(users.zhifa_scj, backend="accounts.backends.AccountsBackend")
    assert client.get("/supervision/disparity/").status_code == 403


def test_a_special_campaign_groups_its_notices(client, s, users):
    from supervision.models import SpecialCampaign

    client.force_login(users.jiandu, backend="accounts.backends.AccountsBackend")
    data = {
        "title": "道路交通安全和运输执法领域突出问题专项整治",
        "sector": "transport",
        "start_on": "2025-03-01",
    }
    response = client.post("/supervision/special/new/", {**data, "end_on": "2025-02-01"})
    assert "结束日期不能早于开始日期。" in response.content.decode()
    client.post("/supervision/special/new/", {**data, "end_on": "2025-12-31"})
    special = SpecialCampaign.objects.get()
    form = client.get("/supervision/notices/new/", {"special": special.pk}).context["form"]
    assert form.initial["source"] == "campaign"
    notice = {
        "agency": s.agency.pk,
        "source": "campaign",
        "problem": "超限检测站逐利执法。",
        "legal_basis": "《公路安全保护条例》",
        "requirement": "立即整改。",
        "issued_on": "2025-08-01",
        "received_on": "2025-08-01",
    }
    client.post(f"/supervision/notices/new/?special={special.pk}", notice)
    page = client.get(f"/supervision/special/{special.pk}/")
    assert [n.special_campaign_id for n in page.context["notices"]] == [special.pk]


def test_registers_are_created_through_their_pages_with_chinese_errors(client, s, users):
    from supervision.models import GuidingCase, Rubric, SpecialSupervisor

    client.force_login(users.jiandu, backend="accounts.backends.AccountsBackend")
    rubric = {"name": "评查标准2026", "version_label": "2026", "excellent_from": "90", "pass_from": "70"}
    page = client.post("/supervision/rubrics/new/", {**rubric, "items": "卷面|A1|装订|abc"})
    assert "第1行的分值须为数字。" in page.content.decode()
    page = client.post("/supervision/rubrics/new/", {**rubric, "items": "卷面|A1|装订|20\n内容|B1|证据|70"})
    assert "内容项目合计须为80分。" in page.content.decode()
    assert not Rubric.objects.filter(name="评查标准2026").exists()  # the refused rubric left nothing
    client.post("/supervision/rubrics/new/", {**rubric, "items": "卷面|A1|装订|20\n内容|B1|证据|80"})
    assert Rubric.objects.get(name="评查标准2026").items.count() == 2
    guiding = {
        "number": "天司指〔2026〕1号",
        "title": "首违不罚",
        "sector": "market",
        "summary": "案情",
        "key_points": "要点",
    }
    client.post("/supervision/guiding/new/", guiding)
    case = GuidingCase.objects.get(number="天司指〔2026〕1号")
    client.post(f"/supervision/guiding/{case.pk}/publish/", {"on": "2026-01-05", "version": case.version})
    case.refresh_from_db()
    assert case.status == "published"
    person = {
        "name": "张敏",
        "affiliation": "天水师范学院",
        "term_start": "2025-01-01",
        "term_end": "2024-01-01",
        "certificate_number": "TSJD-77",
    }
    assert "聘期止不能早于聘期起。" in client.post("/supervision/supervisors/new/", person).content.decode()
    client.post("/supervision/supervisors/new/", {**person, "term_end": "2027-12-31"})
    p = SpecialSupervisor.objects.get(certificate_number="TSJD-77")
    client.post(
        f"/supervision/supervisors/{p.pk}/activity/",
        {"kind": "hearing", "on": "2025-06-01", "description": "旁听听证"},
    )
    assert p.activities.count() == 1
