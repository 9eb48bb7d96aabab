"""Concurrent pushes in one worker process committed in one transaction (group commit).

A push's writes take little time next to what surrounds them: taking the database's single
writer (SQLite) or the change feed's and audit trail's head rows (PostgreSQL), handing them
on, and committing. When a worker's request threads push at once, the first becomes the
leader: it opens one transaction and runs each waiting push in a savepoint of its own, then
commits once; every push answers only after that commit. The next group is led by the first
push that arrived meanwhile, so no request waits behind more than the group in front of it.

Each push keeps its own guarantees: its effects and stored responses are in its savepoint,
written all or nothing; a push that fails rolls back its savepoint alone and its request
fails as before, while the others go on; if the commit fails, no push of the group is
acknowledged, and each device sends its batch again (exactly-once rests on the database's
constraints, as always). A push made inside a transaction the caller already holds runs
there, alone.
"""

import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction

MAX_GROUP = 16  # pushes in one transaction at most: bounds how long the first one waits


class _Push:
    __slots__ = ("error", "lead", "result", "wake", "work")

    def __init__(self, work: Callable):
        self.work = work
        self.wake = threading.Event()
        self.lead = False  # woken to lead the next group, not because it is done
        self.result = None
        self.error: BaseException | None = None


_queue: list[_Push] = []
_guard = threading.Lock()
_leader = False  # whether a thread is leading a group now


def run_in_group(work: Callable):
    """`work()`'s result once the transaction it ran in has committed; its exception if it
    raised (its savepoint rolled back) or the group's if the commit failed."""
    if connection.in_atomic_block or not getattr(settings, "SYNC_GROUP_COMMIT", True):
        with transaction.atomic():
            return work()
    global _leader
    push = _Push(work)
    with _guard:
        _queue.append(push)
        lead = not _leader
        _leader = True
    if lead:
        _lead()
    while True:
        push.wake.wait()
        if not push.lead:
            break
        push.lead = False
        push.wake.clear()
        _lead()
    if push.error is not None:
        raise push.error
    return push.result


def _lead() -> None:
    """Run the pushes waiting now as one group, then hand the lead to the next waiting push."""
    global _leader
    with _guard:
        group = _queue[:MAX_GROUP]
        del _queue[:MAX_GROUP]
    try:
        _group_run(group)
    finally:
        with _guard:
            if _queue:
                _queue[0].lead = True
                _queue[0].wake.set()
            else:
                _leader = False
        for push in group:
            push.wake.set()


def _group_run(group: list[_Push]) -> None:
    try:
        with transaction.atomic():
            for push in group:
                try:
                    with transaction.atomic():
                        push.result = push.work()
                except Exception as exc:  # this push's request fails; the others go on
                    push.error = exc
    except BaseException as exc:  # nothing of the group was committed: none is acknowledged
        for push in group:
            push.result, push.error = None, exc
        if not isinstance(exc, Exception):
            raise
