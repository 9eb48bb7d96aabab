"""What information management needs from the notebook (see frontline.audit.keeping).

A disposed entry keeps its row: id, officer, seq, times, kind and its chain hashes, so the
officer's chain still links; only the text is blanked. The verifier accepts the blank text of an
entry only when a disposal tombstone holds that entry's hash.
"""

from uuid import UUID

from frontline.audit.keeping import (
    HeldRows,
    RecordKeeping,
    SubjectMatch,
    record_dispose,
    record_keeping_register,
)
from frontline.notebook.models import NotebookEntry

RECORD_TYPE = "notebook.entry"
SUBJECT_LIMIT = 500
BUNDLE_LIMIT = 2_000  # entries in one extract


def register() -> None:
    held_rows = HeldRows(
        record_type=RECORD_TYPE,
        rows=NotebookEntry.objects.all,
        made_at="recorded_at",
        officer="officer",
        station="officer__station",
        summary=lambda entry: f"{entry.kind} #{entry.seq}",
        blanked={"text": ""},
    )
    record_keeping_register(
        RecordKeeping(
            record_type=RECORD_TYPE,
            label="Pocket notebook entry",
            review_years=6,
            held=held_rows.held,
            held_get=held_rows.held_get,
            dispose=entry_dispose,
            subject_find=entries_mentioning,
            content=entry_content,
            verify=entry_chain_verify,
            made_between=entries_made_between,
        )
    )


def entry_dispose(record_id: UUID) -> dict | None:
    return record_dispose(
        NotebookEntry.objects.filter(pk=record_id),
        blank={"text": ""},
        proof=("hash", "prev_hash", "seq"),
    )


def entries_mentioning(name: str, birth_date) -> list[SubjectMatch]:
    """Entries whose text names the person (the notebook holds no separate date of birth)."""
    rows = (
        NotebookEntry.objects.filter(text__icontains=name)
        .select_related("officer")
        .order_by("recorded_at")[:SUBJECT_LIMIT]
    )
    return [
        SubjectMatch(
            record_type=RECORD_TYPE,
            record_id=entry.pk,
            made_at=entry.recorded_at,
            officer=entry.officer.collar_number,
            role="named in the text",
            content=_content(entry),
        )
        for entry in rows
    ]


def entry_content(record_id: UUID) -> dict | None:
    entry = NotebookEntry.objects.filter(pk=record_id).select_related("officer").first()
    return _content(entry) if entry else None


def entries_made_between(collar_number: str, start, end) -> list[UUID]:
    """An officer's entries made (device clock) in [start, end), in notebook order."""
    return list(
        NotebookEntry.objects.filter(
            officer__collar_number__iexact=collar_number,
            occurred_at__gte=start,
            occurred_at__lt=end,
        )
        .order_by("seq")
        .values_list("pk", flat=True)[:BUNDLE_LIMIT]
    )


def entry_chain_verify(record_id: UUID) -> list[str]:
    """The whole chain of the entry's notebook, as `frontline verify` checks it."""
    from frontline.notebook.integrity import notebook_chain_verify

    entry = NotebookEntry.objects.filter(pk=record_id).first()
    if entry is None:
        return ["no such notebook entry"]
    return [str(brk) for brk in notebook_chain_verify(entry.officer_id).breaks]


def _content(entry: NotebookEntry) -> dict:
    return {
        "id": str(entry.pk),
        "officer": entry.officer.collar_number,
        "seq": entry.seq,
        "kind": entry.kind,
        "occurred_at": entry.occurred_at.isoformat(),
        "recorded_at": entry.recorded_at.isoformat(),
        "supersedes": str(entry.supersedes_id) if entry.supersedes_id else None,
        "text": entry.text,
        "hash": entry.hash,
        "prev_hash": entry.prev_hash,
    }
