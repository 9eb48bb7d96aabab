"""Demo information management: a local destination, and a first retention review.

The demo reviews stop and search records from day one (settings: RETENTION_REVIEW_YEARS in the
demo environment), so the review list has records due; one has already been retained. The
destination is a directory drop under the data directory that receives new stop searches and
incident reports as Frontline JSON, signed; `frontline outbox run` delivers them.
"""

import secrets
from datetime import timedelta

from django.conf import settings

from frontline.common.clock import now
from frontline.interop.destinations import destination_create
from frontline.interop.retention import LONDON, retention_decide, retention_due

DROP_FOLDER = "outbox-drop"


def demo_load(*, officers, stations, teams) -> None:
    admin = officers["ST4004"]
    destination_create(
        actor=admin,
        name="Local drop folder (demo)",
        kind="directory",
        directory=str(settings.DATA_DIR / DROP_FOLDER),
        secret=secrets.token_urlsafe(32),
        record_types=["stopsearch.record", "incident.report"],
        events=["created", "updated"],
        format="json",
        backfill=True,  # the demo's records are waiting for the first `frontline outbox run`
    )
    today = now().astimezone(LONDON).date()
    due = retention_due(on=today, record_type="stopsearch.record")
    if due:
        retention_decide(
            actor=officers["ST4003"],
            record_type="stopsearch.record",
            record_id=due[0].record.record_id,
            decision="retain",
            reason="Linked to an open investigation: review again after the trial",
            next_review_on=today + timedelta(days=365),
        )
