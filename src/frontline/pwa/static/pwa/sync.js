// Sync: push the outbox, then pull the server's changes. Runs on start, when the device comes
// online or into view, and on a timer; backs off with jitter on failure; one tab at a time.

import {
  ApiError,
  briefingPackIssue,
  checkReasons,
  conflictResolve,
  conflictsOpen,
  incidentForm,
  NetworkError,
  pull,
  push,
  stopSearchForm,
  uploadBlob,
} from "./api.js";
import { uuid } from "./crypto.js";
import { done, metaGet, transact } from "./db.js";
import { changesApply, cursorGet, serverCopiesDrop } from "./notebook.js";
import {
  outboxBatch,
  outboxCounts,
  outboxResultsApply,
  resolutionsForget,
  resolutionsWaiting,
} from "./outbox.js";
import { packCurrent, packWanted } from "./pack.js";
import { blobMark, blobRead, blobsPending, referenceGet, referencePut } from "./records.js";
import {
  BACKOFF_FIRST_MS,
  BACKOFF_MAX_MS,
  PUSH_BATCH,
  REQUEST_TIMEOUT_MS,
  SYNC_EVERY_MS,
} from "./config.js";

const LOCK_NAME = "frontline-sync";
const LEASE_KEY = "frontline.sync-lease";
const TAB_ID = uuid();

const status = {
  online: navigator.onLine,
  running: false,
  pending: 0,
  failed: 0,
  lastSync: null,
  problem: null, // a plain-words reason the last attempt failed
  signedIn: false,
  locked: false,
  updateRequired: false,
};
let hooks = null;
let timer = null;
let failures = 0;
let runAgain = false;
let stopped = false;

// Wire the engine to the app. hooks: auth() -> { credential, token, officerId } | null,
// onData(), onAuthFailure(error), onUpdateRequired(error), onStatus(status).
export function syncStart(appHooks) {
  hooks = appHooks;
  stopped = false;
  window.addEventListener("online", () => {
    status.online = true;
    failures = 0;
    syncNow("online");
  });
  window.addEventListener("offline", () => {
    status.online = false;
    emit();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") syncNow("visible");
  });
  metaGet("last_sync").then((record) => {
    status.lastSync = record ? record.value : null;
    syncRefresh();
  });
}

// Stop everything (the device is being wiped).
export function syncStop() {
  stopped = true;
  clearTimeout(timer);
}

export function syncStatus() {
  return status;
}

// Recount the outbox and repaint the indicator.
export async function syncRefresh() {
  if (stopped) return;
  const auth = hooks.auth();
  status.signedIn = Boolean(auth);
  status.locked = hooks.isLocked();
  try {
    Object.assign(status, await outboxCounts());
  } catch {
    // the database is being deleted
  }
  emit();
}

// Sync now: push, then pull. Calls while a sync runs fold into one more run after it.
export async function syncNow(reason = "request") {
  if (stopped) return;
  clearTimeout(timer);
  if (status.running) {
    runAgain = true;
    return;
  }
  const auth = hooks.auth();
  if (!auth || status.updateRequired) {
    await syncRefresh(); // nothing can be sent until the officer unlocks or signs in
    return;
  }
  if (!navigator.onLine) {
    status.online = false;
    await syncRefresh();
    schedule(SYNC_EVERY_MS);
    return;
  }
  await syncRefresh(); // count what was just saved, so the indicator is right from the start
  status.running = true;
  status.online = true;
  emit();
  try {
    const outcome = await withSyncLock(() => syncOnce(auth));
    failures = 0;
    status.problem = null;
    if (outcome === "done") await lastSyncSave(Date.now());
    schedule(SYNC_EVERY_MS);
  } catch (error) {
    runAgain = false;
    if (error instanceof ApiError && error.status === 401) {
      status.problem = null;
      await hooks.onAuthFailure(error);
    } else if (error instanceof ApiError && error.status === 426) {
      status.updateRequired = true;
      hooks.onUpdateRequired(error);
    } else {
      failures += 1;
      status.problem = problemDescribe(error);
      schedule(backoff(failures));
      if (!(error instanceof NetworkError || error instanceof ApiError)) console.error(error);
    }
  } finally {
    status.running = false;
    await syncRefresh();
    if (runAgain) {
      runAgain = false;
      syncNow(`again after ${reason}`);
    }
  }
}

// One full sync: everything waiting goes up, then everything new comes down.
// Records go first (a statement may arrive before its signature: the server waits for it),
// then the blobs they name, then what is new on the server, then the forms' reference data.
async function syncOnce(auth) {
  const pushed = await pushAll(auth);
  await resolutionsSend(auth);
  const uploaded = await uploadAll(auth);
  let pulled = await pullAll(auth);
  if (await packRequest(auth)) pulled += await pullAll(auth);
  await referenceRefresh(auth);
  if (pushed || pulled || uploaded) hooks.onData();
  return "done";
}

// Tell the server how the officer settled conflicts (after the push that carried their choice).
async function resolutionsSend(auth) {
  const waiting = await resolutionsWaiting();
  if (!waiting.length) return;
  const open = new Map(
    (await conflictsOpen(auth)).conflicts.map((conflict) => [conflict.mutation_id, conflict.id]),
  );
  for (const item of waiting) {
    const id = open.get(item.mutation_id);
    if (id) await conflictResolve(auth, id, item.resolution);
  }
  // Sent, or no longer open on the server (settled from another device): either way, done.
  await resolutionsForget(waiting.map((item) => item.mutation_id));
}

