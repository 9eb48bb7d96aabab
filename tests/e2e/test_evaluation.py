"""The evaluation back office in a real browser against the demo: every page and state passes
axe (the programme list, the dashboard with its SVG charts and every form open, a refusal, a
ledger import report), and an evaluator works the appraisal and downloads the report PDF."""

import io
import re
from pathlib import Path

import pypdf
import pytest

from tests.e2e.officer_app import assert_accessible

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PILOT = "/office/evaluation/hf-pilot/"
SECTIONS = [
    "Recommendation by role",
    "Costs",
    "Measured usage",
    "Usage by role",
    "Benefits",
    "Options appraisal",
    "Multi-criteria scoring",
    "Sensitivity",
    "Rollout plan",
    "Caveats",
]
IN_THE_PDF = [*SECTIONS, "Rollout progress against plan", "Lifecycle inputs per option"]


def _open_every_form(page):
    page.eval_on_selector_all("details", "all => all.forEach(d => d.open = true)")


def test_evaluation_pages_are_accessible(office_page, server):
    page = office_page("ST4002")
    page.goto(server.base_url + "/office/evaluation/")
    assert "Hammersmith &amp; Fulham tablet pilot" in page.content()
    assert_accessible(page, "programmes")

    page.goto(server.base_url + PILOT)
    for section in SECTIONS:
        assert page.get_by_role("heading", name=section, exact=True).count() >= 1, section
    # the ledger, active devices, usage by role, one value-for-money chart per role, rollout
    assert page.locator("figure.chart svg[role=img]").count() >= 7
    assert_accessible(page, "dashboard")
    _open_every_form(page)
    assert_accessible(page, "dashboard with every form open")

    # A ledger with a bad row: the import report lists it, and nothing is imported
    page.set_input_files(
        "#file",
        files=[{"name": "ledger.csv", "mimeType": "text/csv",
                "buffer": b"category,nature,amount,date\nhardware,capital,-5,2015-01-01\n"}],
    )  # fmt: skip
    page.click("form[action$='/ledger/'] button[type=submit]")
    assert "amount" in page.content()
    assert_accessible(page, "ledger import report")


def test_an_evaluator_runs_the_appraisal_and_downloads_the_report(office_page, server, tmp_path):
    page = office_page("ST4005")  # the finance lead
    page.goto(server.base_url + PILOT)
    _open_every_form(page)

    # Options for a new role from the catalogue: a refusal first (no model chosen)
    page.fill("#k-role", "Custody")
    page.fill("#k-devices", "40")
    page.click("form[action$='/from-catalogue/'] button[type=submit]")
    assert "Nothing was saved" in page.content() and "(models)" in page.content()
    assert_accessible(page, "refusal")

    page.goto(server.base_url + PILOT)
    _open_every_form(page)
    page.fill("#k-role", "Custody")
    page.fill("#k-devices", "40")
    page.fill("#k-lic", "60")
    page.fill("#k-min", "12")
    page.get_by_role("checkbox", name=re.compile(r"^Apple iPad Air 2")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Apple iPhone 15")).check()
    page.click("form[action$='/from-catalogue/'] button[type=submit]")
    page.wait_for_url(server.base_url + PILOT)
    recommendations = page.locator("section[aria-labelledby=h-recommendation] tbody")
    assert "Custody" in recommendations.inner_text()
    appraisal = page.locator("section[aria-labelledby=h-appraisal]").inner_text()
    assert "Apple iPad Air 2 Wi-Fi + Cellular" in appraisal and "Apple iPhone 15" in appraisal

    # Paper for Custody, so the shortlist has business as usual, and a rollout phase
    _open_every_form(page)
    page.fill("#o-role", "Custody")
    page.fill("#o-name", "Paper")
    page.select_option("#o-kind", "bau")
    page.fill("#o-life", "1")
    page.fill("#o-other", "1200")
    page.click("form[action$='/option/'] button[type=submit]")
    page.wait_for_url(server.base_url + PILOT)
    _open_every_form(page)
    page.fill("#p-name", "Custody suites")
    page.fill("#p-role", "Custody")
    page.fill("#p-devices", "40")
    page.fill("#p-start", "2027-01-04")
    page.fill("#p-end", "2027-03-26")
    page.fill("#p-budget", "60000")
    page.click("form[action$='/phase/'] button[type=submit]")
    page.wait_for_url(server.base_url + PILOT)
    assert "Custody suites" in page.content()
    assert_accessible(page, "dashboard after the appraisal")

    # The demo's report takes WeasyPrint a while on a shared machine
    with page.expect_download(timeout=180_000) as waiting:
        page.get_by_role("link", name="Download the evaluation report (PDF)").click(
            no_wait_after=True
        )
    download = waiting.value
    assert download.suggested_filename == "evaluation-hf-pilot.pdf"
    saved = Path(tmp_path) / download.suggested_filename
    download.save_as(saved)
    pages = pypdf.PdfReader(io.BytesIO(saved.read_bytes())).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    for part in IN_THE_PDF:
        assert part in text, part
    assert "Custody" in text and "Custody suites" in text and "Apple iPhone 15" in text
