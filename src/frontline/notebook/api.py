"""Pocket notebook endpoints: create and read own entries; supervisors read and inspect."""

from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from frontline.accounts.selectors import officer_get
from frontline.audit.services import consultation_record
from frontline.common.errors import NotFound
from frontline.notebook import access, selectors, services
from frontline.notebook.schemas import EntryIn, EntryOut, EntryPage, InspectionIn

router = Router(tags=["notebook"])


class NotebookPageQuery(Schema):
    before_seq: int | None = Field(None, ge=1)
    limit: int | None = Field(None, ge=1, le=200)


class NotebookReasonQuery(Schema):
    reason: str | None = Field(None, max_length=500, description="why you are viewing it (s62)")


@router.post("/entries", response={200: EntryOut, 201: EntryOut})
def entry_create(request, body: EntryIn, response: HttpResponse):
    """Create an entry. The same id and content again returns the stored entry (200)."""
    result = services.notebook_entry_create(
        officer=request.officer,
        entry_id=body.id,
        kind=body.kind,
        occurred_at=body.occurred_at,
        text=body.text,
        supersedes_id=body.supersedes,
        device=request.device,
        app_version=request.device.app_version,
    )
    return Status(201 if result.created else 200, result.entry)


@router.get("/entries", response=EntryPage)
def entries_list(request, page: Query[NotebookPageQuery]):
    """My notebook, newest first."""
    return _page(request.officer, page)


@router.get("/entries/{entry_id}", response=EntryOut)
def entry_get(request, entry_id: UUID, query: Query[NotebookReasonQuery]):
    entry = selectors.notebook_entry_get(entry_id=entry_id)
    if entry is None or not access.notebook_can_read(request.officer, entry.officer):
        raise NotFound("not_found", "no such entry in a notebook you may read", field="entry_id")
    if access.notebook_read_is_consultation(request.officer, entry.officer):
        consultation_record(
            actor=request.officer,
            device=request.device,
            object_type="notebook.entry",
            object_id=entry.pk,
            justification=query.reason or "",
        )
    return entry


@router.get("/officers/{officer_id}/entries", response=EntryPage)
def officer_entries_list(
    request, officer_id: UUID, page: Query[NotebookPageQuery], query: Query[NotebookReasonQuery]
):
    """Another officer's notebook, for their supervisor or an auditor; logged with the reason."""
    officer = _readable_officer(request, officer_id)
    if access.notebook_read_is_consultation(request.officer, officer):
        consultation_record(
            actor=request.officer,
            device=request.device,
            object_type="notebook.notebook",
            object_id=officer.pk,
            justification=query.reason or "",
        )
    return _page(officer, page)


@router.post("/officers/{officer_id}/inspections", response={200: EntryOut, 201: EntryOut})
def inspection_record(request, officer_id: UUID, body: InspectionIn):
    """A supervisor records an inspection: a signed entry in the inspected notebook."""
    officer = officer_get(officer_id=officer_id)
    # The same answer for "no such officer" and "not yours to inspect": ids cannot be probed.
    if officer is None or not access.notebook_can_inspect(request.officer, officer):
        raise NotFound("not_found", "no notebook you may inspect", field="officer_id")
    result = services.notebook_inspection_record(
        supervisor=request.officer,
        officer=officer,
        entry_id=body.id,
        text=body.text,
        occurred_at=body.occurred_at,
        device=request.device,
        app_version=request.device.app_version,
    )
    return Status(201 if result.created else 200, result.entry)


def _readable_officer(request, officer_id):
    officer = officer_get(officer_id=officer_id)
    if officer is None or not access.notebook_can_read(request.officer, officer):
        raise NotFound("not_found", "no such notebook you may read", field="officer_id")
    return officer


def _page(officer, page: NotebookPageQuery) -> dict:
    entries, more = selectors.notebook_entries_list(
        officer=officer, before_seq=page.before_seq, limit=page.limit
    )
    return {
        "entries": entries,
        "more": more,
        "next_before_seq": entries[-1].seq if more and entries else None,
    }
