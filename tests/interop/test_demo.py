"""The demo has records due for review and a configured local destination that delivers."""

from frontline import demo
from frontline.common.clock import now
from frontline.interop.models import Destination, ReviewDecision
from frontline.interop.outbox import outbox_run_once
from frontline.interop.retention import LONDON, retention_due


def test_demo_has_records_due_and_a_working_local_destination(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RETENTION_REVIEW_YEARS = ["stopsearch.record=0"]  # as in the demo environment

    demo.demo_load()

    today = now().astimezone(LONDON).date()
    assert len(retention_due(on=today)) > 10
    assert ReviewDecision.objects.filter(decision="retain").count() == 1
    destination = Destination.objects.get()
    run = outbox_run_once()
    assert run.delivered > 10 and run.dead == 0
    assert len(list((tmp_path / "outbox-drop").glob("*.json"))) == run.delivered
    assert destination.kind == "directory"
