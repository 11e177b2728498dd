"""The leaders' dashboard (数据看板, docs/indicators.md) as `leader` (the city: every county) and a
county leader (秦州区, created here if the demo has none), against the `seed_demo --scale N` demo data
(`World.demo()`, seeded once and reused — see bench/figures/reconsideration.py).

- cold: the page with the dashboard cache made stale before each request (`dashboard.cache.bump`),
  so every panel, trend and table is computed; target: within 3× of the reference.
- the reference, "the raw SQL aggregate for the same figures" (`REFERENCE`): per mechanism the
  hand-written statements a DBA would write for exactly the figures the page shows — one statement
  of FILTER aggregates (and scalar subqueries for the other tables) for the panel's counts, one
  GROUP BY month and county (a CASE over the counties' path prefixes) for the monthly and county
  trends, one GROUP BY year for the yearly rates; 诉源分析 as one GROUP BY respondent, act type,
  origin, status and the lineage flags; the deadline panels as two GROUP BYs. The same jurisdiction
  rules as the page (a lawsuit seen through any defendant, a dispute through its mechanism records),
  run in one transaction with JIT compilation off, as the page runs (dashboard.selectors.compute).
  A sample is the summed time of all the statements; fetching the rows is included, turning them
  into figures in Python is not. Their results equal the page's figures (checked against the
  scale-1 demo when written);
- the floor: one statement with six headline counts (one a mechanism), in the note — far fewer
  figures than the page shows, kept to see the cost of the bare scans;
- warm: the same page from the cache (TTL 60 s); budget p95 ≤ 50 ms.
"""

from __future__ import annotations

import statistics
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from ..registry import Figure, benchmark, percentile, timed
from ..world import World
from .reconsideration import _client, _get, _ms

WARM_BUDGET = 0.050
COUNTY_LEADER = "leader_qinzhou"


def _leaders():
    from django.contrib.auth.models import Group

    from accounts.choices import Role, UnitKind
    from accounts.models import OrgUnit, User

    city = User.objects.get(username="leader")
    county = User.objects.filter(username=COUNTY_LEADER).first()
    if county is None:
        unit = OrgUnit.objects.filter(kind=UnitKind.GOVERNMENT, name__startswith="秦州区").first()
        county = User.objects.create_user(
            COUNTY_LEADER, password=None, unit=unit, real_name="秦州区领导", is_unit_leader=True
        )
        county.groups.set([Group.objects.get(name=str(Role.LEADER))])
    return [city, county]


#: The disputes a user sees (disputes/scoping.py): through a mediation, reconsideration or lawsuit of
#: the jurisdiction, or registered in it with none of those yet.
_DISPUTE_SEEN = """(
    EXISTS (SELECT 1 FROM mediation_mediationcase m JOIN accounts_orgunit mu ON mu.id = m.org_unit_id
            WHERE m.dispute_id = d.id AND mu.path LIKE %(path)s)
    OR EXISTS (SELECT 1 FROM reconsideration_reconsiderationcase r
               JOIN accounts_orgunit ru ON ru.id = r.org_unit_id
               WHERE r.dispute_id = d.id AND ru.path LIKE %(path)s)
    OR EXISTS (SELECT 1 FROM litigation_litigationcase l JOIN accounts_orgunit lu ON lu.id = l.org_unit_id
               WHERE l.dispute_id = d.id AND (lu.path LIKE %(path)s OR EXISTS (
                   SELECT 1 FROM litigation_defendant df JOIN accounts_orgunit au ON au.id = df.agency_id
                   WHERE df.case_id = l.id AND au.path LIKE %(path)s)))
    OR (du.path LIKE %(path)s
        AND NOT EXISTS (SELECT 1 FROM mediation_mediationcase m WHERE m.dispute_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM reconsideration_reconsiderationcase r WHERE r.dispute_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM litigation_litigationcase l WHERE l.dispute_id = d.id)))"""

#: A lawsuit the user sees: its primary defendant, or another defendant, in the jurisdiction.
_LAWSUIT_SEEN = """(u.path LIKE %(path)s OR EXISTS (
    SELECT 1 FROM litigation_defendant df JOIN accounts_orgunit au ON au.id = df.agency_id
    WHERE df.case_id = c.id AND au.path LIKE %(path)s))"""


