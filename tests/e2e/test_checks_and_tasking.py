"""Checks, the offline briefing pack, briefings and tasks in a real browser against a real
server: a check states its reason and shows warnings first; with no signal the pack on the
device is searched and the check logged, once, on the next sync; an expired pack is refused; a
briefing read sends its receipt; a task updated offline reaches the server, and a conflicting
update is shown, not lost. What the server logged is read from its database."""

import json
import sqlite3
import uuid
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jellyfish
import pytest
from playwright.sync_api import expect
from pydantic import ValidationError

from frontline.checks import names, plates, search
from frontline.checks.schemas import PersonCheckIn
from frontline.common.errors import InvalidInput
from tests.e2e import name_corpus
from tests.e2e.conftest import TABLET, ApiClient, eventually
from tests.e2e.officer_app import as_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WANTED = "Jonathan Smith-Jones"  # the demo's wanted man (HS), violent and weapons markers
STOLEN = "LO19 XYZ"  # the demo's stolen grey Fiesta (HS)


def test_a_check_needs_a_reason_is_logged_and_shows_the_wanted_marker_first(server, officer_app):
    app = officer_app("PC1001")
    page = app.page
    before = checks_of(server, "PC1001")

    # When the officer asks for a person without saying why
    app.tab("Checks")
    app.heading("Checks")
    app.check_accessible("checks")
    page.get_by_label("Name", exact=True).fill(WANTED)
    page.get_by_role("button", name="Check", exact=True).click()

    # Then nothing is sent: the reason is asked for, beside its field
    expect(page.get_by_role("alert")).to_contain_text("Choose why you are making this check")
    expect(page.locator("#ck-reason-field .error-message")).to_be_visible()
    app.check_accessible("checks with a missing reason")
    page.get_by_label("Why are you making this check?").select_option("other")
    page.get_by_role("button", name="Check", exact=True).click()
    reason_text_error = page.locator("#ck-reason-text-field .error-message")
    expect(reason_text_error).to_contain_text("With Other, say why")
    assert checks_of(server, "PC1001") == before

    # When the reason is given
    page.get_by_label("Why are you making this check?").select_option("stop_account")
    page.get_by_role("button", name="Check", exact=True).click()

    # Then the wanted man comes back with his warnings first, in words, above everything else
    warnings = page.locator("#check-warnings")
    expect(warnings.get_by_role("heading")).to_contain_text("results flagged")
    expect(warnings.locator("li").first).to_have_text(
        "Jonathan SMITH-JONES: Wanted, Violent, Weapons"
    )
    first = page.locator("#result-list > li").first
    expect(first).to_contain_text("Jonathan SMITH-JONES")
    assert first.evaluate("(li) => li.firstElementChild.className") == "warnings"
    expect(first.locator(".warning").first).to_have_text(
        "⚠WANTED \N{EN DASH} Wanted: burglary, Brook Green"
    )
    expect(first.locator(".warning")).to_contain_text(["WANTED", "VIOLENT", "WEAPONS"])
    app.check_accessible("check results with warnings")

    # And the server logged the check with its reason, and a consultation in the audit trail
    logged = checks_of(server, "PC1001")
    assert len(logged) == len(before) + 1
    check = logged[-1]
    assert (check["origin"], check["kind"], check["reason"]) == ("online", "person", "stop_account")
    assert WANTED in check["query"] and check["result_count"] >= 1
    assert consultations_of(server, check["id"]) == 1

    # When a result is opened, the opening is logged too
    first.get_by_role("button", name="Open").click()
    expect(page.locator("#check-record")).to_contain_text("Opening this record has been logged.")
    expect(page.locator("#check-record .warning").first).to_contain_text("WANTED")
    app.check_accessible("an opened check result")
    assert opened_of(server, check["id"]) == 1
    page.get_by_role("button", name="Back to results").click()
    expect(page.locator("#result-list > li").first).to_contain_text("Jonathan SMITH-JONES")

    # And the server's refusal of a bad query is shown beside the field, and nothing logged
    page.get_by_label("Vehicle", exact=True).check()
    page.get_by_label("Registration").fill("**")
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.locator("#ck-registration-field .error-message")).to_contain_text(
        "some known characters"
    )
    assert len(checks_of(server, "PC1001")) == len(before) + 1
    page.get_by_label("Registration").fill("lo19 xyz")
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.locator("#result-list > li").first.locator(".warning").first).to_contain_text(
        "REPORTED STOLEN"
    )

    # When the server is pausing the officer's checks (429), the app says so plainly
    page.get_by_label("Person", exact=True).check()
    refusal = '{"error": "rate_limited", "message": "too many requests"}'
    page.route(
        "**/api/v1/checks/persons",
        lambda route: route.fulfill(
            status=429, body=refusal, content_type="application/json", headers={"Retry-After": "60"}
        ),
    )
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.locator("#check-problem")).to_contain_text("Wait a minute, then try again")
    app.check_accessible("checks paused by the server")

    # And when the request cannot reach the server at all, checks are offered from the pack
    page.unroute("**/api/v1/checks/persons")
    page.route("**/api/v1/checks/persons", lambda route: route.abort("internetdisconnected"))
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.locator("#check-no-signal")).to_contain_text("could not reach the server")
    expect(page.locator("#check-offline")).to_contain_text("search the briefing pack")
    expect(page.get_by_role("button", name="Search the briefing pack")).to_be_visible()
    page.unroute("**/api/v1/checks/persons")
    page.get_by_role("button", name="Try the server again").click()
    expect(page.get_by_role("button", name="Check", exact=True)).to_be_visible()

    # The screen is usable on a tablet too
    page.set_viewport_size(TABLET)
    app.check_accessible("check results on a tablet")


