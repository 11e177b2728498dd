"""Deadline services: start, suspend/resume, extend, meet, cancel, recompute; calendar services.

Expected dates are worked out by hand from the holiday table of docs/law/counting.md (comments show
the count).
"""

from datetime import date as D
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.choices import Role
from core.exceptions import ApplicationError
from deadlines.choices import DeadlineEventKind, DeadlineStatus, ReminderStage
from deadlines.models import CalendarDay, CalendarSource, CalendarYear, Deadline, DeadlineEvent, Notification
from deadlines.services import (
    calendar_day_clear,
    calendar_day_set,
    calendar_year_enter,
    deadline_cancel,
    deadline_extend,
    deadline_meet,
    deadline_recompute_open,
    deadline_resume,
    deadline_start,
    deadline_suspend,
)
from tests.deadlines import fresh_calendar  # noqa: F401  (autouse: no calendar cache leaks)

from .factories import DeadlineFactory


def kinds(deadline):
    return list(DeadlineEvent.objects.filter(deadline=deadline).order_by("id").values_list("kind", flat=True))


@pytest.fixture
def decision(tree, users):
    """复议决定期限: accepted Mon 2025-03-03 → due Tue 2025-05-06 (docs/law/counting.md, examples)."""
    return DeadlineFactory(
        org_unit=tree.city_justice,
        responsible=[users.fuyi],
        rule_code="recon.decision",
        trigger_date=D(2025, 3, 3),
    )


# --- start ---------------------------------------------------------------------------------------


def test_start_computes_through_the_engine_and_records_a_start_event(tree, users):
    deadline = deadline_start(
        record=tree.city_justice,
        rule_code="recon.decision",
        trigger_date=D(2025, 3, 3),
        org_unit=tree.city_justice,
        subject="天复〔2025〕1号 复议决定期限",
        responsible=[users.fuyi],
        actor=users.fuyi,
    )
    # 60 days after 03-03 is Fri 05-02, inside 劳动节 05-01…05-05 → Tue 05-06.
    assert (deadline.raw_end, deadline.due_date) == (D(2025, 5, 2), D(2025, 5, 6))
    assert deadline.status == DeadlineStatus.OPEN and deadline.calendar_verified
    assert any("劳动节" in line for line in deadline.trace)
    assert deadline.record == tree.city_justice
    assert list(deadline.responsible.all()) == [users.fuyi]
    event = deadline.events.get()
    assert (event.kind, event.date, event.due_after, event.actor) == (
        DeadlineEventKind.START,
        D(2025, 3, 3),
        D(2025, 5, 6),
        users.fuyi,
    )


def test_start_refuses_an_unknown_rule(tree):
    with pytest.raises(ApplicationError, match="未知的期限规则"):
        DeadlineFactory(org_unit=tree.city_justice, rule_code="recon.nonsense")
    assert not Deadline.objects.exists()


def test_start_into_an_unentered_year_is_flagged_unverified(tree):
    # 2026-12-12 + 60 = Wed 2027-02-10; 2027 is unknown → weekends only, flagged.
    deadline = DeadlineFactory(org_unit=tree.city_justice, trigger_date=D(2026, 12, 12))
    assert deadline.due_date == D(2027, 2, 10)
    assert deadline.calendar_verified is False


# --- suspend / resume (docs/law/counting.md, rule 8) ------------------------------------------------


def test_suspension_of_a_calendar_day_rule_moves_the_due_date_by_the_calendar_days_suspended(decision, users):
    deadline = deadline_suspend(
        deadline=decision, on=D(2025, 3, 10), reason="复议法第三十九条第一款第（一）项", actor=users.fuyi
    )
    assert deadline.is_suspended
    assert deadline.due_date == D(2025, 5, 6)  # stays as last computed while the clock stands still

    deadline = deadline_resume(deadline=deadline, on=D(2025, 3, 20), actor=users.fuyi)
    # 03-10 → 03-20 is 10 calendar days: raw end 05-02 + 10 = Mon 05-12, a working day.
    assert not deadline.is_suspended
    assert (deadline.raw_end, deadline.due_date) == (D(2025, 5, 12), D(2025, 5, 12))
    assert any("中止期间10日不计入" in line for line in deadline.trace)
    resume = deadline.events.get(kind=DeadlineEventKind.RESUME)
    assert (resume.days, resume.due_before, resume.due_after) == (10, D(2025, 5, 6), D(2025, 5, 12))
    assert kinds(deadline) == ["start", "suspend", "resume"]


