"""Back-office pages through the browser's eyes: sign-in, role gates, consultations, inspections,
enrolment codes, revocation, and fixed query counts on every list page.
"""

import re

import pytest
import segno
from django.conf import settings
from django.test import Client

from frontline.accounts import roles
from frontline.accounts.models import Device, DeviceSession, EnrolmentCode, Officer, Team
from frontline.accounts.services import device_enrol, officer_create
from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.notebook.models import NotebookEntry
from frontline.notebook.services import notebook_entry_create, notebook_inspection_record
from tests.conftest import PASSWORD, api_for, enrolled_device

SIGN_IN = "/office/sign-in/"
REASON = "Reviewing the stop on the High Street"
WRONG_PASSWORD = "not-the-password"


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def csrf_token_from(response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert match, "the page has no CSRF token"
    return match.group(1)


def signed_in_officer_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def write_entry(officer, text="Stopped vehicle AB12 CDE on the High Street."):
    return notebook_entry_create(
        officer=officer, entry_id=uuid7(), kind="entry", occurred_at=now(), text=text
    ).entry


def new_officer(collar, station, team=None):
    return officer_create(
        collar_number=collar,
        given_name="Extra",
        family_name=collar,
        password=PASSWORD,
        officer_roles=[roles.OFFICER],
        station=station,
        team=team,
    )


# Sign-in


def test_sign_in_without_the_csrf_token_is_refused(officer):
    # Given a browser that enforces CSRF, as a real one does, and has the page's CSRF cookie
    client = Client(enforce_csrf_checks=True)
    assert client.get(SIGN_IN).status_code == 200
    assert "csrftoken" in client.cookies

    # When the sign-in form is posted without its token
    response = client.post(SIGN_IN, {"collar_number": "PC1", "password": PASSWORD})

    # Then it is refused, and nobody is signed in
    assert response.status_code == 403
    assert signed_in_officer_id(client) is None
    officer.refresh_from_db()
    assert officer.last_login is None


def test_sign_in_with_the_token_from_the_page_signs_in(officer):
    # Given the sign-in page, with its CSRF token
    client = Client(enforce_csrf_checks=True)
    page = client.get(SIGN_IN)
    assert page.status_code == 200

    # When the officer posts the form with the token and the right password
    response = client.post(
        SIGN_IN,
        {
            "csrfmiddlewaretoken": csrf_token_from(page),
            "collar_number": "pc1",
            "password": PASSWORD,
        },
    )

    # Then they are signed in and sent home
    assert response.status_code == 302
    assert response["Location"] == "/office/"
    assert signed_in_officer_id(client) == str(officer.pk)


def test_wrong_password_shows_an_error_and_signs_no_one_in(officer):
    client = Client()

    response = client.post(SIGN_IN, {"collar_number": "PC1", "password": WRONG_PASSWORD})

    assert response.status_code == 401
    assert "collar number or password is wrong" in response.content.decode()
    assert signed_in_officer_id(client) is None
    officer.refresh_from_db()
    assert officer.failed_sign_ins == 1


def test_unknown_collar_number_gets_the_same_error_as_a_wrong_password(officer):
    client = Client()

    unknown = client.post(SIGN_IN, {"collar_number": "PC404", "password": PASSWORD})
    wrong = client.post(SIGN_IN, {"collar_number": "PC1", "password": WRONG_PASSWORD})

    assert unknown.status_code == wrong.status_code == 401
    assert unknown.context["error"] == wrong.context["error"]


def test_lockout_after_the_threshold_refuses_even_the_right_password(officer):
    # Given as many wrong passwords as the threshold allows
    client = Client()
    for _ in range(settings.FRONTLINE["LOCKOUT_THRESHOLD"]):
        client.post(SIGN_IN, {"collar_number": "PC1", "password": WRONG_PASSWORD})

    # When the right password is given
    response = client.post(SIGN_IN, {"collar_number": "PC1", "password": PASSWORD})

    # Then the account is locked and nobody is signed in
    assert response.status_code == 429  # as the API answers a locked account
    assert "too many failed sign-ins" in response.content.decode()
    assert signed_in_officer_id(client) is None
    officer.refresh_from_db()
    assert officer.locked_until > now()


def test_one_failure_short_of_the_threshold_still_lets_the_right_password_in(officer):
    client = Client()
    for _ in range(settings.FRONTLINE["LOCKOUT_THRESHOLD"] - 1):
        client.post(SIGN_IN, {"collar_number": "PC1", "password": WRONG_PASSWORD})

    response = client.post(SIGN_IN, {"collar_number": "PC1", "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_officer_id(client) == str(officer.pk)
    officer.refresh_from_db()
    assert (officer.failed_sign_ins, officer.locked_until) == (0, None)


def test_sign_in_returns_to_a_local_next_page(fleet_manager):
    response = Client().post(
        SIGN_IN,
        {
            "collar_number": "ST1",
            "password": PASSWORD,
            "next": "/office/devices/",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/office/devices/"


def test_sign_in_ignores_a_next_page_on_another_site(officer):
    response = Client().post(
        SIGN_IN,
        {
            "collar_number": "PC1",
            "password": PASSWORD,
            "next": "https://evil.example/office/",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/office/"


def test_django_admin_sign_in_redirects_to_the_office_sign_in():
    response = Client().get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/office/sign-in/?next=/admin/"


def test_posting_to_the_django_admin_sign_in_cannot_bypass_the_lockout(admin_officer):
    client = Client()

    response = client.post("/admin/login/", {"username": "ST4", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/office/sign-in/"
    assert signed_in_officer_id(client) is None


def test_signing_out_ends_the_session(officer):
    client = signed_in(officer)

    response = client.post("/office/sign-out/")

    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert signed_in_officer_id(client) is None
    assert client.get("/office/").status_code == 302


# Pages need sign-in, then the right role


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/office/"),
        ("get", "/office/notebooks/"),
        ("get", "/office/notebooks/{officer_id}/"),
        ("post", "/office/notebooks/{officer_id}/inspect/"),
        ("get", "/office/devices/"),
        ("post", "/office/devices/enrolment-code/"),
        ("post", "/office/devices/{device_id}/revoke/"),
        ("get", "/office/officers/"),
        ("post", "/office/officers/{officer_id}/revoke/"),
        ("get", "/office/audit/"),
    ],
)
def test_pages_need_sign_in(officer, method, path):
    # Given no one signed in, and real targets
    device, _ = enrolled_device()
    url = path.format(officer_id=officer.pk, device_id=device.pk)
    codes_before = EnrolmentCode.objects.count()

    # When a page is opened or a form posted
    form = {"reason": REASON, "text": "Inspected.", "label": "Handset 42"}
    response = Client().post(url, form) if method == "post" else Client().get(url)

    # Then they are sent to sign in, with the page to return to, and nothing changed
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={url}"
    assert EnrolmentCode.objects.count() == codes_before
    assert Device.objects.get(pk=device.pk).revoked_at is None
    assert Officer.objects.get(pk=officer.pk).is_active
    assert not NotebookEntry.objects.filter(kind="inspection").exists()


ROLES = ["officer", "supervisor", "fleet_manager", "evaluator", "auditor", "admin_officer"]


def _gate(allowed: set[str]) -> list:
    return [(role, 200 if role in allowed else 403) for role in ROLES]


def _open_as(request, role, path):
    response = signed_in(request.getfixturevalue(role)).get(path)
    if response.status_code == 403:
        assert "You do not have access to this page" in response.content.decode()
    return response


@pytest.mark.parametrize(("role", "expected"), _gate({"fleet_manager", "admin_officer"}))
def test_devices_page_is_for_fleet_managers_and_admins_only(request, role, expected):
    assert _open_as(request, role, "/office/devices/").status_code == expected


@pytest.mark.parametrize(("role", "expected"), _gate({"admin_officer"}))
def test_officers_page_is_for_admins_only(request, role, expected):
    assert _open_as(request, role, "/office/officers/").status_code == expected


@pytest.mark.parametrize(("role", "expected"), _gate({"auditor", "admin_officer"}))
def test_audit_page_is_for_auditors_and_admins_only(request, role, expected):
    assert _open_as(request, role, "/office/audit/").status_code == expected


@pytest.mark.parametrize("path", ["/office/", "/office/notebooks/"])
@pytest.mark.parametrize("role", ROLES)
def test_home_and_notebooks_pages_are_for_everyone_signed_in(request, role, path):
    assert _open_as(request, role, path).status_code == 200


def test_home_page_links_only_to_the_areas_of_the_viewers_roles(fleet_manager, auditor):
    fleet_home = signed_in(fleet_manager).get("/office/").content.decode()
    audit_home = signed_in(auditor).get("/office/").content.decode()

    assert 'href="/office/devices/"' in fleet_home
    assert 'href="/office/audit/"' not in fleet_home
    assert 'href="/office/officers/"' not in fleet_home
    assert 'href="/office/audit/"' in audit_home
    assert 'href="/office/devices/"' not in audit_home


@pytest.mark.parametrize("role", ["officer", "supervisor", "evaluator", "auditor"])
def test_only_fleet_managers_and_admins_create_enrolment_codes(request, role):
    response = signed_in(request.getfixturevalue(role)).post(
        "/office/devices/enrolment-code/", {"label": "Handset 42"}
    )

    assert response.status_code == 403
    assert not EnrolmentCode.objects.exists()


@pytest.mark.parametrize("role", ["officer", "supervisor", "evaluator", "auditor"])
def test_only_fleet_managers_and_admins_revoke_devices(request, db, role):
    device, _ = enrolled_device()

    response = signed_in(request.getfixturevalue(role)).post(
        f"/office/devices/{device.pk}/revoke/", {"reason": "reported lost on patrol"}
    )

    assert response.status_code == 403
    assert Device.objects.get(pk=device.pk).revoked_at is None
    assert not AuditEvent.objects.filter(action="device.revoke").exists()


@pytest.mark.parametrize("role", ["officer", "supervisor", "fleet_manager", "evaluator", "auditor"])
def test_only_admins_revoke_officers(request, team_mate, role):
    response = signed_in(request.getfixturevalue(role)).post(
        f"/office/officers/{team_mate.pk}/revoke/", {"reason": "left the force"}
    )

    assert response.status_code == 403
    assert Officer.objects.get(pk=team_mate.pk).is_active
    assert not AuditEvent.objects.filter(action="officer.revoke").exists()


# Notebooks and consultations


def test_notebooks_page_lists_only_the_notebooks_the_viewer_may_read(
    officer, team_mate, supervisor, other_officer
):
    response = signed_in(supervisor).get("/office/notebooks/")

    assert response.status_code == 200
    assert [o.collar_number for o in response.context["officers"]] == ["PC1", "PS1", "PC2"]
    assert other_officer.collar_number not in response.content.decode()


def test_own_notebook_shows_its_entries_without_asking_for_a_reason(officer):
    write_entry(officer, "Attended a burglary at 12 Acacia Avenue.")

    response = signed_in(officer).get(f"/office/notebooks/{officer.pk}/")

    assert response.status_code == 200
    assert "Attended a burglary at 12 Acacia Avenue." in response.content.decode()
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_another_officers_notebook_asks_for_a_reason_first(officer, supervisor):
    write_entry(officer, "Attended a burglary at 12 Acacia Avenue.")

    response = signed_in(supervisor).get(f"/office/notebooks/{officer.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Why are you viewing this notebook?" in page
    assert "Acacia Avenue" not in page
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_giving_a_reason_logs_one_consultation_and_shows_the_entries(officer, supervisor):
    # Given an entry in the officer's notebook
    entry = write_entry(officer, "Attended a burglary at 12 Acacia Avenue.")

    # When their supervisor states why they are viewing it
    response = signed_in(supervisor).post(
        f"/office/notebooks/{officer.pk}/", {"reason": f"  {REASON}  "}
    )

    # Then the entries are shown, and exactly one consultation records who, what and why
    assert response.status_code == 200
    assert "Attended a burglary at 12 Acacia Avenue." in response.content.decode()
    assert [e.pk for e in response.context["entries"]] == [entry.pk]
    consultation = AuditEvent.objects.get(action="consultation")
    assert consultation.actor_id == supervisor.pk
    assert consultation.object_type == "notebook.notebook"
    assert consultation.object_id == str(officer.pk)
    assert consultation.justification == REASON


@pytest.mark.parametrize("reason", ["", "   ", "why"])
def test_a_too_short_reason_shows_nothing_and_logs_nothing(officer, auditor, reason):
    write_entry(officer, "Attended a burglary at 12 Acacia Avenue.")

    response = signed_in(auditor).post(f"/office/notebooks/{officer.pk}/", {"reason": reason})

    assert response.status_code == 422
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Acacia Avenue" not in page
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize(
    "role", ["team_mate", "other_supervisor", "fleet_manager", "admin_officer"]
)
def test_a_notebook_the_viewer_may_not_read_is_not_found(request, officer, role):
    write_entry(officer)

    response = signed_in(request.getfixturevalue(role)).post(
        f"/office/notebooks/{officer.pk}/", {"reason": REASON}
    )

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_supervisor_records_an_inspection_as_an_entry_they_author(officer, supervisor):
    # Given an officer's notebook with one entry
    write_entry(officer)
    client = signed_in(supervisor)

    # When their supervisor signs an inspection
    response = client.post(
        f"/office/notebooks/{officer.pk}/inspect/", {"text": "Inspected: entries in order."}
    )

    # Then it is the newest entry in that notebook, of kind inspection, authored by the supervisor
    assert response.status_code == 200
    assert response.context["title"] == "Inspection recorded"
    assert response.context["message"] == (
        "Your inspection is now an entry in Test Officer's notebook."
    )
    inspection = NotebookEntry.objects.filter(officer=officer).order_by("-seq").first()
    assert (inspection.seq, inspection.kind) == (2, "inspection")
    assert inspection.author_id == supervisor.pk
    assert inspection.text == "Inspected: entries in order."
    assert (
        AuditEvent.objects.filter(
            action="notebook.inspection", actor=supervisor, object_id=str(inspection.pk)
        ).count()
        == 1
    )
    # ...and the notebook page shows it, signed by the supervisor's collar number
    page = client.post(f"/office/notebooks/{officer.pk}/", {"reason": REASON}).content.decode()
    assert 'class="entry-inspection"' in page
    assert "by PS1" in page


@pytest.mark.parametrize("role", ["officer", "team_mate", "other_supervisor", "auditor"])
def test_only_the_officers_own_supervisor_records_an_inspection(request, officer, role):
    write_entry(officer)

    response = signed_in(request.getfixturevalue(role)).post(
        f"/office/notebooks/{officer.pk}/inspect/", {"text": "Inspected: entries in order."}
    )

    assert response.status_code == 403
    assert not NotebookEntry.objects.filter(kind="inspection").exists()


def test_an_empty_inspection_is_not_recorded(officer, supervisor):
    response = signed_in(supervisor).post(f"/office/notebooks/{officer.pk}/inspect/", {"text": " "})

    assert response.status_code == 422
    assert "Inspection not recorded" in response.content.decode()
    assert not NotebookEntry.objects.filter(officer=officer).exists()


# Devices and officers


def test_enrolment_code_page_shows_a_code_and_its_qr_code_that_enrol_a_device(fleet_manager):
    # When a fleet manager creates an enrolment code
    response = signed_in(fleet_manager).post(
        "/office/devices/enrolment-code/", {"label": "Handset 42"}
    )

    # Then the page shows the code, and an inline SVG QR code of exactly that code
    assert response.status_code == 200
    page = response.content.decode()
    code = re.search(r'<p class="code" aria-label="Enrolment code">([A-Z0-9]+)</p>', page).group(1)
    qr = segno.make(code, error="m").svg_inline(scale=6, title="Enrolment code")
    assert qr.startswith("<svg")
    assert qr in page
    assert EnrolmentCode.objects.get().created_by_id == fleet_manager.pk

    # ...and the code enrols a device, with the label given
    device, credential = device_enrol(code=code, app_version="1.0.0")
    assert device.label == "Handset 42"
    assert credential.startswith("fld_")


def test_enrolment_code_needs_a_post(fleet_manager):
    response = signed_in(fleet_manager).get("/office/devices/enrolment-code/")

    assert response.status_code == 405
    assert not EnrolmentCode.objects.exists()


def test_revoking_a_device_from_the_page_ends_its_sessions_and_is_audited(fleet_manager, officer):
    # Given an officer signed in on a device
    api = api_for(officer)

    # When a fleet manager revokes the device with a reason
    response = signed_in(fleet_manager).post(
        f"/office/devices/{api.device.pk}/revoke/", {"reason": "reported lost on patrol"}
    )

    # Then it is revoked, its session ended, and the audit trail says who and why
    assert response.status_code == 302
    assert response["Location"] == "/office/devices/"
    device = Device.objects.get(pk=api.device.pk)
    assert device.revoked_at is not None
    assert device.revoked_reason == "reported lost on patrol"
    assert not DeviceSession.objects.filter(device=device, ended_at__isnull=True).exists()
    event = AuditEvent.objects.get(action="device.revoke")
    assert (event.actor_id, event.object_id) == (fleet_manager.pk, str(device.pk))
    assert event.justification == "reported lost on patrol"
    assert api.get("/api/v1/auth/me").json()["wipe"] is True


def test_revoking_a_device_needs_a_reason(fleet_manager):
    device, _ = enrolled_device()

    response = signed_in(fleet_manager).post(
        f"/office/devices/{device.pk}/revoke/", {"reason": "x"}
    )

    assert response.status_code == 422
    assert "at least 5 characters" in response.content.decode()
    assert Device.objects.get(pk=device.pk).revoked_at is None
    assert not AuditEvent.objects.filter(action="device.revoke").exists()


def test_admin_revokes_an_officer_from_the_page(admin_officer, team_mate):
    response = signed_in(admin_officer).post(
        f"/office/officers/{team_mate.pk}/revoke/", {"reason": "left the force"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/office/officers/"
    assert Officer.objects.get(pk=team_mate.pk).is_active is False
    event = AuditEvent.objects.get(action="officer.revoke")
    assert (event.actor_id, event.object_id) == (admin_officer.pk, str(team_mate.pk))
    assert event.justification == "left the force"


# Query counts: each list page costs the same number of queries however many rows it shows.


def _more_officers(station, count):
    for _ in range(count):
        # Each in a team of its own, so a per-row team or station lookup would show.
        team = Team.objects.create(station=station, name=f"Team {Team.objects.count()}")
        officer = new_officer(f"PC{Officer.objects.count() + 100}", station, team)
        write_entry(officer)


def test_notebooks_page_query_count_is_fixed(auditor, station, django_assert_num_queries):
    client = signed_in(auditor)
    _more_officers(station, 2)
    # session, signed-in officer, officers with their teams and stations
    with django_assert_num_queries(3):
        assert len(client.get("/office/notebooks/").context["officers"]) == 3

    _more_officers(station, 3)
    with django_assert_num_queries(3):
        assert len(client.get("/office/notebooks/").context["officers"]) == 6


def test_officers_page_query_count_is_fixed(admin_officer, station, django_assert_num_queries):
    client = signed_in(admin_officer)
    _more_officers(station, 2)
    # session, signed-in officer, officers with their teams and stations
    with django_assert_num_queries(3):
        assert len(client.get("/office/officers/").context["officers"]) == 3

    _more_officers(station, 3)
    with django_assert_num_queries(3):
        assert len(client.get("/office/officers/").context["officers"]) == 6


def test_devices_page_query_count_is_fixed(fleet_manager, django_assert_num_queries):
    client = signed_in(fleet_manager)
    for _ in range(2):
        enrolled_device()
    # session, signed-in officer, devices
    with django_assert_num_queries(3):
        assert len(client.get("/office/devices/").context["devices"]) == 2

    for _ in range(3):
        enrolled_device()
    with django_assert_num_queries(3):
        assert len(client.get("/office/devices/").context["devices"]) == 5


def test_audit_page_query_count_is_fixed(auditor, station, django_assert_num_queries):
    client = signed_in(auditor)
    _more_officers(station, 2)
    # session, signed-in officer, events
    with django_assert_num_queries(3):
        shown = len(client.get("/office/audit/").context["events"])

    _more_officers(station, 3)
    with django_assert_num_queries(3):
        assert len(client.get("/office/audit/").context["events"]) > shown


def test_notebook_page_query_count_is_fixed(officer, supervisor, django_assert_num_queries):
    client = signed_in(officer)
    write_entry(officer)
    notebook_inspection_record(supervisor=supervisor, officer=officer, entry_id=uuid7(), text="Ok.")
    # session, signed-in officer, notebook owner, entries with their authors
    with django_assert_num_queries(4):
        assert len(client.get(f"/office/notebooks/{officer.pk}/").context["entries"]) == 2

    for _ in range(3):
        write_entry(officer)
    notebook_inspection_record(supervisor=supervisor, officer=officer, entry_id=uuid7(), text="Ok.")
    with django_assert_num_queries(4):
        assert len(client.get(f"/office/notebooks/{officer.pk}/").context["entries"]) == 6


def test_notebook_page_escapes_what_officers_typed(officer):
    write_entry(officer, "<script>alert(1)</script>")

    page = signed_in(officer).get(f"/office/notebooks/{officer.pk}/").content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
