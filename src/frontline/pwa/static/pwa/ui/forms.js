// GOV.UK-style form parts: a labelled field with hint and error message, an error summary
// that takes focus and links to each field, and a busy state for submit buttons.

import { h, hidden } from "./dom.js";

// A labelled input or textarea. Returns the wrapper; the control is wrapper.control.
export function field({ id, label, hint, textarea = false, ...attrs }) {
  const hintId = hint ? `${id}-hint` : null;
  const control = h(textarea ? "textarea" : "input", {
    id,
    name: id,
    "aria-describedby": hintId,
    ...attrs,
  });
  const wrapper = h(
    "div",
    { class: "field", id: `${id}-field` },
    h("label", { for: id }, label),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    control,
  );
  wrapper.control = control;
  return wrapper;
}

// Show errors: [{ id?, message }]. Fields named by id get an inline message too.
export function errorsShow(form, errors) {
  errorsClear(form);
  const items = errors.map((error) =>
    h(
      "li",
      {},
      error.id
        ? h(
            "a",
            {
              href: `#${error.id}`,
              onclick: (event) => {
                event.preventDefault(); // not a route: just move to the field
                document.getElementById(error.id)?.focus();
              },
            },
            error.message,
          )
        : error.message,
    ),
  );
  const summary = h(
    "div",
    {
      class: "error-summary",
      role: "alert",
      tabindex: "-1",
      "aria-labelledby": "error-summary-title",
    },
    h("h2", { id: "error-summary-title" }, "There is a problem"),
    h("ul", {}, items),
  );
  form.prepend(summary);
  for (const error of errors) {
    const control = error.id && document.getElementById(error.id);
    if (!control) continue;
    const messageId = `${error.id}-error`;
    control.closest(".field")?.classList.add("has-error");
    const anchor = control.closest("fieldset")?.querySelector(".radios") || control;
    anchor.before(
      h("p", { class: "error-message", id: messageId }, hidden("Error: "), error.message),
    );
    control.setAttribute("aria-invalid", "true");
    const described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    control.setAttribute("aria-describedby", [...described, messageId].join(" "));
  }
  summary.focus();
}

export function errorsClear(form) {
  form.querySelector(".error-summary")?.remove();
  for (const message of form.querySelectorAll(".error-message")) message.remove();
  for (const wrapper of form.querySelectorAll(".field.has-error"))
    wrapper.classList.remove("has-error");
  for (const control of form.querySelectorAll("[aria-invalid]")) {
    control.removeAttribute("aria-invalid");
    const described = (control.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter((id) => id && !id.endsWith("-error"));
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
  }
}

// Run an async submit with the button marked busy, so a double tap cannot send twice.
export async function whileBusy(button, busyText, work) {
  const text = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-disabled", "true");
  button.textContent = busyText;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-disabled");
    button.textContent = text;
  }
}
