"""Fleet endpoints: catalogue, register, lifecycle events, enrolment codes, compliance, the
dashboard, and the two the officer app calls (check-ins and wipe confirmations)."""

from uuid import UUID

import segno
from ninja import Query, Router, Schema, Status
from pydantic import Field

from frontline.accounts import selectors as accounts_selectors
from frontline.accounts.auth import DEVICE_HEADER
from frontline.common.clock import london_today
from frontline.common.errors import InvalidInput, NotFound, PermissionDenied
from frontline.devices import access, lifecycle, selectors, services, stats
from frontline.devices.schemas import (
    CheckInIn,
    CheckInOut,
    DashboardOut,
    DeviceModelIn,
    DeviceModelOut,
    EventIn,
    FleetDeviceDetail,
    FleetDeviceIn,
    FleetDeviceOut,
    FleetDevicePage,
    FleetEnrolmentCodeOut,
    KitProfileOut,
    LifecycleEventOut,
    NonCompliantPage,
    WipeIn,
    WipeOut,
)

router = Router(tags=["devices"])


class RegisterListQuery(Schema):
    status: str | None = Field(None, max_length=12)
    station: str | None = Field(None, max_length=8, description="station code")
    model: str | None = Field(None, max_length=80)
    officer: str | None = Field(None, max_length=16, description="collar number")
    flagged: bool = Field(False, description="only devices issued outside their kit profile")
    q: str | None = Field(None, max_length=64, description="asset tag, serial or IMEI")
    after: str | None = Field(None, max_length=32, description="next_after from a page")
    limit: int | None = Field(None, ge=1, le=200)


class ComplianceQuery(Schema):
    rule: str | None = Field(None, max_length=20)
    after: str | None = Field(None, max_length=32, description="next_after from a page")
    limit: int = Field(50, ge=1, le=200)


class PeriodQuery(Schema):
    start: str | None = Field(None, alias="from", max_length=10, description="YYYY-MM-DD")
    end: str | None = Field(None, alias="to", max_length=10, description="YYYY-MM-DD")


def _require_read(officer) -> None:
    if not access.fleet_can_read(officer):
        raise PermissionDenied("forbidden", "fleet managers, admins, auditors and evaluators only")


def _require_change(officer) -> None:
    if not access.fleet_can_change(officer):
        raise PermissionDenied("forbidden", "only fleet managers and admins change the register")


def _device(device_id):
    device = selectors.fleet_device_get(device_id=device_id)
    if device is None:
        raise NotFound("not_found", "no such device", field="device_id")
    return device


@router.get("/models", response=list[DeviceModelOut])
def device_models_list(request):
    _require_read(request.officer)
    return list(selectors.device_models_list())


@router.post("/models", response={201: DeviceModelOut})
def device_model_create(request, body: DeviceModelIn):
    _require_change(request.officer)
    return Status(201, services.device_model_create(actor=request.officer, **body.model_dump()))


@router.get("/devices", response=FleetDevicePage)
def fleet_devices_list(request, query: Query[RegisterListQuery]):
    _require_read(request.officer)
    devices, more = selectors.fleet_devices_list(
        filters=query.model_dump(include=set(selectors.FILTERS)),
        after=query.after,
        limit=query.limit,
    )
    return {
        "devices": devices,
        "more": more,
        "next_after": devices[-1].asset_tag if more and devices else None,
    }


@router.post("/devices", response={201: FleetDeviceOut})
def fleet_device_register(request, body: FleetDeviceIn):
    _require_change(request.officer)
    model = selectors.device_model_get(model_id=body.model_id)
    if model is None:
        raise InvalidInput("unknown_model", "no such model in the catalogue", field="model_id")
    station = None
    if body.station:
        station = accounts_selectors.station_by_code(code=body.station)
        if station is None:
            raise InvalidInput("unknown_station", "no station with that code", field="station")
    fields = body.model_dump(exclude={"model_id", "station"})
    device = services.fleet_device_register(
        actor=request.officer, model=model, station=station, **fields
    )
    return Status(201, selectors.fleet_device_get(device_id=device.pk))


@router.get("/devices/{device_id}", response=FleetDeviceDetail)
def fleet_device_get(request, device_id: UUID):
    _require_read(request.officer)
    device = _device(device_id)
    device.history = selectors.fleet_device_history(device=device)
    device.events_allowed = lifecycle.events_allowed(device.status)
    device.wipes = selectors.wipe_confirmations_of(device=device)
    device.compliance = selectors.fleet_device_compliance(device=device)
    return device


