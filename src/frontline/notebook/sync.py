"""The notebook's record type for the sync engine: `notebook.entry`, evidential, create-only."""

from frontline.notebook import services
from frontline.notebook.models import NotebookEntry
from frontline.notebook.schemas import EntryPayload
from frontline.sync.registry import (
    EVIDENTIAL,
    Applied,
    ApplyContext,
    RecordType,
    record_type_register,
)


def register() -> None:
    record_type_register(
        RecordType(
            name=services.SYNC_TYPE,
            lane=EVIDENTIAL,
            schema=EntryPayload,
            apply=entry_apply,
            serialise_many=entries_serialise,
        )
    )


def entry_apply(context: ApplyContext) -> Applied:
    payload = context.payload
    result = services.notebook_entry_create(
        officer=context.officer,
        entry_id=context.record_id,
        kind=payload.kind,
        occurred_at=payload.occurred_at,
        text=payload.text,
        supersedes_id=payload.supersedes,
        device=context.device,
        app_version=context.app_version,
    )
    return Applied(
        version=1,
        owner_id=context.officer.pk,
        team_id=context.officer.team_id,
        created=result.created,
    )


def entries_serialise(ids) -> dict:
    entries = NotebookEntry.objects.filter(pk__in=ids).select_related("author")
    return {entry.pk: entry_serialise(entry) for entry in entries}


def entry_serialise(entry: NotebookEntry) -> dict:
    return {
        "id": str(entry.pk),
        "officer_id": str(entry.officer_id),
        "author_id": str(entry.author_id),
        "author_collar_number": entry.author.collar_number,
        "seq": entry.seq,
        "kind": entry.kind,
        "occurred_at": entry.occurred_at.isoformat(),
        "recorded_at": entry.recorded_at.isoformat(),
        "text": entry.text,
        "supersedes": str(entry.supersedes_id) if entry.supersedes_id else None,
        "hash": entry.hash,
    }
