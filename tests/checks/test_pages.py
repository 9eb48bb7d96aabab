"""Back-office pages for checks (auditors) and tasking (supervisors)."""

from datetime import timedelta

from django.test import Client

from frontline.checks.services import check_person, check_result_open
from frontline.common.clock import now
from frontline.tasking.models import Briefing, Task
from tests.checks.helpers import REASON, load_reference
from tests.tasking.helpers import briefing


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def test_the_auditor_filters_the_log_and_sees_signals(officer, team_mate, auditor, station):
    load_reference()
    for _ in range(3):
        made = check_person(officer=officer, device=None, name="Jane Smith", **REASON)
        check_result_open(
            officer=officer,
            device=None,
            check_id=made.check.pk,
            object_type="person",
            object_id=made.hits[0].id,
        )
    check_person(officer=team_mate, device=None, name="Peter Jones", reason="traffic")
    client = signed_in(auditor)

    everything = client.get("/office/checks/")
    mine = client.get("/office/checks/", {"officer": "PC1"})
    traffic = client.get("/office/checks/", {"reason": "traffic"})
    bad = client.get("/office/checks/", {"since": "2026-13-01"})
    signals = client.get("/office/checks/misuse/")

    assert everything.status_code == 200
    assert everything.content.decode().count("<code>Jane Smith</code>") == 3
    assert "Peter Jones" not in mine.content.decode()
    assert "Jane Smith" not in traffic.content.decode()
    assert bad.status_code == 422
    assert "since must be a date" in bad.content.decode()
    assert "opened the same person" in signals.content.decode()


def test_the_log_page_is_for_auditors_only(officer, supervisor):
    assert signed_in(officer).get("/office/checks/").status_code == 403
    assert signed_in(supervisor).get("/office/checks/misuse/").status_code == 403


def test_the_log_page_costs_the_same_queries_however_many_checks(
    officer, auditor, station, django_assert_num_queries
):
    load_reference()
    client = signed_in(auditor)
    check_person(officer=officer, device=None, name="Jane Smith", **REASON)
    # session, officer, then the checks (with officer and device) and their openings
    with django_assert_num_queries(4):
        client.get("/office/checks/")
    for _ in range(5):
        check_person(officer=officer, device=None, name="Jane Smith", **REASON)
    with django_assert_num_queries(4):
        client.get("/office/checks/")


def _local(delta):
    return (now() + delta).astimezone().strftime("%Y-%m-%dT%H:%M")


def test_a_supervisor_writes_a_briefing_and_a_task(supervisor, officer, team):
    client = signed_in(supervisor)

    briefed = client.post(
        "/office/tasking/briefings/",
        {
            "title": "Moped thefts",
            "text": "Grey Honda moped.",
            "area": f"team:{team.pk}",
            "valid_from": _local(timedelta(0)),
            "valid_to": _local(timedelta(hours=8)),
        },
    )
    tasked = client.post(
        "/office/tasking/tasks/",
        {"title": "House-to-house, Brook Green", "assignee": f"officer:{officer.pk}"},
    )
    bad = client.post(
        "/office/tasking/briefings/",
        {"title": "", "text": "x", "area": "station", "valid_from": "x", "valid_to": "y"},
    )

    assert (briefed.status_code, tasked.status_code) == (302, 302)
    assert Briefing.objects.get().team == team
    assert Task.objects.get().officer == officer
    assert bad.status_code == 422
    assert "Valid from" in bad.content.decode()
    page = client.get("/office/tasking/").content.decode()
    assert "Moped thefts" in page and "House-to-house, Brook Green" in page


def test_the_briefing_page_shows_who_has_read_it(supervisor, officer):
    from frontline.tasking.services import briefing_mark_read

    made = briefing(supervisor)
    briefing_mark_read(officer=officer, briefing_id=made.pk)

    page = signed_in(supervisor).get(f"/office/tasking/briefings/{made.pk}/")

    assert page.status_code == 200
    assert officer.display_name in page.content.decode()


def test_officers_cannot_write_briefings(officer, team):
    response = signed_in(officer).post(
        "/office/tasking/briefings/", {"title": "x", "text": "y", "area": "station"}
    )
    assert response.status_code == 403
    assert Briefing.objects.count() == 0


def test_the_tasking_page_costs_the_same_queries_however_many_rows(
    supervisor, officer, team, django_assert_num_queries
):
    from frontline.tasking.services import task_status_update
    from tests.tasking.helpers import task

    client = signed_in(supervisor)
    briefing(supervisor)
    task(supervisor, officer=officer)
    # session, user, the user's station, briefings, tasks, their updates, teams, officers
    with django_assert_num_queries(8) as few:
        client.get("/office/tasking/")
    for _ in range(3):
        briefing(supervisor)
        made = task(supervisor, team=team)
        task_status_update(officer=officer, task_id=made.pk, base_version=1, status="accepted")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/office/tasking/")
