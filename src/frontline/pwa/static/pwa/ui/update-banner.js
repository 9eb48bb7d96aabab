// The update banner: offers a new version of the app, and lets it take over only when safe.

import { outboxCounts } from "../outbox.js";
import { updateApply, updateWaiting, workerCheck } from "../updates.js";

const banner = document.getElementById("update-banner");
const bannerText = document.getElementById("update-text");
const bannerButton = document.getElementById("update-now");

// hooks: isFormOpen(), isForced() (the server refuses this version), syncNow(reason).
export function bannerStart(hooks) {
  bannerButton.addEventListener("click", () => bannerAct(hooks));
}

export function bannerOfferUpdate() {
  bannerShow("A new version of the app is ready.", "Update now");
}

export function bannerOfferReload() {
  bannerShow("The app was updated in another window.", "Reload");
}

export function bannerOfferForcedUpdate() {
  bannerShow("This version of the app is too old for the server, so it cannot send.", "Update now");
  workerCheck();
}

// Update only when it is safe: no form open, and nothing unsent (unless the server refuses
// this version: then the new version is the only way to send them).
async function bannerAct({ isFormOpen, isForced, syncNow }) {
  if (isFormOpen()) {
    bannerText.textContent = "Save or cancel the open form first, then update.";
    return;
  }
  if (bannerButton.textContent === "Reload") return window.location.reload();
  const counts = await outboxCounts();
  const unsent = counts.pending + counts.failed;
  if (unsent && !isForced()) {
    const entries = unsent === 1 ? "entry" : "entries";
    bannerText.textContent = `Send the ${unsent} ${entries} in the outbox first, then update.`;
    syncNow("update");
    return;
  }
  if (!updateWaiting()) await workerCheck();
  if (!updateApply()) bannerText.textContent = "No new version is available yet. Try again later.";
}

function bannerShow(text, action) {
  banner.hidden = false;
  bannerButton.textContent = action;
  // Set after showing, so that the live region announces it.
  requestAnimationFrame(() => {
    bannerText.textContent = text;
  });
}
