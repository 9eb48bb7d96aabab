// Locks the app after five minutes without a touch or key, and when it has been out of sight
// for a minute (put in a pocket, another app opened).

import { LOCK_AFTER_HIDDEN_MS, LOCK_AFTER_IDLE_MS } from "./config.js";

export function idleLockStart(onLock) {
  let idleTimer = null;
  let hiddenTimer = null;
  let hiddenAt = null;
  const arm = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => onLock("idle"), LOCK_AFTER_IDLE_MS);
  };
  for (const type of ["pointerdown", "keydown", "input", "wheel", "touchstart"]) {
    window.addEventListener(type, arm, { capture: true, passive: true });
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      hiddenAt = Date.now();
      hiddenTimer = setTimeout(() => onLock("hidden"), LOCK_AFTER_HIDDEN_MS);
      return;
    }
    clearTimeout(hiddenTimer);
    // Timers may not run while hidden: check the clock too.
    if (hiddenAt !== null && Date.now() - hiddenAt >= LOCK_AFTER_HIDDEN_MS) onLock("hidden");
    hiddenAt = null;
    arm();
  });
  arm();
}
