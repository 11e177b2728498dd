"""Concurrency across every mechanism, on PostgreSQL (real row locks, one connection per thread).

* **Twenty simultaneous edits of one record** — for every page whose form carries the hidden
  `version` (core/concurrency.py): twenty users of the record open the page, change the same text
  field each their own way and press 保存 at the same moment. Exactly one is saved (a redirect), the
  other nineteen get the conflict page (HTTP 409); the record holds the winner's text, its version
  went up by one, and nothing else was lost. The edit pages are found, not listed: every URL of the
  permission matrix whose view accepts POST is opened; those whose form has no `version`
  (NOT_VERSIONED) or whose own values are refused as the page is opened (REFUSED_AS_OPENED) are
  listed with the reason, and a test proves each listed page still is so.
  A workflow step that carries the version (a certificate or case action, a notice reply) takes
  effect once; the other nineteen get the conflict page or the step's refusal.
* **The same transition twice at once** — every POST URL of the matrix with a valid submission is
  posted by two threads at the same moment: never a 500, and (but for ADDITIVE ones) the audit log
  grows by what one submission writes — one effect.
* **Numbers never duplicated** — fifty transactions take a number of one series at the same moment
  (core/numbering.py): 1 … 50, each once.

On SQLite every test is skipped: SQLite serialises writers, so there is no race to prove; CI runs
this module on PostgreSQL (DATABASE_URL=postgres://…).
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

import pytest
from auditlog.models import LogEntry
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from core.numbering import next_serial

from .matrix import Row
from .reconsideration.matrix import qinzhou_case
from .test_fuzz_forms import TARGETS, _page_form
from .test_permission_matrix import world  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20

# The case-information edit of a reconsideration case is an action of its page (复议案件信息).
EXTRA_EDIT_ROWS = [
    Row(
        "reconsideration:action",
        permitted="fuyi_qinzhou",
        kwargs=lambda w: {"pk": qinzhou_case(w).pk, "action": "update"},
    )
]
#: Pages of POST URLs whose form carries no `version` (core/concurrency.py): nothing to be stale, so
#: no twenty-edits race. name → why. `test_a_page_left_out_carries_no_version` proves each still
#: carries none (it fails once one gets a version: then it belongs in the race).
NEW = "a new record: nothing stored yet that a second user could have changed"
STEP = "a workflow step: its service locks the row and checks the status under the lock (core/concurrency.py)"
NOT_VERSIONED: dict[str, str] = {
    "accounts:mfa_setup": "the user's own second factor, not a record's fields",
    "accounts:password_change": "the user's own password, not a record's fields",
    "accounts:unit_create": NEW,
    "accounts:user_create": NEW,
    "accounts:user_reset_password": "a generated password shown once: the last reset wins by design",
    "dashboard:assessment": "a read: the period filter (GET)",
    "dashboard:export_pdf": "a download",
    "dashboard:export_xlsx": "a download",
    "dashboard:index": "a read: the period filter (GET)",
    "deadlines:calendar_day": "a calendar day entered again replaces it (the same rows written anew)",
    "deadlines:calendar_year": "a year's holidays entered again replace them (the same rows written anew)",
    "deadlines:notification_settings": "the user's own settings: the last save wins",
    "decisions:action": STEP,
    "decisions:advisor_create": NEW,
    "decisions:create": NEW,
    "decisions:matter_action": STEP,
    "decisions:matter_create": NEW,
    "decisions:study_create": NEW,
    "disputes:create": NEW,
    "disputes:party_add": NEW,
    "enforcement:case_create": NEW,
    "enforcement:case_record": NEW,
    "enforcement:officer_create": NEW,
    "litigation:action": STEP,
    "litigation:attendance": STEP,
    "litigation:hearing_confirm": STEP,
    "litigation:performance_done": STEP,
    "litigation:recommendation_reply": STEP,
    "litigation:register": NEW,
    "mediation:action": STEP,
    "mediation:mediator_create": NEW,
    "mediation:partner_create": NEW,
    "mediation:register": NEW,
    "reconsideration:action": STEP,
    "reconsideration:expert_create": NEW,
    "reconsideration:linkage_create": NEW,
    "reconsideration:meeting_create": NEW,
    "reconsideration:register": NEW,
    "supervision:campaign_create": NEW,
    "supervision:campaign_import": NEW,
    "supervision:campaign_sample": STEP,
    "supervision:file_nominate": STEP,
    "supervision:file_score": NEW,
    "supervision:filing_create": NEW,
    "supervision:guiding_create": NEW,
    "supervision:nomination_score": NEW,
    "supervision:notice_create": NEW,
    "supervision:rubric_create": NEW,
    "supervision:selection_create": NEW,
    "supervision:special_create": NEW,
    "supervision:supervisor_activity": NEW,
    "supervision:supervisor_create": NEW,
}
#: Versioned pages whose own values are not a valid submission as the page is opened (a choice or a
#: text the step needs is left empty, so the form is refused with HTTP 200): no race without a
#: valid submission. name → why. `test_a_page_left_out_is_refused_as_opened` proves it.
REFUSED_AS_OPENED: dict[str, str] = {
    "disputes:resolve": "the resolution must be chosen",
    "enforcement:certificate_action": "the certificate action must be chosen",
    "supervision:filing_review": "the review conclusion must be chosen",
    "supervision:notice_reply": "the agency's reply must be written",
    "supervision:notice_verify": "the verification conclusion must be chosen",
    "supervision:selection_publish": "the selection's publication details must be filled in",
}
TARGET_PAGES = [get_row for _, get_row, _ in TARGETS if get_row is not None]
LEFT_OUT = {**NOT_VERSIONED, **REFUSED_AS_OPENED}
EDIT_ROWS = [r for r in TARGET_PAGES if r.name not in LEFT_OUT] + EXTRA_EDIT_ROWS
EDIT_IDS = [f"{r.name}:{(r.kwargs and 'obj') or ''}{i}" for i, r in enumerate(EDIT_ROWS)]
UNVERSIONED_ROWS = [r for r in TARGET_PAGES if r.name in NOT_VERSIONED]
REFUSED_ROWS = [r for r in TARGET_PAGES if r.name in REFUSED_AS_OPENED]
# Submissions whose second one is meant to add a second record or step (a party, a further extension,
# a notification setting saved again) or to replace the first (a year's holidays entered again: the
# same rows, written anew, one entry after the other): no race to refuse, only no 500.
ADDITIVE = {
    "disputes:party_add",
    "deadlines:extend",
    "deadlines:notification_settings",
    "deadlines:calendar_year",
}
POST_ROWS = {name: post_row for name, _, post_row in TARGETS if post_row is not None}
TWICE_ROWS = [post_row for _, _, post_row in TARGETS if post_row is not None and post_row.data]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL=postgres://…); SQLite serialises writers anyway")


def _is_edit(row) -> bool:
    """An edit page (the record's fields), not a workflow step that carries the version."""
    return row.name.endswith("edit") or row in EXTRA_EDIT_ROWS


def _clients(user, n):
    clients = []
    for _ in range(n):
        c = Client()
        c.force_login(user, backend="accounts.backends.AccountsBackend")
        clients.append(c)
    return clients


def _at_once(calls):
    """Run the calls on their own threads, released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # reported by the caller
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _text_field(fields):
    for name, f in fields.items():
        if name != "version" and f["kind"] in ("text", "textarea") and (f["default"] or [""])[0].strip():
            return name
    for name, f in fields.items():
        if name != "version" and f["kind"] in ("textarea", "text"):
            return name
    return None


def _data(fields):
    data = {}
    for name, f in fields.items():
        if f["kind"] in ("checkbox", "radio", "multiple"):
            data[name] = list(f["default"])
        elif f["default"]:
            data[name] = f["default"][0]
    return data


def _open(row, world):  # noqa: F811
    """Set the row's objects up and open its page as the permitted user: (user, url, that user's
    client, the fields of the page's POST form — none for a download)."""
    if row.setup:
        row.setup(world)
    user = getattr(world.users, row.permitted)
    url = reverse(row.name, kwargs=row.kwargs(world) if row.kwargs else {}) + row.query
    opener = _clients(user, 1)[0]
    page = opener.get(url)
    html = page.status_code == 200 and page["Content-Type"].startswith("text/html")  # not a download
    fields = _page_form(page.content.decode(), urlsplit(url).path) if html else {}
    return user, url, opener, fields


def _submission(row, world, fields):  # noqa: F811
    """What the race posts: the page's own values with the row's valid data, and the text field an
    edit changes (None for a workflow step)."""
    base = _data(fields)
    post_row = POST_ROWS.get(row.name)
    if post_row is not None and post_row.data:
        base.update({k: v for k, v in post_row.data(world).items() if k != "version"})
    field = _text_field(fields) if _is_edit(row) else None
    if _is_edit(row):
        assert field, f"{row.name}: no text field to change"
    return base, field


# The pages left out race nothing: they are opened (and tried once) on one connection, in a transaction
# rolled back like any test's, not committed and flushed as the races must be.
@pytest.mark.django_db
def test_every_page_left_out_is_one_of_the_pages():
    assert set(LEFT_OUT) <= {r.name for r in TARGET_PAGES}
    assert not set(NOT_VERSIONED) & set(REFUSED_AS_OPENED)
    assert all(reason.strip() for reason in LEFT_OUT.values())


@pytest.mark.django_db
@pytest.mark.parametrize("row", UNVERSIONED_ROWS, ids=[r.name for r in UNVERSIONED_ROWS])
def test_a_page_left_out_carries_no_version(row, world):  # noqa: F811
    _user, _url, _opener, fields = _open(row, world)
    assert "version" not in fields, f"{row.name} carries a version now: remove it from NOT_VERSIONED"


@pytest.mark.django_db
@pytest.mark.parametrize("row", REFUSED_ROWS, ids=[r.name for r in REFUSED_ROWS])
def test_a_page_left_out_is_refused_as_opened(row, world):  # noqa: F811
    _user, url, opener, fields = _open(row, world)
    assert "version" in fields, f"{row.name} carries no version now: move it to NOT_VERSIONED"
    base, field = _submission(row, world, fields)
    with transaction.atomic():
        trial = opener.post(url, {**base, field: "试填"} if field else base)
        transaction.set_rollback(True)
    assert trial.status_code == 200, f"{row.name} is accepted as opened now: remove it from REFUSED_AS_OPENED"


@pytest.mark.parametrize("row", EDIT_ROWS, ids=EDIT_IDS)
def test_twenty_simultaneous_edits_one_saved_nineteen_conflicts(row, world):  # noqa: F811
    user, url, opener, fields = _open(row, world)
    assert "version" in fields, f"{row.name}: no version on its page — list it in NOT_VERSIONED"
    base, field = _submission(row, world, fields)
    version = int(base["version"])
    # the page's own values must make a valid submission (tried once, undone) — else there is no race
    with transaction.atomic():
        trial = opener.post(url, {**base, field: "试填"} if field else base)
        transaction.set_rollback(True)
    assert trial.status_code == 302, f"{row.name}: the page's own values are not a valid submission"
    clients = _clients(user, THREADS)
    texts = [f"并发修改第{i}份" for i in range(THREADS)]
    writes = LogEntry.objects.count()

    responses = _at_once(
        [
            lambda c=c, t=t: c.post(url, {**base, field: t} if field else base)
            for c, t in zip(clients, texts, strict=True)
        ]
    )

    errors = [r for r in responses if isinstance(r, Exception)]
    assert not errors, errors
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(302) == 1, (row.name, statuses)
    if not _is_edit(row):
        # a versioned workflow step (an action of the record's page): one takes effect; the others
        # see the conflict page or — the step's status check under the lock — a refusal
        assert set(statuses) <= {200, 302, 409}, (row.name, statuses)
        assert LogEntry.objects.count() > writes
        return
    assert statuses.count(409) == THREADS - 1, (row.name, statuses)
    winner = texts[[r.status_code for r in responses].index(302)]
    after = _page_form(opener.get(url).content.decode(), urlsplit(url).path)
    assert int(after["version"]["default"][0]) == version + 1
    assert after[field]["default"][0].strip() == winner
    assert LogEntry.objects.count() > writes  # the one save is audited
    for r in responses:
        if r.status_code == 409:
            assert "冲突" in r.content.decode() or "已被" in r.content.decode()


@pytest.mark.parametrize("row", TWICE_ROWS, ids=[r.id for r in TWICE_ROWS])
def test_the_same_submission_twice_at_once_takes_effect_once(row, world):  # noqa: F811
    if row.setup:
        row.setup(world)
    user = getattr(world.users, row.permitted)
    url = reverse(row.name, kwargs=row.kwargs(world) if row.kwargs else {}) + row.query
    data = row.data(world)
    clients = _clients(user, 2)
    # the effect of one submission, in audit rows (tried once, undone)
    with transaction.atomic():
        before = LogEntry.objects.count()
        clients[0].post(url, data)
        once = LogEntry.objects.count() - before
        transaction.set_rollback(True)
    before = LogEntry.objects.count()
    responses = _at_once([lambda c=c: c.post(url, data) for c in clients])
    errors = [r for r in responses if isinstance(r, Exception)]
    assert not errors, errors
    assert all(r.status_code < 500 for r in responses)
    if row.name in ADDITIVE:
        return  # two submissions are two records or two steps, as they would be one after the other
    assert LogEntry.objects.count() - before == once, (row.name, [r.status_code for r in responses])


def test_the_same_transition_twice_at_once_one_event(world):  # noqa: F811
    from reconsideration.choices import EventKind
    from reconsideration.models import CaseEvent

    case = qinzhou_case(world)
    url = reverse("reconsideration:action", args=(case.pk, "accept"))
    data = {"accepted_on": "2025-03-05", "procedure": "ordinary", "simple_ground": ""}
    responses = _at_once([lambda c=c: c.post(url, data) for c in _clients(world.users.fuyi_qinzhou, 2)])
    assert sorted(r.status_code for r in responses) == [200, 302]
    assert CaseEvent.objects.filter(case=case, kind=EventKind.ACCEPT).count() == 1


def test_fifty_numbers_at_once_never_duplicated(db):
    def take():
        with transaction.atomic():
            return next_serial(scope="proof:concurrency", year=2026, series="案号")

    serials = _at_once([take] * 50)
    assert not [s for s in serials if isinstance(s, Exception)], serials
    assert sorted(serials) == list(range(1, 51))
