"""The deadline engine (期限计算): due dates of statutory periods on the Chinese work calendar.

Pure: it reads the rule catalogue and the work calendar and returns a result with the derivation a
clerk can follow (`trace`). It never writes; `Deadline` rows and their events live in services.

Counting follows docs/law/counting.md (民诉法第八十五条, 行诉解释第四十八条, 复议法第八十八条,
处罚法第八十五条):
1. the trigger day is not counted;
2. a period whose last day is a rest day ends on the next working day;
3. the reconsideration 3/5/7/10 days and penalty-law 2/3/5/7 days are working days;
4. months end on the same day number of the last month, or that month's last day;
5. make-up working days (调休上班) are working days;
6. working-day periods step day by day and count only working days;
7. [our rule] an extension by N lengthens the period: raw end + N (working days for WD rules);
8. [our rule] a suspension moves the raw end by the days (WD rules: the working days) suspended;
9. [our rule] "at least N days before an event": the latest d with d + N on or before the event.
"""

from __future__ import annotations

import calendar as _pycalendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

from . import calendar as workcal
from .rules import Direction, Rule, Unit, get_rule

OUR_RULE = "〔本系统规则〕"


@dataclass(frozen=True)
class DeadlineResult:
    due: date  # AFTER: the last day; BEFORE: the latest permitted day; AT_LEAST: the earliest permitted day
    raw_end: date  # the end before rule 2's roll-over (after extension and suspensions)
    trace: list[str]
    calendar_verified: bool


# ---------------------------------------------------------------------------------------------
# Helpers


def fmt(d: date) -> str:
    """2025-05-06（星期二）"""
    return f"{d:%Y-%m-%d}（{workcal.WEEKDAY_NAMES[d.weekday()]}）"


def describe(d: date) -> str:
    """Why `d` is or is not a working day: "为劳动节假期", "为调休上班日，按工作日计算〔本系统规则〕"."""
    info = workcal.day_info(d)
    if info.is_workday:
        if info.is_makeup_workday:
            # Rule 5 [our rule]: make-up working days are working days.
            return _("为调休上班日，按工作日计算") + OUR_RULE
        return _("为工作日")
    if info.is_official_holiday:
        return _("为%(name)s假期") % {"name": info.name}
    if info.name in workcal.WEEKEND_NAMES.values() or not info.name:
        return _("为休息日")
    return _("为休息日（%(name)s）") % {"name": info.name}


def add_calendar_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


def add_months(d: date, n: int) -> date:
    """Same day number n months later, or that month's last day if it has none (rule 4)."""
    years, month0 = divmod(d.month - 1 + n, 12)
    year, month = d.year + years, month0 + 1
    return date(year, month, min(d.day, _pycalendar.monthrange(year, month)[1]))


def roll_forward(d: date) -> tuple[date, list[str]]:
    """Rule 2 (民诉法第八十五条第三款): a last day that is a rest day moves to the next working day."""
    due = workcal.next_workday(d)
    if due == d:
        return d, []
    return due, [_("期限届满日为休息日，顺延至 %(due)s") % {"due": fmt(due)}]


def _date_range_text(first: date, last: date) -> str:
    if first == last:
        return f"{first:%Y-%m-%d}"
    return f"{first:%Y-%m-%d}至{last:%Y-%m-%d}"


def _working_day_lines(after: date, through: date) -> list[str]:
    """The rest days skipped and the make-up days counted in (after, through] (rules 5 and 6)."""
    runs: list[tuple[date, date, list[str]]] = []
    makeup: list[date] = []
    d = after + timedelta(days=1)
    while d <= through:
        info = workcal.day_info(d)
        if info.is_workday:
            if info.is_makeup_workday:
                makeup.append(d)
        else:
            name = _("周末") if info.name in workcal.WEEKEND_NAMES.values() else (info.name or _("休息日"))
            if runs and runs[-1][1] == d - timedelta(days=1):
                first, _last, names = runs[-1]
                if name not in names:
                    names.append(name)
                runs[-1] = (first, d, names)
            else:
                runs.append((d, d, [name]))
        d += timedelta(days=1)
    lines = []
    if runs:
        parts = [f"{_date_range_text(first, last)}（{'、'.join(names)}）" for first, last, names in runs]
        lines.append(_("不计入的休息日：%(days)s") % {"days": "；".join(parts)})
    for day in makeup:
        lines.append(_("%(day)s为调休上班日，按工作日计算") % {"day": fmt(day)} + OUR_RULE)
    return lines


