"""A served SQLite worker checkpoints the write-ahead log from its own thread, not in commits."""

import struct
import time
from pathlib import Path

import pytest
from django.db import connection

from frontline import server
from frontline.common import walcheckpoint, writerqueue

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's write-ahead log; PostgreSQL checkpoints itself"
)
ROW = b"x" * 3000  # one row a page, near enough
ROWS = 2_000  # about 8 MB: twice SQLite's own 1,000-page threshold


@pytest.fixture
def scratch():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE walcheckpoint_scratch (body BLOB)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE walcheckpoint_scratch")


def _write(rows: int) -> None:
    for start in range(0, rows, 250):  # several commits, as requests make them
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO walcheckpoint_scratch (body) VALUES (%s)",
                [(ROW,) for _ in range(min(250, rows - start))],
            )


def _log_behind() -> int:
    """Frames of the write-ahead log not yet copied into the database file, read from the
    wal-index header (SQLite's file format: mxFrame at byte 16, nBackfill at byte 96, in the
    machine's byte order)."""
    shm = Path(connection.settings_dict["NAME"] + "-shm").read_bytes()
    max_frame = struct.unpack_from("=I", shm, 16)[0]
    backfilled = struct.unpack_from("=I", shm, 96)[0]
    return max_frame - backfilled


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_commits_leave_the_log_to_the_thread_which_moves_it_into_the_file(scratch):
    connection.close()
    checkpointer = walcheckpoint.Checkpointer(interval=3600).start()  # started, not yet due
    try:
        assert walcheckpoint.autocheckpoint_pages() == walcheckpoint.CEILING_PAGES
        _write(ROWS)
        # No commit checkpointed: the new pages are all still only in the log.
        assert _log_behind() >= ROWS
        busy, in_log, checkpointed = walcheckpoint.checkpoint_once()
        assert busy == 0 and in_log >= ROWS and checkpointed == in_log
        assert _log_behind() == 0
    finally:
        checkpointer.stop()
    # Stopped: connections opened now checkpoint as SQLite does by default.
    connection.close()
    assert walcheckpoint.autocheckpoint_pages() == 1000


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_thread_checkpoints_on_its_interval(scratch):
    connection.close()
    checkpointer = walcheckpoint.background_checkpoints_start(0.05)
    try:
        _write(ROWS)
        deadline = time.monotonic() + 10
        while _log_behind():
            assert time.monotonic() < deadline, "the log never reached the database file"
            time.sleep(0.05)
    finally:
        checkpointer.stop()


@pytest.mark.django_db
def test_nothing_starts_when_turned_off_or_on_postgresql():
    assert walcheckpoint.background_checkpoints_start(0) is None
    if connection.vendor != "sqlite":
        assert walcheckpoint.background_checkpoints_start(0.25) is None


def test_each_served_worker_starts_it_with_the_configured_interval(monkeypatch, settings):
    options, started = {}, []
    monkeypatch.setattr(server._Gunicorn, "run", lambda self: options.update(self.options))
    monkeypatch.setattr(walcheckpoint, "background_checkpoints_start", started.append)
    monkeypatch.setattr(writerqueue, "writer_queue_enable", lambda path: None)
    settings.SQLITE_CHECKPOINT_MS = 125
    server.serve(host="127.0.0.1", port=0, workers=1)
    options["post_worker_init"](None)
    assert started == [0.125]
