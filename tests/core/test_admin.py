"""The one read-only admin (`core.admin.ReadOnlyAdmin`): legal records are viewed in the Django admin,
never added, changed or deleted there, and reached by superusers only (core/middleware.py)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from core.admin import ReadOnlyAdminMixin
from tests.disputes.factories import DisputeFactory, PartyFactory

pytestmark = pytest.mark.django_db


def test_every_legal_record_admin_refuses_add_change_and_delete(tree, make_user):
    superuser = make_user("root", unit=tree.city_justice, is_superuser=True, is_staff=True)
    request = RequestFactory().get("/admin/")
    request.user = superuser
    read_only = {
        model._meta.label: model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ReadOnlyAdminMixin)
    }
    assert {
        "core.Attachment",
        "core.AccessLog",
        "disputes.Dispute",
        "deadlines.Deadline",
        "reconsideration.ReconsiderationCase",
        "reconsideration.CaseDecision",
    } <= set(read_only)
    for label, model_admin in read_only.items():
        assert model_admin.has_view_permission(request), label  # even a superuser only reads
        assert not model_admin.has_add_permission(request), label
        assert not model_admin.has_change_permission(request), label
        assert not model_admin.has_delete_permission(request), label
        for inline in model_admin.get_inline_instances(request):
            assert isinstance(inline, ReadOnlyAdminMixin), label
            assert not inline.has_add_permission(request, None), label
            assert not inline.has_change_permission(request), label
            assert not inline.has_delete_permission(request), label


def test_the_admin_is_for_superusers_and_saves_nothing(tree, make_user, login):
    """Staff who are not superusers never reach the Django admin (404, like any page outside their
    reach); a superuser reads every record there but changes or adds none."""
    city = DisputeFactory(respondent=tree.city_market)
    county = DisputeFactory(respondent=tree.qinzhou_market)
    PartyFactory(dispute=county, name="赵六")
    staff = make_user("qz_support", unit=tree.qinzhou_justice, is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_dispute", "view_party"]))
    assert login(staff).get("/admin/disputes/dispute/").status_code == 404

    root = make_user("root", unit=tree.city_justice, is_superuser=True, is_staff=True)
    client = login(root)
    listing = client.get("/admin/disputes/dispute/").content.decode()
    assert county.number in listing and city.number in listing
    page = client.get(f"/admin/disputes/dispute/{county.pk}/change/")
    assert page.status_code == 200 and "赵六" in page.content.decode()
    summary = county.summary
    assert client.post(f"/admin/disputes/dispute/{county.pk}/change/", {"summary": "改"}).status_code == 403
    county.refresh_from_db()
    assert county.summary == summary
    assert client.get("/admin/disputes/dispute/add/").status_code == 403
