"""The authentication backend: Django's ModelBackend, with a signed-in user costing one query a request
instead of five (bench recon.list, recon.detail).

- `get_user` reads the user with their unit and its parent (`select_related("unit__parent")`): every
  page scopes its records by the jurisdiction (accounts/jurisdiction.py), which reads both — two lazy
  queries a request otherwise.
- `get_all_permissions` reads the user's own and their groups' permissions in one query (ModelBackend
  reads them in two) and keeps them on the user for the request, as ModelBackend does.

The permissions are those of ModelBackend exactly: active users only, a superuser holds every
permission, no object permissions (tests/test_permission_matrix.py).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import Q


class AccountsBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("unit__parent").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                perms = Permission.objects.all()
            else:
                own = get_user_model().user_permissions.through.objects.filter(user_id=user_obj.pk)
                grouped = Group.permissions.through.objects.filter(group__user=user_obj)
                perms = Permission.objects.filter(
                    Q(pk__in=own.values("permission_id")) | Q(pk__in=grouped.values("permission_id"))
                )
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in perms.values_list("content_type__app_label", "codename").order_by()
            }
        return user_obj._perm_cache
