"""The officer app in a real browser against a real server: offline writing, encryption at rest,
exactly-once sync through a server crash, the wipe of a revoked device, and safe updates."""

import re
import shutil
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

import frontline
from frontline.demo import DEMO_PASSWORD
from tests.e2e.conftest import TABLET, eventually
from tests.e2e.officer_app import OfficerApp, as_text, records_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEMO_ENTRIES = 5  # PC1001's notebook in the demo scenario


def test_entries_written_offline_are_encrypted_at_rest_and_arrive_once(
    server, fleet_manager, officer_api, new_context
):
    context = new_context()
    app = OfficerApp(context.new_page(), server.base_url)
    run = uuid.uuid4().hex[:8]
    texts = [
        f"Offline entry {n} of run {run}: stopped vehicle on Fulham Palace Road." for n in range(5)
    ]
    correction = f"Correction in run {run}: the vehicle was stopped on Lillie Road."

    # Given a device enrolled with a typed code, PC1001 signed in and a PIN chosen
    app.page.add_init_script(COUNT_PERSIST_REQUESTS)
    app.open()
    app.check_accessible("enrol")
    app.enrol("ABCD EFGH JKLM")
    expect(app.page.get_by_role("alert")).to_contain_text("unknown, already used or expired")
    app.check_accessible("enrol with an error")
    app.enrol(fleet_manager.enrolment_code().lower())
    app.check_accessible("sign in")
    app.sign_in("PC1001", "not the password")
    expect(app.page.get_by_role("alert")).to_contain_text("collar number or password is wrong")
    app.sign_in("PC1001", DEMO_PASSWORD)
    app.check_accessible("choose a PIN")
    app.set_pin()
    app.wait_synced()
    expect(app.page.locator("li.entry")).to_have_count(DEMO_ENTRIES)
    app.check_accessible("notebook")
    app.wait_for_service_worker()
    assert app.page.evaluate("window.persistRequests") == 1

    # When the officer writes five entries and corrects one of them, offline
    context.set_offline(True)
    expect(app.page.locator("#sync-state")).to_contain_text("Offline")
    for number, text in enumerate(texts):
        app.write_entry(text, check_accessible=number == 0)
    app.correct(texts[2], correction, check_accessible=True)
    app.wait_pending(6)
    expect(app.entry(texts[0]).get_by_text("Not sent yet")).to_be_visible()
    app.check_accessible("notebook with unsent entries")
    app.tab("Outbox")
    expect(app.page.locator("#pending-list li")).to_have_count(6)
    app.check_accessible("outbox")
    app.tab("Notebook")

    # Then the app reloads offline from the service worker, locked, and the PIN opens it
    app.page.reload()
    app.check_accessible("unlock")
    app.unlock("111222")
    expect(app.page.get_by_role("alert")).to_contain_text("The PIN is wrong")
    app.unlock()
    app.heading("Pocket notebook")
    for text in [*texts, correction]:
        expect(app.entry(text)).to_have_count(1)
    expect(app.entry(texts[2])).to_contain_text("Corrected at")

    # and IndexedDB holds no plaintext of any entry, the credential or the token
    dump = app.idb_dump()
    store = dump["frontline"]
    assert len(store["entries"]) == DEMO_ENTRIES + 6
    assert len(store["outbox"]) == 6
    raw = as_text(dump)
    for text in [*texts, correction, "Glenthorne Road", "Brackenbury"]:
        assert text not in raw
    assert "fld_" not in raw and "flt_" not in raw  # the device credential and the token
    vault = next(row for row in store["meta"] if row["key"] == "vault")
    assert vault["kind"] == "pin" and vault["iterations"] >= 310_000
    assert "device_key" not in vault  # the pre-PIN wrapping key is gone

    # When the device comes back online, everything is sent, once
    context.set_offline(False)
    app.wait_all_sent()
    expect(app.entry(texts[0]).get_by_text("Not sent yet")).to_have_count(0)
    officer = officer_api("PC1001")
    notebook = officer.notebook()
    assert len(notebook) == DEMO_ENTRIES + 6
    ours = {entry["text"]: entry for entry in notebook if run in entry["text"]}
    assert sorted(ours) == sorted([*texts, correction])
    assert ours[correction]["kind"] == "correction"
    assert ours[correction]["supersedes"] == ours[texts[2]]["id"]
    verify = server.cli("verify", "--quiet")
    assert verify.returncode == 0, verify.stdout + verify.stderr

    # The remaining screens are accessible too, on a phone and on a tablet
    app.page.get_by_role("button", name="Sign off").click()
    app.heading("Sign off your notebook")
    # Offered already written: collar number, initial and name
    assert app.page.locator("#entry-text").input_value() == (
        "Entries above are a true record. PC1001 A. Hassan."
    )
    app.check_accessible("sign off form")
    app.page.get_by_role("button", name="Cancel").click()
    app.entry(texts[1]).get_by_role("button", name="Add to").click()
    app.heading("Add to an entry")
    app.check_accessible("supplement form")
    app.page.get_by_role("button", name="Cancel").click()
    app.page.set_viewport_size(TABLET)
    app.check_accessible("notebook on a tablet")