def _intake(table: str, day: str, seen: str = "u.path LIKE %(path)s") -> str:
    """Records per month and county of the period (the monthly and county trends)."""
    return f"""
SELECT date_trunc('month', c.{day}) AS month, {{county}} AS county, COUNT(*)
FROM {table} c JOIN accounts_orgunit u ON u.id = c.org_unit_id
WHERE {seen} AND c.{day} BETWEEN %(start)s AND %(end)s
GROUP BY 1, 2"""


REFERENCE = {
    "deadlines": [
        # 期限预警: open running clocks overdue or due within 3 working days, per unit
        """
SELECT d.org_unit_id, u.name, u.path,
       COUNT(*) FILTER (WHERE d.due_date < %(today)s), COUNT(*) FILTER (WHERE d.due_date >= %(today)s)
FROM deadlines_deadline d JOIN accounts_orgunit u ON u.id = d.org_unit_id
WHERE u.path LIKE %(path)s AND d.status = 'open' AND NOT d.is_suspended AND d.due_date <= %(soon)s
GROUP BY 1, 2, 3""",
        # 法定期限内办结率 per mechanism
        """
SELECT ct.app_label, COUNT(*) FILTER (WHERE d.status = 'met'), COUNT(*)
FROM deadlines_deadline d JOIN accounts_orgunit u ON u.id = d.org_unit_id
JOIN django_content_type ct ON ct.id = d.content_type_id
WHERE u.path LIKE %(path)s AND d.closed_on BETWEEN %(start)s AND %(end)s AND d.status IN ('met', 'missed')
GROUP BY 1""",
    ],
    "decisions": [
        """
SELECT
  (SELECT COUNT(*) FROM decisions_majordecision m JOIN accounts_orgunit u ON u.id = m.org_unit_id
   WHERE u.path LIKE %(path)s AND m.proposed_on BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(*) FROM decisions_postevaluation e JOIN decisions_majordecision m ON m.id = e.decision_id
   JOIN accounts_orgunit u ON u.id = m.org_unit_id
   WHERE u.path LIKE %(path)s AND e.planned_on BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(*) FROM decisions_advisorconsultation a JOIN accounts_orgunit u ON u.id = a.org_unit_id
   WHERE u.path LIKE %(path)s AND a.consulted_on BETWEEN %(start)s AND %(end)s),
  COUNT(*) FILTER (WHERE x.received_on BETWEEN %(start)s AND %(end)s),
  COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM decisions_reviewopinion o WHERE o.matter_id = x.id
                   AND o.signed_at IS NOT NULL AND o.signed_on BETWEEN %(start)s AND %(end)s)),
  COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM deadlines_deadline k WHERE k.content_type_id = %(ct_matter)s
                   AND k.object_id = x.id AND k.status = 'open' AND NOT k.is_suspended
                   AND k.due_date < %(today)s))
FROM decisions_legalaffairsmatter x JOIN accounts_orgunit u ON u.id = x.org_unit_id
WHERE u.path LIKE %(path)s""",
        _intake("decisions_legalaffairsmatter", "received_on"),
    ],
    "enforcement": [
        """
SELECT COUNT(*), COUNT(*) FILTER (WHERE c.is_major), COUNT(*) FILTER (WHERE c.outside_benchmark),
  (SELECT COUNT(*) FROM enforcement_enforcementagency a JOIN accounts_orgunit u ON u.id = a.org_unit_id
   WHERE u.path LIKE %(path)s AND a.certified_on <= %(end)s),
  (SELECT COUNT(*) FROM enforcement_certificate t JOIN enforcement_officer o ON o.id = t.officer_id
   JOIN enforcement_enforcementagency a ON a.id = o.agency_id JOIN accounts_orgunit u ON u.id = a.org_unit_id
   WHERE u.path LIKE %(path)s AND t.issued_on <= %(end)s),
  (SELECT COUNT(*) FROM enforcement_officer o JOIN enforcement_enforcementagency a ON a.id = o.agency_id
   JOIN accounts_orgunit u ON u.id = a.org_unit_id
   WHERE u.path LIKE %(path)s AND EXISTS (
     SELECT 1 FROM enforcement_trainingattendance ta
     JOIN enforcement_trainingcourse tc ON tc.id = ta.course_id
     WHERE ta.officer_id = o.id AND tc.held_on BETWEEN %(start)s AND %(end)s))
FROM enforcement_enforcementcase c JOIN accounts_orgunit u ON u.id = c.org_unit_id
WHERE u.path LIKE %(path)s AND c.filed_on BETWEEN %(start)s AND %(end)s""",
        _intake("enforcement_enforcementcase", "filed_on"),
    ],
    "supervision": [
        """
SELECT COUNT(*), COUNT(*) FILTER (WHERE f.is_late),
  (SELECT COUNT(*) FROM supervision_guidingcase g
   WHERE g.status = 'published' AND g.published_on BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(*) FROM supervision_specialsupervisor s JOIN accounts_orgunit u ON u.id = s.org_unit_id
   WHERE u.path LIKE %(path)s AND s.term_start <= %(end)s AND s.term_end >= %(start)s),
  (SELECT ROW(COUNT(*) FILTER (WHERE n.status IN ('issued', 'replied')),
              COUNT(*) FILTER (WHERE n.status = 'issued' AND n.due_on < %(today)s))
   FROM supervision_supervisionnotice n JOIN accounts_orgunit u ON u.id = n.org_unit_id
   WHERE u.path LIKE %(path)s AND n.issued_on BETWEEN %(start)s AND %(end)s),
  (SELECT ROW(COUNT(*) FILTER (WHERE k.kind = 'self'), COUNT(*) FILTER (WHERE k.kind = 'sample'),
              COUNT(*) FILTER (WHERE k.kind = 'sample' AND r.grade <> 'pending'),
              COUNT(*) FILTER (WHERE k.kind = 'sample' AND r.grade IN ('excellent', 'pass')),
              COUNT(*) FILTER (WHERE k.kind = 'sample' AND r.grade = 'excellent'))
   FROM supervision_reviewedfile r JOIN supervision_reviewcampaign k ON k.id = r.campaign_id
   JOIN enforcement_enforcementagency a ON a.id = r.agency_id JOIN accounts_orgunit u ON u.id = a.org_unit_id
   WHERE u.path LIKE %(path)s AND k.year BETWEEN %(first_year)s AND %(last_year)s)
FROM supervision_decisionfiling f JOIN accounts_orgunit u ON u.id = f.org_unit_id
WHERE u.path LIKE %(path)s AND f.filed_on BETWEEN %(start)s AND %(end)s""",
    ],
    "mediation": [
        """
SELECT COUNT(*),
  COUNT(*) FILTER (WHERE c.status IN ('agreed', 'performing', 'performed', 'confirmation_applied',
                                      'confirmed', 'confirmation_rejected', 'failed', 'terminated')),
  COUNT(*) FILTER (WHERE c.status IN ('agreed', 'performing', 'performed', 'confirmation_applied',
                                      'confirmed', 'confirmation_rejected')),
  COUNT(*) FILTER (WHERE c.status = 'confirmed'),
  (SELECT COUNT(DISTINCT p.orgunit_id) FROM mediation_partneragreement_parties p
   JOIN mediation_partneragreement g ON g.id = p.partneragreement_id
   JOIN accounts_orgunit u ON u.id = g.org_unit_id WHERE u.path LIKE %(path)s),
  (SELECT COUNT(*) FROM mediation_partneragreement g JOIN accounts_orgunit u ON u.id = g.org_unit_id
   WHERE u.path LIKE %(path)s),
  (SELECT COUNT(*) FROM accounts_orgunit u
   WHERE u.path LIKE %(path)s AND u.kind = 'mediation' AND u.name LIKE '%%诉调对接中心')
FROM mediation_mediationcase c JOIN accounts_orgunit u ON u.id = c.org_unit_id
WHERE u.path LIKE %(path)s AND c.received_on BETWEEN %(start)s AND %(end)s""",
        _intake("mediation_mediationcase", "received_on"),
    ],
    "reconsideration": [
        """
SELECT COUNT(*) FILTER (WHERE c.received_on BETWEEN %(start)s AND %(end)s),
  COUNT(*) FILTER (WHERE c.accepted_on BETWEEN %(start)s AND %(end)s),
  COUNT(*) FILTER (WHERE c.accepted_on BETWEEN %(start)s AND %(end)s AND c.is_deemed_accepted),
  COUNT(*) FILTER (WHERE x.decided_on BETWEEN %(start)s AND %(end)s AND x.outcome <> 'not_accepted'),
  COUNT(*) FILTER (WHERE x.decided_on BETWEEN %(start)s AND %(end)s AND x.outcome <> 'not_accepted'
                   AND x.is_directly_corrected),
  COUNT(*) FILTER (WHERE x.decided_on BETWEEN %(start)s AND %(end)s AND x.outcome <> 'not_accepted'
                   AND x.is_indirectly_corrected),
  COUNT(*) FILTER (WHERE x.decided_on BETWEEN %(start)s AND %(end)s AND x.outcome <> 'not_accepted'
                   AND EXISTS (SELECT 1 FROM deadlines_deadline k WHERE k.content_type_id = %(ct_recon)s
                               AND k.object_id = c.id AND k.rule_code = ANY(%(decision_rules)s)
                               AND k.status = 'met')),
  COUNT(*) FILTER (WHERE c.status = ANY(%(recon_active)s)
                   AND EXISTS (SELECT 1 FROM deadlines_deadline k WHERE k.content_type_id = %(ct_recon)s
                               AND k.object_id = c.id AND k.status = 'open' AND NOT k.is_suspended
                               AND k.due_date < %(today)s))
FROM reconsideration_reconsiderationcase c JOIN accounts_orgunit u ON u.id = c.org_unit_id
LEFT JOIN reconsideration_casedecision x ON x.case_id = c.id
WHERE u.path LIKE %(path)s""",
        # 纠错率 by year
        """
SELECT EXTRACT(YEAR FROM x.decided_on), COUNT(*), COUNT(*) FILTER (WHERE x.is_directly_corrected)
FROM reconsideration_casedecision x JOIN reconsideration_reconsiderationcase c ON c.id = x.case_id
JOIN accounts_orgunit u ON u.id = c.org_unit_id
WHERE u.path LIKE %(path)s AND x.decided_on BETWEEN %(years_start)s AND %(years_end)s
  AND x.outcome <> 'not_accepted'
GROUP BY 1""",
        _intake("reconsideration_reconsiderationcase", "received_on"),
    ],
    "litigation": [
        # the case-level indicators of the year and the year before
        f"""
SELECT {{case_counts}}
FROM (SELECT c.*,
        EXISTS (SELECT 1 FROM litigation_hearing h WHERE h.case_id = c.id
                AND h.date BETWEEN %(lit_start)s AND %(lit_end)s) AS heard,
        EXISTS (SELECT 1 FROM litigation_hearing h WHERE h.case_id = c.id AND h.must_appear
                AND h.date BETWEEN %(lit_start)s AND %(lit_end)s) AS must,
        EXISTS (SELECT 1 FROM litigation_attendance a JOIN litigation_hearing h ON h.id = a.hearing_id
                JOIN litigation_defendant df ON df.id = a.defendant_id
                WHERE h.case_id = c.id AND a.head_counts AND df.agency_id = c.org_unit_id
                AND h.date BETWEEN %(lit_start)s AND %(lit_end)s) AS head,
        EXISTS (SELECT 1 FROM litigation_hearing h WHERE h.case_id = c.id
                AND h.date BETWEEN %(lit_prev_start)s AND %(lit_prev_end)s) AS p_heard,
        EXISTS (SELECT 1 FROM litigation_hearing h WHERE h.case_id = c.id AND h.must_appear
                AND h.date BETWEEN %(lit_prev_start)s AND %(lit_prev_end)s) AS p_must,
        EXISTS (SELECT 1 FROM litigation_attendance a JOIN litigation_hearing h ON h.id = a.hearing_id
                JOIN litigation_defendant df ON df.id = a.defendant_id
                WHERE h.case_id = c.id AND a.head_counts AND df.agency_id = c.org_unit_id
                AND h.date BETWEEN %(lit_prev_start)s AND %(lit_prev_end)s) AS p_head
      FROM litigation_litigationcase c JOIN accounts_orgunit u ON u.id = c.org_unit_id
      WHERE {_LAWSUIT_SEEN}) c""",
        # the hearing-level indicators (出庭出声率) of both years
        f"""
SELECT COUNT(*) FILTER (WHERE h.date BETWEEN %(lit_start)s AND %(lit_end)s AND head.counts),
  COUNT(*) FILTER (WHERE h.date BETWEEN %(lit_start)s AND %(lit_end)s AND head.spoke),
  COUNT(*) FILTER (WHERE h.date BETWEEN %(lit_prev_start)s AND %(lit_prev_end)s AND head.counts),
  COUNT(*) FILTER (WHERE h.date BETWEEN %(lit_prev_start)s AND %(lit_prev_end)s AND head.spoke)
FROM litigation_hearing h JOIN litigation_litigationcase c ON c.id = h.case_id
JOIN accounts_orgunit u ON u.id = c.org_unit_id
CROSS JOIN LATERAL (
  SELECT bool_or(true) AS counts, bool_or(a.head_spoke) AS spoke FROM litigation_attendance a
  JOIN litigation_defendant df ON df.id = a.defendant_id
  WHERE a.hearing_id = h.id AND a.head_counts AND df.agency_id = c.org_unit_id) head
WHERE {_LAWSUIT_SEEN} AND h.date BETWEEN %(lit_prev_start)s AND %(lit_end)s""",
        # 败诉率 and 负责人出庭应诉率 by year
        f"""
SELECT 'served', EXTRACT(YEAR FROM c.served_on), COUNT(*), COUNT(*) FILTER (WHERE c.agency_lost)
FROM litigation_litigationcase c JOIN accounts_orgunit u ON u.id = c.org_unit_id
WHERE {_LAWSUIT_SEEN} AND c.served_on BETWEEN %(years_start)s AND %(years_end)s GROUP BY 2
UNION ALL
SELECT 'heard', EXTRACT(YEAR FROM h.date), COUNT(DISTINCT h.case_id),
  COUNT(DISTINCT h.case_id) FILTER (WHERE EXISTS (
    SELECT 1 FROM litigation_attendance a JOIN litigation_defendant df ON df.id = a.defendant_id
    WHERE a.hearing_id = h.id AND a.head_counts AND df.agency_id = c.org_unit_id))
FROM litigation_hearing h JOIN litigation_litigationcase c ON c.id = h.case_id
JOIN accounts_orgunit u ON u.id = c.org_unit_id
WHERE {_LAWSUIT_SEEN} AND h.date BETWEEN %(years_start)s AND %(years_end)s GROUP BY 2""",
        _intake("litigation_litigationcase", "complaint_received_on", _LAWSUIT_SEEN),
    ],
    "disputes": [
        # every figure of 诉源分析: grouped by respondent, act type, origin, status and lineage
        f"""
SELECT d.respondent_id, r.name, d.act_type, d.origin_content_type_id, d.status <> 'open',
       d.resolved_substantively, f.*, COUNT(*)
FROM disputes_dispute d JOIN accounts_orgunit du ON du.id = d.org_unit_id
JOIN accounts_orgunit r ON r.id = d.respondent_id
CROSS JOIN LATERAL (SELECT
  EXISTS (SELECT 1 FROM mediation_mediationcase m WHERE m.dispute_id = d.id) AS f_m,
  EXISTS (SELECT 1 FROM reconsideration_reconsiderationcase x WHERE x.dispute_id = d.id) AS f_r,
  EXISTS (SELECT 1 FROM litigation_litigationcase l WHERE l.dispute_id = d.id) AS f_l,
  EXISTS (SELECT 1 FROM mediation_mediationcase m WHERE m.dispute_id = d.id
          AND m.concluded_on IS NOT NULL) AS f_mc,
  EXISTS (SELECT 1 FROM reconsideration_reconsiderationcase x WHERE x.dispute_id = d.id
          AND x.concluded_on IS NOT NULL) AS f_rc,
  EXISTS (SELECT 1 FROM litigation_litigationcase l WHERE l.dispute_id = d.id
          AND l.outcome_on IS NOT NULL) AS f_lc,
  EXISTS (SELECT 1 FROM litigation_litigationcase l WHERE l.dispute_id = d.id
          AND l.outcome IN ('dismiss_suit', 'revoke_redo', 'confirm_illegal')) AS f_lidle,
  EXISTS (SELECT 1 FROM reconsideration_reconsiderationcase x
          JOIN reconsideration_casedecision y ON y.case_id = x.id
          WHERE x.dispute_id = d.id AND y.outcome = 'confirm_illegal') AS f_ridle,
  (SELECT COUNT(*) > 1 FROM reconsideration_reconsiderationcase x WHERE x.dispute_id = d.id) AS f_r2,
  (SELECT COUNT(*) > 1 FROM litigation_litigationcase l WHERE l.dispute_id = d.id) AS f_l2) f
WHERE {_DISPUTE_SEEN} AND d.act_date BETWEEN %(start)s AND %(end)s
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16""",
        # disputes per hundred enforcement cases: the enforcement cases of the period per agency
        """
SELECT c.org_unit_id, COUNT(*) FROM enforcement_enforcementcase c
JOIN accounts_orgunit u ON u.id = c.org_unit_id
WHERE u.path LIKE %(path)s AND c.filed_on BETWEEN %(start)s AND %(end)s GROUP BY 1""",
    ],
}


