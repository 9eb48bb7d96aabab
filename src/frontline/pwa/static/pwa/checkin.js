// Fleet check-ins and wipe confirmations. After a successful sync, at most every
// CHECK_IN_EVERY_MS, the app tells the server its version, OS, free storage, battery and last
// sync (the server keeps the latest on the register and a history row at most hourly). Every
// sync would be a write a minute per device: 333 a second for a force of 20,000, for a register
// that needs minutes, not seconds. After a wipe it confirms with what it dropped, using the
// revoked credential that only this call takes.

import { call } from "./api.js";
import { APP_VERSION, CHECK_IN_EVERY_MS } from "./config.js";
import { outboxRows } from "./outbox.js";

let lastSyncSeen = null;
let lastCheckIn = 0;

// Call with every sync status; checks in after a sync that has just finished well, when the
// last check-in of this page is older than CHECK_IN_EVERY_MS (so at once after start-up).
export function checkInAfterSync(status, auth) {
  if (!auth || !status.lastSync || status.lastSync === lastSyncSeen) return;
  lastSyncSeen = status.lastSync;
  if (Date.now() - lastCheckIn < CHECK_IN_EVERY_MS) return;
  lastCheckIn = Date.now();
  checkIn(auth, status.lastSync).catch(() => {
    // best effort: the next successful sync reports again
  });
}

async function checkIn(auth, lastSync) {
  const [storage, battery] = await Promise.all([freeStorageMb(), batteryPercent()]);
  await call("POST", "/fleet/check-ins", {
    ...auth,
    body: {
      app_version: APP_VERSION,
      os: osName().slice(0, 40),
      free_storage_mb: storage,
      battery_percent: battery,
      last_sync_at: new Date(lastSync).toISOString(),
    },
  });
}

// Before the wipe: what is about to be dropped. Never throws.
export async function wipeNoteTake(credential) {
  try {
    const rows = await outboxRows();
    const seqs = rows.map((row) => row.device_seq);
    return {
      credential,
      outbox_pending: rows.length,
      last_device_seq: seqs.length ? Math.max(...seqs) : null,
    };
  } catch {
    return { credential, outbox_pending: 0, last_device_seq: null };
  }
}

// After the wipe: confirm it. Best effort: the server already cut this device off.
export async function wipeConfirm(note) {
  if (!note.credential) return;
  try {
    await call("POST", "/fleet/wipe-confirmations", {
      credential: note.credential,
      body: {
        outbox_pending: note.outbox_pending,
        last_device_seq: note.last_device_seq,
        wiped_at: new Date().toISOString(),
      },
    });
  } catch (error) {
    console.warn("Frontline: the wipe could not be confirmed", error.message);
  }
}

async function freeStorageMb() {
  try {
    const { quota, usage } = await navigator.storage.estimate();
    return Math.max(0, Math.floor((quota - usage) / 1048576));
  } catch {
    return null;
  }
}

async function batteryPercent() {
  try {
    if (!navigator.getBattery) return null;
    const battery = await navigator.getBattery();
    return Math.round(battery.level * 100);
  } catch {
    return null;
  }
}

function osName() {
  const data = navigator.userAgentData;
  if (data && data.platform) return data.platform;
  const agent = navigator.userAgent;
  const match =
    agent.match(/(Android [\d.]+)/) ||
    agent.match(/(iPhone OS [\d_]+|CPU OS [\d_]+)/) ||
    agent.match(/(Windows NT [\d.]+)/) ||
    agent.match(/(CrOS|Mac OS X [\d_]+|Linux)/);
  return match ? match[1].replace(/_/g, ".") : "unknown";
}
