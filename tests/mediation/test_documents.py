"""The 人民调解协议书 and the 终止调解告知书: rendered as DOCX, parsed back as official documents, their
downloads logged; the case-list Excel export."""

import io
import re
from datetime import date

import docx
import openpyxl
import pytest
from django.urls import reverse

from core.documents import cn_date
from core.models import AccessAction, AccessLog
from mediation import documents, services
from mediation.choices import AgreementForm, CaseStatus
from mediation.selectors import case_detail

from .factories import case_at

pytestmark = pytest.mark.django_db

DOUBLED_PUNCTUATION = re.compile(r"[。，；：、]{2}")
PLACEHOLDER = re.compile(r"\{[{%]|[}%]\}")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def test_documents_parse_back_as_official_documents(med):
    agreed = case_at(CaseStatus.AGREED, med, received_on=date(2026, 1, 5))
    terminated = case_at(CaseStatus.TERMINATED, med)
    seen = set()
    for case in (agreed, terminated):
        case = case_detail(user=med.tiaojie, pk=case.pk)
        for doc in documents.case_documents(case):
            content, filename = documents.render_case_document(case, doc.kind)
            assert filename == f"{case.number}-{doc.title}.docx"
            parsed = docx.Document(io.BytesIO(content))
            lines = [p.text for p in parsed.paragraphs]
            filled = [line for line in lines if line.strip()]
            text = "\n".join(lines)
            organ = med.committee.name
            assert filled[0] == organ and filled[2] == doc.title, (doc.kind, filled[:3])
            assert filled[-3:-1] == [organ, "（印章）"], doc.kind
            assert "张三" in text and "李四" in text, doc.kind
            assert "《中华人民共和国人民调解法》" in text, doc.kind
            for line in lines:
                assert not DOUBLED_PUNCTUATION.search(line), (doc.kind, line)
                assert not PLACEHOLDER.search(line), (doc.kind, line)
                assert not ENGLISH_WORD.search(line), (doc.kind, line)
            props = parsed.core_properties
            assert props.author == organ and props.last_modified_by == organ
            seen.add(doc.kind)
            if doc.kind == "agreement":
                agreement = case.agreement
                assert filled[1] == agreement.document_number
                assert filled[-1] == cn_date(agreement.effective_on)
                assert "李四于十日内修复排水沟。" in lines
                due = services.confirmation_due(agreement)
                assert f"申请司法确认期限：{cn_date(due)}前。" in lines
            else:
                assert "向人民法院提起诉讼" in text and "调解不成" in text
    assert seen == set(documents.KINDS)


def test_oral_agreement_has_no_document(med):
    case = case_at(CaseStatus.MEDIATING, med)
    services.case_agree(
        case=case,
        actor=med.tiaojie,
        form=AgreementForm.ORAL,
        content="当场赔偿",
        effective_on=case.started_on,
    )
    assert documents.case_documents(case_detail(user=med.tiaojie, pk=case.pk)) == []


def test_download_is_logged_and_missing_document_is_404(med, login):
    case = case_at(CaseStatus.AGREED, med)
    client = login(med.tiaojie)
    response = client.get(reverse("mediation:document", args=(case.pk, "agreement")))
    assert response.status_code == 200
    assert AccessLog.objects.filter(action=AccessAction.DOWNLOAD, object_id=str(case.pk)).exists()
    assert client.get(reverse("mediation:document", args=(case.pk, "termination"))).status_code == 404


def test_excel_export_masks_the_parties(med, login):
    case_at(CaseStatus.AGREED, med)
    response = login(med.tiaojie).get(reverse("mediation:index"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "案号" and len(rows) == 2
    assert rows[1][4] == "张*、李*"
