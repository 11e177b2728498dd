"""The twelve official documents: each renders as a DOCX naming the case, its number and the article
it rests on; downloads are logged; numbers come from the body's yearly series."""

import io
import os
import re
from datetime import timedelta
from pathlib import Path

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
from reconsideration.models import CaseDecision, ReconsiderationCase
from reconsideration.selectors import case_detail
from tests.disputes.factories import PartyFactory

from .factories import case_at, register_case, request_and_approve_extension, submit_and_approve

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
    request_and_approve_extension(
        case,
        officer=officer,
        head=head,
        days=20,
        reference="天复延〔2025〕1号",
        reason="案情复杂。",
        on=suspended + timedelta(days=11),  # within the period (复议法第六十二条第一款)
    )
    services.case_set_mediation(
        case=case, actor=officer, attempted=False, reason_not_attempted="被申请人不同意。"
    )
    services.opinion_draft(
        case=case, actor=officer, text="建议撤销。", proposed_outcome=DecisionOutcome.REVOKE
    )
    services.opinion_review(case=case, actor=head, text="同意。", agrees=True)
    decided = suspended + timedelta(days=15)
    submit_and_approve(
        case,
        officer=officer,
        head=head,
        outcome=DecisionOutcome.REVOKE,
        order_redo=True,
        decided_on=decided,
        reasoning="被申请人认定的主要事实不清。\n证据不足以证明申请人实施了违法行为。",
        legal_basis="《中华人民共和国行政复议法》第六十四条第一款第一项",
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
    """The applicant 张三 gets an agent 王五; 天水某某商贸有限公司 joins as a third party (复议法第十六条、
    第十七条), with its 法定代表人."""
    applicant = case.dispute.parties.get(role=PartyRole.CLAIMANT)
    PartyFactory(
        dispute=case.dispute,
        role=PartyRole.THIRD_PARTY,
        kind=PartyKind.ORGANISATION,
        name="天水某某商贸有限公司",
        id_number="",
        address="天水市麦积区商埠路8号。",
        legal_representative="李四",
    )
    PartyFactory(
        dispute=case.dispute, role=PartyRole.AGENT, kind=PartyKind.PERSON, name="王五", agent_for=applicant
    )


def _decided(kw, outcome, **register):
    case = case_at(CaseStatus.DECIDED, outcome=outcome, **register, **kw)
    return case


def _dump(kind, text):
    # Set TIANSHUI_DUMP_DOCUMENTS=<dir> to read the documents as an officer would.
    target = os.environ.get("TIANSHUI_DUMP_DOCUMENTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        (Path(target) / f"{kind}.txt").write_text(text, encoding="utf-8")


def test_every_document_parses_back_as_an_official_document(tree, users, full_case):
    """All documents, opened again with python-docx: 版头 (the body), 发文字号, 标题 in that order,
    the parties, 落款 with 成文日期; no doubled punctuation, no placeholder left, no English, no
    program named; the file's author is the issuing body."""
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
    ReconsiderationCase.objects.filter(pk=full_case.pk).update(
        respondent_statement="被申请人称：申请人的违法事实清楚，处罚适当。",
        third_party_statement="同意被申请人的意见。",
        findings="经审理查明：2025年1月2日，被申请人对申请人经营场所进行检查。",
    )
    cases = [
        full_case,
        case_at(CaseStatus.REJECTED, **kw),
        case_at(CaseStatus.MEDIATED, **kw),
        terminated,
        _decided(kw, DecisionOutcome.DISMISS_APPLICATION),
    ]
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
            _dump(f"{case.pk}-{doc.kind}", text)
            organ = "天水市人民政府"
            where = (doc.kind, text)
            # 版头, 发文字号, 标题 — then 落款 (organ, seal) and 成文日期 closing the document.
            assert filled[:3] == [organ, doc.number, doc.title], where
            assert filled[-3:] == [organ, "（印章）", cn_date(doc.issued_on)], where
            assert case.number in text and tree.city_market.name in text, where
            if doc.kind != DocumentKind.OPINION_LETTER:
                assert "张三" in text, where
            if doc.kind in WITH_PARTY_LINES:
                # A person with sex, birth date and address; an organisation with its 法定代表人.
                person = "申请人：张三，女，1949年12月31日出生，住甘肃省天水市秦州区民主西路12号"
                assert person in lines, where
                assert "被申请人：天水市市场监督管理局" in lines, where
                assert "委托代理人：王五（张三的委托代理人）" in lines, where
                assert "第三人：天水某某商贸有限公司，住所地天水市麦积区商埠路8号" in lines, where
                assert "法定代表人：李四" in lines, where
            for line in lines:
                assert not DOUBLED_PUNCTUATION.search(line), (doc.kind, line)
                assert not PLACEHOLDER.search(line), (doc.kind, line)
                assert not ENGLISH_WORD.search(line), (doc.kind, line)
            assert "系统" not in text and "11010519491231002X" not in text, where
            assert "你（单位）" not in text and "行政处罚行为" not in text, where
            props = parsed.core_properties
            assert props.author == organ and props.last_modified_by == organ, doc.kind
            assert "python" not in f"{props.comments}{props.title}{props.subject}".lower(), doc.kind
            seen.add(doc.title)
    assert seen == {str(spec.title) for spec in documents.OFFICIAL_DOCUMENTS.values()}


DECISION_SECTIONS = (
    "申请人请求：",
    "申请人称：",
    "被申请人称：",
    "第三人称：",
    "经审理查明：",
    "本机关认为：",
    "本机关决定：",
)


def test_the_decision_has_every_section_of_the_standard_form(tree, users, full_case):
    """行政复议决定书: parties, 申请人请求 / 申请人称 / 被申请人称 / 第三人称 / 经审理查明 / 本机关认为 /
    决定, in that order, and the right to sue within 15 days of receipt (行政诉讼法第四十五条)."""
    ReconsiderationCase.objects.filter(pk=full_case.pk).update(
        respondent_statement="申请人的违法事实清楚，处罚适当。",
        third_party_statement="同意被申请人的意见。",
        findings="经审理查明：2025年1月2日，被申请人对申请人经营场所进行检查。",
    )
    _with_third_party_and_agent(full_case)
    case = case_detail(user=users.fuyi, pk=full_case.pk)
    doc = next(d for d in documents.case_documents(case) if d.kind == DocumentKind.DECISION)
    content, _ = documents.render_case_document(case, doc)
    text = _text(content)
    _dump("decision", text)
    positions = [text.index(section) for section in DECISION_SECTIONS]
    assert positions == sorted(positions)
    assert "被申请人称：申请人的违法事实清楚，处罚适当。" in text
    assert "经审理查明：2025年1月2日" in text and "本机关认为：经审理查明" not in text
    assert "本机关认为：被申请人认定的主要事实不清。" in text
    assert "申请人、第三人如不服本决定，可以自收到本决定书之日起十五日内" in text
    assert "行政诉讼法》第四十五条" in text
    assert "号行政处罚决定" in text or "作出的行政处罚决定" in text


def test_decision_wording_of_dismissal_order_to_perform_and_deemed_acceptance(tree, users):
    """驳回行政复议申请 has its own title; 责令履行 states the period (第六十六条 "在一定期限内");
    a deemed acceptance does not claim an examination; an organisation is "你单位"."""
    officer, head = users.fuyi, users.fuyi_head
    kw = {"officer": officer, "head": head, "body": tree.city, "respondent": tree.city_market}
    dismissed = case_detail(user=officer, pk=_decided(kw, DecisionOutcome.DISMISS_APPLICATION).pk)
    doc = next(d for d in documents.case_documents(dismissed) if d.kind == DocumentKind.DECISION)
    assert doc.title == "驳回行政复议申请决定书"
    text = _text(documents.render_case_document(dismissed, doc)[0])
    assert "驳回行政复议申请决定书" in text.splitlines()[:8]
    assert "第三十三条" in text and "驳回申请人的行政复议申请" in text
    assert "经审查，经审查" not in text and "不符合" in text

    ordered = _decided(kw, DecisionOutcome.ORDER_PERFORM)
    CaseDecision.objects.filter(case=ordered).update(performance_days=30)
    ordered = case_detail(user=officer, pk=ordered.pk)
    doc = next(d for d in documents.case_documents(ordered) if d.kind == DocumentKind.DECISION)
    text = _text(documents.render_case_document(ordered, doc)[0])
    assert "自收到本决定书之日起30日内履行法定职责" in text and "在法定期限内履行" not in text

    deemed = case_at(CaseStatus.ACCEPTED, **kw)
    ReconsiderationCase.objects.filter(pk=deemed.pk).update(is_deemed_accepted=True)
    deemed.dispute.parties.filter(role=PartyRole.CLAIMANT).update(
        kind=PartyKind.ORGANISATION, name="天水某某公司", id_number=""
    )
    deemed = case_detail(user=officer, pk=deemed.pk)
    doc = next(d for d in documents.case_documents(deemed) if d.kind == DocumentKind.ACCEPTANCE_NOTICE)
    text = _text(documents.render_case_document(deemed, doc)[0])
    _dump("deemed", text)
    assert "视为受理" in text and "第三十条第三款" in text
    assert "经审查" not in text and "决定自" not in text
    assert "你单位不服" in text and "你（单位）" not in text


def test_extension_notice_reads_once(users, full_case):
    """延期审理通知书: the reason once, the period once, no doubled punctuation."""
    case = full_case
    doc = next(d for d in documents.case_documents(case) if d.kind == DocumentKind.EXTENSION_NOTICE)
    text = _text(documents.render_case_document(case, doc)[0])
    _dump("extension", text)
    assert text.count("案情复杂") == 1 and text.count("延长") == 1
    assert "因案情复杂，不能在规定期限内作出行政复议决定" in text
    assert not DOUBLED_PUNCTUATION.search(text)
