// The app's IndexedDB: schema upgrades by version, one-transaction writes, and a full wipe.
// Rule: never await anything but IndexedDB requests inside a transaction (no network, no crypto).

const DB_NAME = "frontline";
const DB_VERSION = 2;

let opening = null;
let onClosedByOtherTab = () => {};

// Open (and if needed upgrade) the database once per page.
export function dbOpen() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
      request.onsuccess = () => {
        const db = request.result;
        // Another tab is upgrading or wiping: let go at once so it is not blocked.
        db.onversionchange = () => {
          db.close();
          opening = null;
          onClosedByOtherTab();
        };
        resolve(db);
      };
      request.onerror = () => {
        opening = null;
        reject(request.error);
      };
      request.onblocked = () => console.warn("Frontline: database upgrade waits for another tab");
    });
  }
  return opening;
}

// Called when another tab upgrades or deletes the database under this one.
export function dbOnClosedByOtherTab(callback) {
  onClosedByOtherTab = callback;
}

// Run `work(stores)` in one transaction; resolves with its result once the transaction commits.
export async function transact(storeNames, mode, work) {
  const db = await dbOpen();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeNames, mode);
    const stores = Object.fromEntries(storeNames.map((name) => [name, tx.objectStore(name)]));
    let result;
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
    Promise.resolve(work(stores)).then(
      (value) => {
        result = value;
      },
      (error) => {
        try {
          tx.abort();
        } catch {
          // already finished
        }
        reject(error);
      },
    );
  });
}

// An IDBRequest as a promise.
export function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

// Read one value from the key-value `meta` store.
export async function metaGet(key) {
  return transact(["meta"], "readonly", ({ meta }) => done(meta.get(key)));
}

// Delete every local record: close, then delete the whole database.
export async function dbDelete() {
  if (opening) {
    try {
      (await opening).close();
    } catch {
      // it never opened
    }
    opening = null;
  }
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => console.warn("Frontline: wipe waits for another tab to close");
  });
}

// Schema history. Each step takes the schema from one version to the next; never edit a
// released step, add a new one and raise DB_VERSION.
function upgrade(db, oldVersion) {
  if (oldVersion < 1) {
    // meta: small key-value records (device, vault, session, device_seq, cursor, last_sync).
    db.createObjectStore("meta", { keyPath: "key" });
    // entries: notebook entries, the officer's own and the server's copies; contents sealed.
    const entries = db.createObjectStore("entries", { keyPath: "id" });
    entries.createIndex("officer_id", "officer_id");
    // outbox: mutations waiting for the server; the payload sealed, the bookkeeping plain.
    const outbox = db.createObjectStore("outbox", { keyPath: "mutation_id" });
    outbox.createIndex("device_seq", "device_seq", { unique: true });
    outbox.createIndex("officer_id", "officer_id");
  }
  if (oldVersion < 2) {
    // records: the field records besides the notebook (stop-searches, statements, evidence
    // items), by type; contents sealed, the type, owner and state plain.
    const records = db.createObjectStore("records", { keyPath: "id" });
    records.createIndex("officer_id", "officer_id");
    records.createIndex("type", "type");
    // blobs: signatures and photos, sealed, by SHA-256; `state` says whether the server has them.
    const blobs = db.createObjectStore("blobs", { keyPath: "sha256" });
    blobs.createIndex("officer_id", "officer_id");
  }
}
