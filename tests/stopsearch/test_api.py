"""Recording and reading stop and search records through the API."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from frontline.audit.models import AuditEvent
from frontline.common.appendonly import AppendOnlyError
from frontline.common.ids import uuid7
from frontline.stopsearch.models import StopSearch
from frontline.sync.models import Change
from tests.stopsearch.helpers import REASON, URL, api_body, record


def test_an_officer_records_a_search_with_every_field_kept(api_factory, officer):
    # Given an officer's device and a full record
    api = api_factory(officer)
    body = api_body(
        api.device,
        person_name="Jo Bloggs",
        person_date_of_birth="2001-02-03",
        officer_name_withheld=True,
    )

    # When it is sent
    response = api.post(URL, body)

    # Then it is stored as sent, audited once, and put on the owner's change feed
    assert response.status_code == 201, response.content
    stored = StopSearch.objects.get()
    assert str(stored.pk) == body["id"]
    assert stored.urn == body["urn"]
    assert stored.officer == officer
    assert stored.station == officer.station
    assert stored.team_id == officer.team_id
    assert stored.device == api.device
    assert stored.occurred_at == datetime.fromisoformat(body["occurred_at"])
    assert (stored.self_defined_ethnicity, stored.person_name) == ("A1", "Jo Bloggs")
    assert stored.officer_name_withheld is True
    assert response.json()["urn"] == body["urn"]
    event = AuditEvent.objects.get(action="stopsearch.record")
    assert (event.actor_id, event.object_id) == (officer.pk, body["id"])
    assert "Jo Bloggs" not in event.detail
    change = Change.objects.get(type="stopsearch.record")
    assert (change.owner_id, change.scope) == (officer.pk, "owner")


def test_sending_the_same_record_again_returns_the_stored_one(api_factory, officer):
    api = api_factory(officer)
    body = api_body(api.device)
    first = api.post(URL, body)

    again = api.post(URL, body)

    assert (first.status_code, again.status_code) == (201, 200)
    assert StopSearch.objects.count() == 1
    assert AuditEvent.objects.filter(action="stopsearch.record").count() == 1


def test_the_same_id_with_other_content_is_a_conflict(api_factory, officer):
    api = api_factory(officer)
    body = api_body(api.device)
    api.post(URL, body)

    response = api.post(URL, {**body, "street_name": "Fulham Palace Road"})

    assert response.status_code == 409
    assert response.json()["field"] == "id"
    assert StopSearch.objects.get().street_name == "King Street"


@pytest.mark.parametrize("field", ["urn", "receipt_token"])
def test_a_reference_number_or_receipt_token_already_used_is_refused(api_factory, officer, field):
    # Given a stored record
    api = api_factory(officer)
    first = api_body(api.device)
    api.post(URL, first)
    audit_before = AuditEvent.objects.count()

    # When another record reuses its reference number or receipt token
    response = api.post(URL, api_body(api.device, **{field: first[field]}))

    # Then it is a per-field conflict and nothing more is written
    assert response.status_code == 409
    assert response.json()["field"] == field
    assert StopSearch.objects.count() == 1
    assert AuditEvent.objects.count() == audit_before


def test_staff_without_a_warrant_cannot_record_a_search(api_factory, fleet_manager):
    api = api_factory(fleet_manager)

    response = api.post(URL, api_body(api.device))

    assert response.status_code == 403
    assert not StopSearch.objects.exists()


def test_a_correction_names_the_officers_own_earlier_record(api_factory, officer, team_mate):
    api = api_factory(officer)
    earlier = record(officer)
    theirs = record(team_mate)

    corrected = api.post(URL, api_body(api.device, supersedes=str(earlier.pk)))
    refused = api.post(URL, api_body(api.device, supersedes=str(theirs.pk)))
    missing = api.post(URL, api_body(api.device, supersedes=str(uuid7())))

    assert corrected.status_code == 201
    assert corrected.json()["supersedes"] == str(earlier.pk)
    assert (refused.status_code, refused.json()["field"]) == (422, "supersedes")
    assert (missing.status_code, missing.json()["field"]) == (404, "supersedes")
    assert StopSearch.objects.count() == 3


def test_a_stored_record_cannot_be_changed_or_deleted(officer):
    stored = record(officer)
    stored.outcome = "Arrest"

    with pytest.raises(AppendOnlyError):
        stored.save()
    with pytest.raises(AppendOnlyError):
        StopSearch.objects.filter(pk=stored.pk).update(outcome="Arrest")
    with pytest.raises(AppendOnlyError):
        stored.delete()


def test_the_database_refuses_an_update_behind_the_orms_back(officer, postgres_only):
    stored = record(officer)

    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE stopsearch_stopsearch SET outcome = 'Arrest' WHERE id = %s", [stored.pk]
        )


# Reading


def test_an_officer_lists_only_their_own_records(api_factory, officer, team_mate):
    mine = record(officer)
    record(team_mate)

    response = api_factory(officer).get(URL)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["records"]] == [str(mine.pk)]
    assert "grounds" not in response.json()["records"][0]


def test_a_supervisor_lists_their_team_and_an_auditor_everyone(
    api_factory, officer, other_officer, supervisor, auditor
):
    ours, theirs = record(officer), record(other_officer)

    team = api_factory(supervisor).get(URL).json()["records"]
    everyone = api_factory(auditor).get(URL).json()["records"]

    assert [row["id"] for row in team] == [str(ours.pk)]
    assert {row["id"] for row in everyone} == {str(ours.pk), str(theirs.pk)}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": "Vehicle search"}, ["vehicle"]),
        ({"outcome": "Arrest"}, ["arrest"]),
        ({"ethnicity": "B2"}, ["arrest"]),
        ({"month": "2026-03"}, ["march"]),
        ({"station": "hs"}, ["arrest", "vehicle", "march"]),
        ({"station": "FF"}, []),
        ({"officer": "PC2"}, []),
        ({"officer": "PC1"}, ["arrest", "vehicle", "march"]),
    ],
)
def test_the_list_filters(api_factory, officer, auditor, filters, expected):
    made = {
        "march": record(officer, occurred_at=datetime(2026, 3, 15, 12, tzinfo=UTC)),
        "vehicle": record(
            officer,
            occurred_at=datetime(2026, 4, 2, 12, tzinfo=UTC),
            type="Vehicle search",
            vehicle_registration="AB12CDE",
            self_defined_ethnicity=None,
        ),
        "arrest": record(
            officer,
            occurred_at=datetime(2026, 4, 3, 12, tzinfo=UTC),
            outcome="Arrest",
            outcome_linked_to_object_of_search=True,
            self_defined_ethnicity="B2",
        ),
    }
    names = {str(stored.pk): name for name, stored in made.items()}

    response = api_factory(auditor).get(URL, filters)

    assert [names[row["id"]] for row in response.json()["records"]] == expected


def test_a_bad_month_filter_names_the_field(api_factory, auditor):
    response = api_factory(auditor).get(URL, {"month": "2026-13"})

    assert (response.status_code, response.json()["field"]) == (422, "month")


def test_the_list_pages_newest_first_without_gaps(api_factory, officer):
    made = [
        record(officer, occurred_at=datetime(2026, 4, day, 12, tzinfo=UTC)) for day in range(1, 6)
    ]
    api = api_factory(officer)

    first = api.get(URL, {"limit": 2}).json()
    second = api.get(URL, {"limit": 2, "before": first["next_before"]}).json()
    third = api.get(URL, {"limit": 2, "before": second["next_before"]}).json()

    pages = [first, second, third]
    ids = [row["id"] for page in pages for row in page["records"]]
    assert ids == [str(stored.pk) for stored in reversed(made)]
    assert [page["more"] for page in pages] == [True, True, False]


def test_the_list_costs_the_same_queries_however_many_rows(
    api_factory, officer, auditor, django_assert_num_queries
):
    api = api_factory(auditor)
    record(officer)
    # the device session with its officer and device, then one page of records
    with django_assert_num_queries(2) as few:
        assert len(api.get(URL).json()["records"]) == 1
    for _ in range(4):
        record(officer)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(api.get(URL).json()["records"]) == 5


def test_a_supervisor_reads_a_team_record_with_a_reason_and_it_is_logged(
    api_factory, officer, supervisor
):
    stored = record(officer, person_name="Jo Bloggs")
    api = api_factory(supervisor)

    refused = api.get(f"{URL}/{stored.pk}")
    response = api.get(f"{URL}/{stored.pk}", {"reason": REASON})

    assert (refused.status_code, refused.json()["field"]) == (422, "reason")
    assert response.status_code == 200
    assert response.json()["person_name"] == "Jo Bloggs"
    consultation = AuditEvent.objects.get(action="consultation")
    assert (consultation.actor_id, consultation.object_id) == (supervisor.pk, str(stored.pk))
    assert consultation.object_type == "stopsearch.record"
    assert consultation.justification == REASON


def test_the_owner_reads_their_record_without_a_consultation(api_factory, officer):
    stored = record(officer)

    response = api_factory(officer).get(f"{URL}/{stored.pk}")

    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_an_unreadable_record_looks_the_same_as_a_missing_one(api_factory, officer, team_mate):
    stored = record(officer)
    api = api_factory(team_mate)

    real = api.get(f"{URL}/{stored.pk}", {"reason": REASON})
    missing = api.get(f"{URL}/{uuid7()}", {"reason": REASON})

    assert (real.status_code, real.json()) == (missing.status_code, missing.json())
    assert real.status_code == 404


def test_gowisely_prompts_spell_the_mnemonic(api_factory, officer):
    response = api_factory(officer).get(f"{URL}/gowisely")

    items = response.json()
    assert "".join(item["letter"] for item in items) == "GOWISELY"
    assert [item["word"] for item in items] == [
        "Grounds",
        "Object",
        "Warrant card",
        "Identity",
        "Station",
        "Entitlement to a copy",
        "Legal power",
        "You are detained for a search",
    ]
