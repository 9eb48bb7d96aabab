"""The field records in a real browser against a real server, offline first: a stop-search with
its receipt shown before any sync, a witness statement signed on screen with real pointer events,
a photo attached; all encrypted at rest, and each arriving on the server exactly once."""

import hashlib
import re
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from frontline.statements.signature import signature_png
from frontline.stopsearch.period import LONDON, months_after
from tests.e2e.conftest import TABLET, eventually
from tests.e2e.officer_app import OfficerApp, as_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

URN = re.compile(r"^HS-([0-9A-F]{6})-(\d+)$")


def test_records_made_offline_show_a_receipt_at_once_and_arrive_once_with_their_blobs(
    server, officer_api, officer_app
):
    run = uuid.uuid4().hex[:8]
    grounds = f"Run {run}: strong smell of cannabis, seen passing a small package."
    witness = f"Jordan Witness {run}"
    statement_text = f"Run {run}. I saw a grey van reverse into the bollard on King Street."
    photo = signature_png(seed=7, width=320, height=120)  # any real PNG will do

    # Given PC1001 signed in on an enrolled device, which has synced once (and so cached the
    # stop-search form), and then loses its connection
    app = officer_app("PC1001")
    page, context = app.page, app.context
    app.wait_for_service_worker()
    device_id = page.evaluate(
        "async () => (await new Promise((ok) => { const r = indexedDB.open('frontline');"
        " r.onsuccess = () => r.result.transaction('meta').objectStore('meta').get('device')"
        ".onsuccess = (e) => ok(e.target.result); })).device_id"
    )
    context.set_offline(True)
    expect(page.locator("#sync-state")).to_contain_text("Offline")

    # When the officer records a stop and search, offline
    app.tab("Records")
    app.heading("Records")
    app.check_accessible("records, empty")
    page.get_by_role("button", name="New stop and search").click()
    app.heading("Stop and search")
    expect(page.locator("#gowisely")).to_contain_text("Entitlement to a copy")
    app.check_accessible("stop and search form")
    # the rules beside the fields: a vehicle search needs the registration...
    page.get_by_label("Vehicle search", exact=True).check()
    expect(page.get_by_label("Vehicle registration")).to_be_visible()
    expect(page.get_by_label("The person's self-defined ethnicity")).to_be_hidden()
    page.get_by_label("Person search", exact=True).check()
    expect(page.get_by_label("Vehicle registration")).to_be_hidden()
    # ...a no-suspicion power needs the authorisation instead of grounds...
    power = page.get_by_label("Power used")
    power.select_option("Criminal Justice and Public Order Act 1994 (section 60)")
    expect(page.get_by_label("Authorisation reference")).to_be_visible()
    expect(page.get_by_label("Grounds for suspicion")).to_be_hidden()
    power.select_option("Misuse of Drugs Act 1971 (section 23)")
    # ...and what the person need not give is marked optional
    expect(page.get_by_label("Name (optional)")).to_be_visible()
    expect(page.get_by_label("Date of birth (optional)")).to_be_visible()
    page.get_by_label("Where").fill("King Street")
    page.get_by_label("Object of the search").select_option("Controlled drugs")
    page.get_by_label("Grounds for suspicion").fill("too short")
    page.get_by_role("button", name="Save and show receipt").click()
    # a broken rule is shown beside its field, and what was typed is kept
    expect(page.get_by_role("alert")).to_contain_text("at least 10 characters")
    expect(page.locator("#ss-grounds-field .error-message")).to_be_visible()
    expect(page.get_by_label("Where")).to_have_value("King Street")
    app.check_accessible("stop and search form with errors")
    page.get_by_label("Grounds for suspicion").fill(grounds)
    page.get_by_label("The person's self-defined ethnicity").select_option("A1")
    page.get_by_label("Outcome").select_option("A no further action disposal")
    page.get_by_role("button", name="Save and show receipt").click()

    # Then the receipt is shown at once, before any sync, in the server's own format
    app.heading("Stop and search receipt")
    urn = page.locator("#receipt-urn").inner_text()
    match = URN.match(urn)
    assert match, urn
    assert match[1] == device_id.replace("-", "")[:6].upper()
    expect(page.locator("#receipt-officer")).to_have_text("Police Constable Amira Hassan (PC1001)")
    expect(page.locator("#receipt-power")).to_have_text("Misuse of Drugs Act 1971 (section 23)")
    by = months_after(datetime.now(LONDON).date(), 3)
    expect(page.locator("#receipt-by")).to_have_text(f"{by:%A}, {by.day} {by:%B %Y} (3 months)")
    expect(page.locator("#receipt-how")).to_contain_text("quoting the reference number")
    app.wait_pending(1)
    app.check_accessible("stop and search receipt")

    # When a photo is attached to the search (as if from the camera)
    page.get_by_role("button", name="Add a photo").click()
    app.heading("Add a photo")
    expect(page.locator("#photo-file")).to_have_attribute("capture", "environment")
    app.check_accessible("add a photo")
    page.get_by_label("Photo", exact=True).set_input_files(
        {"name": "bag.png", "mimeType": "image/png", "buffer": photo}
    )
    page.get_by_label("What it shows (optional)").fill("The package found")
    page.get_by_role("button", name="Attach photo").click()
    expect(page.get_by_role("heading", name="Photo saved")).to_be_visible()
    app.heading("Records")
    ours = page.locator("#search-list li").filter(has_text=urn)
    expect(ours).to_have_count(1)
    expect(ours).to_contain_text("1 photo")
    expect(ours).to_contain_text("Not sent yet")

    # And a witness statement is taken and signed on screen with the mouse
    page.get_by_role("button", name="Take a statement").click()
    app.heading("Witness statement (MG11)")
    page.get_by_label("Case URN").fill("01YE0123426")
    page.get_by_label("Statement of").fill(witness)
    page.locator("#st-under18-field").get_by_label("No").check()
    page.get_by_label("Statement", exact=True).fill(statement_text)
    page.get_by_label("Place taken").fill("King Street, W6")
    page.get_by_role("button", name="Save signed statement").click()
    expect(page.get_by_role("alert")).to_contain_text("The witness must sign in the box")
    app.check_accessible("statement form with errors")
    sign(page, "#st-signature")
    expect(page.locator("#st-signature-status")).to_have_text("Signed. Clear it to sign again.")
    page.get_by_role("button", name="Save signed statement").click()
    app.heading(f"Statement of {witness}")
    expect(page.get_by_role("heading", name="Statement saved")).to_be_visible()
    expect(page.locator("#statement-text")).to_have_text(statement_text)
    signature_hash = page.locator("#statement-signature-hash").inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", signature_hash)
    app.check_accessible("signed statement")
    app.wait_pending(5)  # search, photo item, statement; the photo and the signature PNG

    # Then, reloaded offline, everything is still there, and nothing is readable at rest
    page.reload()
    app.unlock()
    app.tab("Records")
    expect(page.locator("#search-list li").filter(has_text=urn)).to_have_count(1)
    expect(page.locator("#statement-list li").filter(has_text=witness)).to_have_count(1)
    app.check_accessible("records with unsent ones")
    page.get_by_role("button", name=f"Receipt for {urn}").click()
    expect(page.locator("#receipt-urn")).to_have_text(urn)
    page.get_by_role("button", name="Done").click()
    dump = app.idb_dump()
    store = dump["frontline"]
    assert len([row for row in store["records"] if row["state"] == "local"]) == 3
    assert len(store["blobs"]) == 2 and len(store["outbox"]) == 3
    raw = as_text(dump)
    for secret in [urn, grounds, "King Street", witness, statement_text, "01YE0123426"]:
        assert secret not in raw
    assert photo[8:200].decode("latin-1") not in raw  # the photo's bytes are sealed too

    # When the device is back online, each record and blob arrives, exactly once
    context.set_offline(False)
    app.wait_all_sent(timeout=30_000)
    app.sync_now()
    app.wait_all_sent()
    officer = officer_api("PC1001")
    status, page_of_searches = officer.request("GET", "/api/v1/stop-searches?limit=200")
    assert status == 200
    ours = [r for r in page_of_searches["records"] if r["urn"] == urn]
    assert len(ours) == 1
    status, search = officer.request("GET", f"/api/v1/stop-searches/{ours[0]['id']}")
    assert (search["grounds"], search["street_name"], search["self_defined_ethnicity"]) == (
        grounds,
        "King Street",
        "A1",
    )
    status, items = officer.request(
        "GET", f"/api/v1/evidence?record_type=stopsearch.record&record_id={ours[0]['id']}"
    )
    assert status == 200 and len(items["items"]) == 1
    item = items["items"][0]
    assert item["sha256"] == hashlib.sha256(photo).hexdigest()
    assert (item["complete"], item["size"], item["filename"]) == (True, len(photo), "bag.png")
    assert held_blob(server, item["sha256"]) == photo
    status, statements = officer.request("GET", "/api/v1/statements?limit=200")
    assert status == 200, statements
    mine = [s for s in statements["statements"] if s["witness_name"] == witness]
    assert len(mine) == 1
    status, statement = officer.request("GET", f"/api/v1/statements/{mine[0]['id']}")
    assert statement["text"] == statement_text
    assert statement["signature_sha256"] == signature_hash
    assert statement["signature_received"] is True
    png = held_blob(server, signature_hash)
    assert png.startswith(b"\x89PNG") and hashlib.sha256(png).hexdigest() == signature_hash
    verify = server.cli("verify", "--quiet")
    assert verify.returncode == 0, verify.stdout + verify.stderr

    # The screens are usable on a tablet too
    page.set_viewport_size(TABLET)
    app.check_accessible("records on a tablet")


