"""The 合法性审查意见书: downloaded by a reviewer, parsed back, it carries its number and conclusion."""

import io
from datetime import date

import docx
import pytest
from django.urls import reverse

from core.models import AccessLog
from decisions import services
from decisions.choices import MatterKind

pytestmark = pytest.mark.django_db


def test_signed_opinion_docx_parses_back_with_number_and_conclusion(dec, client):
    matter = services.matter_register(
        actor=dec.drafter,
        body=dec.body,
        kind=MatterKind.NORMATIVE,
        title="关于规范停车管理的通知",
        requesting_unit=dec.unit,
        received_on=date(2025, 6, 2),
    )
    services.opinion_draft(
        matter=matter,
        actor=dec.drafter,
        findings={"basis": "problem", "basis_text": "第三条引用条文有误"},
        conclusion="amended",
        citations="《中华人民共和国立法法》",
    )
    services.opinion_submit(matter=matter, actor=dec.drafter)
    opinion = services.opinion_sign(matter=matter, actor=dec.signer, on=date(2025, 6, 5))
    client.force_login(dec.drafter, backend="accounts.backends.AccountsBackend")
    response = client.get(reverse("decisions:opinion_document", args=[opinion.pk]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "天司法审〔2025〕1号" in text
    assert "审查结论：修改后合法。" in text
    assert "法律依据：存在问题。第三条引用条文有误。" in text
    assert "合法性审查意见书" in text and "天水市人民政府" in text
    assert document.core_properties.author == "天水市人民政府"
    assert AccessLog.objects.filter(action="print", object_id=str(opinion.pk)).exists()


def test_unsigned_opinion_has_no_document(dec, client):
    matter = services.matter_register(
        actor=dec.drafter,
        body=dec.body,
        kind=MatterKind.CONTRACT,
        title="协议",
        requesting_unit=dec.unit,
        received_on=date(2025, 6, 2),
    )
    opinion = services.opinion_draft(matter=matter, actor=dec.drafter, findings={}, conclusion="lawful")
    client.force_login(dec.drafter, backend="accounts.backends.AccountsBackend")
    assert client.get(reverse("decisions:opinion_document", args=[opinion.pk])).status_code == 404
