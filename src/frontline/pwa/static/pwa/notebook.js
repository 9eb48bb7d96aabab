// The local pocket notebook: the officer's entries and the server's copies, sealed at rest.

import { uuid } from "./crypto.js";
import { done, metaGet, transact } from "./db.js";
import { recordChangesPrepare, recordChangesWrite } from "./records.js";
import { vaultSeal, vaultUnseal } from "./vault.js";

export const ENTRY_TYPE = "notebook.entry";
export const KIND_LABELS = {
  entry: "Entry",
  correction: "Correction",
  supplement: "Supplement",
  sign_off: "Sign-off",
  inspection: "Supervisor inspection",
};

// Write an entry and its outbox mutation in ONE transaction. Everything is encrypted first:
// crypto is asynchronous and would let the transaction commit half-way.
export async function entryWrite({ officer, kind, occurredAt, text, supersedes = null }) {
  const id = uuid();
  const mutationId = uuid();
  const payload = { kind, occurred_at: occurredAt, text, supersedes };
  const entry = {
    ...payload,
    id,
    officer_id: officer.id,
    author_collar_number: officer.collar_number,
    seq: null,
    recorded_at: null,
  };
  const sealedEntry = await vaultSeal(entry, `entries:${id}`);
  const sealedPayload = await vaultSeal(payload, `outbox:${mutationId}`);
  await transact(["entries", "outbox", "meta"], "readwrite", async ({ entries, outbox, meta }) => {
    const counter = await done(meta.get("device_seq"));
    const deviceSeq = (counter ? counter.value : 0) + 1;
    meta.put({ key: "device_seq", value: deviceSeq });
    outbox.add({
      mutation_id: mutationId,
      device_seq: deviceSeq,
      type: ENTRY_TYPE,
      op: "create",
      record_id: id,
      officer_id: officer.id,
      status: "pending",
      error: null,
      attempts: 0,
      created_at: Date.now(),
      sealed: sealedPayload,
    });
    entries.add({ id, officer_id: officer.id, state: "local", sealed: sealedEntry });
  });
  return entry;
}

// Every entry of this officer held on the device, oldest first, decrypted.
export async function entriesList(officerId) {
  const rows = await transact(["entries"], "readonly", ({ entries }) =>
    done(entries.index("officer_id").getAll(officerId)),
  );
  const list = await Promise.all(
    rows.map(async (row) => ({
      ...(await vaultUnseal(row.sealed, `entries:${row.id}`)),
      state: row.state,
    })),
  );
  return list.sort(
    (a, b) =>
      Date.parse(a.occurred_at) - Date.parse(b.occurred_at) || (a.seq || 1e12) - (b.seq || 1e12),
  );
}

// The pull cursor, "0" before the first pull.
export async function cursorGet() {
  const record = await metaGet("cursor");
  return record ? record.value : "0";
}

// Store one pulled page and its cursor together: a page is applied whole or not at all.
// officerId: who pulled it (briefings, tasks and packs are kept for them).
export async function changesApply(changes, cursor, officerId = null) {
  const writes = [];
  const recordWrites = await recordChangesPrepare(changes, officerId);
  for (const change of changes) {
    if (change.type !== ENTRY_TYPE) continue; // the other field records are prepared above
    if (change.op === "delete" || !change.data) {
      writes.push({ id: change.id, remove: true });
    } else {
      const sealed = await vaultSeal(change.data, `entries:${change.id}`);
      writes.push({ id: change.id, officer_id: change.data.officer_id, sealed });
    }
  }
  await transact(["entries", "records", "meta"], "readwrite", ({ entries, records, meta }) => {
    recordChangesWrite(records, recordWrites);
    for (const write of writes) {
      if (write.remove) entries.delete(write.id);
      else
        entries.put({
          id: write.id,
          officer_id: write.officer_id,
          state: "synced",
          sealed: write.sealed,
        });
    }
    meta.put({ key: "cursor", value: cursor });
  });
  return writes.length + recordWrites.length;
}

// The server said start again: drop its copies (keep entries not yet sent) and the cursor.
export async function serverCopiesDrop() {
  await transact(["entries", "meta"], "readwrite", async ({ entries, meta }) => {
    const rows = await done(entries.getAll());
    for (const row of rows) if (row.state === "synced") entries.delete(row.id);
    meta.put({ key: "cursor", value: "0" });
  });
}

// Drop every entry and the cursor (another officer takes over the device).
export async function entriesClear() {
  await transact(["entries", "meta"], "readwrite", ({ entries, meta }) => {
    entries.clear();
    meta.delete("cursor");
  });
}
