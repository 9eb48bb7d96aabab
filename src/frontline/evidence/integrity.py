"""Verifying every evidence item and its chain of custody straight from the database rows.

For each item: its hash is recomputed from its stored fields; its custody events, in seq order,
must each hash to their stored hash, run 1, 2, 3… without gaps, and link to the one before (the
first to the item's own hash); the last must match the item's EvidenceHead (events removed from
the end). The first break of each chain is named. The canonical forms are in the package
docstring (`frontline.evidence`).
"""

import hashlib
from collections.abc import Callable

from django.db import connection

from frontline.audit.integrity import ChainBreak, ChainReport, read_snapshot, rows_fetch
from frontline.audit.selectors import disposed_proofs
from frontline.common.hashing import SEPARATOR
from frontline.common.sqlcanon import sql_time, sql_uuid
from frontline.evidence.custody import CUSTODY_TAG, ITEM_TAG
from frontline.evidence.models import EvidenceHead

DISPOSED_TYPE = "evidence.item"  # the record type its disposals are recorded under


@read_snapshot()  # the items, their events and their heads from one snapshot
def custody_chains_verify(progress: Callable[[int], None] | None = None) -> ChainReport:
    vendor = connection.vendor
    # Built only from constant column names, never from input.
    items_sql = (
        f"SELECT {sql_uuid('id', vendor)}, {sql_uuid('officer_id', vendor)}, "
        f"{sql_uuid('device_id', vendor)}, sha256, media_type, size, filename, "
        f"{sql_time('captured_at', vendor)}, {sql_time('received_at', vendor)}, description, "
        f"record_type, {sql_uuid('record_id', vendor)}, app_version, hash "
        "FROM evidence_evidenceitem"
    )
    events_sql = (
        f"SELECT {sql_uuid('item_id', vendor)}, seq, action, {sql_time('at', vendor)}, "
        f"{sql_uuid('actor_id', vendor)}, {sql_uuid('device_id', vendor)}, reason, detail, "
        "prev_hash, hash FROM evidence_custodyevent ORDER BY item_id, seq"
    )
    sha256 = hashlib.sha256
    join = SEPARATOR.join
    breaks: list[ChainBreak] = []
    count = 0
    item_hashes: dict[str, str] = {}
    disposed = disposed_proofs(record_type=DISPOSED_TYPE)  # one row per disposal: few
    for row in rows_fetch(items_sql):
        count += 1
        item_id = _hex(row[0])
        item_hashes[item_id] = row[13]
        fields = (item_id, _hex(row[1]), _hex(row[2]), *map(str, row[3:11]), _hex(row[11]), row[12])
        if sha256(join((ITEM_TAG, *fields)).encode()).hexdigest() != row[13] and (
            disposed.get(item_id, {}).get("hash") != row[13]
        ):
            breaks.append(
                ChainBreak(f"evidence:{item_id}", f"item {item_id}", "hash does not match the item")
            )
    heads = {
        item_id.hex: (seq, digest)
        for item_id, seq, digest in EvidenceHead.objects.values_list("item_id", "seq", "hash")
    }
    broken: set[str] = {brk.chain.removeprefix("evidence:") for brk in breaks}
    ends: dict[str, tuple[int, str]] = {}
    for row in rows_fetch(events_sql):
        count += 1
        if progress and count % 100_000 == 0:
            progress(count)
        item_id, seq = _hex(row[0]), row[1]
        expected_seq, expected_prev = ends.get(item_id, (0, item_hashes.get(item_id, "")))
        expected_seq += 1
        ends[item_id] = (seq, row[9])
        if item_id in broken:
            continue
        fields = (item_id, str(seq), *(str(value) for value in row[2:9]))
        where = f"custody event {item_id} seq {seq}"
        reason = None
        if sha256(join((CUSTODY_TAG, *fields)).encode()).hexdigest() != row[9]:
            reason = "hash does not match the event's contents"
        elif seq != expected_seq:
            reason = f"expected seq {expected_seq}: events missing"
        elif row[8] != expected_prev:
            reason = "prev_hash does not match the previous event"
        if reason:
            broken.add(item_id)
            breaks.append(ChainBreak(f"evidence:{item_id}", where, reason))
    for item_id in item_hashes.keys() - heads.keys() - broken:
        breaks.append(ChainBreak(f"evidence:{item_id}", "head", "the chain head row is missing"))
    for item_id, (head_seq, head_hash) in heads.items():
        if item_id in broken:
            continue
        last_seq, last_hash = ends.get(item_id, (0, item_hashes.get(item_id, "")))
        if (last_seq, last_hash) != (head_seq, head_hash):
            breaks.append(
                ChainBreak(
                    f"evidence:{item_id}",
                    f"seq {head_seq}",
                    f"the chain head records seq {head_seq} but custody ends at {last_seq}: "
                    "events removed from the end",
                )
            )
    return ChainReport(name="evidence", rows=count, chains=len(item_hashes), breaks=breaks)


def _hex(value) -> str:
    """A UUID rendered by `sql_uuid`: hex on PostgreSQL; SQLite stores it as 32 hex digits."""
    return (value or "").replace("-", "").lower()
