"""The twelve official documents: each renders as a DOCX naming the case, its number and the article
it rests on; downloads are logged; numbers come from the body's yearly series."""

import io
import re
from datetime import timedelta

import docx
import pytest
from django.urls import reverse

from accounts.choices import Role
from core.documents import cn_date
from core.models import AccessLog
from deadlines.calendar import add_workdays
from disputes.choices import PartyKind, PartyRole
from reconsideration import documents, services
from reconsideration.choices import (
    CaseStatus,
    DecisionOutcome,
    DocumentKind,
    MediationResult,
    TerminationGround,
)
from reconsideration.selectors import case_detail
from tests.disputes.factories import PartyFactory

from .factories import case_at, register_case

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


def _download(client, case, kind, item=None):
    url = reverse("reconsideration:document", args=(case.pk, kind))
    response = client.get(url, {"item": item} if item else {})
    assert response.status_code == 200, (kind, response.status_code)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    return _text(response.content)


@pytest.fixture
def full_case(tree, users, make_user):
    """A city case through correction, acceptance, hearing, suspension, extension, decision (撤销)
    and an opinion letter: it has ten of the twelve documents."""
    officer, head = users.fuyi, users.fuyi_head
    panel = [make_user(f"panel{i}", unit=tree.city_justice, roles=[Role.RECON_OFFICER]) for i in range(2)]
    case = register_case(
        actor=officer,
        body=tree.city,
        respondent=tree.city_market,
        handler=officer,
        is_major_difficult_complex=True,
    )
    received = case.received_on
    services.case_request_correction(
        case=case,
        actor=officer,
        items="1. 身份证明复印件\n2. 处罚决定书复印件",
        notice_sent_on=add_workdays(received, 1),
        applicant_received_on=add_workdays(received, 2),
    )
    back = add_workdays(received, 4)
    services.case_receive_correction(case=case, actor=officer, received_on=back)
    accepted = add_workdays(back, 1)
    services.case_accept(case=case, actor=officer, accepted_on=accepted)
    services.case_send_copy(
        case=case,
        actor=officer,
        sent_on=add_workdays(accepted, 1),
        respondent_received_on=add_workdays(accepted, 2),
    )
    services.case_receive_reply(
        case=case, actor=officer, received_on=add_workdays(accepted, 5), with_evidence=True
    )
    hearing_day = add_workdays(accepted, 14)
    hearing = services.hearing_schedule(
        case=case,
        actor=officer,
        date=hearing_day,
        place="市司法局听证室",
        matters="罚款数额是否适当",
        presiding=head,
        officers=panel,
        clerk=officer,
        notice_sent_on=add_workdays(hearing_day, -6),
        notice_number="天复听〔2025〕1号",
    )
    services.hearing_record(hearing=hearing, actor=officer, respondent_head_attended=True)
    meeting = services.committee_meeting_create(
        actor=officer, body=tree.city, date=hearing_day + timedelta(days=2), topic="咨询", members=[head]
    )
    services.committee_consult(
        meeting=meeting, case=case, actor=officer, opinion="应予撤销", majority_view="撤销"
    )
    suspended = hearing_day + timedelta(days=3)
    services.case_suspend(
        case=case,
        actor=officer,
        ground="39-8",
        suspended_on=suspended,
        reason="需以相关诉讼结果为依据。",
        notice_number="天复中〔2025〕1号",
    )
    services.case_resume(
        case=case, actor=officer, resumed_on=suspended + timedelta(days=10), notice_number="天复恢〔2025〕1号"
    )
    services.case_extend(
        case=case,
        actor=officer,
        days=20,
        reference="天复延〔2025〕1号",
        reason="案情复杂。",
        approved_by=head,
        approved_on=suspended + timedelta(days=11),  # within the period (复议法第六十二条第一款)
    )
    services.case_set_mediation(
        case=case, actor=officer, attempted=False, reason_not_attempted="被申请人不同意。"
    )
    services.opinion_draft(
        case=case, actor=officer, text="建议撤销。", proposed_outcome=DecisionOutcome.REVOKE
    )
    services.opinion_review(case=case, actor=head, text="同意。", agrees=True)
    services.case_submit_for_approval(case=case, actor=officer)
    decided = suspended + timedelta(days=15)
    services.case_decide(
        case=case,
        actor=head,
        outcome=DecisionOutcome.REVOKE,
        order_redo=True,
        decided_on=decided,
        reasoning="被申请人认定的主要事实不清。\n证据不足以证明申请人实施了违法行为。",
        legal_basis="《中华人民共和国行政复议法》第六十四条第一款第一项",
        signed_by=head,
        document_number="天复决〔2025〕7号",
    )
    services.opinion_letter_issue(
        case=case,
        actor=officer,
        agency=tree.city_market,
        content="规范行政处罚案件的调查取证。",
        sent_on=decided,
        document_number="天复意〔2025〕1号",
    )
    return case_detail(user=officer, pk=case.pk)


