"""Gates and clocks of supervision (docs/law/supervision.md)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import ApplicationError
from deadlines.choices import DeadlineStatus
from supervision import services
from supervision.choices import FilingStatus, Grade, NoticeSource, NoticeStatus, VetoItem
from supervision.models import SupervisionNotice
from supervision.services import gates

from .factories import external_filing, issued_notice, make_rubric, sampled_file

pytestmark = pytest.mark.django_db


# --- filing ---------------------------------------------------------------------------------------


def test_filing_within_period_is_not_late(s):
    f = external_filing(s, decided_on=date(2025, 7, 1), filed_on=date(2025, 7, 10))
    assert not f.is_late
    assert f.due_on == date(2025, 7, 22)  # 15 working days after Tue 1 July
    assert f.status == FilingStatus.SUBMITTED


def test_filing_after_period_is_flagged_late(s):
    f = external_filing(s, decided_on=date(2025, 7, 1), filed_on=date(2025, 7, 23))
    assert f.is_late


def test_filing_period_is_a_setting(s, settings):
    settings.SUPERVISION_FILING_WORKING_DAYS = 5
    assert external_filing(s, decided_on=date(2025, 7, 1), filed_on=date(2025, 7, 10)).is_late


def test_only_major_cases_are_filed(s):
    from ..enforcement.factories import file_case

    case = file_case(s)
    with pytest.raises(ApplicationError, match="重大"):
        services.filing_submit(actor=s.users.zhifa_scj, agency=s.agency, case=case)


def test_review_by_supervisor_and_reasons_required(s):
    f = external_filing(s, actor=s.users.zhifa_scj)
    with pytest.raises(ApplicationError, match="权限"):
        services.filing_review(actor=s.users.zhifa_scj, filing=f, result=FilingStatus.FILED)
    with pytest.raises(ApplicationError, match="理由"):
        services.filing_review(actor=s.users.jiandu, filing=f, result=FilingStatus.CORRECTION)
    f = services.filing_review(
        actor=s.users.jiandu,
        filing=f,
        result=FilingStatus.CORRECTION,
        reasons="未经集体讨论",
        on=date(2025, 7, 15),
    )
    assert f.status == FilingStatus.CORRECTION and f.reviewer == s.users.jiandu
    assert list(f.events.values_list("kind", flat=True)) == ["submit", "order_correction"]


# --- rubric and scoring ------------------------------------------------------------------------------


def test_veto_overrides_score(s):
    f = sampled_file(s)
    services.file_score(
        actor=s.users.jiandu, file=f, deductions={"A1": 5}, vetoes=[VetoItem.UNQUALIFIED_OFFICER]
    )
    f.refresh_from_db()
    assert f.score is None  # one of two reviewers so far
    assert f.grade == Grade.FAIL


def test_veto_with_95_is_fail_for_self_check(s):
    f = services.file_add(actor=None, campaign=s.campaign, agency=s.agency, file_number="自查1")
    f = services.file_score(
        actor=s.users.zhifa_scj, file=f, deductions={"A1": 5}, vetoes=[VetoItem.UNQUALIFIED_OFFICER]
    )
    assert f.score == Decimal("95") and f.grade == Grade.FAIL


def test_thresholds_are_configurable():
    assert (
        gates.grade_for(Decimal("85"), [], excellent_from=Decimal("90"), pass_from=Decimal("70"))
        == Grade.PASS
    )
    assert (
        gates.grade_for(Decimal("85"), [], excellent_from=Decimal("80"), pass_from=Decimal("60"))
        == Grade.EXCELLENT
    )
    assert (
        gates.grade_for(Decimal("65"), [], excellent_from=Decimal("80"), pass_from=Decimal("60"))
        == Grade.PASS
    )
    assert (
        gates.grade_for(Decimal("55"), [], excellent_from=Decimal("80"), pass_from=Decimal("60"))
        == Grade.FAIL
    )


def test_rubric_thresholds_and_sections_checked(tree):
    with pytest.raises(ValidationError):
        make_rubric(tree.city_justice, excellent_from=Decimal("60"), pass_from=Decimal("70"))


def test_deductions_never_negative_nor_above_item():
    items = {"A1": Decimal("10"), "B1": Decimal("30")}
    with pytest.raises(ApplicationError, match="负数"):
        gates.compute_score(items, {"A1": -2})
    with pytest.raises(ApplicationError, match="最多"):
        gates.compute_score(items, {"A1": 12})
    assert gates.compute_score(items, {"A1": 10, "B1": 30}) == Decimal("60")


def test_two_reviewers_and_consensus(s, make_user, tree):
    from accounts.choices import Role

    other = make_user("jiandu2", unit=tree.city_justice, roles=[Role.SUPERVISOR])
    third = make_user("jiandu3", unit=tree.city_justice, roles=[Role.SUPERVISOR])
    f = sampled_file(s)
    services.file_score(actor=s.users.jiandu, file=f, deductions={"A1": 2})
    with pytest.raises(ApplicationError, match="已评查"):
        services.file_score(actor=s.users.jiandu, file=f, deductions={})
    f = services.file_score(actor=other, file=f, deductions={"B1": 20})
    assert f.needs_consensus and f.grade == Grade.PENDING  # 98 vs 80
    with pytest.raises(ApplicationError, match="已满"):
        services.file_score(actor=third, file=f, deductions={})
    f = services.file_score(actor=third, file=f, deductions={"B1": 8}, consensus=True)
    assert not f.needs_consensus and f.score == Decimal("92") and f.grade == Grade.EXCELLENT


def test_two_close_scores_average(s, make_user, tree):
    from accounts.choices import Role

    other = make_user("jiandu2", unit=tree.city_justice, roles=[Role.SUPERVISOR])
    f = sampled_file(s)
    services.file_score(actor=s.users.jiandu, file=f, deductions={"A1": 2})
    f = services.file_score(actor=other, file=f, deductions={"B1": 10})
    assert f.score == Decimal("94") and f.grade == Grade.EXCELLENT


def test_reviewer_not_of_the_files_own_agency(s):
    f = sampled_file(s)
    with pytest.raises(ApplicationError):
        services.file_score(actor=s.users.zhifa_scj, file=f, deductions={})


def test_sampling_is_reproducible():
    ids = range(1, 500)
    assert gates.draw_sample(ids, 10, 2022) == gates.draw_sample(list(reversed(ids)), 10, 2022)
    assert gates.draw_sample(ids, 10, 2022) != gates.draw_sample(ids, 10, 2023)
    assert gates.draw_sample([1, 2], 5, 1) == [1, 2]


# --- notices -----------------------------------------------------------------------------------------


def test_notice_clock_reply_and_verify(s):
    n = issued_notice(s, actor=s.users.jiandu)
    assert n.number == "天监通〔2025〕1号"
    assert n.due_on == date(2025, 9, 1)  # 30 days from 1 August end on Sunday 31 August → Monday
    assert n.status == NoticeStatus.ISSUED
    with pytest.raises(ApplicationError, match="权限"):
        services.notice_reply(actor=s.users.jiandu, notice=n, reply="x")
    n = services.notice_reply(actor=s.users.zhifa_scj, notice=n, reply="已补正。", on=date(2025, 8, 20))
    from supervision.deadlines import open_clock

    assert open_clock(n) is None
    n = services.notice_verify(actor=s.users.jiandu, notice=n, rectified=True, on=date(2025, 8, 25))
    assert n.status == NoticeStatus.RECTIFIED


def test_not_rectified_raises_follow_up_and_escalates(s):
    n = issued_notice(s, actor=s.users.jiandu)
    services.notice_reply(actor=s.users.zhifa_scj, notice=n, reply="正在整改。", on=date(2025, 8, 20))
    with pytest.raises(ApplicationError, match="理由"):
        services.notice_verify(actor=s.users.jiandu, notice=n, rectified=False)
    follow = services.notice_verify(
        actor=s.users.jiandu, notice=n, rectified=False, note="台账未建立", on=date(2025, 8, 25)
    )
    n.refresh_from_db()
    assert n.status == NoticeStatus.NOT_RECTIFIED and n.escalated
    assert follow.follow_up_of == n and follow.source == NoticeSource.FOLLOW_UP
    from supervision.deadlines import open_clock

    assert open_clock(follow).status == DeadlineStatus.OPEN
    assert "escalate" in list(n.events.values_list("kind", flat=True))
    assert SupervisionNotice.objects.count() == 2


def test_self_check_import_is_all_or_nothing(s):
    from supervision.models import ReviewedFile

    rows = [("自查1", {"A1": 2}, []), ("自查2", {"A1": 30}, [])]  # A1 is worth 10: row 2 refused
    with pytest.raises(ApplicationError, match="第2行"):
        services.self_check_import(actor=s.users.zhifa_scj, campaign=s.campaign, agency=s.agency, rows=rows)
    assert not ReviewedFile.objects.exists()
    files = services.self_check_import(
        actor=s.users.zhifa_scj,
        campaign=s.campaign,
        agency=s.agency,
        rows=[rows[0], ("自查2", {}, ["wrong_law"])],
    )
    assert [f.grade for f in files] == [Grade.EXCELLENT, Grade.FAIL]


def test_sample_draw_is_reproducible_and_recorded(s):
    from enforcement import services as enf

    from ..enforcement.factories import FILED, file_case

    for _ in range(3):
        c = file_case(s)
        enf.case_inform(actor=s.users.zhifa_scj, case=c, on=FILED, hearing_right_told=False)
        enf.case_decide(actor=s.users.zhifa_scj, case=c, decided_on=date(2025, 7, 20), summary="罚款六万元")
    drawn = services.sample_draw(actor=s.users.jiandu, campaign=s.campaign, agency=s.agency, n=2, seed=7)
    s.campaign.refresh_from_db()
    assert s.campaign.sample_seed == 7 and all(f.sampled for f in drawn)
    ids = sorted(f.case_id for f in drawn)
    assert ids == gates.draw_sample([c.pk for c in s.agency.cases.all()], 2, 7)
    with pytest.raises(ApplicationError, match="种子"):
        services.sample_draw(actor=s.users.jiandu, campaign=s.campaign, agency=s.agency, n=1, seed=8)
