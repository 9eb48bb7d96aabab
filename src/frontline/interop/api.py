"""Information management endpoints: retention review, subject access, court bundles, and the
outbox's destinations and dead letters. For auditors and admins; destinations for admins."""

from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router, Status

from frontline.common.clock import now
from frontline.common.errors import PermissionDenied
from frontline.interop import access, bundles, destinations, outbox, retention, subject_access
from frontline.interop.schemas import (
    BundleIn,
    DecisionIn,
    DecisionOut,
    DeliveryOut,
    DestinationIn,
    DestinationOut,
    DuePage,
    DueQuery,
    InteropExportIn,
    NotebookBundleIn,
    SubjectSearchIn,
    SubjectSearchOut,
)

router = Router(tags=["interop"])


@router.get("/retention/due", response=DuePage)
def retention_due(request, query: Query[DueQuery]):
    """Records due for review on or before `on`, oldest first."""
    _information_manager(request)
    on = query.on or now().astimezone(retention.LONDON).date()
    due = retention.retention_due(on=on, record_type=query.record_type, station=query.station)
    return {"on": on, "records": [_due(item) for item in due]}


@router.post("/retention/decisions", response={201: DecisionOut})
def retention_decide(request, body: DecisionIn):
    """Retain with a reason and next review date, or dispose (removes the personal content)."""
    _information_manager(request)
    decision = retention.retention_decide(
        actor=request.officer,
        device=request.device,
        record_type=body.record_type,
        record_id=body.record_id,
        decision=body.decision,
        reason=body.reason,
        next_review_on=body.next_review_on,
    )
    return Status(201, _decision(decision))


@router.post("/subject-access", response={201: SubjectSearchOut})
def subject_access_search(request, body: SubjectSearchIn):
    """Find every record and consultation mentioning a person; logged as a consultation."""
    _information_manager(request)
    result = subject_access.subject_access_search(
        actor=request.officer,
        device=request.device,
        name=body.name,
        birth_date=body.birth_date,
        reason=body.reason,
    )
    document = subject_access.subject_access_document(result)
    return Status(
        201,
        {
            "search_id": result.search.pk,
            "records": document["records"],
            "reference_data": document["reference_data"],
            "checks": document["checks"],
            "consultations": document["consultations"],
        },
    )


@router.post("/subject-access/{search_id}/export")
def subject_access_export(request, search_id: UUID, body: InteropExportIn):
    """The disclosure, as JSON or PDF; logged as a disclosure."""
    _information_manager(request)
    data, media_type = subject_access.subject_access_export(
        actor=request.officer,
        device=request.device,
        search_id=search_id,
        format=body.format,
        reason=body.reason,
    )
    return _file(data, media_type, f"subject-access-{search_id}.{body.format}")


@router.post("/bundles")
def bundle_record(request, body: BundleIn):
    """A court bundle (PDF) for one record with its linked records and evidence."""
    return _bundle_response(
        request,
        bundles.bundle_record,
        record_type=body.record_type,
        record_id=body.record_id,
        reason=body.reason,
        recipient=body.recipient,
    )


@router.post("/bundles/notebook")
def bundle_notebook(request, body: NotebookBundleIn):
    """A court bundle (PDF) of an officer's notebook entries made in [from, to)."""
    return _bundle_response(
        request,
        bundles.bundle_notebook_extract,
        collar_number=body.collar_number,
        start=body.from_,
        end=body.to,
        reason=body.reason,
        recipient=body.recipient,
    )


@router.get("/destinations", response=list[DestinationOut])
def destinations_list(request):
    _admin(request)
    return [_destination(destination) for destination in destinations.destinations_list()]


@router.post("/destinations", response={201: DestinationOut})
def destination_create(request, body: DestinationIn):
    """A force system to notify. It receives changes from now on."""
    _admin(request)
    destination = destinations.destination_create(actor=request.officer, **body.model_dump())
    return Status(201, _destination(destination))


@router.get("/dead-letters", response=list[DeliveryOut])
def dead_letters(request):
    _information_manager(request)
    return [_delivery(delivery) for delivery in outbox.dead_letters()]


@router.post("/deliveries/{delivery_id}/replay", response=DeliveryOut)
def delivery_replay(request, delivery_id: UUID):
    """Send a dead letter again."""
    _information_manager(request)
    delivery = outbox.delivery_replay(actor=request.officer, delivery_id=delivery_id)
    return _delivery(delivery)


def _information_manager(request) -> None:
    if not access.information_management_allowed(request.officer):
        raise PermissionDenied("forbidden", "information management is for auditors and admins")


def _admin(request) -> None:
    if not access.destinations_manage_allowed(request.officer):
        raise PermissionDenied("forbidden", "destinations are configured by admins")


def _file(data: bytes, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _bundle_response(request, make, **arguments) -> HttpResponse:
    """Both bundle endpoints: authorise, make the bundle as this officer on this device (the
    service logs the disclosure), and send the PDF with the bundle id for `verify --record`."""
    _information_manager(request)
    bundle = make(actor=request.officer, device=request.device, **arguments)
    response = _file(bundle.pdf, "application/pdf", f"bundle-{bundle.id}.pdf")
    response["X-Frontline-Bundle"] = str(bundle.id)
    return response


def _due(item) -> dict:
    held = item.record
    decision = item.last_decision
    return {
        "record_type": held.record_type,
        "record_id": held.record_id,
        "made_at": held.made_at,
        "station": held.station,
        "officer": held.officer,
        "summary": held.summary,
        "due_on": item.due_on,
        "last_decision": decision.decision if decision else None,
        "last_reason": decision.reason if decision else None,
    }


def _decision(decision) -> dict:
    return {
        "id": decision.pk,
        "record_type": decision.record_type,
        "record_id": decision.record_id,
        "decision": decision.decision,
        "reason": decision.reason,
        "next_review_on": decision.next_review_on,
        "decided_by": decision.decided_by.collar_number,
        "decided_at": decision.decided_at,
    }


def _destination(destination) -> dict:
    return {
        "id": destination.pk,
        "name": destination.name,
        "kind": destination.kind,
        "url": destination.url,
        "mutual_tls": bool(destination.client_cert),
        "directory": destination.directory,
        "record_types": destination.record_types,
        "events": destination.events,
        "format": destination.format,
        "restricted": destination.restricted,
        "active": destination.active,
        "cursor": destination.cursor,
    }


def _delivery(delivery) -> dict:
    return {
        "id": delivery.pk,
        "destination": delivery.destination.name,
        "change_seq": delivery.change_seq,
        "record_type": delivery.record_type,
        "record_id": delivery.record_id,
        "event": delivery.event,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "last_error": delivery.last_error,
        "next_attempt_at": delivery.next_attempt_at,
    }
