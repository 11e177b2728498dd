"""Written-opinion numbers (天司法审〔YYYY〕N号): unique and gap-free under concurrent signing, and the
reminder scan reminds the reviewers of each clock."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from accounts.choices import Role
from deadlines.models import Notification
from deadlines.reminders import scan_reminders
from decisions import services
from decisions.choices import MatterKind
from decisions.models import ReviewOpinion


def _pending(dec, n):
    matters = []
    for i in range(n):
        m = services.matter_register(
            actor=dec.drafter,
            body=dec.body,
            kind=MatterKind.CONTRACT,
            title=f"协议{i}",
            requesting_unit=dec.unit,
            received_on=date(2025, 6, 2),
        )
        services.opinion_draft(
            matter=m, actor=dec.drafter, findings={}, conclusion="lawful", on=date(2025, 6, 3)
        )
        services.opinion_submit(matter=m, actor=dec.drafter, on=date(2025, 6, 3))
        matters.append(m)
    return matters


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_opinion_numbers_unique_under_concurrent_signing(dec, make_user, tree):
    """Six signers sign six opinions at the same moment, each on its own connection: numbers 1…6."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL=postgres://…); SQLite serialises writers anyway")
    matters = _pending(dec, 6)
    signers = [make_user(f"signer{i}", unit=tree.city_justice, roles=[Role.LEGAL_REVIEWER]) for i in range(6)]
    barrier = threading.Barrier(len(matters))
    errors: list[Exception] = []

    def sign(matter, signer):
        try:
            barrier.wait()
            services.opinion_sign(matter=matter, actor=signer, on=date(2025, 6, 5))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=pair) for pair in zip(matters, signers, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    numbers = set(ReviewOpinion.objects.values_list("document_number", flat=True))
    assert numbers == {f"天司法审〔2025〕{n}号" for n in range(1, 7)}


@pytest.mark.django_db
def test_reminders_for_the_review_clock(dec):
    matter = _pending(dec, 1)[0]
    due = matter.due_on
    scan_reminders(today=due)
    assert Notification.objects.filter(recipient=dec.drafter, title__contains=matter.number).exists()
