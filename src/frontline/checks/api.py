"""Person, vehicle and location checks; opening a result; the briefing pack; the consultation
log and misuse signals for auditors."""

from datetime import datetime
from uuid import UUID

from ninja import Query, Router, Schema, Status
from pydantic import Field

from frontline.accounts.throttles import ChecksThrottle
from frontline.checks import access, selectors, services
from frontline.checks.reasons import REASONS
from frontline.checks.schemas import (
    CheckOut,
    LocationCheckIn,
    LogPage,
    OpenIn,
    PackOut,
    PersonCheckIn,
    ReasonOut,
    SignalOut,
    VehicleCheckIn,
)
from frontline.checks.search import STRONG, person_warnings, vehicle_warnings
from frontline.common.errors import PermissionDenied

router = Router(tags=["checks"])


class LogQuery(Schema):
    officer_id: UUID | None = None
    reason: str | None = Field(None, max_length=20)
    kind: str | None = Field(None, max_length=10)
    origin: str | None = Field(None, max_length=10)
    since: datetime | None = None
    until: datetime | None = None
    before: datetime | None = None
    limit: int | None = Field(None, ge=1, le=500)


@router.get("/reasons", response=list[ReasonOut])
def reasons(request):
    """The reasons a check may be made for; `other` needs a few words of text."""
    return [{"code": code, "label": label} for code, label in REASONS.items()]


@router.post("/persons", response={201: CheckOut}, throttle=ChecksThrottle())
def check_person(request, body: PersonCheckIn):
    """Check a person by name, with a date of birth, year of birth or age if known. Logged."""
    outcome = services.check_person(
        officer=request.officer,
        device=request.device,
        **body.model_dump(),
    )
    return Status(201, _out(outcome))


@router.post("/vehicles", response={201: CheckOut}, throttle=ChecksThrottle())
def check_vehicle(request, body: VehicleCheckIn):
    """Check a vehicle by registration; `*` any characters, `?` one. Logged."""
    outcome = services.check_vehicle(
        officer=request.officer, device=request.device, **body.model_dump()
    )
    return Status(201, _out(outcome))


@router.post("/locations", response={201: CheckOut}, throttle=ChecksThrottle())
def check_location(request, body: LocationCheckIn):
    """Check an address or postcode for warning markers. Logged."""
    outcome = services.check_location(
        officer=request.officer, device=request.device, **body.model_dump()
    )
    return Status(201, _out(outcome))


@router.post("/{check_id}/open", response=dict)
def check_open(request, check_id: UUID, body: OpenIn):
    """One result of your own check in full. Each opening is logged as a consultation."""
    record = services.check_result_open(
        officer=request.officer,
        device=request.device,
        check_id=check_id,
        object_type=body.type,
        object_id=body.id,
    )
    return _detail(body.type, record)


@router.post("/briefing-pack", response={201: PackOut})
def briefing_pack(request):
    """Issue a fresh briefing pack for your area; your devices receive it by sync."""
    pack = services.briefing_pack_issue(officer=request.officer, device=request.device)
    return Status(
        201,
        {
            "id": pack.pk,
            "issued_at": pack.issued_at,
            "expires_at": pack.expires_at,
            "persons": len(pack.content["persons"]),
            "vehicles": len(pack.content["vehicles"]),
        },
    )


@router.get("/log", response=LogPage)
def check_log(request, query: Query[LogQuery]):
    """The consultation log of checks, newest first, for auditors."""
    if not access.check_log_can_read(request.officer):
        raise PermissionDenied("forbidden", "only auditors read the consultation log")
    checks, more = selectors.check_log_list(**query.model_dump())
    return {
        "checks": [
            {
                "id": check.pk,
                "at": check.at,
                "checked_at": check.checked_at,
                "officer_id": check.officer_id,
                "collar_number": check.officer.collar_number,
                "device_id": check.device_id,
                "origin": check.origin,
                "kind": check.kind,
                "reason": check.reason,
                "reason_text": check.reason_text,
                "query": check.query,
                "result_count": check.result_count,
                "linked_type": check.linked_type,
                "linked_id": check.linked_id,
                "opened": [
                    {"object_type": o.object_type, "object_id": o.object_id, "at": o.at}
                    for o in check.opens.all()
                ],
            }
            for check in checks
        ],
        "more": more,
    }


@router.get("/misuse", response=list[SignalOut])
def misuse(request):
    """Misuse signals of the last 30 days, for auditors."""
    if not access.check_log_can_read(request.officer):
        raise PermissionDenied("forbidden", "only auditors read misuse signals")
    return [
        {
            "rule": signal.rule,
            "officer_id": signal.officer.pk,
            "collar_number": signal.officer.collar_number,
            "summary": signal.summary,
            "check_ids": signal.check_ids,
            "day": signal.day,
        }
        for signal in selectors.misuse_signals()
    ]


def _out(outcome) -> dict:
    return {
        "check_id": outcome.check.pk,
        "result_count": len(outcome.hits),
        "results": [
            {
                "id": hit.id,
                "score": hit.score,
                "strong": hit.score >= STRONG,
                "alert": hit.alert,
                "warnings": hit.warnings,
                "summary": _summary(hit.kind, hit.record),
            }
            for hit in outcome.hits
        ],
    }


def _summary(kind, record) -> dict:
    if kind == "person":
        return {
            "given_name": record.given_name,
            "family_name": record.family_name,
            "date_of_birth": record.date_of_birth.isoformat() if record.date_of_birth else None,
            "gender": record.gender,
            "aliases": [
                f"{alias.given_name} {alias.family_name}".strip() for alias in record.aliases.all()
            ],
        }
    if kind == "vehicle":
        return {
            "registration": record.registration,
            "make": record.make,
            "model": record.model,
            "colour": record.colour,
        }
    return {"address": record.address, "postcode": record.postcode}


def _detail(kind, record) -> dict:
    body = {"type": kind, "id": str(record.pk), **_summary(kind, record)}
    if kind == "person":
        body.update(
            warnings=person_warnings(record),
            addresses=record.addresses,
            identifiers=record.identifiers,
        )
    elif kind == "vehicle":
        body.update(
            warnings=vehicle_warnings(record),
            keeper=(
                {
                    "id": str(record.keeper.pk),
                    "name": f"{record.keeper.given_name} {record.keeper.family_name}",
                }
                if record.keeper
                else None
            ),
        )
    else:
        body["note"] = record.note
    return body
