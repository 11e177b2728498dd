from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("用户与单位")

    def ready(self):
        from . import roles, signals  # noqa: F401

        # Permissions of later apps exist only after their own post_migrate; syncing on every app's
        # signal is idempotent and leaves the roles complete once the last app has migrated.
        post_migrate.connect(roles.sync_roles_on_migrate, dispatch_uid="accounts.sync_roles")
