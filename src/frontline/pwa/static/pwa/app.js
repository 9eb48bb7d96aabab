// Frontline officer app: starts up, picks the screen to show, and wires sync, locking and
// updates together. The screens draw themselves (ui/); the data lives in notebook.js and
// outbox.js; the keys in vault.js; the server is reached through api.js and sync.js only.

import * as api from "./api.js";
import { ApiError, NetworkError } from "./api.js";
import { dbDelete, dbOnClosedByOtherTab } from "./db.js";
import {
  deviceCredential,
  deviceLoad,
  deviceSave,
  sessionEnd,
  sessionLoad,
  sessionSave,
} from "./identity.js";
import { idleLockStart } from "./idle.js";
import { entriesClear, entriesList, entryWrite, KIND_LABELS } from "./notebook.js";
import { photoAttach, statementCorrect, statementSign } from "./evidence.js";
import { incidentOutboxState, incidentResolve, incidentSave, incidentSubmit } from "./incidents.js";
import { outboxList, outboxRetry, outboxRows } from "./outbox.js";
import {
  blobRead,
  blobsWaiting,
  EVIDENCE,
  INCIDENT,
  recordGet,
  recordsClear,
  recordsList,
  referenceGet,
  STATEMENT,
  STOP_SEARCH,
} from "./records.js";
import { stopSearchCorrect, stopSearchSave } from "./stopsearch.js";
import { packCheckRecord, packCurrent, packSearchPersons, packSearchVehicles } from "./pack.js";
import {
  briefingRead,
  briefingsCurrent,
  taskGet,
  taskResolve,
  TASK_STATUSES,
  tasksList,
  taskUpdate,
} from "./tasking.js";
import { clockTime, dayLabel } from "./time.js";
import { syncNow, syncRefresh, syncStart, syncStatus, syncStop } from "./sync.js";
import { checkInAfterSync, wipeConfirm, wipeNoteTake } from "./checkin.js";
import { workerRegister } from "./updates.js";
import {
  vaultCreate,
  vaultIsUnlocked,
  vaultLock,
  vaultOpenProvisional,
  vaultPinSet,
  vaultStage,
  vaultUnlock,
  VaultLocked,
} from "./vault.js";
import { h, heading, hidden, screenShow } from "./ui/dom.js";
import { enrolScreen } from "./ui/enrol.js";
import { entryFormScreen } from "./ui/entry-form.js";
import { notice, wipedScreen } from "./ui/messages.js";
import { notebookScreen } from "./ui/notebook-screen.js";
import { categoryLabel, incidentScreen, statusWords } from "./ui/incident-screen.js";
import { checksScreen } from "./ui/checks-screen.js";
import { briefingScreen, taskingScreen, taskScreen } from "./ui/tasking-screen.js";
import { outboxScreen } from "./ui/outbox-screen.js";
import { photoFormScreen } from "./ui/photo-form.js";
import { receiptScreen } from "./ui/receipt-screen.js";
import { recordsScreen } from "./ui/records-screen.js";
import { reviewQueueScreen, reviewScreen } from "./ui/review-screen.js";
import { statementFormScreen } from "./ui/statement-form.js";
import { statementViewScreen } from "./ui/statement-view.js";
import { stopSearchFormScreen } from "./ui/stopsearch-form.js";
import { pinSetScreen, unlockScreen } from "./ui/pin.js";
import { signInScreen } from "./ui/signin.js";
import { statusOnSyncNow, statusShow } from "./ui/status.js";
import {
  bannerOfferForcedUpdate,
  bannerOfferReload,
  bannerOfferUpdate,
  bannerStart,
} from "./ui/update-banner.js";
import { enrolError, HandoverBlocked, signInError, unlockError } from "./ui/error-words.js";

const SHELL_CACHE_PREFIX = "frontline-shell-";
const TAB_VIEWS = new Set(["notebook", "records", "checks", "tasking", "outbox"]);
// Tabs redrawn in place when sync brings new data (not Checks: it holds what is being typed).
const REDRAWN_VIEWS = new Set(["notebook", "records", "tasking", "outbox"]);
const CHECK_PATHS = { person: "persons", vehicle: "vehicles", location: "locations" };

const app = {
  device: null, // { device_id, enrolled_at, sealed } once enrolled
  stage: "none", // the vault: none | provisional | pin
  credential: null, // the device credential, in memory while unlocked
  officer: null,
  token: null,
  offline: false, // the officer chose to write without signing in
  view: null, // notebook | outbox | form | another screen's name
  formOpen: false,
  authNotice: null, // why the officer must sign in again, shown once the form closes
  updateForced: false, // the server refuses this version (426)
  persisted: false,
  renderTicket: 0,
};

