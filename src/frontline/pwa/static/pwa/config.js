// Settings the whole app shares. The version comes from the page the server rendered.

export const APP_VERSION = document.documentElement.dataset.appVersion || "0.0.0";
export const WORKER_URL = document.documentElement.dataset.workerUrl || "/app/sw.js";
export const API_ROOT = "/api/v1";

export const LOCK_AFTER_IDLE_MS = 5 * 60 * 1000; // no touch or key for five minutes
export const LOCK_AFTER_HIDDEN_MS = 60 * 1000; // put away for a minute
export const SYNC_EVERY_MS = 60 * 1000;
export const CHECK_IN_EVERY_MS = 15 * 60 * 1000; // fleet register: at most every 15 minutes
export const BACKOFF_FIRST_MS = 2000;
export const BACKOFF_MAX_MS = 5 * 60 * 1000;
export const REQUEST_TIMEOUT_MS = 30 * 1000;
export const PUSH_BATCH = 500; // the server's limit per push

// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; stored with each wrap so it can be raised later.
export const PBKDF2_ITERATIONS = 600000;
export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;
export const PIN_FAILURES_BEFORE_DELAY = 5;

export const TEXT_MAX = 10000; // the server's limit for an entry
