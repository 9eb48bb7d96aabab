// The server's API: one fetch wrapper that sends the device's headers and sorts the failures.

import { API_ROOT, APP_VERSION, REQUEST_TIMEOUT_MS } from "./config.js";

// The server answered with an error: `code` is its stable error name (e.g. "device_revoked").
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `the server answered ${status}`);
    this.status = status;
    this.body = body || {};
    this.code = this.body.error || `http_${status}`;
    this.field = this.body.field || null;
  }

  get wipe() {
    return this.status === 401 && this.body.wipe === true;
  }

  // Worth trying again later: the server failed or was overloaded, not the request.
  get transient() {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

// No answer at all (offline, server down, connection cut): nothing is known, send again later.
export class NetworkError extends Error {}

// Exchange a one-time code for this device's credential.
export function enrol(code) {
  const platform =
    (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
  return call("POST", "/devices/enrol", {
    body: { code, label: "Officer app", platform: platform.slice(0, 80), app_version: APP_VERSION },
  });
}

// Sign an officer in on this device: { token, expires_at, officer }.
export function signIn(credential, collarNumber, password) {
  return call("POST", "/auth/sign-in", {
    credential,
    body: { collar_number: collarNumber, password },
  });
}

export function signOut(auth) {
  return call("POST", "/auth/sign-out", { ...auth, body: {} });
}

// Push mutations: { results, acked_device_seq }.
export function push(auth, mutations) {
  return call("POST", "/sync/push", { ...auth, body: { mutations } });
}

// One page of changes after the cursor: { changes, cursor, more, reset }.
export function pull(auth, cursor, limit = 200) {
  const query = new URLSearchParams({ cursor, limit: String(limit) });
  return call("GET", `/sync/pull?${query}`, auth);
}

// Any API call. `auth` carries { credential, token }.
export async function call(method, path, { body, credential, token } = {}) {
  const headers = { Accept: "application/json", "X-App-Version": APP_VERSION };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (credential) headers["X-Device-Credential"] = credential;
  if (token) headers.Authorization = `Bearer ${token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let response;
  let data;
  try {
    response = await fetch(API_ROOT + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit", // the API takes bearer tokens, never the back office's cookies
      signal: controller.signal,
    });
    const text = await response.text();
    data = text ? JSON.parse(text) : null;
  } catch (error) {
    if (response && response.status >= 400) {
      data = null; // an error page that is not JSON: the status still says what happened
    } else {
      throw new NetworkError(error.message || "no connection");
    }
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// ---- Resumable uploads (signatures, photos): POST to start, HEAD to resume, PATCH chunks ----

const CHUNK_BYTES = 512 * 1024; // well under the server's 4 MiB per request

// Send a blob, resuming where this device left off; resolves once the server has verified it.
// `resume`: a previous attempt started, so ask where it stands first (HEAD).
export async function uploadBlob(auth, { sha256, bytes, mediaType, resume = false, onStarted }) {
  let offset = null;
  if (resume) offset = await uploadOffset(auth, sha256); // null: the server has no such upload
  if (offset === null) {
    const start = await call("POST", "/uploads", {
      ...auth,
      body: { sha256, size: bytes.length, media_type: mediaType },
    });
    if (start.status === "complete") return;
    offset = start.offset;
  }
  if (onStarted) await onStarted();
  for (let guard = 0; offset < bytes.length && guard < 100000; guard += 1) {
    const chunk = bytes.subarray(offset, offset + CHUNK_BYTES);
    try {
      const answer = await rawCall("PATCH", `/uploads/${sha256}`, auth, {
        body: chunk,
        headers: { "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" },
      });
      if (answer.data.status === "complete") return;
      offset = answer.data.offset;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "offset_mismatch")) throw error;
      offset = await uploadOffset(auth, sha256); // the server has more (or less): continue there
      if (offset === null) throw error;
    }
  }
  if (offset >= bytes.length) return;
  throw new Error("the upload did not finish");
}

// Where this device's upload stands (HEAD), or null when the server has none.
export async function uploadOffset(auth, sha256) {
  try {
    const answer = await rawCall("HEAD", `/uploads/${sha256}`, auth, {});
    return Number(answer.headers.get("Upload-Offset"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

// A call with a raw body and the response headers; errors as `call` sorts them.
async function rawCall(method, path, { credential, token } = {}, { body, headers = {} }) {
  const sent = { Accept: "application/json", "X-App-Version": APP_VERSION, ...headers };
  if (credential) sent["X-Device-Credential"] = credential;
  if (token) sent.Authorization = `Bearer ${token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let response;
  let data = null;
  try {
    response = await fetch(API_ROOT + path, {
      method,
      headers: sent,
      body,
      cache: "no-store",
      credentials: "omit",
      signal: controller.signal,
    });
    const text = method === "HEAD" ? "" : await response.text();
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
  } catch (error) {
    throw new NetworkError(error.message || "no connection");
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, headers: response.headers };
}

// The stop-search form's value lists and receipt wording, to cache for offline use.
export function stopSearchForm(auth) {
  return call("GET", "/stop-searches/form", auth);
}

// The incident report form's value lists, to cache for offline use.
export function incidentForm(auth) {
  return call("GET", "/incidents/form", auth);
}

// My unresolved sync conflicts, and how I settled one.
export function conflictsOpen(auth) {
  return call("GET", "/sync/conflicts", auth);
}

export function conflictResolve(auth, conflictId, resolution) {
  return call("POST", `/sync/conflicts/${conflictId}/resolve`, { ...auth, body: { resolution } });
}

// The supervisor's review queue and decisions (online only: a decision is not made offline).
export function reviewQueue(auth) {
  return call("GET", "/incidents/review-queue", auth);
}

export function incidentGet(auth, reportId) {
  return call("GET", `/incidents/${reportId}`, auth);
}

export function incidentDecide(auth, reportId, decision, comments) {
  return call("POST", `/incidents/${reportId}/${decision}`, { ...auth, body: { comments } });
}

// ---- Checks (online only: they need the server's reference data) ----

// The reasons a check may be made for, to cache: [{ code, label }].
export function checkReasons(auth) {
  return call("GET", "/checks/reasons", auth);
}

// A person, vehicle or location check: kind is "persons" | "vehicles" | "locations".
export function checkMake(auth, kind, body) {
  return call("POST", `/checks/${kind}`, { ...auth, body });
}

// One result of a check in full (logged by the server as a consultation).
export function checkOpen(auth, checkId, type, id) {
  return call("POST", `/checks/${checkId}/open`, { ...auth, body: { type, id } });
}

// Ask for a fresh briefing pack; it arrives by the next pull.
export function briefingPackIssue(auth) {
  return call("POST", "/checks/briefing-pack", { ...auth, body: {} });
}
