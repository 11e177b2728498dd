"""Pure predicates of administrative enforcement: who may act, what must precede what. Each cites the
article it comes from (docs/law/enforcement.md, "Gates"). The services raise `GateError` on them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from core.exceptions import GateError
from deadlines.clocks import open_clock
from deadlines.engine import latest_start

from .. import deadlines as clocks
from ..choices import (
    LAW_SHORT,
    PASSING_CONCLUSIONS,
    ExamKind,
    RecordMedium,
    RecordStage,
)
from ..models import Certificate, ExamResult, Officer, OfficerTrainingHours

#: 处罚法第四十二条第一款: 执法人员不得少于两人.
MIN_OFFICERS = 2


def exam_valid_months() -> int:
    return getattr(settings, "ENFORCEMENT_EXAM_VALID_MONTHS", 12)


def pass_mark() -> Decimal:
    return Decimal(str(getattr(settings, "ENFORCEMENT_EXAM_PASS_MARK", 60)))


def certificate_years() -> int:
    return getattr(settings, "ENFORCEMENT_CERT_YEARS", 5)


def training_hours_target() -> Decimal:
    return Decimal(str(getattr(settings, "ENFORCEMENT_TRAINING_HOURS_TARGET", 60)))


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def default_expiry(issued_on: date) -> date:
    """Five years of validity: the day before the anniversary [our rule]."""
    return add_years(issued_on, certificate_years()) - timedelta(days=1)


# --- certificates -----------------------------------------------------------------------------------


def passed_qualification_exam(officer: Officer, on: date) -> ExamResult | None:
    """The latest passed 资格考试 of the officer within the exam window before `on`."""
    since = add_years(on, -1) if exam_valid_months() == 12 else on - timedelta(days=30 * exam_valid_months())
    return (
        ExamResult.objects.filter(
            officer=officer,
            passed=True,
            session__kind=ExamKind.QUALIFICATION,
            session__held_on__gt=since,
            session__held_on__lte=on,
        )
        .select_related("session")
        .order_by("-session__held_on")
        .first()
    )


def check_exam_before_issue(officer: Officer, on: date) -> None:
    # 行政执法证件管理办法 [our rule]: a certificate only after a passed qualification exam in the last
    # 12 months.
    if passed_qualification_exam(officer, on) is None:
        raise GateError(
            _("%(name)s在发证日前%(months)s个月内没有合格的执法资格考试成绩，不能发放执法证件。")
            % {"name": officer.name, "months": exam_valid_months()},
            field="issued_on",
        )


def valid_certificate(officer: Officer, on: date) -> Certificate | None:
    return Certificate.objects.filter(officer=officer).valid_on(on).order_by("-issued_on").first()


def uncertified(officers, on: date) -> list[Officer]:
    """The officers among `officers` without a certificate valid on `on` (处罚法第四十二条)."""
    ids = {o.pk for o in officers}
    ok = set(Certificate.objects.filter(officer_id__in=ids).valid_on(on).values_list("officer_id", flat=True))
    return [o for o in officers if o.pk not in ok]


def check_two_certified(officers, on: date, *, field: str = "investigators") -> None:
    # 处罚法第四十二条第一款: 行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人.
    officers = list(officers)
    if len(officers) < MIN_OFFICERS:
        raise GateError(
            _("执法人员不得少于两人（%(law)s第四十二条）。") % {"law": LAW_SHORT},
            field=field,
        )
    missing = uncertified(officers, on)
    if len(officers) - len(missing) < MIN_OFFICERS:
        names = "、".join(o.name for o in missing)
        raise GateError(
            _(
                "%(date)s 持有效行政执法证件的执法人员不足两人：%(names)s 的证件在该日无效"
                "（已过期、暂扣、注销、吊销或尚未发证）（%(law)s第四十二条）。"
            )
            % {"date": f"{on:%Y-%m-%d}", "names": names, "law": LAW_SHORT},
            field=field,
        )


def training_hours(officer: Officer, year: int) -> Decimal:
    """The officer's training hours of `year` (courses held that year), as stored for 培训达标."""
    row = OfficerTrainingHours.objects.filter(officer=officer, year=year).values_list("hours", flat=True)
    return row.first() or Decimal(0)


# --- cases -----------------------------------------------------------------------------------------------


def benchmark_outside(case) -> bool:
    """裁量基准 (处罚法第三十四条): the fine lies outside the applied benchmark's range."""
    if case.benchmark_id is None or case.penalty_amount is None:
        return False
    return not case.benchmark.contains(case.penalty_amount)


