"""自查结果 Excel import: all rows or none, a row-by-row Chinese report (supervision/imports.py)."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from supervision import imports, services
from supervision.choices import CampaignKind, Grade
from supervision.models import ReviewedFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(s):
    return services.campaign_create(
        actor=None, unit=s.tree.city_justice, title="2022年度自查", year=2022, kind=CampaignKind.SELF,
        scope_start=date(2021, 7, 1), scope_end=date(2022, 6, 30), rubric=s.rubric, agencies=[s.agency],
    )  # fmt: skip


def _xlsx(campaign, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(imports.headers(campaign))
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "自查.xlsx"
    return buf


GOOD = [("执罚〔2022〕1号", 0, 2, 0, 0, 0, ""), ("执罚〔2022〕2号", 0, 0, 0, 0, 0, "执法人员少于两人")]


def test_a_good_file_records_every_row(client, s, users, campaign):
    client.force_login(users.zhifa_scj, backend="accounts.backends.AccountsBackend")
    url = f"/supervision/campaigns/{campaign.pk}/import/"
    assert client.get(url).status_code == 200
    assert client.get(url + "template/").status_code == 200
    response = client.post(url, {"agency": s.agency.pk, "file": _xlsx(campaign, GOOD)})
    assert response.status_code == 200 and response.context["report"].created == 2
    files = {f.file_number: f for f in ReviewedFile.objects.filter(campaign=campaign)}
    assert files["执罚〔2022〕1号"].grade == Grade.EXCELLENT and files["执罚〔2022〕1号"].score == 98
    assert files["执罚〔2022〕2号"].grade == Grade.FAIL  # a veto, whatever the score


def test_one_bad_row_records_none_and_names_it(client, s, users, campaign):
    client.force_login(users.zhifa_scj, backend="accounts.backends.AccountsBackend")
    bad = [*GOOD, ("执罚〔2022〕1号", -1, 0, 0, 0, 99, "乱填")]
    response = client.post(
        f"/supervision/campaigns/{campaign.pk}/import/", {"agency": s.agency.pk, "file": _xlsx(campaign, bad)}
    )
    report = response.context["report"]
    assert not ReviewedFile.objects.filter(campaign=campaign).exists()
    reasons = {(e.row, e.reason) for e in report.errors}
    assert (4, "与第2行的案卷号重复。") in reasons
    assert (4, "扣分不能为负数。") in reasons
    assert (4, "最多扣20.00分。") in reasons
    assert (4, "未知的否决项“乱填”。") in reasons
    assert "未导入任何数据" in response.content.decode()


def test_not_an_excel_file_is_refused_in_chinese(client, s, users, campaign):
    client.force_login(users.zhifa_scj, backend="accounts.backends.AccountsBackend")
    junk = io.BytesIO(b"not a workbook")
    junk.name = "x.xlsx"
    response = client.post(
        f"/supervision/campaigns/{campaign.pk}/import/", {"agency": s.agency.pk, "file": junk}
    )
    assert "无法读取该文件" in response.content.decode()
    assert not ReviewedFile.objects.filter(campaign=campaign).exists()
