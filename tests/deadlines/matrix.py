"""Permission-matrix rows of the deadline pages (我的期限, 单位期限, detail and actions, 计算器, 工作日历).

Object rows use a 复议决定期限 of 天水市司法局 (accepted Mon 2025-03-03, due Tue 2025-05-06) whose record
is the user `fuyi`; `fuyi_maiji` (麦积区) is outside its jurisdiction and gets 404.
"""

from datetime import date

from deadlines.services import deadline_start, deadline_suspend

from ..matrix import Row


def _deadline(world):
    world.deadline = deadline_start(
        record=world.users.fuyi,
        rule_code="recon.decision",
        trigger_date=date(2025, 3, 3),
        org_unit=world.tree.city_justice,
        subject="天复〔2025〕1号 复议决定期限",
        responsible=[world.users.fuyi],
    )


def _suspended(world):
    _deadline(world)
    world.deadline = deadline_suspend(
        deadline=world.deadline, on=date(2025, 3, 10), reason="中止", actor=None
    )


def _pk(world):
    return {"pk": world.deadline.pk}


def _object_row(name, **kwargs):
    values = {"permitted": "fuyi", "other": "fuyi_maiji", "setup": _deadline, "kwargs": _pk}
    values.update(kwargs)
    return Row(name, **values)


ROWS = [
    Row("deadlines:mine", permitted="fuyi"),
    Row("deadlines:unit", permitted="leader"),
    Row("deadlines:calculator", permitted="fuyi", query="?rule=recon.decision&trigger=2025-03-03"),
    _object_row("deadlines:detail"),
    _object_row("deadlines:explain_docx"),
    _object_row("deadlines:explain_pdf"),
    _object_row(
        "deadlines:suspend", method="post", ok=302, data=lambda w: {"on": "2025-03-10", "reason": "中止"}
    ),
    _object_row(
        "deadlines:resume", method="post", ok=302, setup=_suspended, data=lambda w: {"on": "2025-03-20"}
    ),
    _object_row(
        "deadlines:extend",
        method="post",
        ok=302,
        data=lambda w: {
            "days": "10",
            "reference": "天复延字〔2025〕1号",
            "reason": "情况复杂",
            "approved_by": str(w.users.fuyi_head.pk),
            "approved_on": "2025-04-30",  # within the period (docs/law/counting.md, rule 7)
        },
    ),
    _object_row("deadlines:meet", method="post", ok=302, data=lambda w: {"on": "2025-05-06"}),
    _object_row("deadlines:cancel", method="post", ok=302, data=lambda w: {"reason": "申请人撤回申请"}),
    Row("deadlines:calendar", permitted="admin"),
    Row("deadlines:calendar_day", permitted="admin", kwargs=lambda w: {"day": "2027-01-01"}),
    Row(
        "deadlines:calendar_day",
        permitted="admin",
        method="post",
        ok=302,
        kwargs=lambda w: {"day": "2027-01-01"},
        data=lambda w: {"is_workday": "0", "name": "元旦"},
    ),
    Row("deadlines:calendar_year", permitted="admin"),
    Row(
        "deadlines:calendar_year",
        permitted="admin",
        method="post",
        ok=302,
        data=lambda w: {
            "year": "2027",
            "notice": "国办发明电〔2026〕99号",
            "holidays": "2027-01-01 至 2027-01-03 元旦",
            "workdays": "",
        },
    ),
]
