"""Every generated DOCX parses back with the case's facts; downloads are logged as printed."""

import io
from datetime import date

import docx
import pytest
from django.urls import reverse

from core.models import AccessLog
from enforcement import documents, services
from enforcement.choices import MajorGround, ReviewConclusion
from enforcement.selectors import case_detail

from .factories import FILED, file_case, reviewer_officer

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_penalty_decision_and_review_opinion_parse_back(w, users, login):
    reviewer_officer(w, users.fzsh)
    case = file_case(w, is_major=True, major_ground=MajorGround.PUBLIC_INTEREST)
    services.case_inform(actor=users.zhifa_scj, case=case, on=FILED, hearing_right_told=False)
    services.case_request_review(actor=users.zhifa_scj, case=case, on=date(2025, 7, 16))
    services.case_review(
        actor=users.fzsh,
        case=case,
        conclusion=ReviewConclusion.APPROVED_WITH_CHANGES,
        opinion="建议补充证据后作出。",
        on=date(2025, 7, 17),
    )
    case.refresh_from_db()
    services.case_decide(
        actor=users.zhifa_scj, case=case, decided_on=date(2025, 7, 21), summary="罚款人民币六万元。"
    )
    case = case_detail(user=users.zhifa_scj, pk=case.pk)
    assert [k for k, _t in documents.available(case)] == ["decision", "review"]
    content, _filename = documents.render_case_document(case, "decision")
    text = _text(content)
    assert case.decision_number in text and "行政处罚决定书" in text and "天水某某商贸有限公司" in text
    assert "罚款人民币六万元" in text and "修改后同意" in text and "王强" in text and "2025年7月21日" in text
    text = _text(documents.render_case_document(case, "review")[0])
    assert "重大执法决定法制审核意见书" in text and "建议补充证据后作出" in text and case.number in text
    client = login(users.zhifa_scj)
    response = client.get(reverse("enforcement:case_document", args=(case.pk, "decision")))
    assert response.status_code == 200 and "行政处罚决定书" in _text(response.content)
    assert AccessLog.objects.filter(action="print", object_id=str(case.pk)).exists()
    assert client.get(reverse("enforcement:case_document", args=(case.pk, "other"))).status_code == 404
