"""Drives the officer app as an officer would: by labels, headings and button names."""

import json
import os
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

PIN = "402917"
_axe = Axe()

# Every record of every object store of every IndexedDB database of the page, with binary
# values spelt out byte by byte (so plaintext could not hide in a buffer) and keys described.
_IDB_DUMP = """
async () => {
  const bytes = (view) => Array.from(view, (b) => String.fromCharCode(b)).join("");
  const plain = (value) => {
    if (value instanceof ArrayBuffer) return { bytes: bytes(new Uint8Array(value)) };
    if (ArrayBuffer.isView(value)) {
      return { bytes: bytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
    }
    if (value instanceof CryptoKey) {
      return { cryptoKey: value.algorithm.name, extractable: value.extractable };
    }
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    }
    return value;
  };
  const request = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const dump = {};
  for (const info of await indexedDB.databases()) {
    const db = await request(indexedDB.open(info.name));
    dump[info.name] = {};
    for (const store of db.objectStoreNames) {
      const rows = await request(db.transaction(store).objectStore(store).getAll());
      dump[info.name][store] = plain(rows);
    }
    db.close();
  }
  return dump;
}
"""


class OfficerApp:
    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

    # ---- Screens ----

    def open(self) -> None:
        self.page.goto(self.base_url + "/app/")

    @property
    def context(self) -> BrowserContext:
        """The browser profile: to take the device offline, or move its clock."""
        return self.page.context

    def heading(self, text: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(text)

    def enrol(self, code: str) -> None:
        self.heading("Set up this device")
        self.page.get_by_label("Enrolment code").fill(code)
        self.page.get_by_role("button", name="Enrol this device").click()

    def sign_in(self, collar_number: str, password: str) -> None:
        self.heading("Sign in")
        self.page.get_by_label("Collar or warrant number").fill(collar_number)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()

    def set_pin(self) -> None:
        self.heading("Choose a PIN")
        self.page.get_by_label("PIN", exact=True).fill(PIN)
        self.page.get_by_label("PIN again").fill(PIN)
        self.page.get_by_role("button", name="Save PIN").click()
        self.heading("Pocket notebook")

    def unlock(self, pin: str = PIN) -> None:
        self.heading("Unlock Frontline")
        self.page.get_by_label("PIN", exact=True).fill(pin)
        self.page.get_by_role("button", name="Unlock").click()

    def set_up(self, code: str, collar_number: str, password: str) -> None:
        """Enrol, sign in and choose a PIN, then wait for the first sync to finish."""
        self.open()
        self.enrol(code)
        self.sign_in(collar_number, password)
        self.set_pin()
        self.wait_synced()

    def write_entry(self, text: str, *, check_accessible: bool = False) -> None:
        self.page.get_by_role("button", name="New entry").click()
        self.heading("New entry")
        if check_accessible:
            self.check_accessible("new entry form")
        self.page.get_by_label("What happened").fill(text)
        self.page.get_by_role("button", name="Save entry").click()
        expect(self.page.get_by_role("heading", name="Entry saved")).to_be_visible()

    def correct(self, original: str, correction: str, *, check_accessible: bool = False) -> None:
        self.entry(original).get_by_role("button", name="Correct").click()
        self.heading("Correct an entry")
        expect(self.page.locator("#original-entry")).to_contain_text(original)
        if check_accessible:
            self.check_accessible("correction form")
        self.page.get_by_label("Correction").fill(correction)
        self.page.get_by_role("button", name="Save correction").click()
        expect(self.page.get_by_role("heading", name="Correction saved")).to_be_visible()

    def entry(self, text: str):
        return self.page.locator("li.entry").filter(
            has=self.page.locator(".entry-text", has_text=text)
        )

    def tab(self, name: str) -> None:
        self.page.get_by_role("navigation", name="Sections").get_by_role("link", name=name).click()

    # ---- Sync ----

    def sync_now(self) -> None:
        self.page.get_by_role("button", name="Sync now").click()

    def wait_pending(self, count: int, timeout: float = 15_000) -> None:
        expect(self.page.locator("#sync-state")).to_have_attribute(
            "data-pending", str(count), timeout=timeout
        )

    def wait_all_sent(self, timeout: float = 15_000) -> None:
        self.wait_pending(0, timeout)
        expect(self.page.locator("#sync-state")).to_have_text(
            re.compile(r"^Online · all sent"), timeout=timeout
        )

    def wait_synced(self, timeout: float = 15_000) -> None:
        """A sync has completed and nothing waits to be sent."""
        expect(self.page.locator("#sync-state")).to_have_attribute(
            "data-last-sync", re.compile(r"^\d+$"), timeout=timeout
        )
        self.wait_all_sent(timeout)

    def wait_for_service_worker(self) -> None:
        """The worker controls the page, so the shell is cached and loads offline."""
        self.page.wait_for_function("navigator.serviceWorker.controller !== null")

    # ---- Inspection ----

    def idb_dump(self) -> dict:
        return self.page.evaluate(_IDB_DUMP)

    def check_accessible(self, screen: str) -> None:
        assert_accessible(self.page, screen)
        self.screenshot(screen)

    def screenshot(self, name: str) -> None:
        """Screenshots for looking at, when FRONTLINE_E2E_SCREENSHOTS names a directory."""
        directory = os.environ.get("FRONTLINE_E2E_SCREENSHOTS")
        if directory:
            Path(directory).mkdir(parents=True, exist_ok=True)
            width = self.page.viewport_size["width"]
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            self.page.screenshot(path=str(Path(directory) / f"{width}-{slug}.png"))


def assert_accessible(page: Page, screen: str) -> None:
    """No axe violations on the page as it stands (any page: the app's or the back office's)."""
    results = _axe.run(page)
    assert results.violations_count == 0, f"{screen}:\n{results.generate_report()}"


def records_in(dump: dict) -> int:
    return sum(len(rows) for stores in dump.values() for rows in stores.values())


def as_text(dump: dict) -> str:
    return json.dumps(dump, ensure_ascii=False)
