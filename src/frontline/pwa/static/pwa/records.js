// Field records besides the notebook: stop-searches, witness statements and evidence items.
// One store for all of them, sealed at rest; each record is written with its outbox mutation
// (and any blob it carries: a signature, a photo) in ONE IndexedDB transaction.

import { uuid } from "./crypto.js";
import { done, metaGet, transact } from "./db.js";
import { vaultSeal, vaultSealBytes, vaultUnseal, vaultUnsealBytes } from "./vault.js";

export const STOP_SEARCH = "stopsearch.record";
export const STATEMENT = "statement.mg11";
export const EVIDENCE = "evidence.item";
export const INCIDENT = "incident.report";
export const INCIDENT_SUBMIT = "incident.submit"; // a mutation on an incident.report record
export const PACK = "checks.briefing_pack"; // pulled: the offline briefing pack
export const OFFLINE_CHECK = "checks.offline_check"; // pushed: a check made against the pack
export const BRIEFING = "tasking.briefing"; // pulled: briefings for the officer's team or area
export const BRIEFING_READ = "briefing.read"; // pushed: a read receipt
export const TASK = "task.update"; // editable: tasks, their status updated with base_version
export const RECORD_TYPES = new Set([STOP_SEARCH, STATEMENT, EVIDENCE, INCIDENT, INCIDENT_SUBMIT]);
// Pulled for whoever is signed in on the device (team-wide, or made by the server for them).
const RECEIVED_TYPES = new Set([PACK, BRIEFING, TASK]);
// Editable records: the server's copy is kept beside the device's while edits wait.
const EDITABLE_CONTENT = { [INCIDENT]: (data) => data.content, [TASK]: (data) => ({ status: data.status, note: data.note }) };

// Write a record, its mutation and its blobs together. Everything is sealed first: crypto is
// asynchronous and would let the transaction commit half-way.
//   payload: exactly what is pushed; local: what only the device keeps (e.g. the receipt);
//   blobs: [{ sha256, bytes, media_type }].
//   Editable records (incident drafts) pass the server's copy and version to keep them, and
//   `recordPayload` when the record's content differs from the mutation's (a submit).
export async function recordWrite({
  officer,
  type,
  id = uuid(),
  payload,
  local = {},
  blobs = [],
  op = "create",
  baseVersion = null,
  server = null,
  version = null,
  recordType = type,
  recordPayload = payload,
}) {
  const mutationId = uuid();
  const sealedRecord = await vaultSeal(
    { payload: recordPayload, local, server },
    `records:${id}`,
  );
  const sealedPayload = await vaultSeal(payload, `outbox:${mutationId}`);
  const sealedBlobs = await blobsSeal(blobs, officer);
  await transact(
    ["records", "outbox", "meta", "blobs"],
    "readwrite",
    async ({ records, outbox, meta, blobs: blobStore }) => {
      const deviceSeq = await nextDeviceSeq(meta);
      outbox.add(
        outboxRow({ mutationId, deviceSeq, type, op, id, officer, baseVersion, sealedPayload }),
      );
      records.put({
        id,
        type: recordType,
        officer_id: officer.id,
        state: "local",
        version,
        sealed: sealedRecord,
      });
      for (const blob of sealedBlobs) {
        const held = await done(blobStore.get(blob.sha256));
        if (!held) blobStore.add(blob);
      }
    },
  );
  return { id, type: recordType, payload: recordPayload, local, server, state: "local" };
}

// Put right a record the server refused: the old mutation is replaced by a new one (a new
// mutation id: the refusal is final for the old one) carrying the corrected payload.
export async function recordCorrect({ officer, mutationId, payload, local, blobs = [] }) {
  const old = await transact(["outbox"], "readonly", ({ outbox }) =>
    done(outbox.get(mutationId)),
  );
  if (!old || old.status !== "failed") throw new Error("only a refused record can be corrected");
  const newMutationId = uuid();
  const id = old.record_id;
  const sealedRecord = await vaultSeal({ payload, local, server: null }, `records:${id}`);
  const sealedPayload = await vaultSeal(payload, `outbox:${newMutationId}`);
  const sealedBlobs = await blobsSeal(blobs, officer);
  await transact(
    ["records", "outbox", "meta", "blobs"],
    "readwrite",
    async ({ records, outbox, meta, blobs: blobStore }) => {
      const current = await done(outbox.get(mutationId));
      if (!current || current.status !== "failed") throw new Error("already corrected");
      outbox.delete(mutationId);
      const deviceSeq = await nextDeviceSeq(meta);
      outbox.add(
        outboxRow({
          mutationId: newMutationId,
          deviceSeq,
          type: old.type,
          op: old.op,
          id,
          officer,
          baseVersion: old.base_version ?? null,
          sealedPayload,
        }),
      );
      records.put({ id, type: old.type, officer_id: officer.id, state: "local", sealed: sealedRecord });
      for (const blob of sealedBlobs) {
        const held = await done(blobStore.get(blob.sha256));
        if (!held) blobStore.add(blob);
      }
    },
  );
}

