"""No list, export or dashboard shows a citizen's full identity number or mobile number to an ordinary
role: every GET list URL of the permission matrix (a URL without an object) is opened by every user
who may open it, as a page and — where the list exports — as its Excel file, over a world whose parties
all carry a full identity number and mobile number. Revealing is a separate, audited action."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from disputes.models import Party
from tests.disputes.factories import MOBILE, PERSON_ID, PartyFactory
from tests.reconsideration.factories import register_case

from .test_permission_matrix import ROWS

ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_NUMBER = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
LIST_ROWS = sorted({r.name for r in ROWS if r.method == "get" and r.kwargs is None and r.permitted})
ADMINISTRATORS = {"admin", "auditor", "nobody"}  # no case content at all (roles of 三员分立)


def _unmasked(text: str) -> list[str]:
    return ID_NUMBER.findall(text) + MOBILE_NUMBER.findall(text)


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value
    )


@pytest.fixture
def world(tree, users):
    """Cases in the city and a county, each dispute's applicant and a third party with full numbers."""
    for body, respondent, officer in (
        (tree.city, tree.city_market, users.fuyi),
        (tree.qinzhou, tree.qinzhou_market, users.fuyi_qinzhou),
    ):
        case = register_case(actor=officer, body=body, respondent=respondent, handler=officer)
        PartyFactory(dispute=case.dispute, name="第三人甲")
    return users


@pytest.mark.django_db
def test_no_list_export_or_dashboard_shows_a_full_id_or_mobile_number(world):
    assert _unmasked(f"{PERSON_ID}，{MOBILE}") == [PERSON_ID, MOBILE]  # the detector finds them
    assert Party.objects.filter(id_number=PERSON_ID, phone=MOBILE).count() >= 4  # and they are stored
    checked = exports = 0
    for username, user in vars(world).items():
        if username in ADMINISTRATORS:
            continue
        client = Client()
        client.force_login(user, backend="accounts.backends.AccountsBackend")
        for name in LIST_ROWS:
            url = reverse(name)
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            assert not _unmasked(html), (username, url, _unmasked(html))
            checked += 1
            export = client.get(url, {"export": "xlsx"})
            if export.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
                text = _xlsx_text(b"".join(export.streaming_content) if export.streaming else export.content)
                assert not _unmasked(text), (username, url, "xlsx", _unmasked(text))
                exports += 1
    assert checked >= 30
    assert exports >= 5
