"""The notice DOCX parses back with its facts; the download is logged as printed."""

import io

import docx
import pytest
from django.urls import reverse

from core.models import AccessLog

from .factories import issued_notice

pytestmark = pytest.mark.django_db


def test_notice_docx_parses_back(s, client):
    notice = issued_notice(s, actor=s.users.jiandu)
    client.force_login(s.users.jiandu)
    response = client.get(reverse("supervision:notice_document", args=[notice.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    for part in (
        "行政执法监督通知书",
        s.agency.name,
        "案卷缺少听证告知书",
        "第六十三条",
        "2025年9月1日",
        notice.number,
    ):
        assert part in text, part
    assert AccessLog.objects.filter(action="print", object_id=str(notice.pk)).exists()