_CASE_COUNTS = {
    # the case sets of litigation.filters.case_indicator_q, for the year (no prefix) and the year before
    "heard": "{p}heard",
    "head_attended": "{p}heard AND {p}head",
    "must_appear": "{p}must",
    "must_attended": "{p}must AND {p}head",
    "defended": "c.instance = 'first' AND c.complaint_received_on BETWEEN %({y}start)s AND %({y}end)s "
    "AND c.defence_on_time IS NOT NULL",
    "on_time": "c.instance = 'first' AND c.complaint_received_on BETWEEN %({y}start)s AND %({y}end)s "
    "AND c.defence_on_time",
    "concluded": "c.served_on BETWEEN %({y}start)s AND %({y}end)s",
    "lost": "c.served_on BETWEEN %({y}start)s AND %({y}end)s AND c.agency_lost",
}


def reference_statements(user, *, start, end, counties) -> list[tuple[str, dict]]:
    """`REFERENCE` with the user's jurisdiction, the period and the counties filled in."""
    from django.contrib.contenttypes.models import ContentType

    from accounts.jurisdiction import jurisdiction_path
    from deadlines.selectors import soon_limit
    from decisions.models import LegalAffairsMatter
    from reconsideration import deadlines as clocks
    from reconsideration.choices import ACTIVE_STATUSES
    from reconsideration.models import ReconsiderationCase

    today = timezone.localdate()
    year = start.year
    params = {
        "path": f"{jurisdiction_path(user) or '/'}%",
        "start": start,
        "end": end,
        "today": today,
        "soon": soon_limit(today),
        "first_year": start.year,
        "last_year": end.year,
        "years_start": date(end.year - 4, 1, 1),
        "years_end": date(end.year, 12, 31),
        "lit_start": date(year, 1, 1),
        "lit_end": date(year, 12, 31),
        "lit_prev_start": date(year - 1, 1, 1),
        "lit_prev_end": date(year - 1, 12, 31),
        "ct_matter": ContentType.objects.get_for_model(LegalAffairsMatter).pk,
        "ct_recon": ContentType.objects.get_for_model(ReconsiderationCase).pk,
        "decision_rules": list(clocks.DECISION_RULES),
        "recon_active": [str(s) for s in ACTIVE_STATUSES],
    }
    county = "NULL::integer"
    if counties:
        whens = []
        for i, c in enumerate(counties):
            params[f"county_{i}"] = f"{c.path}%"
            whens.append(f"WHEN u.path LIKE %(county_{i})s THEN {int(c.pk)}")
        county = f"CASE {' '.join(whens)} END"
    case_counts = ", ".join(
        f"COUNT(*) FILTER (WHERE {cond.format(p=p, y=y)})"
        for p, y in (("", "lit_"), ("p_", "lit_prev_"))
        for cond in _CASE_COUNTS.values()
    )
    out = []
    for statements in REFERENCE.values():
        for sql in statements:
            out.append((sql.replace("{county}", county).replace("{case_counts}", case_counts), params))
    return out


