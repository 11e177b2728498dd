"""Case and document numbers of a reconsideration body (行政复议机关), per body and year.

A case number reads 天复〔2026〕12号: the body's prefix, the year in 〔〕, the serial. Documents get
their own series per kind, e.g. 天复决〔2026〕3号 for the third 行政复议决定书 of the year.

The serials come from the kernel's race-free sequences (`core.numbering`), scope
"reconsideration:<body id>", series = the `DocumentKind`. Numbers are taken only inside the services'
transactions, so a refused act gives its serial back. A number an officer types instead must have
the series' form and be unused (`check_typed`).
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from core import numbering as sequences
from core.exceptions import ApplicationError

from .choices import DocumentKind

#: Short prefixes of Tianshui's reconsideration bodies (the government's name → prefix).
#: Counties whose first character would collide (秦州区 / 秦安县) use a distinctive character.
BODY_PREFIXES: dict[str, str] = {
    "天水市人民政府": "天复",
    "秦州区人民政府": "秦复",
    "麦积区人民政府": "麦复",
    "清水县人民政府": "清复",
    "秦安县人民政府": "安复",
    "甘谷县人民政府": "甘复",
    "武山县人民政府": "武复",
    "张家川回族自治县人民政府": "张复",
}

#: The character after the body prefix that tells a document series apart (案号 has none).
DOCUMENT_MARKS: dict[str, str] = {
    DocumentKind.CASE: "",
    DocumentKind.ACCEPTANCE_NOTICE: "受",
    DocumentKind.CORRECTION_NOTICE: "补",
    DocumentKind.NOT_ACCEPTED: "不受",
    DocumentKind.REPLY_NOTICE: "答",
    DocumentKind.HEARING_NOTICE: "听",
    DocumentKind.EXTENSION_NOTICE: "延",
    DocumentKind.SUSPENSION_NOTICE: "中",
    DocumentKind.RESUMPTION_NOTICE: "恢",
    DocumentKind.DECISION: "决",
    DocumentKind.MEDIATION: "调",
    DocumentKind.TERMINATION: "终",
    DocumentKind.OPINION_LETTER: "意",
}


def body_prefix(body) -> str:
    """ "天复" for 天水市人民政府; unknown bodies: the first character of the name + 复."""
    name = (body.name or "").strip()
    if name in BODY_PREFIXES:
        return BODY_PREFIXES[name]
    return f"{name[:1] or '复'}复"


def format_number(body, year: int, serial: int, kind: str = DocumentKind.CASE) -> str:
    """天复〔2026〕12号 / 天复决〔2026〕3号."""
    return f"{body_prefix(body)}{DOCUMENT_MARKS.get(kind, '')}〔{year}〕{serial}号"


def scope(body) -> str:
    """The kernel sequence scope of a reconsideration body (an OrgUnit or its id)."""
    return f"reconsideration:{getattr(body, 'pk', body)}"


def next_serial(*, body, year: int, kind: str = DocumentKind.CASE) -> int:
    """Take the next serial of (body, year, kind); the row stays locked until the transaction ends."""
    return sequences.next_serial(scope=scope(body), year=year, series=kind)


def next_number(*, body, year: int, kind: str = DocumentKind.CASE) -> tuple[int, str]:
    """(serial, formatted number) — e.g. (12, "天复〔2026〕12号")."""
    serial = next_serial(body=body, year=year, kind=kind)
    return serial, format_number(body, year, serial, kind)


def next_document_number(*, body, year: int, kind: str) -> str:
    """The next number of a document series, e.g. next_document_number(body=city, year=2026,
    kind=DocumentKind.DECISION) → "天复决〔2026〕3号"."""
    if kind == DocumentKind.CASE:
        raise ValueError("case numbers are issued by services.case_register")
    with transaction.atomic():
        return next_number(body=body, year=year, kind=kind)[1]


def parse(text: str, *, body, kind: str) -> tuple[int, int] | None:
    """(year, serial) of a number of the body's `kind` series, or None when it has another form."""
    pattern = rf"{re.escape(body_prefix(body) + DOCUMENT_MARKS.get(kind, ''))}〔(\d{{4}})〕([1-9]\d*)号"
    match = re.fullmatch(pattern, text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def document_number(
    typed: str | None, *, body, year: int, kind: str, taken, field: str = "document_number"
) -> str:
    """The number a document is stored under: the next of its series when `typed` is blank, else
    the typed one — refused unless it has the series' form (e.g. 天复决〔2026〕9号) and no other
    document of the series (`taken(number)` is True) already bears it. A typed number ahead of the
    series moves the series on, so that a later automatic number does not collide with it."""
    typed = (typed or "").strip()
    label = DocumentKind(kind).label
    if not typed:
        number = next_number(body=body, year=year, kind=kind)[1]
        while taken(number):  # a typed number took it before the series got there
            number = next_number(body=body, year=year, kind=kind)[1]
        return number
    parsed = parse(typed, body=body, kind=kind)
    if parsed is None:
        example = format_number(body, year, 1, kind)
        raise ApplicationError(
            _("%(label)s文号“%(number)s”格式不正确，应为“%(example)s”的形式；留空则自动编号。")
            % {"label": label, "number": typed, "example": example},
            field=field,
        )
    if taken(typed):
        raise ApplicationError(
            _("%(label)s文号“%(number)s”已被本机关的其他文书使用，请核对后重新填写或留空自动编号。")
            % {"label": label, "number": typed},
            field=field,
        )
    sequences.advance_to(scope=scope(body), year=parsed[0], series=kind, value=parsed[1])
    return typed


def last_serial(*, body_id: int, year: int, kind: str = DocumentKind.CASE) -> int:
    """The last serial taken of (body, year, kind), 0 if none — for a bulk writer that numbers its
    rows with `format_number` and then calls `advance_serials`."""
    return sequences.last_serial(scope=scope(body_id), year=year, series=kind)


def advance_serials(last: dict[tuple[int, int, str], int]) -> None:
    """Raise each (body_id, year, kind) series to at least the given last serial (never lower), so
    the next `next_number` continues after the rows a bulk writer numbered itself."""
    sequences.advance_many(
        {(scope(body_id), year, kind): value for (body_id, year, kind), value in last.items()}
    )
