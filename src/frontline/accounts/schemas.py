"""API shapes for enrolment, sign-in and the signed-in officer."""

from datetime import datetime
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class EnrolIn(Strict):
    code: str = Field(min_length=6, max_length=40)
    label: str = Field("", max_length=120)
    platform: str = Field("", max_length=80)
    app_version: str = Field("", max_length=40)


class EnrolOut(Schema):
    device_id: UUID
    credential: str = Field(description="send as X-Device-Credential on every request; shown once")


class SignInIn(Strict):
    collar_number: str = Field(min_length=1, max_length=16)
    password: str = Field(min_length=1, max_length=256)


class TeamOut(Schema):
    id: UUID
    name: str


class OfficerOut(Schema):
    id: UUID
    collar_number: str
    given_name: str
    family_name: str
    rank: str
    roles: list[str]
    team: TeamOut | None = None


class SignInOut(Schema):
    token: str
    expires_at: datetime
    officer: OfficerOut


class EnrolmentCodeIn(Strict):
    label: str = Field("", max_length=120)


class EnrolmentCodeOut(Schema):
    id: UUID
    code: str
    expires_at: datetime


class RevokeIn(Strict):
    reason: str = Field(min_length=5, max_length=250)


class DeviceOut(Schema):
    id: UUID
    label: str
    platform: str
    app_version: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None
