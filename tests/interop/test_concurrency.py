"""On PostgreSQL with real threads: two reviewers disposing of one record at once leave one
decision, one tombstone and intact chains."""

import threading

import pytest
from django.db import connection

from frontline import cli
from frontline.audit.models import Disposal
from frontline.common.errors import InvalidInput
from frontline.interop.models import ReviewDecision
from frontline.interop.retention import retention_decide
from tests.interop.helpers import REASON, records_about_person

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]

REVIEWERS = 4


def test_concurrent_disposals_of_one_record_dispose_it_once(officer, auditor, capsys):
    entry = records_about_person(officer)["notebook.entry"]
    barrier = threading.Barrier(REVIEWERS)
    done, refused, errors = [], [], []

    def reviewer():
        try:
            barrier.wait()
            done.append(
                retention_decide(
                    actor=auditor,
                    record_type="notebook.entry",
                    record_id=entry.pk,
                    decision="dispose",
                    reason=REASON,
                )
            )
        except InvalidInput as exc:
            refused.append(exc.code)
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=reviewer) for _ in range(REVIEWERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert len(done) == 1 and refused == ["disposed"] * (REVIEWERS - 1)
    assert Disposal.objects.count() == 1 and ReviewDecision.objects.count() == 1
    assert cli.main(["verify", "--quiet"]) == 0, capsys.readouterr().out
