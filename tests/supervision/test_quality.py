"""优劣质执法案件评选: nominations, panel scores, published lists (supervision/services/quality.py)."""

from datetime import date
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from supervision import services
from supervision.choices import Grade, NominationKind
from supervision.models import Nomination

from .factories import sampled_file

pytestmark = pytest.mark.django_db


def _graded(s, users, second, number, deductions, vetoes=()):
    f = sampled_file(s, number)
    services.file_score(actor=users.jiandu, file=f, deductions=deductions, vetoes=vetoes)
    return services.file_score(actor=second, file=f, deductions=deductions, vetoes=vetoes)


def test_nominate_score_and_publish(client, s, users, make_user):
    from accounts.choices import Role

    second = make_user("pc2", unit=s.tree.city_justice, roles=[Role.SUPERVISOR])
    good = _graded(s, users, second, "G1", {})
    bad = _graded(s, users, second, "B1", {}, vetoes=("wrong_law",))
    assert (good.grade, bad.grade) == (Grade.EXCELLENT, Grade.FAIL)
    sel = services.selection_create(
        actor=users.jiandu, unit=s.tree.city_justice, title="2025年度评选", year=2025
    )
    with pytest.raises(ApplicationError, match="优秀"):
        services.nominate(actor=users.jiandu, selection=sel, file=bad, kind=NominationKind.GOOD, reason="好")
    g = services.nominate(
        actor=users.jiandu, selection=sel, file=good, kind=NominationKind.GOOD, reason="规范"
    )
    b = services.nominate(
        actor=users.jiandu, selection=sel, file=bad, kind=NominationKind.BAD, reason="适用法律错误"
    )
    with pytest.raises(ApplicationError, match="尚无"):
        services.selection_publish(actor=users.jiandu, selection=sel)
    services.panel_score(actor=users.jiandu, nomination=g, score=Decimal("92"))
    with pytest.raises(ApplicationError, match="已为该案卷评分"):
        services.panel_score(actor=users.jiandu, nomination=g, score=Decimal("90"))
    with pytest.raises(ApplicationError, match="0至100"):
        services.panel_score(actor=second, nomination=g, score=Decimal("101"))
    g = services.panel_score(actor=second, nomination=g, score=Decimal("95"))
    assert g.mean_score == Decimal("93.50")
    services.panel_score(actor=second, nomination=b, score=Decimal("30"))
    sel = services.selection_publish(actor=users.jiandu, selection=sel, on=date(2025, 12, 1))
    assert list(Nomination.objects.filter(listed=True)) == [g]  # the bad one had one score only
    # every enforcement user reads the published lists, not the unlisted nominations
    client.force_login(users.zhifa_scj, backend="accounts.backends.AccountsBackend")
    page = client.get(f"/supervision/selections/{sel.pk}/")
    assert page.status_code == 200
    sections = dict(page.context["sections"])
    assert [n.pk for n in sections["优质执法案件"]] == [g.pk] and sections["劣质执法案件"] == []