def test_a_server_killed_mid_push_loses_nothing_and_duplicates_nothing(
    server, officer_api, officer_app
):
    run = uuid.uuid4().hex[:8]
    texts = [f"Crash run {run}, entry {n}: called to Shepherd's Bush Green." for n in range(3)]
    app = officer_app("PC1002")
    context = app.context
    context.set_offline(True)
    for text in texts:
        app.write_entry(text)
    app.wait_pending(3)

    # When the push reaches the server and commits, but the server dies before answering
    pushes = []

    def push_then_crash(route):
        pushes.append(route.fetch())  # the server applies the whole batch...
        server.kill()  # ...and dies before the answer gets back
        route.abort("connectionreset")

    app.page.route(re.compile(r"/api/v1/sync/push$"), push_then_crash)
    context.set_offline(False)
    expect(app.page.locator("#sync-state")).to_contain_text("Cannot reach the server")
    assert len(pushes) == 1 and pushes[0].status == 200
    app.page.unroute(re.compile(r"/api/v1/sync/push$"))
    app.wait_pending(3)  # the app cannot know: everything is still in the outbox

    # Then, with the server back, the same mutations go again and each entry exists once
    server.start()
    app.sync_now()
    app.wait_all_sent()
    for text in texts:
        expect(app.entry(text)).to_have_count(1)
    officer = officer_api("PC1002")
    assert sorted(entry["text"] for entry in officer.notebook()) == sorted(texts)
    verify = server.cli("verify", "--quiet")
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_revoked_device_wipes_its_data_and_says_so(fleet_manager, officer_app):
    app = officer_app("PC1003")
    context = app.context
    app.write_entry("Sent before the device was withdrawn.")
    app.wait_all_sent()
    context.set_offline(True)
    app.write_entry("Written offline after the device was withdrawn.")
    app.tab("Outbox")
    device_id = app.page.locator("#device-id").inner_text()
    assert records_in(app.idb_dump()) > 0

    # When the fleet manager revokes the device and it next syncs (on coming back online)
    status, body = fleet_manager.request(
        "POST", f"/api/v1/devices/{device_id}/revoke", {"reason": "Reported lost on patrol"}
    )
    assert status == 200 and body["revoked_at"], body
    context.set_offline(False)

    # Then every local record is gone, the officer is told, and only the app shell remains
    app.heading("This device has been withdrawn")
    expect(app.page.locator("#wiped-notice")).to_contain_text("deleted all its data")
    app.check_accessible("wiped")
    assert records_in(app.idb_dump()) == 0
    caches = app.page.evaluate("caches.keys()")
    assert caches and all(name.startswith("frontline-shell-") for name in caches)
    app.page.get_by_role("button", name="Set up this device again").click()
    app.heading("Set up this device")


