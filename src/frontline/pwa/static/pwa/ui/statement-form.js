// Screen: take a witness statement (MG11) and have the witness sign it on screen. Until the
// signature is saved this is a working form; once saved the statement can never be changed.

import { fromWallClock, isoWithOffset, wallClock } from "../time.js";
import { radioValue, selectField, yesNo } from "./controls.js";
import { h, heading } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";
import { signaturePad } from "./signature-pad.js";

export const DECLARATION =
  "This statement (consisting of the pages each signed by me) is true to the best of my knowledge " +
  "and belief and I make it knowing that, if it is tendered in evidence, I shall be liable to " +
  "prosecution if I have wilfully stated in it anything which I know to be false, or do not " +
  "believe to be true.";
const TEXT_MAX = 50000;
const URN = /^[A-Za-z0-9][A-Za-z0-9 /.-]*$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,29}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const SINGLE_LINE = /[\r\n\t]/;

export function statementFormScreen({ officer, earlier = [], values = null, errors = [], onSave, onCancel }) {
  const v = values || {};
  const now = new Date();
  const text = (id, label, extra = {}) => field({ id: `st-${id}`, label, value: v[id] ?? "", ...extra });
  const f = {
    urn: text("urn", "Case URN", { maxlength: "40", hint: "The case's unique reference number." }),
    name: text("witness_name", "Statement of", { maxlength: "200", hint: "The witness's full name.", autocomplete: "off" }),
    under18: yesNo({ id: "st-under18", legend: "Is the witness under 18?", value: v.witness_age ? true : values ? false : null }),
    age: text("witness_age", "Age of the witness", { inputmode: "numeric", maxlength: "2", hint: "1 to 17." }),
    occupation: text("occupation", "Occupation (optional)", { maxlength: "200" }),
    statement: text("text", "Statement", {
      textarea: true,
      rows: "12",
      maxlength: String(TEXT_MAX),
      spellcheck: "true",
      hint: "In the witness's own words.",
    }),
    takenAt: field({
      id: "st-taken_at",
      label: "Taking the statement began at",
      hint: "UK time.",
      type: "datetime-local",
      value: v.taken_at ? wallClock(new Date(v.taken_at)) : wallClock(now),
    }),
    place: text("taken_place", "Place taken", { maxlength: "200" }),
    witnessedBy: field({
      id: "st-witnessed_by",
      label: "Signature witnessed by (optional)",
      maxlength: "200",
      value: v.witnessed_by ?? `${officer.rank || ""} ${officer.given_name || ""} ${officer.family_name} (${officer.collar_number})`.trim(),
    }),
    furtherTo: selectField({
      id: "st-further_to",
      label: "Further to an earlier statement (optional)",
      hint: "A further statement of the same witness, with the same URN.",
      choices: earlier.map((s) => ({ value: s.id, label: `${s.payload.witness_name}, URN ${s.payload.urn}` })),
      value: v.further_to || "",
      blank: "No: a first statement",
    }),
    address: text("address", "Address (optional)", { textarea: true, rows: "3", maxlength: "500" }),
    phone: text("phone", "Telephone (optional)", { type: "tel", maxlength: "30" }),
    email: text("email", "Email (optional)", { type: "email", maxlength: "254" }),
    birthDate: text("birth_date", "Date of birth (optional)", { type: "date" }),
    birthPlace: text("birth_place", "Place of birth (optional)", { maxlength: "200" }),
    preferred: selectField({
      id: "st-preferred_contact",
      label: "Preferred contact (optional)",
      choices: [
        { value: "phone", label: "Telephone" },
        { value: "email", label: "Email" },
        { value: "post", label: "Post" },
        { value: "in_person", label: "In person" },
      ],
      value: v.preferred_contact || "",
      blank: "Not given",
    }),
    unavailable: text("dates_unavailable", "Dates not available (optional)", { textarea: true, rows: "2", maxlength: "1000" }),
    needs: text("needs", "Needs and special measures (optional)", { textarea: true, rows: "3", maxlength: "2000" }),
    vps: yesNo({
      id: "st-consent_victim_personal_statement",
      legend: "Victim personal statement offered and wanted? (optional)",
      value: v.consent_victim_personal_statement ?? null,
    }),
    medical: yesNo({
      id: "st-consent_medical_records",
      legend: "Consent to see medical records? (optional)",
      value: v.consent_medical_records ?? null,
    }),
    signature: signaturePad({
      id: "st-signature",
      label: "Witness signature",
      hint: "Read the declaration to the witness, then hand them the device to sign in the box.",
    }),
  };
  if (v.witness_age) f.age.control.value = String(v.witness_age);
  const save = h("button", { type: "submit" }, "Save signed statement");
  const cancel = h("button", { type: "button", class: "secondary", onclick: onCancel }, "Cancel");
  const formElement = h(
    "form",
    { novalidate: true, id: "statement-form" },
    f.urn,
    f.name,
    f.under18,
    f.age,
    f.occupation,
    f.statement,
    f.takenAt,
    f.place,
    f.furtherTo,
    h("h2", {}, "Restricted: the witness's details"),
    h("p", { class: "hint" }, "The rear page of the MG11. Not disclosed to the defence."),
    f.address,
    f.phone,
    f.email,
    f.preferred,
    f.birthDate,
    f.birthPlace,
    f.unavailable,
    f.needs,
    f.vps,
    f.medical,
    h("h2", {}, "Declaration and signature"),
    h("p", { class: "inset declaration", id: "st-declaration" }, DECLARATION),
    f.witnessedBy,
    f.signature,
    h(
      "p",
      { class: "notice" },
      "Once saved, the statement is signed and can never be changed. A further statement is a new MG11.",
    ),
    h("div", { class: "actions" }, save, cancel),
  );
  const applyRules = () => {
    f.age.hidden = f.under18.answer() !== true;
  };
  formElement.addEventListener("change", applyRules);
  applyRules();

  formElement.addEventListener("submit", async (event) => {
    event.preventDefault();
    const signedAt = new Date();
    const payload = read(f, signedAt);
    const problems = check(payload, f, signedAt);
    if (problems.length) return errorsShow(formElement, problems);
    errorsClear(formElement);
    await whileBusy(save, "Saving…", async () => onSave(payload, await f.signature.png()));
  });
  if (errors.length) {
    queueMicrotask(() =>
      errorsShow(formElement, errors.map((error) => ({ id: error.field ? `st-${error.field}` : null, message: error.message }))),
    );
  }
  return {
    title: "Witness statement",
    body: [heading(values ? "Correct a witness statement" : "Witness statement (MG11)"), formElement],
  };
}

