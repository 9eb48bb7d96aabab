// Screen: person, vehicle and location checks. Every check states its reason first (DPA 2018
// s62). Online, the server searches and logs it; opening a result is logged too. With no
// signal, checks need the server: the screen says so and offers the briefing pack on the device
// instead (wanted and missing persons, stolen vehicles), never past its expiry.
// Warnings come first, in words and with an icon, never by colour alone.

import { personQueryErrors } from "../pack.js";
import { clockTime, dayLabel } from "../time.js";
import { radioGroup, radioValue, selectField } from "./controls.js";
import { h, heading, hidden } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";

const OTHER_TEXT_MIN = 5;
// What a date of birth the browser cannot read (half typed, or 31 February) is passed on as:
// given, and not a real date. The date field's value is "" then, which would search without it.
const DATE_UNREADABLE = "unreadable";
// The server's field names, and where each is typed here.
const FIELD_IDS = {
  reason: "ck-reason",
  reason_text: "ck-reason-text",
  name: "ck-name",
  date_of_birth: "ck-dob",
  birth_year: "ck-year",
  age: "ck-age",
  age_tolerance: "ck-age",
  registration: "ck-registration",
  query: "ck-query",
};
const KINDS = [
  { value: "person", label: "Person" },
  { value: "vehicle", label: "Vehicle" },
  { value: "location", label: "Location" },
];

