"""Verifying every officer's notebook chain straight from the database rows."""

import hashlib
from collections.abc import Callable

from django.db import connection

from frontline.audit.integrity import ChainBreak, ChainReport, rows_fetch
from frontline.common.hashing import GENESIS_HASH, SEPARATOR
from frontline.common.sqlcanon import sql_time, sql_uuid
from frontline.notebook.models import NotebookHead
from frontline.notebook.services import NOTEBOOK_TAG


def notebook_chains_verify(progress: Callable[[int], None] | None = None) -> ChainReport:
    vendor = connection.vendor
    # Built only from constant column names, never from input.
    sql = (
        f"SELECT {sql_uuid('officer_id', vendor)}, {sql_uuid('id', vendor)}, "
        f"{sql_uuid('author_id', vendor)}, seq, kind, {sql_time('occurred_at', vendor)}, "
        f"{sql_time('recorded_at', vendor)}, {sql_uuid('supersedes_id', vendor)}, "
        f"{sql_uuid('device_id', vendor)}, app_version, text, prev_hash, hash "
        "FROM notebook_notebookentry ORDER BY officer_id, seq"
    )
    heads = {
        officer_id.hex: (seq, digest)
        for officer_id, seq, digest in NotebookHead.objects.values_list("officer_id", "seq", "hash")
    }
    prefix = NOTEBOOK_TAG + SEPARATOR
    sha256 = hashlib.sha256
    join = SEPARATOR.join
    breaks: list[ChainBreak] = []
    link_broken: set[str] = set()  # chains whose first broken link is already reported
    tampered: set[str] = set()  # chains whose first altered row is already reported
    seen: dict[str, tuple[int, str]] = {}
    current = None
    expected_seq, expected_prev = 1, GENESIS_HASH
    count = 0
    for row in rows_fetch(sql):
        count += 1
        if progress and count % 100_000 == 0:
            progress(count)
        officer = row[0]
        if officer != current:
            if current is not None:
                seen[current] = (expected_seq - 1, expected_prev)
            current, expected_seq, expected_prev = officer, 1, GENESIS_HASH
        seq = row[3]
        digest = sha256(
            (prefix + join((row[1], officer, row[2], str(seq), *row[4:12]))).encode()
        ).hexdigest()
        if digest != row[12] and officer not in tampered:
            # The row itself was altered: name it, whatever the links around it say.
            tampered.add(officer)
            breaks.append(
                ChainBreak(
                    f"notebook:{officer}",
                    f"entry {row[1]} (seq {seq})",
                    "hash does not match the entry's contents",
                )
            )
        elif officer not in link_broken and officer not in tampered:
            reason = None
            if seq != expected_seq:
                reason = f"expected seq {expected_seq}: entries missing"
            elif row[11] != expected_prev:
                reason = "prev_hash does not match the previous entry"
            if reason:
                link_broken.add(officer)
                breaks.append(
                    ChainBreak(f"notebook:{officer}", f"entry {row[1]} (seq {seq})", reason)
                )
        expected_seq, expected_prev = seq + 1, row[12]
    if current is not None:
        seen[current] = (expected_seq - 1, expected_prev)
    broken = link_broken | tampered
    for officer in seen.keys() - heads.keys() - broken:
        breaks.append(ChainBreak(f"notebook:{officer}", "head", "the chain head row is missing"))
    for officer, (head_seq, head_hash) in heads.items():
        if officer in broken:
            continue
        last_seq, last_hash = seen.get(officer, (0, GENESIS_HASH))
        if (last_seq, last_hash) != (head_seq, head_hash):
            breaks.append(
                ChainBreak(
                    f"notebook:{officer}",
                    f"seq {head_seq}",
                    f"the chain head records seq {head_seq} but the notebook ends at {last_seq}: "
                    "entries removed from the end",
                )
            )
    return ChainReport(name="notebook", rows=count, chains=len(heads), breaks=breaks)
