"""Roles (docs/architecture.md): Django groups with model permissions plus a few custom ones.

ROLE_PERMISSIONS is the single source. A data migration creates the groups; `sync_roles` runs after
every migrate so permissions of apps added later attach themselves once their models exist.
Permissions that do not exist yet are skipped silently (they belong to apps still to be built).
"""

import contextlib

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from .choices import Role

_VIEW_CASES = [
    "deadlines.view_deadline",
    "deadlines.change_deadline",
    "deadlines.view_calendarday",
    "deadlines.view_notification",
    "disputes.view_dispute",
    "core.view_attachment",
    "core.add_attachment",
]

_ENFORCEMENT_VIEW = [
    "enforcement.view_enforcementcase",
    "enforcement.view_enforcementagency",
    "enforcement.view_officer",
    "enforcement.view_certificate",
    "enforcement.view_examresult",
]

_SUPERVISION_VIEW = [
    "supervision.view_decisionfiling",
    "supervision.view_reviewcampaign",
    "supervision.view_reviewedfile",
    "supervision.view_supervisionnotice",
    "supervision.view_guidingcase",
    "supervision.view_specialsupervisor",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEGAL_REVIEWER: [
        *_VIEW_CASES,
        "disputes.add_dispute",
        "disputes.change_dispute",
        "decisions.view_majordecision",
        "decisions.add_majordecision",
        "decisions.change_majordecision",
        "decisions.view_legalaffairsmatter",
        "decisions.add_legalaffairsmatter",
        "decisions.change_legalaffairsmatter",
        "decisions.sign_reviewopinion",
        "enforcement.view_enforcementcase",
        "enforcement.review_enforcementcase",
    ],
    Role.RECON_OFFICER: [
        "reconsideration.view_linkagerecord",
        "reconsideration.view_hearing",
        "reconsideration.view_opinionletter",
        *_VIEW_CASES,
        "disputes.add_dispute",
        "disputes.change_dispute",
        "disputes.reveal_party_data",
        "accounts.reveal_personal_data",
        "deadlines.change_deadline",
        "reconsideration.view_reconsiderationcase",
        "reconsideration.add_reconsiderationcase",
        "reconsideration.change_reconsiderationcase",
    ],
    Role.RECON_HEAD: [
        "reconsideration.view_linkagerecord",
        "reconsideration.view_hearing",
        "reconsideration.view_opinionletter",
        *_VIEW_CASES,
        "disputes.add_dispute",
        "disputes.change_dispute",
        "disputes.reveal_party_data",
        "accounts.reveal_personal_data",
        "deadlines.change_deadline",
        "deadlines.approve_extension",
        "core.delete_attachment",
        "deadlines.view_unit_deadlines",
        "reconsideration.view_reconsiderationcase",
        "reconsideration.add_reconsiderationcase",
        "reconsideration.change_reconsiderationcase",
        "reconsideration.approve_reconsiderationcase",
    ],
    Role.SUPERVISOR: [
        *_VIEW_CASES,
        *_SUPERVISION_VIEW,
        "supervision.supervise",
        "supervision.change_decisionfiling",
        "supervision.add_reviewcampaign",
        "supervision.change_reviewcampaign",
        "supervision.add_guidingcase",
        "supervision.change_guidingcase",
        "supervision.add_specialsupervisor",
        "supervision.change_specialsupervisor",
        *_ENFORCEMENT_VIEW,
        "enforcement.manage_certificate",
        "enforcement.change_certificate",
        "enforcement.import_records",
    ],
    Role.ENFORCEMENT_STAFF: [
        *_VIEW_CASES,
        *_ENFORCEMENT_VIEW,
        "enforcement.add_enforcementcase",
        "enforcement.change_enforcementcase",
        "enforcement.add_officer",
        "enforcement.change_officer",
        "enforcement.add_certificate",
        "enforcement.change_certificate",
        "enforcement.import_records",
        *_SUPERVISION_VIEW,
        "supervision.add_decisionfiling",
        "supervision.reply_supervisionnotice",
    ],
    Role.MEDIATOR: [
        *_VIEW_CASES,
        "disputes.add_dispute",
        "disputes.change_dispute",
        "mediation.view_mediationcase",
        "mediation.add_mediationcase",
        "mediation.change_mediationcase",
        "mediation.view_partneragreement",
        "mediation.change_partneragreement",
        "mediation.view_mediator",
        "mediation.change_mediator",
    ],
    Role.LITIGATION_STAFF: [
        *_VIEW_CASES,
        "disputes.add_dispute",
        "disputes.change_dispute",
        "litigation.view_litigationcase",
        "litigation.add_litigationcase",
        "litigation.change_litigationcase",
    ],
    # 领导: read-only, dashboards and units' deadlines.
    Role.LEADER: [
        "reconsideration.view_linkagerecord",
        "reconsideration.view_hearing",
        "reconsideration.view_opinionletter",
        "deadlines.view_deadline",
        "deadlines.view_notification",
        "deadlines.view_unit_deadlines",
        "disputes.view_dispute",
        "core.view_attachment",
        "reconsideration.view_reconsiderationcase",
        "decisions.view_majordecision",
        "decisions.view_legalaffairsmatter",
        "litigation.view_litigationcase",
        "mediation.view_mediationcase",
        "enforcement.view_enforcementcase",
        # the registers behind the dashboard's 执法主体, 执法证件, 参训执法人员 and 诉调对接 figures
        "enforcement.view_enforcementagency",
        "enforcement.view_officer",
        "enforcement.view_certificate",
        "mediation.view_partneragreement",
        *_SUPERVISION_VIEW,
        "dashboard.view_dashboard",
    ],
    # 系统管理员: users, units and the work calendar; no case content.
    Role.SYSTEM_ADMIN: [
        "accounts.manage_users",
        "accounts.manage_units",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_orgunit",
        "accounts.add_orgunit",
        "accounts.change_orgunit",
        "deadlines.view_calendarday",
        "deadlines.add_calendarday",
        "deadlines.change_calendarday",
        "deadlines.delete_calendarday",
        "deadlines.view_notification",
    ],
    # 安全管理员: the security policy — unlocking locked accounts and resetting second factors;
    # no users, units, case content or audit log (GB/T 22239-2019 8.1.5: 系统、审计、安全管理分设).
    Role.SECURITY_ADMIN: [
        "accounts.manage_security",
        "deadlines.view_notification",
    ],
    # 审计管理员: the audit log only.
    Role.AUDIT_ADMIN: [
        "core.view_audit",
        "deadlines.view_notification",
    ],
}