def test_offline_the_briefing_pack_is_searched_and_the_check_logged_once_when_back_online(
    server, officer_app
):
    run = uuid.uuid4().hex[:6]

    # Given PC1001's device has synced (and so holds a briefing pack for the area), sealed
    app = officer_app("PC1001")
    page, context = app.page, app.context
    app.wait_for_service_worker()
    raw = as_text(app.idb_dump())
    assert "Smith-Jones" not in raw and "LO19" not in raw
    pack_rows = [row for row in app.idb_dump()["frontline"]["records"] if row["type"] == PACK_TYPE]
    assert len(pack_rows) == 1
    before = checks_of(server, "PC1001")

    # When the device has no signal and the officer opens Checks
    context.set_offline(True)
    app.tab("Checks")

    # Then the app says checks need the server, and offers the pack instead
    expect(page.locator("#check-offline")).to_contain_text("No connection: checks need the server")
    expect(page.locator("#pack-state")).to_contain_text("search the briefing pack on this device")
    expect(page.get_by_label("Location", exact=True)).to_be_hidden()
    app.check_accessible("checks offline")

    # When they search the pack for the wanted man, misspelt, with a reason
    page.get_by_label("Why are you making this check?").select_option("other")
    page.get_by_label("Reason details").fill(f"Suspicious loitering {run}")
    page.get_by_label("Name", exact=True).fill("Smith-Jones Jonathon")
    page.get_by_role("button", name="Search the briefing pack").click()

    # Then he is found with his warnings first
    expect(page.locator("#results-title")).to_have_text("1 result in the briefing pack")
    expect(page.locator("#check-warnings")).to_contain_text("Jonathan SMITH-JONES: Wanted")
    first = page.locator("#result-list > li").first
    assert first.evaluate("(li) => li.firstElementChild.className") == "warnings"
    expect(first.locator(".warning").first).to_contain_text("WANTED")
    app.check_accessible("briefing pack results")

    # And a stolen vehicle is found by a misread plate (O for 0), with the same normalisation
    page.get_by_label("Vehicle", exact=True).check()
    page.get_by_label("Registration").fill("l0i9xyz")
    page.get_by_role("button", name="Search the briefing pack").click()
    expect(page.locator("#result-list > li").first).to_contain_text(STOLEN)
    expect(page.locator("#result-list > li").first.locator(".warning").first).to_contain_text(
        "REPORTED STOLEN"
    )
    app.wait_pending(2)
    assert checks_of(server, "PC1001") == before

    # When the device is back online
    context.set_offline(False)
    app.wait_all_sent(timeout=30_000)
    app.sync_now()
    app.wait_synced()

    # Then each offline check is in the consultation log exactly once, with its reason
    offline = [c for c in checks_of(server, "PC1001") if c not in before]
    assert [(c["origin"], c["kind"]) for c in offline] == [
        ("offline", "person"),
        ("offline", "vehicle"),
    ]
    person, vehicle = offline
    assert (person["reason"], person["reason_text"]) == ("other", f"Suspicious loitering {run}")
    assert "Smith-Jones Jonathon" in person["query"] and person["result_count"] == 1
    assert "L0I9XYZ" in vehicle["query"]
    assert consultations_of(server, person["id"]) == 1
    assert opened_of(server, person["id"]) == 1  # the result shown on the device


def test_an_expired_briefing_pack_is_refused(officer_app):
    app = officer_app("PC1001")
    page = app.page
    app.context.set_offline(True)

    # When the device's clock passes the pack's expiry (12 hours after issue)
    page.clock.set_system_time(datetime.now(UTC) + timedelta(hours=13))
    app.tab("Checks")

    # Then the pack is not used, and the app says why
    expect(page.locator("#pack-state")).to_contain_text("expired")
    expect(page.locator("#pack-state")).to_contain_text("cannot be searched")
    page.get_by_label("Why are you making this check?").select_option("stop_search")
    page.get_by_label("Name", exact=True).fill(WANTED)
    page.get_by_role("button", name="Search the briefing pack").click()
    expect(page.locator("#check-problem")).to_contain_text("out of date, so it was not searched")
    expect(page.locator("#result-list")).to_have_count(0)
    app.wait_pending(0)  # nothing was searched, so nothing is logged
    app.check_accessible("an expired briefing pack")

    # And its names and plates are gone from the device: only its dates are kept
    module = page.evaluate("() => document.querySelector('script[type=module]').src")
    held = page.evaluate(
        """async (url) => {
          const { dbOpen } = await import(new URL("db.js", url).href);
          const records = await import(new URL("records.js", url).href);
          const db = await dbOpen();
          const rows = await new Promise((resolve, reject) => {
            const request = db.transaction("records").objectStore("records").getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          const packs = rows.filter((row) => row.type === "checks.briefing_pack");
          return Promise.all(packs.map(async (row) => {
            const record = await records.recordGet(row.id);
            return Object.keys(record.server || record.payload).sort();
          }));
        }""",
        module,
    )
    assert held == [["expires_at", "id", "issued_at"]]


