"""The legal basis each demo event records — read from the transition table, never retyped.

A transition's event carries `TRANSITIONS[...].basis`. The few events that are not transitions
(a receipt, a hearing, a mediation session…) and the two transitions whose service cites a narrower
paragraph than the table carry the article their service records; the parity test
(tests/reconsideration/test_seed_parity.py) fails if either drifts from `reconsideration.services`.
"""

from __future__ import annotations

from functools import cache

from ..choices import LAW_SHORT, TRANSITIONS_BY_NAME, EventKind

#: Events that are not transitions of the table (or whose service cites a narrower paragraph):
#: the article after the statute's name, as the service records it.
_ARTICLES: dict[str, str] = {
    EventKind.REGISTER: "第二十条、第二十二条",  # 复议法第二十条、第二十二条: the application and its period
    EventKind.NOTICE_RECEIVED: "第三十一条第二款",
    EventKind.COPY_RECEIVED: "第四十八条、第五十四条",
    EventKind.REPLY_RECEIVED: "第四十八条、第七十条",
    EventKind.PARTIES_HEARD: "第四十九条",
    EventKind.SUSPEND: "第三十九条第一款",  # the grounds are listed in the first paragraph
    EventKind.EXTEND: "第六十二条第一款",
    EventKind.MEDIATION_STATUS: "第五条",
    EventKind.MEDIATION_SESSION: "第五条",
    EventKind.HEARING_SCHEDULED: "第五十条、第五十一条",
    EventKind.HEARING_HELD: "第五十一条",
    EventKind.COMMITTEE_CONSULTED: "第五十二条",
    EventKind.OPINION_REVIEW: "第六十一条第一款",
    EventKind.SERVED: "第七十五条",
}

#: The legal basis written into a concluding document (CaseDecision.legal_basis), by outcome path.
DOCUMENT_ARTICLES: dict[str, str] = {
    "not_accepted": "第三十条",
    "decision": "第六十一条",
    "mediation": "第五条、第七十三条",
    "termination": "第四十一条",
    "settlement": "第四十一条、第七十四条",
}


@cache
def basis(kind: str) -> str:
    """The basis recorded with an event of `kind` (a transition name or another EventKind)."""
    if kind in _ARTICLES:
        return f"{LAW_SHORT}{_ARTICLES[kind]}"
    entry = TRANSITIONS_BY_NAME.get(kind)
    return str(entry.basis) if entry is not None else ""


@cache
def document_basis(path: str) -> str:
    return f"{LAW_SHORT}{DOCUMENT_ARTICLES[path]}"
