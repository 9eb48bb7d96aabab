// WebCrypto for data at rest: AES-GCM under a random data key, wrapped by a PIN-derived key.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const AES = { name: "AES-GCM", length: 256 };
const WRAP_CONTEXT = encoder.encode("frontline data key v1");

// A version 7 UUID (RFC 9562), as the server makes them (common/ids.py): 48 bits of Unix
// milliseconds, the version, then random bits. Record ids and mutation ids are made on the
// device; made in time order, they land at the end of the server's indexes instead of on a
// random page each, which is most of what writing a synced record costs the database.
export function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let millis = Date.now();
  for (let index = 5; index >= 0; index -= 1) {
    bytes[index] = millis % 256;
    millis = Math.floor(millis / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // the RFC 9562 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  const groups = [[0, 8], [8, 12], [12, 16], [16, 20], [20, 32]];
  return groups.map(([start, end]) => hex.slice(start, end)).join("-");
}

export function randomBytes(length) {
  return crypto.getRandomValues(new Uint8Array(length));
}

// A fresh data key. Extractable only so that it can be wrapped; the app keeps a
// non-extractable copy in memory for everyday use.
export function dataKeyGenerate() {
  return crypto.subtle.generateKey(AES, true, ["encrypt", "decrypt"]);
}

// A key that can wrap the data key but can never itself be read by script (the pre-PIN stage).
export function deviceKeyGenerate() {
  return crypto.subtle.generateKey(AES, false, ["wrapKey", "unwrapKey"]);
}

// The key-encryption key for a PIN: PBKDF2-HMAC-SHA256 with a random salt.
export async function pinKeyDerive(pin, salt, iterations) {
  const material = await crypto.subtle.importKey("raw", encoder.encode(pin), "PBKDF2", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    AES,
    false,
    ["wrapKey", "unwrapKey"],
  );
}

// Wrap the data key with a key-encryption key.
export async function keyWrap(dataKey, wrappingKey) {
  const iv = randomBytes(12);
  const wrapped = await crypto.subtle.wrapKey("raw", dataKey, wrappingKey, {
    name: "AES-GCM",
    iv,
    additionalData: WRAP_CONTEXT,
  });
  return { iv, wrapped: new Uint8Array(wrapped) };
}

// Unwrap the data key; fails (OperationError) when the wrapping key is wrong, e.g. a wrong PIN.
export function keyUnwrap({ iv, wrapped }, wrappingKey, { extractable = false } = {}) {
  return crypto.subtle.unwrapKey(
    "raw",
    wrapped,
    wrappingKey,
    { name: "AES-GCM", iv, additionalData: WRAP_CONTEXT },
    AES,
    extractable,
    ["encrypt", "decrypt"],
  );
}

// A non-extractable copy of an extractable key, for keeping in memory.
export async function keyNonExtractable(key) {
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", key));
  try {
    return await crypto.subtle.importKey("raw", raw, AES, false, ["encrypt", "decrypt"]);
  } finally {
    raw.fill(0);
  }
}

// Encrypt a JSON value. `context` (e.g. "entries:<id>") is authenticated, so a sealed value
// cannot be moved to another record without detection.
export async function seal(key, value, context) {
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  return { iv, data: new Uint8Array(data) };
}

// Decrypt a value sealed with `seal` under the same key and context.
export async function unseal(key, sealed, context) {
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: sealed.iv, additionalData: encoder.encode(context) },
    key,
    sealed.data,
  );
  return JSON.parse(decoder.decode(plain));
}

// SHA-256 of bytes, as 64 lower-case hex digits (what the server names blobs by).
export async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Encrypt raw bytes (a photo, a signature) with the context authenticated, as `seal` does.
export async function sealBytes(key, bytes, context) {
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
    key,
    bytes,
  );
  return { iv, data: new Uint8Array(data) };
}

export async function unsealBytes(key, sealed, context) {
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: sealed.iv, additionalData: encoder.encode(context) },
    key,
    sealed.data,
  );
  return new Uint8Array(plain);
}

// A random URL-safe token of `length` bytes (a receipt link's secret).
export function urlSafeToken(length = 24) {
  const text = btoa(String.fromCharCode(...randomBytes(length)));
  return text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