def test_a_briefing_read_sends_its_receipt_and_a_task_updated_offline_reaches_the_server(
    server, officer_api, officer_app
):
    run = uuid.uuid4().hex[:6]
    officer = officer_api("PC1001")
    app = officer_app("PC1001")
    page, context = app.page, app.context

    # Given the team's briefings, one not yet read
    status, briefings = officer.request("GET", "/api/v1/tasking/briefings")
    assert status == 200
    burglary = next(b for b in briefings if b["title"] == "Burglary series, Brook Green")
    assert burglary["read"] is False
    app.tab("Briefings")
    app.heading("Briefings and tasks")
    item = page.locator(f'#briefing-list li[data-record-id="{burglary["id"]}"]')
    expect(item).to_contain_text("New: not read")
    expect(page.locator("#tab-tasking-unread")).to_have_text("2 unread")
    app.check_accessible("briefings and tasks")

    # When the officer reads it
    item.get_by_role("button", name="Read").click()
    app.heading("Burglary series, Brook Green")
    expect(page.get_by_role("heading", name="Marked as read")).to_be_visible()
    expect(page.locator("#briefing-text")).to_contain_text("LO19 XYZ")
    app.check_accessible("a briefing")
    page.get_by_role("button", name="Back to briefings and tasks").click()

    # Then it is marked read, and the receipt reaches the server, once
    expect(item).to_contain_text("Read")
    expect(item).not_to_contain_text("New: not read")
    expect(page.locator("#tab-tasking-unread")).to_have_text("1 unread")
    app.wait_all_sent()
    eventually(lambda: read_flag(officer, burglary["id"]), lambda read: read is True)
    item.get_by_role("button", name="Read").click()  # again: no second receipt
    page.get_by_role("button", name="Back to briefings and tasks").click()
    app.wait_pending(0)
    assert receipts_of(server, burglary["id"]) == 1

    # When a task's status is updated with no signal
    status, tasks = officer.request("GET", "/api/v1/tasking/tasks")
    house = next(t for t in tasks if t["title"].startswith("House-to-house"))
    context.set_offline(True)
    task_item = page.locator(f'#task-list li[data-record-id="{house["id"]}"]')
    task_item.get_by_role("button", name="Update").click()
    app.heading(house["title"])
    app.check_accessible("a task")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing has changed")
    page.get_by_label("In progress").check()
    page.get_by_label("Note (optional)").fill(f"Started at number 1 ({run})")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_role("heading", name="Task updated")).to_be_visible()
    expect(page.locator("#task-status")).to_have_text("In progress")
    app.wait_pending(1)

    # Then, back online, it reaches the server at the next version
    context.set_offline(False)
    app.wait_all_sent()
    task = eventually(
        lambda: task_of(officer, house["id"]), lambda task: task["status"] == "in_progress"
    )
    assert task["note"] == f"Started at number 1 ({run})"
    assert task["version"] == house["version"] + 1

    # When it is updated elsewhere while the phone updates it offline
    status, body = officer.request(
        "POST",
        f"/api/v1/tasking/tasks/{house['id']}/status",
        {"status": "done", "note": f"Desk: finished ({run})", "base_version": task["version"]},
    )
    assert status == 200, body
    context.set_offline(True)
    page.get_by_label("Unable to complete").check()
    page.get_by_label("Note (optional)").fill(f"Phone: no answer at 12 ({run})")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_role("heading", name="Task updated")).to_be_visible()
    context.set_offline(False)
    expect(page.locator("#sync-state")).to_have_attribute("data-failed", "1", timeout=15_000)

    # Then the officer sees both versions, plainly, and keeps theirs; nothing is lost
    page.get_by_role("button", name="Back to briefings and tasks").click()
    expect(task_item).to_contain_text("Changed elsewhere: choose a version")
    task_item.get_by_role("button", name="Update").click()
    expect(page.locator("#summary-mine")).to_contain_text(f"Phone: no answer at 12 ({run})")
    expect(page.locator("#summary-theirs")).to_contain_text(f"Desk: finished ({run})")
    app.check_accessible("a task in conflict")
    page.get_by_role("button", name="Keep my update").click()
    expect(page.get_by_role("heading", name="Conflict resolved")).to_be_visible()
    app.wait_all_sent()
    task = eventually(
        lambda: task_of(officer, house["id"]), lambda task: task["status"] == "unable"
    )
    assert task["note"] == f"Phone: no answer at 12 ({run})"
    eventually(
        lambda: officer.request("GET", "/api/v1/sync/conflicts")[1]["conflicts"],
        lambda open_ones: open_ones == [],
    )
    page.set_viewport_size(TABLET)
    app.check_accessible("a task on a tablet")


