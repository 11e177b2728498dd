"""重大执法决定法制审核 (处罚法第五十八条): the request by the case's officers, the reviewer's
conclusion in their own session."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import users_with_perm
from core.exceptions import ApplicationError
from core.workflow import notify_after_commit, service

from ..choices import PASSING_CONCLUSIONS, PERM_REVIEW, WORKFLOW, ReviewConclusion
from ..models import LegalReview
from . import gates
from ._common import check_date, lock_case, require_text, text, today


@service
def case_request_review(*, actor, case, version: int | None = None, on: date | None = None, note: str = ""):
    """提请法制审核: the case's draft decision goes to the legal reviewers' queue (待我审核)."""
    case = lock_case(case, version=version)
    WORKFLOW.guard(case, "request_review", actor)
    if case.hearing_requested_on and not case.hearing_held_on:
        raise ApplicationError(_("当事人已要求听证，请先举行听证。"))
    on = check_date(
        on or today(), field="on", label=_("提请日期"), not_before=case.filed_on, before_label=_("立案日期")
    )
    review = LegalReview(case=case, requested_on=on, request_note=text(note), created_by=actor)
    review.full_clean()
    review.save()
    WORKFLOW.apply(case, "request_review", on=on, actor=actor, note=text(note))
    reviewers = users_with_perm(PERM_REVIEW).filter(is_active=True)
    notify_after_commit(
        [u for u in reviewers if u.pk != getattr(actor, "pk", None)],
        title=_("待法制审核：%(n)s") % {"n": case.number},
        body=_("%(agency)s提请审核重大执法决定。") % {"agency": case.agency.name},
        url=reverse("enforcement:case_detail", kwargs={"pk": case.pk}),
        key=f"enf-review-{review.pk}",
    )
    return review


@service
def case_review(
    *, actor, case, conclusion: str, opinion: str, version: int | None = None, on: date | None = None
) -> LegalReview:
    """出具法制审核意见: by the reviewer themself (法律职业资格, not an investigator). 同意 / 修改后同意
    let the decision be made; 不同意 returns the case to the officers."""
    case = lock_case(case, version=version)
    if conclusion not in ReviewConclusion.values:
        raise ApplicationError(_("请选择审核结论。"), field="conclusion")
    name = "review" if conclusion in PASSING_CONCLUSIONS else "return"
    WORKFLOW.guard(case, name, actor)
    gates.check_reviewer(case, actor)
    review = case.reviews.filter(conclusion="").order_by("-id").first()
    if review is None:
        raise ApplicationError(_("没有待审核的法制审核申请。"))
    on = check_date(
        on or today(),
        field="on",
        label=_("审核日期"),
        not_before=review.requested_on,
        before_label=_("提请日期"),
    )
    review.reviewer = actor
    review.reviewed_on = on
    review.conclusion = conclusion
    review.opinion = require_text(opinion, field="opinion", message=_("请填写审核意见。"))
    review.full_clean()
    review.save()
    WORKFLOW.apply(case, name, on=on, actor=actor, note=review.get_conclusion_display())
    if case.created_by_id:
        notify_after_commit(
            [case.created_by],
            title=_("法制审核意见：%(n)s") % {"n": case.number},
            body=review.get_conclusion_display(),
            url=reverse("enforcement:case_detail", kwargs={"pk": case.pk}),
            key=f"enf-reviewed-{review.pk}",
        )
    return review