def test_a_search_the_server_refuses_stays_in_the_outbox_and_is_corrected_in_its_form(
    officer_api, officer_app
):
    street = f"Refused Road {uuid.uuid4().hex[:8]}"

    # Given a search recorded offline with a date of birth the server will not accept
    app = officer_app("PC1001")
    page, context = app.page, app.context
    context.set_offline(True)
    app.tab("Records")
    page.get_by_role("button", name="New stop and search").click()
    page.get_by_label("Person search", exact=True).check()
    page.get_by_label("Where").fill(street)
    page.get_by_label("Power used").select_option(
        "Police and Criminal Evidence Act 1984 (section 1)"
    )
    page.get_by_label("Object of the search").select_option("Stolen goods")
    page.get_by_label("Grounds for suspicion").fill("Matched the description of a shop thief.")
    page.get_by_label("The person's self-defined ethnicity").select_option("NS")
    page.get_by_label("Date of birth (optional)").fill("1890-05-01")
    page.get_by_label("Outcome").select_option("Arrest")
    page.locator("#ss-outcome_linked_to_object_of_search-field").get_by_label("Yes").check()
    page.get_by_role("button", name="Save and show receipt").click()
    app.heading("Stop and search receipt")
    urn = page.locator("#receipt-urn").inner_text()
    expect(page.locator("#receipt-by")).to_contain_text("(12 months)")  # taken into custody

    # When it is sent, the server refuses it: it stays in the outbox with the reason
    page.get_by_role("button", name="Done").click()
    context.set_offline(False)
    expect(page.locator("#sync-state")).to_have_attribute("data-failed", "1", timeout=15_000)
    app.tab("Outbox")
    refused = page.locator("#failed-list li")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text(urn)
    expect(refused).to_contain_text("date of birth must be after 1900")
    app.check_accessible("outbox with a refused search")

    # Then it opens in its form, the reason beside the field and everything typed kept
    refused.get_by_role("button", name="Correct").click()
    app.heading("Correct a stop and search")
    expect(page.locator("#ss-person_date_of_birth-field .error-message")).to_contain_text(
        "after 1900"
    )
    expect(page.get_by_label("Where")).to_have_value(street)
    expect(page.get_by_label("Grounds for suspicion")).to_have_value(
        "Matched the description of a shop thief."
    )
    app.check_accessible("correcting a refused search")
    page.get_by_label("Date of birth (optional)").fill("1990-05-01")
    page.get_by_role("button", name="Save and show receipt").click()
    expect(page.locator("#receipt-urn")).to_have_text(urn)  # the person keeps the same URN
    app.wait_all_sent()
    expect(page.locator("#sync-state")).to_have_attribute("data-failed", "0")

    officer = officer_api("PC1001")
    status, listed = officer.request("GET", "/api/v1/stop-searches?limit=200")
    assert status == 200
    ours = [r for r in listed["records"] if r["urn"] == urn]
    assert len(ours) == 1 and ours[0]["street_name"] == street
    status, record = officer.request("GET", f"/api/v1/stop-searches/{ours[0]['id']}")
    assert status == 200 and record["person_date_of_birth"] == "1990-05-01"


