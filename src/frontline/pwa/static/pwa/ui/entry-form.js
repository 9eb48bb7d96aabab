// Screen: write a timed entry, a correction or supplement of an earlier one, or a sign-off.

import { TEXT_MAX } from "../config.js";
import { KIND_LABELS } from "../notebook.js";
import { clockTime, fromWallClock, isoWithOffset, wallClock } from "../time.js";
import { h, heading } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";

const WORDING = {
  entry: { title: "New entry", label: "What happened", save: "Save entry" },
  correction: {
    title: "Correct an entry",
    label: "Correction",
    hint: "The original stays in your notebook as it is. Say what was wrong and what is right.",
    save: "Save correction",
  },
  supplement: {
    title: "Add to an entry",
    label: "What you are adding",
    hint: "The original stays in your notebook as it is; this is added after it.",
    save: "Save supplement",
  },
  sign_off: {
    title: "Sign off your notebook",
    label: "Declaration",
    hint: "Sign off at the end of your duty. You can still write entries afterwards.",
    save: "Sign off",
  },
};
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const FUTURE_ALLOWANCE_MS = 2 * 60 * 1000;

// kind: entry | correction | supplement | sign_off; original: the entry corrected or added to.
export function entryFormScreen({ kind, original, officer, onSave, onCancel }) {
  const words = WORDING[kind];
  const now = new Date();
  const when = field({
    id: "entry-time",
    label: "Date and time",
    hint: "When it happened, UK time. Change it if you are writing up later.",
    type: "datetime-local",
    value: wallClock(now),
    max: wallClock(new Date(now.getTime() + FUTURE_ALLOWANCE_MS)),
    required: true,
  });
  const text = field({
    id: "entry-text",
    label: words.label,
    hint: words.hint,
    textarea: true,
    rows: "8",
    maxlength: String(TEXT_MAX),
    spellcheck: "true",
    value:
      kind === "sign_off"
        ? `Entries above are a true record. ${officer.collar_number} ${Array.from(officer.given_name || "")[0] || ""}. ${officer.family_name}.`
        : "",
  });
  const save = h("button", { type: "submit" }, words.save);
  const cancel = h("button", { type: "button", class: "secondary", onclick: onCancel }, "Cancel");
  const form = h(
    "form",
    { novalidate: true, id: "entry-form" },
    text,
    when,
    h("div", { class: "actions" }, save, cancel),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const errors = [];
    const value = text.control.value;
    if (!value.trim())
      errors.push({ id: "entry-text", message: `Enter the ${words.label.toLowerCase()}` });
    else if (value.length > TEXT_MAX)
      errors.push({ id: "entry-text", message: `Write at most ${TEXT_MAX} characters` });
    else if (CONTROL_CHARACTERS.test(value))
      errors.push({
        id: "entry-text",
        message: "The text contains invisible control characters: retype it",
      });
    const moment = fromWallClock(when.control.value);
    if (!moment) errors.push({ id: "entry-time", message: "Enter the date and time it happened" });
    else if (moment.getTime() > Date.now() + FUTURE_ALLOWANCE_MS)
      errors.push({ id: "entry-time", message: "The time is in the future: check it" });
    else if (moment.getFullYear() < 2000)
      errors.push({ id: "entry-time", message: "Enter a date after the year 2000" });
    if (errors.length) return errorsShow(form, errors);
    errorsClear(form);
    await whileBusy(save, "Saving…", () =>
      onSave({
        kind,
        occurredAt: isoWithOffset(moment),
        text: value,
        supersedes: original ? original.id : null,
      }),
    );
  });
  return {
    title: words.title,
    body: [
      heading(words.title),
      original
        ? h(
            "div",
            { class: "inset", id: "original-entry" },
            h(
              "p",
              { class: "hint" },
              `${KIND_LABELS[original.kind]} at ${clockTime(original.occurred_at)}`,
            ),
            h("p", {}, original.text),
          )
        : null,
      form,
    ],
    focus: kind === "sign_off" ? null : text.control,
  };
}
