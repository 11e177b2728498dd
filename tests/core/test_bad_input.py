"""Bad input that used to get through: control characters and NUL bytes in text, over-long text,
NUL in a path, a 256-character login name — refused where it enters, never a 500, never stored, and
never able to break an Excel export for everyone else."""

from __future__ import annotations

import io
import re
import string

import openpyxl
import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django import forms
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accounts.choices import Role, UnitKind
from accounts.forms import UserCreateForm
from core.audit import log_access
from core.models import AccessAction, AccessLog
from core.validators import (
    DEFAULT_TEXT_MAX_LENGTH,
    no_control_characters,
    project_app_configs,
    strip_control_characters,
)
from disputes.choices import ActType, PartyKind, PartyRole, Sector
from disputes.forms import DisputeEditForm, DisputeForm, PartyForm, ResolutionForm
from disputes.models import Dispute, Party
from reconsideration import forms as recon_forms
from reconsideration.choices import CaseStatus
from reconsideration.models import ReconsiderationCase

from ..accounts.factories import OrgUnitFactory
from ..disputes.factories import MOBILE, ORG_USCC, PERSON_ID, DisputeFactory, PartyFactory
from ..reconsideration.factories import case_at, register_case

pytestmark = pytest.mark.django_db

CONTROLS = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"]
CONTROL_RE = re.compile("[" + "".join(re.escape(c) for c in CONTROLS) + "]")


# =====================================================================================================
# The rule itself
# =====================================================================================================


@pytest.mark.parametrize("value", ["张\x0b三", "理由\x01\x02\x1b", "a\x00b", "前\x1f后"])
def test_control_characters_and_nul_are_refused(value):
    with pytest.raises(ValidationError) as exc:
        no_control_characters(value)
    assert "不能包含控制字符" in str(exc.value)


@pytest.mark.parametrize(
    "value", ["第一行\n第二行\r\n\t缩进", "天复〔2026〕9号", "", "=1+1", "\u3000全角空格"]
)
def test_tab_newline_and_ordinary_text_pass(value):
    no_control_characters(value)
    assert strip_control_characters(value) == value


def test_strip_keeps_everything_but_the_controls():
    assert strip_control_characters("李\x0b四\x00\t说\x1b明") == "李四\t说明"


def test_every_text_field_of_the_project_refuses_controls_and_has_a_maximum():
    checked = 0
    for config in project_app_configs():
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.CharField | models.TextField):
                    continue
                checked += 1
                label = f"{model._meta.label}.{field.name}"
                assert no_control_characters in field.validators, label
                limits = [
                    v.limit_value for v in field.validators if v.__class__.__name__ == "MaxLengthValidator"
                ]
                assert limits and min(limits) <= DEFAULT_TEXT_MAX_LENGTH, label
    assert checked > 80


def test_every_form_text_field_refuses_controls_even_on_djangos_own_forms():
    from django.contrib.auth.forms import AuthenticationForm  # declared before the apps were ready

    form = AuthenticationForm(data={"username": "ad\x0bmin", "password": "secret"})
    assert not form.is_valid()
    assert "不能包含控制字符" in str(form.errors["username"])
    field = forms.CharField()
    with pytest.raises(ValidationError):
        field.clean("a\x01b")
    assert field.clean("a\tb\nc") == "a\tb\nc"


def test_the_rule_adds_no_migration():
    # Validators attached at start-up are not part of the fields' deconstruction.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


# =====================================================================================================
# Refused at input: model level (services' full_clean) and forms
# =====================================================================================================


def test_model_full_clean_refuses_a_party_name_with_a_vertical_tab(tree):
    dispute = DisputeFactory(respondent=tree.qinzhou_market)
    party = Party(dispute=dispute, role=PartyRole.CLAIMANT, kind=PartyKind.PERSON, name="张\x0b三")
    with pytest.raises(ValidationError) as exc:
        party.full_clean()
    assert "不能包含控制字符" in str(exc.value.message_dict["name"])


def test_party_with_a_control_character_is_refused_on_the_page(tree, users, login):
    dispute = DisputeFactory(respondent=tree.qinzhou_market)
    PartyFactory(dispute=dispute)
    data = {"role": PartyRole.THIRD_PARTY, "kind": PartyKind.PERSON, "name": "张\x0b三"}
    response = login(users.fuyi_qinzhou).post(reverse("disputes:party_add", args=[dispute.pk]), data)
    assert response.status_code == 200
    assert "不能包含控制字符" in response.content.decode()
    assert not Party.objects.filter(name__contains="\x0b").exists()


