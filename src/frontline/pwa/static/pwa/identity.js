// Who this device is, and who is signed in on it. The credential and the token are sealed.

import { done, metaGet, transact } from "./db.js";
import { vaultSeal, vaultUnseal } from "./vault.js";

// The device record: device_id and enrolment time in the clear, the credential sealed.
export function deviceLoad() {
  return metaGet("device");
}

// Keep a fresh enrolment. The vault must be open (created just before enrolling).
export async function deviceSave({ deviceId, credential, enrolledAt = null }) {
  const sealed = await vaultSeal({ credential }, "meta:device");
  const enrolled_at = enrolledAt || new Date().toISOString();
  const device = { key: "device", device_id: deviceId, enrolled_at, sealed };
  await transact(["meta"], "readwrite", ({ meta }) => done(meta.put(device)));
  return device;
}

// The device credential, for the X-Device-Credential header.
export async function deviceCredential() {
  const device = await deviceLoad();
  return (await vaultUnseal(device.sealed, "meta:device")).credential;
}

// Keep the signed-in officer and their token.
export async function sessionSave({ token, expiresAt, officer }) {
  const sealed = await vaultSeal({ token, expires_at: expiresAt, officer }, "meta:session");
  await transact(["meta"], "readwrite", ({ meta }) => done(meta.put({ key: "session", sealed })));
}

// { token, expires_at, officer } or null. A signed-out session keeps the officer, not the token.
export async function sessionLoad() {
  const record = await metaGet("session");
  return record ? vaultUnseal(record.sealed, "meta:session") : null;
}

// End the session on this device: forget the token, remember who it was.
export async function sessionEnd() {
  const session = await sessionLoad();
  if (session) await sessionSave({ token: null, expiresAt: null, officer: session.officer });
}
