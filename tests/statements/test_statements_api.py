"""Taking and reading witness statements through the REST API: exactly what is stored, every
field checked with its name, reads of others' statements logged, and fixed query counts."""

from datetime import date, datetime
from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent
from frontline.common.errors import InvalidInput
from frontline.common.ids import uuid7
from frontline.statements.models import Statement
from frontline.statements.services import statement_create
from tests.statements.helpers import (
    REASON,
    SIGNATURE_SHA,
    details,
    payload,
    take_statement,
    upload_signature,
)

URL = "/api/v1/statements"


@pytest.fixture
def api(api_factory, officer):
    return api_factory(officer)


def test_a_signed_statement_is_stored_with_every_field_and_audited(api, officer):
    # Given the signature PNG already uploaded
    upload_signature()
    body = {"id": str(uuid7()), **payload(witnessed_by="PC1 Officer")}

    # When the officer sends the statement
    response = api.post(URL, body)

    # Then it is stored as sent, with who took it, and one audit event records the signing
    assert response.status_code == 201, response.content
    data = response.json()
    statement = Statement.objects.get(pk=body["id"])
    for name in ("urn", "witness_name", "occupation", "text", "taken_place", "witnessed_by"):
        assert getattr(statement, name) == body[name]
        assert data[name] == body[name]
    assert statement.author == officer
    assert statement.taken_by_collar == "PC1"
    assert statement.taken_station == "Hammersmith"
    assert data["signature_received"] is True
    assert data["restricted"]["address"] == "41 Glenthorne Road, London W6 0LJ"
    assert data["restricted"]["consent_victim_personal_statement"] is True
    event = AuditEvent.objects.get(object_type="statement.mg11")
    assert (event.action, event.actor_id, event.object_id) == (
        "statement.signed",
        officer.pk,
        body["id"],
    )


def test_sending_the_same_statement_again_returns_the_stored_one(api):
    upload_signature()
    body = {"id": str(uuid7()), **payload()}
    first = api.post(URL, body)

    again = api.post(URL, body)

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Statement.objects.count() == 1
    assert AuditEvent.objects.filter(action="statement.signed").count() == 1


def test_the_same_id_with_other_words_is_refused_and_the_signed_statement_stands(api):
    upload_signature()
    body = {"id": str(uuid7()), **payload()}
    api.post(URL, body)

    response = api.post(URL, {**body, "text": "A different account."})

    assert response.status_code == 409
    assert response.json()["field"] == "id"
    assert Statement.objects.get().text == body["text"]


def test_a_statement_before_its_signature_upload_is_refused_over_rest(api):
    # Given no signature uploaded
    response = api.post(URL, {"id": str(uuid7()), **payload()})

    # Then the REST path asks for the upload first (sync may wait instead), and nothing is kept
    assert response.status_code == 422
    assert response.json()["field"] == "signature_sha256"
    assert not Statement.objects.exists()


TOO_LONG = "x" * 50_001
INVALID = [
    ("urn", ""),
    ("urn", "01HS/45\n6"),
    ("urn", "#01HS"),
    ("urn", "A" * 41),
    ("witness_name", "   "),
    ("witness_name", "Margaret\x07Doyle"),
    ("witness_age", 18),
    ("witness_age", 0),
    ("occupation", "Pharmacist\nand more"),
    ("text", ""),
    ("text", TOO_LONG),
    ("text", "I saw him \x00 run"),
    ("signature_sha256", "z" * 64),
    ("signature_sha256", "ab"),
    ("signed_at", "2026-11-28T10:00:00"),
    ("signed_at", "2099-01-01T10:00:00+00:00"),
    ("taken_at", "1999-12-31T10:00:00+00:00"),
    ("witnessed_by", "A\tB"),
    ("taken_place", ""),
    ("further_to", "not-a-uuid"),
    ("address", "x" * 501),
    ("phone", "call me"),
    ("email", "not-an-email"),
    ("birth_date", "2099-01-01"),
    ("birth_place", "Dublin\x1b"),
    ("preferred_contact", "pigeon"),
    ("dates_unavailable", "x" * 1001),
    ("needs", "x" * 2001),
    ("consent_victim_personal_statement", "maybe"),
    ("consent_medical_records", "maybe"),
    ("colour_of_hat", "red"),
]


