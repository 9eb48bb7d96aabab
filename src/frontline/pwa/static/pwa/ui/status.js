// The sync indicator in the masthead, on every screen: connection, what is waiting, last sync.
// The live region changes only when its words do, so screen readers are not chattered at.

import { clockTime } from "../time.js";

const state = document.getElementById("sync-state");
const last = document.getElementById("sync-last");
const syncButton = document.getElementById("sync-now");

export function statusShow(status, { enrolled }) {
  const online = navigator.onLine && status.online !== false;
  const waiting = status.pending ? `${status.pending} waiting to send` : "all sent";
  const refused = status.failed ? `, ${status.failed} not accepted` : "";
  let words;
  let tone;
  if (!enrolled) {
    words = online ? "Online" : "Offline";
    tone = online ? "online" : "offline";
  } else if (status.updateRequired) {
    words = "Update required: this app version is too old to send";
    tone = "problem";
  } else if (status.locked) {
    words = `Locked · ${status.pending} waiting to send`;
    tone = online ? "online" : "offline";
  } else if (!online) {
    words = `Offline · ${waiting}${refused}`;
    tone = "offline";
  } else if (!status.signedIn) {
    words = `Signed out · ${status.pending ? `sign in to send ${status.pending}` : "nothing waiting"}${refused}`;
    tone = "problem";
  } else if (status.problem) {
    words = `${status.problem} · ${waiting}${refused}`;
    tone = "problem";
  } else if (status.running && status.pending) {
    words = `Sending ${status.pending}…`;
    tone = "online";
  } else {
    words = `Online · ${waiting}${refused}`;
    tone = "online";
  }
  if (state.textContent !== words) state.textContent = words;
  state.className = `sync-state ${tone}`;
  state.dataset.pending = String(status.pending || 0);
  state.dataset.failed = String(status.failed || 0);
  state.dataset.running = status.running ? "true" : "false";
  state.dataset.lastSync = status.lastSync ? String(status.lastSync) : "";
  const lastWords = enrolled
    ? status.lastSync
      ? `Last sync ${clockTime(status.lastSync)}`
      : "Not synced yet"
    : "";
  if (last.textContent !== lastWords) last.textContent = lastWords;
  syncButton.hidden = !(enrolled && status.signedIn && !status.locked);
}

export function statusOnSyncNow(handler) {
  syncButton.addEventListener("click", handler);
}
