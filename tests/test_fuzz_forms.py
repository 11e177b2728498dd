"""Hypothesis drives every form: no HTTP 500, and no write when the input is refused.

The forms are found, not listed: every URL pattern whose view accepts POST has a row in the permission
matrix (tests/test_permission_matrix.py proves every pattern has one), which names the user allowed to
use it, the URL kwargs, the objects it needs and — for POST-only URLs — a valid submission. For each
such URL the test opens the page as that user, reads the fields of its `<form method="post">` (inputs,
selects with their options, textareas, with the values the page filled in), adds the row's valid data,
and then posts what hypothesis draws for every field: the valid value, text with control characters,
huge strings, unicode from all planes, numbers out of range, impossible dates, choices that are not
offered, lists where one value is expected, or the field left out.

Each example runs in a savepoint that is rolled back, so every example starts from the same seeded
world (built once per form through the factories and services, as the matrix builds it), and a valid
draw that changes something does not change what the next draw sees. The Django test client re-raises
a view's exception, so a 500 fails the example with its traceback.

"No write on invalid input": when the answer is 200 and a bound form of the request has errors, the
input was refused (a successful POST redirects, or — the password reset that shows a generated
password once — renders without errors; a conflict answers 409). Every write of the system goes
through a service that the audit log records (docs/architecture.md, "Audit"), so the number of audit
rows must not move.

Cost: a POST through the whole stack costs 30–70 ms on SQLite (the re-rendered page is most of
it); 200 examples for each of ~60 forms through the whole stack would take far longer than this
module may (3 minutes on one core). So of each form's 200 examples:
  * THROUGH_THE_VIEW (25) are posted through everything: middleware, view, service, template;
  * the other 175 bind the form the view would build, as the view builds it (`get_form` with the
    view set up on the request) and validate it — the checks of shape that most nonsense stops at;
  * for a view that builds its forms inline (no `get_form`), those 175 are posted through the view
    with the page left unrendered (the service still runs; only the HTML is skipped).
Templates render without the test runner's instrumentation (it copies every widget's context for
`response.context`, which this module never reads). Hypothesis is derandomized (the same examples
on every run), keeps no example database and does not shrink.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from auditlog.models import LogEntry
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import transaction
from django.template.response import SimpleTemplateResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from core.views import ServiceFormView

from .conftest import shared_tree, shared_users
from .test_permission_matrix import EXEMPT_NAMESPACES, ROWS, world  # noqa: F401

EXAMPLES = 200
#: Of the 200 examples of a form, this many are posted through the whole view; the rest bind the form.
THROUGH_THE_VIEW = 25

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as drawn
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

# Pages that accept POST but hold no form of a user's data.
NOT_FORMS = {
    "accounts:logout",  # logging out is the whole effect
    "accounts:login",  # anonymous; tests/accounts/test_login_security.py drives it with axes
    "accounts:mfa_verify",  # reached only half logged in; tests/accounts cover it
    "core:attachment_upload",  # multipart: tests/test_uploads.py
    "enforcement:import",  # multipart: tests/test_uploads.py
}


# Every form starts from the same tree and users: built once for the module (tests/conftest.py,
# `module_people`), each form's test in its own rolled-back savepoint.
@pytest.fixture
def tree(db, module_people):
    return shared_tree(module_people)


@pytest.fixture
def users(tree, module_people):
    return shared_users(module_people, tree)


@pytest.fixture(autouse=True)
def _plain_template_rendering(monkeypatch):
    """Render templates as production does: the test runner's instrumented rendering copies every
    context of every widget template for `response.context`, which this module never reads, and
    would otherwise be most of its runtime."""
    from django.template import Template
    from django.test.utils import _TestState

    saved = getattr(getattr(_TestState, "saved_data", None), "template_render", None)
    if saved is not None:
        monkeypatch.setattr(Template, "_render", saved)


@pytest.fixture
def bound_forms(monkeypatch):
    """Every bound form built while the test runs (a formset's forms are forms too)."""
    from django.forms import BaseForm

    built = []
    original = BaseForm.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if self.is_bound:
            built.append(self)

    monkeypatch.setattr(BaseForm, "__init__", init)
    return built


def _refused(forms) -> bool:
    return any(form.errors for form in forms)


def _callbacks(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in EXEMPT_NAMESPACES:
                continue
            yield from _callbacks(p, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}", p.callback


def _accepts_post(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post") and "post" in view_class.http_method_names
    # function views: the kernel's attachment views and the like say so in their decorators
    return "POST" in (getattr(callback, "__doc__", "") or "") or callback.__name__.endswith(
        ("_delete", "_upload")
    )


def _form_targets():
    """(name, get_row, post_row) for every URL pattern that accepts POST and has a permitted row."""
    by_name = defaultdict(dict)
    for row in ROWS:
        if row.permitted:
            by_name[row.name].setdefault(row.method, row)
    targets = []
    for name, callback in dict(_callbacks()).items():
        if name in NOT_FORMS or not _accepts_post(callback) or name not in by_name:
            continue
        rows = by_name[name]
        targets.append((name, rows.get("get"), rows.get("post")))
    return sorted(targets)


TARGETS = _form_targets()

#: POST URLs whose page shows no form of its own and whose matrix row posts no data: the action is
#: a button on another page and the request is the whole effect, so hypothesis has nothing to draw.
#: name → why. `test_a_url_left_out_has_no_fields_to_draw` proves each still has none (and fails
#: once one gets a form), `test_every_url_left_out_is_a_target` that none is stale.
NO_FORM_OF_ITS_OWN: dict[str, str] = {
    "accounts:user_mfa_reset": "a button on the user's page; the request is the reset",
    "accounts:user_toggle_active": "a button on the user's page; the request is the switch",
    "accounts:user_unlock": "a button on the user's page; the request is the unlock",
    "dashboard:index": "its form is the period filter, sent with GET; a POST is refused (403)",
    "dashboard:assessment": "its form is the period filter, sent with GET; a POST is refused (403)",
    "dashboard:export_xlsx": "a download: the page is the file",
    "dashboard:export_pdf": "a download: the page is the file",
    "deadlines:notification_open": "a link of the notification list; the request marks it read",
    "deadlines:notifications_read": "a button of the notification list; the request marks them all read",
    "disputes:party_reveal": "a button beside a masked party; the request is the audited reveal",
    "reconsideration:meeting_consult": "a button of the committee meeting's page; the request adds the case",
}
FUZZED = [t for t in TARGETS if t[0] not in NO_FORM_OF_ITS_OWN]
NOTHING_TO_DRAW = [t for t in TARGETS if t[0] in NO_FORM_OF_ITS_OWN]


# =====================================================================================================
# Reading a form off its page
# =====================================================================================================


class _FormReader(HTMLParser):
    """Every `<form method="post">`: its action and fields (name → kind, default, options)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            field = self._form["fields"].setdefault(name, {"kind": kind, "default": [], "options": []})
            if kind in ("checkbox", "radio"):
                field["options"].append(a.get("value", "on"))
                if "checked" in a:
                    field["default"].append(a.get("value", "on"))
            else:
                field["default"] = [a.get("value") or ""]
        elif tag == "select" and name:
            kind = "multiple" if "multiple" in a else "select"
            self._select = self._form["fields"].setdefault(name, {"kind": kind, "default": [], "options": []})
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["options"].append(value)
            if "selected" in a:
                self._select["default"].append(value)
        elif tag == "textarea" and name:
            self._textarea = self._form["fields"].setdefault(
                name, {"kind": "textarea", "default": [""], "options": []}
            )

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["default"] = [self._textarea["default"][0] + data]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _page_form(html: str, path: str) -> dict:
    """The fields of the page's POST form that submits to `path` (the largest one if several do)."""
    reader = _FormReader()
    reader.feed(html)
    mine = [f for f in reader.forms if f["action"] in ("", path) or urlsplit(f["action"]).path == path]
    return max(mine, key=lambda f: len(f["fields"]))["fields"] if mine else {}


# =====================================================================================================
# What hypothesis posts
# =====================================================================================================

CONTROL = st.sampled_from([chr(c) for c in range(32)] + ["\x7f", "\u202e", "\ufeff", "\ud7ff"])
NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.one_of(CONTROL, st.characters(exclude_categories=["Cs"])), min_size=1, max_size=20),
    st.builds(
        lambda ch, n: ch * n,
        st.sampled_from(["字", "a", "𠀀", "\u3000", " "]),
        st.sampled_from([256, 2001, 20001]),
    ),
    st.sampled_from(
        [
            "",
            " ",
            "null",
            "None",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "=cmd|' /C calc'!A0",
            "../../etc/passwd",
            "%00",
            "{{ 7*7 }}",
            "\u3000",
            "１２３",
        ]
    ),
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["-1", "0", "1e309", "NaN", "inf", "-inf", "0x10", "1,000", "３", "2147483648", "9" * 40]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
DATES = st.one_of(
    st.sampled_from(
        [
            "2025-02-30",
            "2025-13-01",
            "0000-00-00",
            "0001-01-01",
            "9999-12-31",
            "10000-01-01",
            "2025/03/10",
            "2025-3-1",
            "20250310",
            "昨天",
            "2025-03-10T25:61",
            "1900-01-01",
            "2025-03-10 08:00",
        ]
    ),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
)


def _value_strategy(field: dict, valid: list[str]):
    """One field's draw: None (left out), a list of values, or one value."""
    kind, options = field["kind"], [o for o in field["options"] if o != ""]
    singles = [NASTY_TEXT, NUMBERS, DATES]
    if options:
        singles.append(st.sampled_from(options))
    one = st.one_of(*singles)
    choices = [
        st.just(valid),  # the page's own value: drawn often so that many examples get past the form
        st.just(valid),
        st.none(),
        one.map(lambda v: [v]),
        st.lists(one, min_size=2, max_size=3),
    ]
    if kind == "multiple" and options:
        choices.append(st.lists(st.sampled_from(options), max_size=len(options), unique=True))
    if kind in ("number",):
        choices.append(NUMBERS.map(lambda v: [v]))
    if kind in ("date", "datetime-local"):
        choices.append(DATES.map(lambda v: [v]))
    return st.one_of(*choices)


def _submission_strategy(fields: dict[str, dict], valid: dict[str, list[str]]):
    return st.fixed_dictionaries(
        {name: _value_strategy(f, valid.get(name, [""])) for name, f in fields.items()}
    )


def _as_post(draw: dict) -> dict:
    return {name: value for name, value in draw.items() if value is not None}


def _valid_values(fields: dict[str, dict], post_data: dict) -> dict[str, list[str]]:
    valid = {name: list(f["default"]) for name, f in fields.items()}
    for name, value in post_data.items():
        valid[name] = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    return valid


# =====================================================================================================
# The test
# =====================================================================================================


def test_every_post_url_is_fuzzed_or_named():
    names = {name for name, _, _ in FUZZED}
    assert len(names) >= 50, sorted(names)
    # the forms the brief names are among them
    for name in (
        "accounts:user_create",
        "mediation:register",
        "litigation:attendance",
        "decisions:opinion_edit",
    ):
        assert name in names


def test_every_url_left_out_is_a_target():
    assert set(NO_FORM_OF_ITS_OWN) <= {name for name, _, _ in TARGETS}
    assert all(reason.strip() for reason in NO_FORM_OF_ITS_OWN.values())


def _form_builder(url, user, session):
    """A function data → the bound form the view would build for that POST, without the rest of the
    request (no middleware, no service, no template); None when the view builds its form in a way
    this cannot reproduce (the test then posts every example)."""
    match = resolve(urlsplit(url).path)
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not hasattr(view_class, "get_form"):
        return None
    factory = RequestFactory()

    def build(data):
        request = factory.post(url, data)
        request.user, request.session = user, session
        request._messages = FallbackStorage(request)
        view = view_class(**match.func.view_initkwargs)
        view.setup(request, *match.args, **match.kwargs)
        if isinstance(view, ServiceFormView):
            return view.get_form(request.POST)
        return view.get_form()

    return build


def _open(name, get_row, post_row, client, world):  # noqa: F811
    """Set the rows' objects up, log in as the permitted user and read the form: (url, user, the
    page's POST form fields with the row's valid data added, that valid data)."""
    row = post_row or get_row
    for r in (get_row, post_row):
        if r is not None and r.setup:
            r.setup(world)
    user = getattr(world.users, row.permitted)
    client.force_login(user, backend="accounts.backends.AccountsBackend")
    url = reverse(name, kwargs=row.kwargs(world) if row.kwargs else {}) + row.query
    fields = {}
    if get_row is not None:
        page = client.get(url)
        if page.status_code == 200 and "html" in page.get("Content-Type", ""):
            fields = _page_form(page.content.decode(), urlsplit(url).path)
    post_data = post_row.data(world) if post_row and post_row.data else {}
    for key in post_data:
        fields.setdefault(key, {"kind": "text", "default": [], "options": []})
    return url, user, fields, post_data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "get_row", "post_row"), NOTHING_TO_DRAW, ids=[t[0] for t in NOTHING_TO_DRAW]
)
def test_a_url_left_out_has_no_fields_to_draw(name, get_row, post_row, client, world):  # noqa: F811
    _url, _user, fields, _data = _open(name, get_row, post_row, client, world)
    assert not fields, f"{name} has a form now: remove it from NO_FORM_OF_ITS_OWN, it is fuzzed then"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "get_row", "post_row"), FUZZED, ids=[t[0] for t in FUZZED])
