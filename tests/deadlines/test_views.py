"""Deadline pages: lists and their filters, the detail page and its actions, the calculator, the
work calendar and the year form — what a clerk sees and what the law lets them do."""

from datetime import date as D
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deadlines.choices import DeadlineEventKind, DeadlineStatus
from deadlines.models import CalendarDay, CalendarYear, Deadline
from deadlines.services import deadline_meet, deadline_suspend
from tests.deadlines import fresh_calendar  # noqa: F401

from .factories import DeadlineFactory


@pytest.fixture
def mine(tree, users):
    return DeadlineFactory(
        org_unit=tree.city_justice, responsible=[users.fuyi], subject="天复〔2025〕7号 复议决定期限"
    )


def today():
    return timezone.localdate()


# --- 我的期限 ---------------------------------------------------------------------------------------


def test_my_deadlines_lists_mine_by_due_date_and_not_others(login, tree, users, mine):
    later = DeadlineFactory(
        org_unit=tree.city_justice, responsible=[users.fuyi], subject="较晚的期限", trigger_date=D(2025, 6, 2)
    )
    DeadlineFactory(org_unit=tree.city_justice, responsible=[users.fuyi_head], subject="别人的期限")
    response = login(users.fuyi).get(reverse("deadlines:mine"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "天复〔2025〕7号 复议决定期限" in body and "较晚的期限" in body
    assert "别人的期限" not in body
    assert list(response.context["deadlines"]) == [mine, later]


def test_overdue_rows_are_red_and_rows_due_within_three_working_days_amber(login, tree, users):
    overdue = DeadlineFactory(
        org_unit=tree.city_justice,
        responsible=[users.fuyi],
        subject="逾期的",
        trigger_date=today() - timedelta(days=90),
    )
    # lit.appeal_ruling: 10 days; triggered 9 days ago → due tomorrow or the next working day after it.
    soon = DeadlineFactory(
        org_unit=tree.city_justice,
        responsible=[users.fuyi],
        subject="临期的",
        rule_code="recon.copy_to_respondent_simple",
        trigger_date=today() - timedelta(days=1),
    )
    far = DeadlineFactory(
        org_unit=tree.city_justice, responsible=[users.fuyi], subject="还早的", trigger_date=today()
    )
    response = login(users.fuyi).get(reverse("deadlines:mine"))
    rows = {d.pk: d.row_class for d in response.context["deadlines"]}
    assert rows == {overdue.pk: "overdue", soon.pk: "soon", far.pk: ""}
    body = response.content.decode()
    assert 'class="row-overdue"' in body and 'class="row-soon"' in body


def test_my_deadlines_filters(login, tree, users, mine):
    other_rule = DeadlineFactory(
        org_unit=tree.city_justice,
        responsible=[users.fuyi],
        rule_code="lit.defense",
        subject="（2025）甘0502行初12号 答辩举证",
        trigger_date=D(2025, 9, 1),
    )
    done = DeadlineFactory(org_unit=tree.city_justice, responsible=[users.fuyi], subject="已办结的")
    deadline_meet(deadline=done, on=D(2025, 4, 1), actor=users.fuyi)
    client = login(users.fuyi)

    def listed(**params):
        return {d.pk for d in client.get(reverse("deadlines:mine"), params).context["deadlines"]}

    assert listed() == {mine.pk, other_rule.pk}  # open only by default
    assert listed(rule="lit.defense") == {other_rule.pk}
    assert listed(q="甘0502") == {other_rule.pk}
    assert listed(status="met") == {done.pk}
    assert listed(status="all") == {mine.pk, other_rule.pk, done.pk}
    assert listed(due_from="2025-09-01", due_to="2025-09-30") == {other_rule.pk}
    assert listed(due_to="not-a-date") == {mine.pk, other_rule.pk}  # a bad value is ignored, not a 500


def test_my_deadlines_paginates_by_25(login, tree, users):
    for i in range(27):
        DeadlineFactory(
            org_unit=tree.city_justice, responsible=[users.fuyi], trigger_date=D(2025, 1, 1) + timedelta(i)
        )
    client = login(users.fuyi)
    first = client.get(reverse("deadlines:mine"))
    assert len(first.context["deadlines"]) == 25
    second = client.get(reverse("deadlines:mine"), {"page": 2})
    assert len(second.context["deadlines"]) == 2


# --- 单位期限 ---------------------------------------------------------------------------------------


def test_unit_view_counts_per_unit_and_filters_by_unit_within_the_jurisdiction(login, tree, users):
    DeadlineFactory(org_unit=tree.city_justice, trigger_date=today() - timedelta(days=90))  # overdue
    DeadlineFactory(org_unit=tree.qinzhou_justice, trigger_date=today())
    DeadlineFactory(org_unit=tree.qinzhou_market, trigger_date=today())
    client = login(users.leader)
    response = client.get(reverse("deadlines:unit"))
    assert response.status_code == 200
    summary = {row["org_unit__name"]: (row["open"], row["overdue"]) for row in response.context["summary"]}
    assert summary == {"天水市司法局": (1, 1), "秦州区司法局": (1, 0), "秦州区市场监督管理局": (1, 0)}
    assert response.context["totals"]["overdue"] == 1

    qinzhou = client.get(reverse("deadlines:unit"), {"unit": tree.qinzhou.pk})
    assert {d.org_unit for d in qinzhou.context["deadlines"]} == {tree.qinzhou_justice, tree.qinzhou_market}
    overdue = client.get(reverse("deadlines:unit"), {"overdue": "on"})
    assert [d.org_unit for d in overdue.context["deadlines"]] == [tree.city_justice]


def test_unit_view_of_a_county_user_sees_only_the_county(login, tree, users, make_user):
    from accounts.choices import Role

    head = make_user("qz_head", unit=tree.qinzhou_justice, roles=[Role.RECON_HEAD])
    DeadlineFactory(org_unit=tree.city_justice)
    mine_county = DeadlineFactory(org_unit=tree.qinzhou_justice)
    response = login(head).get(reverse("deadlines:unit"))
    assert [d.pk for d in response.context["deadlines"]] == [mine_county.pk]
    # A unit outside the jurisdiction is not a valid choice: ignored, not leaked.
    response = login(head).get(reverse("deadlines:unit"), {"unit": tree.city_justice.pk})
    assert [d.pk for d in response.context["deadlines"]] == [mine_county.pk]


# --- detail and actions ------------------------------------------------------------------------------


def test_detail_shows_the_derivation_events_and_actions_for_editors(login, users, mine):
    response = login(users.fuyi).get(reverse("deadlines:detail", args=[mine.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    for line in mine.trace:
        assert line in body
    assert "劳动节" in body
    assert "开始计算" in body  # the START event in the timeline
    assert set(response.context["action_forms"]) == {"suspend", "extend", "meet", "cancel"}
    # The extension form offers the 复议机构负责人 of the jurisdiction as approver.
    approvers = list(response.context["action_forms"]["extend"].fields["approved_by"].queryset)
    assert approvers == [users.fuyi_head]


def test_detail_for_a_reader_has_no_actions(login, users, mine):
    response = login(users.leader).get(reverse("deadlines:detail", args=[mine.pk]))
    assert response.status_code == 200
    assert response.context["action_forms"] == {}
    assert "登记完成" not in response.content.decode()


def test_suspended_deadline_shows_the_suspension_and_offers_resume(login, users, mine):
    deadline_suspend(deadline=mine, on=D(2025, 3, 10), reason="中止", actor=users.fuyi)
    response = login(users.fuyi).get(reverse("deadlines:detail", args=[mine.pk]))
    body = response.content.decode()
    assert "中止中" in body
    assert "resume" in response.context["action_forms"] and "suspend" not in response.context["action_forms"]


def test_extend_through_the_page(login, users, mine):
    response = login(users.fuyi).post(
        reverse("deadlines:extend", args=[mine.pk]),
        {
            "days": "30",
            "reference": "天复延字〔2025〕1号",
            "reason": "情况复杂",
            "approved_by": users.fuyi_head.pk,
            "approved_on": "2025-04-30",  # the real approval day, within the period
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.due_date == D(2025, 6, 3)


def test_extend_after_expiry_shows_the_reason_and_changes_nothing(login, users, mine):
    # docs/law/counting.md, rule 7: no approval after the due date (Tue 2025-05-06)
    response = login(users.fuyi).post(
        reverse("deadlines:extend", args=[mine.pk]),
        {"days": "10", "reference": "x", "reason": "情况复杂", "approved_by": users.fuyi_head.pk},
    )
    assert response.status_code == 200
    assert "届满" in str(response.context["action_forms"]["extend"].errors)
    mine.refresh_from_db()
    assert mine.due_date == D(2025, 5, 6)


def test_extend_beyond_the_maximum_shows_the_reason_and_changes_nothing(login, users, mine):
    response = login(users.fuyi).post(
        reverse("deadlines:extend", args=[mine.pk]),
        {
            "days": "31",
            "reference": "天复延字〔2025〕1号",
            "reason": "情况复杂",
            "approved_by": users.fuyi_head.pk,
        },
    )
    assert response.status_code == 200
    assert "30" in response.context["action_forms"]["extend"].errors["days"][0]
    mine.refresh_from_db()
    assert mine.due_date == D(2025, 5, 6)


def test_extend_without_reference_or_with_an_unqualified_approver_is_refused(login, users, mine):
    client = login(users.fuyi)
    response = client.post(
        reverse("deadlines:extend", args=[mine.pk]),
        {"days": "10", "reference": "", "reason": "情况复杂", "approved_by": users.fuyi_head.pk},
    )
    assert response.status_code == 200
    assert "reference" in response.context["action_forms"]["extend"].errors
    # An officer is not offered as approver; posting one anyway is refused by the form.
    response = client.post(
        reverse("deadlines:extend", args=[mine.pk]),
        {"days": "10", "reference": "x", "reason": "情况复杂", "approved_by": users.fuyi.pk},
    )
    assert "approved_by" in response.context["action_forms"]["extend"].errors
    assert not mine.events.filter(kind=DeadlineEventKind.EXTEND).exists()


def test_meet_late_through_the_page_is_recorded_as_missed(login, users, mine):
    response = login(users.fuyi).post(reverse("deadlines:meet", args=[mine.pk]), {"on": "2025-05-07"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == DeadlineStatus.MISSED


def test_action_on_a_closed_deadline_redirects_with_a_message(login, users, mine):
    deadline_meet(deadline=mine, on=D(2025, 5, 6), actor=users.fuyi)
    response = login(users.fuyi).post(
        reverse("deadlines:suspend", args=[mine.pk]), {"on": "2025-03-10", "reason": "中止"}, follow=True
    )
    assert "不能再变更" in response.content.decode()
    mine.refresh_from_db()
    assert not mine.is_suspended


def test_action_urls_refuse_get(login, users, mine):
    assert login(users.fuyi).get(reverse("deadlines:meet", args=[mine.pk])).status_code == 405


def test_explanation_downloads(login, users, mine):
    client = login(users.fuyi)
    docx = client.get(reverse("deadlines:explain_docx", args=[mine.pk]))
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert docx.content[:2] == b"PK"
    pdf = client.get(reverse("deadlines:explain_pdf", args=[mine.pk]))
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"


# --- 期限计算器 -------------------------------------------------------------------------------------


def test_calculator_shows_the_due_date_and_the_derivation(login, users):
    response = login(users.fuyi).get(
        reverse("deadlines:calculator"), {"rule": "recon.decision", "trigger": "2025-03-03"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "2025年5月6日" in body
    assert "劳动节" in body and "顺延至 2025-05-06" in body
    assert "<html" in body


def test_calculator_answers_htmx_with_the_result_fragment(login, users):
    response = login(users.fuyi).get(
        reverse("deadlines:calculator"),
        {"rule": "lit.appeal_ruling", "trigger": "2024-09-04"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    # docs/law/counting.md example: ruling served 2024-09-04 → appeal due Sat 2024-09-14, a make-up
    # working day.
    assert "2024年9月14日" in body and "调休上班" in body
    assert "<html" not in body


def test_calculator_before_rule_gives_the_latest_date(login, users):
    # recon.hearing_notice: 5 working days before a hearing on Wed 2025-10-15. Counting back: 15 14 13,
    # Sat 11 (make-up), Fri 10 → the notice must go out by Thu 2025-10-09.
    response = login(users.fuyi).get(
        reverse("deadlines:calculator"), {"rule": "recon.hearing_notice", "trigger": "2025-10-15"}
    )
    assert response.context["answer"]["due"] == D(2025, 10, 9)
    assert "最迟应于此日完成" in response.content.decode()


def test_calculator_with_bad_input_explains_instead_of_failing(login, users):
    response = login(users.fuyi).get(reverse("deadlines:calculator"), {"rule": "nonsense", "trigger": "x"})
    assert response.status_code == 200
    assert response.context["answer"] is None
    assert response.context["form"].errors.keys() == {"rule", "trigger"}


# --- 工作日历 ---------------------------------------------------------------------------------------


def _cell(response, day):
    for month in response.context["grid"]["months"]:
        for week in month["weeks"]:
            for cell in week:
                if cell and cell["date"] == day:
                    return cell
    raise AssertionError(day)


def test_calendar_marks_holidays_make_up_days_and_unverified_years(login, users):
    client = login(users.admin)
    response = client.get(reverse("deadlines:calendar"), {"year": 2025})
    assert response.status_code == 200
    assert _cell(response, D(2025, 10, 1))["kind"] == "holiday"
    assert _cell(response, D(2025, 9, 28))["kind"] == "makeup"  # Sunday make-up working day
    assert _cell(response, D(2025, 10, 11))["kind"] == "makeup"
    assert _cell(response, D(2025, 10, 12))["kind"] == "weekend"
    assert response.context["grid"]["verified"] is True
    later = client.get(reverse("deadlines:calendar"), {"year": 2027})
    assert later.context["grid"]["verified"] is False
    assert "未核实" in later.content.decode()
    assert client.get(reverse("deadlines:calendar"), {"year": 99999}).status_code == 404


def test_calendar_day_edit_saves_a_manual_row(login, users):
    client = login(users.admin)
    url = reverse("deadlines:calendar_day", args=["2027-01-04"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"is_workday": "0", "name": "元旦"})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=D(2027, 1, 4))
    assert (day.is_workday, day.name, day.updated_by) == (False, "元旦", users.admin)
    assert client.get(reverse("deadlines:calendar_day", args=["2027-13-40"])).status_code == 404


def test_calendar_day_restore_default(login, users):
    client = login(users.admin)
    url = reverse("deadlines:calendar_day", args=["2025-05-06"])
    client.post(url, {"is_workday": "0", "name": "临时调整"})
    assert client.post(url, {"clear": "1"}).status_code == 302
    assert not CalendarDay.objects.filter(date=D(2025, 5, 6)).exists()


YEAR_FORM = {
    "year": "2027",
    "notice": "国办发明电〔2026〕99号",
    "holidays": "2027-01-01 至 2027-01-03 元旦\n2027-02-06 至 2027-02-12 春节\n2027-04-05 清明节",
    "workdays": "2027-02-13 春节调休上班",
}


def test_year_form_saves_every_line(login, users):
    response = login(users.admin).post(reverse("deadlines:calendar_year"), YEAR_FORM)
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2027")
    assert CalendarDay.objects.filter(date__year=2027).count() == 3 + 7 + 1 + 1
    assert CalendarYear.objects.get(year=2027).notice == "国办发明电〔2026〕99号"


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("holidays", "2027-01-01 至 2027-01-03 元旦\n2027/02/30 春节", "第2行"),
        ("holidays", "2027-01-01 至 2027-01-03 元旦\n元旦放假三天", "第2行"),
        ("holidays", "2027-01-01 至 2027-01-03", "缺少节日名称"),
        ("holidays", "2026-12-31 至 2027-01-02 元旦", "不在2027年"),
        ("workdays", "2027-02-10 春节调休上班", "星期六或星期日"),
        ("workdays", "2027-01-02 调休", "重复"),
    ],
)
def test_year_form_rejects_bad_lines_and_saves_nothing(login, users, field, text, message):
    data = {**YEAR_FORM, field: text}
    response = login(users.admin).post(reverse("deadlines:calendar_year"), data)
    assert response.status_code == 200
    errors = " ".join(str(e) for e in response.context["form"].errors[field])
    assert message in errors
    assert "未保存任何数据" in response.content.decode()
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    assert not CalendarYear.objects.exists()


def test_year_form_prefills_an_entered_year(login, users):
    client = login(users.admin)
    client.post(reverse("deadlines:calendar_year"), YEAR_FORM)
    response = client.get(reverse("deadlines:calendar_year"), {"year": 2027})
    initial = response.context["form"].initial
    assert initial["holidays"].splitlines() == [
        "2027-01-01 至 2027-01-03 元旦",
        "2027-02-06 至 2027-02-12 春节",
        "2027-04-05 清明节",
    ]
    assert initial["workdays"] == "2027-02-13 春节调休上班"


# --- the record panel -------------------------------------------------------------------------------


def test_record_panel_renders_a_records_deadlines_with_their_derivation(rf, users, tree, mine):
    from django.template import Context, Template

    request = rf.get("/")
    request.user = users.fuyi
    html = Template("{% load deadline_tags %}{% deadlines_panel record %}").render(
        Context({"record": tree.city_justice, "request": request})
    )
    assert "天复〔2025〕7号 复议决定期限" in html
    assert "2025-05-06" in html
    assert "劳动节" in html  # the collapsible derivation
    assert reverse("deadlines:detail", args=[mine.pk]) in html
    empty = Template("{% load deadline_tags %}{% deadlines_panel record %}").render(
        Context({"record": tree.maiji, "request": request})
    )
    assert "暂无法定期限" in empty


def test_deadlines_are_never_deleted_by_pages(login, users, mine):
    login(users.fuyi).post(reverse("deadlines:cancel", args=[mine.pk]), {"reason": "撤回"})
    assert Deadline.objects.filter(pk=mine.pk, status=DeadlineStatus.CANCELLED).exists()


def test_calculator_history_restore_gets_the_whole_page(login, users):
    response = login(users.fuyi).get(
        reverse("deadlines:calculator"),
        {"rule": "recon.decision", "trigger": "2025-03-03"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_a_completed_deadline_no_longer_warns_of_an_unentered_year(login, tree, users):
    """A clock running into a year whose holidays are not entered warns; once met, it is settled by
    the day it closed and the page stops warning."""
    today = timezone.localdate()
    deadline = DeadlineFactory(org_unit=tree.city_justice, trigger_date=today - timedelta(days=10))
    Deadline.objects.filter(pk=deadline.pk).update(calendar_verified=False)
    deadline.refresh_from_db()
    assert deadline.calendar_warning
    client = login(users.fuyi)
    url = reverse("deadlines:detail", args=(deadline.pk,))
    assert "尚未录入国务院放假安排" in client.get(url).content.decode()
    deadline_meet(deadline=deadline, on=today, actor=users.fuyi)
    deadline.refresh_from_db()
    assert not deadline.calendar_warning
    assert "尚未录入国务院放假安排" not in client.get(url).content.decode()


def test_the_deadline_page_links_its_record_only_for_a_user_who_may_open_it(login, tree, users):
    """A county officer sees a county clock whose record is a city case: named as text, no link that
    would answer 404; the city officer gets the link."""
    from tests.reconsideration.factories import register_case

    case = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    deadline = DeadlineFactory(org_unit=tree.qinzhou_justice, record=case)
    url = reverse("deadlines:detail", args=(deadline.pk,))
    county = login(users.fuyi_qinzhou).get(url)
    assert county.status_code == 200
    page = county.content.decode()
    assert str(case) in page and case.get_absolute_url() not in page
    assert case.get_absolute_url() in login(users.fuyi).get(url).content.decode()
