"""The mediation pages as a user meets them: list with filters and pagination (query counts pinned),
the case page with its path across organisations and only the actions allowed, actions through the
forms with Chinese errors, the dispute page showing the mediation, statistics, workbench panels."""

from datetime import date

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mediation import selectors, services
from mediation.choices import CaseSource, CaseStatus, MediationType

from .factories import administrative_dispute, case_at, register

pytestmark = pytest.mark.django_db


def _cases(med, n):
    return [register(med, received_on=date(2025, 3, 3 + i)) for i in range(n)]


def test_case_list_selector_is_two_queries(med, django_assert_num_queries):
    _cases(med, 3)
    with django_assert_num_queries(1):
        rows = list(selectors.case_list(user=med.tiaojie, filters={"mediation_type": MediationType.PEOPLE}))
    assert len(rows) == 3
    with django_assert_num_queries(2):  # the page count and the rows (with the next clock, the referrals)
        page = Paginator(selectors.case_list(user=med.tiaojie), 25).get_page(1)
        assert [r.masked_parties for r in page.object_list] == ["张*、李*"] * 3


def test_case_detail_selector_is_eight_queries(med, django_assert_num_queries):
    case = case_at(CaseStatus.AGREED, med)
    with django_assert_num_queries(8):
        case = selectors.case_detail(user=med.tiaojie, pk=case.pk)
        list(case.events.all()), list(case.referrals.all()), list(case.mediators.all())
        list(case.sessions.all()), list(case.confirmations.all()), list(case.visits.all())
        list(case.joint_units.all())
        assert case.agreement.content


#: whole pages, session and navigation included (measured; constant in the number of rows)
LIST_PAGE_QUERIES = 9
DETAIL_PAGE_QUERIES = 18


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_and_detail_pages_query_count_is_constant(med, login):
    client = login(med.tiaojie)
    _cases(med, 2)
    _page_queries(client, reverse("mediation:index"))  # warm the content-type cache
    few = _page_queries(client, reverse("mediation:index"))
    _cases(med, 6)
    assert _page_queries(client, reverse("mediation:index")) == few == LIST_PAGE_QUERIES
    one = case_at(CaseStatus.CONFIRMED, med)
    _page_queries(client, reverse("mediation:detail", args=(one.pk,)))  # warm the content-type cache
    detail_few = _page_queries(client, reverse("mediation:detail", args=(one.pk,)))
    other = case_at(CaseStatus.CONFIRMED, med)
    services.return_visit_record(
        case=other, actor=med.tiaojie, visited_on=other.concluded_on, method="phone", note="好"
    )
    assert (
        _page_queries(client, reverse("mediation:detail", args=(other.pk,)))
        == detail_few
        == DETAIL_PAGE_QUERIES
    )


def test_list_filters_and_pagination(med, login):
    _cases(med, 3)
    register(
        med,
        mediation_type=MediationType.INVITED_ENTRUSTED,
        source=CaseSource.COURT_ENTRUSTED,
        referring_unit=med.court,
        materials_received_on=date(2025, 3, 3),
        subject="买卖合同纠纷",
    )
    client = login(med.tiaojie)
    response = client.get(reverse("mediation:index"), {"source": CaseSource.COURT_ENTRUSTED})
    assert [c.subject for c in response.context["cases"]] == ["买卖合同纠纷"]
    response = client.get(reverse("mediation:index"), {"q": "买卖"})
    assert len(response.context["cases"]) == 1
    response = client.get(reverse("mediation:index"), {"page": 99})
    assert response.context["page_obj"].paginator.count == 4
    # 麦积区's mediator sees none of them
    assert login(med.tiaojie_maiji).get(reverse("mediation:index")).context["page_obj"].paginator.count == 0


def test_detail_offers_only_allowed_actions(med, login):
    case = register(med)
    response = login(med.tiaojie).get(reverse("mediation:detail", args=(case.pk,)))
    slugs = {a.slug for a in response.context["actions"]}
    assert slugs == {"start", "refer", "refuse"}
    # an action the page does not offer now redirects back with the reason
    response = login(med.tiaojie).get(reverse("mediation:action", args=(case.pk, "agree")))
    assert response.status_code == 302


def test_agreement_through_the_form_with_chinese_errors(med, login):
    case = case_at(CaseStatus.MEDIATING, med)
    client = login(med.tiaojie)
    url = reverse("mediation:action", args=(case.pk, "agree"))
    response = client.post(url, {"form": "written", "content": "赔偿", "effective_on": "2025-03-10"})
    assert response.status_code == 200
    assert "第二十九条" in response.content.decode()
    response = client.post(url, {"form": "written", "content": "赔" * 3001, "effective_on": "2025-03-10"})
    assert "最多 3000 个字符" in response.content.decode()
    response = client.post(
        url,
        {
            "form": "written",
            "parties_info": "张三；李四",
            "facts": "排水纠纷",
            "content": "李四修复排水沟",
            "performance_method": "自行修复",
            "performance_due_on": "2025-03-20",
            "effective_on": "2025-03-10",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#documents")
    page = client.get(reverse("mediation:detail", args=(case.pk,))).content.decode()
    assert "人民调解协议书" in page and "申请司法确认期限" in page


def test_referral_path_is_shown_and_referred_out_case_leaves_the_list(med, login):
    case = register(med)
    client = login(med.tiaojie)
    response = client.post(
        reverse("mediation:action", args=(case.pk, "refer")),
        {
            "to_unit": med.center.pk,
            "to_type": MediationType.INVITED_DELEGATED,
            "reason": "需专业调解",
            "on": "2025-03-04",
        },
    )
    assert response.status_code == 302
    # the centre is in 秦州区 but not under the committee: the committee's mediator no longer sees it
    assert response["Location"] == reverse("mediation:index")
    page = login(med.tiaojie_sfj).get(reverse("mediation:detail", args=(case.pk,))).content.decode()
    assert "秦州区大城街道人民调解委员会 → 秦州区诉调对接中心" in page


def test_dispute_page_shows_the_mediation(med, login):
    dispute = administrative_dispute(med.tree)
    case = case_at(CaseStatus.AGREED, med, dispute=dispute)
    page = login(med.tiaojie).get(reverse("disputes:detail", args=(dispute.pk,))).content.decode()
    assert case.number in page and "多元化解" in page


def test_edit_with_a_stale_version_shows_the_conflict(med, login):
    case = register(med)
    client = login(med.tiaojie)
    url = reverse("mediation:edit", args=(case.pk,))
    data = {
        "version": case.version,
        "parties": "张三、李四",
        "subject": "排水",
        "mediators": [med.mediator.pk],
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 409


def test_statistics_page(med, login):
    case_at(CaseStatus.AGREED, med)
    case_at(CaseStatus.TERMINATED, med)
    response = login(med.tiaojie).get(reverse("mediation:statistics"))
    figures = response.context["figures"]
    assert (figures.total, figures.concluded, figures.agreed, figures.success_rate) == (2, 2, 1, 50.0)


def test_workbench_panels_per_role(med, users, login):
    case_at(CaseStatus.MEDIATING, med)
    home = login(med.tiaojie).get(reverse("core:home"))
    titles = [p["title"] for p in home.context["panels"]]
    assert "调解工作" in titles
    home = login(users.leader).get(reverse("core:home"))
    assert any(str(p["title"]).startswith("多元化解概况") for p in home.context["panels"])