const tabs = document.getElementById("tabs");
const who = document.getElementById("who");
const lockButton = document.getElementById("lock-now");

start().catch(fatal);

// Boot: wire the always-on parts, then show the screen the stored state calls for.
async function start() {
  dbOnClosedByOtherTab(() => window.location.reload()); // another tab wiped or upgraded
  lockButton.addEventListener("click", () => lock("button"));
  statusOnSyncNow(() => syncNow("button"));
  bannerStart({ isFormOpen: () => app.formOpen, isForced: () => app.updateForced, syncNow });
  window.addEventListener("hashchange", () => {
    if (TAB_VIEWS.has(app.view)) showTab();
  });
  syncStart({
    auth: syncAuth,
    isLocked: () => Boolean(app.device) && app.stage === "pin" && !vaultIsUnlocked(),
    onData: dataChanged,
    onAuthFailure: authFailed,
    onUpdateRequired: updateRequired,
    onStatus: (status) => {
      statusShow(status, { enrolled: Boolean(app.device) });
      checkInAfterSync(status, syncAuth());
    },
  });
  idleLockStart(lock);
  workerRegister({ onUpdateReady: bannerOfferUpdate, onTakenOver: bannerOfferReload }).catch(
    (error) => console.warn("Frontline: the service worker did not register", error),
  );
  storagePersist();
  await route();
}

// Decide what to show from what is stored: enrol, unlock, sign in, choose a PIN, or the app.
async function route({ notice: message = null } = {}) {
  app.device = await deviceLoad();
  app.stage = await vaultStage();
  if (!app.device || app.stage === "none") return showEnrol(message);
  if (!vaultIsUnlocked() && !(await vaultOpenProvisional())) return showUnlock(message);
  app.credential = await deviceCredential();
  const session = await sessionLoad();
  app.officer = session ? session.officer : null;
  app.token = session ? session.token : null;
  chromeUpdate();
  if (!app.officer || (!app.token && !app.offline)) return showSignIn(message || app.authNotice);
  app.authNotice = null;
  if (app.stage === "provisional") return showPinSet();
  await showTab(message);
  syncNow("opened");
}

// ---- Screens ----

function showEnrol(message) {
  app.view = "enrol";
  tabsShow(null);
  chromeUpdate();
  screenShow(enrolScreen({ onEnrol: enrol, errorFor: enrolError, notice: message }));
}

function showUnlock(message) {
  app.view = "unlock";
  tabsShow(null);
  chromeUpdate();
  screenShow(unlockScreen({ notice: message, onUnlock: unlock, errorFor: unlockError }));
}

function showSignIn(message) {
  app.view = "sign-in";
  tabsShow(null);
  const canWriteOffline = Boolean(app.officer) && app.stage === "pin";
  screenShow(
    signInScreen({
      knownOfficer: app.officer,
      notice: message,
      onSignIn: signIn,
      onOffline: canWriteOffline ? continueOffline : null,
      errorFor: signInError,
    }),
  );
}

function showPinSet() {
  app.view = "pin";
  tabsShow(null);
  screenShow(pinSetScreen({ officer: app.officer, onSet: pinSet }));
}

async function showTab(message = null, options = {}) {
  if (window.location.hash === "#outbox") await showOutbox(message, options);
  else if (window.location.hash === "#records") await showRecords(message, options);
  else if (window.location.hash === "#checks") await showChecks(message);
  else if (window.location.hash === "#tasking") await showTasking(message, options);
  else await showNotebook(message, options);
}

async function showNotebook(message = null, { quiet = false } = {}) {
  const ticket = ++app.renderTicket;
  const [entries, rows] = await Promise.all([entriesList(app.officer.id), outboxRows()]);
  if (ticket !== app.renderTicket) return; // something else was drawn meanwhile
  app.view = "notebook";
  app.formOpen = false;
  tabsShow("notebook");
  const screen = notebookScreen({
    officer: app.officer,
    entries,
    outboxRows: rows,
    notice: message,
    onNew: () => showForm("entry"),
    onCorrect: (entry) => showForm("correction", entry),
    onSupplement: (entry) => showForm("supplement", entry),
    onSignOff: () => showForm("sign_off"),
    onPhoto: (entry) =>
      showPhotoForm({
        type: "notebook.entry",
        id: entry.id,
        label: `notebook entry at ${clockTime(entry.occurred_at)}`,
      }),
  });
  screenShow(screen, { quiet });
}

