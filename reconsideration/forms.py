"""Forms of the reconsideration pages. They validate shape only; every rule lives in `services`.

Field names are the keyword arguments of the service each form feeds, so a view can pass
`form.service_kwargs()` straight through. Choices of people and units are narrowed to the case's
reconsideration body (复议机关) or the user's jurisdiction; the services check them again.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.models import OrgUnit
from core.concurrency import VersionedFormMixin
from disputes.choices import ActType, Sector
from disputes.forms import DateInput, UnitChoiceField, respondent_units
from disputes.models import Dispute

from .choices import (
    DECISION_OUTCOMES,
    DecisionOutcome,
    IntakeChannel,
    LinkageKind,
    MediationResult,
    NoEvidenceDisposition,
    Procedure,
    SimpleGround,
    SuspensionGround,
    TerminationGround,
)
from .models import CommitteeMeeting, ExpertConsultant, ReconsiderationCase

User = get_user_model()

TEXTAREA = forms.Textarea(attrs={"rows": 3})
TEXTAREA_LONG = forms.Textarea(attrs={"rows": 6})
NUMBER_HELP = _("留空则按本机关本年度文书编号自动编号。")


def _date(label, *, required=True, help_text="", initial_today=False):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        initial=timezone.localdate if initial_today else None,
    )


def _text(label, *, required=True, long=False, help_text="", max_length=None):
    return forms.CharField(
        label=label,
        required=required,
        widget=TEXTAREA_LONG if long else TEXTAREA,
        help_text=help_text,
        max_length=max_length,
    )


def _line(label, *, required=True, help_text="", max_length=200):
    return forms.CharField(label=label, required=required, help_text=help_text, max_length=max_length)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        unit = getattr(obj, "unit", None)
        return f"{obj.display_name}（{unit.name}）" if unit else obj.display_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        unit = getattr(obj, "unit", None)
        return f"{obj.display_name}（{unit.name}）" if unit else obj.display_name


def users_queryset(users):
    """A queryset over an already-filtered list of users (the selectors filter by jurisdiction)."""
    return User.objects.filter(pk__in=[u.pk for u in users]).select_related("unit").order_by("username")


def government_units(user):
    """Reconsideration bodies (复议法第四条: governments at or above county level) the user may act for."""
    return OrgUnit.objects.visible_to(user).filter(kind=UnitKind.GOVERNMENT, is_active=True).order_by("path")


class ServiceForm(forms.Form):
    """A form whose cleaned data are service keyword arguments (blank optional text → "")."""

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


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
        empty_label=_("新登记争议（填写下方被申请人和行政行为）"),
        help_text=_("申请人就已登记的争议申请复议的，选择该争议；否则留空，系统同时登记行政争议和申请人。"),
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
    summary = _text(_("争议概要"), required=False, help_text=_("新登记争议时填写；留空则以复议请求代替。"))
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
    requests = _text(_("行政复议请求"))
    facts_and_reasons = _text(_("事实和理由"), long=True)
    is_major_difficult_complex = forms.BooleanField(
        label=_("重大、疑难、复杂案件"),
        required=False,
        help_text=_("应当听证（第五十条）并提请委员会咨询（第五十二条）。"),
    )
    is_highly_technical = forms.BooleanField(
        label=_("专业性、技术性较强"), required=False, help_text=_("应当提请委员会咨询（第五十二条）。")
    )
    hearing_requested = forms.BooleanField(label=_("申请人请求听证"), required=False)
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
        self.fields["forwarded_by"].queryset = respondent_units(user)
        self.fields["handler"].queryset = users_queryset(handlers)

    def clean(self):
        data = super().clean()
        if not data.get("dispute"):
            for name in self.NEW_DISPUTE_FIELDS:
                if not data.get(name):
                    self.add_error(name, _("新登记争议时必须填写此项。"))
        if not data.get("act_stated_right_to_apply") and not data.get("knew_of_right_on"):
            self.add_error("knew_of_right_on", _("行政行为未告知复议权利的，请填写知道复议权利之日。"))
        return data

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

    requests = _text(_("行政复议请求"))
    facts_and_reasons = _text(_("事实和理由"), long=True)
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
        "third_party_evidence_provided",
    )

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault(
            "initial", {name: getattr(case, name) for name in self.FIELDS} | {"version": case.version}
        )
        super().__init__(*args, **kwargs)


# =====================================================================================================
# Case actions (one form per action; the view calls one service)
# =====================================================================================================


class CaseActionForm(ServiceForm):
    """Base of the action forms: knows the case and the user (for narrowing choices)."""

    def __init__(self, *args, case, user, context=None, **kwargs):
        self.case = case
        self.user = user
        self.page_context = context or {}
        super().__init__(*args, **kwargs)


class AssignForm(CaseActionForm):
    handler = PersonChoiceField(label=_("承办人"), queryset=User.objects.none())
    on = _date(_("日期"), required=False, initial_today=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = users_queryset(self.page_context.get("handlers", ()))
        self.fields["handler"].initial = self.case.handler_id


class StartReviewForm(AssignForm):
    """指定承办人并开始审查."""


class DelayReasonForm(CaseActionForm):
    reason = _text(_("耽误申请期限的正当理由"), help_text=_("第二十条第二款：不可抗力或者其他正当理由。"))
    obstacle_from = _date(_("障碍发生日"), required=False)
    obstacle_to = _date(_("障碍消除日"), required=False)
    on = _date(_("记录日期"), required=False, initial_today=True)


class RequestCorrectionForm(CaseActionForm):
    items = _text(_("需要补正的事项"), long=True, help_text=_("一次性逐项列明（第三十一条第一款）。"))
    notice_sent_on = _date(_("补正通知发出日期"), initial_today=True)
    applicant_received_on = _date(
        _("申请人收到补正通知日期"), required=False, help_text=_("申请人的10个工作日补正期限自该日起算。")
    )


class CorrectionNoticeReceiptForm(CaseActionForm):
    received_on = _date(_("申请人收到补正通知日期"), initial_today=True)


class ReceiveCorrectionForm(CaseActionForm):
    received_on = _date(_("收到补正材料日期"), initial_today=True)
    note = _text(_("补正情况"), required=False)


class AcceptForm(CaseActionForm):
    accepted_on = _date(_("受理日期"), initial_today=True)
    procedure = forms.ChoiceField(label=_("审理程序"), choices=Procedure.choices, initial=Procedure.ORDINARY)
    simple_ground = forms.ChoiceField(
        label=_("适用简易程序的理由"),
        choices=[("", _("（普通程序不填）")), *list(SimpleGround.choices)],
        required=False,
    )
    parties_agreed_simple = forms.BooleanField(label=_("当事人各方同意适用简易程序"), required=False)


class RejectForm(CaseActionForm):
    rejected_on = _date(_("不予受理决定日期"), initial_today=True)
    reasoning = _text(_("不予受理的理由"), long=True)
    legal_basis = _line(_("法律依据"), required=False, help_text=_("留空为《行政复议法》第三十条。"))
    referred_body = _line(
        _("告知的有管辖权的复议机关"), required=False, help_text=_("不属于本机关管辖的，填写有管辖权的机关。")
    )
    document_number = _line(_("不予受理决定书文号"), required=False, help_text=NUMBER_HELP, max_length=50)


class SendCopyForm(CaseActionForm):
    sent_on = _date(_("申请书副本发送日期"), initial_today=True)
    respondent_received_on = _date(
        _("被申请人收到副本日期"), required=False, help_text=_("被申请人的答复期限自该日起算。")
    )


class CopyReceiptForm(CaseActionForm):
    received_on = _date(_("被申请人收到副本日期"), initial_today=True)


class ReplyForm(CaseActionForm):
    received_on = _date(_("收到书面答复日期"), initial_today=True)
    with_evidence = forms.BooleanField(
        label=_("同时提交了作出行政行为的证据、依据和其他有关材料"), required=False, initial=True
    )


class SuspendForm(CaseActionForm):
    ground = forms.ChoiceField(label=_("中止事由"), choices=SuspensionGround.choices)
    suspended_on = _date(_("中止日期"), initial_today=True)
    reason = _text(_("具体情况"))
    notice_number = _line(_("中止审理通知书文号"), required=False, help_text=NUMBER_HELP, max_length=50)


class ResumeForm(CaseActionForm):
    resumed_on = _date(_("恢复审理日期"), initial_today=True)
    notice_number = _line(_("恢复审理通知书文号"), required=False, help_text=NUMBER_HELP, max_length=50)


class ExtendForm(CaseActionForm):
    days = forms.IntegerField(
        label=_("延长天数"),
        min_value=1,
        max_value=30,
        help_text=_("累计最多不得超过三十日（第六十二条第一款）。"),
    )
    reference = _line(
        _("延期审理通知书文号"),
        required=False,
        help_text=_("书面告知当事人的通知文号；留空则自动编号。"),
        max_length=100,
    )
    reason = _text(_("延长理由"))
    approved_by = PersonChoiceField(label=_("批准人（行政复议机构负责人）"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = users_queryset(self.page_context.get("approvers", ()))


class ConvertForm(CaseActionForm):
    converted_on = _date(_("转换日期"), initial_today=True)
    reason = _text(_("不宜适用简易程序的理由"))
    approved_by = PersonChoiceField(label=_("批准人（行政复议机构负责人）"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = users_queryset(self.page_context.get("approvers", ()))


class MediationStatusForm(CaseActionForm):
    attempted = forms.TypedChoiceField(
        label=_("是否开展调解"),
        choices=[("1", _("已开展调解")), ("0", _("未开展调解"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason_not_attempted = _text(_("未调解的理由"), required=False)
    on = _date(_("记录日期"), required=False, initial_today=True)


class MediationSessionForm(CaseActionForm):
    held_on = _date(_("调解日期"), initial_today=True)
    participants_note = _text(_("参加人员"))
    result = forms.ChoiceField(label=_("调解结果"), choices=MediationResult.choices)
    note = _text(_("调解情况"), required=False)


class MediateForm(CaseActionForm):
    """调解结案: the 行政复议调解书 (第七十三条)."""

    concluded_on = _date(_("调解书生效日期"), initial_today=True)
    agreement_summary = _text(_("调解协议内容"), long=True)
    agency_changed_act = forms.BooleanField(
        label=_("被申请人已改变原行政行为"), required=False, help_text=_("计为间接纠错。")
    )
    document_number = _line(_("调解书文号"), required=False, help_text=NUMBER_HELP, max_length=50)


class TerminateForm(CaseActionForm):
    """终止 (第四十一条), including settlement and withdrawal (第七十四条)."""

    ground = forms.ChoiceField(label=_("终止事由"), choices=TerminationGround.choices)
    terminated_on = _date(_("终止日期"), initial_today=True)
    reasoning = _text(_("终止理由"), long=True)
    is_settlement = forms.BooleanField(label=_("当事人和解后申请人撤回申请（第七十四条）"), required=False)
    agency_changed_act = forms.BooleanField(
        label=_("被申请人已改变原行政行为"), required=False, help_text=_("和解撤回的，计为间接纠错。")
    )
    document_number = _line(_("终止决定书文号"), required=False, help_text=NUMBER_HELP, max_length=50)


def _outcome_choices(outcomes=DECISION_OUTCOMES):
    labels = dict(DecisionOutcome.choices)
    return [("", _("请选择"))] + [(o, labels[o]) for o in outcomes]


class DraftForm(CaseActionForm):
    """承办人拟处理意见."""

    text = _text(_("拟处理意见"), long=True)
    proposed_outcome = forms.ChoiceField(label=_("建议处理结果"), choices=_outcome_choices(), required=False)
    on = _date(_("意见日期"), required=False, initial_today=True)


class ReviewForm(CaseActionForm):
    """复议机构审核意见."""

    agrees = forms.TypedChoiceField(
        label=_("审核结论"),
        choices=[("1", _("同意承办人意见")), ("0", _("不同意承办人意见"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    text = _text(_("审核意见"), long=True)
    proposed_outcome = forms.ChoiceField(label=_("建议处理结果"), choices=_outcome_choices(), required=False)
    on = _date(_("审核日期"), required=False, initial_today=True)


class ReasonForm(CaseActionForm):
    reason = _text(_("理由"))
    on = _date(_("日期"), required=False, initial_today=True)


class ConfirmForm(CaseActionForm):
    """An action whose only input is its date (报请审批)."""

    on = _date(_("日期"), required=False, initial_today=True)


class DecideForm(CaseActionForm):
    """作出行政复议决定 (第六十一条至第七十二条)."""

    outcome = forms.ChoiceField(label=_("决定结果"), choices=_outcome_choices())
    no_evidence_disposition = forms.ChoiceField(
        label=_("第七十条处理方式"),
        choices=[("", _("（不适用）")), *list(NoEvidenceDisposition.choices)],
        required=False,
    )
    order_redo = forms.BooleanField(label=_("责令被申请人重新作出行政行为"), required=False)
    compensation_ordered = forms.BooleanField(label=_("同时决定赔偿或者返还财产"), required=False)
    decided_on = _date(_("决定日期"), initial_today=True)
    reasoning = _text(_("决定理由（认定的事实和理由）"), long=True)
    legal_basis = _text(_("法律依据"))
    signed_by = PersonChoiceField(
        label=_("签发人（行政复议机关负责人）"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("（经集体讨论通过的不选）"),
    )
    collective_discussion_on = _date(_("集体讨论日期"), required=False)
    collective_participants = _text(_("集体讨论参加人员"), required=False)
    document_number = _line(_("决定书文号"), required=False, help_text=NUMBER_HELP, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_by"].queryset = users_queryset(self.page_context.get("signers", ()))
        allowed = self.page_context.get("allowed_outcomes")
        if allowed:
            self.fields["outcome"].choices = _outcome_choices(allowed)
        if self.user in self.page_context.get("signers", ()):
            self.fields["signed_by"].initial = self.user.pk
        opinion = self.page_context.get("latest_draft")
        if opinion is not None and opinion.proposed_outcome:
            self.fields["outcome"].initial = opinion.proposed_outcome


class HearingScheduleForm(CaseActionForm):
    """安排听证 (第五十条、第五十一条)."""

    date = _date(_("听证日期"))
    start_time = forms.TimeField(
        label=_("开始时间"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = _line(_("听证地点"))
    matters = _text(_("拟听证事项"))
    presiding = PersonChoiceField(label=_("主持人"), queryset=User.objects.none())
    officers = PeopleChoiceField(
        label=_("听证员"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("两名以上，不含主持人和记录员（第五十条第三款）。"),
    )
    clerk = PersonChoiceField(label=_("记录员"), queryset=User.objects.none())
    notice_sent_on = _date(
        _("听证通知发出日期"),
        initial_today=True,
        help_text=_("应于举行听证的五个工作日前书面通知（第五十一条）。"),
    )
    requested_by_applicant = forms.BooleanField(label=_("应申请人请求举行"), required=False)
    notice_number = _line(_("听证通知书文号"), required=False, help_text=NUMBER_HELP, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = users_queryset(self.page_context.get("staff", ()))
        for name in ("presiding", "officers", "clerk"):
            self.fields[name].queryset = staff
        self.fields["requested_by_applicant"].initial = self.case.hearing_requested

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["officers"] = list(data["officers"])
        return data


class HearingRecordForm(CaseActionForm):
    """听证情况 (第五十一条)."""

    hearing = forms.ModelChoiceField(label=_("听证"), queryset=None, empty_label=None)
    respondent_head_attended = forms.BooleanField(label=_("被申请人的负责人参加了听证"), required=False)
    respondent_head_absence_reason = _text(_("负责人未参加的理由"), required=False)
    respondent_delegate = _line(_("受委托参加的工作人员"), required=False, max_length=100)
    applicant_absent_without_reason = forms.BooleanField(
        label=_("申请人无正当理由拒不参加（视为放弃听证权利）"), required=False
    )
    record_summary = _text(_("听证情况"), long=True, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["hearing"].queryset = self.case.hearings.filter(held=False, date__lte=today).order_by(
            "date"
        )
        self.fields["hearing"].label_from_instance = lambda h: f"{h.date:%Y-%m-%d} {h.place}"


class CommitteeConsultForm(CaseActionForm):
    """提交复议委员会: the consultation opinion at one meeting (第五十二条)."""

    meeting = forms.ModelChoiceField(
        label=_("委员会会议"),
        queryset=CommitteeMeeting.objects.none(),
        help_text=_("没有合适的会议时，请先在“复议委员会”中登记会议。"),
    )
    question = _text(_("咨询事项"), required=False)
    opinion = _text(_("咨询意见"), long=True)
    majority_view = _text(_("多数意见"))
    votes_for = forms.IntegerField(label=_("赞成票"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("反对票"), min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = CommitteeMeeting.objects.filter(org_unit=self.case.org_unit).order_by("-date", "-id")
        if self.case.accepted_on:
            meetings = meetings.filter(date__gte=self.case.accepted_on)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{m.date:%Y-%m-%d} {m.topic}"


class ExpertConsultationForm(CaseActionForm):
    expert = forms.ModelChoiceField(label=_("咨询专家"), queryset=ExpertConsultant.objects.none())
    consulted_on = _date(_("咨询日期"), initial_today=True)
    question = _text(_("咨询事项"))
    answer = _text(_("专家意见"), long=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = ExpertConsultant.objects.filter(
            org_unit=self.case.org_unit, is_active=True
        ).order_by("name")


class OpinionLetterForm(CaseActionForm):
    """制发行政复议意见书 (第七十六条)."""

    agency = UnitChoiceField(label=_("受文机关"), queryset=OrgUnit.objects.none())
    content = _text(_("意见内容"), long=True)
    sent_on = _date(_("制发日期"), initial_today=True)
    received_on = _date(_("受文机关收到日期"), required=False, help_text=_("60日落实报送期限自该日起算。"))
    document_number = _line(_("意见书文号"), required=False, help_text=NUMBER_HELP, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.case.org_unit
        self.fields["agency"].queryset = (
            OrgUnit.objects.filter(path__startswith=body.path, is_active=True)
            .exclude(pk=body.pk)
            .order_by("path")
        )
        self.fields["agency"].initial = self.case.respondent_id


class LetterReceiptForm(CaseActionForm):
    letter = forms.ModelChoiceField(label=_("意见书"), queryset=None, empty_label=None)
    received_on = _date(_("受文机关收到日期"), initial_today=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter"].queryset = self.case.opinion_letters.filter(received_on__isnull=True)
        self.fields["letter"].label_from_instance = lambda x: (
            f"{x.document_number or x.sent_on} {x.agency.name}"
        )


class LetterReportForm(CaseActionForm):
    letter = forms.ModelChoiceField(label=_("意见书"), queryset=None, empty_label=None)
    report_received_on = _date(_("收到落实情况报告日期"), initial_today=True)
    report_summary = _text(_("落实情况"), long=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter"].queryset = self.case.opinion_letters.filter(
            received_on__isnull=False, report_received_on__isnull=True
        )
        self.fields["letter"].label_from_instance = lambda x: (
            f"{x.document_number or x.sent_on} {x.agency.name}"
        )


class ServeForm(CaseActionForm):
    served_on = _date(_("送达日期"), initial_today=True)


class CloseForm(CaseActionForm):
    closed_on = _date(_("结案日期"), initial_today=True)
    served_on = _date(
        _("文书送达日期"),
        required=False,
        help_text=_("决定书、调解书等尚未记录送达的，填写送达日期（第七十五条）。"),
    )


class ArchiveForm(CaseActionForm):
    archived_on = _date(_("归档日期"), initial_today=True)
    archive_number = _line(_("档案号"), required=False, max_length=50)


# =====================================================================================================
# Committee, experts, 府院联动
# =====================================================================================================


class MeetingForm(ServiceForm):
    body = UnitChoiceField(label=_("行政复议机关"), queryset=OrgUnit.objects.none(), empty_label=None)
    date = _date(_("会议日期"), initial_today=True)
    topic = _line(_("会议议题"))
    place = _line(_("会议地点"), required=False)
    chaired_by = PersonChoiceField(label=_("主持人"), queryset=User.objects.none(), required=False)
    members = PeopleChoiceField(
        label=_("出席委员"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    experts = forms.ModelMultipleChoiceField(
        label=_("出席专家"),
        queryset=ExpertConsultant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = _text(_("会议情况"), required=False)

    def __init__(self, *args, user, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        bodies = government_units(user)
        self.fields["body"].queryset = bodies
        root = getattr(user, "unit", None)
        default = next((b for b in bodies if root and root.path.startswith(b.path)), None)
        if default is not None:
            self.fields["body"].initial = default.pk
        people = users_queryset(staff)
        self.fields["chaired_by"].queryset = people
        self.fields["members"].queryset = people
        self.fields["experts"].queryset = (
            ExpertConsultant.objects.visible_to(user).filter(is_active=True).select_related("org_unit")
        )
        self.fields["experts"].label_from_instance = lambda e: f"{e.name}（{e.field}，{e.org_unit.name}）"

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["members"] = list(data["members"])
        data["experts"] = list(data["experts"])
        return data


class MeetingConsultForm(ServiceForm):
    """A case's consultation opinion, entered from the meeting page."""

    case = forms.ModelChoiceField(label=_("案件"), queryset=ReconsiderationCase.objects.none())
    question = _text(_("咨询事项"), required=False)
    opinion = _text(_("咨询意见"), long=True)
    majority_view = _text(_("多数意见"))
    votes_for = forms.IntegerField(label=_("赞成票"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("反对票"), min_value=0, required=False)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["case"].empty_label = _("请选择案件")
        self.fields["case"].label_from_instance = lambda c: f"{c.number} {c.respondent.name}"


class ExpertForm(ServiceForm):
    body = UnitChoiceField(label=_("行政复议机关"), queryset=OrgUnit.objects.none(), empty_label=None)
    name = _line(_("姓名"), max_length=50)
    field = _line(_("专业领域"), max_length=100)
    organisation = _line(_("工作单位"), required=False, max_length=100)
    title = _line(_("职称或职务"), required=False, max_length=50)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = government_units(user)
        self.fields["body"].queryset = bodies
        root = getattr(user, "unit", None)
        default = next((b for b in bodies if root and root.path.startswith(b.path)), None)
        if default is not None:
            self.fields["body"].initial = default.pk


class ExpertEditForm(VersionedFormMixin, ServiceForm):
    name = _line(_("姓名"), max_length=50)
    field = _line(_("专业领域"), max_length=100)
    organisation = _line(_("工作单位"), required=False, max_length=100)
    title = _line(_("职称或职务"), required=False, max_length=50)
    is_active = forms.BooleanField(label=_("在库"), required=False)

    FIELDS = ("name", "field", "organisation", "title", "is_active")

    def __init__(self, *args, expert, **kwargs):
        kwargs.setdefault(
            "initial", {name: getattr(expert, name) for name in self.FIELDS} | {"version": expert.version}
        )
        super().__init__(*args, **kwargs)


LINKAGE_PARTNER_KINDS = (UnitKind.COURT, UnitKind.PROCURATORATE, UnitKind.OTHER)


class LinkageForm(ServiceForm):
    body = UnitChoiceField(label=_("行政复议机关"), queryset=OrgUnit.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("联动方式"), choices=LinkageKind.choices)
    date = _date(_("日期"), initial_today=True)
    title = _line(_("标题"))
    summary = _text(_("主要内容"), long=True)
    document_number = _line(_("文号"), required=False, help_text=_("联合发文的文号。"), max_length=100)
    partners = forms.ModelMultipleChoiceField(
        label=_("联动单位"),
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("人民法院、人民检察院、律师协会等。"),
    )
    case_numbers = forms.CharField(
        label=_("涉及案件"),
        required=False,
        help_text=_("填写案号，多个以逗号或换行分隔。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        bodies = government_units(user)
        self.fields["body"].queryset = bodies
        root = getattr(user, "unit", None)
        default = next((b for b in bodies if root and root.path.startswith(b.path)), None)
        if default is not None:
            self.fields["body"].initial = default.pk
        self.fields["partners"].queryset = OrgUnit.objects.filter(
            kind__in=LINKAGE_PARTNER_KINDS, is_active=True
        ).order_by("path")

    def clean_case_numbers(self):
        raw = self.cleaned_data.get("case_numbers") or ""
        numbers = [n.strip() for n in raw.replace("，", ",").replace("\n", ",").split(",") if n.strip()]
        cases = list(ReconsiderationCase.objects.visible_to(self.user).filter(number__in=numbers))
        missing = sorted(set(numbers) - {c.number for c in cases})
        if missing:
            raise forms.ValidationError(
                _("找不到以下案件（或不在您的管辖范围内）：%(numbers)s") % {"numbers": "、".join(missing)}
            )
        return cases

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["partners"] = list(data["partners"])
        data["related_cases"] = data.pop("case_numbers")
        return data


class LinkageEditForm(VersionedFormMixin, LinkageForm):
    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["body"]
        if not self.is_bound:
            self.initial.update(
                kind=record.kind,
                date=record.date,
                title=record.title,
                summary=record.summary,
                document_number=record.document_number,
                partners=[p.pk for p in record.partners.all()],
                case_numbers="，".join(c.number for c in record.related_cases.all()),
                version=record.version,
            )

    def current_values(self, obj) -> dict:
        # `case_numbers` cleans to the cases themselves: compare them with the stored ones.
        return super().current_values(obj) | {"case_numbers": list(obj.related_cases.all())}


# =====================================================================================================
# Statistics
# =====================================================================================================


class StatisticsForm(forms.Form):
    start = _date(_("起始日期"), required=False)
    end = _date(_("截止日期"), required=False)
    body = UnitChoiceField(
        label=_("复议机关"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("管辖范围内全部")
    )
    include_lower = forms.BooleanField(label=_("含下级复议机关"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = government_units(user)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("截止日期不能早于起始日期。"))
        return data