def test_the_app_computes_name_and_plate_keys_as_the_server_does(server, new_context):
    """The offline matcher meets the pack's keys: name keys (phonetic, deletion, nickname) and
    registration patterns, computed in the browser, agree with checks/names.py and
    checks/plates.py."""
    page = new_context().new_page()
    page.goto(server.base_url + "/app/")
    module = page.evaluate("() => document.querySelector('script[type=module]').src")
    samples = [
        "Jonathan",
        "Smith-Jones",
        "O'Brien",
        "Wójcik",
        "Łukasz",
        "Straße",
        "Bill",
        "Liz",
        "Mo",
        "Al",
        "Siobhán",
        "MacDonald",
        "Æthelred",
    ]
    computed = page.evaluate(
        """async ([url, samples, nicknames]) => {
          const names = await import(new URL("names.js", url).href);
          const index = names.nicknameIndex(nicknames);
          return samples.map((sample) => {
            const tokens = names.tokens(sample);
            return [tokens, tokens.map((t) => [...names.tokenKeys(t, index)].sort())];
          });
        }""",
        [module, samples, names.NICKNAMES],
    )
    for sample, (tokens, keys) in zip(samples, computed, strict=True):
        assert tokens == names.tokens(sample), sample
        assert keys == [sorted(names.token_keys(t)) for t in tokens], sample

    patterns = ["AB12 CDE", "ab12cde", "AB1", "*XYZ", "LO?9*", "**", "A*", "AB12-CDE!", "", "S0I"]
    plates_js = page.evaluate(
        """async ([url, patterns]) => {
          const names = await import(new URL("names.js", url).href);
          return patterns.map((text) => {
            const p = names.platePatternParse(text);
            return p.error ? null : [p.text, p.folded, p.exact, p.known];
          });
        }""",
        [module, patterns],
    )
    for text, got in zip(patterns, plates_js, strict=True):
        try:
            parsed = plates.plate_pattern_parse(text)
        except InvalidInput:
            assert got is None, text
            continue
        assert got == [parsed.text, parsed.folded, parsed.exact, parsed.known], text


def test_the_app_computes_every_name_key_as_the_server_does_over_a_large_corpus(
    server, new_context
):
    """Metaphone, NYSIIS and every key of a token, for thousands of tokens: names from the demo,
    the search-quality corpus and the checks benchmark, the nickname table, all one- and
    two-letter tokens, and spellings in the corners of the phonetic rules."""
    corpus_tokens = name_corpus.tokens_large()
    assert len(corpus_tokens) > 5000
    page = new_context().new_page()
    page.goto(server.base_url + "/app/")
    module = page.evaluate("() => document.querySelector('script[type=module]').src")
    computed = page.evaluate(
        """async ([url, tokens, nicknames]) => {
          const names = await import(new URL("names.js", url).href);
          const phonetic = await import(new URL("phonetic.js", url).href);
          const index = names.nicknameIndex(nicknames);
          return tokens.map((t) => [
            phonetic.metaphone(t), phonetic.nysiis(t), [...names.tokenKeys(t, index)].sort(),
          ]);
        }""",
        [module, corpus_tokens, names.NICKNAMES],
    )

    expected = [
        [jellyfish.metaphone(t), jellyfish.nysiis(t), sorted(names.token_keys(t))]
        for t in corpus_tokens
    ]
    wrong = [
        (token, want, got)
        for token, want, got in zip(corpus_tokens, expected, computed, strict=True)
        if want != got
    ]
    assert not wrong, f"{len(wrong)} of {len(corpus_tokens)} tokens differ; first: {wrong[:10]}"
    assert {key[0] for keys in computed for key in keys[2]} == {"p", "n", "d", "c"}