async function showOutbox(message = null, { quiet = false } = {}) {
  const ticket = ++app.renderTicket;
  const [items, rows, blobs] = await Promise.all([
    outboxList(app.officer.id),
    outboxRows(),
    blobsWaiting(),
  ]);
  if (ticket !== app.renderTicket) return;
  app.view = "outbox";
  app.formOpen = false;
  tabsShow("outbox");
  const screen = outboxScreen({
    items,
    blobsWaiting: blobs.filter((blob) => blob.officer_id === app.officer.id).length,
    othersWaiting: rows.filter((row) => row.officer_id !== app.officer.id).length,
    device: app.device,
    status: syncStatus(),
    persisted: app.persisted,
    signedIn: Boolean(app.token),
    notice: message,
    actions: {
      retry: (item) => retry([item.mutation_id]),
      correct: (item) => showCorrection(item),
      retryAll: () =>
        retry(items.filter((item) => item.status === "failed").map((item) => item.mutation_id)),
      syncNow: () => syncNow("button"),
      signIn: () => {
        app.offline = false;
        route();
      },
      signOut,
      lock: () => lock("button"),
    },
  });
  screenShow(screen, { quiet });
}

// A form replaces the tabs until it is saved or cancelled; no update takes over meanwhile.
function showForm(kind, original = null) {
  app.renderTicket += 1;
  app.view = "form";
  app.formOpen = true;
  tabsShow(null);
  screenShow(
    entryFormScreen({
      kind,
      original,
      officer: app.officer,
      onSave: saveEntry,
      onCancel: () => formClose(),
    }),
  );
}

// ---- Field records: stop and search, statements, photos ----

async function showRecords(message = null, { quiet = false } = {}) {
  const ticket = ++app.renderTicket;
  const [searches, statements, photos, incidents, rows, incidentForm] = await Promise.all([
    recordsList(app.officer.id, STOP_SEARCH),
    recordsList(app.officer.id, STATEMENT),
    recordsList(app.officer.id, EVIDENCE),
    recordsList(app.officer.id, INCIDENT),
    outboxRows(),
    reference("incident-form"),
  ]);
  if (ticket !== app.renderTicket) return;
  app.view = "records";
  app.formOpen = false;
  tabsShow("records");
  const photoCounts = new Map();
  for (const photo of photos) {
    const target = photo.payload.record_id;
    photoCounts.set(target, (photoCounts.get(target) || 0) + 1);
  }
  const submitting = new Set(
    rows.filter((row) => row.type === "incident.submit" && row.status === "pending").map((row) => row.record_id),
  );
  const screen = recordsScreen({
    searches,
    statements,
    incidents,
    incidentWords: (record) => ({
      title: incidentForm ? categoryLabel(incidentForm, record.payload.category) : record.payload.category,
      status: incidentForm
        ? statusWords(incidentForm, submitting.has(record.id) ? "submitting" : (record.server && record.server.status) || "draft")
        : "",
    }),
    photoCounts,
    outboxByRecord: new Map(rows.map((row) => [row.record_id, row.status])),
    notice: message,
    actions: {
      newStopSearch: () => showStopSearchForm(),
      newStatement: () => showStatementForm(),
      newIncident: () => showIncident(null),
      reviewQueue: (app.officer.roles || []).includes("supervisor") ? () => showReviewQueue() : null,
      incident: (record) => showIncident(record),
      receipt: (record) => showReceipt(record),
      statement: (record) => showStatement(record),
      photo: (record) => showPhotoForm(photoTarget(record)),
    },
  });
  screenShow(screen, { quiet });
}

function photoTarget(record) {
  if (record.type === STOP_SEARCH)
    return { type: STOP_SEARCH, id: record.id, label: `stop and search ${record.payload.urn}` };
  return {
    type: STATEMENT,
    id: record.id,
    label: `statement of ${record.payload.witness_name}`,
  };
}

function formOpen(view) {
  app.renderTicket += 1;
  app.view = view;
  app.formOpen = true;
  tabsShow(null);
}

async function stopSearchReference() {
  return reference("stopsearch-form");
}

async function reference(name) {
  const cached = await referenceGet(name);
  return cached && cached.officerId === app.officer.id ? cached.value : null;
}

