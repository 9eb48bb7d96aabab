// Screen: record a stop and search (PACE Code A), with the GOWISELY prompts and each rule shown
// beside the field it governs. Works offline from the cached form (GET /stop-searches/form).

import { fromWallClock, isoWithOffset, wallClock } from "../time.js";
import { checkbox, radioGroup, radioValue, selectField, yesNo } from "./controls.js";
import { h, heading } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";

const FUTURE_ALLOWANCE_MS = 2 * 60 * 1000;
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const BROAD_GROUP = { W: "White", M: "Mixed", A: "Asian", B: "Black", O: "Other" };

// values: a payload to start from (correcting a refused record); errors: [{ field, message }].
export function stopSearchFormScreen({ form, values = null, errors = [], onSave, onCancel }) {
  const v = values || {};
  const now = new Date();
  const f = {
    type: radioGroup({
      id: "ss-type",
      legend: "What was searched",
      choices: form.types,
      value: v.type || null,
    }),
    when: field({
      id: "ss-occurred_at",
      label: "Date and time of the search",
      hint: "UK time.",
      type: "datetime-local",
      value: v.occurred_at ? wallClock(new Date(v.occurred_at)) : wallClock(now),
      max: wallClock(new Date(now.getTime() + FUTURE_ALLOWANCE_MS)),
    }),
    street: field({
      id: "ss-street_name",
      label: "Where",
      hint: "Street or place name.",
      value: v.street_name || "",
      maxlength: "200",
      autocomplete: "off",
    }),
    latitude: field({
      id: "ss-latitude",
      label: "Latitude (optional)",
      hint: "Give both latitude and longitude, or neither.",
      inputmode: "decimal",
      value: v.latitude ?? "",
      maxlength: "12",
    }),
    longitude: field({
      id: "ss-longitude",
      label: "Longitude (optional)",
      inputmode: "decimal",
      value: v.longitude ?? "",
      maxlength: "12",
    }),
    legislation: selectField({
      id: "ss-legislation",
      label: "Power used",
      hint: "The law that gives the power to search.",
      choices: form.legislation,
      value: v.legislation || "",
    }),
    object: selectField({
      id: "ss-object_of_search",
      label: "Object of the search",
      hint: "What you were looking for.",
      choices: form.objects_of_search,
      value: v.object_of_search || "",
    }),
    grounds: field({
      id: "ss-grounds",
      label: "Grounds for suspicion",
      hint:
        `Required: why you suspected the person, in at least ${form.grounds_min} characters. ` +
        "A no-suspicion power (s60, s47A) needs the authorisation reference instead.",
      textarea: true,
      rows: "4",
      maxlength: "2000",
      value: v.grounds || "",
    }),
    authorisation: field({
      id: "ss-authorisation_reference",
      label: "Authorisation reference",
      hint: "A search without suspicion needs the senior officer's authorisation: give its reference.",
      maxlength: "60",
      value: v.authorisation_reference || "",
    }),
    registration: field({
      id: "ss-vehicle_registration",
      label: "Vehicle registration",
      hint: "Required for a vehicle search: 2 to 8 letters and digits.",
      maxlength: "10",
      autocapitalize: "characters",
      value: v.vehicle_registration || "",
    }),
    selfDefined: selectField({
      id: "ss-self_defined_ethnicity",
      label: "The person's self-defined ethnicity",
      hint: "Ask the person. Choose NS if they do not say.",
      choices: form.self_defined_ethnicities,
      value: v.self_defined_ethnicity || "",
    }),
    officerDefined: selectField({
      id: "ss-officer_defined_ethnicity",
      label: "Your view of their ethnicity (only if different)",
      hint: "Leave blank unless your view differs from what the person said.",
      choices: form.officer_defined_ethnicities,
      value: v.officer_defined_ethnicity || "",
      blank: "Not different",
    }),
    gender: selectField({
      id: "ss-gender",
      label: "Gender (optional)",
      choices: form.genders,
      value: v.gender || "",
      blank: "Not recorded",
    }),
    age: selectField({
      id: "ss-age_range",
      label: "Age range (optional)",
      choices: form.age_ranges,
      value: v.age_range || "",
      blank: "Not recorded",
    }),
    clothing: yesNo({
      id: "ss-removal_of_more_than_outer_clothing",
      legend: "Was more than outer clothing removed? (optional)",
      value: v.removal_of_more_than_outer_clothing ?? null,
    }),
    outcome: selectField({
      id: "ss-outcome",
      label: "Outcome",
      choices: form.outcomes,
      value: v.outcome || "",
    }),
    linked: yesNo({
      id: "ss-outcome_linked_to_object_of_search",
      legend: "Was the outcome linked to the object of the search?",
      hint: "Not asked for no further action.",
      value: v.outcome_linked_to_object_of_search ?? null,
    }),
    operation: checkbox({
      id: "ss-operation",
      label: "Part of a named operation",
      checked: Boolean(v.operation),
    }),
    operationName: field({
      id: "ss-operation_name",
      label: "Operation name",
      maxlength: "120",
      value: v.operation_name || "",
    }),
    withheld: checkbox({
      id: "ss-officer_name_withheld",
      label: "Withhold my name from the receipt",
      hint: "The receipt then shows your warrant number and station instead (Code A 4.3).",
      checked: Boolean(v.officer_name_withheld),
    }),
    personName: field({
      id: "ss-person_name",
      label: "Name (optional)",
      hint: "You may ask; the person does not have to give it.",
      maxlength: "120",
      autocomplete: "off",
      value: v.person_name || "",
    }),
    personAddress: field({
      id: "ss-person_address",
      label: "Address (optional)",
      hint: "You may ask; the person does not have to give it.",
      textarea: true,
      rows: "2",
      maxlength: "250",
      autocomplete: "off",
      value: v.person_address || "",
    }),
    personBirth: field({
      id: "ss-person_date_of_birth",
      label: "Date of birth (optional)",
      hint: "You may ask; the person does not have to give it.",
      type: "date",
      value: v.person_date_of_birth || "",
    }),
  };
  const save = h("button", { type: "submit" }, "Save and show receipt");
  const cancel = h("button", { type: "button", class: "secondary", onclick: onCancel }, "Cancel");
  const person = h(
    "div",
    { id: "ss-person-part" },
    h("h2", {}, "The person"),
    f.selfDefined,
    f.officerDefined,
    f.gender,
    f.age,
    f.clothing,
    h("h2", {}, "Name, address and date of birth"),
    h("p", { class: "hint" }, "These are optional. Never refuse a receipt because they were not given."),
    f.personName,
    f.personAddress,
    f.personBirth,
  );
  const formElement = h(
    "form",
    { novalidate: true, id: "stop-search-form" },
    f.type,
    f.when,
    f.street,
    f.latitude,
    f.longitude,
    h("h2", {}, "Power and grounds"),
    f.legislation,
    f.object,
    f.grounds,
    f.authorisation,
    f.registration,
    person,
    h("h2", {}, "Outcome"),
    f.outcome,
    f.linked,
    f.operation,
    f.operationName,
    f.withheld,
    h("div", { class: "actions" }, save, cancel),
  );

  const noSuspicion = () => form.no_suspicion_powers.includes(f.legislation.control.value);
  const typeChosen = () => radioValue(f.type);
  // Show each field only when its rule applies, and say the rule beside it.
  const applyRules = () => {
    const type = typeChosen();
    const vehicle = form.vehicle_types.includes(type);
    const searchesPerson = !type || form.person_types.includes(type);
    f.registration.hidden = !vehicle;
    person.hidden = !searchesPerson;
    f.grounds.hidden = noSuspicion();
    f.authorisation.hidden = !noSuspicion();
    f.linked.hidden = f.outcome.control.value === form.no_further_action;
    f.operationName.hidden = !f.operation.control.checked;
  };
  formElement.addEventListener("change", applyRules);
  applyRules();

  const read = () => {
    const type = typeChosen();
    const searchesPerson = form.person_types.includes(type);
    const vehicle = form.vehicle_types.includes(type);
    const moment = fromWallClock(f.when.control.value);
    const text = (part) => part.control.value.trim();
    const choice = (part) => part.control.value || null;
    const lat = text(f.latitude);
    const lon = text(f.longitude);
    const nfa = f.outcome.control.value === form.no_further_action;
    return {
      moment,
      payload: {
        type,
        occurred_at: moment ? isoWithOffset(moment) : null,
        latitude: lat ? Number(lat).toFixed(6) : null,
        longitude: lon ? Number(lon).toFixed(6) : null,
        street_name: text(f.street),
        operation: f.operation.control.checked,
        operation_name: f.operation.control.checked ? text(f.operationName) : "",
        gender: searchesPerson ? choice(f.gender) : null,
        age_range: searchesPerson ? choice(f.age) : null,
        self_defined_ethnicity: searchesPerson ? choice(f.selfDefined) : null,
        officer_defined_ethnicity: searchesPerson ? choice(f.officerDefined) : null,
        legislation: f.legislation.control.value,
        object_of_search: f.object.control.value,
        grounds: noSuspicion() ? "" : f.grounds.control.value.trim(),
        authorisation_reference: noSuspicion() ? text(f.authorisation) : "",
        officer_name_withheld: f.withheld.control.checked,
        vehicle_registration: vehicle ? text(f.registration).replace(/\s+/g, "").toUpperCase() : "",
        outcome: f.outcome.control.value,
        outcome_linked_to_object_of_search: nfa ? null : f.linked.answer(),
        removal_of_more_than_outer_clothing: searchesPerson ? f.clothing.answer() : null,
        person_name: searchesPerson ? text(f.personName) : "",
        person_address: searchesPerson ? text(f.personAddress) : "",
        person_date_of_birth: searchesPerson ? f.personBirth.control.value || null : null,
      },
    };
  };

  formElement.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { moment, payload } = read();
    const problems = check(payload, moment, form);
    if (problems.length) return errorsShow(formElement, problems);
    errorsClear(formElement);
    await whileBusy(save, "Saving…", () => onSave(payload));
  });

  if (errors.length) {
    queueMicrotask(() =>
      errorsShow(
        formElement,
        errors.map((error) => ({ id: error.field ? `ss-${error.field}` : null, message: error.message })),
      ),
    );
  }

  return {
    title: values ? "Correct a stop and search" : "Stop and search",
    body: [
      heading(values ? "Correct a stop and search" : "Stop and search"),
      gowisely(form.gowisely),
      formElement,
    ],
  };
}