def test_the_app_scores_names_as_the_server_does(server, new_context):
    """Token and name similarity in the browser equal token_similarity and name_similarity
    (sound-alikes, one slip, Jaro-Winkler closeness, nicknames, initials, order), so the pack
    ranks its results as a check on the server would."""
    pairs = name_corpus.token_pairs(name_corpus.tokens_large())
    name_pairs = name_corpus.name_pairs()
    halves = [1 / 32, 3 / 32, -1 / 32, 0.96875, 0.125, 0.375, 0.62345, 0.8944499999]
    page = new_context().new_page()
    page.goto(server.base_url + "/app/")
    module = page.evaluate("() => document.querySelector('script[type=module]').src")
    tokens_js, names_js, rounded_js = page.evaluate(
        """async ([url, pairs, namePairs, halves, nicknames]) => {
          const names = await import(new URL("names.js", url).href);
          const phonetic = await import(new URL("phonetic.js", url).href);
          const index = names.nicknameIndex(nicknames);
          return [
            pairs.map(([a, b]) => [
              names.tokenSimilarity(a, b, index),
              phonetic.jaroWinkler(a, b),
              phonetic.damerauLevenshtein(a, b),
            ]),
            namePairs.map(([query, name]) => names.nameSimilarity(query, name, index)),
            halves.map((x) => [names.roundHalfEven(x, 4), names.roundHalfEven(x, 2)]),
          ];
        }""",
        [module, pairs, name_pairs, halves, names.NICKNAMES],
    )

    assert len(pairs) >= 500
    wrong = []
    for (a, b), (similarity, closeness, slips) in zip(pairs, tokens_js, strict=True):
        want = names.token_similarity(a, b)
        if (
            abs(similarity - want) > 1e-9
            or abs(closeness - jellyfish.jaro_winkler_similarity(a, b)) > 1e-9
            or slips != jellyfish.damerau_levenshtein_distance(a, b)
        ):
            wrong.append((a, b, want, similarity))
    assert not wrong, f"{len(wrong)} of {len(pairs)} token pairs differ; first: {wrong[:10]}"
    # The phonetic branch is exercised, not only exact matches and slips.
    sounding = [
        (a, b)
        for a, b in pairs
        if a != b and min(len(a), len(b)) > 1 and jellyfish.metaphone(a) == jellyfish.metaphone(b)
    ]
    assert len(sounding) >= 20

    wrong = [
        (query, name, names.name_similarity(query, name), got)
        for (query, name), got in zip(name_pairs, names_js, strict=True)
        if got != names.name_similarity(query, name)
    ]
    assert not wrong, f"{len(wrong)} of {len(name_pairs)} names differ; first: {wrong[:10]}"
    assert rounded_js == [[round(x, 4), round(x, 2)] for x in halves]


def test_offline_the_briefing_pack_finds_a_name_spelt_as_it_sounds(officer_app):
    heard = "Johnathon Smythe"  # the wanted Jonathan Smith-Jones, written down as heard

    # Given a spelling that meets his recorded name only through the phonetic keys: no shared
    # deletion (one slip) or nickname key, so before the app computed Metaphone and NYSIIS it
    # could not find him offline, though a check on the server would
    recorded = [names.token_keys(token) for token in names.tokens(WANTED)]
    for token in names.tokens(heard):
        shared = set().union(*(names.token_keys(token) & keys for keys in recorded))
        assert shared and {key[0] for key in shared} <= {"p", "n"}, (token, shared)

    app = officer_app("PC1001")
    page, context = app.page, app.context
    app.wait_for_service_worker()

    # When the device has no signal and the officer searches the pack for the name as heard
    context.set_offline(True)
    app.tab("Checks")
    expect(page.locator("#pack-state")).to_contain_text("search the briefing pack on this device")
    page.get_by_label("Why are you making this check?").select_option("stop_search")
    page.get_by_label("Name", exact=True).fill(heard)
    page.get_by_role("button", name="Search the briefing pack").click()

    # Then the wanted man is found, his warnings first, and the search is queued for the log
    expect(page.locator("#results-title")).to_have_text("1 result in the briefing pack")
    first = page.locator("#result-list > li").first
    expect(first).to_contain_text("Jonathan SMITH-JONES")
    expect(first.locator(".warning").first).to_contain_text("WANTED")
    app.wait_pending(1)


