"""Drafts and submissions through /sync/push, as the officer app sends them offline."""

from frontline.audit.models import AuditEvent
from frontline.incidents.models import IncidentReport, ReportVersion
from frontline.sync.models import Conflict, Mutation
from tests.incidents.helpers import ROOT, content, new_id, returned
from tests.sync.helpers import Device


def _create(device, report_id, **overrides):
    return device.mutation(
        content(**overrides), type="incident.report", op="create", record_id=report_id
    )


def _update(device, report_id, base_version, **overrides):
    return device.mutation(
        content(**overrides),
        type="incident.report",
        op="update",
        record_id=report_id,
        base_version=base_version,
    )


def _submit(device, report_id, base_version):
    return device.mutation(
        {"base_version": base_version}, type="incident.submit", record_id=report_id
    )


def test_a_pushed_draft_is_applied_exactly_once(api_factory, officer):
    # Given a draft made offline
    device = Device(api_factory(officer))
    report_id = new_id()
    mutation = _create(device, report_id)

    # When the device pushes it twice (the first answer was lost)
    first = device.push(mutation).json()["results"][0]
    second = device.push(mutation).json()["results"][0]

    # Then one report exists, at version 1, audited once, and both answers agree
    assert first == second
    assert (first["status"], first["version"]) == ("applied", 1)
    assert IncidentReport.objects.get().pk.hex == report_id.replace("-", "")
    assert AuditEvent.objects.filter(action="incidents.create").count() == 1


def test_a_pushed_edit_from_the_current_version_is_applied(api_factory, officer):
    device = Device(api_factory(officer))
    report_id = new_id()
    device.push(_create(device, report_id))

    result = device.push(_update(device, report_id, 1, narrative="Edited offline.")).json()

    assert result["results"][0]["status"] == "applied"
    assert result["results"][0]["version"] == 2
    assert IncidentReport.objects.get().content["narrative"] == "Edited offline."


def test_an_edit_without_base_version_is_rejected(api_factory, officer):
    device = Device(api_factory(officer))
    report_id = new_id()
    device.push(_create(device, report_id))
    mutation = _update(device, report_id, None)
    del mutation["base_version"]

    result = device.push(mutation).json()["results"][0]

    assert result["status"] == "rejected"
    assert result["error"]["field"] == "base_version"


def test_a_stale_pushed_edit_is_kept_as_a_conflict_the_officer_sees(api_factory, officer):
    # Given a draft edited from two handsets: the first edit has already landed (version 2)
    phone, tablet = Device(api_factory(officer)), Device(api_factory(officer))
    report_id = new_id()
    phone.push(_create(phone, report_id))
    phone.push(_update(phone, report_id, 1, narrative="From the phone."))

    # When the tablet's edit, begun at version 1, arrives
    result = tablet.push(_update(tablet, report_id, 1, narrative="From the tablet.")).json()

    # Then it is a conflict: the phone's edit stands, the tablet's is kept, never lost
    assert result["results"][0]["status"] == "conflict"
    assert result["results"][0]["error"]["server_version"] == 2
    report = IncidentReport.objects.get()
    assert (report.version, report.content["narrative"]) == (2, "From the phone.")
    conflict = Conflict.objects.get()
    assert (conflict.base_version, conflict.server_version) == (1, 2)
    assert conflict.payload["narrative"] == "From the tablet."

    # And the officer sees it on the report and in their conflicts list
    api = phone.api
    detail = api.get(f"{ROOT}/{report_id}").json()
    listed = api.get(f"{ROOT}/conflicts").json()["conflicts"]
    assert [item["payload"]["narrative"] for item in detail["conflicts"]] == ["From the tablet."]
    assert [item["id"] for item in listed] == [str(conflict.pk)]


def test_conflicts_are_shown_to_their_officer_only(api_factory, officer, supervisor):
    phone = Device(api_factory(officer))
    report_id = new_id()
    phone.push(_create(phone, report_id))
    phone.push(_update(phone, report_id, 1), _update(phone, report_id, 1))

    others = api_factory(supervisor).get(f"{ROOT}/conflicts").json()["conflicts"]

    assert Conflict.objects.count() == 1
    assert others == []


def test_a_submission_through_sync_freezes_the_version_read_exactly_once(api_factory, officer):
    # Given a draft on the device at version 1
    device = Device(api_factory(officer))
    report_id = new_id()
    device.push(_create(device, report_id))
    submit = _submit(device, report_id, 1)

    # When the submission is pushed, and pushed again
    first = device.push(submit).json()["results"][0]
    again = device.push(submit).json()["results"][0]

    # Then there is one frozen version, and the report is submitted at version 2
    assert first == again
    assert (first["status"], first["version"]) == ("applied", 2)
    assert ReportVersion.objects.count() == 1
    assert IncidentReport.objects.get().status == "submitted"


def test_a_stale_submission_is_a_conflict_and_submits_nothing(api_factory, officer):
    # Given a draft edited on another handset after this one last pulled
    phone, tablet = Device(api_factory(officer)), Device(api_factory(officer))
    report_id = new_id()
    phone.push(_create(phone, report_id))
    phone.push(_update(phone, report_id, 1, narrative="Edited on the phone."))

    # When the tablet submits what it read at version 1
    result = tablet.push(_submit(tablet, report_id, 1)).json()["results"][0]

    # Then nothing is submitted, and the conflict is kept for the officer
    assert result["status"] == "conflict"
    assert not ReportVersion.objects.exists()
    assert Conflict.objects.get().type == "incident.submit"


def test_an_edit_to_a_submitted_report_is_rejected_with_a_reason(api_factory, officer):
    device = Device(api_factory(officer))
    report_id = new_id()
    device.push(_create(device, report_id), _submit(device, report_id, 1))

    result = device.push(_update(device, report_id, 2)).json()["results"][0]

    assert result["status"] == "rejected"
    assert result["error"]["code"] == "awaiting_review"
    assert Mutation.objects.filter(record_id=report_id, type="incident.report").count() == 1


def test_a_pushed_invalid_draft_is_rejected_naming_the_payload_field(api_factory, officer):
    device = Device(api_factory(officer))

    results = device.push(
        _create(device, new_id(), category="jaywalking"),
        _create(device, new_id(), persons=[{"id": new_id(), "roles": ["victim"]}]),
        _create(device, new_id(), latitude=51.5, longitude=None),
    ).json()["results"]

    assert [result["error"]["field"] for result in results] == [
        "payload.category",
        "payload.persons.0.name",
        "payload.longitude",
    ]
    assert not IncidentReport.objects.exists()


def test_the_author_pulls_the_returned_report_with_the_supervisors_comments(
    api_factory, officer, supervisor, team_mate
):
    # Given a report returned by the supervisor
    report = returned(officer, supervisor, comments="Add the point of entry.")

    # When the author and a team mate pull
    mine, _ = Device(api_factory(officer)).pull_all()
    theirs, _ = Device(api_factory(team_mate)).pull_all()

    # Then the author gets its latest state with the comments; the team mate gets nothing
    latest = [change for change in mine if change["id"] == str(report.pk)][-1]
    assert latest["type"] == "incident.report"
    assert (latest["data"]["status"], latest["data"]["version"]) == ("returned", 3)
    assert latest["data"]["reviews"][0]["comments"] == "Add the point of entry."
    assert [change for change in theirs if change["id"] == str(report.pk)] == []