def test_a_new_version_waits_while_entries_are_unsent_or_a_form_is_open(
    server, officer_app, tmp_path
):
    app = officer_app("PC1004")
    app.wait_for_service_worker()
    (first_cache,) = app.page.evaluate("caches.keys()")
    banner = app.page.locator("#update-banner")
    push = re.compile(r"/api/v1/sync/push$")

    # Given an entry the server cannot take yet
    app.page.route(push, lambda route: route.abort("connectionrefused"))
    app.write_entry("Written just before the new release.")
    expect(app.page.locator("#sync-state")).to_contain_text("Cannot reach the server")

    # When a new release is deployed (one module changed) and the app checks for it
    release = tmp_path / "release"
    shutil.copytree(
        Path(frontline.__file__).parent,
        release / "frontline",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    changed = release / "frontline" / "pwa" / "static" / "pwa" / "config.js"
    changed.write_text(changed.read_text() + "\n// the next release\n")
    with server.restarted(source=release):
        app.page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")

        # Then it waits: not while the outbox holds the entry...
        expect(banner).to_contain_text("A new version of the app is ready.")
        app.check_accessible("update banner")
        banner.get_by_role("button", name="Update now").click()
        expect(banner).to_contain_text("Send the 1 entry in the outbox first")
        assert app.page.evaluate(WAITING_WORKER)
        app.page.unroute(push)
        app.sync_now()
        app.wait_all_sent()

        # ...nor while a form is open...
        app.page.get_by_role("button", name="New entry").click()
        banner.get_by_role("button", name="Update now").click()
        expect(banner).to_contain_text("Save or cancel the open form first")
        assert app.page.evaluate(WAITING_WORKER)
        app.page.get_by_role("button", name="Cancel").click()

        # ...and takes over when asked with nothing unsent and no form open
        banner.get_by_role("button", name="Update now").click()
        app.unlock()  # the page reloaded under the new version; keys were in memory only
        app.heading("Pocket notebook")
        assert not app.page.evaluate(WAITING_WORKER)
        (new_cache,) = app.page.evaluate("caches.keys()")
        assert new_cache != first_cache and new_cache.startswith("frontline-shell-v1.0.0-")


WAITING_WORKER = "navigator.serviceWorker.getRegistration().then((r) => Boolean(r.waiting))"


def test_an_app_older_than_the_server_accepts_says_update_required(server, officer_app):
    app = officer_app("PC1006")
    # When the server stops accepting this version of the app
    with server.restarted(MIN_APP_VERSION="9.0.0"):
        app.write_entry("Written when the server wants a newer app.")

        # Then the officer is told, and the entry waits in the outbox
        expect(app.page.locator("#sync-state")).to_have_text(re.compile("^Update required"))
        expect(app.page.locator("#update-banner")).to_contain_text("too old for the server")
        app.wait_pending(1)
        app.check_accessible("update required")

    # And once the server accepts it again (here: relents; normally: the app updated), the
    # reloaded app sends what waited
    app.page.reload()
    app.unlock()
    app.wait_all_sent()


def test_another_officer_taking_over_the_device_sees_nothing_of_the_last_ones(officer_app):
    app = officer_app("PC1007")
    app.write_entry("PC1007's own note about Goldhawk Road.")
    app.wait_all_sent()
    app.tab("Outbox")
    app.page.get_by_role("button", name="Sign out").click()
    expect(app.page.get_by_role("status").filter(has_text="You are signed out")).to_be_visible()

    # When PC1005 signs in on the same device, they choose their own PIN...
    app.sign_in("PC1005", DEMO_PASSWORD)
    app.set_pin()
    app.wait_synced()

    # ...and neither the screen nor the stored data holds PC1007's notebook
    expect(app.page.get_by_text("Goldhawk Road")).to_have_count(0)
    expect(app.page.locator("li.entry")).to_have_count(0)
    assert app.idb_dump()["frontline"]["entries"] == []


def test_the_app_locks_after_five_idle_minutes_or_a_minute_out_of_sight(new_context, officer_app):
    context = new_context()
    context.clock.install()  # the page's clock, moved on at will; it runs normally meanwhile
    app = officer_app("PC1008", context=context)
    app.write_entry("Written before a long pause.")

    # When nobody touches the app for five minutes, it locks and forgets the officer
    app.page.clock.fast_forward("05:01")
    app.heading("Unlock Frontline")
    expect(app.page.get_by_text("locked itself after 5 minutes")).to_be_visible()
    expect(app.page.locator("#who")).to_have_text("")
    expect(app.page.get_by_text("Written before a long pause.")).to_have_count(0)
    app.unlock()
    app.heading("Pocket notebook")
    expect(app.entry("Written before a long pause.")).to_have_count(1)

    # When it is put away (hidden) for over a minute, it locks too
    app.page.evaluate(HIDE_PAGE)
    app.page.clock.fast_forward("01:01")
    app.page.evaluate(SHOW_PAGE)
    app.heading("Unlock Frontline")


# Headless pages are never hidden: pretend, as a phone's browser would when put away.
HIDE_PAGE = """
Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
document.dispatchEvent(new Event("visibilitychange"));
"""
SHOW_PAGE = """
Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
document.dispatchEvent(new Event("visibilitychange"));
"""

# Counts calls to navigator.storage.persist() (the app should ask for durable storage).
COUNT_PERSIST_REQUESTS = """
window.persistRequests = 0;
const persist = navigator.storage.persist.bind(navigator.storage);
navigator.storage.persist = () => {
  window.persistRequests += 1;
  return persist();
};
"""


def test_a_device_checks_in_and_when_marked_lost_wipes_and_confirms(fleet_manager, officer_app):
    # Given a device in the register whose app install was enrolled with its own code
    status, models = fleet_manager.request("GET", "/api/v1/fleet/models")
    assert status == 200 and models, models
    status, entry = fleet_manager.request(
        "POST",
        "/api/v1/fleet/devices",
        {"asset_tag": "E2E-LOST-1", "serial_number": "E2ESERIAL1", "model_id": models[0]["id"]},
    )
    assert status == 201, entry
    detail = f"/api/v1/fleet/devices/{entry['id']}"
    status, code = fleet_manager.request("POST", detail + "/enrolment-codes")
    assert status == 201, code
    app = officer_app("PC1004", code=code["code"])
    context = app.context

    # When it syncs, the register hears from it
    app.write_entry("Sent before the device was lost.")
    app.wait_all_sent()
    checked_in = eventually(
        lambda: fleet_manager.get(detail), lambda body: body["last_contact_at"], timeout=20.0
    )
    assert checked_in["last_app_version"] and checked_in["last_os"]

    # When it is marked lost with an entry still unsent, and next comes online
    context.set_offline(True)
    app.write_entry("Written offline, never sent.")
    status, body = fleet_manager.request(
        "POST", detail + "/events", {"event": "lost", "reason": "Reported lost on patrol"}
    )
    assert status == 200 and body["status"] == "lost", body
    context.set_offline(False)

    # Then it wipes, and confirms with what it dropped; the server adds what it never got
    app.heading("This device has been withdrawn")
    wiped = eventually(lambda: fleet_manager.get(detail), lambda body: body["wipes"], timeout=20.0)
    report = wiped["wipes"][0]
    assert report["device_reported"]["outbox_pending"] == 1
    assert report["server_unsynced"]["unacknowledged_mutations"] == 1


def test_the_app_makes_version_7_ids_in_time_order(server, new_context):
    """Record and mutation ids from the device are UUIDv7, as common/ids.py makes them: the
    version and variant bits set, the first 48 bits the milliseconds they were made at, all
    distinct, and in creation order apart from ids made in the same millisecond."""
    page = new_context().new_page()
    page.goto(server.base_url + "/app/")
    module = page.evaluate("() => document.querySelector('script[type=module]').src")
    before, ids, after = page.evaluate(
        """async (url) => {
          const crypto = await import(new URL("crypto.js", url).href);
          const before = Date.now();
          const ids = Array.from({ length: 2000 }, () => crypto.uuid());
          return [before, ids, Date.now()];
        }""",
        module,
    )
    parsed = [uuid.UUID(value) for value in ids]
    assert len(set(parsed)) == len(parsed)
    assert all(value.version == 7 and value.variant == uuid.RFC_4122 for value in parsed)
    millis = [value.int >> 80 for value in parsed]
    assert all(before <= ms <= after for ms in millis)
    assert millis == sorted(millis)
    assert all(str(value) == text for value, text in zip(parsed, ids, strict=True))


def test_the_outbox_shortens_a_long_entry_without_cutting_a_character_apart(officer_app):
    app = officer_app("PC1009")
    # An entry whose 140th character is a joined emoji: four code points (officer, joiner,
    # female sign, presentation selector) and five UTF-16 units, from the 140th on
    officer = "\N{POLICE OFFICER}\N{ZERO WIDTH JOINER}\N{FEMALE SIGN}\N{VARIATION SELECTOR-16}"
    app.context.set_offline(True)
    app.write_entry("x" * 139 + officer + " and the rest of a long entry.")
    app.wait_pending(1)
    app.tab("Outbox")
    shown = app.page.locator("#pending-list li p").nth(1)
    expect(shown).to_have_text("x" * 139 + officer + "\N{HORIZONTAL ELLIPSIS}")