STATEMENTS = sum(len(statements) for statements in REFERENCE.values())


def _raw_figures(user, start, end, counties):
    """The reference: every statement of `REFERENCE` once, in one transaction, on the same connection
    settings as the page (JIT compilation off, tianshui_cases/settings/base.py) — their summed time is
    one sample."""
    statements = reference_statements(user, start=start, end=end, counties=counties)

    def run():
        with transaction.atomic(), connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def _raw_headline(user, start, end):
    """The floor: one SQL statement with the period's six headline counts (one a mechanism) within the
    user's jurisdiction — far fewer figures than the page shows."""
    from accounts.jurisdiction import jurisdiction_path
    from decisions.models import LegalAffairsMatter
    from disputes.models import Dispute
    from enforcement.models import EnforcementCase
    from litigation.models import LitigationCase
    from mediation.models import MediationCase
    from reconsideration.models import ReconsiderationCase

    path = jurisdiction_path(user) or "/"
    parts, args = [], []
    for model, unit, day in (
        (ReconsiderationCase, "org_unit_id", "received_on"),
        (LegalAffairsMatter, "org_unit_id", "received_on"),
        (EnforcementCase, "org_unit_id", "filed_on"),
        (MediationCase, "org_unit_id", "received_on"),
        (LitigationCase, "org_unit_id", "complaint_received_on"),
        (Dispute, "respondent_id", "act_date"),
    ):
        parts.append(
            f"(SELECT COUNT(*) FROM {model._meta.db_table} t JOIN accounts_orgunit u ON u.id = t.{unit} "
            f"WHERE u.path LIKE %s AND t.{day} BETWEEN %s AND %s)"
        )
        args += [f"{path}%", start, end]
    sql = "SELECT " + ", ".join(parts)

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            cursor.fetchall()

    return run


