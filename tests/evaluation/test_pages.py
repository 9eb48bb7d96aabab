"""The back office: evaluators run the appraisal and download the report; nobody else may."""

import io
import re
from datetime import UTC, datetime

import pypdf
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from frontline.evaluation.models import CostEntry, Option
from tests.evaluation.helpers import appraised

LIST = "/office/evaluation/"
SECTIONS = [
    "Recommendation by role",
    "Costs",
    "Measured usage",
    "Benefits",
    "Options appraisal",
    "Multi-criteria scoring",
    "Sensitivity",
    "Rollout plan",
    "Caveats",
]


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def page(slug="test-pilot", action=""):
    return f"{LIST}{slug}/" + (f"{action}/" if action else "")


def test_an_evaluator_sees_the_dashboard_with_every_section_and_the_recommendation(evaluator):
    appraised(evaluator)
    client = signed_in(evaluator)
    assert "Test pilot" in client.get(LIST).content.decode()
    response = client.get(page())
    assert response.status_code == 200
    html = response.content.decode()
    for section in SECTIONS:
        assert f">{section}</h2>" in html
    # Tablet: 10 x 200 shifts x 20 min x £40/h a year beats the phone, and scores higher
    assert "<td><strong>Tablet</strong></td>" in html
    assert 'aria-labelledby="vfm-response-title vfm-response-desc"' in html


@pytest.mark.parametrize(
    ("today", "mean"),
    [
        # The pilot runs from 1 January to 31 March, 90 days
        (datetime(2026, 2, 14, 12, tzinfo=UTC), "mean 0.0 a day over the 45 days so far of 90."),
        (datetime(2026, 1, 1, 12, tzinfo=UTC), "mean 0.0 a day over the first day so far of 90."),
        (datetime(2026, 6, 1, 12, tzinfo=UTC), "mean 0.0 a day over all 90 days of the period."),
        (datetime(2025, 12, 15, 12, tzinfo=UTC),
         "mean \N{EN DASH} (no days yet: the period has not begun)."),
    ],
)  # fmt: skip
def test_the_report_says_how_many_days_the_mean_active_devices_is_taken_over(
    evaluator, today, mean
):
    appraised(evaluator)
    with time_machine.travel(today, tick=False):
        html = signed_in(evaluator).get(page()).content.decode()
    assert mean in html


def test_the_dashboard_takes_the_same_queries_however_much_it_holds(evaluator, admin_officer):
    appraised(evaluator, slug="small")
    appraised(evaluator, slug="large", roles=("Response", "CID", "Neighbourhood"), extra_costs=5)
    client = signed_in(admin_officer)
    counts = []
    for slug in ("small", "large"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page(slug)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("who", ["officer", "supervisor", "fleet_manager", "auditor"])
def test_other_roles_may_not_see_or_change_an_evaluation(request, evaluator, who):
    appraised(evaluator)
    client = signed_in(request.getfixturevalue(who))
    before = CostEntry.objects.count()
    assert client.get(LIST).status_code == 403
    assert client.get(page()).status_code == 403
    assert client.get(page() + "report.pdf").status_code == 403
    response = client.post(
        page(action="cost"),
        {"category": "hardware", "nature": "capital", "amount": "5", "spent_on": "2026-01-01"},
    )
    assert response.status_code == 403
    assert CostEntry.objects.count() == before


def test_an_evaluator_adds_a_cost_and_a_bad_one_is_refused_naming_the_field(evaluator):
    appraised(evaluator)
    client = signed_in(evaluator)
    good = {"category": "training", "nature": "running", "amount": "250.50",
            "spent_on": "2026-02-01"}  # fmt: skip
    assert client.post(page(action="cost"), good).status_code == 302
    assert CostEntry.objects.filter(category="training", amount_pence=25050).count() == 1
    refused = client.post(page(action="cost"), {**good, "amount": "-3"})
    assert refused.status_code == 422
    assert "cannot be negative (amount)" in refused.content.decode()
    assert CostEntry.objects.count() == 2


def test_a_lifespan_of_zero_is_refused_in_the_option_form(evaluator):
    appraised(evaluator)
    response = signed_in(evaluator).post(
        page(action="option"), {"role": "Response", "name": "Laptop", "life_years": "0"}
    )
    assert response.status_code == 422
    assert "(life_years)" in response.content.decode()
    assert not Option.objects.filter(name="Laptop").exists()


def test_a_ledger_upload_with_a_bad_row_lists_it_and_imports_nothing(evaluator):
    appraised(evaluator)
    before = CostEntry.objects.count()
    data = (
        b"category,nature,amount,date\n"
        b"hardware,capital,10,2026-01-01\n"
        b"hardware,capital,x,2026-01-02\n"
    )
    upload = io.BytesIO(data)
    upload.name = "ledger.csv"
    response = signed_in(evaluator).post(page(action="ledger"), {"file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    assert "<td>3</td><td>amount</td>" in html
    assert CostEntry.objects.count() == before


def test_the_report_pdf_parsed_back_has_every_section(evaluator):
    appraised(evaluator)
    response = signed_in(evaluator).get(page() + "report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    for section in SECTIONS:
        assert section in text
    assert "Evaluation report: Test pilot" in text
    flat = " ".join(text.split())  # table headings wrap in the PDF
    for part in (
        "Usage by role",
        "No kit profile 1 0 0 0.00 0",
        "Rollout progress against plan",
        "Plan to date",
        "10 10 0 0 0 0% behind plan",
        "Lifecycle inputs per option",
    ):
        assert part in flat, part  # fmt: skip
    assert "Tablet" in text and "£1,000" in text


def test_appraisal_parameters_are_changed_from_the_dashboard_and_bad_ones_refused(evaluator):
    prog = appraised(evaluator)
    client = signed_in(evaluator)
    assert 'name="officer_hour" value="40.00"' in client.get(page()).content.decode()
    good = {"discount_rate": "0.03", "optimism_bias": "0.5", "appraisal_years": "8",
            "officer_hour": "42.50"}  # fmt: skip
    assert client.post(page(action="parameters"), good).status_code == 302
    prog.refresh_from_db()
    assert (str(prog.discount_rate), prog.appraisal_years, prog.officer_hour_pence) == (
        "0.0300",
        8,
        4250,
    )
    refused = client.post(page(action="parameters"), {**good, "discount_rate": "0.9"})
    assert refused.status_code == 422
    assert "(discount_rate)" in refused.content.decode()
    prog.refresh_from_db()
    assert str(prog.discount_rate) == "0.0300"


def test_charts_on_one_page_never_share_an_id(evaluator):
    appraised(evaluator, roles=("Response", "CID"))
    html = signed_in(evaluator).get(page()).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})[:5]
    assert html.count("<svg") >= 4  # ledger, active devices, two value-for-money charts
