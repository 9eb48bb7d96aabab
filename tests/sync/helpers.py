"""Building pushes the way the officer app does."""

import uuid
from datetime import UTC, datetime, timedelta

APP = {"X-App-Version": "1.4.0"}


class Device:
    """A simulated officer-app install: its own device_seq counter."""

    def __init__(self, api):
        self.api = api
        self.seq = 0

    def mutation(
        self, payload=None, *, type="notebook.entry", op="create", record_id=None, **extra
    ):
        self.seq += 1
        body = {
            "mutation_id": str(uuid.uuid4()),
            "device_seq": self.seq,
            "type": type,
            "op": op,
            "id": str(record_id or uuid.uuid4()),
            "payload": payload if payload is not None else entry_payload(),
        }
        body.update(extra)
        return body

    def push(self, *mutations, headers=APP):
        return self.api.client.post(
            "/api/v1/sync/push",
            {"mutations": list(mutations)},
            content_type="application/json",
            headers={**self.api.headers(), **headers},
        )

    def pull(self, cursor="0", limit=None, headers=APP):
        params = {"cursor": cursor}
        if limit:
            params["limit"] = limit
        return self.api.client.get(
            "/api/v1/sync/pull", params, headers={**self.api.headers(), **headers}
        )

    def pull_all(self, cursor="0", limit=50):
        changes = []
        while True:
            page = self.pull(cursor, limit).json()
            changes += page["changes"]
            cursor = page["cursor"]
            if not page["more"]:
                return changes, cursor


def entry_payload(text="Attended King Street.", **overrides):
    payload = {
        "kind": "entry",
        "occurred_at": (datetime.now(UTC) - timedelta(minutes=1)).isoformat(),
        "text": text,
    }
    payload.update(overrides)
    return payload
