// The service worker: register it, and let a new version take over only when that is safe.
// A new worker installs beside the running one and waits; the app posts "skipWaiting" to it
// only when no form is open and the outbox is empty.

import { WORKER_URL } from "./config.js";

let registration = null;
let updateRequested = false;

// Register the worker. onUpdateReady() runs when a new version waits; onTakenOver() when
// another tab applied an update under this one.
export async function workerRegister({ onUpdateReady, onTakenOver }) {
  if (!("serviceWorker" in navigator)) return null;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (updateRequested) window.location.reload();
    else if (hadController) onTakenOver();
    // (the very first install claims the page: nothing to do)
  });
  registration = await navigator.serviceWorker.register(WORKER_URL, {
    scope: new URL(".", new URL(WORKER_URL, window.location.href)).pathname,
    updateViaCache: "none",
  });
  const announceIfWaiting = () => {
    if (registration.waiting && navigator.serviceWorker.controller) onUpdateReady();
  };
  announceIfWaiting();
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed") announceIfWaiting();
    });
  });
  return registration;
}

// Ask the server for a newer worker (after a 426, when coming online, now and then).
export async function workerCheck() {
  if (!registration) return;
  try {
    await registration.update();
  } catch {
    // offline: try again later
  }
}

export function updateWaiting() {
  return Boolean(registration && registration.waiting);
}

// Hand over to the waiting worker; the page reloads when it takes control. The caller has
// checked that no form is open and the outbox is empty.
export function updateApply() {
  if (!registration || !registration.waiting) return false;
  updateRequested = true;
  registration.waiting.postMessage({ type: "skipWaiting" });
  return true;
}