def _rule_line(rule: Rule) -> str:
    line = _("规则：%(label)s（%(statute)s）：%(summary)s") % {
        "label": rule.label,
        "statute": rule.statute,
        "summary": rule.summary,
    }
    if rule.is_overridden:
        line += _("（本单位配置，默认%(default)s）") % {"default": rule.length_text(rule.default_length)}
    return line


def _check_extension(rule: Rule, extension_days: int) -> None:
    if extension_days < 0:
        raise ApplicationError(_("延长天数不能为负数。"), field="extension_days")
    if extension_days == 0:
        return
    if not rule.extendable:
        raise ApplicationError(
            _("“%(label)s”依法不得延长（%(statute)s）。") % {"label": rule.label, "statute": rule.statute},
            field="extension_days",
        )
    if extension_days > rule.max_extension_days:
        raise ApplicationError(
            _("%(statute)s规定延长期限最多不得超过%(max)s日，不能延长%(days)s日。")
            % {"statute": rule.statute, "max": rule.max_extension_days, "days": extension_days},
            field="extension_days",
        )


def _normalise_suspensions(rule: Rule, trigger: date, suspensions: Iterable) -> list[tuple[date, date]]:
    pairs = [(s, r) for s, r in suspensions]
    if pairs and (rule.direction == Direction.BEFORE or rule.unit == Unit.FIXED_DATE):
        raise ApplicationError(_("“%(label)s”不适用中止。") % {"label": rule.label})
    if any(s is None or r is None for s, r in pairs):
        # An open suspension is the caller's to close (e.g. at today) before asking for a date.
        raise ApplicationError(_("中止期间须同时有中止日期和恢复日期。"))
    pairs.sort()
    previous_resume = None
    for suspended_on, resumed_on in pairs:
        if resumed_on < suspended_on:
            raise ApplicationError(
                _("恢复日期 %(resumed)s 早于中止日期 %(suspended)s。")
                % {"resumed": f"{resumed_on:%Y-%m-%d}", "suspended": f"{suspended_on:%Y-%m-%d}"}
            )
        if suspended_on < trigger:
            raise ApplicationError(
                _("中止日期 %(suspended)s 早于起算日 %(trigger)s。")
                % {"suspended": f"{suspended_on:%Y-%m-%d}", "trigger": f"{trigger:%Y-%m-%d}"}
            )
        if previous_resume is not None and suspended_on < previous_resume:
            raise ApplicationError(_("中止期间相互重叠，请核对中止和恢复日期。"))
        previous_resume = resumed_on
    return pairs


def _verification_lines(first: date, last: date) -> tuple[bool, list[str]]:
    lines = []
    for year in range(min(first, last).year, max(first, last).year + 1):
        if not workcal.year_verified(year):
            lines.append(_("注意：%(year)s年放假安排尚未录入，暂按周末休息推算，结果待核实") % {"year": year})
    return not lines, lines


# ---------------------------------------------------------------------------------------------
# "At least N days before an event" (rule 9, docs/law/counting.md)


def _latest(rule: Rule, event: date) -> date:
    """The latest d such that d + N (in the rule's unit) is on or before `event`. Literal: d may be a
    rest day."""
    n = rule.length
    if rule.unit == Unit.WORKING_DAYS:
        # (d, event] must hold N working days: d is the day before the N-th working day on or before
        # the event, counting the event itself when it is a working day.
        return workcal.add_workdays(event + timedelta(days=1), -n) - timedelta(days=1)
    if rule.unit == Unit.MONTHS:
        d = add_months(event, -n)
        while add_months(d + timedelta(days=1), n) <= event:
            d += timedelta(days=1)
        return d
    return event - timedelta(days=n)


