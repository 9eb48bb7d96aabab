// The outbox: mutations waiting for the server, oldest first. Payloads are sealed; the
// bookkeeping (status, sequence, reason for refusal) is plain so counts show while locked.

import { done, transact } from "./db.js";
import { blobsWaiting } from "./records.js";
import { vaultUnseal } from "./vault.js";

// { pending, failed } for the whole device; photos and signatures not yet uploaded wait too.
export async function outboxCounts() {
  const rows = await outboxRows();
  const blobs = await blobsWaiting();
  return {
    pending: rows.filter((row) => row.status === "pending").length + blobs.length,
    failed: rows.filter((row) => row.status === "failed").length,
  };
}

// The plain bookkeeping of every outbox item, by device_seq.
export function outboxRows() {
  return transact(["outbox"], "readonly", ({ outbox }) =>
    done(outbox.index("device_seq").getAll()),
  );
}

// Every item with its payload decrypted, for the outbox screen.
export async function outboxList(officerId) {
  const rows = (await outboxRows()).filter((row) => row.officer_id === officerId);
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      payload: await vaultUnseal(row.sealed, `outbox:${row.mutation_id}`),
    })),
  );
}

// The next mutations to push for this officer, exactly as first built (a resend must be
// byte-for-byte the same mutation, so the server can recognise it).
export async function outboxBatch(officerId, limit) {
  const rows = (await outboxRows())
    .filter((row) => row.officer_id === officerId && row.status === "pending")
    .slice(0, limit);
  return Promise.all(
    rows.map(async (row) => ({
      mutation_id: row.mutation_id,
      device_seq: row.device_seq,
      type: row.type,
      op: row.op,
      id: row.record_id,
      ...(row.base_version === null || row.base_version === undefined
        ? {}
        : { base_version: row.base_version }),
      payload: await vaultUnseal(row.sealed, `outbox:${row.mutation_id}`),
    })),
  );
}

// Record the server's answers: applied or duplicate leave the outbox, refusals stay as failed.
export async function outboxResultsApply(results) {
  let settled = 0;
  const stores = ["outbox", "entries", "records"];
  await transact(stores, "readwrite", async ({ outbox, entries, records }) => {
    for (const result of results) {
      const row = await done(outbox.get(result.mutation_id));
      if (!row) continue;
      if (result.status === "applied" || result.status === "duplicate") {
        outbox.delete(row.mutation_id);
        const entry = await done(entries.get(row.record_id));
        if (entry && entry.state === "local") entries.put({ ...entry, state: "sent" });
        const record = await done(records.get(row.record_id));
        if (record) {
          const media = result.awaiting_media && result.awaiting_media.length;
          records.put({
            ...record,
            state: record.state === "local" ? "sent" : record.state,
            server_status: media ? "awaiting_media" : null,
            version: Math.max(result.version ?? 0, record.version ?? 0) || null,
          });
        }
        settled += 1;
      } else {
        const error = result.error || { code: result.status, message: "the server refused this" };
        if (result.status === "conflict") {
          error.message =
            row.type === "task.update"
              ? "The task changed on the server since you updated it. Both versions are kept: open the task to choose."
              : "The report changed on the server since you began this edit. Both versions are kept: open the report to choose.";
        }
        outbox.put({ ...row, status: "failed", error, attempts: row.attempts + 1 });
        settled += 1;
      }
    }
  });
  return settled;
}

// Put refused items back in the queue, unchanged, to be sent again.
export async function outboxRetry(mutationIds) {
  await transact(["outbox"], "readwrite", async ({ outbox }) => {
    for (const id of mutationIds) {
      const row = await done(outbox.get(id));
      if (row && row.status === "failed") outbox.put({ ...row, status: "pending", error: null });
    }
  });
}

// Whether anyone other than this officer has items waiting on this device.
export async function outboxHasOthers(officerId) {
  return (await outboxRows()).some((row) => row.officer_id !== officerId);
}

// Drop a record's refused mutations once the officer has settled them (a conflict resolved),
// and remember, in the same transaction, to tell the server how each conflict was settled.
export async function outboxSettle(recordId, resolution) {
  await transact(["outbox", "meta"], "readwrite", async ({ outbox, meta }) => {
    const settled = [];
    for (const row of await done(outbox.getAll())) {
      if (row.record_id !== recordId || row.status !== "failed") continue;
      outbox.delete(row.mutation_id);
      if (row.error && row.error.code === "stale_base_version") settled.push(row.mutation_id);
    }
    const record = (await done(meta.get("conflict_resolutions"))) || { value: [] };
    const value = [...record.value, ...settled.map((id) => ({ mutation_id: id, resolution }))];
    meta.put({ key: "conflict_resolutions", value });
  });
}

// Resolutions the server has not been told of yet.
export async function resolutionsWaiting() {
  const record = await transact(["meta"], "readonly", ({ meta }) =>
    done(meta.get("conflict_resolutions")),
  );
  return record ? record.value : [];
}

export async function resolutionsForget(mutationIds) {
  const gone = new Set(mutationIds);
  await transact(["meta"], "readwrite", async ({ meta }) => {
    const record = (await done(meta.get("conflict_resolutions"))) || { value: [] };
    const value = record.value.filter((item) => !gone.has(item.mutation_id));
    meta.put({ key: "conflict_resolutions", value });
  });
}
