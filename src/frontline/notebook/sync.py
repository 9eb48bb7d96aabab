"""The notebook's record type for the sync engine: `notebook.entry`, evidential, create-only."""

from frontline.notebook import services
from frontline.notebook.models import NotebookEntry
from frontline.notebook.schemas import EntryPayload
from frontline.sync.registry import (
    EVIDENTIAL,
    Applied,
    ApplyContext,
    BatchWrites,
    RecordType,
    evidential_applied,
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
    return evidential_applied(context, created=result.created)


def entries_apply(contexts: list[ApplyContext], writes: BatchWrites) -> list[Applied]:
    """A batch of one device's new entries, set-based; raises when any is not a plain new one."""
    officer = contexts[0].officer
    services.notebook_entries_create(
        officer=officer,
        entries=[
            {
                "entry_id": context.record_id,
                "kind": context.payload.kind,
                "occurred_at": context.payload.occurred_at,
                "text": context.payload.text,
                "supersedes_id": context.payload.supersedes,
            }
            for context in contexts
        ],
        device=contexts[0].device,
        app_version=contexts[0].app_version,
        writes=writes,
    )
    return [evidential_applied(context, created=True) for context in contexts]


# The columns a pulled entry is made of, in the order `_entry_dict` takes them.
SERIALISED_COLUMNS = (
    "id",
    "officer_id",
    "author_id",
    "author__collar_number",
    "seq",
    "kind",
    "occurred_at",
    "recorded_at",
    "text",
    "supersedes_id",
    "hash",
)


def entries_serialise(ids) -> dict:
    # Plain rows rather than model instances: a pull page holds up to 1,000 entries, and
    # building two model instances per entry (the entry and its author) was most of its time.
    rows = NotebookEntry.objects.filter(pk__in=ids).order_by().values_list(*SERIALISED_COLUMNS)
    return {row[0]: _entry_dict(*row) for row in rows}


def entry_serialise(entry: NotebookEntry) -> dict:
    return _entry_dict(
        entry.pk,
        entry.officer_id,
        entry.author_id,
        entry.author.collar_number,
        entry.seq,
        entry.kind,
        entry.occurred_at,
        entry.recorded_at,
        entry.text,
        entry.supersedes_id,
        entry.hash,
    )


def _entry_dict(
    pk,
    officer_id,
    author_id,
    collar_number,
    seq,
    kind,
    occurred_at,
    recorded_at,
    text,
    supersedes_id,
    digest,
) -> dict:
    return {
        "id": str(pk),
        "officer_id": str(officer_id),
        "author_id": str(author_id),
        "author_collar_number": collar_number,
        "seq": seq,
        "kind": kind,
        "occurred_at": occurred_at.isoformat(),
        "recorded_at": recorded_at.isoformat(),
        "text": text,
        "supersedes": str(supersedes_id) if supersedes_id else None,
        "hash": digest,
    }


RECORD_TYPES = [
    RecordType(
        name=services.SYNC_TYPE,
        lane=EVIDENTIAL,
        schema=EntryPayload,
        apply=entry_apply,
        serialise_many=entries_serialise,
        apply_many=entries_apply,
    )
]
