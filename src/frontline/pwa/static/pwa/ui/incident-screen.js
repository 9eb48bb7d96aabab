// Screen: one incident report - the draft form while it is the officer's to edit, the
// supervisor's comments when it was returned, read only while under review or once approved,
// and both versions side by side when an edit met a change made elsewhere.

import { uuid } from "../crypto.js";
import { clockTime, dayLabel, fromWallClock, isoWithOffset, wallClock } from "../time.js";
import { h, heading } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";

const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

// report: null for a new one. state: incidentOutboxState(). form: GET /incidents/form.
export function incidentScreen({ form, report, state, notice, actions }) {
  const server = report && report.server;
  const status = state.submitting ? "submitting" : (server && server.status) || "draft";
  const editable = !state.conflict && form.editable_statuses.includes(status);
  const title = report ? `Incident report: ${categoryLabel(form, report.payload.category)}` : "New incident report";
  const returned = server && server.status === "returned" ? lastReturn(server) : null;
  return {
    title,
    body: [
      heading(title),
      notice || null,
      report ? h("p", { class: "entry-meta" }, h("span", { class: "tag", id: "incident-status" }, statusWords(form, status)), state.pending ? h("span", { class: "tag tag-pending" }, "Not sent yet") : null) : null,
      returned
        ? h(
            "div",
            { class: "notice", id: "review-comments" },
            h("h2", {}, "Returned by your supervisor"),
            h("p", {}, `${returned.reviewer_collar_number}, ${dayLabel(returned.decided_at)} at ${clockTime(returned.decided_at)}:`),
            h("p", { class: "statement-text" }, returned.comments),
          )
        : null,
      state.conflict ? conflictPanel(form, report, actions) : null,
      state.refused && !state.conflict
        ? h(
            "div",
            { class: "error-summary", id: "incident-refused" },
            h("h2", {}, "The server did not accept a change"),
            h("p", {}, `Reason: ${state.refused.error.message}`),
          )
        : null,
      editable ? draftForm(form, report, actions) : report && !state.conflict ? summary(form, report.payload) : null,
      h(
        "div",
        { class: "actions" },
        report ? h("button", { type: "button", class: "secondary", onclick: actions.photo }, "Add a photo") : null,
        h("button", { type: "button", class: "secondary", onclick: actions.back }, "Back to records"),
      ),
    ],
    focus: notice || null,
  };
}

