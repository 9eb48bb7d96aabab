"""Sync reads: the change feed, page by page, filtered to what the officer may see."""

import functools

from django.db.models import Max

from frontline.common.prepared import rows_fetch
from frontline.common.sqltext import sql_uuid_text, uuid_param
from frontline.sync import registry
from frontline.sync.models import Change, ChangeHead, MediaWait, Mutation, Upload

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
FEED = "main"  # feed.FEED


def sync_pull(*, officer, cursor: int, limit: int | None = None) -> dict:
    """Changes after `cursor` in commit order.

    The page stops at the committed head of the feed: every seq at or below a committed head
    is committed (see feed.change_record), so the page can hand the head back as the
    cursor without ever stepping over a change that has not committed yet. The head and the
    page are read by one statement, so they come from one snapshot: on PostgreSQL a
    statement sees one moment, and on SQLite a statement runs inside one read transaction.

    The statement is plain SQL that renders record ids as text in the database: it runs on
    every sync of every device (at force scale, hundreds a second that find nothing new), and
    the ORM's query building and value converters, then three round trips, were most of it.
    Every value in the page is a str, int, bool or None.
    """
    limit = max(1, min(limit or DEFAULT_LIMIT, MAX_LIMIT))
    params = [FEED, uuid_param(officer.pk), cursor, limit + 1]
    if officer.team_id is not None:
        params += [uuid_param(officer.team_id), cursor, limit + 1]
    fetched = rows_fetch(_pull_sql(officer.team_id is not None), params)
    head_seq, pruned_through, rows = 0, 0, set()
    for part, seq, type_name, record_id, op, version in fetched:
        if part == 0:
            head_seq, pruned_through = seq, version  # the head row: see _pull_sql
        else:
            rows.add((seq, type_name, record_id, op, version))  # own team rows: in both parts
    if 0 < cursor < pruned_through or cursor > head_seq:
        # Tombstones this device never saw were pruned, or the server was restored to an
        # earlier state: the device must drop what it pulled and start again from 0.
        return {"changes": [], "cursor": "0", "more": True, "reset": True}
    rows = sorted(rows)[: limit + 1]
    more = len(rows) > limit
    rows = rows[:limit]
    data = _serialised(rows)
    changes = []
    for seq, type_name, record_id, op, version in rows:
        item = data.get((type_name, record_id)) if op == "upsert" else None
        if op == "upsert" and item is None:
            op = "delete"  # the record is gone (disposed): tell the device to drop it
        changes.append(
            {
                "seq": seq,
                "type": type_name,
                "id": record_id,
                "op": op,
                "version": version,
                "data": item,
            }
        )
    next_cursor = rows[-1][0] if more else head_seq
    return {"changes": changes, "cursor": str(next_cursor), "more": more, "reset": False}


@functools.cache
def _pull_sql(with_team: bool) -> str:
    """One statement: the head as a row of its own (part 0, its pruned_through in the version
    column), then the officer's own changes and, with a team, the team-scoped ones (part 1),
    each read in seq order from its own index and stopping at the page's end.

    Only the models' own table and column names and fixed conditions go into the text; values
    are always parameters.
    """
    change, head = Change._meta.db_table, ChangeHead._meta.db_table
    record_id = sql_uuid_text("record_id")

    def page(visible: str) -> str:
        return (
            f"SELECT * FROM (SELECT 1, seq, type, {record_id}, op, version FROM {change} "  # noqa: S608
            f"WHERE {visible} AND seq > %s AND seq <= (SELECT seq FROM head) "
            "ORDER BY seq LIMIT %s) AS page"
        )

    parts = [
        f"WITH head AS (SELECT seq, pruned_through FROM {head} WHERE name = %s) "  # noqa: S608
        "SELECT 0, seq, NULL, NULL, NULL, pruned_through FROM head",
        page("owner_id = %s"),
    ]
    if with_team:
        parts.append(page("scope = 'team' AND team_id = %s"))
    return " UNION ALL ".join(parts)


def awaiting_media(*, type_name: str, record_id) -> list[str]:
    return sorted(
        MediaWait.objects.filter(type=type_name, record_id=record_id).values_list(
            "sha256", flat=True
        )
    )


def _serialised(rows) -> dict:
    """{(type, record id as text): data} for the page's upserts, one query per type."""
    by_type: dict[str, list] = {}
    for _, type_name, record_id, op, _ in rows:
        if op == "upsert":
            by_type.setdefault(type_name, []).append(record_id)
    data = {}
    for type_name, ids in by_type.items():
        record_type = registry.record_type_get(type_name)
        if record_type is None:
            continue
        for record_id, item in record_type.serialise_many(ids).items():
            # Keys may be UUIDs or their text (see registry.RecordType.serialise_many).
            data[(type_name, record_id if type(record_id) is str else str(record_id))] = item
    return data


def device_unsynced(*, device) -> dict:
    """What the server knows one device had not finished sending: for a wipe report."""
    last_acked = Mutation.objects.filter(device=device).aggregate(seq=Max("device_seq"))["seq"] or 0
    uploads = list(
        Upload.objects.filter(device=device, blob__complete=False).values_list(
            "blob_id", "blob__size", "received"
        )
    )
    records = Mutation.objects.filter(device=device).values("record_id")
    awaited = list(
        MediaWait.objects.filter(record_id__in=records)
        .values_list("type", "record_id", "sha256")
        .order_by("type", "record_id", "sha256")
    )
    return {
        "last_acked_device_seq": last_acked,
        "incomplete_uploads": [
            {"sha256": sha, "size": size, "received": received} for sha, size, received in uploads
        ],
        "records_awaiting_media": [
            {"type": type_name, "id": str(record_id), "sha256": sha}
            for type_name, record_id, sha in awaited
        ],
    }
