"""A queue for SQLite's single writer that hands the lock over as soon as it is free.

SQLite lets one transaction write at a time. A writer that finds the lock taken sleeps in
SQLite's busy handler, which polls with growing pauses (1, 2, 5, 10, 15, 20, 25 ... 100 ms)
until its timeout: once a few writers queue, the lock stands free for tens of milliseconds
after each commit while they sleep, and a push of 50 records holds it for about ten. A served
station database then did about half the pushes per second the two cores allow, with a core
idle (docs/benchmarks.md).

Here a writer takes this lock before it begins its transaction and gives it back after the
commit or rollback: the threads of one process queue on a `threading.Lock` (woken in turn as
soon as it is released); the one thread of each process at the head of that queue takes an
exclusive `flock` on a file beside the database, which the kernel releases if the process
dies. SQLite's own lock is still what makes writes safe: this lock only orders the writers
that would otherwise wait for it, so a connection that does not take it (another program, the
sqlite3 shell) is still serialised by SQLite as before.
"""

import errno
import fcntl
import os
import threading
import time
import weakref

from django.db.utils import OperationalError

# Between two tries for another process's lock: short, since a commit frees it within
# milliseconds; the thread sleeps (and gives up the interpreter) in between.
_PAUSES = (0.0001, 0.0002, 0.0005)
_PAUSE_MAX = 0.001


class WriterLock:
    """The writer lock of one database file, shared by every connection of this process."""

    def __init__(self, database_path: str):
        self.path = f"{database_path}-writer"
        self._forked()
        _instances.add(self)

    def _forked(self) -> None:
        # Also run in a forked child (a served worker): it must neither share its parent's
        # open file, and with it the parent's lock, nor inherit a queue some parent thread
        # held at the fork.
        self._threads = threading.Lock()
        self._fd: int | None = None

    def acquire(self, timeout: float) -> None:
        """Wait at most `timeout` seconds in all; OperationalError("database is locked") after,
        as SQLite itself reports a writer that waited too long."""
        deadline = time.monotonic() + timeout
        if not self._threads.acquire(timeout=max(0.0, timeout)):
            raise _locked(timeout)
        try:
            fd = self._file()
            tries = 0
            while not _flock_try(fd):
                if time.monotonic() >= deadline:
                    raise _locked(timeout)
                time.sleep(_PAUSES[tries] if tries < len(_PAUSES) else _PAUSE_MAX)
                tries += 1
        except BaseException:
            self._threads.release()
            raise

    def release(self) -> None:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def _file(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        return self._fd


def _flock_try(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return False
        raise
    return True


def _locked(timeout: float) -> OperationalError:
    return OperationalError(f"database is locked (waited {timeout:g} s for the writer lock)")


_locks: dict[str, WriterLock] = {}
_locks_guard = threading.Lock()
_instances: "weakref.WeakSet[WriterLock]" = weakref.WeakSet()


def _after_fork_in_child() -> None:
    global _locks_guard
    _locks_guard = threading.Lock()
    for lock in list(_instances):
        lock._forked()


os.register_at_fork(after_in_child=_after_fork_in_child)


def writer_lock(database_path: str) -> WriterLock:
    """The process's lock for this database file (one per file, whatever the connections)."""
    key = os.path.abspath(database_path)
    with _locks_guard:
        lock = _locks.get(key)
        if lock is None:
            lock = _locks[key] = WriterLock(key)
        return lock
