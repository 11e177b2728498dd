"""Factories for deadlines. `DeadlineFactory` goes through `deadline_start`, so every row's due date,
raw end and trace come from the engine, as in production."""

from datetime import date

import factory

from accounts.models import OrgUnit
from deadlines.services import deadline_start


class DeadlineFactory(factory.Factory):
    """DeadlineFactory(org_unit=…, responsible=[user], rule_code=…, trigger_date=…)."""

    class Meta:
        model = dict  # built by deadline_start in _create

    rule_code = "recon.decision"
    trigger_date = date(2025, 3, 3)
    subject = factory.Sequence(lambda n: f"天复〔2025〕{n + 1}号 复议决定期限")
    org_unit = None
    record = None
    responsible = ()
    actor = None

    @classmethod
    def _create(cls, model_class, *, record=None, org_unit, **kwargs):
        if org_unit is None:
            raise ValueError("DeadlineFactory needs org_unit")
        # Any saved model instance can carry deadlines (generic relation); the unit itself is handy.
        record = record if record is not None else OrgUnit.objects.get(pk=org_unit.pk)
        return deadline_start(record=record, org_unit=org_unit, **kwargs)

    _build = _create


def make_deadlines(n, *, org_unit, responsible=(), rule_code="recon.decision", start=date(2025, 3, 3)):
    """n deadlines with triggers on consecutive days from `start`."""
    from datetime import timedelta

    return [
        DeadlineFactory(
            org_unit=org_unit,
            responsible=responsible,
            rule_code=rule_code,
            trigger_date=start + timedelta(days=i),
        )
        for i in range(n)
    ]
