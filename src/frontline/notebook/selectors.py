"""Reading the pocket notebook. Fixed query counts: one query per page."""

from django.db import models

from frontline.accounts import roles
from frontline.accounts.selectors import officers_list
from frontline.common.paging import page_size
from frontline.notebook.models import NotebookEntry


def notebook_entries_list(*, officer, before_seq: int | None = None, limit: int | None = None):
    """A page of one officer's entries, newest first, and whether older ones remain."""
    size = page_size(limit)
    query = NotebookEntry.objects.filter(officer=officer).select_related("author")
    if before_seq is not None:
        query = query.filter(seq__lt=before_seq)
    rows = list(query.order_by("-seq")[: size + 1])
    return rows[:size], len(rows) > size


def notebooks_readable_by(*, viewer):
    """The officers whose notebooks `viewer` may open: everyone for an auditor, the team for
    its supervisor, otherwise only their own."""
    if viewer.has_role(roles.AUDITOR):
        return officers_list()
    if viewer.has_role(roles.SUPERVISOR) and viewer.team_id is not None:
        return officers_list(team_id=viewer.team_id)
    return officers_list().filter(pk=viewer.pk)


def notebook_entry_get(*, entry_id) -> NotebookEntry | None:
    return NotebookEntry.objects.select_related("officer", "author").filter(pk=entry_id).first()


def notebook_usage_rows(*, officer_ids, start, end) -> list[dict]:
    """Entries the officers wrote themselves, received in [start, end): when and on which
    device, for the evaluation's usage measures. One query; no text."""
    return list(
        NotebookEntry.objects.filter(
            officer_id__in=officer_ids,
            author_id=models.F("officer_id"),
            recorded_at__gte=start,
            recorded_at__lt=end,
        ).values("officer_id", "device_id", "occurred_at", received_at=models.F("recorded_at"))
    )