// An incident report: its draft form, its review state, or a conflict to resolve.
async function showIncident(record, { notice: message = null } = {}) {
  const form = await reference("incident-form");
  const report = record ? await recordGet(record.id) : null;
  const state = report
    ? await incidentOutboxState(report.id)
    : { pending: 0, submitting: false, conflict: null, refused: null };
  formOpen("incident");
  if (!form) {
    screenShow({
      title: "Incident report",
      body: [
        heading("Incident report"),
        h(
          "p",
          { class: "notice" },
          "The form has not been downloaded to this device yet. Connect once while signed in, then it works offline.",
        ),
        h("div", { class: "actions" }, h("button", { type: "button", onclick: () => formClose("#records") }, "Back")),
      ],
    });
    return;
  }
  const again = async (saved, words, title) => {
    app.formOpen = false;
    await showIncident(saved, { notice: notice(words, { title }) });
    syncNow("saved");
  };
  const where = () =>
    navigator.onLine && app.token
      ? "It is being sent now."
      : "It is kept on this device, encrypted, and sent when the app is next online.";
  screenShow(
    incidentScreen({
      form,
      report,
      state,
      notice: message,
      actions: {
        back: () => formClose("#records"),
        photo: () =>
          showPhotoForm({
            type: INCIDENT,
            id: report.id,
            label: `incident report (${report.payload.category})`,
          }),
        save: async (content) => {
          const saved = await incidentSave({ officer: app.officer, report, content });
          await again(saved, where(), "Draft saved");
        },
        submit: async (content, changed) => {
          const saved = await incidentSubmit({ officer: app.officer, report, content, changed });
          await again(saved, where(), "Submitted for review");
        },
        resolve: async (keep) => {
          const saved = await incidentResolve({ officer: app.officer, report, keep });
          await again(
            saved,
            keep === "mine" ? `Your version is kept. ${where()}` : "The server's version is kept.",
            "Conflict resolved",
          );
        },
      },
    }),
  );
}

async function showStopSearchForm({ values = null, errors = [], item = null } = {}) {
  const form = await stopSearchReference();
  formOpen("stop-search");
  if (!form || !form.station) {
    screenShow({
      title: "Stop and search",
      body: [
        heading("Stop and search"),
        h(
          "div",
          { class: "notice", id: "form-unavailable" },
          h(
            "p",
            {},
            form
              ? "Your account has no station, so the app cannot make a reference number. Speak to your supervisor."
              : "The form has not been downloaded to this device yet. Connect once while signed in, then it works offline.",
          ),
        ),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", onclick: () => formClose("#records") }, "Back"),
        ),
      ],
    });
    return;
  }
  screenShow(
    stopSearchFormScreen({
      form,
      values,
      errors,
      onSave: (payload) => saveStopSearch(form, payload, item),
      onCancel: () => formClose(item ? "#outbox" : "#records"),
    }),
  );
}

async function saveStopSearch(form, payload, item) {
  const record = item
    ? await stopSearchCorrect({ officer: app.officer, device: app.device, form, item, values: payload })
    : await stopSearchSave({ officer: app.officer, device: app.device, form, values: payload });
  app.formOpen = false;
  await showReceipt(record, { fresh: true });
  syncNow("saved");
}

async function showReceipt(record, { fresh = false } = {}) {
  const rows = await outboxRows();
  app.renderTicket += 1;
  app.view = "receipt";
  tabsShow(null);
  const waiting = rows.some((row) => row.record_id === record.id);
  screenShow(
    receiptScreen({
      receipt: record.local.receipt,
      sent: !waiting,
      notice: fresh
        ? notice("Show this receipt to the person searched.", { title: "Stop and search saved" })
        : null,
      onDone: () => formClose("#records"),
      onPhoto: () => showPhotoForm(photoTarget({ ...record, type: STOP_SEARCH })),
    }),
  );
}

async function showStatementForm({ values = null, errors = [], item = null } = {}) {
  const earlier = (await recordsList(app.officer.id, STATEMENT)).filter(
    (statement) => !item || statement.id !== item.record_id,
  );
  formOpen("statement");
  screenShow(
    statementFormScreen({
      officer: app.officer,
      earlier,
      values,
      errors,
      onSave: (fields, png) => saveStatement(fields, png, item),
      onCancel: () => formClose(item ? "#outbox" : "#records"),
    }),
  );
}

async function saveStatement(fields, png, item) {
  let record;
  if (item) {
    await statementCorrect({ officer: app.officer, mutationId: item.mutation_id, fields, png });
    record = await recordGet(item.record_id);
  } else {
    record = await statementSign({ officer: app.officer, fields, png });
  }
  app.formOpen = false;
  await showStatement(record, {
    notice: notice(
      navigator.onLine && app.token
        ? "It is signed and cannot be changed. It is being sent now."
        : "It is signed and cannot be changed. It is kept on this device, encrypted, and sent when the app is next online.",
      { title: "Statement saved" },
    ),
  });
  syncNow("saved");
}

