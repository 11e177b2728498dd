"""Case numbers of a mediation organisation, per organisation and year: 秦州大城调〔2026〕12号.

Serials come from the kernel's race-free sequences (`core.numbering`), scope "mediation:<unit id>",
taken inside the registering service's transaction (a refused registration gives its serial back)."""

from __future__ import annotations

from core import numbering as sequences

for_strip = ("人民调解委员会", "调解委员会", "诉调对接中心", "诉调对接工作站", "人民政府", "调解中心")


def unit_abbreviation(unit) -> str:
    name = (unit.name or "").strip()
    for suffix in for_strip:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return name[:8] or "调"


def scope(unit) -> str:
    return f"mediation:{unit.pk}"


def format_number(unit, year: int, serial: int) -> str:
    return f"{unit_abbreviation(unit)}调〔{year}〕{serial}号"


def take(unit, year: int) -> tuple[int, str]:
    serial = sequences.next_serial(scope=scope(unit), year=year, series="case")
    return serial, format_number(unit, year, serial)


def agreement_number(case) -> str:
    """调解协议书 number: the case number with 协 — one agreement per case."""
    return case.number.replace("调〔", "调协〔", 1)
