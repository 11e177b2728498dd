from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_nav_entry, register_seeder, register_workbench_panel


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("用户与单位")

    def ready(self):
        # these modules import the models, which exist only once the app registry is ready
        from . import roles, signals  # noqa: F401
        from .management.demo import seed_accounts, seed_calendar
        from .selectors import workbench_panel

        # Permissions of later apps exist only after their own post_migrate; syncing on every app's
        # signal is idempotent and leaves the roles complete once the last app has migrated.
        post_migrate.connect(roles.sync_roles_on_migrate, dispatch_uid="accounts.sync_roles")
        register_seeder("accounts", seed_accounts, order=10, label=_("组织机构和演示用户"))
        register_seeder("calendar", seed_calendar, order=20, label=_("工作日历"))
        register_workbench_panel("accounts", workbench_panel, order=20)
        register_nav_entry(
            NavEntry(
                _("系统管理"),
                "accounts:user_list",
                "bi-gear",
                ("accounts.manage_users", "accounts.manage_units"),
                children=(
                    NavEntry(
                        _("用户管理"), "accounts:user_list", "bi-person-gear", ("accounts.manage_users",)
                    ),
                    NavEntry(_("单位管理"), "accounts:unit_tree", "bi-diagram-2", ("accounts.manage_units",)),
                ),
            ),
            order=100,
        )
        register_nav_entry(
            NavEntry(_("安全管理"), "accounts:security", "bi-shield-lock", ("accounts.manage_security",)),
            order=105,
        )
