"""Pushes arriving together in one worker commit in one transaction, each in its own savepoint.

Each test holds the first push inside its transaction until the others have queued behind it,
so the group that follows is known, then checks what every push's request got and what the
database holds: each push applied exactly once and answered only after the commit, a push that
fails failing alone, a failed commit acknowledging nothing.
"""

import threading
import time
import uuid

import pytest
from django.db import OperationalError, connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from frontline import cli
from frontline.accounts import roles
from frontline.accounts.services import device_enrol, enrolment_code_issue, officer_create
from frontline.notebook.models import NotebookEntry
from frontline.sync import groupcommit, services
from frontline.sync.models import Change, Mutation
from tests.sync.helpers import entry_payload

pytestmark = pytest.mark.django_db(transaction=True)

PUSHES = 5  # one leader held back, then a group of four


def _mutations(count: int, start: int = 1) -> list[dict]:
    return [
        {
            "mutation_id": uuid.uuid4(),
            "device_seq": seq,
            "type": "notebook.entry",
            "op": "create",
            "id": uuid.uuid4(),
            "payload": entry_payload(f"Entry {seq}"),
        }
        for seq in range(start, start + count)
    ]


@pytest.fixture
def pushers(station, team):
    """(officer, device) for PUSHES officers of one team, each with an enrolled device."""
    made = []
    for n in range(PUSHES):
        officer = officer_create(
            collar_number=f"PC{7100 + n}",
            given_name="Group",
            family_name=f"Officer {n}",
            password="correct-horse-battery",
            officer_roles=[roles.OFFICER],
            station=station,
            team=team,
        )
        issued = enrolment_code_issue(actor=None, label=f"group {n}")
        device, _ = device_enrol(code=issued.code, app_version="1.4.0")
        made.append((officer, device))
    return made


@pytest.fixture
def groups(monkeypatch):
    """The sizes of the groups run, in order."""
    sizes = []
    real = groupcommit._group_run

    def counted(group):
        sizes.append(len(group))
        return real(group)

    monkeypatch.setattr(groupcommit, "_group_run", counted)
    return sizes


def _push_together(pushers, batches, monkeypatch, *, fail_for=None):
    """Push `batches[i]` for `pushers[i]` from a thread each: the first is held inside its
    transaction until the rest are queued. Returns (answers, errors) by pusher index."""
    held, release = threading.Event(), threading.Event()
    real_write = services._batch_write

    def write(**kwargs):
        if not held.is_set():
            held.set()
            release.wait(30)
        written = real_write(**kwargs)
        if fail_for is not None and kwargs["device"].pk == fail_for.pk:
            raise RuntimeError("this push went wrong after writing")  # its writes must go
        return written

    monkeypatch.setattr(services, "_batch_write", write)
    answers, errors = {}, {}

    def push(index):
        officer, device = pushers[index]
        try:
            answers[index] = services.sync_push(
                officer=officer, device=device, app_version="1.4.0", mutations=batches[index]
            )
        except Exception as exc:  # reported by index
            errors[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=push, args=(0,))]
    threads[0].start()
    assert held.wait(30)
    threads += [threading.Thread(target=push, args=(i,)) for i in range(1, len(pushers))]
    for thread in threads[1:]:
        thread.start()
    deadline = time.monotonic() + 30
    while len(groupcommit._queue) < len(pushers) - 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    queued = len(groupcommit._queue)
    assert not answers, "a push was answered while the first still held its transaction"
    release.set()
    for thread in threads:
        thread.join(60)
    assert queued == len(pushers) - 1
    return answers, errors


def _applied(answer, count) -> bool:
    return [r["status"] for r in answer["results"]] == ["applied"] * count