def test_suspension_of_a_working_day_rule_moves_the_due_date_by_the_working_days_suspended(tree, users):
    # recon.respondent_reply (10 WD) from Mon 2025-09-22: 23 24 25 26 (4), Sun 28 make-up (5), 29 30 (7),
    # 10-01…10-08 国庆/中秋, 10-09 10-10 (9), Sat 10-11 make-up (10) → due Sat 2025-10-11 (no roll-over).
    deadline = DeadlineFactory(
        org_unit=tree.city_justice, rule_code="recon.respondent_reply", trigger_date=D(2025, 9, 22)
    )
    assert deadline.due_date == D(2025, 10, 11)
    deadline = deadline_suspend(deadline=deadline, on=D(2025, 9, 26), reason="中止", actor=users.fuyi)
    deadline = deadline_resume(deadline=deadline, on=D(2025, 10, 9), actor=users.fuyi)
    # Working days in [09-26, 10-09): Fri 26, Sun 28 (make-up), Mon 29, Tue 30 = 4 (13 calendar days).
    # 10-11 + 4 working days: Sun 12 rest, 13 14 15 16 → Thu 2025-10-16 (calendar days would give 10-24).
    assert deadline.due_date == D(2025, 10, 16)
    assert any("中止期间4个工作日不计入" in line for line in deadline.trace)


def test_two_suspensions_add_up(decision, users):
    d = deadline_suspend(deadline=decision, on=D(2025, 3, 10), reason="第一次中止", actor=users.fuyi)
    d = deadline_resume(deadline=d, on=D(2025, 3, 15), actor=users.fuyi)  # 5 days: 05-02 → Wed 05-07
    assert d.due_date == D(2025, 5, 7)
    d = deadline_suspend(deadline=d, on=D(2025, 4, 1), reason="第二次中止", actor=users.fuyi)
    d = deadline_resume(deadline=d, on=D(2025, 4, 6), actor=users.fuyi)  # 5 more: → Mon 05-12
    assert d.due_date == D(2025, 5, 12)


@pytest.mark.parametrize(
    ("on", "message"),
    [(D(2025, 3, 1), "早于起算日"), (D(2025, 5, 20), "届满")],
)
def test_suspension_outside_the_running_period_is_refused(decision, users, on, message):
    with pytest.raises(ApplicationError, match=message):
        deadline_suspend(deadline=decision, on=on, reason="中止", actor=users.fuyi)
    decision.refresh_from_db()
    assert not decision.is_suspended
    assert kinds(decision) == ["start"]


def test_resume_before_the_suspension_is_refused_and_double_suspension_too(decision, users):
    d = deadline_suspend(deadline=decision, on=D(2025, 3, 10), reason="中止", actor=users.fuyi)
    with pytest.raises(ApplicationError, match="已处于中止状态"):
        deadline_suspend(deadline=d, on=D(2025, 3, 11), reason="再次中止", actor=users.fuyi)
    with pytest.raises(ApplicationError, match="恢复日期不能早于中止日期"):
        deadline_resume(deadline=d, on=D(2025, 3, 9), actor=users.fuyi)


def test_suspension_needs_a_reason_and_resume_needs_a_suspension(decision, users):
    with pytest.raises(ApplicationError, match="中止理由"):
        deadline_suspend(deadline=decision, on=D(2025, 3, 10), reason="  ", actor=users.fuyi)
    with pytest.raises(ApplicationError, match="未中止"):
        deadline_resume(deadline=decision, on=D(2025, 3, 10), actor=users.fuyi)