function read(f, signedAt) {
  const value = (part) => part.control.value.trim();
  const taken = fromWallClock(f.takenAt.control.value);
  const under18 = f.under18.answer() === true;
  const age = value(f.age);
  return {
    urn: value(f.urn),
    witness_name: value(f.name),
    witness_age: under18 && /^\d+$/.test(age) ? Number(age) : under18 ? age || "" : null,
    occupation: value(f.occupation),
    text: f.statement.control.value.replace(/\s+$/, ""),
    signed_at: isoWithOffset(signedAt),
    witnessed_by: value(f.witnessedBy),
    taken_at: taken ? isoWithOffset(taken) : null,
    taken_place: value(f.place),
    further_to: f.furtherTo.control.value || null,
    address: value(f.address),
    phone: value(f.phone),
    email: value(f.email),
    birth_date: f.birthDate.control.value || null,
    birth_place: value(f.birthPlace),
    preferred_contact: f.preferred.control.value,
    dates_unavailable: value(f.unavailable),
    needs: value(f.needs),
    consent_victim_personal_statement: f.vps.answer(),
    consent_medical_records: f.medical.answer(),
  };
}

function check(p, f, signedAt) {
  const errors = [];
  const add = (name, message) => errors.push({ id: `st-${name}`, message });
  if (!p.urn) add("urn", "Enter the case URN");
  else if (!URN.test(p.urn)) add("urn", "The URN may hold letters, digits, spaces, / . and -");
  if (!p.witness_name) add("witness_name", "Enter the witness's full name");
  if (radioValue(f.under18) === null) add("under18", "Say whether the witness is under 18");
  else if (p.witness_age !== null && !(Number.isInteger(p.witness_age) && p.witness_age >= 1 && p.witness_age <= 17))
    add("witness_age", "Give the age of a witness under 18 (1 to 17)");
  if (!p.text.trim()) add("text", "Write the statement in the witness's words");
  else if (p.text.length > TEXT_MAX) add("text", `Write at most ${TEXT_MAX} characters`);
  if (!p.taken_at) add("taken_at", "Enter when taking the statement began");
  else if (Date.parse(p.taken_at) > signedAt.getTime() + 60000) add("taken_at", "The time is in the future: check it");
  if (!p.taken_place) add("taken_place", "Enter where the statement was taken");
  if (p.email && !EMAIL.test(p.email)) add("email", "Enter the email address like name@example.com");
  if (p.phone && !PHONE.test(p.phone)) add("phone", "The telephone number may hold digits, spaces, + ( ) and -");
  const needed = { phone: "phone", email: "email", post: "address" }[p.preferred_contact];
  if (needed && !p[needed]) add(needed, `Give the ${needed === "address" ? "address" : needed} for the preferred contact`);
  if (p.birth_date) {
    const expected = ageAt(p.birth_date, signedAt);
    if (expected === null) add("birth_date", "The date of birth must be between 1900 and today");
    else if ((expected < 18 ? expected : null) !== p.witness_age && errors.every((e) => e.id !== "st-witness_age"))
      add("witness_age", expected < 18 ? `The date of birth makes the witness ${expected}` : "The date of birth makes the witness over 18");
  }
  for (const [name, value] of Object.entries(p)) {
    if (typeof value !== "string") continue;
    const multi = ["text", "address", "dates_unavailable", "needs"].includes(name);
    if (CONTROL.test(value) || (!multi && SINGLE_LINE.test(value)))
      add(name, "The text contains invisible control characters: retype it");
  }
  if (!f.signature.isSigned()) add("signature", "The witness must sign in the box");
  return errors;
}

function ageAt(isoDay, when) {
  const [y, m, d] = isoDay.split("-").map(Number);
  if (!y || y < 1900) return null;
  const today = isoWithOffset(when).slice(0, 10).split("-").map(Number);
  if (isoDay > isoWithOffset(when).slice(0, 10)) return null;
  return today[0] - y - (today[1] < m || (today[1] === m && today[2] < d) ? 1 : 0);
}
