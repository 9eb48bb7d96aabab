"""Writes to the fleet: the catalogue, the register and its lifecycle, enrolment codes for a
device, check-ins and wipe confirmations. Validate first, then write in one transaction."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction

from frontline.accounts import selectors as accounts_selectors
from frontline.accounts import services as accounts_services
from frontline.accounts.models import Device, Officer, Station
from frontline.audit.services import audit_record, justification_clean
from frontline.common.clock import is_far_future, now
from frontline.common.errors import AuthenticationFailed, Conflict, InvalidInput, NotFound
from frontline.devices import lifecycle, validation
from frontline.devices.models import (
    PLATFORMS,
    CheckIn,
    DeviceEnrolment,
    DeviceModel,
    FleetDevice,
    LifecycleEvent,
    OfficerKitProfile,
    WipeConfirmation,
)
from frontline.sync import selectors as sync_selectors

OBJECT_TYPE = "devices.fleetdevice"


@dataclass(frozen=True)
class EnrolmentIssued:
    code: str  # shown once, as text and QR; only its hash is stored
    expires_at: datetime
    device: FleetDevice


def device_model_create(
    *,
    actor: Officer | None,
    make: str,
    name: str,
    platform: str,
    form_factor: str,
    unit_cost_pence: int,
    accessories_cost_pence: int = 0,
    expected_life_months: int,
    security_updates_end: date | None = None,
) -> DeviceModel:
    make, name = validation.text(make, "make", 60), validation.text(name, "name", 80)
    if platform not in dict(PLATFORMS):
        raise InvalidInput(
            "unknown_platform",
            f"platform must be one of {', '.join(dict(PLATFORMS))}",
            field="platform",
        )
    validation.form_factor(form_factor)
    validation.pence(unit_cost_pence, "unit_cost_pence")
    validation.pence(accessories_cost_pence, "accessories_cost_pence")
    if not 1 <= expected_life_months <= 240:
        raise InvalidInput(
            "out_of_range", "expected life must be 1 to 240 months", field="expected_life_months"
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                model = DeviceModel.objects.create(
                    make=make,
                    name=name,
                    platform=platform,
                    form_factor=form_factor,
                    unit_cost_pence=unit_cost_pence,
                    accessories_cost_pence=accessories_cost_pence,
                    expected_life_months=expected_life_months,
                    security_updates_end=security_updates_end,
                )
        except IntegrityError:
            raise Conflict(
                "model_exists", f"{make} {name} is already in the catalogue", field="name"
            ) from None
        audit_record(
            action="devices.model.create",
            object_type="devices.devicemodel",
            object_id=model.pk,
            actor=actor,
        )
    return model


def fleet_device_register(
    *,
    actor: Officer | None,
    asset_tag: str,
    serial_number: str,
    model: DeviceModel,
    imei: str | None = None,
    os_version: str = "",
    purchase_date: date | None = None,
    purchase_cost_pence: int | None = None,
    supplier: str = "",
    warranty_end: date | None = None,
    station: Station | None = None,
    reason: str = "Received from supplier",
    received_at: datetime | None = None,
) -> FleetDevice:
    """Add a device to the register: its life starts with `received`."""
    fields = validation.register_fields(
        asset_tag=asset_tag,
        serial_number=serial_number,
        imei=imei,
        os_version=os_version,
        purchase_cost_pence=purchase_cost_pence,
        supplier=supplier,
        purchase_date=purchase_date,
        warranty_end=warranty_end,
    )
    reason = justification_clean(reason)
    at = received_at or now()
    with transaction.atomic():
        validation.register_unique(fields)
        try:
            with transaction.atomic():
                device = FleetDevice.objects.create(
                    **fields, model=model, station=station, received_at=at
                )
        except IntegrityError:
            # Two requests raced for the same tag or serial: the constraint decides.
            raise Conflict(
                "duplicate",
                "that asset tag, serial or IMEI is already registered",
                field="asset_tag",
            ) from None
        LifecycleEvent.objects.create(
            device=device,
            event=lifecycle.RECEIVED,
            from_status="",
            to_status=lifecycle.IN_STOCK,
            at=at,
            actor=actor,
            reason=reason,
        )
        audit_record(
            action="devices.device.received",
            object_type=OBJECT_TYPE,
            object_id=device.pk,
            actor=actor,
            justification=reason,
        )
    return device


def fleet_device_event(
    *,
    device: FleetDevice,
    event: str,
    actor: Officer | None,
    reason: str,
    officer: Officer | None = None,
    replacement: FleetDevice | None = None,
    data_sanitised: bool = False,
    out_of_profile_reason: str = "",
    at: datetime | None = None,
) -> FleetDevice:
    """Apply one lifecycle event, or refuse it and change nothing."""
    if event == lifecycle.RECEIVED:
        raise Conflict(
            "illegal_transition",
            "a device is received once, when it is registered",
            field="event",
        )
    reason = justification_clean(reason)
    at = at or now()
    with transaction.atomic():
        locked = _lock_devices(device, replacement)
        current = locked[device.pk]
        target = lifecycle.transition_target(current.status, event)
        plan = _plan(
            current=current,
            event=event,
            officer=officer,
            replacement=locked.get(replacement.pk) if replacement else None,
            data_sanitised=data_sanitised,
            out_of_profile_reason=out_of_profile_reason,
        )
        _apply(current, event, target, plan, actor=actor, reason=reason, at=at)
        if plan.replacement is not None and plan.holder is not None:
            # The replacement goes to whoever held the old device, with its own history.
            _apply(
                plan.replacement,
                lifecycle.ISSUE,
                lifecycle.ISSUED,
                _Plan(
                    holder=plan.holder,
                    out_of_profile=_out_of_profile(plan.holder, plan.replacement),
                ),
                actor=actor,
                reason=f"Replacement for {current.asset_tag}: {reason}"[:500],
                at=at,
            )
        if target in lifecycle.CUT_OFF:
            _installs_revoke(current, actor=actor, reason=f"{event}: {reason}")
    device.refresh_from_db()
    return device


def device_mark_lost(*, device: FleetDevice, actor: Officer | None, reason: str) -> FleetDevice:
    return fleet_device_event(device=device, event=lifecycle.MARK_LOST, actor=actor, reason=reason)


def device_mark_stolen(*, device: FleetDevice, actor: Officer | None, reason: str) -> FleetDevice:
    return fleet_device_event(
        device=device, event=lifecycle.MARK_STOLEN, actor=actor, reason=reason
    )


def fleet_enrolment_code_issue(*, device: FleetDevice, actor: Officer | None) -> EnrolmentIssued:
    """A one-time code whose install is bound to this register entry."""
    if device.status not in lifecycle.IN_SERVICE:
        raise Conflict(
            "not_in_service",
            f"a device that is {device.get_status_display().lower()} cannot be enrolled",
            field="device_id",
        )
    with transaction.atomic():
        issued = accounts_services.enrolment_code_issue(actor=actor, label=device.asset_tag)
        DeviceEnrolment.objects.create(fleet_device=device, code=issued.enrolment)
    return EnrolmentIssued(code=issued.code, expires_at=issued.enrolment.expires_at, device=device)


# A history row per install at most this often; the latest report is always on the register.
CHECK_IN_HISTORY_EVERY = timedelta(hours=1)


def check_in_record(
    *,
    install: Device,
    app_version: str,
    os: str,
    free_storage_mb: int | None,
    battery_percent: int | None,
    last_sync_at: datetime,
) -> CheckIn:
    """Keep the register's last contact current on every report (the app reports after every
    successful sync), and keep a history row at most once per CHECK_IN_HISTORY_EVERY per install,
    so the table grows by a few rows a shift whatever the sync rate. Not audited: it is
    telemetry, not a change anyone made, and 20,000 devices would crowd the trail."""
    if is_far_future(last_sync_at):
        raise InvalidInput("in_future", "the last sync time is in the future", field="last_sync_at")
    at = now()
    with transaction.atomic():
        fleet_device_id = (
            DeviceEnrolment.objects.filter(code__device=install)
            .values_list("fleet_device_id", flat=True)
            .first()
        )
        check_in = CheckIn(
            install=install,
            fleet_device_id=fleet_device_id,
            at=at,
            app_version=app_version,
            os=os,
            free_storage_mb=free_storage_mb,
            battery_percent=battery_percent,
            last_sync_at=last_sync_at,
        )
        recent = CheckIn.objects.filter(install=install, at__gt=at - CHECK_IN_HISTORY_EVERY)
        if not recent.exists():
            check_in.save()
        if fleet_device_id is not None:
            FleetDevice.objects.filter(pk=fleet_device_id).update(
                last_contact_at=at,
                last_app_version=app_version,
                last_os=os,
                last_free_storage_mb=free_storage_mb,
                last_battery_percent=battery_percent,
                last_sync_at=last_sync_at,
            )
    return check_in


def wipe_confirmation_record(*, credential: str | None, device_reported: dict):
    """A revoked install says it has wiped itself. Returns (confirmation, created)."""
    install = accounts_selectors.device_by_credential(credential)
    if install is None:
        raise AuthenticationFailed(
            "device_unknown", "this device is not enrolled", field="X-Device-Credential"
        )
    if not install.is_revoked:
        raise Conflict(
            "device_not_revoked",
            "this device has not been revoked: there is nothing to confirm",
            field="X-Device-Credential",
        )
    with transaction.atomic():
        existing = WipeConfirmation.objects.filter(install=install).first()
        if existing is not None:
            return existing, False
        fleet_device_id = (
            DeviceEnrolment.objects.filter(code__device=install)
            .values_list("fleet_device_id", flat=True)
            .first()
        )
        unsynced = sync_selectors.device_unsynced(device=install)
        reported_seq = device_reported.get("last_device_seq")
        if reported_seq is not None:
            unsynced["unacknowledged_mutations"] = max(
                0, reported_seq - (unsynced["last_acked_device_seq"] or 0)
            )
        confirmation = WipeConfirmation.objects.create(
            install=install,
            fleet_device_id=fleet_device_id,
            confirmed_at=now(),
            device_reported=device_reported,
            server_unsynced=unsynced,
        )
        audit_record(
            action="devices.wipe_confirmed",
            object_type="accounts.device",
            object_id=install.pk,
            device=install,
            detail={"fleet_device": fleet_device_id.hex if fleet_device_id else ""},
        )
    return confirmation, True


def officer_kit_profile_set(*, officer: Officer, profile, actor: Officer | None) -> None:
    with transaction.atomic():
        OfficerKitProfile.objects.update_or_create(officer=officer, defaults={"profile": profile})
        audit_record(
            action="devices.kit_profile.assign",
            object_type="accounts.officer",
            object_id=officer.pk,
            actor=actor,
            detail={"profile": profile.role},
        )


# -- helpers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    holder: Officer | None = None  # the officer the event concerns (issued to, returned by...)
    replacement: FleetDevice | None = None
    sanitised: bool = False
    out_of_profile: bool = False


def _lock_devices(device, replacement) -> dict:
    """Lock the device (and its replacement) in primary-key order, so two replacements that
    cross can never deadlock."""
    ids = [device.pk] + ([replacement.pk] if replacement is not None else [])
    rows = FleetDevice.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    locked = {row.pk: row for row in rows}
    if device.pk not in locked:
        raise NotFound("not_found", "no such device", field="device_id")
    if replacement is not None and replacement.pk not in locked:
        raise NotFound("not_found", "no such replacement device", field="replacement")
    return locked


def _plan(*, current, event, officer, replacement, data_sanitised, out_of_profile_reason):
    """Check everything the event needs before anything is written."""
    holder = None
    if current.assigned_officer_id is not None:
        holder = Officer.objects.get(pk=current.assigned_officer_id)
    if event == lifecycle.ISSUE:
        if officer is None:
            raise InvalidInput(
                "officer_required", "say who the device is issued to", field="officer"
            )
        if not officer.is_active:
            raise InvalidInput(
                "officer_revoked", "that officer's access has been revoked", field="officer"
            )
        flagged = _out_of_profile(officer, current)
        if flagged and not out_of_profile_reason.strip():
            raise InvalidInput(
                "out_of_profile",
                f"a {current.model} is outside {officer.display_name}'s kit profile: "
                "give a reason to issue it anyway",
                field="out_of_profile_reason",
            )
        return _Plan(holder=officer, out_of_profile=flagged)
    if event == lifecycle.REPLACE:
        if replacement is None:
            raise InvalidInput(
                "replacement_required", "say which device replaces it", field="replacement"
            )
        if replacement.pk == current.pk:
            raise InvalidInput(
                "replacement_is_itself", "a device cannot replace itself", field="replacement"
            )
        if replacement.status != lifecycle.IN_STOCK:
            raise Conflict(
                "replacement_not_in_stock",
                f"the replacement {replacement.asset_tag} is "
                f"{replacement.get_status_display().lower()}, not in stock",
                field="replacement",
            )
        return _Plan(holder=holder, replacement=replacement)
    if event == lifecycle.DISPOSE and not data_sanitised:
        raise InvalidInput(
            "sanitisation_unconfirmed",
            "confirm the device's data was sanitised before disposal",
            field="data_sanitised",
        )
    return _Plan(holder=holder, sanitised=event == lifecycle.DISPOSE)


def _apply(current, event, target, plan: _Plan, *, actor, reason, at) -> None:
    before = current.status
    changes = {"status": target}
    changes["assigned_officer"] = plan.holder if target == lifecycle.ISSUED else None
    if event == lifecycle.ISSUE:
        changes["issued_out_of_profile"] = plan.out_of_profile
    elif target != lifecycle.ISSUED:
        changes["issued_out_of_profile"] = False
    if plan.replacement is not None:
        changes["replaced_by"] = plan.replacement
    if plan.sanitised:
        changes["data_sanitised_at"] = at
    if event == lifecycle.RETIRE:
        changes["out_of_service_at"] = at
    for name, value in changes.items():
        setattr(current, name, value)
    current.save(update_fields=[*changes, "updated_at"])
    LifecycleEvent.objects.create(
        device=current,
        event=event,
        from_status=before,
        to_status=target,
        at=at,
        actor=actor,
        reason=reason,
        officer=plan.holder,
        replacement=plan.replacement,
        out_of_profile=plan.out_of_profile,
    )
    audit_record(
        action=f"devices.device.{event}",
        object_type=OBJECT_TYPE,
        object_id=current.pk,
        actor=actor,
        justification=reason,
        detail={
            "officer": plan.holder.pk.hex if plan.holder else "",
            "replacement": plan.replacement.pk.hex if plan.replacement else "",
            "out_of_profile": plan.out_of_profile,
        },
    )


def _out_of_profile(officer: Officer, device: FleetDevice) -> bool:
    """Outside the profile: the officer has none, or it does not list this device's model."""
    link = OfficerKitProfile.objects.filter(officer=officer).select_related("profile").first()
    if link is None:
        return True
    return not link.profile.device_models.filter(pk=device.model_id).exists()


def _installs_revoke(device: FleetDevice, *, actor, reason: str) -> None:
    """Every app install bound to the device is revoked: sessions end, the next request wipes."""
    installs = Device.objects.filter(
        enrolment_code__fleet_enrolment__fleet_device=device, revoked_at__isnull=True
    )
    for install in installs:
        accounts_services.device_revoke(device=install, actor=actor, reason=reason[:250])