# --- extend (复议法第六十二条; docs/law/counting.md, rule 7) --------------------------------------------


def test_extension_within_the_maximum_with_the_heads_approval(decision, users):
    d = deadline_extend(
        deadline=decision,
        days=30,
        reference="天复延字〔2025〕1号",
        reason="情况复杂",
        actor=users.fuyi,
        approved_by=users.fuyi_head,
        approved_on=D(2025, 4, 30),  # within the period (docs/law/counting.md, rule 7)
    )
    # raw end 05-02 + 30 = Sun 06-01, inside 端午节 05-31…06-02 → Tue 2025-06-03.
    assert (d.raw_end, d.due_date, d.extension_days) == (D(2025, 6, 1), D(2025, 6, 3), 30)
    event = d.events.get(kind=DeadlineEventKind.EXTEND)
    assert (event.days, event.reference, event.approved_by, event.actor) == (
        30,
        "天复延字〔2025〕1号",
        users.fuyi_head,
        users.fuyi,
    )
    assert (event.due_before, event.due_after) == (D(2025, 5, 6), D(2025, 6, 3))


def test_extensions_are_capped_cumulatively(decision, users):
    common = {
        "reference": "天复延字〔2025〕2号",
        "reason": "情况复杂",
        "actor": users.fuyi,
        "approved_by": users.fuyi_head,
        "approved_on": D(2025, 4, 30),  # within the period (docs/law/counting.md, rule 7)
    }
    d = deadline_extend(deadline=decision, days=10, **common)
    d = deadline_extend(deadline=d, days=20, **common)
    assert d.extension_days == 30
    with pytest.raises(ApplicationError, match="第六十二条") as exc:
        deadline_extend(deadline=d, days=1, **common)
    assert "本次最多还可延长0日" in str(exc.value)
    d.refresh_from_db()
    assert d.extension_days == 30
    assert kinds(d).count("extend") == 2


def test_extension_beyond_the_maximum_is_refused_and_changes_nothing(decision, users):
    with pytest.raises(ApplicationError, match="最多不得超过30日"):
        deadline_extend(
            deadline=decision,
            days=31,
            reference="天复延字〔2025〕3号",
            reason="情况复杂",
            actor=users.fuyi,
            approved_by=users.fuyi_head,
        )
    decision.refresh_from_db()
    assert (decision.due_date, decision.extension_days) == (D(2025, 5, 6), 0)
    assert kinds(decision) == ["start"]


@pytest.mark.parametrize("approver", ["fuyi", "leader", None])
def test_extension_without_the_heads_approval_is_refused(decision, users, approver):
    with pytest.raises(ApplicationError, match="复议机构负责人"):
        deadline_extend(
            deadline=decision,
            days=10,
            reference="天复延字〔2025〕4号",
            reason="情况复杂",
            actor=users.fuyi,
            approved_by=getattr(users, approver) if approver else None,
            approved_on=D(2025, 4, 30),
        )
    decision.refresh_from_db()
    assert decision.extension_days == 0


def test_extension_approved_by_a_head_of_another_jurisdiction_is_refused(decision, users, tree, make_user):
    maiji_head = make_user("maiji_head", unit=tree.maiji_justice, roles=[Role.RECON_HEAD])
    with pytest.raises(ApplicationError, match="无管辖权"):
        deadline_extend(
            deadline=decision, days=10, reference="天复延字〔2025〕5号", reason="情况复杂",
            actor=users.fuyi, approved_by=maiji_head, approved_on=D(2025, 4, 30),
        )  # fmt: skip


def test_extension_without_the_written_notice_reference_is_refused(decision, users):
    with pytest.raises(ApplicationError, match="书面通知文号"):
        deadline_extend(
            deadline=decision,
            days=10,
            reference=" ",
            reason="情况复杂",
            actor=users.fuyi,
            approved_by=users.fuyi_head,
        )


