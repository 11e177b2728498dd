"""The left navigation. An entry shows only if its page exists (its URL name resolves) and the user
holds one of its permissions — so a mechanism appears once its pages are built."""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    icon: str
    perms: tuple[str, ...] = ()  # any of these; empty = every logged-in user
    children: tuple["NavEntry", ...] = field(default=())


NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry(_("我的工作台"), "core:home", "bi-house-door"),
    NavEntry(_("行政决策"), "decisions:index", "bi-journal-check", ("decisions.view_decision",)),
    NavEntry(_("行政执法"), "enforcement:index", "bi-shield-check", ("enforcement.view_enforcementcase",)),
    NavEntry(_("行政监督"), "supervision:index", "bi-binoculars", ("supervision.view_filing",)),
    NavEntry(_("多元化解"), "mediation:index", "bi-people", ("mediation.view_mediationcase",)),
    NavEntry(
        _("行政复议"), "reconsideration:index", "bi-bank", ("reconsideration.view_reconsiderationcase",)
    ),
    NavEntry(_("行政应诉"), "litigation:index", "bi-briefcase", ("litigation.view_lawsuit",)),
    NavEntry(
        _("行政争议"),
        "disputes:list",
        "bi-diagram-3",
        ("disputes.view_dispute",),
        children=(
            NavEntry(_("争议检索"), "disputes:list", "bi-search", ("disputes.view_dispute",)),
            NavEntry(_("争议来源统计"), "disputes:stats", "bi-bar-chart", ("disputes.view_dispute",)),
        ),
    ),
    NavEntry(
        _("期限"),
        "deadlines:mine",
        "bi-alarm",
        ("deadlines.view_deadline", "deadlines.view_calendarday"),
        children=(
            NavEntry(_("我的期限"), "deadlines:mine", "bi-alarm", ("deadlines.view_deadline",)),
            NavEntry(_("单位期限"), "deadlines:unit", "bi-building", ("deadlines.view_unit_deadlines",)),
            NavEntry(_("期限计算器"), "deadlines:calculator", "bi-calculator", ("deadlines.view_deadline",)),
            NavEntry(_("工作日历"), "deadlines:calendar", "bi-calendar3", ("deadlines.view_calendarday",)),
        ),
    ),
    NavEntry(_("数据看板"), "dashboard:index", "bi-bar-chart", ("dashboard.view_dashboard",)),
    NavEntry(
        _("系统管理"),
        "accounts:user_list",
        "bi-gear",
        ("accounts.manage_users", "accounts.manage_units"),
        children=(
            NavEntry(_("用户管理"), "accounts:user_list", "bi-person-gear", ("accounts.manage_users",)),
            NavEntry(_("单位管理"), "accounts:unit_tree", "bi-diagram-2", ("accounts.manage_units",)),
        ),
    ),
    NavEntry(_("安全管理"), "accounts:security", "bi-shield-lock", ("accounts.manage_security",)),
    NavEntry(_("审计"), "audit:index", "bi-clipboard-data", ("core.view_audit",)),
)


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _allowed(user, entry):
    return not entry.perms or any(user.has_perm(p) for p in entry.perms)


def navigation_for(request):
    """[{label, url, icon, active, children: [...]}] for the user of this request."""
    user = request.user
    path = request.path
    items = []
    for entry in NAVIGATION:
        url = _url(entry.url_name)
        if url is None or not _allowed(user, entry):
            continue
        children = []
        for child in entry.children:
            curl = _url(child.url_name)
            if curl and _allowed(user, child):
                children.append(
                    {"label": child.label, "url": curl, "icon": child.icon, "active": path == curl}
                )
        if entry.children and not children:
            continue
        prefix = url if entry.url_name != "core:home" else None
        root = "/" + url.strip("/").split("/")[0] + "/" if prefix else None
        active = path == url or (root is not None and path.startswith(root))
        items.append(
            {
                "label": entry.label,
                "url": children[0]["url"] if children else url,
                "icon": entry.icon,
                "active": active,
                "children": children,
            }
        )
    return items
