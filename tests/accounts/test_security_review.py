"""Security review: the audit log of a user shows the phone no more than the user list does."""

import pytest
from auditlog.models import LogEntry

from accounts.services import user_update
from core.masking import mask_phone

pytestmark = pytest.mark.django_db


def test_audit_log_masks_a_users_phone_like_the_pages(users, tree):
    user_update(
        actor=users.admin,
        user=users.fuyi,
        version=users.fuyi.version,
        real_name="王志强",
        unit=tree.city_justice,
        roles=list(users.fuyi.groups.all()),
        phone="13893812345",
    )
    entry = LogEntry.objects.get_for_object(users.fuyi).latest("timestamp")
    assert entry.changes["phone"][1] == mask_phone("13893812345") == "138****2345"
    assert "812345" not in str(entry.changes)