def test_a_rule_without_extension_cannot_be_extended(tree, users):
    # 行诉法第六十七条 gives no extension of the defence period.
    deadline = DeadlineFactory(
        org_unit=tree.city_justice, rule_code="lit.defense", trigger_date=D(2025, 9, 1)
    )
    with pytest.raises(ApplicationError, match="不得延长"):
        deadline_extend(
            deadline=deadline,
            days=5,
            reference="x",
            reason="y",
            actor=users.fuyi,
            approved_by=users.fuyi_head,
        )


def test_closed_deadlines_cannot_be_extended_suspended_or_closed_again(decision, users):
    d = deadline_meet(deadline=decision, on=D(2025, 4, 30), actor=users.fuyi)
    with pytest.raises(ApplicationError, match="已按期完成"):
        deadline_extend(
            deadline=d, days=5, reference="x", reason="y", actor=users.fuyi, approved_by=users.fuyi_head
        )
    with pytest.raises(ApplicationError):
        deadline_suspend(deadline=d, on=D(2025, 4, 1), reason="中止", actor=users.fuyi)
    with pytest.raises(ApplicationError):
        deadline_cancel(deadline=d, reason="撤回", actor=users.fuyi)


def test_extension_only_while_the_period_runs(decision, users):
    # docs/law/counting.md, rule 7: approved on or before the due date (Tue 2025-05-06), not after it,
    # not before the trigger, not in the future; the event is dated on the approval day.
    common = {"days": 5, "reference": "天复延字〔2025〕9号", "reason": "情况复杂", "actor": users.fuyi}
    common["approved_by"] = users.fuyi_head
    for day, why in ((D(2025, 5, 7), "届满"), (D(2025, 2, 1), "起算日"), (D(2099, 1, 1), "今天")):
        with pytest.raises(ApplicationError, match=why):
            deadline_extend(deadline=decision, approved_on=day, **common)
    d = deadline_extend(deadline=decision, approved_on=D(2025, 5, 6), **common)
    assert d.events.get(kind=DeadlineEventKind.EXTEND).date == D(2025, 5, 6)


# --- meet / cancel -------------------------------------------------------------------------------


def test_meet_on_the_due_date_is_met(decision, users):
    d = deadline_meet(deadline=decision, on=D(2025, 5, 6), actor=users.fuyi)
    assert (d.status, d.closed_on) == (DeadlineStatus.MET, D(2025, 5, 6))
    assert kinds(d) == ["start", "meet"]


def test_meet_after_the_due_date_is_missed(decision, users):
    d = deadline_meet(deadline=decision, on=D(2025, 5, 7), actor=users.fuyi)
    assert (d.status, d.closed_on) == (DeadlineStatus.MISSED, D(2025, 5, 7))
    assert kinds(d) == ["start", "miss"]


def test_meet_while_suspended_does_not_count_the_suspended_days(decision, users):
    d = deadline_suspend(deadline=decision, on=D(2025, 4, 1), reason="中止", actor=users.fuyi)
    # Still suspended on 05-08: the clock stood still 04-01…05-08 (37 days) → 05-02 + 37 = 06-08: met.
    d = deadline_meet(deadline=d, on=D(2025, 5, 8), actor=users.fuyi)
    assert d.status == DeadlineStatus.MET
    assert not d.is_suspended


def test_meet_in_the_future_or_before_the_trigger_is_refused(decision, users):
    with pytest.raises(ApplicationError, match="晚于今天"):
        deadline_meet(deadline=decision, on=timezone.localdate() + timedelta(days=1), actor=None)
    with pytest.raises(ApplicationError, match="早于起算日"):
        deadline_meet(deadline=decision, on=D(2025, 3, 1), actor=None)


