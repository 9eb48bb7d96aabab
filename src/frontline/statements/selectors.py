"""Reading witness statements. Fixed query counts: a page is one query, a statement two."""

from django.db.models import F

from frontline.accounts import roles
from frontline.common.paging import page_size
from frontline.statements.models import Statement


def statement_get(*, statement_id) -> Statement | None:
    """One statement with its author, and the ids of the further statements that follow it."""
    statement = (
        Statement.objects.select_related("author", "author__team", "further_to")
        .filter(pk=statement_id)
        .first()
    )
    if statement is not None:
        statement.further_ids = list(
            Statement.objects.filter(further_to_id=statement.pk)
            .order_by("signed_at", "id")
            .values_list("id", flat=True)
        )
    return statement


def statements_list(*, author, before=None, limit: int | None = None):
    """A page of the statements `author` took, newest first, and whether older ones remain.
    `before` is the last statement of the previous page."""
    size = page_size(limit)
    query = Statement.objects.filter(author=author)
    if before is not None:
        query = query.filter(recorded_at__lte=before.recorded_at).exclude(
            recorded_at=before.recorded_at, id__gte=before.id
        )
    rows = list(query.order_by("-recorded_at", "-id")[: size + 1])
    return rows[:size], len(rows) > size


def statements_readable_by(*, viewer, limit: int = 200):
    """Statements the back office lists for `viewer`: all for an auditor, the team's for its
    supervisor, otherwise their own. Newest first, one query."""
    query = Statement.objects.select_related("author")
    if viewer.has_role(roles.AUDITOR):
        pass
    elif viewer.has_role(roles.SUPERVISOR) and viewer.team_id is not None:
        query = query.filter(author__team_id=viewer.team_id)
    else:
        query = query.filter(author=viewer)
    return list(query.order_by("-recorded_at", "-id")[:limit])


def statement_usage_rows(*, officer_ids, start, end) -> list[dict]:
    """Statements the officers took, received in [start, end): begun, signed and received, on
    which device, for the evaluation's usage measures. One query; nothing the witness said."""
    return list(
        Statement.objects.filter(
            author_id__in=officer_ids, recorded_at__gte=start, recorded_at__lt=end
        ).values(
            "device_id",
            "signed_at",
            officer_id=F("author_id"),
            occurred_at=F("taken_at"),
            received_at=F("recorded_at"),
        )
    )
