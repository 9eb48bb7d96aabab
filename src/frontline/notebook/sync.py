"""The notebook's record type for the sync engine: `notebook.entry`, evidential, create-only."""

from django.db import connection

from frontline.accounts.models import Officer
from frontline.common.prepared import rows_fetch
from frontline.common.sqltext import placeholders, sql_time_iso, sql_uuid_text, uuid_params
from frontline.notebook import services
from frontline.notebook.models import NotebookEntry
from frontline.notebook.schemas import EntryPayload
from frontline.sync.registry import (
    EVIDENTIAL,
    Applied,
    ApplyContext,
    Prepared,
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


def entries_prepare(contexts: list[ApplyContext]) -> Prepared:
    """A batch of one device's new entries, checked and made ready before the transaction,
    with the function that writes it inside. Raises when any is not a plain new one."""
    batch = services.notebook_entries_prepare(
        officer=contexts[0].officer,
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
    )
    return Prepared(
        applied=[evidential_applied(context, created=True) for context in contexts],
        write=batch.write,
    )


def entries_serialise(ids) -> dict:
    """Pulled entries by id, their ids and times rendered as text by the database.

    Plain SQL rather than the ORM: a pull page holds up to 1,000 entries, and turning stored
    UUIDs and times into objects and back into strings was most of its time. The result is
    exactly what `entry_serialise` gives for each entry (tests/notebook check it).
    """
    if not ids:
        return {}
    if connection.vendor == "postgresql":  # one statement for any count, kept prepared
        rows = rows_fetch(_serialise_sql(None), [uuid_params(ids)])
    else:
        rows = rows_fetch(_serialise_sql(len(ids)), uuid_params(ids))
    return {row[0]: dict(zip(SERIALISED_KEYS, row, strict=True)) for row in rows}


# The keys of a pulled entry, in the order `_serialise_sql` selects them.
SERIALISED_KEYS = (
    "id",
    "officer_id",
    "author_id",
    "author_collar_number",
    "seq",
    "kind",
    "occurred_at",
    "recorded_at",
    "text",
    "supersedes",
    "hash",
)


def _serialise_sql(count: int | None) -> str:
    """The statement for `count` ids as many parameters, or (None) for one array of ids."""
    entries, officers = NotebookEntry._meta.db_table, Officer._meta.db_table
    columns = [
        sql_uuid_text("e.id"),
        sql_uuid_text("e.officer_id"),
        sql_uuid_text("e.author_id"),
        "a.collar_number",
        "e.seq",
        "e.kind",
        sql_time_iso("e.occurred_at"),
        sql_time_iso("e.recorded_at"),
        "e.text",
        sql_uuid_text("e.supersedes_id"),
        "e.hash",
    ]
    # Only the models' own table and column names go into the text; ids are parameters.
    return (
        f"SELECT {', '.join(columns)} FROM {entries} e "  # noqa: S608
        f"JOIN {officers} a ON a.id = e.author_id WHERE "
        + (f"e.id IN ({placeholders(count)})" if count is not None else "e.id = ANY(%s)")
    )


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
        prepare_many=entries_prepare,
    )
]
