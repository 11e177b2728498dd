"""The litigation documents parse back as official documents (版头, 发文字号, 标题 … 落款, 成文日期)."""

import io
import re

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from core.documents import cn_date
from disputes.choices import Sector
from litigation import services

from .factories import register

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def _parse(response):
    assert response.status_code == 200
    parsed = docx.Document(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    lines = [p.text for p in parsed.paragraphs]
    return parsed, lines, [line for line in lines if line.strip()]


def test_documents_parse_back(lit, login):
    from datetime import date

    case = register(
        actor=lit.staff,
        respondent=lit.agency,
        court=lit.court,
        sector=Sector.FOOD_DRUG,
        recon_body_upheld=lit.tree.qinzhou,
    )
    hearing = services.hearing_schedule(
        case=case, actor=lit.staff, date=date(2025, 10, 20), court_requested_head=True
    )
    client = login(lit.staff)
    organ = lit.agency.name
    today = cn_date(timezone.localdate())

    parsed, lines, filled = _parse(client.get(reverse("litigation:document", args=[case.pk, "defence"])))
    assert filled[:3] == [organ, case.court_case_number, "行政诉讼答辩状"]
    assert filled[-3:] == [organ, "（印章）", today]
    assert f"{lit.court.name}：" in lines and "被答辩人（原告）：张三" in lines
    assert f"共同被告：{lit.tree.qinzhou.name}" in lines
    assert parsed.core_properties.author == organ

    url = reverse("litigation:document", args=[case.pk, "appearance"]) + f"?hearing={hearing.pk}"
    parsed, lines, filled = _parse(client.get(url))
    assert filled[:3] == [organ, case.number, "负责人出庭应诉通知"]
    text = "\n".join(lines)
    assert "2025年10月20日" in text and "1. 涉及食品药品安全" in text and "人民法院书面通知负责人出庭" in text
    for line in lines:
        assert not PLACEHOLDER.search(line), line
        assert not ENGLISH_WORD.search(line), line


def test_appearance_needs_a_hearing_of_the_case(lit, login):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    client = login(lit.staff)
    assert client.get(reverse("litigation:document", args=[case.pk, "appearance"])).status_code == 404
    assert client.get(reverse("litigation:document", args=[case.pk, "nope"])).status_code == 404