@pytest.mark.parametrize(("field", "value"), INVALID, ids=[f"{f}={v!r:.20}" for f, v in INVALID])
def test_each_invalid_field_is_refused_by_name_and_nothing_is_written(api, field, value):
    upload_signature()
    audit_before = AuditEvent.objects.count()

    response = api.post(URL, {"id": str(uuid7()), **payload(), field: value})

    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    assert not Statement.objects.exists()
    assert AuditEvent.objects.count() == audit_before


SERVICE_INVALID = [
    (field, value)
    for field, value in INVALID
    if field not in {"further_to", "signed_at", "taken_at", "birth_date"}
] + [("signed_at", datetime(2026, 1, 1, 10)), ("birth_date", date(1899, 12, 31))]


@pytest.mark.parametrize(
    ("field", "value"), SERVICE_INVALID, ids=[f"{f}={v!r:.20}" for f, v in SERVICE_INVALID]
)
def test_the_service_checks_every_field_itself_for_callers_other_than_the_api(
    officer, field, value
):
    # Given a caller that bypasses the API's schema (sync payloads, the demo, the office)
    upload_signature()

    # When a field is invalid
    with pytest.raises(InvalidInput) as refused:
        statement_create(officer=officer, statement_id=uuid7(), details=details(**{field: value}))

    # Then the service names it, and nothing is written
    assert refused.value.field == field
    assert not Statement.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"signed_at": "2026-01-01T10:00:00+00:00"}, "signed_at", "before_taken"),
        ({"witness_age": 15}, "witness_age", "age_mismatch"),
        ({"birth_date": "2014-01-01"}, "witness_age", "age_mismatch"),
        ({"preferred_contact": "email", "email": ""}, "email", "required"),
        ({"preferred_contact": "post", "address": ""}, "address", "required"),
        ({"further_to": str(uuid4())}, "further_to", "not_found"),
    ],
)
def test_rules_between_fields_name_the_field_at_fault(api, overrides, field, code):
    upload_signature()
    body = {"id": str(uuid7()), **payload(), **overrides}
    if field == "signed_at":
        body["taken_at"] = "2026-01-01T11:00:00+00:00"

    response = api.post(URL, body)

    assert response.status_code in {404, 422}, response.content
    assert (response.json()["field"], response.json()["error"]) == (field, code)
    assert not Statement.objects.exists()


def test_the_error_body_names_the_field_exactly(api):
    upload_signature()
    response = api.post(URL, {"id": str(uuid7()), **payload(phone="call me")})
    assert response.json() == {
        "error": "invalid_phone",
        "message": "the telephone number may hold digits, spaces, + ( ) and -",
        "field": "phone",
    }


def test_a_witness_under_18_gives_their_age_and_one_over_18_gives_none(api):
    upload_signature()
    young = payload(witness_age=15, birth_date=None, witness_name="Jay Cole")
    adult = payload()

    responses = [api.post(URL, {"id": str(uuid7()), **body}) for body in (young, adult)]

    assert [r.status_code for r in responses] == [201, 201]
    assert [r.json()["witness_age"] for r in responses] == [15, None]


def test_a_further_statement_links_to_the_first_of_the_same_witness(api, officer):
    first = take_statement(officer)

    further = api.post(URL, {"id": str(uuid7()), **payload(further_to=first.pk)})
    other_witness = api.post(
        URL, {"id": str(uuid7()), **payload(further_to=first.pk, witness_name="Someone Else")}
    )
    other_case = api.post(URL, {"id": str(uuid7()), **payload(further_to=first.pk, urn="02X")})

    assert further.status_code == 201
    assert further.json()["further_to"] == str(first.pk)
    assert api.get(f"{URL}/{first.pk}").json()["further_statements"] == [further.json()["id"]]
    assert (other_witness.status_code, other_witness.json()["error"]) == (
        422,
        "different_witness",
    )
    assert (other_case.status_code, other_case.json()["error"]) == (422, "different_urn")


def test_staff_without_the_officer_role_cannot_take_statements(api_factory, fleet_manager):
    upload_signature()
    response = api_factory(fleet_manager).post(URL, {"id": str(uuid7()), **payload()})
    assert response.status_code == 403
    assert not Statement.objects.exists()


