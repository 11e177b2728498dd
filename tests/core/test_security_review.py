"""Security review of the kernel pages: the audit record page stays inside the auditor's jurisdiction;
an attachment cannot itself carry attachments."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.choices import Role
from core.models import Attachment
from core.services import attachment_upload
from disputes.models import Party
from tests.disputes.factories import DisputeFactory, PartyFactory

from .factories import PDF, make_deadline, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_party(tree):
    dispute = DisputeFactory(respondent=tree.city_market)
    return PartyFactory(dispute=dispute, name="欧阳明远")


def object_url(obj):
    return reverse("audit:object", args=(ContentType.objects.get_for_model(obj).pk, obj.pk))


def test_county_auditor_does_not_learn_the_name_behind_another_jurisdictions_record(
    login, make_user, tree, city_party
):
    county_auditor = make_user("qz_auditor", unit=tree.qinzhou_justice, roles=[Role.AUDIT_ADMIN])
    response = login(county_auditor).get(object_url(city_party))
    assert response.status_code == 200
    assert response.context["live_object"] is None
    assert "欧阳明远" not in response.content.decode()


def test_city_auditor_sees_the_record(login, users, city_party):
    response = login(users.auditor).get(object_url(city_party))
    assert response.status_code == 200
    assert response.context["live_object"] == Party.objects.get(pk=city_party.pk)
    assert "欧阳明远" in response.content.decode()


def test_an_attachment_cannot_be_the_record_of_an_upload(login, users, tree):
    record = make_deadline(tree.qinzhou_justice)
    attachment = attachment_upload(record=record, files=[upload("a.pdf", PDF)], user=users.fuyi_qinzhou)[0]
    url = reverse(
        "core:attachment_upload", args=(ContentType.objects.get_for_model(Attachment).pk, attachment.pk)
    )
    response = login(users.fuyi_qinzhou).post(url, {"files": [upload("b.pdf", PDF)], "next": "/"})
    assert response.status_code == 404
    assert Attachment.objects.count() == 1