def test_every_document_of_a_full_case_renders_with_number_and_article(users, login, full_case):
    case = full_case
    kinds = [d.kind for d in documents.case_documents(case)]
    assert set(kinds) == {
        DocumentKind.CORRECTION_NOTICE,
        DocumentKind.ACCEPTANCE_NOTICE,
        DocumentKind.REPLY_NOTICE,
        DocumentKind.HEARING_NOTICE,
        DocumentKind.SUSPENSION_NOTICE,
        DocumentKind.RESUMPTION_NOTICE,
        DocumentKind.EXTENSION_NOTICE,
        DocumentKind.DECISION,
        DocumentKind.OPINION_LETTER,
    }
    client = login(users.fuyi)
    expected = {
        DocumentKind.CORRECTION_NOTICE: ("第三十一条", f"天复补〔{case.year}〕{case.serial}号"),
        DocumentKind.ACCEPTANCE_NOTICE: ("第三十条第一款", f"天复受〔{case.year}〕{case.serial}号"),
        DocumentKind.REPLY_NOTICE: ("第四十八条", f"天复答〔{case.year}〕{case.serial}号"),
        DocumentKind.HEARING_NOTICE: ("第五十一条", "天复听〔2025〕1号"),
        DocumentKind.SUSPENSION_NOTICE: ("第三十九条第一款", "天复中〔2025〕1号"),
        DocumentKind.RESUMPTION_NOTICE: ("第三十九条第二款", "天复恢〔2025〕1号"),
        DocumentKind.EXTENSION_NOTICE: ("第六十二条第一款", "天复延〔2025〕1号"),
        DocumentKind.DECISION: ("第六十四条", "天复决〔2025〕7号"),
        DocumentKind.OPINION_LETTER: ("第七十六条", "天复意〔2025〕1号"),
    }
    for kind, (article, number) in expected.items():
        text = _download(client, case, kind)
        assert case.number in text, kind
        assert article in text, kind
        assert number in text, kind
        assert "天水市人民政府" in text, kind
        assert "{{" not in text and "{%" not in text, kind
    decision = _download(client, case, DocumentKind.DECISION)
    assert "撤销被申请人天水市市场监督管理局" in decision and "重新作出行政行为" in decision
    assert "证据不足以证明申请人实施了违法行为" in decision  # every line of the reasoning
    assert "十五日内" in decision and "第七十五条" in decision
    correction = _download(client, case, DocumentKind.CORRECTION_NOTICE)
    assert "1. 1. 身份证明复印件" not in correction and "处罚决定书复印件" in correction
    extension = _download(client, case, DocumentKind.EXTENSION_NOTICE)
    assert "20日" in extension


def test_download_is_logged_as_a_download(users, login, full_case):
    client = login(users.fuyi)
    _download(client, full_case, DocumentKind.DECISION)
    entry = AccessLog.objects.get(action="download", object_id=str(full_case.pk))
    assert entry.model_label == "reconsideration.reconsiderationcase"
    assert "行政复议决定书" in entry.description and "天复决〔2025〕7号" in entry.description


def test_a_document_the_case_does_not_have_is_404(tree, users, login):
    case = case_at(
        CaseStatus.UNDER_REVIEW,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )
    client = login(users.fuyi)
    for kind in ("decision", "acceptance", "no-such-kind"):
        assert client.get(reverse("reconsideration:document", args=(case.pk, kind))).status_code == 404


def test_county_documents_carry_the_county_header_and_prefix(tree, users, login):
    case = case_at(
        CaseStatus.ACCEPTED,
        officer=users.fuyi_qinzhou,
        head=users.fuyi_head,
        body=tree.qinzhou,
        respondent=tree.qinzhou_market,
    )
    text = _download(login(users.fuyi_qinzhou), case, DocumentKind.ACCEPTANCE_NOTICE)
    assert text.splitlines()[0] == "秦州区人民政府"
    assert f"秦复受〔{case.year}〕{case.serial}号" in text
    assert (
        login(users.fuyi_maiji)
        .get(reverse("reconsideration:document", args=(case.pk, "acceptance")))
        .status_code
        == 404
    )


def test_rejection_mediation_and_termination_documents(tree, users, login):
    officer, head = users.fuyi, users.fuyi_head
    kw = {"officer": officer, "head": head, "body": tree.city, "respondent": tree.city_market}
    rejected = case_at(CaseStatus.REJECTED, **kw)
    mediated = case_at(CaseStatus.MEDIATED, **kw)
    client = login(officer)
    text = _download(client, rejected, DocumentKind.NOT_ACCEPTED)
    assert rejected.number in text and "第三十条" in text and "不予受理" in text
    text = _download(client, mediated, DocumentKind.MEDIATION)
    assert mediated.number in text and "第七十三条" in text and "被申请人减少罚款数额" in text

    case = case_at(CaseStatus.IN_TRIAL, **kw)
    services.mediation_session_record(
        case=case,
        actor=officer,
        held_on=case.accepted_on + timedelta(days=9),
        participants_note="双方",
        result=MediationResult.SETTLED,
    )
    services.case_terminate(
        case=case,
        actor=head,
        ground=TerminationGround.WITHDRAWN,
        terminated_on=case.accepted_on + timedelta(days=10),
        reasoning="双方达成和解，申请人撤回申请。",
        is_settlement=True,
        agency_changed_act=True,
    )
    text = _download(client, case, DocumentKind.TERMINATION)
    assert case.number in text and "第四十一条" in text and "第七十四条" in text


