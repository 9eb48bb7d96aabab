"""Stateful property tests of the sync engine against the real views.

Several simulated devices (two officers, three installs) write notebook entries and editable
drafts while a hostile network drops, duplicates and reorders requests and responses, the
server fails before commit, and clients restart. After every step the invariants of the sync
contract must hold. CI runs a bounded number of examples; `make test-deep` runs many more.
"""

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.test import Client
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from frontline.accounts import roles
from frontline.accounts.services import device_sign_in, officer_create
from frontline.audit.models import AuditEvent
from frontline.notebook.models import NotebookEntry
from frontline.sync import services as sync_services
from frontline.sync.blobs import blob_path
from frontline.sync.models import Conflict, Mutation
from tests.conftest import PASSWORD, Api, enrolled_device
from tests.sync.drafts.models import Draft
from tests.sync.helpers import APP

FATES = ["ok", "ok", "ok", "drop_request", "drop_response", "duplicate", "crash_before_commit"]


class SimDevice:
    """An officer-app install: persisted outbox, seq counter, cursor and pulled copies."""

    def __init__(self, name, officer):
        device, credential = enrolled_device(name)
        token = device_sign_in(
            device=device, collar_number=officer.collar_number, password=PASSWORD
        ).token
        self.name, self.officer = name, officer
        self.api = Api(Client(raise_request_exception=False), token, credential, device, officer)
        self.seq = 0
        self.outbox: dict[str, dict] = {}  # mutation_id -> mutation, kept until settled
        self.failed: dict[str, dict] = {}  # mutation_id -> server's reason
        self.sent: list[list[dict]] = []  # earlier batches, for the network to replay late
        self.cursor = "0"
        self.cursors: list[int] = []
        self.local: dict[tuple[str, str], dict] = {}  # (type, id) -> pulled data
        self.tombstoned: set[tuple[str, str]] = set()
        self.entries: list[str] = []  # ids of entries this device wrote
        self.drafts: dict[str, int] = {}  # draft id -> version this device last saw

    def enqueue(self, type, op, record_id, payload, base_version=None):
        self.seq += 1
        mutation = {
            "mutation_id": str(uuid.uuid4()),
            "device_seq": self.seq,
            "type": type,
            "op": op,
            "id": record_id,
            "payload": payload,
        }
        if base_version is not None:
            mutation["base_version"] = base_version
        self.outbox[mutation["mutation_id"]] = mutation
        return mutation

    def post(self, path, body, headers=None):
        return self.api.client.post(
            path,
            body,
            content_type="application/json",
            headers={**self.api.headers(), **APP, **(headers or {})},
        )

    def get(self, path, params):
        return self.api.client.get(path, params, headers={**self.api.headers(), **APP})