function draftForm(form, report, actions) {
  const v = (report && report.payload) || {};
  const category = h(
    "select",
    { id: "in-category", name: "in-category" },
    h("option", { value: "" }, "Choose"),
    h("optgroup", { label: "Crime" }, form.crime_categories.map((c) => h("option", { value: c.value, selected: c.value === v.category }, c.label))),
    h("optgroup", { label: "Not a crime" }, form.non_crime_categories.map((c) => h("option", { value: c.value, selected: c.value === v.category }, c.label))),
  );
  const categoryField = h("div", { class: "field", id: "in-category-field" }, h("label", { for: "in-category" }, "What happened"), category);
  const from = field({
    id: "in-occurred_from",
    label: "From",
    hint: "When it happened, or began. UK time.",
    type: "datetime-local",
    value: v.occurred_from ? wallClock(new Date(v.occurred_from)) : wallClock(new Date()),
  });
  const to = field({
    id: "in-occurred_to",
    label: "To (optional)",
    hint: "Leave blank for a moment in time.",
    type: "datetime-local",
    value: v.occurred_to ? wallClock(new Date(v.occurred_to)) : "",
  });
  const address = field({ id: "in-address", label: "Where", hint: "Needed to submit.", maxlength: "300", value: v.address || "" });
  const narrative = field({
    id: "in-narrative",
    label: "What happened, in your words",
    hint: "Needed to submit.",
    textarea: true,
    rows: "8",
    maxlength: String(form.narrative_max),
    value: v.narrative || "",
  });
  const people = h("div", { id: "in-persons" });
  const addPerson = (person = { id: uuid(), roles: [], name: "", description: "", date_of_birth: null }) => {
    const index = people.children.length;
    const prefix = `in-person-${index}`;
    const name = field({ id: `${prefix}-name`, label: `Person ${index + 1}: name`, maxlength: "200", value: person.name || "" });
    const roles = h(
      "fieldset",
      { class: "field", id: `${prefix}-roles` },
      h("legend", {}, `Person ${index + 1}: role in the incident`),
      h(
        "div",
        { class: "radios inline" },
        form.person_roles.map((role, n) =>
          h(
            "div",
            { class: "radio" },
            h("input", { type: "checkbox", id: n === 0 ? `${prefix}-role` : `${prefix}-role-${n}`, value: role.value, checked: person.roles.includes(role.value) }),
            h("label", { for: n === 0 ? `${prefix}-role` : `${prefix}-role-${n}` }, role.label),
          ),
        ),
      ),
    );
    const description = field({ id: `${prefix}-description`, label: `Person ${index + 1}: description (optional)`, textarea: true, rows: "2", maxlength: "2000", value: person.description || "" });
    const block = h("div", { class: "inset person", "data-person-id": person.id, "data-birth": person.date_of_birth || "" }, name, roles, description);
    people.append(block);
  };
  for (const person of v.persons || []) addPerson(person);
  const save = h("button", { type: "submit", class: "secondary", id: "incident-save" }, "Save draft");
  const submit = h("button", { type: "button", id: "incident-submit" }, report && report.server && report.server.status === "returned" ? "Resubmit for review" : "Submit for review");
  const formElement = h(
    "form",
    { novalidate: true, id: "incident-form" },
    categoryField,
    from,
    to,
    address,
    narrative,
    h("h2", {}, "People involved"),
    people,
    h("p", {}, h("button", { type: "button", class: "secondary small", onclick: () => addPerson() }, "Add a person")),
    h("div", { class: "actions" }, submit, save),
  );
  const read = () => {
    const moment = fromWallClock(from.control.value);
    const until = to.control.value ? fromWallClock(to.control.value) : null;
    return {
      category: category.value,
      occurred_from: moment ? isoWithOffset(moment) : null,
      occurred_to: until ? isoWithOffset(until) : null,
      address: address.control.value.trim(),
      latitude: v.latitude ?? null,
      longitude: v.longitude ?? null,
      narrative: narrative.control.value.replace(/\s+$/, ""),
      persons: [...people.children].map((block) => ({
        id: block.dataset.personId,
        roles: [...block.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value),
        name: block.querySelector("input").value.trim(),
        date_of_birth: block.dataset.birth || null,
        description: block.querySelector("textarea").value.trim(),
      })),
      objects: v.objects || [],
      locations: v.locations || [],
      links: v.links || [],
    };
  };
  const check = (content, submitting) => {
    const errors = [];
    const add = (id, message) => errors.push({ id, message });
    if (!content.category) add("in-category", "Choose what happened");
    if (!content.occurred_from) add("in-occurred_from", "Enter when it happened");
    else if (Date.parse(content.occurred_from) > Date.now() + 120000) add("in-occurred_from", "The time is in the future: check it");
    if (content.occurred_to && content.occurred_from && content.occurred_to < content.occurred_from)
      add("in-occurred_to", "The end must be after the start");
    if (submitting && !content.address) add("in-address", "Say where it happened before submitting");
    if (submitting && !content.narrative.trim()) add("in-narrative", "Write what happened before submitting");
    if (CONTROL.test(content.narrative) || CONTROL.test(content.address)) add("in-narrative", "The text contains invisible control characters: retype it");
    content.persons.forEach((person, index) => {
      if (!person.roles.length) add(`in-person-${index}-role`, `Choose at least one role for person ${index + 1}`);
    });
    return errors;
  };
  const original = JSON.stringify(read());
  const go = async (button, busy, submitting) => {
    const content = read();
    const errors = check(content, submitting);
    if (errors.length) return errorsShow(formElement, errors);
    errorsClear(formElement);
    await whileBusy(button, busy, () =>
      submitting ? actions.submit(content, JSON.stringify(content) !== original) : actions.save(content),
    );
  };
  formElement.addEventListener("submit", (event) => {
    event.preventDefault();
    go(save, "Saving…", false);
  });
  submit.addEventListener("click", () => go(submit, "Submitting…", true));
  return formElement;
}

function conflictPanel(form, report, actions) {
  const mine = report.payload;
  const theirs = report.server ? report.server.content : null;
  return h(
    "div",
    { class: "conflict", id: "conflict" },
    h("h2", {}, "This report was changed elsewhere"),
    h("p", {}, "Your edit started from an older version. Nothing is lost: both versions are below. Choose which one to keep."),
    h("div", { class: "versions" }, h("section", { "aria-labelledby": "mine-title" }, h("h3", { id: "mine-title" }, "Your version"), summary(form, mine, "mine")), theirs ? h("section", { "aria-labelledby": "theirs-title" }, h("h3", { id: "theirs-title" }, `On the server (version ${report.server.version})`), summary(form, theirs, "theirs")) : null),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "keep-mine", onclick: () => actions.resolve("mine") }, "Keep my version"),
      theirs ? h("button", { type: "button", class: "secondary", id: "keep-theirs", onclick: () => actions.resolve("server") }, "Keep the server's version") : null,
    ),
  );
}

function summary(form, content, key = "report") {
  const rows = [
    ["What happened", categoryLabel(form, content.category)],
    ["When", content.occurred_from ? `${dayLabel(content.occurred_from)} at ${clockTime(content.occurred_from)}${content.occurred_to ? ` to ${clockTime(content.occurred_to)}` : ""}` : ""],
    ["Where", content.address],
    ["Account", content.narrative],
    ["People", (content.persons || []).map((p) => `${p.name || "Unnamed"} (${p.roles.join(", ")})`).join("; ")],
  ];
  return h(
    "dl",
    { class: "summary-list", id: `summary-${key}` },
    rows.filter(([, value]) => value).map(([label, value]) => [h("dt", {}, label), h("dd", { class: "statement-text" }, value)]),
  );
}

function lastReturn(server) {
  const returns = (server.reviews || []).filter((review) => review.decision === "returned");
  return returns.length ? returns[returns.length - 1] : null;
}

export function categoryLabel(form, value) {
  const found = [...form.crime_categories, ...form.non_crime_categories].find((c) => c.value === value);
  return found ? found.label : value || "Not chosen";
}

export function statusWords(form, status) {
  if (status === "submitting") return "Submitted: not sent yet";
  const found = form.statuses.find((s) => s.value === status);
  return found ? found.label : status;
}