async function showStatement(record, { notice: message = null } = {}) {
  const [signature, photos, rows] = await Promise.all([
    blobRead(record.payload.signature_sha256),
    recordsList(app.officer.id, EVIDENCE),
    outboxRows(),
  ]);
  app.renderTicket += 1;
  app.view = "statement";
  tabsShow(null);
  const url = signature
    ? URL.createObjectURL(new Blob([signature.bytes], { type: "image/png" }))
    : null;
  const screen = statementViewScreen({
    statement: record,
    signatureUrl: url,
    photos: photos.filter((photo) => photo.payload.record_id === record.id),
    sent: !rows.some((row) => row.record_id === record.id),
    onBack: () => formClose("#records"),
    onPhoto: () => showPhotoForm(photoTarget({ ...record, type: STATEMENT })),
  });
  if (message) {
    screen.body.splice(1, 0, message);
    screen.focus = message;
  }
  screenShow(screen);
}

function showPhotoForm(target) {
  const back = target.type === "notebook.entry" ? "#notebook" : "#records";
  formOpen("photo");
  screenShow(
    photoFormScreen({
      target,
      onSave: async (photo) => {
        await photoAttach({ officer: app.officer, target, ...photo });
        app.formOpen = false;
        if (window.location.hash !== back) history.replaceState(null, "", back);
        await showTab(notice(`Attached to the ${target.label}.`, { title: "Photo saved" }));
        syncNow("saved");
      },
      onCancel: () => formClose(back),
    }),
  );
}

// The supervisor's review queue: online only, fetched fresh each time.
async function showReviewQueue(message = null) {
  const form = await reference("incident-form");
  formOpen("review");
  const auth = syncAuth();
  let items = null;
  let problem = null;
  if (!auth || !form) problem = "Sign in, online, to see the review queue.";
  else {
    try {
      items = await api.reviewQueue(auth);
    } catch (error) {
      problem =
        error instanceof ApiError
          ? `The server refused: ${error.message}`
          : "There is no connection. The review queue needs one.";
    }
  }
  if (problem) {
    screenShow({
      title: "Review queue",
      body: [
        heading("Review queue"),
        h("p", { class: "notice", id: "review-unavailable" }, problem),
        h("div", { class: "actions" }, h("button", { type: "button", onclick: () => formClose("#records") }, "Back")),
      ],
    });
    return;
  }
  screenShow(
    reviewQueueScreen({
      items,
      form,
      notice: message,
      actions: {
        back: () => formClose("#records"),
        open: async (item) => {
          const report = await api.incidentGet(syncAuth(), item.id);
          screenShow(
            reviewScreen({
              report,
              form,
              actions: {
                back: () => showReviewQueue(),
                decide: async (kind, comments) => {
                  await api.incidentDecide(syncAuth(), item.id, kind, comments);
                  await showReviewQueue(
                    notice(kind === "approve" ? "The report is approved." : "The report is returned to the officer.", {
                      title: kind === "approve" ? "Approved" : "Returned",
                    }),
                  );
                },
              },
            }),
          );
        },
      },
    }),
  );
}

// ---- Checks: online against the server, offline against the briefing pack ----

async function showChecks(message = null) {
  const ticket = ++app.renderTicket;
  let reasons = await reference("check-reasons");
  const auth = syncAuth();
  if (!reasons && auth && navigator.onLine) {
    reasons = await api.checkReasons(auth).catch(() => null);
  }
  const pack = await packCurrent(app.officer.id);
  if (ticket !== app.renderTicket) return;
  app.view = "checks";
  app.formOpen = false;
  tabsShow("checks");
  if (!reasons) {
    screenShow({
      title: "Checks",
      body: [
        heading("Checks"),
        h(
          "p",
          { class: "notice", id: "checks-unavailable" },
          "Checks need the server, and the list of reasons has not been downloaded to this device yet. Connect once while signed in.",
        ),
      ],
    });
    return;
  }
  screenShow(
    checksScreen({
      reasons,
      online: Boolean(auth) && navigator.onLine,
      pack,
      notice: message,
      actions: {
        check: checkOnline,
        open: checkResultOpen,
        searchPack: checkAgainstPack,
        retryOnline: () => showChecks(),
      },
    }),
  );
}

async function checkOnline(kind, body) {
  const auth = syncAuth();
  if (!auth || !navigator.onLine) return { offline: true, pack: await packCurrent(app.officer.id) };
  try {
    return { result: await api.checkMake(auth, CHECK_PATHS[kind], body) };
  } catch (error) {
    if (error instanceof NetworkError) return { offline: true, pack: await packCurrent(app.officer.id) };
    return checkRefusal(error);
  }
}

