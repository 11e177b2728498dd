"""The forms of the case page's actions, one per service (reconsideration/actions.py)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from disputes.forms import UnitChoiceField

from ..choices import (
    DECISION_OUTCOMES,
    Compensation,
    DecisionOutcome,
    HearingMethod,
    MediationResult,
    NoEvidenceDisposition,
    Procedure,
    SimpleGround,
    StayGround,
    SuspensionGround,
    TerminationGround,
)
from ..models import CommitteeMeeting, ExpertConsultant
from ._base import (
    NUMBER_HELP,
    PeopleChoiceField,
    PersonChoiceField,
    ServiceForm,
    User,
    _date,
    _line,
    _text,
    users_queryset,
)

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
    reason = _text(_("延长理由"), max_length=2000)
    # 报请 and 批准 happen on their own days: the head's approval cannot be dated before this one.
    on = _date(_("报请日期"), required=False, initial_today=True)


class ExtendCorrectionForm(CaseActionForm):
    """延长补正期限 (第三十一条第二款)."""

    days = forms.IntegerField(
        label=_("延长工作日数"),
        min_value=1,
        max_value=10,
        help_text=_("本系统规则：累计最多十个工作日，经行政复议机构负责人批准（第三十一条第二款）。"),
    )
    reference = _line(_("书面通知文号"), help_text=_("书面告知申请人的通知文号。"), max_length=100)
    reason = _text(_("申请人不能按期补正的正当理由"))
    approved_on = _date(_("批准日期"), required=False, help_text=_("须在补正期限届满前批准；不填为今天。"))


class HearPartiesForm(CaseActionForm):
    """听取当事人意见 (第四十九条)."""

    heard_on = _date(_("听取意见日期"), initial_today=True)
    unreachable = forms.BooleanField(
        label=_("因当事人原因不能听取意见（书面审理）"), required=False, help_text=_("第四十九条。")
    )
    method = forms.ChoiceField(
        label=_("方式"), choices=[("", _("（不能听取的不选）")), *HearingMethod.choices], required=False
    )
    parties = _line(_("听取意见的当事人"), required=False, max_length=200)
    summary = _text(_("意见内容（或不能听取意见的情况）"), long=True)


class StayExecutionForm(CaseActionForm):
    """停止执行 (第四十二条)."""

    ground = forms.ChoiceField(label=_("停止执行的情形"), choices=StayGround.choices)
    decided_on = _date(_("决定停止执行日期"), initial_today=True)
    reason = _text(_("理由"))


class ConvertForm(CaseActionForm):
    converted_on = _date(_("转换日期"), initial_today=True)
    reason = _text(_("不宜适用简易程序的理由"), max_length=2000)


class MediationStatusForm(CaseActionForm):
    attempted = forms.TypedChoiceField(
        label=_("是否开展调解"),
        choices=[("1", _("已开展调解")), ("0", _("未开展调解"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason_not_attempted = _text(_("未调解的理由"), required=False)
    on = _date(_("记录日期"), required=False, initial_today=True)


class ReviewRecordForm(CaseActionForm):
    """被申请人称 / 第三人称 / 经审理查明 of the 决定书 (第七十五条)."""

    respondent_statement = _text(_("被申请人答复要点"), required=False, long=True, max_length=20000)
    third_party_statement = _text(_("第三人意见要点"), required=False, max_length=20000)
    findings = _text(_("经审理查明的事实"), required=False, long=True, max_length=20000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            for name in ("respondent_statement", "third_party_statement", "findings"):
                self.fields[name].initial = getattr(self.case, name)


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


class SubmitForm(CaseActionForm):
    """报请审批: the handler submits the proposed decision (第六十一条至第七十二条) to the 复议机构负责人."""

    outcome = forms.ChoiceField(label=_("拟作出的决定"), choices=_outcome_choices())
    no_evidence_disposition = forms.ChoiceField(
        label=_("第七十条处理方式"),
        choices=[("", _("（不适用）")), *list(NoEvidenceDisposition.choices)],
        required=False,
    )
    order_redo = forms.BooleanField(label=_("责令被申请人重新作出行政行为"), required=False)
    compensation = forms.ChoiceField(
        label=_("行政赔偿（第七十二条）"),
        choices=[("", _("（不涉及）")), *Compensation.choices],
        required=False,
        help_text=_(
            "申请人一并提出赔偿请求的，应当同时决定赔偿或者驳回；撤销、变更罚款、没收、征收、查封扣押冻结等"
            "行政行为的，应当同时责令返还财产或者赔偿相应价款。"
        ),
    )
    performance_days = forms.IntegerField(
        label=_("履行期限（日）"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_(
            "责令履行或者责令重新作出行政行为的，自收到决定书之日起的期限（第六十四条、第六十六条）。"
        ),
    )
    reasoning = _text(_("决定理由（认定的事实和理由）"), long=True, max_length=20000)
    legal_basis = _text(_("法律依据"), max_length=2000)
    departure_reason = _text(
        _("不采纳建议的理由"),
        required=False,
        max_length=2000,
        help_text=_("拟作出的决定与承办人、复议机构或者复议委员会的建议不一致的，须说明理由。"),
    )
    on = _date(_("报请日期"), required=False, initial_today=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = self.page_context.get("allowed_outcomes")
        if allowed:
            self.fields["outcome"].choices = _outcome_choices(allowed)
        opinion = self.page_context.get("latest_draft")
        if opinion is not None:
            if opinion.proposed_outcome:
                self.fields["outcome"].initial = opinion.proposed_outcome
            self.fields["reasoning"].initial = opinion.text

    def clean(self):
        data = super().clean()
        orders = data.get("outcome") == DecisionOutcome.ORDER_PERFORM or (
            data.get("outcome") == DecisionOutcome.NO_EVIDENCE
            and data.get("no_evidence_disposition") == NoEvidenceDisposition.ORDER_PERFORM
        )
        if (orders or data.get("order_redo")) and not data.get("performance_days"):
            # 第六十四条、第六十六条: "在一定期限内" — the 决定书 states the period.
            self.add_error("performance_days", _("责令履行或者重新作出行政行为的，请填写履行期限。"))
        return data


class ApproveDecisionForm(CaseActionForm):
    """批准复议决定: the approver agrees to the submitted decision in their own session (第六十一条)."""

    decided_on = _date(_("决定日期"), initial_today=True)
    collective_discussion_on = _date(
        _("集体讨论日期"), required=False, help_text=_("经集体讨论通过的，填写讨论日期和参加人员。")
    )
    collective_participants = _text(_("集体讨论参加人员"), required=False, max_length=500)
    document_number = _line(_("决定书文号"), required=False, help_text=NUMBER_HELP, max_length=50)


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