def _latest_trace(rule: Rule, event: date, latest: date) -> list[str]:
    lines = [
        _rule_line(rule),
        _("事件日 %(event)s") % {"event": fmt(event)},
    ]
    if rule.unit_basis:
        lines.append(str(rule.unit_basis))
    lines.append(
        _("按“最迟日起算%(length)s，不晚于事件日”反推%(our)s：最迟日为 %(latest)s")
        % {"length": rule.length_text(), "our": OUR_RULE, "latest": fmt(latest)}
    )
    if rule.unit == Unit.WORKING_DAYS:
        lines.extend(_working_day_lines(latest, event))
    if not workcal.is_workday(latest):
        lines.append(
            _("提示：最迟日 %(latest)s%(why)s，其前最后一个工作日为 %(workday)s")
            % {
                "latest": f"{latest:%Y-%m-%d}",
                "why": describe(latest),
                "workday": fmt(workcal.previous_workday(latest)),
            }
        )
    return lines


def latest_start(rule_code: str, event_date: date) -> date:
    """The latest day to act so that at least the rule's period lies before the event (counting rule 9)."""
    rule = get_rule(rule_code)
    if rule.direction not in (Direction.BEFORE, Direction.AT_LEAST) or rule.unit == Unit.FIXED_DATE:
        raise ApplicationError(
            _("“%(label)s”不是“事件日前”的期限，无法反推最迟日期。") % {"label": rule.label}
        )
    return _latest(rule, event_date)


# ---------------------------------------------------------------------------------------------
# compute


def _fixed_date_result(rule: Rule, trigger_date: date) -> DeadlineResult:
    """A FIXED_DATE rule: the trigger date is the due date."""
    trace = [_rule_line(rule), _("届满日 %(day)s，即为到期日") % {"day": fmt(trigger_date)}]
    if rule.reminder_days:
        days = "、".join(str(n) for n in rule.reminder_days)
        trace.append(_("提醒：届满前%(days)s日") % {"days": days})
    return DeadlineResult(due=trigger_date, raw_end=trigger_date, trace=trace, calendar_verified=True)


def _period_end(rule: Rule, trigger_date: date, trace: list) -> date:
    """The period's own last day (rules 1, 3, 4, 6), its derivation appended to `trace`."""
    n = rule.length
    if rule.unit == Unit.WORKING_DAYS:
        raw = workcal.add_workdays(trigger_date, n)
        trace.append(_("自次日起逐日计算，只计工作日"))
        trace.extend(_working_day_lines(trigger_date, raw))
        trace.append(_("第%(n)s个工作日 %(day)s") % {"n": n, "day": fmt(raw)})
    elif rule.unit == Unit.MONTHS:
        raw = add_months(trigger_date, n)
        if raw.day != trigger_date.day:
            trace.append(
                _(
                    "第%(n)s个月（%(year)s年%(month)s月）无第%(dom)s日，"
                    "以该月最后一日 %(day)s为届满日，该日%(why)s"
                )
                % {
                    "n": n,
                    "year": raw.year,
                    "month": raw.month,
                    "dom": trigger_date.day,
                    "day": fmt(raw),
                    "why": describe(raw),
                }
            )
        else:
            trace.append(
                _("第%(n)s个月的对应日 %(day)s%(why)s") % {"n": n, "day": fmt(raw), "why": describe(raw)}
            )
    else:
        raw = add_calendar_days(trigger_date, n)
        trace.append(_("第%(n)s日 %(day)s%(why)s") % {"n": n, "day": fmt(raw), "why": describe(raw)})
    return raw


def _apply_suspensions(rule: Rule, raw: date, pairs: list[tuple[date, date]], trace: list) -> date:
    """Rule 8 [our rule]: the clock stops on the suspension date and resumes on the resumption date."""
    for suspended_on, resumed_on in pairs:
        current_due = workcal.next_workday(raw)
        if suspended_on > current_due:
            raise ApplicationError(
                _("期限已于 %(due)s 届满，%(suspended)s 不能再中止。")
                % {"due": f"{current_due:%Y-%m-%d}", "suspended": f"{suspended_on:%Y-%m-%d}"}
            )
        before = raw
        if rule.unit == Unit.WORKING_DAYS:
            # Working days in [suspended_on, resumed_on).
            days = workcal.count_workdays(suspended_on - timedelta(days=1), resumed_on - timedelta(days=1))
            raw = workcal.add_workdays(raw, days) if days else raw
            unit_text = _("%(n)s个工作日") % {"n": days}
        else:
            days = (resumed_on - suspended_on).days
            raw = add_calendar_days(raw, days)
            unit_text = _("%(n)s日") % {"n": days}
        trace.append(
            _(
                "%(suspended)s中止、%(resumed)s恢复，中止期间%(units)s不计入，"
                "届满日由 %(before)s 顺延至 %(after)s"
            )
            % {
                "suspended": f"{suspended_on:%Y-%m-%d}",
                "resumed": f"{resumed_on:%Y-%m-%d}",
                "units": unit_text,
                "before": f"{before:%Y-%m-%d}",
                "after": fmt(raw),
            }
            + OUR_RULE
        )
    return raw


