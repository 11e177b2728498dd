"""Case and document numbers of a reconsideration body (行政复议机关), per body and year.

A case number reads 天复〔2026〕12号: the body's prefix, the year in 〔〕, the serial. Documents get
their own series per kind, e.g. 天复决〔2026〕3号 for the third 行政复议决定书 of the year.

Race-free: one `CaseNumberSequence` row per (body, year, kind), created if missing with an
INSERT … ON CONFLICT DO NOTHING and then locked with SELECT … FOR UPDATE until the caller's
transaction commits, so two officers registering at the same moment never get the same number.
Call inside `transaction.atomic()`.
"""

from __future__ import annotations

from django.db import transaction

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


def next_serial(*, body, year: int, kind: str = DocumentKind.CASE) -> int:
    """Take the next serial of (body, year, kind); the row stays locked until the transaction ends."""
    from .models import CaseNumberSequence

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_serial must run inside transaction.atomic() to hold the sequence lock")
    CaseNumberSequence.objects.bulk_create(
        [CaseNumberSequence(body=body, year=year, kind=kind)], ignore_conflicts=True
    )
    sequence = CaseNumberSequence.objects.select_for_update().get(body=body, year=year, kind=kind)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return sequence.last_value


def next_number(*, body, year: int, kind: str = DocumentKind.CASE) -> tuple[int, str]:
    """(serial, formatted number) — e.g. (12, "天复〔2026〕12号")."""
    serial = next_serial(body=body, year=year, kind=kind)
    return serial, format_number(body, year, serial, kind)


def next_document_number(*, body, year: int, kind: str) -> str:
    """The next number of a document series, e.g. next_document_number(body=city, year=2026,
    kind=DocumentKind.DECISION) → "天复决〔2026〕3号". For the documents the pages generate."""
    if kind == DocumentKind.CASE:
        raise ValueError("case numbers are issued by services.case_register")
    with transaction.atomic():
        return next_number(body=body, year=year, kind=kind)[1]


def last_serial(*, body_id: int, year: int, kind: str = DocumentKind.CASE) -> int:
    """The last serial taken of (body, year, kind), 0 if none — for a bulk writer that numbers its
    rows with `format_number` and then calls `advance_serials`."""
    from .models import CaseNumberSequence

    row = CaseNumberSequence.objects.filter(body_id=body_id, year=year, kind=kind).first()
    return row.last_value if row else 0


def advance_serials(last: dict[tuple[int, int, str], int]) -> None:
    """Raise each (body_id, year, kind) sequence to at least the given last serial (never lower), so
    the next `next_number` continues after the rows a bulk writer numbered itself."""
    from .models import CaseNumberSequence

    if not last:
        return
    CaseNumberSequence.objects.bulk_create(
        [CaseNumberSequence(body_id=b, year=y, kind=k) for (b, y, k) in last], ignore_conflicts=True
    )
    for (body_id, year, kind), value in last.items():
        CaseNumberSequence.objects.filter(body_id=body_id, year=year, kind=kind, last_value__lt=value).update(
            last_value=value
        )
