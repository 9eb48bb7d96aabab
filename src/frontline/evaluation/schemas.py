"""API shapes for the evaluation. Money is integer pence; rates and scores are decimals."""

from datetime import date
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field


class ProgrammeOut(Schema):
    slug: str
    name: str
    kind: str
    area: str
    starts_on: date
    ends_on: date
    devices_issued: int
    devices_replaced: int


class CostIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: str = Field(max_length=40, description="e.g. hardware, software_development")
    nature: str = Field(max_length=10, description="capital or running")
    amount_pence: int = Field(gt=0, le=10**13)
    spent_on: date
    supplier: str = Field("", max_length=160)
    note: str = Field("", max_length=500)


class CostOut(Schema):
    id: str
    category: str
    nature: str
    amount_pence: int
    spent_on: date


class AmountRow(Schema):
    label: str
    amount_pence: int


class OptionResultOut(Schema):
    name: str
    kind: str
    devices: int
    life_years: int
    pv_costs_pence: int
    pv_benefits_pence: int
    npv_pence: int
    bcr: float | None
    equivalent_annual_cost_pence: int
    score: float | None = Field(description="weighted 0-100 score; hardware options only")
    dominated: bool


class RoleOut(Schema):
    role: str
    recommended: str | None
    reasons: list[str]
    options: list[OptionResultOut]
    weights: dict[str, float]


class RoleUsageOut(Schema):
    officers: int
    shifts: int
    records: int
    records_per_shift: float
    devices_seen: int = Field(
        description="devices signed in on or recorded on in the period: every device active on "
        "one of its days, and every device of its shifts"
    )
    devices_adopted: int


class PhaseOut(Schema):
    name: str
    role: str
    station: str | None
    team: str
    starts_on: date
    ends_on: date
    devices_planned: int
    budget_pence: int
    expected_to_date: int = Field(description="devices the plan expects issued by today")
    issued: int = Field(description="new devices issued in scope, from the fleet register")
    still_issued: int
    replacements: int
    issued_cost_pence: int
    status: str


class CatalogueOptionsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    role: str = Field(max_length=40)
    device_models: list[UUID] = Field(min_length=1, max_length=20, description="catalogue ids")
    devices: int | None = Field(
        None, ge=1, le=100_000, description="default: officers equipped for the role"
    )
    licence_per_year_pence: int = Field(0, ge=0, le=10**13, description="per device")
    support_per_year_pence: int = Field(0, ge=0, le=10**13, description="per device")
    connectivity_per_year_pence: int = Field(0, ge=0, le=10**13, description="per device")
    other_running_per_year_pence: int = Field(0, ge=0, le=10**13, description="in total")
    assumed_failure_rate: str = Field(
        "0", max_length=12, description="0 to 1; used where the register has no history"
    )
    minutes_saved_per_shift: str = Field("0", max_length=12)
    shifts_per_year: int = Field(0, ge=0, le=366)


class OptionOut(Schema):
    id: str
    role: str
    name: str
    kind: str
    device_model: str
    devices: int
    unit_cost_pence: int
    accessories_pence: int
    life_years: int
    failure_rate: str
    licence_pence_per_year: int
    support_pence_per_year: int
    connectivity_pence_per_year: int


class UsageOut(Schema):
    start: date
    end: date
    officers: int
    shifts: int = Field(
        description="stretches signed in on a device (a night shift across midnight is one), "
        "plus days recorded on without signing in"
    )
    records_by_type: dict[str, int]
    records_per_shift_by_type: dict[str, float]
    median_minutes_to_submit: dict[str, float]
    away_from_station_share: float | None
    devices_seen: int = Field(
        description="devices signed in on or recorded on in the period: every device active on "
        "one of its days, and every device of its shifts"
    )
    devices_adopted: int
    active_devices_by_day: dict[str, int] = Field(
        description="devices signed in on or recorded on, by London day (YYYY-MM-DD) up to today; "
        "days with none left out"
    )
    peak_active_devices: int = Field(description="the most devices active on one day")
    mean_active_devices: float | None = Field(
        description="devices active a day, over the period's days so far (days_measured), not "
        "the days still to come; null before the period's first day"
    )
    days_measured: int = Field(description="the period's London days up to today")
    check_volume: int | None
    by_role: dict[str, RoleUsageOut] = Field(description="by the role of the officers' kit")
    not_measured: list[str]


class EvaluationReportOut(Schema):
    programme: ProgrammeOut
    ledger_total_pence: int
    ledger_by_category: list[AmountRow]
    cost_per_device_pence: int | None = Field(description="whole pence, rounded half up")
    usage: UsageOut
    roles: list[RoleOut]
    rollout: list[PhaseOut]