@benchmark("dashboard.page", order=900)
def dashboard_page(world: World) -> list[Figure]:
    """Leaders' dashboard, this year: cold (cache stale) beside one raw SQL aggregate, and warm."""
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from core.indicators import Scope
    from dashboard.cache import bump
    from dashboard.forms import jurisdiction_units
    from dashboard.trends import counties_of

    world.demo()
    n = max(20, world.repeats)
    year = timezone.localdate().year
    params = {"period": "year", "year": str(year)}
    start, end = date(year, 1, 1), date(year, 12, 31)
    path = reverse("dashboard:index")
    figures = []
    for user in _leaders():
        client = _client(user)
        _get(client, path, params)  # the process's caches (content types, permissions) filled, as in service
        bump()
        with CaptureQueriesContext(connection) as captured:
            _get(client, path, params)
        queries = len(captured.captured_queries)
        cold = timed(lambda c=client: _get(c, path, params), n, setup=bump)
        counties = counties_of(jurisdiction_units(user), Scope(start=start, end=end))
        raw = timed(_raw_figures(user, start, end, counties), n)
        floor = timed(_raw_headline(user, start, end), n)
        figures.append(
            Figure(
                label=f"dashboard cold ({user.username})",
                n=n,
                samples=cold,
                reference=raw,
                reference_label=f"raw SQL, the same figures ({STATEMENTS} statements)",
                note=f"{queries} queries cold; floor (6 headline counts, 1 statement) "
                f"p50 {_ms(statistics.median(floor))}",
            )
        )
        _get(client, path, params)
        with CaptureQueriesContext(connection) as captured:
            _get(client, path, params)
        warm = timed(lambda c=client: _get(c, path, params), n)
        figures.append(
            Figure(
                label=f"dashboard warm ({user.username})",
                n=n,
                samples=warm,
                budget=WARM_BUDGET,
                note=f"{len(captured.captured_queries)} queries warm",
            )
        )
        world.log(
            f"  dashboard {user.username}: cold p95 {_ms(percentile(cold, 95))}, "
            f"raw p95 {_ms(percentile(raw, 95))}, floor p95 {_ms(percentile(floor, 95))}, "
            f"warm p95 {_ms(percentile(warm, 95))}"
        )
    return figures


dashboard_page.prepare = World.demo