def test_a_reason_with_escape_codes_is_refused_and_the_case_unchanged(tree, users, login):
    case = case_at(
        CaseStatus.UNDER_REVIEW,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )
    before = case.requests
    data = {
        "requests": "撤销\x01\x02\x1b[31m处罚",
        "facts_and_reasons": case.facts_and_reasons,
        "act_document_number": case.act_document_number,
        "version": case.version,
    }
    response = login(users.fuyi).post(reverse("reconsideration:action", args=(case.pk, "update")), data)
    assert response.status_code == 200
    assert "不能包含控制字符" in response.content.decode()
    case.refresh_from_db()
    assert case.requests == before


def test_text_over_the_kernel_maximum_is_refused_by_full_clean(tree):
    dispute = DisputeFactory(respondent=tree.qinzhou_market)
    dispute.summary = "字" * (DEFAULT_TEXT_MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as exc:
        dispute.full_clean(exclude=["number"])
    assert "summary" in exc.value.message_dict


# =====================================================================================================
# Exports never break, whatever is already stored
# =====================================================================================================


def _rows(response):
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows(values_only=True))


def test_a_stored_control_character_does_not_break_the_case_export(tree, users, login):
    case = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    # Rows written before the rule existed (or by a script) still hold the character.
    Party.objects.filter(dispute=case.dispute).update(name="李\x0b四")
    ReconsiderationCase.objects.filter(pk=case.pk).update(act_document_number="天市监罚\x01〔2026〕8号")
    rows = _rows(login(users.fuyi).get(reverse("reconsideration:index"), {"export": "xlsx"}))
    row = next(r for r in rows if r[0] == case.number)
    assert row[2] == "李四" and row[5] == "天市监罚〔2026〕8号"


def test_a_filter_value_with_controls_cannot_break_the_access_log_export(users, login):
    client = login(users.auditor)
    # The first export is logged with its filter; the second exports that log.
    _rows(client.get(reverse("audit:index"), {"user": "a\x01b", "export": "xlsx"}))
    _rows(client.get(reverse("audit:access"), {"user": "x\x1by", "export": "xlsx"}))
    rows = _rows(client.get(reverse("audit:access"), {"export": "xlsx"}))
    assert len(rows) >= 3
    for log in AccessLog.objects.all():
        for value in (log.description, log.path, log.object_repr):
            assert not CONTROL_RE.search(value)


def test_log_access_records_text_without_its_control_characters(users):
    request = RequestFactory().get("/audit/")
    request.user = users.auditor
    entry = log_access(
        request=request, action=AccessAction.EXPORT, model_label="x.y", description="筛选\x0b：a\x00b"
    )
    entry.refresh_from_db()
    assert entry.description == "筛选：ab"


# =====================================================================================================
# Login name and paths
# =====================================================================================================


def test_a_256_character_username_is_a_form_error_not_a_500(client, users):
    name = "a" * 256
    response = client.post(reverse("accounts:login"), {"username": name, "password": "whatever-123"})
    assert response.status_code == 200
    assert "150" in response.content.decode()
    # Nothing reached django-axes' 255-character columns (PostgreSQL would refuse it with a 500).
    assert not AccessAttempt.objects.filter(username=name).exists()
    assert not AccessFailureLog.objects.filter(username=name).exists()


@pytest.mark.parametrize("path", ["/audit/object/31/%00/", "/disputes/%0b/", "/reconsideration/1%00/"])
def test_a_control_character_in_a_path_is_404(users, login, path):
    response = login(users.auditor).get(path)
    assert response.status_code == 404


def test_a_nul_byte_in_a_query_string_is_400(users, login):
    response = login(users.fuyi).get("/reconsideration/?number=%00")
    assert response.status_code == 400


# =====================================================================================================
# Every text field of the main forms, fuzzed
# =====================================================================================================

_SAFE = st.text(alphabet=string.ascii_letters + "天水复议", min_size=1, max_size=8)
BAD_TEXT = st.one_of(
    # one or more control characters inside ordinary text (form fields strip the edges)
    st.builds(lambda a, c, b: a + c + b, _SAFE, st.text(alphabet=CONTROLS, min_size=1, max_size=3), _SAFE),
    st.sampled_from(["\x00", "a\x00", "\x00\x00b"]),
    st.builds(lambda ch: ch * 100_000, st.sampled_from(["字", "a", "1"])),
)


