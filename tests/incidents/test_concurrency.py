"""On PostgreSQL with real threads: racing submissions freeze one version, racing decisions
record one decision."""

import threading

import pytest
from django.db import connection

from frontline.common.errors import DomainError
from frontline.incidents.models import IncidentReport, ReportReview, ReportVersion
from frontline.incidents.workflow import (
    incident_report_approve,
    incident_report_return,
    incident_report_submit,
)
from tests.incidents.helpers import draft, submitted

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]

RACERS = 6


def _race(action) -> list:
    barrier = threading.Barrier(RACERS)
    outcomes: list = []

    def racer(index: int):
        try:
            barrier.wait()
            outcomes.append(action(index))
        except DomainError as exc:
            outcomes.append(exc.code)
        except BaseException as exc:  # re-raised below, in the main thread
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=racer, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    return outcomes


def test_racing_submissions_of_one_version_freeze_it_once(officer):
    # Given a draft at version 1, submitted from several handsets at once
    report = draft(officer)

    outcomes = _race(
        lambda index: incident_report_submit(officer=officer, report_id=report.pk, base_version=1)
    )

    # Then one submission froze version 1; the others found the report had moved on
    assert sum(1 for o in outcomes if getattr(o, "stale", True) is False) == 1
    assert ReportVersion.objects.filter(report=report).count() == 1
    assert IncidentReport.objects.get(pk=report.pk).version == 2


def test_racing_decisions_record_one(officer, supervisor):
    # Given a submitted report, returned and approved at once
    report = submitted(officer)

    def decide(index):
        if index % 2:
            return incident_report_approve(supervisor=supervisor, report_id=report.pk)
        return incident_report_return(supervisor=supervisor, report_id=report.pk, comments="Fix.")

    outcomes = _race(decide)

    # Then one decision stands; the rest were told the report is no longer waiting
    assert ReportReview.objects.filter(report=report).count() == 1
    assert sorted(o for o in outcomes if isinstance(o, str)) == ["not_awaiting_review"] * 5