async function checkResultOpen(checkId, kind, id) {
  const auth = syncAuth();
  if (!auth) return { problem: "Sign in, online, to open a result." };
  try {
    return { record: await api.checkOpen(auth, checkId, kind, id) };
  } catch (error) {
    if (error instanceof NetworkError)
      return { problem: "There is no connection, so the record could not be opened. Try again when online." };
    return checkRefusal(error);
  }
}

// The server's refusal in plain words: beside the field it names, or as a plain notice.
function checkRefusal(error) {
  if (!(error instanceof ApiError)) throw error;
  if (error.status === 401) {
    authFailed(error);
    return { problem: "Your session has ended. Sign in again to make checks." };
  }
  if (error.status === 429)
    return {
      problem:
        "You have made a lot of checks in a short time, so the server is pausing your checks. Wait a minute, then try again.",
    };
  if (error.status >= 500) return { problem: "The server has a problem, so the check was not made. Try again shortly." };
  if (error.field) return { errors: [{ field: error.field.split(".").pop(), message: sentence(error.message) }] };
  return { problem: `The server refused the check: ${error.message}` };
}

// A search of the pack on the device: refused once expired; otherwise queued to be logged.
async function checkAgainstPack(kind, values) {
  const pack = await packCurrent(app.officer.id);
  if (!pack) return { problem: "There is no briefing pack on this device yet." };
  if (pack.expired)
    return {
      problem: `The briefing pack expired at ${dayLabel(pack.expires_at)} ${clockTime(pack.expires_at)}. It is out of date, so it was not searched.`,
    };
  const outcome =
    kind === "vehicle"
      ? packSearchVehicles(pack, { registration: values.registration })
      : packSearchPersons(pack, { name: values.name, dateOfBirth: values.date_of_birth, birthYear: values.birth_year });
  if (outcome.errors) return outcome;
  const query =
    kind === "vehicle"
      ? { registration: outcome.query }
      : Object.fromEntries(
          [
            ["name", values.name],
            ["date_of_birth", values.date_of_birth],
            ["birth_year", values.birth_year],
          ].filter(([, value]) => value),
        );
  await packCheckRecord({
    officer: app.officer,
    pack,
    kind,
    query,
    reason: values.reason,
    reasonText: values.reason_text,
    results: outcome.results,
  });
  syncNow("saved");
  return outcome;
}

function sentence(text) {
  const words = String(text || "");
  return words ? words[0].toUpperCase() + words.slice(1) : words;
}

// ---- Briefings and tasks ----

async function showTasking(message = null, { quiet = false } = {}) {
  const ticket = ++app.renderTicket;
  const [briefings, tasks] = await Promise.all([briefingsCurrent(app.officer.id), tasksList(app.officer.id)]);
  if (ticket !== app.renderTicket) return;
  app.view = "tasking";
  app.formOpen = false;
  tabsShow("tasking");
  screenShow(
    taskingScreen({
      briefings,
      tasks,
      statuses: TASK_STATUSES,
      notice: message,
      actions: {
        briefing: (briefing) => showBriefing(briefing),
        task: (task) => showTask(task.id),
      },
    }),
    { quiet },
  );
}

async function showBriefing(briefing) {
  formOpen("briefing");
  const first = !briefing.read && (await briefingRead({ officer: app.officer, briefingId: briefing.id }));
  screenShow(
    briefingScreen({
      briefing,
      notice: first
        ? notice(
            navigator.onLine && app.token
              ? "Your supervisor will see that you have read it."
              : "Your supervisor will see that you have read it once the app is next online.",
            { title: "Marked as read" },
          )
        : null,
      onBack: () => formClose("#tasking"),
    }),
  );
  if (first) {
    unreadShow();
    syncNow("saved");
  }
}

async function showTask(taskId, message = null) {
  const task = await taskGet(taskId);
  if (!task) return formClose("#tasking");
  formOpen("task");
  const where = () =>
    navigator.onLine && app.token
      ? "It is being sent now."
      : "It is kept on this device, encrypted, and sent when the app is next online.";
  screenShow(
    taskScreen({
      task,
      statuses: TASK_STATUSES,
      notice: message,
      actions: {
        back: () => formClose("#tasking"),
        save: async (status, note) => {
          await taskUpdate({ officer: app.officer, task, status, note });
          app.formOpen = false;
          await showTask(task.id, notice(where(), { title: "Task updated" }));
          syncNow("saved");
        },
        resolve: async (keep) => {
          await taskResolve({ officer: app.officer, task, keep });
          app.formOpen = false;
          await showTask(
            task.id,
            notice(keep === "mine" ? `Your update is kept. ${where()}` : "The server's version is kept.", {
              title: "Conflict resolved",
            }),
          );
          syncNow("saved");
        },
      },
    }),
  );
}