def _text_fields(form_class, prefix=""):
    return [
        f"{prefix}{name}"
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField)
    ]


def _invalid_rows():
    """Every stored text value holding a control character or longer than its field allows."""
    bad = []
    for config in project_app_configs():
        for model in config.get_models():
            fields = [
                f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
            ]
            if not fields:
                continue
            limit = {f.name: f.max_length or DEFAULT_TEXT_MAX_LENGTH for f in fields}
            for row in model._base_manager.values("pk", *limit):
                for name, value in row.items():
                    if name == "pk" or not value:
                        continue
                    if CONTROL_RE.search(value) or len(value) > limit[name]:
                        bad.append(f"{model._meta.label}.{name} #{row['pk']}")
    return bad


def _register(tree, users):
    data = {
        "body": tree.city.pk,
        "channel": "in_person",
        "received_on": "2026-02-28",
        "knew_of_act_on": "2026-02-10",
        "act_stated_right_to_apply": "on",
        "requests": "撤销被申请人作出的行政处罚决定。",
        "facts_and_reasons": "事实不清，证据不足。",
        "respondent": tree.city_market.pk,
        "act_type": "penalty",
        "sector": "market",
        "act_date": "2026-02-09",
        "act_document_number": "天市监罚〔2026〕8号",
        "claimant-role": "claimant",
        "claimant-kind": "person",
        "claimant-name": "李四",
        "parties-TOTAL_FORMS": "0",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "20",
    }
    fields = _text_fields(recon_forms.CaseRegisterForm) + _text_fields(PartyForm, "claimant-")
    return users.fuyi, reverse("reconsideration:register"), lambda: data, fields


def _case_update(tree, users):
    case = case_at(
        CaseStatus.UNDER_REVIEW,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )

    def data():
        case.refresh_from_db()
        return {
            "requests": case.requests,
            "facts_and_reasons": case.facts_and_reasons,
            "act_document_number": case.act_document_number,
            "version": case.version,
        }

    url = reverse("reconsideration:action", args=(case.pk, "update"))
    return users.fuyi, url, data, _text_fields(recon_forms.CaseUpdateForm)


def _reject(tree, users):
    case = case_at(
        CaseStatus.UNDER_REVIEW,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )
    data = {"rejected_on": "2025-03-05", "reasoning": "不属于行政复议范围。"}
    url = reverse("reconsideration:action", args=(case.pk, "reject"))
    return users.fuyi, url, lambda: data, _text_fields(recon_forms.RejectForm)


def _linkage(tree, users):
    court = OrgUnitFactory(name="天水市中级人民法院", kind=UnitKind.COURT, parent=tree.city)
    data = {
        "body": tree.city.pk,
        "kind": "case_consultation",
        "date": "2025-06-01",
        "title": "行政案件会商",
        "summary": "就征收补偿案件会商。",
        "partners": [court.pk],
        "case_numbers": "",
    }
    return (
        users.fuyi,
        reverse("reconsideration:linkage_create"),
        lambda: data,
        _text_fields(recon_forms.LinkageForm),
    )


def _dispute_create(tree, users):
    data = {
        "respondent": tree.qinzhou_market.pk,
        "act_type": ActType.PENALTY,
        "sector": Sector.FOOD_DRUG,
        "act_date": "2026-03-02",
        "act_document_number": "秦市监罚〔2026〕7号",
        "summary": "不服罚款决定。",
        "claimant-role": PartyRole.CLAIMANT,
        "claimant-kind": PartyKind.PERSON,
        "claimant-name": "张三",
        "claimant-id_number": PERSON_ID,
        "claimant-phone": MOBILE,
        "claimant-address": "天水市秦州区",
        "parties-TOTAL_FORMS": "1",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "20",
        "parties-0-role": PartyRole.THIRD_PARTY,
        "parties-0-kind": PartyKind.ORGANISATION,
        "parties-0-name": "天水麦香食品有限公司",
        "parties-0-unified_credit_code": ORG_USCC,
    }
    fields = (
        _text_fields(DisputeForm)
        + _text_fields(PartyForm, "claimant-")
        + _text_fields(PartyForm, "parties-0-")
    )
    return users.fuyi_qinzhou, reverse("disputes:create"), lambda: data, fields