// reasons: [{ code, label }] (cached). online: whether to try the server first.
// pack: packCurrent() or null. actions: check(kind, body) -> CheckOut, open(checkId, type, id)
// -> detail, searchPack(kind, values, reason) -> { results } | { errors }, refreshPack().
export function checksScreen({ reasons, online, pack, notice, actions }) {
  const state = { online, pack, lastResults: null };
  const reason = selectField({
    id: "ck-reason",
    label: "Why are you making this check?",
    hint: "Required. Every check is logged with its reason.",
    choices: (reasons || []).map((r) => ({ value: r.code, label: r.label })),
  });
  const reasonText = field({
    id: "ck-reason-text",
    label: "Reason details",
    hint: "Required when the reason is Other: say why in a few words.",
    maxlength: "300",
    autocomplete: "off",
  });
  const kind = radioGroup({ id: "ck-kind", legend: "What are you checking?", choices: KINDS, value: "person", inline: true });
  const name = field({ id: "ck-name", label: "Name", hint: "Any order. Nicknames and spelling slips are found.", maxlength: "200", autocomplete: "off", autocapitalize: "words" });
  const dob = field({ id: "ck-dob", label: "Date of birth (optional)", type: "date" });
  const year = field({ id: "ck-year", label: "Or year of birth (optional)", inputmode: "numeric", maxlength: "4", autocomplete: "off" });
  const age = field({ id: "ck-age", label: "Or age, about (optional)", hint: "Finds people within 2 years of it. Online only.", inputmode: "numeric", maxlength: "3", autocomplete: "off" });
  const registration = field({
    id: "ck-registration",
    label: "Registration",
    hint: "Whole or part: * for any characters, ? for one. Spaces and case do not matter.",
    maxlength: "40",
    autocomplete: "off",
    autocapitalize: "characters",
    class: "code",
  });
  const query = field({ id: "ck-query", label: "Address or postcode", maxlength: "200", autocomplete: "off" });
  const personFields = h("div", { id: "ck-person-fields" }, name, dob, year, age);
  const vehicleFields = h("div", { id: "ck-vehicle-fields" }, registration);
  const locationFields = h("div", { id: "ck-location-fields" }, query);
  const search = h("button", { type: "submit", id: "check-search" }, "Check");
  const modePanel = h("div", { id: "check-mode" });
  const results = h("div", { id: "check-results", tabindex: "-1" });
  const form = h(
    "form",
    { novalidate: true, id: "check-form" },
    reason,
    reasonText,
    kind,
    personFields,
    vehicleFields,
    locationFields,
    h("div", { class: "actions" }, search),
  );

  const chosenKind = () => radioValue(kind) || "person";
  const showKind = () => {
    const value = chosenKind();
    personFields.hidden = value !== "person";
    vehicleFields.hidden = value !== "vehicle";
    locationFields.hidden = value !== "location";
  };
  const showMode = () => {
    modePanel.replaceChildren(state.online ? onlinePanel() : offlinePanel(state.pack, actions));
    // The pack holds persons and vehicles only; age ranges need the server.
    const locationRadio = kind.querySelector('input[value="location"]');
    locationRadio.disabled = !state.online;
    locationRadio.closest(".radio").hidden = !state.online;
    age.hidden = !state.online;
    if (!state.online && chosenKind() === "location") kind.querySelector('input[value="person"]').checked = true;
    searchLabel();
    showKind();
  };
  const searchLabel = () => {
    search.textContent = state.online ? "Check" : "Search the briefing pack";
  };
  kind.addEventListener("change", showKind);

  const values = () => ({
    reason: reason.control.value,
    reason_text: reasonText.control.value.trim(),
    name: name.control.value.trim(),
    date_of_birth: dob.control.validity.badInput ? DATE_UNREADABLE : dob.control.value,
    birth_year: year.control.value.trim(),
    age: age.control.value.trim(),
    registration: registration.control.value.trim(),
    query: query.control.value.trim(),
  });
  const localErrors = (v, what) => {
    const errors = [];
    if (!v.reason) errors.push({ field: "reason", message: "Choose why you are making this check" });
    else if (v.reason === "other" && v.reason_text.length < OTHER_TEXT_MIN)
      errors.push({ field: "reason_text", message: "With Other, say why in a few words" });
    // A person is refused here as the server would refuse it, online and offline alike; the
    // age is only asked for online (the pack cannot search by it).
    if (what === "person")
      errors.push(
        ...personQueryErrors({
          name: v.name,
          dateOfBirth: v.date_of_birth,
          birthYear: v.birth_year,
          age: state.online ? v.age : "",
        }),
      );
    if (what === "vehicle" && !v.registration) errors.push({ field: "registration", message: "Enter a registration or part of one" });
    if (what === "location" && !v.query) errors.push({ field: "query", message: "Enter an address or a postcode" });
    return errors;
  };
  const showErrors = (errors) =>
    errorsShow(
      form,
      errors.map((error) => ({ id: FIELD_IDS[error.field] || null, message: error.message })),
    );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const v = values();
    const what = chosenKind();
    const errors = localErrors(v, what);
    if (errors.length) return showErrors(errors);
    errorsClear(form);
    await whileBusy(search, "Checking…", async () => {
      if (state.online) {
        const outcome = await actions.check(what, onlineBody(what, v));
        if (outcome.offline) {
          state.online = false;
          state.pack = outcome.pack;
          showMode();
          results.replaceChildren(
            h(
              "div",
              { class: "notice", id: "check-no-signal", role: "alert" },
              h("p", {}, "The check could not reach the server, so it was not made. Checks need a connection: you can search the briefing pack instead."),
            ),
          );
          return;
        }
        if (outcome.errors) return showErrors(outcome.errors);
        if (outcome.problem) return resultsShow(results, problemNotice(outcome.problem));
        state.lastResults = () => onlineResults(outcome.result, what, results, actions, state);
        resultsShow(results, state.lastResults());
      } else {
        const outcome = await actions.searchPack(what, v);
        if (outcome.errors) return showErrors(outcome.errors);
        if (outcome.problem) return resultsShow(results, problemNotice(outcome.problem));
        resultsShow(results, packResults(outcome.results, what));
      }
    });
    searchLabel(); // the busy state put back the words it began with; the mode may have changed
  });
  showMode();

  return {
    title: "Checks",
    body: [heading("Checks"), notice || null, modePanel, form, results],
    focus: notice || null,
  };
}

function onlineBody(kind, v) {
  const common = { reason: v.reason, reason_text: v.reason_text };
  if (kind === "vehicle") return { ...common, registration: v.registration };
  if (kind === "location") return { ...common, query: v.query };
  const body = { ...common, name: v.name };
  if (v.date_of_birth) body.date_of_birth = v.date_of_birth;
  if (v.birth_year) body.birth_year = Number(v.birth_year);
  if (v.age) body.age = Number(v.age);
  return body;
}

