"""Security review: a case's statutory clock is acted on only by those who may see that kind of case."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from reconsideration.models import ReconsiderationCase
from tests.reconsideration.factories import register_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_clock(tree, users):
    """An open clock of a city reconsideration case."""
    case = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(ReconsiderationCase),
        object_id=case.pk,
        status=DeadlineStatus.OPEN,
    ).earliest("id")


@pytest.mark.parametrize("username", ["fzsh", "jiandu"])
def test_a_non_reconsideration_role_cannot_cancel_a_reconsideration_clock(login, users, case_clock, username):
    # 法制审核 and 执法监督 staff of the city justice bureau hold deadlines.change_deadline and their
    # jurisdiction is the whole city, but reconsideration cases are not theirs to see.
    client = login(getattr(users, username))
    response = client.post(reverse("deadlines:cancel", args=[case_clock.pk]), {"reason": "误登记"})
    assert response.status_code == 403
    case_clock.refresh_from_db()
    assert case_clock.status == DeadlineStatus.OPEN


def test_the_detail_page_offers_them_no_actions(login, users, case_clock):
    response = login(users.fzsh).get(reverse("deadlines:detail", args=[case_clock.pk]))
    assert response.status_code == 200
    assert response.context["action_forms"] == {}


def test_even_reconsideration_staff_move_case_clocks_only_through_the_case(login, users, case_clock):
    """The case workflow owns its clocks (复议法第三十九条、第六十二条 gates live in its services)."""
    client = login(users.fuyi)
    assert client.get(reverse("deadlines:detail", args=[case_clock.pk])).context["action_forms"] == {}
    assert (
        client.post(reverse("deadlines:cancel", args=[case_clock.pk]), {"reason": "误登记"}).status_code
        == 403
    )
    case_clock.refresh_from_db()
    assert case_clock.status == DeadlineStatus.OPEN


def test_staff_still_act_on_a_clock_of_a_record_without_a_workflow(login, users, tree):
    """A dispute's clock (no workflow of its own) is acted on from the deadline page by permitted staff."""
    from deadlines.services import deadline_start
    from tests.disputes.factories import DisputeFactory

    dispute = DisputeFactory(respondent=tree.city_market)
    clock = deadline_start(
        record=dispute,
        rule_code="sup.rectification",
        trigger_date=dispute.act_date,
        org_unit=tree.city_justice,
        subject="整改期限",
        responsible=[users.fuyi],
    )
    client = login(users.fuyi)
    assert "cancel" in client.get(reverse("deadlines:detail", args=[clock.pk])).context["action_forms"]
    response = client.post(reverse("deadlines:cancel", args=[clock.pk]), {"reason": "误登记"})
    assert response.status_code == 302
    clock.refresh_from_db()
    assert clock.status == DeadlineStatus.CANCELLED
