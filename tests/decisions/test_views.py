"""The decision pages as users meet them: lists with constant, pinned query counts; the decision page
says in Chinese what is missing before the collective discussion; a signed opinion cannot be edited
through any page; the reviewers' queues; the Excel export."""

from datetime import date

import pytest
from django.urls import reverse

from decisions import services
from decisions.choices import MatterKind, MatterStatus

from .factories import advisor, propose

pytestmark = pytest.mark.django_db


def _matter(dec, n=1, **kw):
    return services.matter_register(
        actor=dec.drafter,
        body=dec.body,
        kind=kw.pop("kind", MatterKind.NORMATIVE),
        title=f"规范性文件{n}",
        requesting_unit=dec.unit,
        received_on=date(2025, 6, 2),
        **kw,
    )


def _get(client, user, url, queries, django_assert_num_queries):
    client.force_login(user, backend="accounts.backends.AccountsBackend")
    client.get(url)  # warm the session and permission caches
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response


LISTS = [
    ("decisions:index", 9),
    ("decisions:matter_list", 10),
    ("decisions:advisor_list", 8),
    ("decisions:consultation_list", 9),
    ("decisions:evaluation_list", 7),
    ("decisions:study_list", 8),
    ("decisions:statistics", 11),
]


@pytest.mark.parametrize(("name", "queries"), LISTS)
def test_lists_answer_in_constant_queries(name, queries, dec, client, django_assert_num_queries):
    for n in range(3):
        propose(dec.drafter, dec.body, dec.unit, title=f"决策{n}")
        _matter(dec, n)
    adv = advisor(dec.drafter, dec.body)
    for n in range(2):
        services.consultation_record(
            actor=dec.drafter,
            advisor=adv,
            decision=None,
            matter=_matter(dec, 10 + n),
            question="问",
            opinion="答",
            consulted_on=date(2025, 6, 3),
        )
    services.study_session_record(
        actor=dec.drafter,
        body=dec.body,
        held_on=date(2025, 6, 5),
        meeting="第5次常务会议",
        topic="民法典",
        lecturer="王律师",
    )
    _get(client, dec.drafter, reverse(name), queries, django_assert_num_queries)


def test_detail_pages_answer_in_pinned_queries(dec, client, django_assert_num_queries):
    d = propose(dec.drafter, dec.body, dec.unit)
    _get(client, dec.drafter, reverse("decisions:detail", args=[d.pk]), 16, django_assert_num_queries)
    m = _matter(dec)
    services.opinion_draft(matter=m, actor=dec.drafter, findings={}, conclusion="lawful")
    _get(client, dec.drafter, reverse("decisions:matter_detail", args=[m.pk]), 12, django_assert_num_queries)


def test_new_user_sees_what_is_missing_and_cannot_schedule(dec, client):
    d = propose(dec.drafter, dec.body, dec.unit)
    client.force_login(dec.drafter, backend="accounts.backends.AccountsBackend")
    page = client.get(reverse("decisions:detail", args=[d.pk])).content.decode()
    assert "合法性审查" in page and "尚未送请合法性审查" in page
    # the action is not offered before the review stage; asking for it directly redirects with the reason
    response = client.get(reverse("decisions:action", args=[d.pk, "schedule-discussion"]), follow=True)
    assert "不能“提交集体讨论”" in response.content.decode()


def test_signed_opinion_cannot_be_edited_through_the_page(dec, client):
    m = _matter(dec)
    opinion = services.opinion_draft(matter=m, actor=dec.drafter, findings={}, conclusion="lawful")
    services.opinion_submit(matter=m, actor=dec.drafter)
    client.force_login(dec.signer, backend="accounts.backends.AccountsBackend")
    response = client.post(reverse("decisions:matter_action", args=[m.pk, "sign"]), {"on": "2025-06-05"})
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.document_number == "天司法审〔2025〕1号"
    data = {"version": opinion.version, "conclusion": "unlawful", "citations": ""}
    for aspect in ("subject", "authority", "content", "procedure", "basis", "policy"):
        data[aspect] = "lawful"
    client.force_login(dec.drafter, backend="accounts.backends.AccountsBackend")
    response = client.post(reverse("decisions:opinion_edit", args=[opinion.pk]), data)
    assert "已签发，不能修改" in response.content.decode()
    opinion.refresh_from_db()
    assert opinion.conclusion == "lawful"


def test_reviewer_queues(dec, client):
    m = _matter(dec, reviewers=[dec.drafter])
    services.opinion_draft(matter=m, actor=dec.drafter, findings={}, conclusion="lawful")
    services.opinion_submit(matter=m, actor=dec.drafter)
    assert m.__class__.objects.get(pk=m.pk).status == MatterStatus.PENDING_SIGN
    from decisions.selectors import matter_list

    assert list(matter_list(user=dec.drafter, queue="to_sign")) == []  # never one's own draft
    assert list(matter_list(user=dec.signer, queue="to_sign")) == [m]
    client.force_login(dec.signer, backend="accounts.backends.AccountsBackend")
    home = client.get("/").content.decode()
    assert "待签发" in home and "法律事务" in home


def test_export_lists(dec, client):
    propose(dec.drafter, dec.body, dec.unit)
    client.force_login(dec.drafter, backend="accounts.backends.AccountsBackend")
    for name in ("decisions:index", "decisions:matter_list"):
        response = client.get(reverse(name), {"export": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_rich_decision_page_and_the_gate_on_the_action_page(dec, client):
    from decisions.choices import DecisionStatus

    from .factories import decision_at

    d = decision_at(DecisionStatus.REVIEW, actor=dec.drafter, signer=dec.signer, body=dec.body, unit=dec.unit)
    client.force_login(dec.drafter, backend="accounts.backends.AccountsBackend")
    page = client.get(reverse("decisions:action", args=[d.pk, "schedule-discussion"])).content.decode()
    assert "尚不满足提交集体讨论的条件" in page and "尚未送请合法性审查" in page
    response = client.post(
        reverse("decisions:action", args=[d.pk, "schedule-discussion"]),
        {"meeting_kind": "executive", "meeting_on": "2025-04-30"},
    )
    assert response.status_code == 200
    assert "决策草案不能提交集体讨论" in response.content.decode()
    detail = client.get(reverse("decisions:detail", args=[d.pk])).content.decode()
    assert "缺少以下法定程序" in detail and "李教授" in detail