function onlinePanel() {
  return h("p", { class: "hint", id: "check-online" }, "Checks are made against the force's records and logged with your reason.");
}

// Offline: checks need the server. Say so, and say what the briefing pack on the device offers.
function offlinePanel(pack, actions) {
  const lines = [h("h2", {}, "No connection: checks need the server")];
  if (!pack) {
    lines.push(h("p", { id: "pack-state" }, "There is no briefing pack on this device yet. It arrives when the app syncs while you are signed in and online."));
  } else if (pack.expired) {
    lines.push(
      h(
        "p",
        { id: "pack-state", class: "reason" },
        `The briefing pack on this device expired at ${when(pack.expires_at)}. It is out of date, so it cannot be searched. Connect to get a new one.`,
      ),
    );
  } else {
    lines.push(
      h(
        "p",
        { id: "pack-state" },
        `Instead, search the briefing pack on this device: ${count(pack.persons, "wanted or missing person")} and ${count(pack.vehicles, "stolen vehicle")} for your area, valid until ${when(pack.expires_at)}.`,
      ),
      h("p", { class: "hint" }, "It holds only people and vehicles flagged for your area: no result does not mean no record. Your search is logged when the device is next online."),
    );
  }
  if (actions.retryOnline) {
    lines.push(h("button", { type: "button", class: "secondary small", id: "check-retry-online", onclick: actions.retryOnline }, "Try the server again"));
  }
  return h("div", { class: "notice", id: "check-offline" }, lines);
}

function onlineResults(outcome, kind, region, actions, state) {
  const list = outcome.results;
  return [
    h("h2", { id: "results-title" }, resultsTitle(list.length)),
    alertsSummary(list.map((result) => ({ ...result, label: label(kind, result.summary) }))),
    list.length
      ? h(
          "ol",
          { class: "record-list result-list", id: "result-list", "aria-labelledby": "results-title" },
          list.map((result) =>
            h(
              "li",
              { class: result.alert ? "record-item result alert" : "record-item result", "data-result-id": result.id },
              warningsBlock(result.warnings),
              h("p", {}, h("strong", {}, label(kind, result.summary)), ` · ${result.strong ? "Strong match" : "Possible match"}`),
              details(kind, result.summary),
              h(
                "div",
                { class: "entry-actions" },
                h(
                  "button",
                  {
                    type: "button",
                    class: "secondary small",
                    onclick: async (event) => {
                      const answer = await whileBusy(event.currentTarget, "Opening…", () =>
                        actions.open(outcome.check_id, kind, result.id),
                      );
                      if (answer.problem) return resultsShow(region, [problemNotice(answer.problem), backButton(region, state)]);
                      resultsShow(region, [openedRecord(kind, answer.record), backButton(region, state)]);
                    },
                  },
                  "Open",
                  hidden(` ${label(kind, result.summary)}`),
                ),
              ),
            ),
          ),
        )
      : h("p", { id: "result-list" }, "No match found."),
  ];
}

function packResults(list, kind) {
  return [
    h("h2", { id: "results-title" }, `${resultsTitle(list.length)} in the briefing pack`),
    h("p", { class: "hint", id: "pack-logged" }, "This search is kept on the device and logged when it is next online."),
    alertsSummary(list.map((result) => ({ ...result, label: label(kind, result.record) }))),
    list.length
      ? h(
          "ol",
          { class: "record-list result-list", id: "result-list", "aria-labelledby": "results-title" },
          list.map((result) =>
            h(
              "li",
              { class: result.alert ? "record-item result alert" : "record-item result", "data-result-id": result.id },
              warningsBlock(result.warnings),
              h("p", {}, h("strong", {}, label(kind, result.record))),
              details(kind, result.record),
            ),
          ),
        )
      : h("p", { id: "result-list" }, "No match in the briefing pack. It holds only flagged people and vehicles: check again when online."),
  ];
}