def check_benchmark(case) -> None:
    if benchmark_outside(case) and not (case.benchmark_deviation_reason or "").strip():
        raise GateError(
            _(
                "罚款金额 %(amount)s 元超出裁量基准（%(min)s–%(max)s 元），"
                "须书面说明理由（%(law)s第三十四条）。"
            )
            % {
                "amount": case.penalty_amount,
                "min": case.benchmark.min_amount,
                "max": case.benchmark.max_amount,
                "law": LAW_SHORT,
            },
            field="benchmark_deviation_reason",
        )


def passing_review(case):
    return case.reviews.filter(conclusion__in=PASSING_CONCLUSIONS).order_by("-reviewed_on", "-id").first()


def check_legal_review(case) -> None:
    # 处罚法第五十八条: 未经法制审核或者审核未通过的，不得作出决定.
    if case.is_major and passing_review(case) is None:
        raise GateError(
            _("本案属于重大执法决定，未经法制审核或审核未通过的，不得作出决定（%(law)s第五十八条）。")
            % {"law": LAW_SHORT},
            field="decided_on",
        )


def check_reviewer(case, reviewer) -> None:
    # 处罚法第五十八条第二款: 法制审核人员 with 法律职业资格; 调查与决定分离 — not an investigator.
    officer = Officer.objects.filter(user=reviewer).first()
    if officer is None or not officer.has_legal_qualification:
        raise GateError(_("法制审核人员须取得法律职业资格（%(law)s第五十八条第二款）。") % {"law": LAW_SHORT})
    if case.investigators.filter(pk=officer.pk).exists():
        raise GateError(
            _("审核人是本案的承办执法人员，不能审核本案（调查与决定分离，%(law)s第五十八条）。")
            % {"law": LAW_SHORT}
        )


def check_hearing_before_decision(case, on: date) -> None:
    # 处罚法第六十三条、第六十四条: the hearing the party asked for precedes the decision.
    if case.hearing_requested_on and not case.hearing_held_on:
        raise GateError(
            _("当事人已要求听证，听证结束前不得作出决定（%(law)s第六十三条、第六十四条）。")
            % {"law": LAW_SHORT},
            field="decided_on",
        )
    clock = open_clock(case, clocks.HEARING_REQUEST)
    if clock is not None and on <= clock.due_date:
        raise GateError(
            _("当事人要求听证的期限至 %(due)s 届满，期满前不得作出决定（%(law)s第六十四条第一项）。")
            % {"due": f"{clock.due_date:%Y-%m-%d}", "law": LAW_SHORT},
            field="decided_on",
        )


def latest_hearing_notice(hearing_date: date) -> date:
    return latest_start(clocks.HEARING_NOTICE, hearing_date)


def check_hearing_notice(notice_on: date, hearing_date: date) -> None:
    # 处罚法第六十四条第二项: 在举行听证的七日前，通知当事人 (working days, 第八十五条).
    latest = latest_hearing_notice(hearing_date)
    if notice_on > latest:
        raise GateError(
            _(
                "听证通知须在听证七个工作日前送达，听证日期为 %(hearing)s 的最迟通知日为 %(latest)s"
                "（%(law)s第六十四条）。"
            )
            % {"hearing": f"{hearing_date:%Y-%m-%d}", "latest": f"{latest:%Y-%m-%d}", "law": LAW_SHORT},
            field="hearing_date",
        )


def required_stages(case) -> list[tuple[str, str]]:
    """(stage, medium) pairs the full-process record must hold before closing (处罚法第四十七条)."""
    needed = [
        (RecordStage.FILING, RecordMedium.TEXT),
        (RecordStage.INVESTIGATION, RecordMedium.TEXT),
        (RecordStage.NOTICE, RecordMedium.TEXT),
        (RecordStage.DECISION, RecordMedium.TEXT),
        (RecordStage.SERVICE, RecordMedium.TEXT),
    ]
    if case.hearing_held_on:
        needed.append((RecordStage.HEARING, RecordMedium.TEXT))
    if case.is_major:
        needed.append((RecordStage.REVIEW, RecordMedium.TEXT))
        needed.append((RecordStage.INVESTIGATION, RecordMedium.AUDIOVISUAL))  # [our rule]
    return needed


def missing_records(case) -> list[tuple[str, str]]:
    have = set(case.records.values_list("stage", "medium"))
    return [pair for pair in required_stages(case) if pair not in have]
