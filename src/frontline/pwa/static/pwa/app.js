// Frontline officer app: starts up, picks the screen to show, and wires sync, locking and
// updates together. The screens draw themselves (ui/); the data lives in notebook.js and
// outbox.js; the keys in vault.js; the server is reached through api.js and sync.js only.

import * as api from "./api.js";
import { ApiError } from "./api.js";
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
import { outboxList, outboxRetry, outboxRows } from "./outbox.js";
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
} from "./vault.js";
import { h, heading, screenShow } from "./ui/dom.js";
import { enrolScreen } from "./ui/enrol.js";
import { entryFormScreen } from "./ui/entry-form.js";
import { notice, wipedScreen } from "./ui/messages.js";
import { notebookScreen } from "./ui/notebook-screen.js";
import { outboxScreen } from "./ui/outbox-screen.js";
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
    if (app.view === "notebook" || app.view === "outbox") showTab();
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
  });
  screenShow(screen, { quiet });
}

async function showOutbox(message = null, { quiet = false } = {}) {
  const ticket = ++app.renderTicket;
  const [items, rows] = await Promise.all([outboxList(app.officer.id), outboxRows()]);
  if (ticket !== app.renderTicket) return;
  app.view = "outbox";
  app.formOpen = false;
  tabsShow("outbox");
  const screen = outboxScreen({
    items,
    othersWaiting: rows.filter((row) => row.officer_id !== app.officer.id).length,
    device: app.device,
    status: syncStatus(),
    persisted: app.persisted,
    signedIn: Boolean(app.token),
    notice: message,
    actions: {
      retry: (item) => retry([item.mutation_id]),
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
  if (previous && previous.collar_number !== collarNumber && (await outboxRows()).length) {
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
  if ((await outboxRows()).length) {
    api.signOut({ credential: app.credential, token: result.token }).catch(() => {});
    throw new HandoverBlocked(previous);
  }
  await entriesClear();
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

async function formClose() {
  app.formOpen = false;
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
    if (app.view === "notebook" || app.view === "outbox") showTab(null, { quiet: true });
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
  document.body.classList.toggle("with-tabs", Boolean(active));
  for (const link of tabs.querySelectorAll("a")) {
    if (link.getAttribute("href") === `#${active}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  chromeUpdate();
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
