"""API shapes for the fleet. Unknown fields are refused; every string has a limit."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from frontline.devices import lifecycle


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class DeviceModelIn(Strict):
    make: str = Field(max_length=60)
    name: str = Field(max_length=80)
    platform: Literal["ios", "android", "windows", "chromeos"]
    form_factor: str = Field(max_length=20)
    unit_cost_pence: int = Field(ge=0, le=10_000_000)
    accessories_cost_pence: int = Field(0, ge=0, le=10_000_000)
    expected_life_months: int = Field(ge=1, le=240)
    security_updates_end: date | None = None


class DeviceModelOut(Schema):
    id: UUID
    make: str
    name: str
    platform: str
    form_factor: str
    unit_cost_pence: int
    accessories_cost_pence: int
    expected_life_months: int
    security_updates_end: date | None


class FleetDeviceIn(Strict):
    asset_tag: str = Field(max_length=32)
    serial_number: str = Field(max_length=64)
    imei: str | None = Field(None, max_length=15)
    model_id: UUID
    os_version: str = Field("", max_length=40)
    purchase_date: date | None = None
    purchase_cost_pence: int | None = Field(None, ge=0, le=10_000_000)
    supplier: str = Field("", max_length=120)
    warranty_end: date | None = None
    station: str | None = Field(None, max_length=8, description="station code")
    reason: str = Field("Received from supplier", max_length=500)


class OfficerBrief(Schema):
    id: UUID
    collar_number: str
    display_name: str


class FleetDeviceOut(Schema):
    id: UUID
    asset_tag: str
    serial_number: str
    imei: str | None
    model: str
    os_version: str
    purchase_date: date | None
    purchase_cost_pence: int | None
    supplier: str
    warranty_end: date | None
    station: str | None
    assigned_officer: OfficerBrief | None
    status: str
    issued_out_of_profile: bool
    replaced_by: str | None
    last_contact_at: datetime | None
    last_app_version: str
    last_os: str
    last_battery_percent: int | None
    last_free_storage_mb: int | None

    @staticmethod
    def resolve_model(obj):
        return str(obj.model)

    @staticmethod
    def resolve_station(obj):
        return obj.station.code if obj.station_id else None

    @staticmethod
    def resolve_replaced_by(obj):
        return obj.replaced_by.asset_tag if obj.replaced_by_id else None


class FleetDevicePage(Schema):
    devices: list[FleetDeviceOut]
    more: bool
    next_after: str | None


class EventIn(Strict):
    event: Literal[tuple(e for e in lifecycle.EVENTS if e != lifecycle.RECEIVED)]  # type: ignore[valid-type]
    reason: str = Field(max_length=500)
    officer: str | None = Field(None, max_length=16, description="collar number, for issued")
    replacement: str | None = Field(None, max_length=32, description="asset tag, for replaced")
    data_sanitised: bool = False
    out_of_profile_reason: str = Field("", max_length=500)


class LifecycleEventOut(Schema):
    event: str
    from_status: str
    to_status: str
    at: datetime
    actor: str | None
    reason: str
    officer: str | None
    device: str
    replacement: str | None
    out_of_profile: bool

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.collar_number if obj.actor_id else None

    @staticmethod
    def resolve_officer(obj):
        return obj.officer.collar_number if obj.officer_id else None

    @staticmethod
    def resolve_device(obj):
        return obj.device.asset_tag

    @staticmethod
    def resolve_replacement(obj):
        return obj.replacement.asset_tag if obj.replacement_id else None


class WipeReportOut(Schema):
    confirmed_at: datetime
    device_reported: dict
    server_unsynced: dict


class FleetDeviceDetail(FleetDeviceOut):
    history: list[LifecycleEventOut]
    events_allowed: list[str]
    compliance: list[str] = Field(description="why it is not compliant; empty if it is")
    wipes: list[WipeReportOut]


class FleetEnrolmentCodeOut(Schema):
    code: str
    expires_at: datetime
    qr_svg: str


class CheckInIn(Strict):
    app_version: str = Field(max_length=40, min_length=1)
    os: str = Field(max_length=40, min_length=1, description="e.g. 'iOS 17.5' or 'Android 14'")
    free_storage_mb: int | None = Field(None, ge=0, le=100_000_000)
    battery_percent: int | None = Field(None, ge=0, le=100, description="if the browser tells")
    last_sync_at: datetime


class CheckInOut(Schema):
    at: datetime
    registered: bool


class WipeIn(Strict):
    outbox_pending: int = Field(0, ge=0, le=1_000_000)
    last_device_seq: int | None = Field(None, ge=0)
    wiped_at: datetime | None = None


class WipeOut(Schema):
    confirmed_at: datetime


class NonCompliantOut(Schema):
    asset_tag: str
    status: str
    model: str
    station: str | None
    officer: str | None
    last_contact_at: datetime | None
    reasons: list[str]
    explanations: list[str]


class NonCompliantPage(Schema):
    devices: list[NonCompliantOut]
    total: int = Field(description="non-compliant devices in all, across pages")
    more: bool
    next_after: str | None


class KitProfileOut(Schema):
    role: str
    device_models: list[str]
    accessories: list[str]

    @staticmethod
    def resolve_device_models(obj):
        return [str(model) for model in obj.device_models.all()]


class FleetCountRow(Schema):
    label: str
    count: int


class DashboardOut(Schema):
    start: date
    end: date
    total: int
    by_status: list[FleetCountRow]
    by_model: list[FleetCountRow]
    by_station: list[FleetCountRow]
    in_service: int
    compliant: int
    compliance_rate: float | None
    device_years: float
    failures: int
    replacements: int
    failure_rate: float | None = Field(description="failures per 100 device-years")
    replacement_rate: float | None = Field(description="replacements per 100 device-years")
    last_contact: list[FleetCountRow]
