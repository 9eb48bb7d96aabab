"""Back-office statement pages: who sees which statements, the reason asked and logged before
someone else's statement opens, the PDF, and fixed query counts on the list."""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from frontline.audit.models import AuditEvent
from tests.statements.helpers import REASON, take_statement

LIST = "/office/statements/"


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def detail(statement) -> str:
    return f"/office/statements/{statement.pk}/"


def pdf(statement) -> str:
    return f"/office/statements/{statement.pk}/pdf/"


@pytest.fixture
def statements(officer, team_mate, other_officer):
    return {
        "mine": take_statement(officer, urn="01HS0000001"),
        "mate": take_statement(team_mate, urn="01HS0000002"),
        "outsider": take_statement(other_officer, urn="01HS0000003"),
    }


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("officer", {"01HS0000001"}),
        ("supervisor", {"01HS0000001", "01HS0000002"}),
        ("other_supervisor", {"01HS0000003"}),
        ("auditor", {"01HS0000001", "01HS0000002", "01HS0000003"}),
        ("fleet_manager", set()),
    ],
)
def test_the_list_shows_own_team_or_all_by_role(request, statements, viewer, expected):
    page = signed_in(request.getfixturevalue(viewer)).get(LIST).content.decode()
    shown = {urn for urn in ("01HS0000001", "01HS0000002", "01HS0000003") if urn in page}
    assert shown == expected


def test_the_list_costs_the_same_queries_for_one_statement_or_ten(auditor, officer):
    take_statement(officer)
    client = signed_in(auditor)
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    for _ in range(9):
        take_statement(officer)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(LIST).content.decode().count("/office/statements/") >= 10
    assert len(ten) == len(one)


def test_the_author_opens_their_statement_with_the_rear_page_and_nothing_is_logged(
    statements, officer
):
    page = signed_in(officer).get(detail(statements["mine"])).content.decode()
    assert statements["mine"].text in page
    assert "41 Glenthorne Road" in page
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_a_supervisor_is_asked_why_then_the_view_is_logged(statements, supervisor):
    client = signed_in(supervisor)
    target = statements["mate"]

    asked = client.get(detail(target))
    shown = client.post(detail(target), {"reason": REASON})

    assert "Why are you viewing this statement?" in asked.content.decode()
    assert target.text not in asked.content.decode()
    assert shown.status_code == 200
    assert target.text in shown.content.decode()
    assert "41 Glenthorne Road" not in shown.content.decode()
    event = AuditEvent.objects.get(action="consultation")
    assert (event.actor_id, event.object_id, event.justification) == (
        supervisor.pk,
        str(target.pk),
        REASON,
    )


def test_the_rear_page_shows_to_a_supervisor_who_asks_for_it(statements, supervisor):
    shown = signed_in(supervisor).post(
        detail(statements["mine"]), {"reason": REASON, "restricted": "on"}
    )
    assert "41 Glenthorne Road" in shown.content.decode()
    assert AuditEvent.objects.get(action="consultation").detail == (
        '{"purpose":"view","restricted":true}'
    )


def test_a_view_without_a_reason_is_refused_and_not_logged(statements, supervisor):
    response = signed_in(supervisor).post(detail(statements["mine"]), {"reason": " "})
    assert response.status_code == 422
    assert statements["mine"].text not in response.content.decode()
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize("viewer", ["team_mate", "other_supervisor", "evaluator"])
def test_others_get_not_found(request, statements, viewer):
    client = signed_in(request.getfixturevalue(viewer))
    assert client.post(detail(statements["mine"]), {"reason": REASON}).status_code == 404
    assert client.post(pdf(statements["mine"]), {"reason": REASON}).status_code == 404
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_the_detail_links_further_statements_both_ways(officer):
    first = take_statement(officer)
    further = take_statement(officer, further_to=first.pk)
    client = signed_in(officer)
    assert detail(further) in client.get(detail(first)).content.decode()
    assert detail(first) in client.get(detail(further)).content.decode()


def test_the_author_downloads_the_pdf_with_the_rear_page(statements, officer):
    response = signed_in(officer).get(pdf(statements["mine"]))
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert "WITNESS CONTACT DETAILS" in pages[-1].extract_text()
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_an_auditor_downloads_the_pdf_with_a_reason_and_it_is_logged(statements, auditor):
    client = signed_in(auditor)

    asked = client.get(pdf(statements["mine"]))
    response = client.post(pdf(statements["mine"]), {"reason": REASON})

    assert asked.status_code == 200 and "Why are you viewing" in asked.content.decode()
    assert f'action="{pdf(statements["mine"])}"' in asked.content.decode()
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "WITNESS CONTACT DETAILS" not in text
    event = AuditEvent.objects.get(action="consultation")
    assert (event.justification, event.detail) == (REASON, '{"purpose":"pdf","restricted":false}')


def test_no_pdf_before_the_signature_arrives(officer):
    statement = take_statement(officer, signed=False)
    client = signed_in(officer)
    assert "once the witness's signature has been received" in client.get(
        detail(statement)
    ).content.decode().replace("&#x27;", "'")
    assert client.get(pdf(statement)).status_code == 409


def test_signed_out_visitors_are_sent_to_sign_in(statements):
    response = Client().get(LIST)
    assert response.status_code == 302
    assert "/office/sign-in/" in response["Location"]