// A record the server refused, opened in its form with the reason beside the field.
async function showCorrection(item) {
  const field = item.error && item.error.field ? item.error.field.split(".").pop() : null;
  const errors = [{ field, message: item.error ? item.error.message : "The server refused it" }];
  if (item.type === STOP_SEARCH)
    return showStopSearchForm({ values: item.payload, errors, item });
  if (item.type === STATEMENT) return showStatementForm({ values: item.payload, errors, item });
  if (item.type === INCIDENT || item.type === "incident.submit")
    return showIncident({ id: item.record_id });
  if (item.type === "task.update") return showTask(item.record_id);
}

function showWiped() {
  app.view = "wiped";
  tabsShow(null);
  chromeUpdate();
  screenShow(wipedScreen({ onStartAgain: () => window.location.reload() }));
}

// ---- Actions ----

async function enrol(code) {
  await vaultCreate(); // the credential is sealed the moment it arrives
  const enrolled = await api.enrol(code);
  await deviceSave({ deviceId: enrolled.device_id, credential: enrolled.credential });
  await route();
}

async function signIn(collarNumber, password) {
  const previous = app.officer;
  const waiting = (await outboxRows()).length + (await blobsWaiting()).length;
  if (previous && previous.collar_number !== collarNumber && waiting) {
    throw new HandoverBlocked(previous);
  }
  let result;
  try {
    result = await api.signIn(app.credential, collarNumber, password);
  } catch (error) {
    if (error instanceof ApiError && error.wipe) return wipe();
    throw error;
  }
  if (previous && result.officer.id !== previous.id) {
    await handover(previous, result);
  }
  await sessionSave({ token: result.token, expiresAt: result.expires_at, officer: result.officer });
  app.offline = false;
  app.authNotice = null;
  await route();
}

// Another officer takes over the device: a new data key and PIN, the last officer's copies gone.
// Refused while anything of anyone's waits to be sent (it is sealed under the old key).
async function handover(previous, result) {
  if ((await outboxRows()).length || (await blobsWaiting()).length) {
    api.signOut({ credential: app.credential, token: result.token }).catch(() => {});
    throw new HandoverBlocked(previous);
  }
  await entriesClear();
  await recordsClear();
  await vaultCreate();
  await deviceSave({
    deviceId: app.device.device_id,
    credential: app.credential,
    enrolledAt: app.device.enrolled_at,
  });
}

async function pinSet(pin) {
  await vaultPinSet(pin);
  history.replaceState(null, "", "#notebook"); // a new PIN starts at the notebook
  await route({
    notice: notice("Your PIN is saved. Use it to open the app, even without a connection.", {
      title: "You are ready",
    }),
  });
}

async function unlock(pin) {
  await vaultUnlock(pin);
  await route();
}

function continueOffline() {
  app.offline = true;
  route();
}

async function saveEntry(values) {
  await entryWrite({ officer: app.officer, ...values });
  app.formOpen = false;
  const label = KIND_LABELS[values.kind];
  const where = syncStatus().updateRequired
    ? "It is kept on this device, encrypted, and sent once the app is updated."
    : navigator.onLine && app.token
      ? "It is being sent now."
      : "It is kept on this device, encrypted, and sent when the app is next online.";
  if (window.location.hash !== "#notebook") history.replaceState(null, "", "#notebook");
  await formClosed(notice(where, { title: `${label} saved` }));
  syncNow("saved");
}

async function formClose(destination = null) {
  app.formOpen = false;
  if (destination && window.location.hash !== destination)
    history.replaceState(null, "", destination);
  if (destination) {
    if (app.authNotice && !app.token && !app.offline) return route();
    return showTab();
  }
  await formClosed(null);
}

// After a form: if the session ended meanwhile, sign in now; otherwise back to the notebook.
async function formClosed(message) {
  if (app.authNotice && !app.token && !app.offline) return route();
  await showNotebook(message);
}

async function retry(mutationIds) {
  await outboxRetry(mutationIds);
  await showOutbox(notice("Sending again."));
  syncNow("retry");
}

async function signOut() {
  try {
    await api.signOut({ credential: app.credential, token: app.token });
  } catch (error) {
    if (error instanceof ApiError && error.wipe) return wipe();
    // Offline or already ended: the token is forgotten here either way.
  }
  await sessionEnd();
  app.token = null;
  app.offline = false;
  await route({
    notice: notice(
      "You are signed out. Entries waiting to be sent stay on this device and go after the next sign-in.",
    ),
  });
}

