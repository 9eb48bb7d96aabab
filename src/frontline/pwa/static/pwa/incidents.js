// Incident reports on the device: drafts edited offline (each edit an update carrying the
// version it started from), submitted for review, returned with comments, resubmitted; and a
// conflict with an edit made elsewhere resolved by the officer, never silently.

import { done, transact } from "./db.js";
import { outboxSettle } from "./outbox.js";
import {
  editableBaseVersion,
  INCIDENT,
  INCIDENT_SUBMIT,
  recordTakeServer,
  recordWrite,
} from "./records.js";

// Save the draft: a create the first time, then updates from the version last known.
export async function incidentSave({ officer, report, content }) {
  if (!report) return recordWrite({ officer, type: INCIDENT, op: "create", payload: content });
  return recordWrite({
    officer,
    type: INCIDENT,
    id: report.id,
    op: "update",
    baseVersion: await editableBaseVersion(report),
    payload: content,
    local: report.local,
    server: report.server,
    version: report.version,
  });
}

// Submit (or resubmit) the version the officer has just read: saved first if edited.
export async function incidentSubmit({ officer, report, content, changed }) {
  let current = report;
  if (!current || changed) current = await incidentSave({ officer, report, content });
  return recordWrite({
    officer,
    type: INCIDENT_SUBMIT,
    id: current.id,
    op: "create",
    payload: { base_version: await editableBaseVersion(current) },
    recordType: INCIDENT,
    recordPayload: current.payload,
    local: current.local,
    server: current.server,
    version: current.version,
  });
}

// Resolve a conflict: keep this device's version (sent again on top of the server's) or take
// the server's. Either way the refused edits leave the outbox.
export async function incidentResolve({ officer, report, keep }) {
  await outboxSettle(report.id, keep === "mine" ? "kept_mine" : "kept_server");
  if (keep === "mine") {
    const onServer = { ...report, version: report.server.version };
    return incidentSave({ officer, report: onServer, content: report.payload });
  }
  return recordTakeServer(report.id);
}

// What the report's mutations in the outbox say about it: waiting, submitting, in conflict.
export async function incidentOutboxState(reportId) {
  const rows = await transact(["outbox"], "readonly", ({ outbox }) => done(outbox.getAll()));
  const mine = rows.filter((row) => row.record_id === reportId);
  return {
    pending: mine.filter((row) => row.status === "pending").length,
    submitting: mine.some((row) => row.type === INCIDENT_SUBMIT && row.status === "pending"),
    conflict: mine.find((row) => row.status === "failed" && row.error && row.error.code === "stale_base_version") || null,
    refused: mine.find((row) => row.status === "failed") || null,
  };
}
