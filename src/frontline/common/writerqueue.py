"""SQLite's writers in a served station database take turns through a lock file, in kernel order.

SQLite has one writer. A writer that finds the write lock taken waits in SQLite's busy handler,
which sleeps in growing steps (1, 2, 5, 10 ... 100 ms) and looks again: the lock stands idle
between one transaction's commit and the next waiter's wake-up, and a writer unlucky in its
sleeps waits far longer than the rest. Measured on a served push load (4 workers x 4 threads,
40 devices; docs/benchmarks.md), the write lock was busy 83-88% of the time, idle a mean 3-5 ms
between transactions, and a push's p95 wait for it was over a second.

Here each thread of a `frontline serve` worker, before its transaction's `BEGIN IMMEDIATE`,
takes an exclusive `flock` on `<database>.writers` through a descriptor of its own, and gives
it back when the transaction commits or rolls back, or its connection closes. The kernel hands
the lock to a waiter the moment it is given back, so SQLite's write lock goes from one
transaction to the next with no idle gap. Writes outside a transaction (autocommit) and other
processes (`frontline` commands) do not take a turn: they queue in SQLite as before, and since
they never wait for a turn they cannot deadlock with a thread holding one. A process that dies
gives its turns back with its descriptors.

Only `frontline serve` turns the queue on (server.py), as it does the checkpoint thread.
"""

import fcntl
import os
import threading

_path: str | None = None
_local = threading.local()


def writer_queue_enable(database_path: str) -> None:
    """Make this process's write transactions on that database take turns (served workers)."""
    global _path
    _path = f"{database_path}.writers"


def writer_queue_disable() -> None:
    global _path
    _path = None


def turn_take(database_path: str) -> bool:
    """Wait for this thread's turn to write; True if one was taken (give it back with
    `turn_give`). Nothing is taken when the queue is off or for another database."""
    if _path is None or _path != f"{database_path}.writers":
        return False
    descriptor = _descriptor()
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # blocks in the kernel; the interpreter lock is free
    return True


def turn_give() -> None:
    fcntl.flock(_descriptor(), fcntl.LOCK_UN)


def _descriptor() -> int:
    # One descriptor per thread: flock locks belong to an open file description, so threads
    # sharing one would share the lock. Keyed by process too, so a forked child opens its own
    # instead of sharing its parent's.
    held = getattr(_local, "held", None)
    if held is None or held[0] != os.getpid():
        descriptor = os.open(_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        held = _local.held = (os.getpid(), descriptor)
    return held[1]