// The device's copy becomes the server's (an edit given up in a conflict). No mutation.
export async function recordTakeServer(id) {
  const record = await recordGet(id);
  const content = EDITABLE_CONTENT[record.type] ? EDITABLE_CONTENT[record.type](record.server) : record.server;
  const sealed = await vaultSeal(
    { payload: content, local: record.local, server: record.server },
    `records:${id}`,
  );
  await transact(["records"], "readwrite", async ({ records }) => {
    const row = await done(records.get(id));
    if (row) records.put({ ...row, state: "synced", version: record.server.version, sealed });
  });
  return recordGet(id);
}

// This officer's records of one type held on the device, newest first, decrypted.
export async function recordsList(officerId, type) {
  const rows = await transact(["records"], "readonly", ({ records }) =>
    done(records.index("officer_id").getAll(officerId)),
  );
  const list = await Promise.all(
    rows.filter((row) => !type || row.type === type).map((row) => recordOpen(row)),
  );
  return list.sort((a, b) => (recordTime(b) > recordTime(a) ? 1 : -1));
}

// Keep only the named fields of a received record: the rest is removed from the device, not
// hidden (an expired briefing pack keeps its dates, so the app can say when it expired).
export async function recordReceivedStrip(id, keep) {
  const record = await recordGet(id);
  if (!record) return;
  const pick = (data) => data && Object.fromEntries(keep.filter((key) => key in data).map((key) => [key, data[key]]));
  const sealed = await vaultSeal({ payload: pick(record.payload), local: {}, server: pick(record.server) }, `records:${id}`);
  await transact(["records"], "readwrite", async ({ records }) => {
    const row = await done(records.get(id));
    if (row) records.put({ ...row, sealed });
  });
}

// One record by id (null when it is not on this device).
export async function recordGet(id) {
  const row = await transact(["records"], "readonly", ({ records }) => done(records.get(id)));
  return row ? recordOpen(row) : null;
}

// The evidence items attached to a record, oldest first.
export async function evidenceFor(officerId, recordId) {
  const items = await recordsList(officerId, EVIDENCE);
  return items.filter((item) => item.payload.record_id === recordId).reverse();
}

// A blob's bytes, decrypted (to show a signature or a photo).
export async function blobRead(sha256) {
  const row = await transact(["blobs"], "readonly", ({ blobs }) => done(blobs.get(sha256)));
  if (!row) return null;
  return { ...row, bytes: await vaultUnsealBytes(row.sealed, `blobs:${sha256}`) };
}

// Blobs this officer has not yet got to the server, oldest first.
export async function blobsPending(officerId) {
  const rows = await transact(["blobs"], "readonly", ({ blobs }) =>
    done(blobs.index("officer_id").getAll(officerId)),
  );
  return rows.filter((row) => row.state === "pending").sort((a, b) => a.created_at - b.created_at);
}

// Every blob still waiting on the device, anyone's (for counts and the handover rule).
export async function blobsWaiting() {
  const rows = await transact(["blobs"], "readonly", ({ blobs }) => done(blobs.getAll()));
  return rows.filter((row) => row.state === "pending");
}

export async function blobMark(sha256, changes) {
  await transact(["blobs"], "readwrite", async ({ blobs }) => {
    const row = await done(blobs.get(sha256));
    if (row) blobs.put({ ...row, ...changes });
  });
}