@router.post("/devices/{device_id}/events", response=FleetDeviceOut)
def fleet_device_event(request, device_id: UUID, body: EventIn):
    """Apply a lifecycle event. An illegal one is refused (409) with what is allowed."""
    _require_change(request.officer)
    device = _device(device_id)
    officer = replacement = None
    if body.officer:
        officer = accounts_selectors.officer_by_collar(collar_number=body.officer)
        if officer is None:
            raise InvalidInput(
                "unknown_officer", "no officer with that collar number", field="officer"
            )
    if body.replacement:
        replacement = selectors.fleet_device_by_tag(asset_tag=body.replacement)
        if replacement is None:
            raise InvalidInput(
                "unknown_device", "no device with that asset tag", field="replacement"
            )
    services.fleet_device_event(
        device=device,
        event=body.event,
        actor=request.officer,
        reason=body.reason,
        officer=officer,
        replacement=replacement,
        data_sanitised=body.data_sanitised,
        out_of_profile_reason=body.out_of_profile_reason,
    )
    return selectors.fleet_device_get(device_id=device.pk)


@router.post("/devices/{device_id}/enrolment-codes", response={201: FleetEnrolmentCodeOut})
def fleet_enrolment_code_issue(request, device_id: UUID):
    """A one-time code binding the install that uses it to this device, as text and QR."""
    _require_change(request.officer)
    issued = services.fleet_enrolment_code_issue(device=_device(device_id), actor=request.officer)
    qr = segno.make(issued.code, error="m").svg_inline(scale=6, title="Enrolment code")
    return Status(201, {"code": issued.code, "expires_at": issued.expires_at, "qr_svg": qr})


@router.get("/officers/{officer_id}/history", response=list[LifecycleEventOut])
def officer_history(request, officer_id: UUID):
    officer = accounts_selectors.officer_get(officer_id=officer_id)
    if officer is None or not access.officer_history_can_read(request.officer, officer):
        raise NotFound("not_found", "no such officer whose kit you may see", field="officer_id")
    return selectors.officer_history(officer=officer)


@router.get("/compliance", response=NonCompliantPage)
def non_compliant_list(request, query: Query[ComplianceQuery]):
    """Devices in service that break a compliance rule, with the reasons, a page at a time."""
    _require_read(request.officer)
    rows, total, more = selectors.non_compliant_list(
        rule=query.rule, after=query.after, limit=query.limit
    )
    devices = [
        {
            "asset_tag": row["asset_tag"],
            "status": row["status"],
            "model": f"{row['model__make']} {row['model__name']}",
            "station": row["station__code"],
            "officer": row["assigned_officer__collar_number"],
            "last_contact_at": row["last_contact_at"],
            "reasons": row["reasons"],
            "explanations": row["explanations"],
        }
        for row in rows
    ]
    return {
        "devices": devices,
        "total": total,
        "more": more,
        "next_after": rows[-1]["asset_tag"] if more and rows else None,
    }


@router.get("/dashboard", response=DashboardOut)
def fleet_dashboard(request, query: Query[PeriodQuery]):
    _require_read(request.officer)
    start, end = stats.period_parse(query.start, query.end, today=london_today())
    figures = stats.fleet_dashboard(start=start, end=end)
    rows = lambda pairs: [{"label": label, "count": count} for label, count in pairs]  # noqa: E731
    return {
        **figures.__dict__,
        "by_status": rows(figures.by_status),
        "by_model": rows(figures.by_model),
        "by_station": rows(figures.by_station),
        "last_contact": rows(figures.last_contact),
    }


@router.get("/kit-profiles", response=list[KitProfileOut])
def kit_profiles_list(request):
    _require_read(request.officer)
    return selectors.kit_profiles_list()


@router.post("/check-ins", response={201: CheckInOut})
def check_in(request, body: CheckInIn):
    """The officer app reports after each successful sync."""
    check_in = services.check_in_record(install=request.device, **body.model_dump())
    return Status(201, {"at": check_in.at, "registered": check_in.fleet_device_id is not None})


@router.post("/wipe-confirmations", auth=None, response={200: WipeOut, 201: WipeOut})
def wipe_confirm(request, body: WipeIn):
    """A revoked install confirms it wiped itself. Only a revoked device's credential is
    accepted, and only here."""
    confirmation, created = services.wipe_confirmation_record(
        credential=request.headers.get(DEVICE_HEADER),
        device_reported=body.model_dump(mode="json"),
    )
    return Status(201 if created else 200, {"confirmed_at": confirmation.confirmed_at})
