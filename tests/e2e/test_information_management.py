"""Information management in a real browser against the demo: every page passes axe, and an
auditor disposes of a due record from the review list."""

import pytest

from tests.e2e.officer_app import assert_accessible

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PAGES = ["", "retention/", "subject-access/", "bundles/", "dead-letters/"]


def test_information_pages_are_accessible_and_a_due_record_is_disposed(office_page, server):
    page = office_page("ST4003")
    for path in PAGES:
        page.goto(server.base_url + "/office/information/" + path)
        assert_accessible(page, path or "index")

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
    assert_accessible(page, "retention after a decision")

    assert server.cli("verify", "--quiet").returncode == 0


def test_destinations_page_is_accessible_for_the_admin(office_page, server):
    page = office_page("ST4004")
    page.goto(server.base_url + "/office/information/destinations/")
    assert "Local drop folder (demo)" in page.content()
    assert_accessible(page, "destinations")
