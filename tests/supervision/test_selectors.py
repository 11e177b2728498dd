"""Query counts of the supervision lists and the campaign report (constant in the number of rows),
and the report's figures against the file list behind each of them."""

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from supervision import selectors, services
from supervision.choices import VetoItem

from .factories import external_filing, issued_notice

pytestmark = pytest.mark.django_db


def self_checked(s, n, deductions, vetoes=()):
    f = services.file_add(actor=None, campaign=s.campaign, agency=s.agency, file_number=f"自查{n}")
    return services.file_score(actor=s.users.zhifa_scj, file=f, deductions=deductions, vetoes=vetoes)


@pytest.fixture
def graded(s):
    self_checked(s, 1, {})  # 100 优秀
    self_checked(s, 2, {"B1": 15})  # 85 合格
    self_checked(s, 3, {"A1": 5}, [VetoItem.FEWER_OFFICERS])  # 95 with a veto → 不合格
    services.file_add(actor=None, campaign=s.campaign, agency=s.agency, file_number="自查4")  # 待定
    return s


def test_campaign_report_agrees_with_the_file_list(graded, client):
    s = graded
    [row] = selectors.campaign_report(campaign=s.campaign)
    assert (row["files"], row["reviewed"], row["excellent"], row["passed"], row["failed"]) == (4, 3, 1, 2, 1)
    assert str(row["pass_rate"]) == "66.7" and str(row["excellent_rate"]) == "33.3"
    assert str(row["coverage"]) == "75.0"  # 3 reviewed of the 4 files (no decided case in scope)
    client.force_login(s.users.jiandu)
    page = client.get(reverse("supervision:campaign_detail", args=[s.campaign.pk]))
    assert page.status_code == 200
    url = reverse("supervision:campaign_files", args=[s.campaign.pk])
    for result, expected in (("reviewed", 3), ("excellent", 1), ("passed", 2), ("fail", 1)):
        assert f"{url}?agency={s.agency.pk}&amp;result={result}" in page.content.decode()
        listed = client.get(url, {"agency": s.agency.pk, "result": result})
        assert listed.context["page_obj"].paginator.count == expected, result


def test_report_query_count(graded, django_assert_num_queries):
    # agencies, grades, cases in scope, and (a sample) the self-checked files over the same window
    with django_assert_num_queries(4):
        selectors.campaign_report(campaign=graded.campaign)


def test_list_query_counts(s, django_assert_num_queries):
    for i in range(3):
        external_filing(s, filed_on=date(2025, 7, 10 + i))
        issued_notice(s)
    user = s.users.jiandu
    with django_assert_num_queries(1):
        assert len(list(selectors.filing_list(user=user))) == 3
    with django_assert_num_queries(1):
        assert len(list(selectors.notice_list(user=user))) == 3
    with django_assert_num_queries(1):
        list(selectors.file_list(user=user, campaign=s.campaign))


def test_agencies_see_only_their_own(s, users):
    external_filing(s)
    assert selectors.filing_list(user=users.zhifa_scj).count() == 1
    assert selectors.filing_list(user=users.fuyi_qinzhou).count() == 0


def test_lists_export_to_excel(s, client):
    external_filing(s)
    client.force_login(s.users.jiandu)
    response = client.get(reverse("supervision:index"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    ).active
    assert sheet.max_row == 2 and sheet.cell(2, 1).value == "天市监罚〔2025〕8号"