// The prompts the officer gives before searching (PACE Code A 3.8).
function gowisely(items) {
  return h(
    "details",
    { class: "gowisely", id: "gowisely", open: true },
    h("summary", {}, "GOWISELY: tell the person before you search"),
    h(
      "dl",
      { class: "gowisely-list" },
      items.map((item) => [
        h("dt", {}, h("span", { class: "letter" }, item.letter), ` ${item.word}`),
        h("dd", {}, item.prompt),
      ]),
    ),
  );
}

// The server's rules, checked before saving so the officer can put them right at once.
function check(p, moment, form) {
  const errors = [];
  const add = (name, message) => errors.push({ id: `ss-${name}`, message });
  if (!p.type) add("type", "Choose what was searched");
  if (!moment) add("occurred_at", "Enter the date and time of the search");
  else if (moment.getTime() > Date.now() + FUTURE_ALLOWANCE_MS)
    add("occurred_at", "The time is in the future: check it");
  if (!p.street_name) add("street_name", "Say where the search took place");
  for (const name of ["latitude", "longitude"]) {
    const value = p[name];
    const limit = name === "latitude" ? 90 : 180;
    if (value !== null && (Number.isNaN(Number(value)) || Math.abs(Number(value)) > limit))
      add(name, `Enter the ${name} as a number between -${limit} and ${limit}`);
  }
  if ((p.latitude === null) !== (p.longitude === null))
    add(p.latitude === null ? "latitude" : "longitude", "Give both latitude and longitude, or neither");
  if (!p.legislation) add("legislation", "Choose the power used");
  if (!p.object_of_search) add("object_of_search", "Choose the object of the search");
  if (form.no_suspicion_powers.includes(p.legislation)) {
    if (!p.authorisation_reference)
      add("authorisation_reference", "A search without suspicion needs the authorisation's reference");
  } else if (p.legislation && p.grounds.length < form.grounds_min) {
    add("grounds", `Give the grounds for suspicion, in at least ${form.grounds_min} characters`);
  }
  if (form.vehicle_types.includes(p.type)) {
    if (!p.vehicle_registration) add("vehicle_registration", "A vehicle search needs the registration");
    else if (!/^[A-Z0-9]{2,8}$/.test(p.vehicle_registration))
      add("vehicle_registration", "A registration is 2 to 8 letters and digits");
  }
  if (form.person_types.includes(p.type)) {
    if (!p.self_defined_ethnicity)
      add("self_defined_ethnicity", "Ask the person's self-defined ethnicity; choose NS if they do not say");
    else if (
      p.officer_defined_ethnicity &&
      BROAD_GROUP[p.self_defined_ethnicity[0]] === p.officer_defined_ethnicity
    )
      add("officer_defined_ethnicity", "Record your view only when it differs from the person's");
    if (p.person_date_of_birth && moment && p.person_date_of_birth > isoWithOffset(moment).slice(0, 10))
      add("person_date_of_birth", "The date of birth must be before the search");
  }
  if (!p.outcome) add("outcome", "Choose the outcome");
  else if (p.outcome !== form.no_further_action && p.outcome_linked_to_object_of_search === null)
    add("outcome_linked_to_object_of_search", "Say whether the outcome was linked to the object of the search");
  if (p.operation && !p.operation_name) add("operation_name", "Name the operation");
  for (const name of ["street_name", "grounds", "authorisation_reference", "person_name", "person_address", "operation_name"]) {
    if (CONTROL_CHARACTERS.test(p[name] || "")) add(name, "The text contains invisible control characters: retype it");
  }
  return errors;
}
