"""SQLite write transactions queue on the writer lock, held from BEGIN to the transaction's end.

What the lock is for (handing the write lock over at once instead of SQLite's busy handler
sleeping) is a matter of speed, shown by bench/sync; these tests hold what it must do to be
safe: every way a transaction ends gives it back, a writer in another process makes ours wait
and then go on, a wait ends with SQLite's own "database is locked" error after the timeout with
nothing written, and a forked worker does not share its parent's lock.
"""

import fcntl
import os
import subprocess
import sys
import threading

import pytest
from django.db import OperationalError, connection, transaction

from frontline.common.sqlite.writerlock import WriterLock

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single writer only"),
    # No test-wide transaction: each test begins and ends its own.
    pytest.mark.django_db(transaction=True),
]

HOLDER = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def scratch():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE writerlock_scratch (n INTEGER)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE writerlock_scratch")


def _lock_path() -> str:
    return os.path.abspath(connection.settings_dict["NAME"]) + "-writer"


def _lock_free() -> bool:
    """Whether another holder (a file opened apart, as another process opens it) could take it."""
    fd = os.open(_lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def _insert(n: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO writerlock_scratch (n) VALUES (%s)", [n])


def _rows() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM writerlock_scratch ORDER BY rowid")
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def other_process():
    """Another process holding the writer lock until `release()` is called."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, _lock_path()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"

    def release():
        if holder.poll() is None:
            holder.stdin.write("go\n")
            holder.stdin.flush()
            holder.wait(timeout=10)

    yield release
    release()


def test_a_write_transaction_holds_the_lock_until_it_commits(scratch):
    assert _lock_free()
    with transaction.atomic():
        _insert(1)
        assert not _lock_free()
        with transaction.atomic():  # a savepoint: still the same transaction
            _insert(2)
        assert not _lock_free()
    assert _lock_free()
    assert _rows() == [1, 2]


def test_a_rolled_back_transaction_gives_the_lock_back(scratch):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        _insert(1)
        1 / 0  # noqa: B018
    assert _lock_free()
    assert _rows() == []


def test_closing_the_connection_mid_transaction_gives_the_lock_back(scratch):
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    _insert(1)
    assert not _lock_free()
    connection.close()
    assert _lock_free()
    assert _rows() == []


def test_reads_outside_a_transaction_take_no_lock(scratch, other_process):
    assert _rows() == []  # would wait, then fail, if a read queued behind the other writer


def test_a_writer_in_another_process_makes_ours_wait_then_go_on(scratch, other_process):
    done = threading.Event()
    failed = []

    def write():
        try:
            with transaction.atomic():
                _insert(7)
        except Exception as exc:  # reported below
            failed.append(exc)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    assert not done.wait(0.5), "the write went ahead while another process held the lock"
    other_process()
    assert done.wait(10)
    thread.join()
    assert failed == []
    assert _rows() == [7]
    assert _lock_free()


def test_a_wait_past_the_timeout_fails_as_sqlite_does_and_writes_nothing(scratch, other_process):
    options = connection.settings_dict["OPTIONS"]
    saved = options.get("timeout")
    options["timeout"] = 0.3
    try:
        with pytest.raises(OperationalError, match="database is locked"), transaction.atomic():
            _insert(1)
    finally:
        options["timeout"] = saved
    other_process()
    assert _rows() == []
    assert _lock_free()


def test_threads_of_one_process_queue_and_each_write_lands(scratch):
    inside, release = threading.Event(), threading.Event()
    order = []

    def first():
        with transaction.atomic():
            _insert(1)
            inside.set()
            release.wait(10)
            order.append("first committed")
        connection.close()

    def second():
        inside.wait(10)
        with transaction.atomic():
            order.append("second began")
            _insert(2)
        connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    inside.wait(10)
    threads[1].join(0.5)
    assert threads[1].is_alive(), "the second writer did not wait for the first"
    release.set()
    for thread in threads:
        thread.join(10)
    assert order == ["first committed", "second began"]
    assert _rows() == [1, 2]


def _in_child(check) -> int:
    """Run `check` in a forked child; its exit code (0 when it returned True)."""
    pid = os.fork()
    if pid == 0:
        try:
            os._exit(0 if check() else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _acquired(lock: WriterLock, timeout: float) -> bool:
    try:
        lock.acquire(timeout=timeout)
    except OperationalError:
        return False
    lock.release()
    return True


def test_a_forked_worker_does_not_share_its_parents_lock(tmp_path):
    lock = WriterLock(str(tmp_path / "station.db"))
    lock.acquire(timeout=1)
    lock._threads.release()  # only the file lock stays held: the child can only meet that
    try:
        # Sharing the parent's open file would hand the child the parent's lock.
        assert _in_child(lambda: not _acquired(lock, 0.2)) == 0, "the child took the lock"
    finally:
        lock._threads.acquire()
        lock.release()
    assert _acquired(lock, 1)


def test_a_forked_worker_does_not_inherit_a_queue_held_at_the_fork(tmp_path):
    lock = WriterLock(str(tmp_path / "station.db"))
    lock._threads.acquire()  # as a parent thread waiting for, or holding, the lock
    try:
        assert _in_child(lambda: _acquired(lock, 1)) == 0, "the child waited on its parent"
    finally:
        lock._threads.release()


def test_the_lock_can_be_turned_off(scratch, settings):
    settings.SQLITE_WRITER_LOCK = False
    with transaction.atomic():
        _insert(1)
        assert _lock_free()
    assert _rows() == [1]