def test_the_list_shows_only_my_statements_newest_first_page_by_page(api, officer, team_mate):
    mine = [take_statement(officer) for _ in range(3)]
    take_statement(team_mate)

    first = api.get(URL, {"limit": 2}).json()
    second = api.get(URL, {"limit": 2, "before": first["next_before"]}).json()

    assert [s["id"] for s in first["statements"]] == [str(mine[2].pk), str(mine[1].pk)]
    assert first["more"] is True
    assert [s["id"] for s in second["statements"]] == [str(mine[0].pk)]
    assert (second["more"], second["next_before"]) == (False, None)


def test_the_list_names_the_earlier_statement_a_further_one_follows(api, officer):
    first = take_statement(officer)
    further = take_statement(officer, further_to=first.pk)

    response = api.get(URL)

    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["statements"]}
    assert rows[str(further.pk)]["further_to"] == str(first.pk)
    assert rows[str(first.pk)]["further_to"] is None


def test_listing_costs_the_same_queries_for_one_statement_or_twenty(api, officer):
    take_statement(officer)
    with CaptureQueriesContext(connection) as one:
        assert api.get(URL).status_code == 200
    for _ in range(19):
        take_statement(officer)
    with CaptureQueriesContext(connection) as twenty:
        assert len(api.get(URL).json()["statements"]) == 20
    assert len(twenty) == len(one)


def test_reading_a_statement_costs_a_fixed_number_of_queries(api, officer):
    first = take_statement(officer)
    with CaptureQueriesContext(connection) as alone:
        api.get(f"{URL}/{first.pk}")
    for _ in range(5):
        take_statement(officer, further_to=first.pk)
    with CaptureQueriesContext(connection) as followed:
        assert len(api.get(f"{URL}/{first.pk}").json()["further_statements"]) == 5
    assert len(followed) == len(alone)


def test_the_author_reads_their_own_statement_with_the_rear_page_and_nothing_is_logged(
    api, officer
):
    statement = take_statement(officer)

    response = api.get(f"{URL}/{statement.pk}")

    assert response.status_code == 200
    assert response.json()["restricted"]["phone"] == "020 7946 0381"
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize("reader", ["supervisor", "auditor"])
def test_another_reader_sees_the_rear_page_only_on_request_and_each_read_is_logged(
    request, api_factory, officer, reader
):
    statement = take_statement(officer)
    viewer = request.getfixturevalue(reader)
    client = api_factory(viewer)

    plain = client.get(f"{URL}/{statement.pk}", {"reason": REASON})
    full = client.get(f"{URL}/{statement.pk}", {"reason": REASON, "restricted": "true"})

    assert plain.json()["restricted"] is None
    assert plain.json()["text"] == statement.text
    assert full.json()["restricted"]["address"] == statement.address
    logged = list(AuditEvent.objects.filter(action="consultation").order_by("seq"))
    assert [(e.actor_id, e.object_id, e.justification) for e in logged] == [
        (viewer.pk, str(statement.pk), REASON)
    ] * 2
    assert [e.detail for e in logged] == [
        '{"purpose":"view","restricted":false}',
        '{"purpose":"view","restricted":true}',
    ]


@pytest.mark.parametrize("reason", [None, "", "why"])
def test_reading_anothers_statement_without_a_real_reason_is_refused(
    api_factory, officer, supervisor, reason
):
    statement = take_statement(officer)
    response = api_factory(supervisor).get(
        f"{URL}/{statement.pk}", {} if reason is None else {"reason": reason}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "reason"
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize("reader", ["team_mate", "other_supervisor", "fleet_manager"])
def test_others_cannot_tell_a_statement_they_may_not_read_from_a_missing_one(
    request, api_factory, officer, reader
):
    statement = take_statement(officer)
    client = api_factory(request.getfixturevalue(reader))

    real = client.get(f"{URL}/{statement.pk}", {"reason": REASON})
    missing = client.get(f"{URL}/{uuid4()}", {"reason": REASON})

    assert real.status_code == 404
    assert (real.status_code, real.json()) == (missing.status_code, missing.json())
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_signature_hash_is_stored_in_lower_case(api):
    upload_signature()
    response = api.post(
        URL, {"id": str(uuid7()), **payload(signature_sha256=SIGNATURE_SHA.upper())}
    )
    assert response.json()["signature_sha256"] == SIGNATURE_SHA
