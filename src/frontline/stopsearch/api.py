"""Stop and search endpoints: record, list, read, receipt, GOWISELY prompts, monthly export."""

from typing import Literal
from uuid import UUID

from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from frontline.audit.services import consultation_record
from frontline.common.errors import NotFound, PermissionDenied
from frontline.stopsearch import access, export, selectors, services, stats, vocab
from frontline.stopsearch.receipt import receipt_data, receipt_qr_svg
from frontline.stopsearch.schemas import (
    GowiselyItem,
    Receipt,
    StopSearchForm,
    StopSearchIn,
    StopSearchOut,
    StopSearchPage,
)

router = Router(tags=["stopsearch"])


class ListQuery(Schema):
    month: str | None = Field(None, description="YYYY-MM, London time")
    station: str | None = Field(None, max_length=8, description="station code, e.g. HS")
    officer: str | None = Field(None, max_length=16, description="collar number")
    type: str | None = Field(None, max_length=32)
    outcome: str | None = Field(None, max_length=40)
    ethnicity: str | None = Field(None, max_length=2, description="self-defined code, e.g. A1")
    before: str | None = Field(None, max_length=80, description="next_before from a page")
    limit: int | None = Field(None, ge=1, le=200)


class ReasonQuery(Schema):
    reason: str | None = Field(None, max_length=500, description="why you are viewing it (s62)")


class ExportQuery(Schema):
    month: str = Field(description="YYYY-MM, London time")
    format: Literal["json", "csv"] = "json"


@router.post("", response={200: StopSearchOut, 201: StopSearchOut})
def stop_search_create(request, body: StopSearchIn, response: HttpResponse):
    """Record a search. The same id and content again returns the stored record (200)."""
    details = body.model_dump(exclude={"id"})
    result = services.stop_search_record(
        officer=request.officer,
        record_id=body.id,
        details=details,
        device=request.device,
        app_version=request.device.app_version,
    )
    return Status(201 if result.created else 200, result.record)


@router.get("", response=StopSearchPage)
def stop_searches_list(request, query: Query[ListQuery]):
    """Records you may read, newest first: your own; your team's as a supervisor; all as an
    auditor. Rows carry no grounds and no personal details, so listing is not a consultation."""
    filters = query.model_dump(include=set(selectors.FILTERS))
    records, more = selectors.stop_searches_list(
        scope=access.stop_search_scope(request.officer),
        filters=filters,
        before=query.before,
        limit=query.limit,
    )
    return {
        "records": records,
        "more": more,
        "next_before": selectors.cursor_of(records[-1]) if more and records else None,
    }


@router.get("/gowisely", response=list[GowiselyItem])
def gowisely(request):
    """The GOWISELY prompts the officer gives before searching (PACE Code A 3.8)."""
    return [{"letter": ltr, "word": word, "prompt": text} for ltr, word, text in vocab.GOWISELY]


@router.get("/form", response=StopSearchForm)
def stop_search_form(request):
    """What the officer app caches to record a search and give its receipt offline."""
    return selectors.stop_search_form(officer=request.officer)


@router.get("/export")
def stop_searches_export(request, query: Query[ExportQuery]):
    """A month in the data.police.uk shape, for auditors, evaluators and admins. No names."""
    if not access.stop_search_export_can_read(request.officer):
        raise PermissionDenied("forbidden", "auditors, evaluators and admins export searches")
    text = export.stop_searches_export(month=query.month, format=query.format)
    response = HttpResponse(text, content_type=export.FORMATS[query.format])
    filename = f"stop-and-search-{query.month}.{query.format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class StatisticsQuery(Schema):
    month: str = Field(description="YYYY-MM, London time")


class CountRow(Schema):
    label: str = Field(description="the data.police.uk value string, or 'Not recorded'")
    count: int


class StatisticsOut(Schema):
    month: str
    scope: Literal["force", "team"] = Field(
        description="`team` when the caller is a supervisor without a force-wide role"
    )
    total: int
    by_self_defined_ethnicity: list[CountRow]
    by_object_of_search: list[CountRow]
    by_outcome: list[CountRow]
    outcome_linked_to_object: int
    outcome_linked_rate: float = Field(description="per hundred searches, one decimal place")
    arrests: int
    arrest_rate: float = Field(description="per hundred searches, one decimal place")


@router.get("/statistics", response=StatisticsOut)
def stop_searches_statistics(request, query: Query[StatisticsQuery]):
    """A month's counts (never people): supervisors see their team, force-wide roles the force."""
    if not access.stop_search_statistics_can_read(request.officer):
        raise PermissionDenied("forbidden", "supervisors, auditors, evaluators and admins")
    team_only = access.stop_search_statistics_team_only(request.officer)
    figures = stats.stop_search_statistics(
        month=query.month, team_id=request.officer.team_id if team_only else None
    )
    return {
        "month": figures.month,
        "scope": "team" if team_only else "force",
        "total": figures.total,
        "by_self_defined_ethnicity": _rows(figures.by_ethnicity),
        "by_object_of_search": _rows(figures.by_object),
        "by_outcome": _rows(figures.by_outcome),
        "outcome_linked_to_object": figures.linked,
        "outcome_linked_rate": figures.linked_rate,
        "arrests": figures.arrests,
        "arrest_rate": figures.arrest_rate,
    }


@router.get("/{record_id}", response=StopSearchOut)
def stop_search_get(request, record_id: UUID, query: Query[ReasonQuery]):
    """One full record. Someone else's needs a reason, and the view is logged (s62)."""
    record = selectors.stop_search_get(record_id=record_id)
    if record is None or not access.stop_search_can_read(request.officer, record):
        raise NotFound("not_found", "no such record you may read", field="record_id")
    if access.stop_search_read_is_consultation(request.officer, record):
        consultation_record(
            actor=request.officer,
            device=request.device,
            object_type=services.SYNC_TYPE,
            object_id=record.pk,
            justification=query.reason or "",
        )
    return record


@router.get("/{record_id}/receipt", response=Receipt)
def stop_search_receipt(request, record_id: UUID):
    """The receipt, for the searching officer to give at the roadside as a link or QR code."""
    record = selectors.stop_search_get(record_id=record_id)
    if record is None or not access.stop_search_receipt_can_read(request.officer, record):
        raise NotFound("not_found", "no such record of yours", field="record_id")
    url = request.build_absolute_uri(
        reverse("office:stop-search-receipt", kwargs={"token": record.receipt_token})
    )
    data = receipt_data(record)
    return {
        "urn": data.urn,
        "occurred_at": data.occurred_at,
        "officer": data.officer,
        "legislation": data.legislation,
        "object_of_search": data.object_of_search,
        "receipt_url": url,
        "qr_svg": receipt_qr_svg(url),
        "how_to_request_record": data.how_to_request_record,
        "request_record_by": data.request_record_by,
    }


def _rows(pairs: list[tuple[str, int]]) -> list[dict]:
    return [{"label": label, "count": count} for label, count in pairs]