// Pulled changes for these types, sealed and ready to write in the pull's transaction. A record
// already on the device keeps what the device knows (payload, receipt) beside the server's copy.
//   officerId: who pulled them, the owner of what is pulled for them (packs, briefings, tasks).
export async function recordChangesPrepare(changes, officerId = null) {
  const writes = [];
  const waiting = new Set(
    (await transact(["outbox"], "readonly", ({ outbox }) => done(outbox.getAll()))).map(
      (row) => row.record_id,
    ),
  );
  for (const change of changes) {
    const received = RECEIVED_TYPES.has(change.type);
    if (!RECORD_TYPES.has(change.type) && !received) continue;
    const type = change.type === INCIDENT_SUBMIT ? INCIDENT : change.type;
    if (change.op === "delete" || !change.data) {
      writes.push({ id: change.id, remove: true });
      continue;
    }
    const existing = await recordGet(change.id).catch(() => null);
    // An editable record's content is `content`; the others are their own payload.
    const editable = EDITABLE_CONTENT[type];
    const serverPayload = editable ? editable(change.data) : change.data;
    const keepLocal = existing && (editable ? waiting.has(change.id) : !received);
    const value = {
      payload: keepLocal ? existing.payload : serverPayload,
      local: existing ? existing.local : {},
      server: change.data,
    };
    const owner = received && officerId ? officerId : change.data.officer_id || change.data.author_id;
    writes.push({
      row: {
        id: change.id,
        type,
        officer_id: owner,
        state: "synced",
        version: change.version ?? change.data.version ?? null,
        sealed: await vaultSeal(value, `records:${change.id}`),
      },
    });
  }
  return writes;
}

export function recordChangesWrite(records, writes) {
  for (const write of writes) {
    if (write.remove) records.delete(write.id);
    else records.put(write.row);
  }
}

// The next URN sequence of this device, reserved in its own transaction (a number reserved
// and not used leaves a harmless gap; one used twice would not be).
export async function urnSequenceNext() {
  return transact(["meta"], "readwrite", async ({ meta }) => {
    const counter = await done(meta.get("urn_seq"));
    const next = (counter ? counter.value : 0) + 1;
    meta.put({ key: "urn_seq", value: next });
    return next;
  });
}

// Cached reference data (e.g. the stop-search form), sealed like everything else.
export async function referenceGet(name) {
  const row = await metaGet(`reference:${name}`);
  if (!row) return null;
  return { fetchedAt: row.fetched_at, officerId: row.officer_id, value: await vaultUnseal(row.sealed, `meta:reference:${name}`) };
}

export async function referencePut(name, value, officerId) {
  const sealed = await vaultSeal(value, `meta:reference:${name}`);
  await transact(["meta"], "readwrite", ({ meta }) =>
    done(meta.put({ key: `reference:${name}`, officer_id: officerId, fetched_at: Date.now(), sealed })),
  );
}

// Drop every record and blob (another officer takes over the device).
export async function recordsClear() {
  await transact(["records", "blobs", "meta"], "readwrite", ({ records, blobs, meta }) => {
    records.clear();
    blobs.clear();
    meta.delete("reference:stopsearch-form");
    meta.delete("reference:incident-form");
    meta.delete("reference:check-reasons");
  });
}

// The version the server will have once every edit still waiting has been applied: each
// create, update and submit makes one version. Read afresh: a screen's copy of the record may
// be older than what sync has since applied.
export async function editableBaseVersion(record) {
  const rows = await transact(["outbox"], "readonly", ({ outbox }) => done(outbox.getAll()));
  const waiting = rows.filter((row) => row.record_id === record.id && row.status === "pending");
  const stored = (await recordGet(record.id)) || record;
  const known = Math.max(
    record.version || 0,
    stored.version || 0,
    (stored.server && stored.server.version) || 0,
  );
  return known + waiting.length;
}

// ---- helpers ----

async function recordOpen(row) {
  const value = await vaultUnseal(row.sealed, `records:${row.id}`);
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    version: row.version ?? null,
    officer_id: row.officer_id,
    ...value,
  };
}

function recordTime(record) {
  const p = record.payload || {};
  return p.occurred_at || p.signed_at || p.captured_at || p.occurred_from || p.checked_at || p.read_at || "";
}

async function blobsSeal(blobs, officer) {
  return Promise.all(
    blobs.map(async (blob) => ({
      sha256: blob.sha256,
      officer_id: officer.id,
      media_type: blob.media_type,
      size: blob.bytes.length,
      state: "pending",
      created_at: Date.now(),
      sealed: await vaultSealBytes(blob.bytes, `blobs:${blob.sha256}`),
    })),
  );
}

async function nextDeviceSeq(meta) {
  const counter = await done(meta.get("device_seq"));
  const deviceSeq = (counter ? counter.value : 0) + 1;
  meta.put({ key: "device_seq", value: deviceSeq });
  return deviceSeq;
}

function outboxRow({ mutationId, deviceSeq, type, op, id, officer, baseVersion, sealedPayload }) {
  return {
    mutation_id: mutationId,
    device_seq: deviceSeq,
    type,
    op,
    record_id: id,
    officer_id: officer.id,
    base_version: baseVersion,
    status: "pending",
    error: null,
    attempts: 0,
    created_at: Date.now(),
    sealed: sealedPayload,
  };
}