def test_cancel_needs_a_reason_and_keeps_the_row(decision, users):
    with pytest.raises(ApplicationError, match="取消理由"):
        deadline_cancel(deadline=decision, reason="", actor=users.fuyi)
    d = deadline_cancel(deadline=decision, reason="申请人撤回复议申请", actor=users.fuyi)
    assert d.status == DeadlineStatus.CANCELLED
    assert d.events.get(kind=DeadlineEventKind.CANCEL).reason == "申请人撤回复议申请"


def test_every_change_bumps_the_version(decision, users):
    v = decision.version
    d = deadline_suspend(deadline=decision, on=D(2025, 3, 10), reason="中止", actor=users.fuyi)
    d = deadline_resume(deadline=d, on=D(2025, 3, 12), actor=users.fuyi)
    assert d.version == v + 2


# --- recompute after a calendar change --------------------------------------------------------------

YEAR_2027 = {
    "year": 2027,
    "notice": "国办发明电〔2026〕99号（测试）",
    # hypothetical schedule for the test
    "holidays": [(D(2027, 1, 1), D(2027, 1, 3), "元旦"), (D(2027, 2, 6), D(2027, 2, 12), "春节")],
    "workdays": [(D(2027, 2, 13), "春节调休上班")],
}


def test_entering_2027_recomputes_a_2027_due_date_flags_it_verified_and_tells_the_owner(
    tree, users, django_capture_on_commit_callbacks
):
    # 2026-12-12 + 60 = Wed 2027-02-10: weekends only, unverified.
    deadline = DeadlineFactory(
        org_unit=tree.city_justice, responsible=[users.fuyi], trigger_date=D(2026, 12, 12)
    )
    untouched = DeadlineFactory(
        org_unit=tree.city_justice, responsible=[users.fuyi], trigger_date=D(2025, 3, 3)
    )
    assert (deadline.due_date, deadline.calendar_verified) == (D(2027, 2, 10), False)

    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_enter(**YEAR_2027, actor=users.admin)

    deadline.refresh_from_db()
    # 02-10 falls in 春节 02-06…02-12 → next working day Sat 02-13, a make-up working day
    # (docs/law/counting.md, rule 5).
    assert (deadline.due_date, deadline.calendar_verified) == (D(2027, 2, 13), True)
    assert not any("尚未录入" in line for line in deadline.trace)
    event = deadline.events.get(kind=DeadlineEventKind.RECOMPUTE)
    assert (event.due_before, event.due_after) == (D(2027, 2, 10), D(2027, 2, 13))
    note = Notification.objects.get(recipient=users.fuyi, deadline=deadline)
    assert (note.stage, note.dedupe_key) == (ReminderStage.MOVED, "2027-02-13")
    assert "2027-02-13" in note.body
    untouched.refresh_from_db()
    assert kinds(untouched) == ["start"]


def test_recompute_twice_changes_and_notifies_once(tree, users):
    deadline = DeadlineFactory(
        org_unit=tree.city_justice, responsible=[users.fuyi], trigger_date=D(2026, 12, 12)
    )
    CalendarYear.objects.create(year=2027)
    CalendarDay.objects.create(date=D(2027, 2, 10), is_workday=False, name="春节")
    from deadlines.calendar import clear_cache

    clear_cache()
    assert deadline_recompute_open(years=[2027]) == 1
    assert deadline_recompute_open(years=[2027]) == 0
    deadline.refresh_from_db()
    assert deadline.due_date == D(2027, 2, 11)
    assert Notification.objects.filter(deadline=deadline).count() == 1


def test_recompute_by_year_skips_deadlines_outside_those_years_and_closed_ones(tree, users):
    in_2025 = DeadlineFactory(org_unit=tree.city_justice, trigger_date=D(2025, 3, 3))
    closed = DeadlineFactory(org_unit=tree.city_justice, trigger_date=D(2025, 3, 3))
    deadline_cancel(deadline=closed, reason="撤回", actor=None)
    CalendarDay.objects.create(date=D(2025, 5, 6), is_workday=False, name="测试调整")
    from deadlines.calendar import clear_cache

    clear_cache()
    assert deadline_recompute_open(years=[2026]) == 0
    assert deadline_recompute_open(years=[2025]) == 1
    in_2025.refresh_from_db()
    closed.refresh_from_db()
    assert in_2025.due_date == D(2025, 5, 7)
    assert closed.due_date == D(2025, 5, 6)