# The person searches the server refuses (search.person_query_parse), each with the field it
# names, and the ones it takes (None): the briefing pack must answer each the same way. "Today"
# is TODAY on both sides, at midday, when the London day and the UTC day are the same.
TODAY = date(2026, 3, 10)
AT_MIDDAY = datetime(2026, 3, 10, 12, tzinfo=UTC)
SIX = "Anna Beth Cara Dora Emma Faye"
PERSON_QUERIES = [
    pytest.param("", "", "", "name", id="no name"),
    pytest.param("   ", "", "", "name", id="spaces only"),
    pytest.param("-- ''", "", "", "name", id="no letters"),
    pytest.param("J", "", "", "name", id="one letter"),
    pytest.param("J K", "", "", "name", id="two one-letter names"),
    pytest.param("Jo", "", "", None, id="two letters"),
    pytest.param("J Smith", "", "", None, id="an initial and a name"),
    pytest.param(SIX, "", "", None, id="six names"),
    pytest.param(SIX + " Gwen", "", "", "name", id="seven names"),
    pytest.param("Ann-Marie O'Neil de la Cruz Smith", "", "", "name", id="seven by hyphen"),
    pytest.param("Jo Jo Jo Jo Jo Jo Jo", "", "", None, id="seven of one name"),
    pytest.param("J K L M N O P", "", "", "name", id="seven initials"),
    pytest.param("a" * 100, "", "", None, id="100 characters"),
    pytest.param("a" * 101, "", "", "name", id="101 characters"),
    pytest.param("Jo " + "\U0001f600" * 97, "", "", None, id="100 characters astral"),
    pytest.param("Jo " + "\U0001f600" * 98, "", "", "name", id="101 characters astral"),
    pytest.param("a" * 100 + "\x1f\x85", "", "", None, id="100 characters python spaces"),
    pytest.param("Jo Smith", "1899-12-31", "", "date_of_birth", id="born 1899-12-31"),
    pytest.param("Jo Smith", "1900-01-01", "", None, id="born 1900-01-01"),
    pytest.param("Jo Smith", TODAY.isoformat(), "", None, id="born today"),
    pytest.param("Jo Smith", "2026-03-11", "", "date_of_birth", id="born tomorrow"),
    pytest.param("Jo Smith", "2025-02-29", "", "date_of_birth", id="born 2025-02-29"),
    pytest.param("Jo Smith", "2024-02-29", "", None, id="born 2024-02-29"),
    pytest.param("Jo Smith", "2000-02-29", "", None, id="born 2000-02-29"),
    pytest.param("Jo Smith", "1900-02-29", "", "date_of_birth", id="born 1900-02-29"),
    pytest.param("Jo Smith", "2026-02-30", "", "date_of_birth", id="born 2026-02-30"),
    pytest.param("Jo Smith", "1990-04-31", "", "date_of_birth", id="born 1990-04-31"),
    pytest.param("Jo Smith", "1990-13-01", "", "date_of_birth", id="born in month 13"),
    pytest.param("Jo Smith", "1990-00-10", "", "date_of_birth", id="born in month 0"),
    pytest.param("Jo Smith", "1990-01-00", "", "date_of_birth", id="born on day 0"),
    pytest.param("Jo Smith", "1990-1-1", "", "date_of_birth", id="born 1990-1-1"),
    pytest.param("Jo Smith", "", "1899", "birth_year", id="year 1899"),
    pytest.param("Jo Smith", "", "1900", None, id="year 1900"),
    pytest.param("Jo Smith", "", "2026", None, id="year this year"),
    pytest.param("Jo Smith", "", "2027", "birth_year", id="year next year"),
    pytest.param("Jo Smith", "", "1850", "birth_year", id="year 1850"),
    pytest.param("Jo Smith", "", "2999", "birth_year", id="year 2999"),
    pytest.param("Jo Smith", "", "985", "birth_year", id="year of three digits"),
    pytest.param("Jo Smith", "1990-01-01", "1990", "date_of_birth", id="date and year"),
    pytest.param("Jo Smith", "2025-02-29", "1850", "date_of_birth", id="bad date and year"),
    pytest.param("J", "2025-02-29", "", "name", id="bad name and date"),
    pytest.param("", "", "2999", "name", id="no name and bad year"),
]