def test_fuzz_form(name, get_row, post_row, client, world, monkeypatch, bound_forms):  # noqa: F811
    url, user, fields, post_data = _open(name, get_row, post_row, client, world)
    assert fields, f"{name}: no form on its page and no data in its row — list it in NO_FORM_OF_ITS_OWN"
    valid = _valid_values(fields, post_data)
    submissions = _submission_strategy(fields, valid)
    statuses = defaultdict(int)

    # Most examples bind the form alone (or, where the view builds its forms itself, go through the
    # view with the page left unrendered); THROUGH_THE_VIEW go through everything (module docstring).
    build = _form_builder(url, user, client.session)
    formed = 0
    if build is not None:
        try:
            with transaction.atomic():
                build(_as_post(valid)).is_valid()
                transaction.set_rollback(True)
        except Exception:  # the view needs its dispatch: post every example instead
            build = None

    def post_one(draw):
        data = _as_post(draw)
        with transaction.atomic():
            writes = LogEntry.objects.count()
            bound_forms.clear()
            response = client.post(url, data)
            status = response.status_code
            statuses[status] += 1
            assert status < 500, (name, data)
            if status == 200 and _refused(bound_forms):
                assert LogEntry.objects.count() == writes, (name, "written on a refused form", data)
            transaction.set_rollback(True)

    if build is not None:

        @settings(FUZZ, max_examples=EXAMPLES - THROUGH_THE_VIEW)
        @given(submissions)
        def bind(draw):
            nonlocal formed
            with transaction.atomic():
                writes = LogEntry.objects.count()
                form = build(_as_post(draw))
                form.is_valid()
                str(form.errors)
                formed += 1
                assert LogEntry.objects.count() == writes, (name, "a form wrote", draw)
                transaction.set_rollback(True)

        bind()
    else:

        @settings(FUZZ, max_examples=EXAMPLES - THROUGH_THE_VIEW)
        @given(submissions)
        def post_unrendered(draw):
            post_one(draw)

        with monkeypatch.context() as patch:
            patch.setattr(SimpleTemplateResponse, "rendered_content", property(lambda self: ""))
            post_unrendered()

    @settings(FUZZ, max_examples=THROUGH_THE_VIEW)
    @given(submissions)
    def post(draw):
        post_one(draw)

    post()
    assert formed + sum(statuses.values()) >= EXAMPLES
    assert set(statuses) <= {200, 302, 400, 403, 404, 409}, (name, dict(statuses))