_V1_DATABASE = """
async () => {
  await new Promise((resolve, reject) => {
    const request = indexedDB.open("frontline", 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("meta", { keyPath: "key" });
      db.createObjectStore("entries", { keyPath: "id" }).createIndex("officer_id", "officer_id");
      const outbox = db.createObjectStore("outbox", { keyPath: "mutation_id" });
      outbox.createIndex("device_seq", "device_seq", { unique: true });
      outbox.createIndex("officer_id", "officer_id");
      const tx = request.transaction;
      tx.objectStore("entries").put({ id: "e-1", officer_id: "o-1", state: "synced", sealed: 1 });
      tx.objectStore("outbox").put({ mutation_id: "m-1", device_seq: 7, officer_id: "o-1" });
      tx.objectStore("meta").put({ key: "cursor", value: "42" });
    };
    request.onsuccess = () => { request.result.close(); resolve(); };
    request.onerror = () => reject(request.error);
  });
}
"""

_DATABASE_NOW = """
async () => {
  const db = await new Promise((resolve) => {
    const request = indexedDB.open("frontline");
    request.onsuccess = () => resolve(request.result);
  });
  const read = (store, key) => new Promise((resolve) => {
    db.transaction(store).objectStore(store).get(key).onsuccess = (e) => resolve(e.target.result);
  });
  const result = {
    version: db.version,
    stores: Array.from(db.objectStoreNames).sort(),
    entry: await read("entries", "e-1"),
    waiting: await read("outbox", "m-1"),
    cursor: await read("meta", "cursor"),
  };
  db.close();
  return result;
}
"""


