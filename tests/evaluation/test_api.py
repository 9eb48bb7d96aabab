"""The evaluation API: the report's figures, adding a cost, and fixed query counts."""

import dataclasses
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.evaluation import api
from frontline.evaluation.models import CostEntry
from tests.evaluation.helpers import appraised

ROOT = "/api/v1/evaluation/programmes"


def test_the_report_gives_the_ledger_usage_and_each_roles_recommendation(evaluator, api_factory):
    appraised(evaluator)
    body = api_factory(evaluator).get(f"{ROOT}/test-pilot/report").json()
    assert body["ledger_total_pence"] == 100_000
    assert body["cost_per_device_pence"] == 1_000  # £1,000 over 100 devices issued
    assert body["usage"]["not_measured"] == []  # checks and the fleet register are installed
    [role] = body["roles"]
    assert role["recommended"] == "Tablet"
    tablet = next(o for o in role["options"] if o["name"] == "Tablet")
    # 10 x (200 shifts x 20 min / 60) x £40 = £26,666.67 a year of time, for five years
    assert tablet["pv_benefits_pence"] > tablet["pv_costs_pence"] > 0
    assert tablet["score"] is not None and not tablet["dominated"]
    assert abs(sum(role["weights"].values()) - 1) < 1e-9
    # the evaluator (no kit profile, no records) is the programme's one officer measured
    assert body["usage"]["by_role"] == {
        "No kit profile": {"officers": 1, "shifts": 0, "records": 0, "records_per_shift": 0.0,
                           "devices_seen": 0, "devices_adopted": 0},
    }  # fmt: skip
    [phase] = body["rollout"]  # April to June 2026, nothing issued by the register
    assert (phase["name"], phase["devices_planned"], phase["issued"]) == ("Phase 1", 10, 0)
    assert (phase["expected_to_date"], phase["status"]) == (10, "behind plan")


def test_the_report_gives_the_active_devices_a_day_its_peak_and_its_mean(
    evaluator, api_factory, monkeypatch
):
    appraised(evaluator)
    real = api.programme_report

    def with_activity(programme):
        # Three days of the period so far, two of them with devices signed in or recorded on
        report = real(programme)
        usage = dataclasses.replace(
            report.usage,
            active_devices_by_day={date(2026, 4, 1): 3, date(2026, 4, 3): 5},
            days_measured=3,
        )
        return dataclasses.replace(report, usage=usage)

    monkeypatch.setattr(api, "programme_report", with_activity)
    usage = api_factory(evaluator).get(f"{ROOT}/test-pilot/report").json()["usage"]
    assert usage["active_devices_by_day"] == {"2026-04-01": 3, "2026-04-03": 5}
    assert usage["peak_active_devices"] == 5
    assert usage["mean_active_devices"] == 8 / 3  # over the 3 days measured, the quiet one too
    assert usage["days_measured"] == 3


def test_a_cost_is_added_in_pence(evaluator, api_factory):
    appraised(evaluator)
    response = api_factory(evaluator).post(
        f"{ROOT}/test-pilot/costs",
        {"category": "training", "nature": "running", "amount_pence": 12_345,
         "spent_on": "2026-02-01"},
    )  # fmt: skip
    assert response.status_code == 201
    assert CostEntry.objects.filter(category="training", amount_pence=12_345).count() == 1


def test_bad_costs_are_refused_naming_the_field_and_nothing_is_added(evaluator, api_factory):
    appraised(evaluator)
    client = api_factory(evaluator)
    before = CostEntry.objects.count()
    good = {"category": "training", "nature": "running", "amount_pence": 100,
            "spent_on": "2026-02-01"}  # fmt: skip
    negative = client.post(f"{ROOT}/test-pilot/costs", {**good, "amount_pence": -5})
    assert negative.status_code == 422
    biscuits = client.post(f"{ROOT}/test-pilot/costs", {**good, "category": "biscuits"})
    assert biscuits.status_code == 422
    assert biscuits.json()["field"] == "category"
    unknown = client.post(f"{ROOT}/no-such/costs", good)
    assert unknown.status_code == 404
    assert CostEntry.objects.count() == before


def test_list_and_report_take_the_same_queries_however_much_they_hold(evaluator, api_factory):
    client = api_factory(evaluator)
    appraised(evaluator, slug="small")
    counts = [_queries(client, "small")]
    appraised(evaluator, slug="large", roles=("Response", "CID"), extra_costs=4)
    counts.append(_queries(client, "large"))
    assert counts[0] == counts[1]


def _queries(client, slug) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as listed:
        assert client.get(ROOT).status_code == 200
    with CaptureQueriesContext(connection) as reported:
        assert client.get(f"{ROOT}/{slug}/report").status_code == 200
    return len(listed), len(reported)
