"""The reconsideration pages: lists and queues, registration, the case page, the actions (each one
service, refusals shown in Chinese), meetings, experts and 府院联动, jurisdiction and query counts."""

from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse

from core.models import AccessLog
from deadlines.calendar import add_workdays
from disputes.models import Dispute
from reconsideration import services
from reconsideration.actions import ACTIONS_BY_SLUG
from reconsideration.choices import CaseStatus, DecisionOutcome, OpinionTier
from reconsideration.models import CaseDecision, CommitteeConsultation, ReconsiderationCase

from .factories import authorise_signer, case_at, register_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_case(tree, users):
    """A city case under review, handled by `fuyi` (received Mon 2025-03-03)."""
    return case_at(
        CaseStatus.UNDER_REVIEW,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )


def _case(status, tree, users, **kwargs):
    return case_at(
        status,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
        **kwargs,
    )


def _post_action(client, case, action, data):
    return client.post(reverse("reconsideration:action", args=(case.pk, action)), data)


# =====================================================================================================
# Jurisdiction and roles
# =====================================================================================================


def test_county_officer_sees_only_county_cases_in_the_list(tree, users, login):
    qinzhou = case_at(
        CaseStatus.UNDER_REVIEW,
        officer=users.fuyi_qinzhou,
        head=users.fuyi_head,
        body=tree.qinzhou,
        respondent=tree.qinzhou_market,
    )
    city = _case(CaseStatus.UNDER_REVIEW, tree, users)
    page = login(users.fuyi_maiji).get(reverse("reconsideration:index")).content.decode()
    assert qinzhou.number not in page and city.number not in page
    page = login(users.fuyi_qinzhou).get(reverse("reconsideration:index")).content.decode()
    assert qinzhou.number in page and city.number not in page
    page = login(users.fuyi).get(reverse("reconsideration:index")).content.decode()
    assert qinzhou.number in page and city.number in page


def test_system_admin_gets_403_on_case_content(tree, users, login, city_case):
    client = login(users.admin)
    for url in (
        reverse("reconsideration:index"),
        reverse("reconsideration:detail", args=(city_case.pk,)),
        reverse("reconsideration:statistics"),
        reverse("reconsideration:action", args=(city_case.pk, "accept")),
        reverse("reconsideration:meeting_list"),
    ):
        assert client.get(url).status_code == 403, url


def test_leader_reads_the_case_but_is_offered_no_action(tree, users, login, city_case):
    page = login(users.leader).get(reverse("reconsideration:detail", args=(city_case.pk,))).content.decode()
    assert city_case.number in page
    assert reverse("reconsideration:action", args=(city_case.pk, "accept")) not in page
    response = login(users.leader).get(reverse("reconsideration:action", args=(city_case.pk, "accept")))
    assert response.status_code == 403


# =====================================================================================================
# The list: queues, filters, export, query counts
# =====================================================================================================


def test_review_queue_shows_the_acceptance_countdown_in_working_days(tree, users, login):
    # Received Thu 2026-11-26 (today in this test is taken from the clock: use a case received today).
    from django.utils import timezone

    today = timezone.localdate()
    case = register_case(
        actor=users.fuyi, body=tree.city, respondent=tree.city_market, received_on=today, handler=users.fuyi
    )
    page = login(users.fuyi).get(reverse("reconsideration:index") + "?queue=review").content.decode()
    assert case.number in page
    due = add_workdays(today, 5)
    assert f"{due:%Y-%m-%d}" in page
    assert "剩 5 个工作日" in page


def test_overdue_queue_and_filters(tree, users, login):
    late = _case(CaseStatus.UNDER_REVIEW, tree, users)  # review clock of 2025-03 long expired
    other = register_case(
        actor=users.fuyi,
        body=tree.city,
        respondent=tree.city_market,
        received_on=date(2025, 3, 4),
        act_type="licensing",
    )
    client = login(users.fuyi)
    page = client.get(reverse("reconsideration:index") + "?queue=overdue").content.decode()
    assert late.number in page
    assert "row-overdue" in page
    page = client.get(reverse("reconsideration:index"), {"act_type": "licensing"}).content.decode()
    assert other.number in page and late.number not in page
    page = client.get(reverse("reconsideration:index"), {"number": late.number}).content.decode()
    assert late.number in page and other.number not in page


