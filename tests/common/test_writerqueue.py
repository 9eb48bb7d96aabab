"""Served SQLite writers take turns through a lock file (common/writerqueue.py)."""

import fcntl
import os
import threading

import pytest
from django.db import connection, connections, transaction

from frontline import server
from frontline.common import writerqueue

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's single writer; PostgreSQL locks rows"
)


@pytest.fixture
def queue():
    writerqueue.writer_queue_enable(connection.settings_dict["NAME"])
    yield f"{connection.settings_dict['NAME']}.writers"
    writerqueue.writer_queue_disable()


def _turn_taken_elsewhere(path: str) -> bool:
    """Whether some descriptor holds the lock: a new one cannot take it without waiting."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_write_transaction_holds_a_turn_until_it_commits(queue):
    with transaction.atomic():
        assert _turn_taken_elsewhere(queue)
    assert not _turn_taken_elsewhere(queue)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_gives_its_turn_back(queue):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert _turn_taken_elsewhere(queue)
        1 / 0  # noqa: B018
    assert not _turn_taken_elsewhere(queue)


@pytest.mark.django_db(transaction=True)
def test_a_connection_closed_in_a_transaction_gives_its_turn_back(queue):
    with transaction.atomic():
        connection.close()
        assert not _turn_taken_elsewhere(queue)


@pytest.mark.django_db(transaction=True)
def test_a_second_writer_waits_for_the_turn_then_writes(queue):
    """The second thread's transaction begins only once the first has committed: it waited
    for the turn, and the write it then made is there."""
    order, began = [], threading.Event()

    def second():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                order.append("second began")
                began.set()
                cursor.execute("SELECT 1")
        finally:
            connections.close_all()

    with transaction.atomic():
        thread = threading.Thread(target=second)
        thread.start()
        assert not began.wait(0.3), "the second writer began while the first held the turn"
        order.append("first commits")
    thread.join(10)
    assert order == ["first commits", "second began"]
    assert not _turn_taken_elsewhere(queue)


@pytest.mark.django_db(transaction=True)
def test_a_forked_worker_takes_turns_of_its_own(queue):
    """A child forked while the parent's thread holds a turn must wait for it, not share it."""
    with transaction.atomic():
        child = os.fork()
        if child == 0:  # the child: its own descriptor, so the parent's turn blocks it
            try:
                descriptor = writerqueue._descriptor()
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os._exit(0)
            os._exit(1)
        _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the child shared the parent's turn"


@pytest.mark.django_db(transaction=True)
def test_off_no_turn_is_taken():
    path = f"{connection.settings_dict['NAME']}.writers"
    writerqueue.writer_queue_disable()
    with transaction.atomic():
        assert not writerqueue.turn_take(connection.settings_dict["NAME"])
        if os.path.exists(path):
            assert not _turn_taken_elsewhere(path)


def test_each_served_worker_turns_it_on_for_its_database(monkeypatch):
    enabled = []
    monkeypatch.setattr(writerqueue, "writer_queue_enable", enabled.append)
    monkeypatch.setattr("frontline.common.walcheckpoint.background_checkpoints_start", float)
    server._worker_ready(None)
    assert enabled == [connection.settings_dict["NAME"]]