def test_an_install_from_before_the_field_records_keeps_its_notebook_and_outbox(
    server, new_context
):
    context = new_context()
    page = context.new_page()
    # Given the database as the notebook-only app (schema version 1) left it
    page.goto(server.base_url + "/app/manifest.webmanifest")
    page.evaluate(_V1_DATABASE)

    # When the new app opens it
    app = OfficerApp(page, server.base_url)
    app.open()
    app.heading("Set up this device")

    # Then the schema is upgraded in place: new stores added, nothing of the old ones lost
    now = page.evaluate(_DATABASE_NOW)
    assert now["version"] == 2
    assert now["stores"] == ["blobs", "entries", "meta", "outbox", "records"]
    assert now["entry"] == {"id": "e-1", "officer_id": "o-1", "state": "synced", "sealed": 1}
    assert now["waiting"]["device_seq"] == 7
    assert now["cursor"]["value"] == "42"


def test_an_incident_drafted_offline_is_submitted_returned_resolved_and_resubmitted(
    server, officer_api, officer_app
):
    run = uuid.uuid4().hex[:8]
    first_words = f"Run {run}: rear door forced, laptop taken."

    # Given PC1001 drafts a burglary report offline, saves it twice, then submits it
    app = officer_app("PC1001")
    page, context = app.page, app.context
    context.set_offline(True)
    app.tab("Records")
    page.get_by_role("button", name="New incident report").click()
    app.heading("New incident report")
    app.check_accessible("new incident report")
    page.get_by_label("What happened", exact=True).select_option("burglary")
    page.get_by_label("Where").fill(f"12 Brook Green, W6 ({run})")
    page.get_by_role("button", name="Add a person").click()
    page.get_by_label("Person 1: name").fill("Sam Victim")
    page.locator("#in-persons").get_by_label("Victim").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Draft saved")).to_be_visible()
    page.get_by_label("What happened, in your words").fill(first_words)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Draft saved")).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", name="Submitted for review")).to_be_visible()
    expect(page.locator("#incident-status")).to_have_text("Submitted: not sent yet")
    app.check_accessible("submitted incident report")
    app.wait_pending(3)  # create, update, submit

    # When the device is online, it arrives as one report, submitted at the version read
    context.set_offline(False)
    app.wait_all_sent()
    officer = officer_api("PC1001")
    report_id = page.evaluate(
        "async () => (await new Promise((ok) => { const r = indexedDB.open('frontline');"
        " r.onsuccess = () => r.result.transaction('records').objectStore('records')"
        ".index('type').getAll('incident.report').onsuccess = (e) => ok(e.target.result); }))"
        ".map((row) => row.id)"
    )
    reports = [officer.request("GET", f"/api/v1/incidents/{one}")[1] for one in report_id]
    ours = [r for r in reports if run in r["content"]["address"]]
    assert len(ours) == 1  # one report, however many edits
    report_id = ours[0]["id"]
    status, report = officer.request("GET", f"/api/v1/incidents/{report_id}")
    assert status == 200 and report["status"] == "submitted"
    assert report["content"]["narrative"] == first_words
    assert report["content"]["persons"][0]["roles"] == ["victim"]
    assert len(report["versions"]) == 1

    # When the sergeant returns it with comments, the officer sees them after a sync
    sergeant = officer_api("PS2001")
    comments = f"Add the time you arrived ({run})."
    status, body = sergeant.request(
        "POST", f"/api/v1/incidents/{report_id}/return", {"comments": comments}
    )
    assert status == 200, body
    app.sync_now()
    app.wait_synced()
    page.get_by_role("button", name="Back to records").click()
    page.locator(f'#incident-list li[data-record-id="{report_id}"]').get_by_role(
        "button", name="Open"
    ).click()
    expect(page.locator("#review-comments")).to_contain_text(comments)
    expect(page.locator("#incident-status")).to_have_text("Returned")
    app.check_accessible("returned incident report")

    # And an edit made on another device meets an edit made on the phone offline
    _, current = officer.request("GET", f"/api/v1/incidents/{report_id}")
    desk = {**current["content"], "narrative": f"Desk edit {run}."}
    status, body = officer.request(
        "PUT", f"/api/v1/incidents/{report_id}", {**desk, "base_version": current["version"]}
    )
    assert status == 200, body
    context.set_offline(True)
    phone_words = f"{first_words} Arrived 14:20."
    page.get_by_label("What happened, in your words").fill(phone_words)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Draft saved")).to_be_visible()
    context.set_offline(False)
    expect(page.locator("#sync-state")).to_have_attribute("data-failed", "1", timeout=15_000)

    # Then the officer sees both versions and keeps theirs; nothing is lost either way
    page.get_by_role("button", name="Back to records").click()
    page.locator(f'#incident-list li[data-record-id="{report_id}"]').get_by_role(
        "button", name="Open"
    ).click()
    expect(page.locator("#summary-mine")).to_contain_text(phone_words)
    expect(page.locator("#summary-theirs")).to_contain_text(f"Desk edit {run}.")
    app.check_accessible("incident report in conflict")
    page.get_by_role("button", name="Keep my version").click()
    expect(page.get_by_role("heading", name="Conflict resolved")).to_be_visible()
    expect(page.locator("#sync-state")).to_have_attribute("data-failed", "0")
    app.wait_all_sent()
    report = eventually(
        lambda: officer.request("GET", f"/api/v1/incidents/{report_id}")[1],
        lambda report: report["content"]["narrative"] == phone_words,
    )
    assert report["status"] == "returned"
    # and the server's flag is closed, by the officer, as kept_mine
    eventually(
        lambda: officer.request("GET", "/api/v1/sync/conflicts")[1]["conflicts"],
        lambda open_ones: open_ones == [],
    )
    assert officer.request("GET", f"/api/v1/incidents/{report_id}")[1]["conflicts"] == []

    # And it is resubmitted
    page.get_by_role("button", name="Resubmit for review").click()
    expect(page.get_by_role("heading", name="Submitted for review")).to_be_visible()
    app.wait_all_sent()
    report = eventually(
        lambda: officer.request("GET", f"/api/v1/incidents/{report_id}")[1],
        lambda report: report["status"] == "resubmitted",
    )
    assert len(report["versions"]) == 2

    # A photo can be attached to the report too
    photo = signature_png(seed=3)
    page.get_by_role("button", name="Add a photo").click()
    page.get_by_label("Photo", exact=True).set_input_files(
        {"name": "door.png", "mimeType": "image/png", "buffer": photo}
    )
    page.get_by_role("button", name="Attach photo").click()
    expect(page.get_by_role("heading", name="Photo saved")).to_be_visible()
    app.wait_all_sent()
    items = eventually(
        lambda: officer.request(
            "GET", f"/api/v1/evidence?record_type=incident.report&record_id={report_id}"
        )[1]["items"],
        lambda items: len(items) == 1 and items[0]["complete"],
    )
    assert items[0]["sha256"] == hashlib.sha256(photo).hexdigest()
    assert report["versions"][-1]["number"] == 2
    verify = server.cli("verify", "--quiet")
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_sergeant_returns_and_approves_reports_from_the_review_queue_in_the_app(
    officer_api, officer_app
):
    run = uuid.uuid4().hex[:8]
    # Given two reports PC1001 submitted from another device
    officer = officer_api("PC1001")
    ids = []
    for n in range(2):
        report_id = str(uuid.uuid4())
        body = {
            "id": report_id,
            "category": "criminal-damage-arson",
            "occurred_from": datetime.now(LONDON).replace(microsecond=0).isoformat(),
            "address": f"Bus shelter {n}, Shepherd's Bush ({run})",
            "narrative": f"Glass panel smashed ({run}).",
        }
        status, created = officer.request("POST", "/api/v1/incidents", body)
        assert status == 201, created
        status, _ = officer.request(
            "POST", f"/api/v1/incidents/{report_id}/submit", {"base_version": 1}
        )
        assert status == 200
        ids.append(report_id)

    # When their sergeant opens the review queue in the app
    app = officer_app("PS2001")
    page = app.page
    app.tab("Records")
    page.get_by_role("button", name="Review queue").click()
    app.heading("Review queue")
    app.check_accessible("review queue")

    # Then one is returned with comments (which are required) and the other approved
    page.locator(f'#review-list li[data-record-id="{ids[0]}"]').get_by_role("button").click()
    app.heading("Review a report")
    expect(page.locator("#review-report")).to_contain_text(f"Glass panel smashed ({run}).")
    page.get_by_role("button", name="Return to the officer").click()
    expect(page.get_by_role("alert")).to_contain_text("Say what the officer should change")
    app.check_accessible("reviewing a report")
    page.get_by_label("Comments").fill(f"Add the shelter's number ({run}).")
    page.get_by_role("button", name="Return to the officer").click()
    expect(page.get_by_role("heading", name="Returned", exact=True)).to_be_visible()
    page.locator(f'#review-list li[data-record-id="{ids[1]}"]').get_by_role("button").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("heading", name="Approved", exact=True)).to_be_visible()
    expect(page.locator(f'#review-list li[data-record-id="{ids[0]}"]')).to_have_count(0)
    expect(page.locator(f'#review-list li[data-record-id="{ids[1]}"]')).to_have_count(0)

    returned = officer.request("GET", f"/api/v1/incidents/{ids[0]}")[1]
    approved = officer.request("GET", f"/api/v1/incidents/{ids[1]}")[1]
    assert returned["status"] == "returned"
    assert returned["reviews"][-1]["comments"] == f"Add the shelter's number ({run})."
    assert returned["reviews"][-1]["reviewer_collar_number"] == "PS2001"
    assert approved["status"] == "approved"


def sign(page, selector: str) -> None:
    """A signature drawn with real pointer events: press, a looping stroke, release, twice."""
    pad = page.locator(selector)
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    left, top, width, height = box["x"], box["y"], box["width"], box["height"]
    for stroke in range(2):
        page.mouse.move(left + width * 0.1, top + height * (0.4 + stroke * 0.2))
        page.mouse.down()
        for step in range(1, 25):
            x = left + width * (0.1 + 0.8 * step / 24)
            y = top + height * (0.5 + 0.3 * ((-1) ** step) * (0.5 if stroke else 1))
            page.mouse.move(x, y, steps=2)
        page.mouse.up()


def held_blob(server, sha256: str) -> bytes:
    """The blob's bytes as the server stored them (content-addressed under MEDIA_ROOT)."""
    path = Path(server.data_dir) / "media" / "blobs" / sha256[:2] / sha256[2:4] / sha256
    return path.read_bytes()