def test_approval_queue_for_the_head(tree, users, login):
    pending = _case(CaseStatus.PENDING_APPROVAL, tree, users)
    page = login(users.fuyi_head).get(reverse("reconsideration:index") + "?queue=approval").content.decode()
    assert pending.number in page
    page = login(users.fuyi).get(reverse("reconsideration:index")).content.decode()
    assert "待我审批" not in page  # an officer has no approval queue


def test_list_export_is_an_excel_file_and_logged(tree, users, login):
    case = _case(CaseStatus.DECIDED, tree, users, outcome=DecisionOutcome.REVOKE)
    response = login(users.fuyi).get(reverse("reconsideration:index"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(__import__("io").BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "案号"
    row = next(r for r in rows if r[0] == case.number)
    assert "撤销" in row[13] and row[14] == "直接纠错"
    assert AccessLog.objects.filter(
        action="export", model_label="reconsideration.reconsiderationcase"
    ).exists()


#: Queries of one list page whatever its rows (session, user with their unit, permissions in one
#: query (accounts/backends.py), the rows with their applicants, the page count, the queue badges
#: (one query over the active cases: counting every case there cost PostgreSQL 50–90 ms at scale
#: 10), the filter bar's units (one query for both lists), navigation).
LIST_QUERIES = {"all": 11, "mine": 11, "review": 10, "soon": 9, "overdue": 11}


def test_list_query_count_is_constant(tree, users, login, django_assert_num_queries):
    for i in range(32):
        register_case(
            actor=users.fuyi,
            body=tree.city,
            respondent=tree.city_market,
            received_on=date(2025, 3, 3) + timedelta(days=i % 20),
            handler=users.fuyi if i % 2 else None,
        )
    client = login(users.fuyi)
    client.get(reverse("reconsideration:index"))  # warm caches (content types, permissions)
    for queue, queries in LIST_QUERIES.items():
        with django_assert_num_queries(queries):
            response = client.get(reverse("reconsideration:index"), {"queue": queue})
        assert response.status_code == 200
    assert "共 32 条" in client.get(reverse("reconsideration:index")).content.decode()


# =====================================================================================================
# Registration
# =====================================================================================================


def _register_data(tree, **overrides):
    data = {
        "body": tree.city.pk,
        "channel": "in_person",
        "received_on": "2026-02-28",
        "submitted_on": "",
        "knew_of_act_on": "2026-02-10",
        "act_stated_right_to_apply": "on",
        "requests": "撤销被申请人作出的行政处罚决定。",
        "facts_and_reasons": "事实不清，证据不足。",
        "respondent": tree.city_market.pk,
        "act_type": "penalty",
        "sector": "market",
        "act_date": "2026-02-09",
        "act_document_number": "天市监罚〔2026〕8号",
        "claimant-role": "claimant",
        "claimant-kind": "person",
        "claimant-name": "李四",
        "parties-TOTAL_FORMS": "0",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return data


def test_register_creates_the_dispute_the_applicant_and_the_case(tree, users, login):
    client = login(users.fuyi)
    response = client.post(reverse("reconsideration:register"), _register_data(tree, handler=users.fuyi.pk))
    case = ReconsiderationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reconsideration:detail", args=(case.pk,)
    )
    assert case.number == "天复〔2026〕1号"
    assert case.status == CaseStatus.UNDER_REVIEW and case.handler == users.fuyi
    assert [p.name for p in case.applicants] == ["李四"]
    page = client.get(response["Location"]).content.decode()
    # Received on Sat 2026-02-28 (a make-up working day): 5 working days → Fri 2026-03-06.
    assert "2026-03-06" in page and "复议申请审查期限" in page
    assert "起算日 2026-02-28（星期六，当日不计入）" in page


def test_register_for_an_existing_dispute(tree, users, login):
    dispute = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market).dispute
    client = login(users.fuyi)
    data = _register_data(tree, dispute=dispute.pk, respondent="", act_type="", sector="", act_date="")
    data["received_on"] = "2025-03-05"
    data["knew_of_act_on"] = "2025-02-25"
    response = client.post(reverse("reconsideration:register"), data)
    assert response.status_code == 302
    assert Dispute.objects.count() == 1
    assert ReconsiderationCase.objects.filter(dispute=dispute).count() == 2


def test_register_refusal_is_a_chinese_message_and_saves_nothing(tree, users, login):
    # 复议法第三十二条: only on-the-spot / electronic-monitoring penalties may be forwarded.
    client = login(users.fuyi)
    data = _register_data(tree, channel="forwarded", forwarded_by=tree.city_market.pk)
    response = client.post(reverse("reconsideration:register"), data)
    assert response.status_code == 200
    assert "第三十二条" in response.content.decode()
    assert not ReconsiderationCase.objects.exists()
    assert not Dispute.objects.exists()


def test_register_requires_the_act_for_a_new_dispute(tree, users, login):
    response = login(users.fuyi).post(
        reverse("reconsideration:register"), _register_data(tree, respondent="", act_type="")
    )
    assert response.status_code == 200
    assert "新登记争议时必须填写此项" in response.content.decode()


# =====================================================================================================
# The case page
# =====================================================================================================


def test_detail_shows_only_the_actions_of_the_status(tree, users, login, city_case):
    page = login(users.fuyi).get(reverse("reconsideration:detail", args=(city_case.pk,))).content.decode()
    for slug in ("accept", "reject", "request_correction"):
        assert reverse("reconsideration:action", args=(city_case.pk, slug)) in page
    for slug in ("decide", "send_copy", "close", "terminate"):
        assert reverse("reconsideration:action", args=(city_case.pk, slug)) not in page


def test_detail_query_count(tree, users, login, django_assert_num_queries):
    case = _case(CaseStatus.DECIDED, tree, users, outcome=DecisionOutcome.REVOKE)
    client = login(users.fuyi)
    client.get(reverse("reconsideration:detail", args=(case.pk,)))
    # session, user, permissions, the case with its records (case_detail: the lists it has none of —
    # hearings, suspensions, mediation, consultations, letters — cost no query), the offered
    # actions, the case's clocks with their events (shared by the clocks panel and the documents),
    # attachments, the notification badge; its 报请审批 record and the 听取意见 record the decided case
    # has (复议法第四十九条)
    with django_assert_num_queries(15):
        response = client.get(reverse("reconsideration:detail", args=(case.pk,)))
    page = response.content.decode()
    assert "行政复议决定书" in page and "直接纠错" in page


def test_detail_shows_the_lists_the_case_has(tree, users, login, django_assert_num_queries):
    """A list the case holds rows of is fetched (one query more) and shown: here its suspension."""
    case = _case(CaseStatus.SUSPENDED, tree, users)
    client = login(users.fuyi)
    client.get(reverse("reconsideration:detail", args=(case.pk,)))
    with django_assert_num_queries(13):
        page = client.get(reverse("reconsideration:detail", args=(case.pk,))).content.decode()
    assert "中止与恢复" in page and "申请人住院治疗。" in page


def test_trial_page_judges_the_reply_and_the_hearings_from_the_rows_it_shows(
    tree, users, login, django_assert_num_queries
):
    """The case page of a case in trial tells 第七十条 (no reply within the period) and what the
    decision still waits for (第四十九条、第五十条) from the clocks and records it already shows."""
    case = _case(CaseStatus.IN_TRIAL, tree, users, reply=False, is_major_difficult_complex=True)
    url = reverse("reconsideration:detail", args=(case.pk,))
    client = login(users.fuyi)
    client.get(url)
    # as test_detail_query_count, without the lists this case has none of; no query more for the
    # reply clock (read from the clocks panel's rows) nor for the hearings (the case's lists)
    with django_assert_num_queries(12):
        page = client.get(url).content.decode()
    assert "视为该行政行为没有证据" in page  # the reply period ran out without a reply
    assert "第四十九条）" in page and "应当组织听证后方可作出决定" in page
    heard_on = add_workdays(case.respondent_received_copy_on, 4)
    services.case_hear_parties(
        case=case, actor=users.fuyi, heard_on=heard_on, method="phone", parties="申请人", summary="已听取。"
    )
    page = client.get(url).content.decode()
    assert "听取当事人的意见并记录在案" not in page  # 第四十九条 met by the record
    assert "应当组织听证后方可作出决定" in page  # a party heard is not a hearing held (第五十条)


def test_action_for_another_status_redirects_with_a_message(tree, users, login, city_case):
    client = login(users.fuyi)
    response = client.get(reverse("reconsideration:action", args=(city_case.pk, "submit")))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "不能“报请审批”" in page


def test_unknown_action_is_404(tree, users, login, city_case):
    response = login(users.fuyi).get(reverse("reconsideration:action", args=(city_case.pk, "explode")))
    assert response.status_code == 404


def test_accept_through_the_page_starts_the_clocks(tree, users, login, city_case):
    client = login(users.fuyi)
    response = _post_action(
        client,
        city_case,
        "accept",
        {"accepted_on": "2025-03-05", "procedure": "ordinary", "simple_ground": ""},
    )
    assert response.status_code == 302
    city_case.refresh_from_db()
    assert city_case.status == CaseStatus.ACCEPTED
    page = client.get(reverse("reconsideration:detail", args=(city_case.pk,))).content.decode()
    assert "复议决定期限" in page and "受理通知书" in page
    assert "已受理。" in page


def test_accepting_after_the_review_period_shows_the_gate_in_chinese(tree, users, login, city_case):
    # Received Mon 2025-03-03: the review period ended Mon 2025-03-10; 复议法第三十条第三款.
    response = _post_action(
        login(users.fuyi),
        city_case,
        "accept",
        {"accepted_on": "2025-03-12", "procedure": "ordinary", "simple_ground": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "视为受理" in page and "第三十条第三款" in page
    city_case.refresh_from_db()
    assert city_case.status == CaseStatus.UNDER_REVIEW


def _reviewed(tree, users, **kwargs):
    """A 拟决定 case whose draft the head has reviewed: the handler may submit it."""
    case = _case(CaseStatus.DRAFTED, tree, users, **kwargs)
    services.opinion_review(case=case, actor=users.fuyi_head, text="同意。", agrees=True)
    return case


def test_submitting_a_major_case_without_hearing_is_refused_with_a_message(tree, users, login):
    case = _reviewed(tree, users, is_major_difficult_complex=True)
    response = _post_action(
        login(users.fuyi),
        case,
        "submit",
        {
            "outcome": DecisionOutcome.UPHOLD,
            "on": f"{case.accepted_on + timedelta(days=30):%Y-%m-%d}",
            "reasoning": "事实清楚。",
            "legal_basis": "《中华人民共和国行政复议法》第六十八条",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "应当组织听证" in page and "第五十条" in page
    assert "第五十二条" in page  # every blocker is listed, the committee too
    assert not case.approval_requests.exists() and not CaseDecision.objects.filter(case=case).exists()


def test_an_officer_cannot_approve_and_the_submitter_is_not_offered_it(tree, users, login):
    case = _case(CaseStatus.PENDING_APPROVAL, tree, users)
    officer = login(users.fuyi)
    assert officer.get(reverse("reconsideration:action", args=(case.pk, "decide"))).status_code == 403
    assert "decide" not in _offered(officer, case)
    assert {"decide", "return_for_revision"} <= _offered(login(users.fuyi_head), case)


def test_departing_from_the_recommendations_needs_a_reason_shown_to_the_approver(tree, users, login):
    case = _reviewed(tree, users)  # the handler's draft proposes 维持
    officer = login(users.fuyi)
    data = {
        **{
            "outcome": DecisionOutcome.UPHOLD,
            "on": f"{case.accepted_on + timedelta(days=30):%Y-%m-%d}",
            "reasoning": "事实清楚。",
            "legal_basis": "《中华人民共和国行政复议法》第六十八条",
        },
        "outcome": DecisionOutcome.REVOKE,
        "legal_basis": "第六十四条",
    }
    response = _post_action(officer, case, "submit", data)
    assert response.status_code == 200 and "不采纳的理由" in response.content.decode()
    data["departure_reason"] = "复核证据后认定处罚事实不清。"
    assert _post_action(officer, case, "submit", data).status_code == 302
    head = login(users.fuyi_head)
    assert (
        "复核证据后认定处罚事实不清。"
        in head.get(reverse("reconsideration:action", args=(case.pk, "decide"))).content.decode()
    )
    assert "复核证据后认定处罚事实不清。" in head.get("/").content.decode()  # the 待我审批 panel
    assert (
        "复核证据后认定处罚事实不清。"
        in head.get(reverse("reconsideration:detail", args=(case.pk,))).content.decode()
    )


def test_decide_through_the_page_numbers_the_decision(tree, users, login):
    case = _case(CaseStatus.PENDING_APPROVAL, tree, users, outcome=DecisionOutcome.REVOKE)
    authorise_signer(users.fuyi_head, tree.city)
    response = _post_action(
        login(users.fuyi_head),
        case,
        "decide",
        {"decided_on": f"{case.accepted_on + timedelta(days=30):%Y-%m-%d}"},
    )
    assert response.status_code == 302
    decision = CaseDecision.objects.get(case=case)
    assert decision.is_directly_corrected and decision.signed_by == users.fuyi_head
    assert decision.document_number == f"天复决〔{decision.decided_on.year}〕1号"


def test_suspend_and_resume_move_the_decision_clock_visibly(tree, users, login):
    case = _case(CaseStatus.IN_TRIAL, tree, users)
    client = login(users.fuyi)
    detail = reverse("reconsideration:detail", args=(case.pk,))
    from deadlines.clocks import latest_clock
    from reconsideration.deadlines import DECISION

    before = latest_clock(case, DECISION).due_date
    suspended_on = case.accepted_on + timedelta(days=20)
    response = _post_action(
        client,
        case,
        "suspend",
        {"ground": "39-5", "suspended_on": f"{suspended_on:%Y-%m-%d}", "reason": "申请人住院治疗。"},
    )
    assert response.status_code == 302
    page = client.get(detail).content.decode()
    assert "中止中" in page and "中止审理通知书" in page
    response = _post_action(
        client, case, "resume", {"resumed_on": f"{suspended_on + timedelta(days=10):%Y-%m-%d}"}
    )
    assert response.status_code == 302
    after = latest_clock(case, DECISION).due_date
    assert after > before
    page = client.get(detail).content.decode()
    assert f"{after:%Y-%m-%d}" in page and "恢复审理通知书" in page


def test_extension_needs_the_head_and_shows_the_new_due_date(tree, users, login):
    from deadlines.clocks import latest_clock
    from reconsideration.deadlines import DECISION

    case = _case(CaseStatus.IN_TRIAL, tree, users)
    before = latest_clock(case, DECISION).due_date
    client = login(users.fuyi)
    response = _post_action(client, case, "extend", {"days": "40", "reason": "案情复杂。"})
    assert response.status_code == 200  # > 30 days: the form refuses before the service
    response = _post_action(
        client, case, "extend", {"days": "30", "reason": "案情复杂。", "on": "2025-04-28"}
    )
    assert response.status_code == 302
    assert latest_clock(case, DECISION).due_date == before  # 报请延期: nothing moves yet
    assert "approve_extension" not in _offered(client, case)
    head = login(users.fuyi_head)
    assert "延期待批" in head.get("/").content.decode()
    # approved after the period has run out (today) is refused (复议法第六十二条第一款) ...
    response = _post_action(head, case, "approve_extension", {})
    assert response.status_code == 200 and "届满" in response.content.decode()
    # ... nor before it was asked for (2025-04-28) ...
    response = _post_action(head, case, "approve_extension", {"on": "2025-04-25"})
    assert response.status_code == 200 and "不能早于报请日期" in response.content.decode()
    # ... the real approval date within the period is accepted
    assert _post_action(head, case, "approve_extension", {"on": "2025-04-30"}).status_code == 302
    clock = latest_clock(case, DECISION)
    assert clock.extension_days == 30
    page = head.get(reverse("reconsideration:detail", args=(case.pk,))).content.decode()
    assert f"{clock.due_date:%Y-%m-%d}" in page and "延期审理通知书" in page
    client = login(users.fuyi)
    assert (
        _post_action(
            client, case, "extend", {"days": "1", "reason": "再延。", "on": "2025-04-30"}
        ).status_code
        == 302
    )
    response = _post_action(login(users.fuyi_head), case, "approve_extension", {"on": "2025-04-30"})
    assert response.status_code == 200
    assert "三十日" in response.content.decode() or "30" in response.content.decode()


def test_three_tiers_through_the_pages(tree, users, login):
    case = _case(CaseStatus.IN_TRIAL, tree, users)
    officer, head = login(users.fuyi), None
    assert (
        _post_action(
            officer, case, "mediation_status", {"attempted": "0", "reason_not_attempted": "被申请人不同意。"}
        ).status_code
        == 302
    )
    assert (
        _post_action(officer, case, "draft", {"text": "建议维持。", "proposed_outcome": "uphold"}).status_code
        == 302
    )
    # the review is the 复议机构负责人's (four eyes): the officer is not even offered it
    assert officer.get(reverse("reconsideration:action", args=(case.pk, "review"))).status_code == 403
    head = login(users.fuyi_head)
    assert _post_action(head, case, "review", {"agrees": "1", "text": "同意。"}).status_code == 302
    officer = login(users.fuyi)
    heard = {"heard_on": f"{case.accepted_on + timedelta(days=10):%Y-%m-%d}", "method": "phone"}
    heard.update(parties="申请人", summary="申请人坚持复议请求。")  # 复议法第四十九条
    assert _post_action(officer, case, "hear_parties", heard).status_code == 302
    submit = {"outcome": "uphold", "reasoning": "事实清楚。", "legal_basis": "第六十八条"}
    assert _post_action(officer, case, "submit", submit).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING_APPROVAL
    tiers = list(case.opinions.values_list("tier", flat=True))
    assert tiers == [OpinionTier.HANDLER, OpinionTier.OFFICE]


def test_hearing_notice_too_late_is_refused(tree, users, login, make_user):
    from accounts.choices import Role

    case = _case(CaseStatus.IN_TRIAL, tree, users)
    o1 = make_user("tingzheng1", unit=tree.city_justice, roles=[Role.RECON_OFFICER])
    o2 = make_user("tingzheng2", unit=tree.city_justice, roles=[Role.RECON_OFFICER])
    hearing_day = add_workdays(case.accepted_on, 12)
    response = _post_action(
        login(users.fuyi),
        case,
        "hearing_schedule",
        {
            "date": f"{hearing_day:%Y-%m-%d}",
            "place": "市司法局听证室",
            "matters": "处罚事实是否清楚",
            "presiding": users.fuyi_head.pk,
            "officers": [o1.pk, o2.pk],
            "clerk": users.fuyi.pk,
            "notice_sent_on": f"{add_workdays(hearing_day, -2):%Y-%m-%d}",
        },
    )
    assert response.status_code == 200
    assert "五个工作日前" in response.content.decode()


def test_committee_consultation_from_the_meeting_page(tree, users, login):
    case = _case(CaseStatus.IN_TRIAL, tree, users)
    client = login(users.fuyi)
    response = client.post(
        reverse("reconsideration:meeting_create"),
        {
            "body": tree.city.pk,
            "date": f"{case.accepted_on + timedelta(days=10):%Y-%m-%d}",
            "topic": "第一次咨询会",
            "members": [users.fuyi_head.pk, users.fuyi.pk],
        },
    )
    assert response.status_code == 302
    meeting_url = response["Location"]
    page = client.get(meeting_url).content.decode()
    assert case.number in page  # offered for consultation
    meeting_pk = int(meeting_url.rstrip("/").rsplit("/", 1)[1])
    response = client.post(
        reverse("reconsideration:meeting_consult", args=(meeting_pk,)),
        {
            "case": case.pk,
            "opinion": "多数委员认为应予撤销。",
            "majority_view": "撤销",
            "votes_for": 5,
            "votes_against": 1,
        },
    )
    assert response.status_code == 302
    consultation = CommitteeConsultation.objects.get(case=case)
    assert consultation.majority_view == "撤销"
    page = client.get(reverse("reconsideration:detail", args=(case.pk,))).content.decode()
    assert "多数意见" in page and "赞成 5 · 反对 1" in page


def test_expert_pool_is_for_the_head(tree, users, login):
    client = login(users.fuyi_head)
    response = client.post(
        reverse("reconsideration:expert_create"), {"body": tree.city.pk, "name": "周明", "field": "土地管理"}
    )
    assert response.status_code == 302
    page = client.get(reverse("reconsideration:expert_list")).content.decode()
    assert "周明" in page and "土地管理" in page


def test_linkage_with_cases_by_number(tree, users, login):
    from accounts.choices import UnitKind
    from tests.accounts.factories import OrgUnitFactory

    court = OrgUnitFactory(name="天水市中级人民法院", kind=UnitKind.COURT, parent=tree.city)
    case = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    client = login(users.fuyi)
    data = {
        "body": tree.city.pk,
        "kind": "case_consultation",
        "date": "2025-06-01",
        "title": "行政案件会商",
        "summary": "就征收补偿案件会商。",
        "partners": [court.pk],
        "case_numbers": f"{case.number}，天复〔1999〕9号",
    }
    response = client.post(reverse("reconsideration:linkage_create"), data)
    assert response.status_code == 200 and "天复〔1999〕9号" in response.content.decode()
    data["case_numbers"] = case.number
    response = client.post(reverse("reconsideration:linkage_create"), data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert case.number in page and "天水市中级人民法院" in page


def test_detail_of_a_case_with_every_record(tree, users, login):
    """A case with mediation, suspension, consultation and an opinion letter renders all of them."""
    case = _case(CaseStatus.IN_TRIAL, tree, users)
    officer = users.fuyi
    services.mediation_session_record(
        case=case,
        actor=officer,
        held_on=case.accepted_on + timedelta(days=8),
        participants_note="双方",
        result="failed",
    )
    services.opinion_letter_issue(
        case=case,
        actor=officer,
        agency=tree.city_market,
        content="规范执法程序。",
        sent_on=case.accepted_on + timedelta(days=9),
        received_on=case.accepted_on + timedelta(days=10),
        document_number="天复意〔2025〕1号",
    )
    page = login(officer).get(reverse("reconsideration:detail", args=(case.pk,))).content.decode()
    assert "调解不成" in page
    assert "天复意〔2025〕1号" in page and "意见书落实期限" in page


# =====================================================================================================
# Offered actions and refusals: each shown once, none the user cannot use
# =====================================================================================================


def _offered(client, case) -> set[str]:
    page = client.get(reverse("reconsideration:detail", args=(case.pk,))).content.decode()
    return {
        slug for slug in ACTIONS_BY_SLUG if reverse("reconsideration:action", args=(case.pk, slug)) in page
    }


def test_blockers_of_a_refused_decision_are_listed_once(tree, users, login):
    # 复议法第五十条、第五十二条: a major case needs its hearing and the committee before the decision.
    case = _reviewed(tree, users, is_major_difficult_complex=True)
    response = _post_action(
        login(users.fuyi),
        case,
        "submit",
        {
            "outcome": DecisionOutcome.UPHOLD,
            "on": f"{case.accepted_on + timedelta(days=30):%Y-%m-%d}",
            "reasoning": "事实清楚。",
            "legal_basis": "《中华人民共和国行政复议法》第六十八条",
        },
    )
    page = response.content.decode()
    assert page.count("应当组织听证") == 1
    assert page.count("应当提请行政复议委员会提出咨询意见") == 1


def test_a_step_out_of_order_is_refused_once_with_the_reason(tree, users, login, city_case):
    client = login(users.fuyi)
    response = client.post(reverse("reconsideration:action", args=(city_case.pk, "submit")), {}, follow=True)
    page = response.content.decode()
    assert page.count("不能“报请审批”") == 1
    # an in-place step names the service's own reason: the copy has not been sent yet (第四十八条)
    response = client.get(reverse("reconsideration:action", args=(city_case.pk, "copy_receipt")), follow=True)
    assert response.content.decode().count("尚未发送申请书副本。") == 1


def test_only_usable_steps_are_offered(tree, users, login, make_user):
    from accounts.choices import Role

    accepted = _case(CaseStatus.ACCEPTED, tree, users)
    officer = login(users.fuyi)
    offered = _offered(officer, accepted)
    # the copy is not sent yet: no receipt, no reply; the committee sits after the copy (第五十二条)
    assert "send_copy" in offered
    assert not {"copy_receipt", "reply", "committee", "hearing_schedule", "review"} & offered
    in_trial = _case(CaseStatus.IN_TRIAL, tree, users)
    offered = _offered(officer, in_trial)
    assert {"committee", "hearing_schedule", "draft", "suspend"} <= offered
    # the draft opinion is the handler's (三级办案): another officer is not offered it
    other = make_user("fuyi_other", unit=tree.city_justice, roles=[Role.RECON_OFFICER])
    assert "draft" not in _offered(login(other), in_trial)
    response = login(other).get(reverse("reconsideration:action", args=(in_trial.pk, "draft")), follow=True)
    assert "拟处理意见由本案承办人提出" in response.content.decode()


def test_an_order_states_its_period_from_submission_to_the_signed_decision(tree, users, login):
    # 第六十四条、第六十六条 "在一定期限内": the handler states the period; the decision carries it.
    case = _reviewed(tree, users)
    officer = login(users.fuyi)
    data = {
        "outcome": DecisionOutcome.REVOKE,
        "order_redo": "on",
        "on": f"{case.accepted_on + timedelta(days=30):%Y-%m-%d}",
        "reasoning": "主要事实不清、证据不足。",
        "legal_basis": "《中华人民共和国行政复议法》第六十四条",
        "departure_reason": "复核证据后认定处罚事实不清。",  # the draft proposed 维持
    }
    response = _post_action(officer, case, "submit", data)
    assert response.status_code == 200 and "请填写履行期限" in response.content.decode()
    assert _post_action(officer, case, "submit", {**data, "performance_days": 30}).status_code == 302
    authorise_signer(users.fuyi_head, tree.city)
    decided_on = f"{case.accepted_on + timedelta(days=31):%Y-%m-%d}"
    assert _post_action(login(users.fuyi_head), case, "decide", {"decided_on": decided_on}).status_code == 302
    decision = CaseDecision.objects.get(case=case)
    assert decision.order_redo and decision.performance_days == 30
