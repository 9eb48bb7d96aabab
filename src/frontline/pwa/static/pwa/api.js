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
