// The vault: the data key lives in memory only, is unlocked with the officer's PIN, and is
// dropped on lock. On disk it is only ever stored wrapped.
//
// Stages of the stored vault record (meta "vault"):
//   provisional - just enrolled, no PIN yet: wrapped by a non-extractable device key
//   pin         - wrapped by a key derived from the PIN (PBKDF2-SHA-256, random salt)

import {
  dataKeyGenerate,
  deviceKeyGenerate,
  keyNonExtractable,
  keyUnwrap,
  keyWrap,
  pinKeyDerive,
  randomBytes,
  seal,
  sealBytes,
  unseal,
  unsealBytes,
} from "./crypto.js";
import { done, metaGet, transact } from "./db.js";
import { PBKDF2_ITERATIONS, PIN_FAILURES_BEFORE_DELAY } from "./config.js";

let dataKey = null;

export class VaultLocked extends Error {
  constructor() {
    super("the app is locked");
  }
}

export class WrongPin extends Error {
  constructor(waitMs) {
    super("wrong PIN");
    this.waitMs = waitMs; // how long before another try is allowed (0: at once)
  }
}

export function vaultIsUnlocked() {
  return dataKey !== null;
}

// "none", "provisional" or "pin".
export async function vaultStage() {
  const vault = await metaGet("vault");
  return vault ? vault.kind : "none";
}

// A new vault with a fresh data key, held by a device key until the officer sets a PIN.
export async function vaultCreate() {
  const fresh = await dataKeyGenerate();
  const deviceKey = await deviceKeyGenerate();
  const wrap = await keyWrap(fresh, deviceKey);
  await transact(["meta"], "readwrite", ({ meta }) => {
    meta.put({ key: "vault", kind: "provisional", device_key: deviceKey, ...wrap });
    meta.delete("pin_failures");
  });
  dataKey = await keyNonExtractable(fresh);
}

// Open a vault that has no PIN yet (between enrolment and choosing a PIN).
export async function vaultOpenProvisional() {
  const vault = await metaGet("vault");
  if (!vault || vault.kind !== "provisional") return false;
  dataKey = await keyUnwrap(vault, vault.device_key);
  return true;
}

// Protect the data key with the officer's PIN; the device-held wrap is deleted.
export async function vaultPinSet(pin) {
  const vault = await metaGet("vault");
  if (!vault || vault.kind !== "provisional") throw new Error("the vault already has a PIN");
  const key = await keyUnwrap(vault, vault.device_key, { extractable: true });
  const salt = randomBytes(16);
  const pinKey = await pinKeyDerive(pin, salt, PBKDF2_ITERATIONS);
  const wrap = await keyWrap(key, pinKey);
  await transact(["meta"], "readwrite", ({ meta }) => {
    meta.put({ key: "vault", kind: "pin", salt, iterations: PBKDF2_ITERATIONS, ...wrap });
    meta.delete("pin_failures");
  });
  dataKey = await keyNonExtractable(key);
}

// Unlock with the PIN. Repeated failures make the officer wait, longer each time.
export async function vaultUnlock(pin) {
  const vault = await metaGet("vault");
  const failures = (await metaGet("pin_failures")) || { key: "pin_failures", count: 0, until: 0 };
  if (failures.until > Date.now()) throw new WrongPin(failures.until - Date.now());
  const pinKey = await pinKeyDerive(pin, vault.salt, vault.iterations);
  try {
    dataKey = await keyUnwrap(vault, pinKey);
  } catch {
    const count = failures.count + 1;
    const over = count - PIN_FAILURES_BEFORE_DELAY;
    const waitMs = over >= 0 ? Math.min(30000 * 2 ** over, 60 * 60 * 1000) : 0;
    await transact(["meta"], "readwrite", ({ meta }) =>
      done(meta.put({ key: "pin_failures", count, until: Date.now() + waitMs })),
    );
    throw new WrongPin(waitMs);
  }
  if (failures.count) {
    await transact(["meta"], "readwrite", ({ meta }) => done(meta.delete("pin_failures")));
  }
}

// Forget the data key: nothing sealed can be read until the PIN is entered again.
export function vaultLock() {
  dataKey = null;
}

// Encrypt a value for storage under the data key.
export function vaultSeal(value, context) {
  if (!dataKey) throw new VaultLocked();
  return seal(dataKey, value, context);
}

// Decrypt a stored value.
export function vaultUnseal(sealed, context) {
  if (!dataKey) throw new VaultLocked();
  return unseal(dataKey, sealed, context);
}

// Encrypt bytes (a photo or signature) for storage under the data key.
export function vaultSealBytes(bytes, context) {
  if (!dataKey) throw new VaultLocked();
  return sealBytes(dataKey, bytes, context);
}

export function vaultUnsealBytes(sealed, context) {
  if (!dataKey) throw new VaultLocked();
  return unsealBytes(dataKey, sealed, context);
}