// Before the list: every result with a warning, named, so none is missed below the fold.
function alertsSummary(list) {
  const flagged = list.filter((result) => result.alert);
  if (!flagged.length) return null;
  return h(
    "div",
    { class: "alert-summary", id: "check-warnings", role: "alert" },
    h("h3", {}, h("span", { class: "icon", "aria-hidden": "true" }, "⚠ "), `Warning: ${flagged.length} result${flagged.length === 1 ? "" : "s"} flagged`),
    h(
      "ul",
      {},
      flagged.map((result) => h("li", {}, h("strong", {}, result.label), `: ${result.warnings.map((w) => w.description).join(", ")}`)),
    ),
  );
}

// A result's warnings, first and in words: "WANTED", "MISSING", "STOLEN" and the markers.
function warningsBlock(warnings) {
  if (!warnings || !warnings.length) return null;
  return h(
    "ul",
    { class: "warnings", "aria-label": "Warnings" },
    warnings.map((warning) =>
      h(
        "li",
        { class: `warning warning-${warning.code.toLowerCase()}` },
        h("span", { class: "icon", "aria-hidden": "true" }, "⚠"),
        h("strong", {}, warning.description.toUpperCase()),
        warning.note ? ` – ${warning.note}` : "",
      ),
    ),
  );
}

function openedRecord(kind, record) {
  const rows = [];
  if (kind === "person") {
    rows.push(["Name", `${record.given_name} ${record.family_name}`]);
    rows.push(["Date of birth", record.date_of_birth || "Not known"]);
    if (record.aliases && record.aliases.length) rows.push(["Also known as", record.aliases.join("; ")]);
    for (const address of record.addresses || []) rows.push(["Address", String(address)]);
    for (const [scheme, value] of Object.entries(record.identifiers || {})) rows.push([`Identifier (${scheme.toUpperCase()})`, String(value)]);
  } else if (kind === "vehicle") {
    rows.push(["Registration", record.registration]);
    rows.push(["Vehicle", [record.colour, record.make, record.model].filter(Boolean).join(" ")]);
    if (record.keeper) rows.push(["Keeper", record.keeper.name]);
  } else {
    rows.push(["Address", record.address]);
    rows.push(["Postcode", record.postcode]);
    if (record.note) rows.push(["Note", record.note]);
  }
  return h(
    "section",
    { id: "check-record", "aria-labelledby": "record-title" },
    h("h2", { id: "record-title" }, label(kind, record)),
    warningsBlock(record.warnings),
    h("dl", { class: "summary-list" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
    h("p", { class: "hint" }, "Opening this record has been logged."),
  );
}

function backButton(region, state) {
  return h(
    "div",
    { class: "actions" },
    h("button", { type: "button", class: "secondary", onclick: () => state.lastResults && resultsShow(region, state.lastResults()) }, "Back to results"),
  );
}

function problemNotice(text) {
  return h("div", { class: "error-summary", id: "check-problem", role: "alert" }, h("h2", {}, "The check was not made"), h("p", {}, text));
}

// Show the outcome and move focus to its heading, so it is read out and scrolled into view.
function resultsShow(region, content) {
  region.replaceChildren(...[content].flat(Infinity).filter(Boolean));
  const target = region.querySelector("h2") || region;
  target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: false });
}

function label(kind, summary) {
  if (kind === "person") return `${summary.given_name} ${(summary.family_name || "").toUpperCase()}`.trim();
  if (kind === "vehicle") return summary.registration;
  return [summary.address, summary.postcode].filter(Boolean).join(", ");
}

function details(kind, summary) {
  if (kind === "person") {
    const born = summary.date_of_birth ? `Born ${summary.date_of_birth}` : "Date of birth not known";
    const aliases = summary.aliases && summary.aliases.length ? ` · also known as ${summary.aliases.join("; ")}` : "";
    return h("p", {}, born + aliases);
  }
  if (kind === "vehicle") return h("p", {}, [summary.colour, summary.make, summary.model].filter(Boolean).join(" "));
  return null;
}

function resultsTitle(n) {
  return n === 0 ? "No results" : `${n} result${n === 1 ? "" : "s"}`;
}

function count(list, noun) {
  const n = (list || []).length;
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function when(value) {
  return `${dayLabel(value)} ${clockTime(value)}`;
}
