"""On PostgreSQL with real threads: the same statement sent at once from several connections
(a retry racing the original) is stored once and audited once."""

import threading
import uuid

import pytest
from django.db import connection

from frontline import cli
from frontline.audit.models import AuditEvent
from frontline.statements.models import Statement
from frontline.statements.services import statement_create
from tests.statements.helpers import details, upload_signature

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]

SENDERS = 6


def test_concurrent_sends_of_one_statement_store_it_once(officer, capsys):
    upload_signature()
    statement_id = uuid.uuid4()
    same = details()
    barrier = threading.Barrier(SENDERS)
    created, errors = [], []

    def sender():
        try:
            barrier.wait()
            result = statement_create(officer=officer, statement_id=statement_id, details=same)
            created.append(result.created)
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert sorted(created) == [False] * (SENDERS - 1) + [True]
    assert Statement.objects.filter(pk=statement_id).count() == 1
    assert AuditEvent.objects.filter(action="statement.signed").count() == 1
    assert cli.main(["verify", "--quiet"]) == 0, capsys.readouterr().out
