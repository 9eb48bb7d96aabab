"""GET /metrics: Prometheus text behind a scrape token; counts only."""

import pytest
from django.test import Client

from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.notebook.services import notebook_entry_create

TOKEN = "scrape-token-for-tests-0123456789"


@pytest.fixture
def metrics_on(settings):
    settings.FRONTLINE = {**settings.FRONTLINE, "METRICS_TOKEN": TOKEN}


def _scrape(token=TOKEN):
    return Client().get("/metrics", headers={"Authorization": f"Bearer {token}"})


def _value(text: str, name: str) -> float:
    line = next(line for line in text.splitlines() if line.startswith(name + " "))
    return float(line.split()[1])


def test_the_scrape_reports_the_feed_and_audit_counters_moving(metrics_on, officer):
    before = _scrape().content.decode()
    notebook_entry_create(
        officer=officer, entry_id=uuid7(), kind="entry", occurred_at=now(), text="Attended."
    )

    after = _scrape()

    assert after.status_code == 200
    assert after["Content-Type"].startswith("text/plain; version=0.0.4")
    text = after.content.decode()
    assert (
        _value(text, "frontline_change_feed_seq") == _value(before, "frontline_change_feed_seq") + 1
    )
    assert _value(text, "frontline_audit_events") > _value(before, "frontline_audit_events")
    assert _value(text, "frontline_database_up") == 1
    assert "# TYPE frontline_sessions_active gauge" in text
    assert officer.family_name not in text


def test_a_wrong_token_gets_nothing(metrics_on, db):
    response = _scrape("not-the-token")

    assert response.status_code == 401
    assert b"frontline_" not in response.content


def test_without_a_token_configured_there_is_no_metrics_endpoint(db):
    assert _scrape("").status_code == 404


def test_a_scrape_costs_a_fixed_number_of_queries(metrics_on, officer, django_assert_num_queries):
    with django_assert_num_queries(9):
        _scrape()