class SyncMachine(RuleBasedStateMachine):
    entries = Bundle("entries")

    @initialize()
    def setup(self):
        tag = uuid.uuid4().hex[:8].upper()
        self.alice = officer_create(
            collar_number=f"A{tag}",
            given_name="Alice",
            family_name="Able",
            password=PASSWORD,
            officer_roles=[roles.OFFICER],
        )
        self.bob = officer_create(
            collar_number=f"B{tag}",
            given_name="Bob",
            family_name="Baker",
            password=PASSWORD,
            officer_roles=[roles.OFFICER],
        )
        self.devices = [
            SimDevice("alice-phone", self.alice),
            SimDevice("alice-tablet", self.alice),
            SimDevice("bob-phone", self.bob),
        ]
        self.responses: dict[str, dict] = {}  # first settled response per mutation id
        self.texts: dict[str, str] = {}  # entry id -> text it was written with
        self.entry_snapshots: dict[str, dict] = {}  # entry id -> first pulled data
        self.deleted_drafts: set[str] = set()
        self.upload = None

    # --- writing -----------------------------------------------------------------------------

    @rule(
        target=entries,
        device=st.integers(0, 2),
        text=st.text(
            st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=40
        ).filter(str.strip),
    )
    def write_entry(self, device, text):
        sim = self.devices[device]
        record_id = str(uuid.uuid4())
        text = f"{text} #{record_id[:8]}"
        sim.enqueue("notebook.entry", "create", record_id, _entry(text))
        sim.entries.append(record_id)
        self.texts[record_id] = text
        return (device, record_id)

    @rule(device=st.integers(0, 2), target=entries, data=st.data())
    def write_correction(self, device, data):
        sim = self.devices[device]
        mine = [d for d in self.devices if d.officer == sim.officer]
        candidates = [e for d in mine for e in d.entries]
        if not candidates:
            return (device, None)
        target = data.draw(st.sampled_from(candidates))
        record_id = str(uuid.uuid4())
        text = f"Correction of {target[:8]} #{record_id[:8]}"
        sim.enqueue(
            "notebook.entry",
            "create",
            record_id,
            _entry(text, kind="correction", supersedes=target),
        )
        sim.entries.append(record_id)
        self.texts[record_id] = text
        return (device, record_id)

    @rule(
        device=st.integers(0, 2), op=st.sampled_from(["create", "update", "delete"]), data=st.data()
    )
    def write_draft(self, device, op, data):
        sim = self.devices[device]
        if op == "create" or not sim.drafts:
            record_id = str(uuid.uuid4())
            sim.enqueue("test.draft", "create", record_id, {"body": "new"})
            sim.drafts[record_id] = 1
            return
        record_id = data.draw(st.sampled_from(sorted(sim.drafts)))
        sim.enqueue(
            "test.draft",
            op,
            record_id,
            {"body": f"edit {uuid.uuid4().hex[:6]}"},
            base_version=sim.drafts[record_id],
        )

    @rule(data=st.data())
    def foreign_writes_are_rejected(self, data):
        """Bob's device tries to correct Alice's entry and to edit Alice's draft."""
        alice_entries = [
            e
            for d in self.devices[:2]
            for e in d.entries
            if NotebookEntry.objects.filter(pk=e).exists()
        ]
        alice_drafts = list(
            Draft.objects.filter(owner=self.alice, deleted=False).values_list("id", "version")
        )
        bob = self.devices[2]
        before = _server_counts()
        attempts = []
        if alice_entries:
            target = data.draw(st.sampled_from(alice_entries))
            attempts.append(
                bob.enqueue(
                    "notebook.entry",
                    "create",
                    str(uuid.uuid4()),
                    _entry("not mine", kind="correction", supersedes=target),
                )
            )
        if alice_drafts:
            draft_id, version = data.draw(st.sampled_from(alice_drafts))
            attempts.append(
                bob.enqueue(
                    "test.draft", "update", str(draft_id), {"body": "hijack"}, base_version=version
                )
            )
        if not attempts:
            return
        results = bob.post("/api/v1/sync/push", {"mutations": attempts}).json()["results"]
        assert [r["status"] for r in results] == ["rejected"] * len(attempts)
        assert _server_counts() == before
        for mutation in attempts:
            del bob.outbox[mutation["mutation_id"]]

    # --- the network ---------------------------------------------------------------------------

    @rule(device=st.integers(0, 2), fate=st.sampled_from(FATES), size=st.integers(1, 5))
    def push(self, device, fate, size):
        sim = self.devices[device]
        batch = [m for m in sim.outbox.values() if m["mutation_id"] not in sim.failed][:size]
        if not batch:
            return
        sim.sent.append(batch)
        if fate == "drop_request":
            return
        if fate == "crash_before_commit":
            before = _server_counts()
            original = sync_services._apply
            crashed = []

            def crash(**kwargs):
                original(**kwargs)
                crashed.append(kwargs["mutation"]["mutation_id"])
                raise RuntimeError("server died before commit")

            with mock.patch.object(sync_services, "_apply", crash):
                response = sim.post("/api/v1/sync/push", {"mutations": batch})
            if crashed:
                # The batch is one transaction: nothing of it may have happened.
                assert response.status_code == 500
                assert _server_counts() == before, "a failed request left effects behind"
                assert not Mutation.objects.filter(pk=crashed[0]).exists()
                return
            assert response.status_code == 200  # all replays: nothing new to apply
            body = response.json()
            self._record(body["results"])
            self._settle(sim, body["results"])
            return
        response = sim.post("/api/v1/sync/push", {"mutations": batch})
        assert response.status_code == 200, response.content
        body = response.json()
        if fate == "duplicate":
            again = sim.post("/api/v1/sync/push", {"mutations": batch}).json()
            self._check_replay(body["results"], again["results"])
        self._record(body["results"])
        if fate == "drop_response":
            return  # committed, but the device never hears of it
        self._settle(sim, body["results"])

    @rule(device=st.integers(0, 2), data=st.data())
    @precondition(lambda self: any(d.sent for d in self.devices))
    def late_replay_of_an_old_batch(self, device, data):
        sim = self.devices[device]
        if not sim.sent:
            return
        batch = data.draw(st.sampled_from(sim.sent))
        body = sim.post("/api/v1/sync/push", {"mutations": batch}).json()
        self._record(body["results"])
        self._settle(sim, body["results"])

    @rule(device=st.integers(0, 2))
    def retry_failed(self, device):
        sim = self.devices[device]
        sim.failed.clear()

    @rule(device=st.integers(0, 2))
    def client_restarts(self, device):
        """In-flight requests are forgotten; persisted outbox, seq and cursor survive."""
        sim = self.devices[device]
        sim.api.client = Client(raise_request_exception=False)

    @rule(device=st.integers(0, 2), limit=st.integers(1, 6), pages=st.integers(1, 3))
    def pull(self, device, limit, pages):
        sim = self.devices[device]
        for _ in range(pages):
            response = sim.get("/api/v1/sync/pull", {"cursor": sim.cursor, "limit": limit})
            assert response.status_code == 200
            page = response.json()
            assert not page["reset"]
            for change in page["changes"]:
                key = (change["type"], change["id"])
                if change["op"] == "delete":
                    sim.local.pop(key, None)
                    sim.tombstoned.add(key)
                    sim.drafts.pop(change["id"], None)
                    continue
                assert key not in sim.tombstoned, "a deleted record came back"
                assert change["data"]["id"] == change["id"]
                sim.local[key] = change["data"]
                if change["type"] == "test.draft":
                    sim.drafts[change["id"]] = change["version"]
                else:
                    first = self.entry_snapshots.setdefault(change["id"], change["data"])
                    assert change["data"] == first, "an evidential record changed"
            sim.cursors.append(int(page["cursor"]))
            sim.cursor = page["cursor"]
            if not page["more"]:
                break

    @rule(size=st.integers(1, 3000), cut=st.floats(0.05, 0.95))
    def upload_resumes_after_a_dropped_connection(self, size, cut):
        sim = self.devices[0]
        content = uuid.uuid4().bytes * (size // 16 + 1)
        sha = hashlib.sha256(content).hexdigest()
        start = sim.post(
            "/api/v1/uploads", {"sha256": sha, "size": len(content), "media_type": "image/jpeg"}
        ).json()
        assert start["offset"] == 0
        split = max(1, int(len(content) * cut))
        headers = {**sim.api.headers(), **APP, "Upload-Offset": "0"}
        sim.api.client.patch(
            f"/api/v1/uploads/{sha}",
            content[:split],
            content_type="application/offset+octet-stream",
            headers=headers,
        )
        offset = int(
            sim.api.client.head(f"/api/v1/uploads/{sha}", headers={**sim.api.headers(), **APP})[
                "Upload-Offset"
            ]
        )
        assert offset == min(split, len(content))
        if offset < len(content):
            done = sim.api.client.patch(
                f"/api/v1/uploads/{sha}",
                content[offset:],
                content_type="application/offset+octet-stream",
                headers={**sim.api.headers(), **APP, "Upload-Offset": str(offset)},
            ).json()
            assert done["status"] == "complete"
        assert hashlib.sha256(blob_path(sha).read_bytes()).hexdigest() == sha

    # --- invariants -----------------------------------------------------------------------------

    @invariant()
    def acknowledged_records_exist_exactly_once(self):
        if not hasattr(self, "devices"):
            return
        for mutation_id, response in self.responses.items():
            if response["status"] in {"applied", "duplicate"}:
                assert Mutation.objects.filter(pk=mutation_id).exists()
        texts = list(
            NotebookEntry.objects.filter(officer__in=[self.alice, self.bob]).values_list(
                "id", "text"
            )
        )
        assert len({text for _, text in texts}) == len(texts), "an entry was stored twice"
        for entry_id, text in texts:
            assert self.texts[str(entry_id)] == text

    @invariant()
    def conflicts_are_never_silent(self):
        if not hasattr(self, "devices"):
            return
        for mutation_id, response in self.responses.items():
            if response["status"] == "conflict":
                assert Conflict.objects.filter(mutation_id=mutation_id).exists()

    @invariant()
    def cursors_only_move_forward(self):
        for sim in getattr(self, "devices", []):
            assert sim.cursors == sorted(sim.cursors)

    def teardown(self):
        if not hasattr(self, "devices"):
            return
        # The network heals: every device drains its outbox and pulls everything.
        for sim in self.devices:
            sim.failed.clear()
            for _ in range(20):
                batch = list(sim.outbox.values())[:50]
                if not batch:
                    break
                body = sim.post("/api/v1/sync/push", {"mutations": batch}).json()
                self._record(body["results"])
                self._settle(sim, body["results"])
                for result in body["results"]:  # rejected now means rejected for good
                    sim.outbox.pop(result["mutation_id"], None)
            assert not sim.outbox
        for sim in self.devices:
            self.pull(self.devices.index(sim), 1000, 50)
            server = _visible_to(sim.officer)
            assert set(sim.local) == set(server), f"{sim.name} did not converge"
        written = [e for d in self.devices for e in d.entries]
        held = set(
            map(str, NotebookEntry.objects.filter(pk__in=written).values_list("id", flat=True))
        )
        accepted = {m for m, r in self.responses.items() if r["status"] in {"applied", "duplicate"}}
        for sim in self.devices:
            for entry_id in sim.entries:
                if any(r == entry_id for r in _record_ids(accepted)):
                    assert entry_id in held, "an acknowledged entry was lost"

    # --- helpers ------------------------------------------------------------------------------

    def _record(self, results):
        for result in results:
            if result["status"] != "rejected":
                first = self.responses.setdefault(result["mutation_id"], result)
                assert first == result, "a replay got a different response"

    def _check_replay(self, first, again):
        settled = {r["mutation_id"]: r for r in first if r["status"] != "rejected"}
        for result in again:
            if result["mutation_id"] in settled:
                assert result == settled[result["mutation_id"]]

    def _settle(self, sim, results):
        for result in results:
            mutation = sim.outbox.get(result["mutation_id"])
            if mutation is None:
                continue
            if result["status"] == "rejected":
                sim.failed[result["mutation_id"]] = result["error"]
                continue
            del sim.outbox[result["mutation_id"]]
            if mutation["type"] == "test.draft" and result["status"] == "applied":
                if mutation["op"] == "delete":
                    sim.drafts.pop(mutation["id"], None)
                else:
                    sim.drafts[mutation["id"]] = result["version"]


def _entry(text, **overrides):
    payload = {
        "kind": "entry",
        "text": text,
        "occurred_at": (datetime.now(UTC) - timedelta(seconds=5)).isoformat(),
    }
    payload.update(overrides)
    return payload


def _server_counts():
    return (
        NotebookEntry.objects.count(),
        Draft.objects.count(),
        Mutation.objects.count(),
        AuditEvent.objects.count(),
        Conflict.objects.count(),
        sum(Draft.objects.values_list("version", flat=True)),
    )


def _visible_to(officer):
    entries = {
        ("notebook.entry", str(i))
        for i in NotebookEntry.objects.filter(officer=officer).values_list("id", flat=True)
    }
    drafts = {
        ("test.draft", str(i))
        for i in Draft.objects.filter(owner=officer, deleted=False).values_list("id", flat=True)
    }
    return entries | drafts


def _record_ids(mutation_ids):
    return {
        str(r)
        for r in Mutation.objects.filter(pk__in=mutation_ids).values_list("record_id", flat=True)
    }


@pytest.mark.slow
def test_sync_contract_holds_under_a_hostile_network(db, settings, tmp_path):
    from hypothesis import settings as hypothesis_settings

    settings.MEDIA_ROOT = tmp_path / "media"
    run_state_machine_as_test(
        SyncMachine,
        settings=hypothesis_settings(stateful_step_count=25),
    )