def test_pushes_arriving_together_commit_as_one_group_each_applied_once(
    pushers, groups, monkeypatch, capsys
):
    batches = [_mutations(10) for _ in pushers]

    answers, errors = _push_together(pushers, batches, monkeypatch)

    assert errors == {}
    assert groups == [1, PUSHES - 1]
    for index, (officer, _) in enumerate(pushers):
        assert _applied(answers[index], 10)
        assert answers[index]["acked_device_seq"] == 10
        assert NotebookEntry.objects.filter(officer=officer).count() == 10
    assert Mutation.objects.count() == 10 * PUSHES
    assert Change.objects.filter(type="notebook.entry").count() == 10 * PUSHES
    assert cli.main(["verify", "--quiet"]) == 0, capsys.readouterr().out
    # Sent again (a device that lost the answer): the stored responses, nothing new.
    again = services.sync_push(
        officer=pushers[3][0], device=pushers[3][1], app_version="1.4.0", mutations=batches[3]
    )
    assert again == answers[3]
    assert Mutation.objects.count() == 10 * PUSHES


def test_a_push_that_fails_in_a_group_fails_alone(pushers, groups, monkeypatch, capsys):
    batches = [_mutations(5) for _ in pushers]
    failing_officer, failing_device = pushers[2]

    answers, errors = _push_together(pushers, batches, monkeypatch, fail_for=failing_device)

    assert set(errors) == {2} and isinstance(errors[2], RuntimeError)
    assert groups == [1, PUSHES - 1]
    assert NotebookEntry.objects.filter(officer=failing_officer).count() == 0
    assert not Mutation.objects.filter(device=failing_device).exists()
    for index in (0, 1, 3, 4):
        assert _applied(answers[index], 5)
        assert NotebookEntry.objects.filter(officer=pushers[index][0]).count() == 5
    assert cli.main(["verify", "--quiet"]) == 0, capsys.readouterr().out


def test_when_a_groups_commit_fails_no_push_of_it_is_acknowledged(
    pushers, groups, monkeypatch, capsys
):
    batches = [_mutations(5) for _ in pushers]
    real_commit = BaseDatabaseWrapper._commit
    commits = []

    def commit(self):
        commits.append(threading.current_thread().name)
        if len(commits) == 2:  # the group's, after the held leader's own
            raise OperationalError("disk I/O error")
        return real_commit(self)

    monkeypatch.setattr(BaseDatabaseWrapper, "_commit", commit)

    answers, errors = _push_together(pushers, batches, monkeypatch)

    assert groups == [1, PUSHES - 1]
    assert set(answers) == {0}
    assert set(errors) == set(range(1, PUSHES))
    assert all(isinstance(error, OperationalError) for error in errors.values())
    for officer, _ in pushers[1:]:
        assert NotebookEntry.objects.filter(officer=officer).count() == 0
    assert Mutation.objects.count() == 5
    # Each device sends its batch again, and it is applied exactly once.
    for index in range(1, PUSHES):
        officer, device = pushers[index]
        answer = services.sync_push(
            officer=officer, device=device, app_version="1.4.0", mutations=batches[index]
        )
        assert _applied(answer, 5)
    assert Mutation.objects.count() == 5 * PUSHES
    assert cli.main(["verify", "--quiet"]) == 0, capsys.readouterr().out


def test_a_push_inside_the_callers_transaction_runs_there_alone(pushers, groups):
    officer, device = pushers[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        answer = services.sync_push(
            officer=officer, device=device, app_version="1.4.0", mutations=_mutations(3)
        )
        assert _applied(answer, 3)
        raise RuntimeError("the caller's transaction rolls back")
    assert groups == []
    assert not Mutation.objects.exists()
    assert NotebookEntry.objects.count() == 0


def test_with_group_commit_off_every_push_has_its_own_transaction(
    pushers, groups, monkeypatch, settings
):
    settings.SYNC_GROUP_COMMIT = False
    officer, device = pushers[0]
    answer = services.sync_push(
        officer=officer, device=device, app_version="1.4.0", mutations=_mutations(3)
    )
    assert _applied(answer, 3)
    assert groups == []