async function uploadAll(auth) {
  let sent = 0;
  for (const pending of await blobsPending(auth.officerId)) {
    const blob = await blobRead(pending.sha256);
    await uploadBlob(auth, {
      sha256: blob.sha256,
      bytes: blob.bytes,
      mediaType: blob.media_type,
      resume: Boolean(blob.upload_started),
      onStarted: () => (blob.upload_started ? null : blobMark(blob.sha256, { upload_started: true })),
    });
    await blobMark(blob.sha256, { state: "sent", sent_at: Date.now() });
    sent += 1;
    hooks.onData();
  }
  return sent;
}

const REFERENCE_MAX_AGE_MS = 60 * 60 * 1000;

// The forms' value lists are cached so records can be made with no signal.
const REFERENCE = [
  ["stopsearch-form", stopSearchForm],
  ["incident-form", incidentForm],
  ["check-reasons", checkReasons],
];

const PACK_REFUSED_KEY = "frontline.pack-refused";
const PACK_REFUSED_RETRY_MS = 6 * 60 * 60 * 1000;

// Checks need the server; with no signal the officer has the briefing pack. Ask for a fresh one
// when the device has none, or its pack expires within the hour (a pack is issued per officer,
// so one another device of theirs fetched arrives by the pull just made). Roles that make no
// checks are refused (403): asked again only hours later.
async function packRequest(auth) {
  if (!packWanted(await packCurrent(auth.officerId))) return false;
  const refused = JSON.parse(localStorage.getItem(PACK_REFUSED_KEY) || "null");
  if (refused && refused.officerId === auth.officerId && Date.now() - refused.at < PACK_REFUSED_RETRY_MS)
    return false;
  try {
    await briefingPackIssue(auth);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      localStorage.setItem(PACK_REFUSED_KEY, JSON.stringify({ officerId: auth.officerId, at: Date.now() }));
      return false;
    }
    throw error;
  }
}

async function referenceRefresh(auth) {
  for (const [name, fetchIt] of REFERENCE) {
    const cached = await referenceGet(name);
    const fresh =
      cached &&
      cached.officerId === auth.officerId &&
      Date.now() - cached.fetchedAt < REFERENCE_MAX_AGE_MS;
    if (fresh) continue;
    try {
      await referencePut(name, await fetchIt(auth), auth.officerId);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) throw error;
      if (!cached) throw error; // without it the form cannot be used offline: try again soon
    }
  }
}

async function pushAll(auth) {
  let settled = 0;
  for (;;) {
    const batch = await outboxBatch(auth.officerId, PUSH_BATCH);
    if (!batch.length) return settled;
    const response = await push(auth, batch);
    const count = await outboxResultsApply(response.results);
    settled += count;
    hooks.onData();
    if (count === 0 || batch.length < PUSH_BATCH) return settled;
  }
}

async function pullAll(auth) {
  let cursor = await cursorGet();
  let written = 0;
  let resets = 0;
  for (let page = 0; page < 10000; page += 1) {
    const answer = await pull(auth, cursor);
    if (answer.reset) {
      if (++resets > 2) throw new Error("the server keeps resetting the pull");
      await serverCopiesDrop();
      cursor = "0";
      continue;
    }
    written += await changesApply(answer.changes, answer.cursor, auth.officerId);
    cursor = answer.cursor;
    if (!answer.more) break;
  }
  return written;
}

// Only one tab talks to the server at a time. Web Locks where available, else a lease.
async function withSyncLock(work) {
  if (navigator.locks && navigator.locks.request) {
    return navigator.locks.request(LOCK_NAME, { ifAvailable: true }, (lock) =>
      lock ? work() : "busy",
    );
  }
  const now = Date.now();
  const lease = JSON.parse(localStorage.getItem(LEASE_KEY) || "null");
  if (lease && lease.tab !== TAB_ID && lease.until > now) return "busy";
  localStorage.setItem(
    LEASE_KEY,
    JSON.stringify({ tab: TAB_ID, until: now + 4 * REQUEST_TIMEOUT_MS }),
  );
  try {
    return await work();
  } finally {
    localStorage.removeItem(LEASE_KEY);
  }
}

// Exponential backoff with "equal jitter": half fixed, half random, so tabs and devices spread.
function backoff(attempt) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function schedule(delay) {
  clearTimeout(timer);
  if (!stopped) timer = setTimeout(() => syncNow("timer"), delay);
}

async function lastSyncSave(when) {
  status.lastSync = when;
  await transact(["meta"], "readwrite", ({ meta }) =>
    done(meta.put({ key: "last_sync", value: when })),
  );
}

function problemDescribe(error) {
  if (error instanceof NetworkError) return "Cannot reach the server";
  if (error instanceof ApiError && error.status >= 500) return "The server has a problem";
  if (error instanceof ApiError) return `The server refused: ${error.message}`;
  return "Sync failed";
}

function emit() {
  if (hooks && !stopped) hooks.onStatus({ ...status });
}