def _qinzhou_dispute(tree):
    dispute = DisputeFactory(respondent=tree.qinzhou_market, act_document_number="秦市监罚〔2026〕12号")
    PartyFactory(dispute=dispute, name="张三丰")
    return dispute


def _dispute_edit(tree, users):
    dispute = _qinzhou_dispute(tree)

    def data():
        dispute.refresh_from_db()
        return {
            "respondent": dispute.respondent_id,
            "act_type": dispute.act_type,
            "sector": dispute.sector,
            "act_date": dispute.act_date.isoformat(),
            "act_document_number": dispute.act_document_number,
            "summary": dispute.summary,
            "version": dispute.version,
        }

    return (
        users.fuyi_qinzhou,
        reverse("disputes:edit", args=[dispute.pk]),
        data,
        _text_fields(DisputeEditForm),
    )


def _party_add(tree, users):
    dispute = _qinzhou_dispute(tree)
    data = {"role": PartyRole.THIRD_PARTY, "kind": PartyKind.PERSON, "name": "王五", "phone": "0938-8212346"}
    return (
        users.fuyi_qinzhou,
        reverse("disputes:party_add", args=[dispute.pk]),
        lambda: data,
        _text_fields(PartyForm),
    )


def _resolution(tree, users):
    dispute = _qinzhou_dispute(tree)

    def data():
        dispute.refresh_from_db()
        return {
            "status": "resolved",
            "resolved_at": "2026-05-06",
            "resolved_substantively": "true",
            "resolution_note": "调解结案",
            "version": dispute.version,
        }

    return (
        users.fuyi_qinzhou,
        reverse("disputes:resolve", args=[dispute.pk]),
        data,
        _text_fields(ResolutionForm),
    )


def _user_create(tree, users):
    from django.contrib.auth.models import Group

    data = {
        "username": "wangfang",
        "real_name": "王芳",
        "unit": tree.qinzhou_justice.pk,
        "title": "科员",
        "phone": "13893812345",
        "email": "wangfang@qzsfj.gov.cn",
        "roles": [Group.objects.get(name=Role.RECON_OFFICER).pk],
        "password1": "Kaishi#Mima2026",
        "password2": "Kaishi#Mima2026",
    }
    return users.admin, reverse("accounts:user_create"), lambda: data, _text_fields(UserCreateForm)


FORMS = {
    "reconsideration-register": _register,
    "reconsideration-update": _case_update,
    "reconsideration-reject": _reject,
    "reconsideration-linkage": _linkage,
    "dispute-create": _dispute_create,
    "dispute-edit": _dispute_edit,
    "dispute-party-add": _party_add,
    "dispute-resolution": _resolution,
    "user-create": _user_create,
}


@pytest.mark.parametrize("name", FORMS)
def test_bad_text_in_any_field_of_the_main_forms_is_refused_without_a_500(name, tree, users, login):
    user, url, baseline, fields = FORMS[name](tree, users)
    assert fields, name
    client = login(user)
    assert _invalid_rows() == []

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure names its field and value
        suppress_health_check=list(HealthCheck),
    )
    @given(field=st.sampled_from(fields), value=BAD_TEXT)
    def post_bad_text(field, value):
        response = client.post(url, {**baseline(), field: value})
        # The form again with its error (no redirect: nothing was saved), never a server error.
        assert response.status_code == 200, (field, response.status_code)
        assert _invalid_rows() == [], (field, value[:20])

    post_bad_text()


def test_the_fuzzed_forms_cover_their_text_fields():
    """A text field added to one of these forms later is fuzzed too (the lists are read from the forms)."""
    assert "reasoning" in _text_fields(recon_forms.RejectForm)
    assert {"name", "address", "id_number", "phone"} <= set(_text_fields(PartyForm))
    assert "summary" in _text_fields(DisputeForm)
    assert {"title", "summary", "case_numbers"} <= set(_text_fields(recon_forms.LinkageForm))


def test_the_fuzz_checker_sees_an_invalid_row(tree):
    Dispute.objects.filter(pk=DisputeFactory(respondent=tree.qinzhou_market).pk).update(summary="x\x0by")
    assert _invalid_rows()