def test_setting_one_day_recomputes_open_deadlines(tree, users, django_capture_on_commit_callbacks):
    deadline = DeadlineFactory(org_unit=tree.city_justice, responsible=[users.fuyi])
    with django_capture_on_commit_callbacks(execute=True):
        day = calendar_day_set(date=D(2025, 5, 6), is_workday=False, name="临时调整", actor=users.admin)
    assert (day.source, day.updated_by) == (CalendarSource.MANUAL, users.admin)
    deadline.refresh_from_db()
    assert deadline.due_date == D(2025, 5, 7)

    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_clear(date=D(2025, 5, 6), actor=users.admin)
    deadline.refresh_from_db()
    assert deadline.due_date == D(2025, 5, 6)
    assert kinds(deadline) == ["start", "recompute", "recompute"]


def test_calendar_change_queues_nothing_until_commit(tree, users, django_capture_on_commit_callbacks):
    deadline = DeadlineFactory(org_unit=tree.city_justice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        calendar_day_set(date=D(2025, 5, 6), is_workday=False, name="临时调整", actor=users.admin)
    assert callbacks  # the recompute task waits for the commit
    deadline.refresh_from_db()
    assert deadline.due_date == D(2025, 5, 6)


# --- entering a year --------------------------------------------------------------------------------


def test_year_entry_replaces_the_years_rows_and_marks_the_year_entered(users):
    CalendarDay.objects.create(
        date=D(2027, 5, 3), is_workday=False, name="旧数据", source=CalendarSource.MANUAL
    )
    entry = calendar_year_enter(**YEAR_2027, actor=users.admin)
    assert (entry.year, entry.notice, entry.entered_by) == (2027, YEAR_2027["notice"], users.admin)
    rows = dict(CalendarDay.objects.filter(date__year=2027).values_list("date", "is_workday"))
    assert len(rows) == 3 + 7 + 1
    assert rows[D(2027, 2, 13)] is True and rows[D(2027, 2, 6)] is False
    assert D(2027, 5, 3) not in rows
    assert CalendarDay.objects.get(date=D(2027, 2, 6)).source == CalendarSource.STATE_COUNCIL
    # Entering again replaces, never duplicates.
    calendar_year_enter(**{**YEAR_2027, "workdays": []}, actor=users.admin)
    assert CalendarDay.objects.filter(date__year=2027).count() == 10
    assert CalendarYear.objects.filter(year=2027).count() == 1


@pytest.mark.parametrize(
    ("holidays", "workdays", "message"),
    [
        ([(D(2027, 1, 1), D(2027, 1, 3), "元旦")], [(D(2027, 2, 10), "调休")], "星期六或星期日"),
        ([(D(2027, 1, 1), D(2027, 1, 3), "元旦")], [(D(2027, 1, 2), "调休")], "同时出现"),
        ([(D(2026, 12, 31), D(2027, 1, 2), "元旦")], [], "不在2027年"),
        ([(D(2027, 1, 3), D(2027, 1, 1), "元旦")], [], "结束日早于起始日"),
        ([(D(2027, 1, 1), D(2027, 1, 3), "元旦"), (D(2027, 1, 3), D(2027, 1, 4), "重复")], [], "重复"),
        ([], [], "至少录入一段"),
        ([(D(2027, 1, 1), D(2027, 1, 31), "长假")], [], "超过15天"),
    ],
)
def test_year_entry_with_a_bad_row_saves_nothing(users, holidays, workdays, message):
    with pytest.raises(ApplicationError, match=message):
        calendar_year_enter(year=2027, notice="x", holidays=holidays, workdays=workdays, actor=users.admin)
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    assert not CalendarYear.objects.filter(year=2027).exists()