def users_with_perm(perm: str, qs=None):
    """The users holding `perm` ("app_label.codename") through a role (group) or directly. The code
    asks for a permission, never for a role's name; ROLE_PERMISSIONS says which roles hold it.
    Superusers are not included unless they hold it too. `qs` narrows the users (default: all)."""
    app_label, codename = perm.split(".", 1)
    through_role = Q(groups__permissions__codename=codename) & Q(
        groups__permissions__content_type__app_label=app_label
    )
    direct = Q(user_permissions__codename=codename) & Q(user_permissions__content_type__app_label=app_label)
    users = get_user_model().objects.all() if qs is None else qs
    return users.filter(through_role | direct).distinct()


#: The three administrators (三员分立): no account holds two of them.
ADMIN_ROLES: tuple[str, ...] = (Role.SYSTEM_ADMIN.value, Role.SECURITY_ADMIN.value, Role.AUDIT_ADMIN.value)


def admin_roles_held(names) -> list[str]:
    """The administrator roles among `names` (role or group names), in the order of ADMIN_ROLES."""
    held = {str(n) for n in names}
    return [r for r in ADMIN_ROLES if r in held]


def sync_roles(*, using=DEFAULT_DB_ALIAS, apps=None):
    """Create every role group and give it exactly the existing permissions ROLE_PERMISSIONS names."""
    if apps is None:
        apps = global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {p for perms in ROLE_PERMISSIONS.values() for p in perms}
    by_key = {}
    labels = {w.split(".", 1)[0] for w in wanted}
    for perm in (
        Permission.objects.using(using)
        .filter(content_type__app_label__in=labels)
        .select_related("content_type")
    ):
        by_key[f"{perm.content_type.app_label}.{perm.codename}"] = perm
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=str(role))
        current = set(group.permissions.values_list("pk", flat=True))
        target = {by_key[p].pk for p in perms if p in by_key}
        if current != target:
            group.permissions.set(target)


def sync_roles_on_migrate(sender, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    # migrate and flush send post_migrate once for every app, in the order of INSTALLED_APPS, each
    # creating that app's permissions: at the last app's signal every permission exists, so the roles
    # are synced once then (on every app's signal it was the same work twenty times over).
    if sender.label != _last_migrated_app_label():
        return
    # LookupError: auth or contenttypes not migrated yet in this run
    with contextlib.suppress(LookupError):
        sync_roles(using=using, apps=apps)


def _last_migrated_app_label() -> str:
    """The app whose post_migrate signal comes last (django.core.management.sql.emit_post_migrate_signal
    sends one for every app with models, in registry order)."""
    return [c for c in global_apps.get_app_configs() if c.models_module is not None][-1].label