@pytest.fixture(scope="module")
def pack_module(server, browser):
    """The app's pack.js as served, in one page for all the module's queries:
    (function name, query, at) -> what that function returns for them."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.base_url + "/app/")
    module = page.evaluate("() => document.querySelector('script[type=module]').src")

    def run(function: str, query: dict, at: datetime):
        return page.evaluate(
            """async ([url, function_name, query, at]) => {
              const pack = await import(new URL("pack.js", url).href);
              if (function_name === "personQueryErrors") return pack.personQueryErrors(query, at);
              return pack[function_name]({ persons: [], nicknames: {} }, query, at);
            }""",
            [module, function, query, at.timestamp() * 1000],
        )

    yield run
    context.close()


@pytest.fixture(scope="module")
def pack_person_search(pack_module):
    """`packSearchPersons` of the app: (name, date of birth, year of birth, at) -> its outcome,
    against a pack of no persons."""

    def run(name: str, date_of_birth: str, birth_year: str, at: datetime) -> dict:
        query = {"name": name, "dateOfBirth": date_of_birth, "birthYear": birth_year}
        return pack_module("packSearchPersons", query, at)

    return run


@pytest.mark.parametrize(("name", "date_of_birth", "birth_year", "field"), PERSON_QUERIES)
def test_the_briefing_pack_refuses_a_person_search_as_the_server_does(
    pack_person_search, name, date_of_birth, birth_year, field
):
    """A query the server would refuse is refused offline too, on the same field, with no
    results; one it takes is searched. The year goes to the server as a number, as the checks
    screen sends it."""
    try:
        search.person_query_parse(
            name=name,
            date_of_birth=date_of_birth or None,
            birth_year=int(birth_year) if birth_year else None,
            today=TODAY,
        )
        server_field = None
    except InvalidInput as error:
        server_field = error.field
    assert server_field == field

    outcome = pack_person_search(name, date_of_birth, birth_year, AT_MIDDAY)
    if field is None:
        assert outcome == {"results": []}
    else:
        assert "results" not in outcome
        assert outcome["errors"][0]["field"] == field, outcome
        assert all(error["message"] for error in outcome["errors"])


def test_the_briefing_pack_takes_today_as_the_london_day(pack_person_search):
    """The app shows and takes every date as a London day (time.js), so the pack's "today" for
    a date of birth is London's: at 00:30 on 11 June in London (23:30 on the 10th in UTC) a
    date of birth of 11 June is today, and of 12 June is in the future."""
    at = datetime(2026, 6, 10, 23, 30, tzinfo=UTC)
    assert pack_person_search("Jo Smith", "2026-06-11", "", at) == {"results": []}
    refused = pack_person_search("Jo Smith", "2026-06-12", "", at)
    assert [error["field"] for error in refused["errors"]] == ["date_of_birth"]


# A date of birth, a year of birth and an age as typed on the checks screen, and the field the
# server refuses them on (None: taken). A year or an age of digits goes to the API as a number,
# as the screen sends it; anything else can only be refused, by the API's schema if it got there.
TYPED_QUERIES = [
    pytest.param("", "19x5", "", "birth_year", id="year with a letter"),
    pytest.param("", "85", "", "birth_year", id="year of two digits"),
    pytest.param("", "1985", "", None, id="year"),
    pytest.param("", "", "4o", "age", id="age with a letter"),
    pytest.param("", "", "4.5", "age", id="age with a fraction"),
    pytest.param("", "", "-1", "age", id="age below 0"),
    pytest.param("", "", "0", None, id="age 0"),
    pytest.param("", "", "120", None, id="age 120"),
    pytest.param("", "", "121", "age", id="age 121"),
    pytest.param("1980-01-01", "", "40", "date_of_birth", id="date and age"),
    pytest.param("", "1980", "40", "date_of_birth", id="year and age"),
]


@pytest.mark.parametrize(("date_of_birth", "birth_year", "age", "field"), TYPED_QUERIES)
def test_the_app_refuses_a_year_or_an_age_as_the_server_does(
    pack_module, date_of_birth, birth_year, age, field
):
    """What the screen asks before an online check or a pack search refuses a year or an age
    on the field the server names, first of all one the server could not read, which the
    screen used to send as no year or no age at all."""
    typed = {"date_of_birth": date_of_birth, "birth_year": birth_year, "age": age}
    body = {"name": "Jo Smith", "reason": "stop_account"}
    for key, value in typed.items():
        if value:
            body[key] = int(value) if key != "date_of_birth" and value.isdigit() else value
    assert server_refusal(body) == field

    query = {"name": "Jo Smith", "dateOfBirth": date_of_birth, "birthYear": birth_year, "age": age}
    errors = pack_module("personQueryErrors", query, AT_MIDDAY)
    assert [error["field"] for error in errors] == ([field] if field else [])
    assert all(error["message"] for error in errors)


def server_refusal(body: dict) -> str | None:
    """The field the checks API refuses a person check on, by its schema and then by
    `person_query_parse` on TODAY; None when it would take it."""
    try:
        query = PersonCheckIn.model_validate(body)
        search.person_query_parse(
            name=query.name,
            date_of_birth=query.date_of_birth,
            birth_year=query.birth_year,
            age=query.age,
            age_tolerance=query.age_tolerance,
            today=TODAY,
        )
    except ValidationError as error:
        return error.errors()[0]["loc"][0]
    except InvalidInput as error:
        return error.field
    return None


def test_online_a_year_or_age_the_server_could_not_read_is_refused_and_not_sent(
    server, officer_app
):
    app = officer_app("PC1001")
    page = app.page
    before = checks_of(server, "PC1001")

    # Given the officer is online on Checks, with a reason and the wanted man's name
    app.tab("Checks")
    page.get_by_label("Why are you making this check?").select_option("stop_account")
    page.get_by_label("Name", exact=True).fill(WANTED)
    born = page.get_by_label("Date of birth (optional)")
    year = page.get_by_label("Or year of birth (optional)")
    age = page.get_by_label("Or age, about (optional)")
    check = page.get_by_role("button", name="Check", exact=True)

    # When the year of birth is mistyped with a letter
    year.fill("19x5")
    check.click()

    # Then it is refused beside the year, in the words the briefing pack uses, and not sent
    expect(page.locator("#ck-year-field .error-message")).to_contain_text(
        "Enter the year of birth as four digits"
    )
    expect(page.locator("#ck-name-field .error-message")).to_have_count(0)
    app.check_accessible("a check refused for its year of birth")

    # When the age is mistyped with a letter, it is refused beside the age
    year.fill("")
    age.fill("4o")
    check.click()
    expect(page.locator("#ck-age-field .error-message")).to_contain_text(
        "Enter the age as a whole number of years"
    )
    expect(page.locator("#ck-year-field .error-message")).to_have_count(0)

    # When the date of birth is only half typed (the field's value is empty), it is refused
    age.fill("")
    born.click()
    born.press_sequentially("1204")
    check.click()
    expect(page.locator("#ck-dob-field .error-message")).to_contain_text(
        "Enter the date of birth as a real date"
    )

    # And none of them reached the server: a check it had run would be in its log
    expect(page.locator("#result-list")).to_have_count(0)
    assert checks_of(server, "PC1001") == before

    # When a year the server can read is given, it narrows the search: not him in 1987
    born.fill("")
    year.fill("1987")
    check.click()
    expect(page.locator("#results-title")).to_be_visible()
    expect(page.locator("#result-list")).not_to_contain_text("Jonathan SMITH-JONES")
    year.fill("1988")
    check.click()
    expect(page.locator("#result-list > li").first).to_contain_text("Jonathan SMITH-JONES")
    logged = checks_of(server, "PC1001")[len(before) :]
    assert [json.loads(row["query"]) for row in logged] == [
        {"name": WANTED, "birth_year": 1987},
        {"name": WANTED, "birth_year": 1988},
    ]


def test_offline_a_person_search_the_server_would_refuse_is_not_run_or_logged(officer_app):
    app = officer_app("PC1001")
    page, context = app.page, app.context
    next_week = datetime.now(ZoneInfo("Europe/London")).date() + timedelta(days=7)

    # Given the device has no signal and the officer is on Checks, with a reason chosen
    context.set_offline(True)
    app.tab("Checks")
    expect(page.locator("#pack-state")).to_contain_text("search the briefing pack on this device")
    page.get_by_label("Why are you making this check?").select_option("stop_search")
    name = page.get_by_label("Name", exact=True)
    born = page.get_by_label("Date of birth (optional)")
    year = page.get_by_label("Or year of birth (optional)")
    search_pack = page.get_by_role("button", name="Search the briefing pack")

    # When they search the pack for one letter of a name
    name.fill("J")
    search_pack.click()

    # Then the app says what is wrong beside the name, shows no results and queues nothing
    expect(page.locator("#ck-name-field .error-message")).to_contain_text(
        "Enter at least two letters of a name"
    )
    expect(page.locator(".error-summary")).to_contain_text("Enter at least two letters")
    app.check_accessible("a refused briefing pack search")

    # When they give a date of birth in the future
    name.fill(WANTED)
    born.fill(next_week.isoformat())
    search_pack.click()
    expect(page.locator("#ck-dob-field .error-message")).to_contain_text("to today")
    expect(page.locator("#ck-name-field .error-message")).to_have_count(0)

    # When they give a date of birth and a year of birth together
    born.fill("1980-01-01")
    year.fill("1980")
    search_pack.click()
    expect(page.locator("#ck-dob-field .error-message")).to_contain_text("not both")

    # When the date of birth is only half typed, it is refused rather than searched without
    year.fill("")
    born.fill("")
    born.click()
    born.press_sequentially("1204")
    search_pack.click()
    expect(page.locator("#ck-dob-field .error-message")).to_contain_text("real date")

    # Then none of the refused searches was run, or kept or queued to be logged
    expect(page.locator("#result-list")).to_have_count(0)
    stores = app.idb_dump()["frontline"]
    assert not [row for row in stores["records"] if row["type"] == OFFLINE_CHECK_TYPE]
    assert not [row for row in stores["outbox"] if row["type"] == OFFLINE_CHECK_TYPE]

    # And once the query is one the server would take, the pack is searched and it is queued
    born.fill("")
    year.fill("")
    search_pack.click()
    expect(page.locator("#results-title")).to_have_text("1 result in the briefing pack")
    expect(page.locator(".error-summary")).to_have_count(0)
    app.wait_pending(1)


# ---- The server's own records, read from its database ----

PACK_TYPE = "checks.briefing_pack"
OFFLINE_CHECK_TYPE = "checks.offline_check"


def server_rows(server, sql: str, params=()) -> list[dict]:
    path = Path(server.data_dir) / "frontline.db"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as db:
        db.row_factory = sqlite3.Row
        return [dict(row) for row in db.execute(sql, params)]


def checks_of(server, collar_number: str) -> list[dict]:
    return server_rows(
        server,
        "SELECT c.id, c.origin, c.kind, c.reason, c.reason_text, c.query, c.result_count "
        "FROM checks_check c JOIN accounts_officer o ON o.id = c.officer_id "
        "WHERE o.collar_number = ? ORDER BY c.at, c.checked_at",
        (collar_number,),
    )


def consultations_of(server, check_id: str) -> int:
    return server_rows(
        server,
        "SELECT COUNT(*) AS n FROM audit_auditevent WHERE action = 'consultation' "
        "AND object_type = 'checks.check' AND object_id IN (?, ?)",
        (check_id, str(uuid.UUID(check_id))),
    )[0]["n"]


def opened_of(server, check_id: str) -> int:
    return server_rows(
        server, "SELECT COUNT(*) AS n FROM checks_checkopen WHERE check_made_id = ?", (check_id,)
    )[0]["n"]


def receipts_of(server, briefing_id: str) -> int:
    return server_rows(
        server,
        "SELECT COUNT(*) AS n FROM tasking_briefingread WHERE briefing_id = ?",
        (uuid.UUID(briefing_id).hex,),
    )[0]["n"]


def read_flag(officer: ApiClient, briefing_id: str):
    briefings = officer.get("/api/v1/tasking/briefings")
    return next(b["read"] for b in briefings if b["id"] == briefing_id)


def task_of(officer: ApiClient, task_id: str) -> dict:
    tasks = officer.get("/api/v1/tasking/tasks")
    return next(t for t in tasks if t["id"] == task_id)
