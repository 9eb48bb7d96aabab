// Briefings and tasks on the device: pulled for the officer's team or area (`tasking.briefing`,
// `task.update`), kept sealed, read and updated with no signal. Reading a briefing queues one
// `briefing.read` receipt; a status update is an editable `task.update` carrying the version it
// started from, and a stale one comes back as a conflict the officer settles.

import { done, transact } from "./db.js";
import { outboxSettle } from "./outbox.js";
import {
  BRIEFING,
  BRIEFING_READ,
  editableBaseVersion,
  recordGet,
  recordsList,
  recordTakeServer,
  recordWrite,
  TASK,
} from "./records.js";

export const TASK_STATUSES = [
  { value: "open", label: "Open" },
  { value: "accepted", label: "Accepted" },
  { value: "in_progress", label: "In progress" },
  { value: "done", label: "Done" },
  { value: "unable", label: "Unable to complete" },
];

// Briefings in force now, newest first, each with `read` (a receipt is on the device).
export async function briefingsCurrent(officerId, at = Date.now()) {
  const [briefings, receipts] = await Promise.all([
    recordsList(officerId, BRIEFING),
    recordsList(officerId, BRIEFING_READ),
  ]);
  const read = new Set(receipts.map((receipt) => receipt.payload.briefing_id));
  return briefings
    .map((record) => ({ ...record.server, read: read.has(record.id) }))
    .filter((briefing) => Date.parse(briefing.valid_from) <= at && at < Date.parse(briefing.valid_to))
    .sort((a, b) => (a.valid_from < b.valid_from ? 1 : -1));
}

// The officer has opened a briefing: queue the read receipt, once.
export async function briefingRead({ officer, briefingId }) {
  const receipts = await recordsList(officer.id, BRIEFING_READ);
  if (receipts.some((receipt) => receipt.payload.briefing_id === briefingId)) return false;
  await recordWrite({
    officer,
    type: BRIEFING_READ,
    payload: { briefing_id: briefingId, read_at: new Date().toISOString() },
  });
  return true;
}

// The officer's and their team's tasks, soonest due first, with what waits and any conflict.
export async function tasksList(officerId) {
  const [tasks, rows] = await Promise.all([recordsList(officerId, TASK), outboxTaskRows()]);
  return tasks
    .map((record) => taskView(record, rows))
    .sort((a, b) => (a.server.due_at || "9999") .localeCompare(b.server.due_at || "9999"));
}

export async function taskGet(taskId) {
  const [record, rows] = await Promise.all([recordGet(taskId), outboxTaskRows()]);
  return record ? taskView(record, rows) : null;
}

// Update a task's status (and note) from the version last known, plus the edits still waiting.
export async function taskUpdate({ officer, task, status, note }) {
  await recordWrite({
    officer,
    type: TASK,
    id: task.id,
    op: "update",
    baseVersion: await editableBaseVersion(task),
    payload: { status, note },
    server: task.server,
    version: task.version,
  });
  return taskGet(task.id);
}

// Settle a conflict: keep this device's update (sent again on top of the server's version) or
// take the server's. Either way the refused update leaves the outbox, and the server is told.
export async function taskResolve({ officer, task, keep }) {
  await outboxSettle(task.id, keep === "mine" ? "kept_mine" : "kept_server");
  if (keep === "mine") {
    const onServer = { ...task, version: task.server.version };
    return taskUpdate({ officer, task: onServer, ...task.payload });
  }
  await recordTakeServer(task.id);
  return taskGet(task.id);
}

function taskView(record, rows) {
  const mine = rows.filter((row) => row.record_id === record.id);
  return {
    ...record,
    pending: mine.filter((row) => row.status === "pending").length,
    conflict:
      mine.find((row) => row.status === "failed" && row.error && row.error.code === "stale_base_version") || null,
    refused: mine.find((row) => row.status === "failed") || null,
  };
}

function outboxTaskRows() {
  return transact(["outbox"], "readonly", async ({ outbox }) =>
    (await done(outbox.getAll())).filter((row) => row.type === TASK),
  );
}