// Lock: forget the keys and everything decrypted; the PIN opens the app again.
function lock(reason) {
  if (!app.device || app.stage !== "pin" || !vaultIsUnlocked()) return;
  vaultLock();
  app.credential = null;
  app.token = null;
  app.officer = null;
  app.formOpen = false;
  app.offline = false;
  app.renderTicket += 1;
  const message =
    reason === "idle" ? notice("The app locked itself after 5 minutes without use.") : null;
  route({ notice: message });
}

// The device was revoked: delete every local record and key, keep only the app shell.
async function wipe() {
  syncStop();
  const wiping = await wipeNoteTake(app.credential);
  vaultLock();
  Object.assign(app, {
    device: null,
    stage: "none",
    credential: null,
    officer: null,
    token: null,
    formOpen: false,
  });
  app.renderTicket += 1;
  try {
    await dbDelete();
  } catch (error) {
    console.error("Frontline: the database could not be deleted", error);
  }
  try {
    const names = await caches.keys();
    await Promise.all(
      names
        .filter((name) => !name.startsWith(SHELL_CACHE_PREFIX))
        .map((name) => caches.delete(name)),
    );
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // nothing else was stored there
  }
  statusShow({ pending: 0, failed: 0 }, { enrolled: false });
  showWiped();
  wipeConfirm(wiping);
}

// ---- Sync hooks ----

function syncAuth() {
  if (!vaultIsUnlocked() || !app.token || !app.officer || app.stage !== "pin") return null;
  return { credential: app.credential, token: app.token, officerId: app.officer.id };
}

let refreshQueued = false;
function dataChanged() {
  if (refreshQueued) return;
  refreshQueued = true;
  setTimeout(() => {
    refreshQueued = false;
    if (!vaultIsUnlocked() || !app.officer) return;
    unreadShow();
    if (!REDRAWN_VIEWS.has(app.view)) return;
    // The app may lock while the redraw reads: then the unlock screen is already showing.
    showTab(null, { quiet: true }).catch((error) => {
      if (!(error instanceof VaultLocked)) console.error(error);
    });
  }, 50);
}

async function authFailed(error) {
  if (error.wipe) return wipe();
  await sessionEnd();
  app.token = null;
  app.offline = false;
  const words = {
    token_expired: "Your session ended with the shift. Sign in again to send your entries.",
    signed_out: "You were signed out. Sign in again to send your entries.",
    officer_revoked:
      "Your access to Frontline has been withdrawn. Your entries stay on this device. Speak to your supervisor.",
  }[error.code];
  app.authNotice = notice(words || "Sign in again to send your entries.", {
    title: "Sign in again",
  });
  if (app.formOpen) return; // never lose what is being typed: asked once the form closes
  await route();
}

function updateRequired() {
  app.updateForced = true;
  bannerOfferForcedUpdate();
}

// ---- Small parts ----

function chromeUpdate() {
  const unlocked = vaultIsUnlocked() && app.officer;
  who.textContent = unlocked ? officerName(app.officer) : "";
  lockButton.hidden = !(vaultIsUnlocked() && app.stage === "pin");
  syncRefresh();
}

// "PC1001 A. Hassan"
function officerName(officer) {
  const initial = officer.given_name ? `${officer.given_name[0]}. ` : "";
  return `${officer.collar_number} ${initial}${officer.family_name}`;
}

function tabsShow(active) {
  tabs.hidden = !active;
  if (active) unreadShow();
  document.body.classList.toggle("with-tabs", Boolean(active));
  for (const link of tabs.querySelectorAll("a")) {
    if (link.getAttribute("href") === `#${active}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  chromeUpdate();
}

// The Briefings tab says how many briefings in force are unread, in words for screen readers.
async function unreadShow() {
  const badge = document.getElementById("tab-tasking-unread");
  if (!badge || !vaultIsUnlocked() || !app.officer) return;
  try {
    const unread = (await briefingsCurrent(app.officer.id)).filter((briefing) => !briefing.read).length;
    badge.hidden = unread === 0;
    badge.replaceChildren(h("span", { class: "badge" }, String(unread)), hidden(" unread"));
  } catch (error) {
    if (!(error instanceof VaultLocked)) console.error(error);
  }
}

async function storagePersist() {
  if (!navigator.storage || !navigator.storage.persist) return;
  try {
    app.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    app.persisted = false;
  }
}

function fatal(error) {
  console.error(error);
  screenShow({
    title: "The app could not start",
    body: [
      heading("The app could not start"),
      h(
        "p",
        {},
        "Frontline needs a browser that keeps data for websites (IndexedDB) and can encrypt it.",
      ),
      h("p", { class: "hint" }, String(error && error.message ? error.message : error)),
    ],
  });
}