def test_documents_through_the_pages_take_the_next_number_of_the_series(tree, users, login):
    case = case_at(
        CaseStatus.IN_TRIAL,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )
    client = login(users.fuyi)
    on = case.accepted_on + timedelta(days=15)
    for _ in range(2):
        response = client.post(
            reverse("reconsideration:action", args=(case.pk, "suspend")),
            {"ground": "39-5", "suspended_on": f"{on:%Y-%m-%d}", "reason": "不可抗力。"},
        )
        assert response.status_code == 302
        client.post(
            reverse("reconsideration:action", args=(case.pk, "resume")), {"resumed_on": f"{on:%Y-%m-%d}"}
        )
    numbers = [
        d.number
        for d in documents.case_documents(case_detail(user=users.fuyi, pk=case.pk))
        if d.kind == "suspension"
    ]
    assert numbers == [f"天复中〔{on.year}〕1号", f"天复中〔{on.year}〕2号"]
    second = documents.case_documents(case_detail(user=users.fuyi, pk=case.pk))
    item = [d for d in second if d.kind == "suspension"][1].item_id
    text = _download(client, case, DocumentKind.SUSPENSION_NOTICE, item=item)
    assert f"天复中〔{on.year}〕2号" in text and "第三十九条第一款" in text


DOUBLED_PUNCTUATION = re.compile(r"[，。；：、][，。；：、]")
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
WITH_PARTY_LINES = {DocumentKind.DECISION, DocumentKind.MEDIATION, DocumentKind.TERMINATION}


def _with_third_party_and_agent(case):
    """The applicant 张三 gets an agent 王五; 李四 joins as a third party (复议法第十六条、第十七条)."""
    applicant = case.dispute.parties.get(role=PartyRole.CLAIMANT)
    PartyFactory(dispute=case.dispute, role=PartyRole.THIRD_PARTY, name="李四", id_number="")
    PartyFactory(
        dispute=case.dispute, role=PartyRole.AGENT, kind=PartyKind.PERSON, name="王五", agent_for=applicant
    )


def test_every_document_parses_back_as_an_official_document(tree, users, full_case):
    """All twelve documents, opened again with python-docx: 版头 (the body), 发文字号, 标题 in that
    order, the parties, 落款 with 成文日期; no doubled punctuation, no placeholder left, no English,
    no program named; the file's author is the issuing body."""
    officer, head = users.fuyi, users.fuyi_head
    kw = {"officer": officer, "head": head, "body": tree.city, "respondent": tree.city_market}
    terminated = case_at(CaseStatus.IN_TRIAL, **kw)
    services.case_terminate(
        case=terminated,
        actor=head,
        ground=TerminationGround.WITHDRAWN,
        terminated_on=terminated.accepted_on + timedelta(days=10),
        reasoning="申请人撤回申请。",
    )
    cases = [full_case, case_at(CaseStatus.REJECTED, **kw), case_at(CaseStatus.MEDIATED, **kw), terminated]
    seen = set()
    for case in cases:
        _with_third_party_and_agent(case)
        case = case_detail(user=officer, pk=case.pk)
        for doc in documents.case_documents(case):
            content, filename = documents.render_case_document(case, doc)
            assert filename == f"{case.number}-{doc.title}.docx"
            parsed = docx.Document(io.BytesIO(content))
            lines = [p.text for p in parsed.paragraphs]
            filled = [line for line in lines if line.strip()]
            text = "\n".join(lines)
            organ = "天水市人民政府"
            where = (doc.kind, text)
            # 版头, 发文字号, 标题 — then 落款 (organ, seal) and 成文日期 closing the document.
            assert filled[:3] == [organ, doc.number, doc.title], where
            assert filled[-3:] == [organ, "（印章）", cn_date(doc.issued_on)], where
            assert case.number in text and tree.city_market.name in text, where
            if doc.kind != DocumentKind.OPINION_LETTER:
                assert "张三" in text, where
            if doc.kind in WITH_PARTY_LINES:
                assert "申请人：张三" in lines and "被申请人：天水市市场监督管理局" in lines, where
                assert "委托代理人：王五（张三的委托代理人）" in lines and "第三人：李四" in lines, where
            for line in lines:
                assert not DOUBLED_PUNCTUATION.search(line), (doc.kind, line)
                assert not PLACEHOLDER.search(line), (doc.kind, line)
                assert not ENGLISH_WORD.search(line), (doc.kind, line)
            assert "系统" not in text, where
            props = parsed.core_properties
            assert props.author == organ and props.last_modified_by == organ, doc.kind
            assert "python" not in f"{props.comments}{props.title}{props.subject}".lower(), doc.kind
            seen.add(doc.kind)
    assert seen == set(documents.SPECS)
