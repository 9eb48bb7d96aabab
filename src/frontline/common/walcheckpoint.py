"""SQLite's WAL checkpoints moved out of the write path of a served station database.

SQLite checkpoints inside whichever commit takes the write-ahead log past 1,000 pages: that
commit copies pages back into the database file and syncs it while it still holds the single
write lock, so every writer queued behind it waits too. In a worker of `frontline serve` a
thread checkpoints instead, every few seconds, in PASSIVE mode (it neither waits for nor
blocks readers and writers), and each request connection's own automatic checkpoint is raised to
a ceiling that still bounds the log should the thread fall behind or stop. Nothing about
durability changes: a commit is in the log either way, and the same pages reach the file.

PostgreSQL needs none of this: its own checkpointer is already a background process.
"""

import logging
import threading

from django.db import DatabaseError, connection, connections
from django.db.backends.signals import connection_created

log = logging.getLogger(__name__)

CEILING_PAGES = 25_000  # a request commit still checkpoints past this: about 100 MB of log


class Checkpointer:
    """The checkpointing thread of one served worker (`start`), stopped by `stop` (tests)."""

    def __init__(self, interval: float):
        self.interval = interval
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="sqlite-wal-checkpoint", daemon=True)

    def start(self) -> "Checkpointer":
        connection_created.connect(_autocheckpoint_raise, dispatch_uid=__name__)
        # A connection already open in this thread would go on checkpointing in its commits.
        connection.close()
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.thread.join()
        connection_created.disconnect(dispatch_uid=__name__)

    def _loop(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    checkpoint_once()
                except DatabaseError as exc:  # tried again next round; the ceiling bounds the log
                    log.warning("WAL checkpoint failed: %s", type(exc).__name__)
        finally:
            connection.close()


def background_checkpoints_start(interval: float) -> Checkpointer | None:
    """For a served worker, before it takes requests: checkpoint from a thread every `interval`
    seconds. None (nothing started) on PostgreSQL or when `interval` is 0."""
    if interval <= 0 or connections["default"].vendor != "sqlite":
        return None
    return Checkpointer(interval).start()


def checkpoint_once() -> tuple[int, int, int]:
    """One PASSIVE checkpoint on this thread's connection: (busy, frames in the log, frames
    checkpointed), as SQLite reports them."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        return tuple(cursor.fetchone())


def autocheckpoint_pages() -> int:
    """The automatic checkpoint threshold of this thread's connection, in pages."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return cursor.fetchone()[0]


def _autocheckpoint_raise(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint={CEILING_PAGES}")
