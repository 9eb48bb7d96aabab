"""The lifecycle state machine: random event sequences never reach an illegal state, and every
refused event leaves the device, its history and the audit trail exactly as they were."""

import itertools

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline.accounts.models import Device
from frontline.audit.models import AuditEvent
from frontline.common.errors import Conflict, DomainError
from frontline.devices import lifecycle, services
from frontline.devices.models import FleetDevice, LifecycleEvent
from tests.devices.helpers import bound_install, device, issued

EVENTS = [event for event in lifecycle.EVENTS if event != lifecycle.RECEIVED]


@pytest.mark.parametrize("state", lifecycle.STATES)
@pytest.mark.parametrize("event", lifecycle.EVENTS)
def test_the_machine_names_what_is_allowed_when_it_refuses(state, event):
    allowed = lifecycle.events_allowed(state)
    if event in allowed:
        assert lifecycle.transition_target(state, event) in lifecycle.STATES
        return
    with pytest.raises(Conflict) as refused:
        lifecycle.transition_target(state, event)
    assert refused.value.field == "event"
    for name in allowed:
        assert name in refused.value.message
    if not allowed:
        assert "nothing" in refused.value.message


def test_a_disposed_device_can_do_nothing_more():
    assert lifecycle.events_allowed(lifecycle.DISPOSED) == []


def _snapshot(fleet_device):
    row = FleetDevice.objects.get(pk=fleet_device.pk)
    return (
        model_to_dict(row, exclude=["updated_at"]),
        LifecycleEvent.objects.filter(device=row).count(),
        AuditEvent.objects.count(),
        Device.objects.filter(revoked_at__isnull=False).count(),
    )


def _invariants(fleet_device, expected_state):
    row = FleetDevice.objects.get(pk=fleet_device.pk)
    assert row.status == expected_state
    assert (row.status == lifecycle.ISSUED) == (row.assigned_officer_id is not None)
    if row.status == lifecycle.DISPOSED:
        assert row.data_sanitised_at is not None
    if row.status == lifecycle.REPLACED:
        assert row.replaced_by_id is not None
    history = list(LifecycleEvent.objects.filter(device=row).order_by("at", "id"))
    assert history[0].event == lifecycle.RECEIVED
    for before, after in itertools.pairwise(history):
        assert after.from_status == before.to_status
    assert history[-1].to_status == row.status
    assert all(event.reason for event in history)
    if row.status in lifecycle.CUT_OFF:
        bound = Device.objects.filter(enrolment_code__fleet_enrolment__fleet_device=row)
        assert not bound.filter(revoked_at__isnull=True).exists()


step = st.tuples(
    st.sampled_from(EVENTS),
    st.booleans(),  # name an officer
    st.booleans(),  # offer a replacement in stock
    st.booleans(),  # confirm sanitisation
)


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_random_event_sequences_never_reach_an_illegal_state(officer, fleet_manager, steps):
    # Given a device in stock with an app install bound to it
    subject = device()
    bound_install(subject, officer, Client())
    state = lifecycle.IN_STOCK

    for event, with_officer, with_replacement, sanitised in steps:
        before = _snapshot(subject)
        replacement = device() if with_replacement else None
        if replacement is not None:
            before = _snapshot(subject)
            replacement_before = _snapshot(replacement)
        # When any event is tried
        try:
            services.fleet_device_event(
                device=subject,
                event=event,
                actor=fleet_manager,
                reason="random lifecycle step",
                officer=officer if with_officer else None,
                replacement=replacement,
                data_sanitised=sanitised,
                out_of_profile_reason="testing the machine",
            )
        except DomainError:
            # Then a refusal changes nothing at all
            assert _snapshot(subject) == before
            if replacement is not None:
                assert _snapshot(replacement) == replacement_before
        else:
            # Then an accepted one is one the machine allows, and lands where it says
            state = lifecycle.transition_target(state, event)
        _invariants(subject, state)


def test_an_illegal_transition_is_refused_with_what_is_allowed(officer, fleet_manager):
    subject = issued(officer)
    before = _snapshot(subject)

    with pytest.raises(Conflict) as refused:
        services.fleet_device_event(
            device=subject, event="repaired", actor=fleet_manager, reason="it works again"
        )

    assert "allowed: returned, sent_for_repair, replaced, lost, stolen" in refused.value.message
    assert _snapshot(subject) == before


def test_every_event_records_who_when_and_why(officer, fleet_manager):
    subject = issued(officer)

    services.fleet_device_event(
        device=subject, event="returned", actor=fleet_manager, reason="leaving the team"
    )

    last = LifecycleEvent.objects.filter(device=subject).latest("id")
    assert (last.event, last.actor, last.officer, last.reason) == (
        "returned",
        fleet_manager,
        officer,
        "leaving the team",
    )
    assert last.at is not None


def test_disposal_needs_sanitisation_confirmed(fleet_manager):
    subject = device()
    services.fleet_device_event(
        device=subject, event="retired", actor=fleet_manager, reason="end of life"
    )

    with pytest.raises(DomainError) as refused:
        services.fleet_device_event(
            device=subject, event="disposed", actor=fleet_manager, reason="to the recycler"
        )
    services.fleet_device_event(
        device=subject,
        event="disposed",
        actor=fleet_manager,
        reason="to the recycler",
        data_sanitised=True,
    )

    assert refused.value.field == "data_sanitised"
    subject.refresh_from_db()
    assert subject.status == "disposed" and subject.data_sanitised_at is not None


def test_a_replacement_links_old_to_new_and_goes_to_the_same_officer(officer, fleet_manager):
    old = issued(officer)
    new = device()

    services.fleet_device_event(
        device=old,
        event="replaced",
        actor=fleet_manager,
        reason="screen failed",
        replacement=new,
    )

    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == "replaced" and old.replaced_by == new
    assert new.status == "issued" and new.assigned_officer == officer
    assert LifecycleEvent.objects.get(device=old, event="replaced").replacement == new
    assert "Replacement for" in LifecycleEvent.objects.get(device=new, event="issued").reason


def test_a_replacement_must_be_in_stock(officer, team_mate, fleet_manager):
    old = issued(officer)
    busy = issued(team_mate)
    before = (_snapshot(old), _snapshot(busy))

    with pytest.raises(Conflict) as refused:
        services.fleet_device_event(
            device=old, event="replaced", actor=fleet_manager, reason="broken", replacement=busy
        )

    assert refused.value.field == "replacement"
    assert (_snapshot(old), _snapshot(busy)) == before
