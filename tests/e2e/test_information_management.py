"""Information management in a real browser against the demo: every page passes axe, and an
auditor disposes of a due record from the review list."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from frontline.demo import DEMO_PASSWORD
from tests.e2e.conftest import TABLET

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PAGES = ["", "retention/", "subject-access/", "bundles/", "dead-letters/"]
_axe = Axe()


def _signed_in(new_context, server, collar_number):
    page = new_context(viewport=TABLET).new_page()
    page.goto(server.base_url + "/office/sign-in/")
    page.fill("#collar_number", collar_number)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server.base_url + "/office/")
    return page


def _accessible(page, name):
    results = _axe.run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def test_information_pages_are_accessible_and_a_due_record_is_disposed(new_context, server):
    page = _signed_in(new_context, server, "ST4003")
    for path in PAGES:
        page.goto(server.base_url + "/office/information/" + path)
        _accessible(page, path or "index")

    # The demo has stop searches due: dispose of the first with a reason
    page.goto(server.base_url + "/office/information/retention/?record_type=stopsearch.record")
    rows = page.locator("tbody tr")
    before = rows.count()
    assert before > 1
    first = rows.first
    first.locator("input[value=dispose]").check()
    first.locator("input[name=reason]").fill("No policing purpose: no further action, 6 years")
    first.locator("button[type=submit]").click()
    page.wait_for_selector("[role=status]")
    assert page.locator("tbody tr").count() == before - 1
    _accessible(page, "retention after a decision")

    assert server.cli("verify", "--quiet").returncode == 0


def test_destinations_page_is_accessible_for_the_admin(new_context, server):
    page = _signed_in(new_context, server, "ST4004")
    page.goto(server.base_url + "/office/information/destinations/")
    assert "Local drop folder (demo)" in page.content()
    _accessible(page, "destinations")
