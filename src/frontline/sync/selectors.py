"""Sync reads: the change feed, page by page, filtered to what the officer may see."""

from django.db.models import Max

from frontline.sync import registry
from frontline.sync.models import Change, ChangeHead, MediaWait, Mutation, Upload

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000


def sync_pull(*, officer, cursor: int, limit: int | None = None) -> dict:
    """Changes after `cursor` in commit order.

    The head is read first: every seq at or below a committed head is committed (see
    services.change_record), so the page can stop at the head and hand it back as the cursor
    without ever stepping over a change that has not committed yet.
    """
    limit = max(1, min(limit or DEFAULT_LIMIT, MAX_LIMIT))
    head = ChangeHead.objects.filter(pk="main").values_list("seq", "pruned_through").first()
    head_seq, pruned_through = head or (0, 0)
    if 0 < cursor < pruned_through or cursor > head_seq:
        # Tombstones this device never saw were pruned, or the server was restored to an
        # earlier state: the device must drop what it pulled and start again from 0.
        return {"changes": [], "cursor": "0", "more": True, "reset": True}
    # Two index-ordered reads, each stopping at the page's end, merged by seq: one OR query
    # read and sorted every remaining visible change for every page.
    rows = _page(Change.objects.filter(owner=officer), cursor, head_seq, limit)
    if officer.team_id is not None:
        team = _page(
            Change.objects.filter(scope="team", team_id=officer.team_id), cursor, head_seq, limit
        )
        rows = sorted(set(rows).union(team))[: limit + 1]  # own team-scoped rows are in both
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


def _page(changes, cursor: int, head_seq: int, limit: int) -> list[tuple]:
    return list(
        changes.filter(seq__gt=cursor, seq__lte=head_seq)
        .order_by("seq")
        .values_list("seq", "type", "record_id", "op", "version")[: limit + 1]
    )


def awaiting_media(*, type_name: str, record_id) -> list[str]:
    return sorted(
        MediaWait.objects.filter(type=type_name, record_id=record_id).values_list(
            "sha256", flat=True
        )
    )


def _serialised(rows) -> dict:
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
            data[(type_name, record_id)] = item
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
