"""The catalogue of actions on an enforcement case and on a certificate: for each, its label, form,
the one service it calls and when it is offered. The detail pages list what `available` returns;
the action view looks the key up here (anything else answers 404)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import forms, services
from .choices import (
    CERT_WORKFLOW,
    PERM_CHANGE,
    PERM_REVIEW,
    WORKFLOW,
    CaseStatus,
)


@dataclass(frozen=True)
class Action:
    key: str
    label: object
    form: type
    call: Callable  # (actor, record, cleaned_data) -> result
    offered: Callable  # (record, user) -> bool
    style: str = "primary"
    icon: str = "bi-check2-circle"
    intro: object = ""


def _by_table(workflow, name):
    def offered(record, user):
        entry = workflow[name]
        return workflow.allows(user, entry, record) and getattr(record, workflow.field) in entry.sources

    return offered


def _decided(record, user):
    return record.status in (CaseStatus.DECIDED, CaseStatus.CLOSED) and user.has_perm(PERM_CHANGE)


def _data(form):
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


CASE_ACTIONS: dict[str, Action] = {
    a.key: a
    for a in (
        Action(
            "inform",
            WORKFLOW["inform"].label,
            forms.InformForm,
            lambda actor, c, d: services.case_inform(actor=actor, case=c, **d),
            _by_table(WORKFLOW, "inform"),
            intro=_(
                "《行政处罚法》第四十四条：告知拟作出的处罚内容及事实、理由、依据和陈述、申辩、要求听证的权利。"
            ),
        ),
        Action(
            "request_hearing",
            WORKFLOW["request_hearing"].label,
            forms.DateActionForm,
            lambda actor, c, d: services.case_request_hearing(actor=actor, case=c, **d),
            lambda c, u: _by_table(WORKFLOW, "request_hearing")(c, u) and c.hearing_right_told,
            "secondary",
            "bi-megaphone",
        ),
        Action(
            "schedule_hearing",
            _("通知听证"),
            forms.ScheduleHearingForm,
            lambda actor, c, d: services.case_schedule_hearing(actor=actor, case=c, **d),
            lambda c, u: c.status == CaseStatus.HEARING and not c.hearing_held_on and u.has_perm(PERM_CHANGE),
            "secondary",
            "bi-calendar-event",
            _("《行政处罚法》第六十四条：在举行听证的七日前（工作日）通知当事人。"),
        ),
        Action(
            "hold_hearing",
            _("举行听证"),
            forms.HoldHearingForm,
            lambda actor, c, d: services.case_hold_hearing(actor=actor, case=c, **d),
            lambda c, u: (
                c.status == CaseStatus.HEARING
                and c.hearing_date
                and not c.hearing_held_on
                and u.has_perm(PERM_CHANGE)
            ),
            "secondary",
            "bi-people",
        ),
        Action(
            "request_review",
            WORKFLOW["request_review"].label,
            forms.RequestReviewForm,
            lambda actor, c, d: services.case_request_review(actor=actor, case=c, **d),
            _by_table(WORKFLOW, "request_review"),
            icon="bi-journal-check",
            intro=_(
                "《行政处罚法》第五十八条：重大执法决定在作出前须经法制审核，未经审核或审核未通过的不得作出决定。"
            ),
        ),
        Action(
            "review",
            _("法制审核"),
            forms.ReviewForm,
            lambda actor, c, d: services.case_review(actor=actor, case=c, **d),
            lambda c, u: (
                c.status == CaseStatus.LEGAL_REVIEW
                and u.has_perm(PERM_REVIEW)
                and WORKFLOW.allows(u, WORKFLOW["review"], c)
            ),
            "success",
            "bi-pen",
            _("审核人须具有法律职业资格，且不得为本案承办执法人员（调查与决定分离）。"),
        ),
        Action(
            "decide",
            WORKFLOW["decide"].label,
            forms.DecideForm,
            lambda actor, c, d: services.case_decide(actor=actor, case=c, benchmark=c.benchmark, **d),
            _by_table(WORKFLOW, "decide"),
            "success",
            "bi-hammer",
            _(
                "作出决定须有两名以上持有效证件的执法人员；重大执法决定须经法制审核通过（第四十二条、第五十八条）。"
            ),
        ),
        Action(
            "serve",
            _("登记送达"),
            forms.ServeForm,
            lambda actor, c, d: services.case_serve(actor=actor, case=c, **d),
            lambda c, u: _decided(c, u) and not c.served_on,
            "secondary",
            "bi-envelope-check",
        ),
        Action(
            "publish",
            _("登记公示"),
            forms.PublishForm,
            lambda actor, c, d: services.case_publish(actor=actor, case=c, **d),
            lambda c, u: _decided(c, u) and not c.published_on,
            "secondary",
            "bi-broadcast",
        ),
        Action(
            "change_decision",
            _("登记决定变更或撤销"),
            forms.ChangeDecisionForm,
            lambda actor, c, d: services.case_change_decision(actor=actor, case=c, **d),
            lambda c, u: _decided(c, u) and not c.decision_changed_on,
            "secondary",
            "bi-arrow-repeat",
        ),
        Action(
            "withdraw_publicity",
            _("撤回公示信息"),
            forms.DateActionForm,
            lambda actor, c, d: services.case_withdraw_publicity(actor=actor, case=c, **d),
            lambda c, u: (
                _decided(c, u) and c.published_on and c.decision_changed_on and not c.publicity_withdrawn_on
            ),
            "secondary",
            "bi-eye-slash",
        ),
        Action(
            "open_dispute",
            _("登记行政争议"),
            forms.OpenDisputeForm,
            lambda actor, c, d: services.case_open_dispute(actor=actor, case=c, summary=d["summary"]),
            lambda c, u: c.decided_on is not None and u.has_perm("disputes.add_dispute"),
            "secondary",
            "bi-chat-square-text",
            _("当事人对本案决定不服（申请复议或提起诉讼）时，登记行政争议，争议来源为本案。"),
        ),
        Action(
            "transfer",
            WORKFLOW["transfer"].label,
            forms.TransferForm,
            lambda actor, c, d: services.case_transfer(actor=actor, case=c, **d),
            _by_table(WORKFLOW, "transfer"),
            "danger",
            "bi-box-arrow-right",
        ),
        Action(
            "close",
            WORKFLOW["close"].label,
            forms.DateActionForm,
            lambda actor, c, d: services.case_close(actor=actor, case=c, **d),
            _by_table(WORKFLOW, "close"),
            icon="bi-archive",
        ),
    )
}


def _cert(name):
    fn = getattr(services, CERT_WORKFLOW[name].service)
    return lambda actor, c, d: fn(actor=actor, certificate=c, **d)


CERT_ACTIONS: dict[str, Action] = {
    a.key: a
    for a in (
        Action(
            "submit",
            CERT_WORKFLOW["submit"].label,
            forms.CertSubmitForm,
            _cert("submit"),
            _by_table(CERT_WORKFLOW, "submit"),
        ),
        Action(
            "issue",
            CERT_WORKFLOW["issue"].label,
            forms.CertIssueForm,
            _cert("issue"),
            _by_table(CERT_WORKFLOW, "issue"),
            "success",
            intro=_("发证前12个月内须有合格的执法资格考试成绩。"),
        ),
        Action(
            "suspend",
            CERT_WORKFLOW["suspend"].label,
            forms.CertActionForm,
            _cert("suspend"),
            _by_table(CERT_WORKFLOW, "suspend"),
            "secondary",
        ),
        Action(
            "restore",
            CERT_WORKFLOW["restore"].label,
            forms.CertActionForm,
            _cert("restore"),
            _by_table(CERT_WORKFLOW, "restore"),
        ),
        Action(
            "cancel",
            CERT_WORKFLOW["cancel"].label,
            forms.CertActionForm,
            _cert("cancel"),
            _by_table(CERT_WORKFLOW, "cancel"),
            "danger",
        ),
        Action(
            "revoke",
            CERT_WORKFLOW["revoke"].label,
            forms.CertActionForm,
            _cert("revoke"),
            _by_table(CERT_WORKFLOW, "revoke"),
            "danger",
        ),
    )
}


def available(catalogue: dict[str, Action], record, user) -> list[Action]:
    return [a for a in catalogue.values() if a.offered(record, user)]
