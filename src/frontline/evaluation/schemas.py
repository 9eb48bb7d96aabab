"""API shapes for the evaluation. Money is integer pence; rates and scores are decimals."""

from datetime import date

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


class UsageOut(Schema):
    start: date
    end: date
    officers: int
    shifts: int
    records_by_type: dict[str, int]
    records_per_shift_by_type: dict[str, float]
    median_minutes_to_submit: dict[str, float]
    away_from_station_share: float | None
    devices_seen: int
    devices_adopted: int
    check_volume: int | None
    not_measured: list[str]


class EvaluationReportOut(Schema):
    programme: ProgrammeOut
    ledger_total_pence: int
    ledger_by_category: list[AmountRow]
    cost_per_device_pence: int | None = Field(description="whole pence, rounded half up")
    usage: UsageOut
    roles: list[RoleOut]
