"""On PostgreSQL with real threads: concurrent writers never fork a chain or reuse a seq."""

import itertools
import threading
import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection

from frontline import cli
from frontline.audit.models import AuditEvent
from frontline.notebook import services
from frontline.notebook.models import NotebookEntry

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]

WRITERS = 8
PER_WRITER = 15


def _write_concurrently(officer, *, same_ids: bool = False):
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []
    shared_ids = [uuid.uuid4() for _ in range(PER_WRITER)]
    shared_time = datetime.now(UTC)

    def writer(index: int):
        try:
            barrier.wait()
            for n in range(PER_WRITER):
                services.notebook_entry_create(
                    officer=officer,
                    entry_id=shared_ids[n] if same_ids else uuid.uuid4(),
                    kind="entry",
                    occurred_at=shared_time if same_ids else datetime.now(UTC),
                    text=f"Entry {n}" if same_ids else f"Writer {index} entry {n}",
                )
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def test_concurrent_creates_for_one_officer_never_fork_the_chain(officer, capsys):
    _write_concurrently(officer)
    entries = list(NotebookEntry.objects.filter(officer=officer).order_by("seq"))
    assert [e.seq for e in entries] == list(range(1, WRITERS * PER_WRITER + 1))
    for previous, entry in itertools.pairwise(entries):
        assert entry.prev_hash == previous.hash
    assert cli.main(["verify", "--quiet"]) == 0, capsys.readouterr().out
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_concurrent_replays_of_the_same_entries_store_each_once(officer, capsys):
    _write_concurrently(officer, same_ids=True)
    assert NotebookEntry.objects.filter(officer=officer).count() == PER_WRITER
    assert cli.main(["verify", "--quiet"]) == 0, capsys.readouterr().out
