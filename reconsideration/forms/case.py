"""The case record: registration and the editable case information."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from core.concurrency import VersionedFormMixin
from disputes.choices import ActType, Sector
from disputes.forms import UnitChoiceField, respondent_units
from disputes.models import Dispute

from ..choices import (
    IntakeChannel,
)
from ..models.case import REQUESTS_MAX_LENGTH, STATEMENT_MAX_LENGTH
from ._base import (
    PersonChoiceField,
    ServiceForm,
    User,
    _date,
    _line,
    _text,
    government_units,
    users_queryset,
)

# =====================================================================================================
# Registration (登记申请)
# =====================================================================================================


class CaseRegisterForm(ServiceForm):
    """登记行政复议申请: the body, the dispute (existing, or a new one with the act), the application."""

    body = UnitChoiceField(label=_("行政复议机关"), queryset=OrgUnit.objects.none(), empty_label=None)
    dispute = forms.ModelChoiceField(
        label=_("关联已登记的行政争议"),
        queryset=Dispute.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        help_text=_(
            "申请人就已登记的争议申请复议的，按争议编号、被申请人或当事人姓名检索并选择；否则留空，同时登记行政争议和申请人。"
        ),
    )
    # --- the act (for a new dispute; for an existing one it defaults to the dispute's) -------------
    respondent = UnitChoiceField(
        label=_("被申请人"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("请选择被申请人")
    )
    act_type = forms.ChoiceField(
        label=_("行政行为类型"), choices=[("", _("请选择")), *list(ActType.choices)], required=False
    )
    sector = forms.ChoiceField(
        label=_("行政管理领域"), choices=[("", _("请选择")), *list(Sector.choices)], required=False
    )
    act_date = _date(_("行政行为作出日期"), required=False)
    act_document_number = _line(_("行政行为文号"), required=False, max_length=100)
    act_amount = forms.DecimalField(
        label=_("涉及款额（元）"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("三千元以下可适用简易程序（第五十三条第一款第三项）。"),
    )
    act_on_the_spot = forms.BooleanField(label=_("当场作出"), required=False)
    act_by_electronic_monitoring = forms.BooleanField(label=_("依据电子技术监控设备记录作出"), required=False)
    act_is_warning = forms.BooleanField(label=_("警告或者通报批评"), required=False)
    concerns_real_estate = forms.BooleanField(label=_("因不动产提出"), required=False)
    summary = _text(
        _("争议概要"),
        required=False,
        max_length=2000,
        help_text=_("新登记争议时填写；留空则以复议请求代替。"),
    )
    # --- the application -------------------------------------------------------------------------
    channel = forms.ChoiceField(label=_("申请方式"), choices=IntakeChannel.choices)
    forwarded_by = UnitChoiceField(
        label=_("转交机关"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("（经作出处罚的机关转交时选择）"),
    )
    received_on = _date(
        _("收到申请日期"), initial_today=True, help_text=_("受理审查期限（5个工作日）自该日起算。")
    )
    submitted_on = _date(
        _("申请提出日期"),
        required=False,
        help_text=_("邮寄的以交邮日为准；留空则同收到申请日期。"),
    )
    knew_of_act_on = _date(_("知道行政行为之日"), help_text=_("申请期限（60日）自该日起算（第二十条）。"))
    act_stated_right_to_apply = forms.BooleanField(
        label=_("行政行为已告知申请复议的权利、复议机关和申请期限"), required=False, initial=True
    )
    knew_of_right_on = _date(
        _("知道复议权利之日"), required=False, help_text=_("未告知复议权利的填写（第二十条第三款）。")
    )
    delay_reason = _text(
        _("耽误申请期限的正当理由"),
        required=False,
        help_text=_("超过申请期限的，记录不可抗力或者其他正当理由（第二十条第二款）。"),
    )
    obstacle_from = _date(_("障碍发生日"), required=False)
    obstacle_to = _date(_("障碍消除日"), required=False)
    requests = _text(_("行政复议请求"), max_length=REQUESTS_MAX_LENGTH, help_text=_("不超过2000字。"))
    facts_and_reasons = _text(
        _("事实和理由"), long=True, max_length=STATEMENT_MAX_LENGTH, help_text=_("不超过20000字。")
    )
    is_major_difficult_complex = forms.BooleanField(
        label=_("重大、疑难、复杂案件"),
        required=False,
        help_text=_("应当听证（第五十条）并提请委员会咨询（第五十二条）。"),
    )
    is_highly_technical = forms.BooleanField(
        label=_("专业性、技术性较强"), required=False, help_text=_("应当提请委员会咨询（第五十二条）。")
    )
    hearing_requested = forms.BooleanField(label=_("申请人请求听证"), required=False)
    compensation_requested = forms.BooleanField(
        label=_("一并提出行政赔偿请求"),
        required=False,
        help_text=_("复议决定应当同时决定给予赔偿或者驳回赔偿请求（第七十二条第一款）。"),
    )
    handler = PersonChoiceField(
        label=_("承办人"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("暂不指定"),
        help_text=_("指定承办人后案件直接进入受理审查。"),
    )

    NEW_DISPUTE_FIELDS = ("respondent", "act_type", "sector", "act_date")

    def __init__(self, *args, user, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        bodies = government_units(user)
        self.fields["body"].queryset = bodies
        root = getattr(user, "unit", None)
        default = next((b for b in bodies if root and root.path.startswith(b.path)), None)
        if default is not None:
            self.fields["body"].initial = default.pk
        self.fields["dispute"].queryset = (
            Dispute.objects.visible_to(user).select_related("respondent").order_by("-id")
        )
        self.fields["dispute"].label_from_instance = lambda d: f"{d.number} {d.respondent.name}"
        self.fields["respondent"].queryset = respondent_units(user)
        for name in self.NEW_DISPUTE_FIELDS:
            if not self.fields[name].help_text:
                self.fields[name].help_text = _("新登记争议时必填。")
        self.fields["forwarded_by"].queryset = respondent_units(user)
        self.fields["handler"].queryset = users_queryset(handlers)

    def clean(self):
        data = super().clean()
        if not data.get("dispute"):
            for name in self.NEW_DISPUTE_FIELDS:
                if not data.get(name):
                    self.add_error(name, _("新登记争议时必须填写此项。"))
        self._check_respondent(data)
        if not data.get("act_stated_right_to_apply") and not data.get("knew_of_right_on"):
            self.add_error("knew_of_right_on", _("行政行为未告知复议权利的，请填写知道复议权利之日。"))
        return data

    @property
    def chosen_dispute(self):
        """The dispute picked in the search (shown again when the page comes back with errors)."""
        return getattr(self, "cleaned_data", {}).get("dispute")

    def _check_respondent(self, data) -> None:
        """复议法第二十四条: a government's reconsideration body reviews the acts of its departments and
        of the governments below it — never its own act, nor that of the government above it."""
        body = data.get("body")
        dispute = data.get("dispute")
        respondent = data.get("respondent") or (dispute.respondent if dispute else None)
        if body is None or respondent is None:
            return
        if respondent.pk == body.pk or body.path.startswith(respondent.path):
            self.add_error(
                "respondent",
                _(
                    "被申请人不能是本行政复议机关或其上级人民政府，请向有管辖权的行政复议机关申请（第二十四条）。"
                ),
            )

    def dispute_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "respondent": d["respondent"],
            "act_type": d["act_type"],
            "sector": d["sector"],
            "act_date": d["act_date"],
            "act_document_number": d["act_document_number"],
            "summary": d["summary"] or d["requests"],
        }

    def case_kwargs(self) -> dict:
        d = self.cleaned_data
        kwargs = {
            "body": d["body"],
            "channel": d["channel"],
            "received_on": d["received_on"],
            "submitted_on": d["submitted_on"],
            "knew_of_act_on": d["knew_of_act_on"],
            "requests": d["requests"],
            "facts_and_reasons": d["facts_and_reasons"],
            "act_amount": d["act_amount"],
            "act_on_the_spot": d["act_on_the_spot"],
            "act_by_electronic_monitoring": d["act_by_electronic_monitoring"],
            "act_is_warning": d["act_is_warning"],
            "concerns_real_estate": d["concerns_real_estate"],
            "act_stated_right_to_apply": d["act_stated_right_to_apply"],
            "knew_of_right_on": d["knew_of_right_on"],
            "forwarded_by": d["forwarded_by"],
            "delay_reason": d["delay_reason"],
            "obstacle_from": d["obstacle_from"],
            "obstacle_to": d["obstacle_to"],
            "is_major_difficult_complex": d["is_major_difficult_complex"],
            "is_highly_technical": d["is_highly_technical"],
            "hearing_requested": d["hearing_requested"],
            "compensation_requested": d["compensation_requested"],
            "handler": d["handler"],
        }
        if d.get("dispute"):
            # The act as the application names it, where the officer filled it in.
            for name in ("respondent", "act_type", "act_date"):
                if d.get(name):
                    kwargs[name] = d[name]
            if d.get("act_document_number"):
                kwargs["act_document_number"] = d["act_document_number"]
        else:
            kwargs.update(
                respondent=d["respondent"],
                act_type=d["act_type"],
                act_date=d["act_date"],
                act_document_number=d["act_document_number"],
            )
        return kwargs


class CaseUpdateForm(VersionedFormMixin, ServiceForm):
    """修改案件信息 (services.case_update): descriptive data and the flags the gates depend on."""

    requests = _text(_("行政复议请求"), max_length=REQUESTS_MAX_LENGTH, help_text=_("不超过2000字。"))
    facts_and_reasons = _text(
        _("事实和理由"), long=True, max_length=STATEMENT_MAX_LENGTH, help_text=_("不超过20000字。")
    )
    act_document_number = _line(_("行政行为文号"), required=False, max_length=100)
    act_amount = forms.DecimalField(
        label=_("涉及款额（元）"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    act_on_the_spot = forms.BooleanField(label=_("当场作出"), required=False)
    act_by_electronic_monitoring = forms.BooleanField(label=_("依据电子技术监控设备记录作出"), required=False)
    act_is_warning = forms.BooleanField(label=_("警告或者通报批评"), required=False)
    concerns_real_estate = forms.BooleanField(label=_("因不动产提出"), required=False)
    is_major_difficult_complex = forms.BooleanField(label=_("重大、疑难、复杂案件"), required=False)
    is_highly_technical = forms.BooleanField(label=_("专业性、技术性较强"), required=False)
    hearing_requested = forms.BooleanField(label=_("申请人请求听证"), required=False)
    compensation_requested = forms.BooleanField(
        label=_("一并提出行政赔偿请求"),
        required=False,
        help_text=_("复议决定应当同时决定给予赔偿或者驳回赔偿请求（第七十二条第一款）。"),
    )
    third_party_evidence_provided = forms.BooleanField(
        label=_("第三人提供了证据"), required=False, help_text=_("第七十条但书。")
    )

    FIELDS = (
        "requests",
        "facts_and_reasons",
        "act_document_number",
        "act_amount",
        "act_on_the_spot",
        "act_by_electronic_monitoring",
        "act_is_warning",
        "concerns_real_estate",
        "is_major_difficult_complex",
        "is_highly_technical",
        "hearing_requested",
        "compensation_requested",
        "third_party_evidence_provided",
    )

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault(
            "initial", {name: getattr(case, name) for name in self.FIELDS} | {"version": case.version}
        )
        super().__init__(*args, **kwargs)
