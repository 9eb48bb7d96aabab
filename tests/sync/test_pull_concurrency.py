"""PostgreSQL, real threads, commits landing out of order: pulls never skip a change."""

import random
import threading
import time
import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from frontline.notebook.services import notebook_entries_create, notebook_entry_create
from frontline.sync.selectors import sync_pull

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]

WRITERS = 6
PER_WRITER = 20


@pytest.mark.parametrize("batch", [1, 3])
def test_union_of_pulled_pages_equals_the_committed_changes(officer, team_mate, batch):
    """batch 3: each transaction appends three entries, as a set-based push does."""
    committed: set[uuid.UUID] = set()
    committed_lock = threading.Lock()
    errors: list[BaseException] = []
    writers_done = threading.Event()
    pulled: list[uuid.UUID] = []
    cursors: list[int] = []

    def writer(index: int):
        rng = random.Random(index)
        try:
            for n in range(PER_WRITER):
                owner = officer if n % 2 == 0 else team_mate
                entry_ids = [uuid.uuid4() for _ in range(batch)]
                with transaction.atomic():
                    if batch == 1:
                        notebook_entry_create(
                            officer=owner,
                            entry_id=entry_ids[0],
                            kind="entry",
                            occurred_at=datetime.now(UTC),
                            text=f"writer {index} entry {n}",
                        )
                    else:
                        notebook_entries_create(
                            officer=owner,
                            entries=[
                                {
                                    "entry_id": entry_id,
                                    "kind": "entry",
                                    "occurred_at": datetime.now(UTC),
                                    "text": f"writer {index} entry {n}.{k}",
                                    "supersedes_id": None,
                                }
                                for k, entry_id in enumerate(entry_ids)
                            ],
                        )
                    # Hold the transaction open a while: commits land in a scrambled order.
                    time.sleep(rng.random() * 0.01)
                if owner == officer:
                    with committed_lock:
                        committed.update(entry_ids)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    def reader():
        cursor = 0
        try:
            while True:
                finished = writers_done.is_set()
                page = sync_pull(officer=officer, cursor=cursor, limit=7)
                pulled.extend(uuid.UUID(change["id"]) for change in page["changes"])
                cursor = int(page["cursor"])
                cursors.append(cursor)
                if finished and not page["more"]:
                    return
                if not page["more"]:
                    time.sleep(0.002)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    pulling = threading.Thread(target=reader)
    pulling.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    writers_done.set()
    pulling.join(timeout=120)

    assert not errors, errors
    assert len(committed) == WRITERS * PER_WRITER // 2 * batch
    assert len(pulled) == len(set(pulled)), "a change was pulled twice"
    assert set(pulled) == committed, "a committed change was skipped"
    assert cursors == sorted(cursors), "the cursor went backwards"