def _apply_extension(rule: Rule, raw: date, extension_days: int, trace: list) -> date:
    """Rule 7 [our rule]: an approved extension lengthens the period."""
    before = raw
    if rule.unit == Unit.WORKING_DAYS:
        raw = workcal.add_workdays(raw, extension_days)
        unit_text = _("%(n)s个工作日") % {"n": extension_days}
    else:
        raw = add_calendar_days(raw, extension_days)
        unit_text = _("%(n)s日") % {"n": extension_days}
    trace.append(
        _("经批准延长%(units)s（最多%(max)s日），届满日由 %(before)s 延至 %(after)s")
        % {
            "units": unit_text,
            "max": rule.max_extension_days,
            "before": f"{before:%Y-%m-%d}",
            "after": fmt(raw),
        }
        + OUR_RULE
    )
    return raw


def compute(
    rule_code: str,
    trigger_date: date,
    *,
    extension_days: int = 0,
    suspensions: Iterable[tuple[date, date]] = (),
) -> DeadlineResult:
    """The due date of `rule_code` triggered on `trigger_date`, with its derivation.

    AFTER rules: the period's last day. BEFORE rules (`trigger_date` is the event): the latest
    permitted day, as `latest_start`. AT_LEAST rules: the earliest permitted day (the minimum period's
    last day under rule 2). `suspensions` are closed (suspended_on, resumed_on) pairs.
    """
    rule = get_rule(rule_code)
    _check_extension(rule, extension_days)
    pairs = _normalise_suspensions(rule, trigger_date, suspensions)

    if rule.unit == Unit.FIXED_DATE:
        return _fixed_date_result(rule, trigger_date)

    if rule.direction == Direction.BEFORE:
        latest = _latest(rule, trigger_date)
        trace = _latest_trace(rule, trigger_date, latest)
        verified, notes = _verification_lines(latest, trigger_date)
        return DeadlineResult(due=latest, raw_end=latest, trace=trace + notes, calendar_verified=verified)

    trace = [
        _rule_line(rule),
        _("起算日 %(day)s（%(weekday)s，当日不计入）")
        % {"day": f"{trigger_date:%Y-%m-%d}", "weekday": workcal.WEEKDAY_NAMES[trigger_date.weekday()]},
    ]
    if rule.unit_basis:
        trace.append(str(rule.unit_basis))

    raw = _period_end(rule, trigger_date, trace)
    adjusted = bool(pairs) or bool(extension_days)
    raw = _apply_suspensions(rule, raw, pairs, trace)
    if extension_days:
        raw = _apply_extension(rule, raw, extension_days, trace)

    if adjusted:
        trace.append(_("调整后届满日 %(day)s%(why)s") % {"day": fmt(raw), "why": describe(raw)})

    # Rule 2: a last day that is a rest day moves to the next working day (make-up days do not move).
    due, roll_lines = roll_forward(raw)
    trace.extend(roll_lines)
    if rule.direction == Direction.AT_LEAST:
        trace.append(
            _("期间须不少于%(length)s，最早可于 %(due)s届满")
            % {"length": rule.length_text(), "due": fmt(due)}
            + OUR_RULE
        )
    elif not roll_lines:
        trace.append(_("到期日 %(due)s") % {"due": fmt(due)})

    verified, notes = _verification_lines(trigger_date, due)
    return DeadlineResult(due=due, raw_end=raw, trace=trace + notes, calendar_verified=verified)
