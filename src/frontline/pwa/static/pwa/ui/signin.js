// Screen: an officer signs in on this enrolled device with collar number and password.

import { h, heading } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";

// onSignIn(collar, password) signs in or throws; onOffline() continues without signing in.
export function signInScreen({ knownOfficer, notice, onSignIn, onOffline, errorFor }) {
  const collar = field({
    id: "collar-number",
    label: "Collar or warrant number",
    autocomplete: "username",
    autocapitalize: "characters",
    spellcheck: "false",
    value: knownOfficer ? knownOfficer.collar_number : "",
  });
  const password = field({
    id: "password",
    label: "Password",
    type: "password",
    autocomplete: "current-password",
  });
  const submit = h("button", { type: "submit" }, "Sign in");
  const offline = onOffline
    ? h(
        "button",
        { type: "button", class: "secondary", onclick: onOffline },
        "Use the notebook without signing in",
      )
    : null;
  const form = h(
    "form",
    { novalidate: true },
    collar,
    password,
    h("div", { class: "actions" }, submit, offline),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const errors = [];
    if (!collar.control.value.trim())
      errors.push({ id: "collar-number", message: "Enter your collar or warrant number" });
    if (!password.control.value) errors.push({ id: "password", message: "Enter your password" });
    if (errors.length) return errorsShow(form, errors);
    errorsClear(form);
    try {
      await whileBusy(submit, "Signing in…", () =>
        onSignIn(collar.control.value.trim().toUpperCase(), password.control.value),
      );
    } catch (error) {
      const { message, field: fieldId } = errorFor(error);
      password.control.value = "";
      errorsShow(form, [{ id: fieldId || "password", message }]);
    }
  });
  return {
    title: "Sign in",
    body: [
      heading("Sign in"),
      notice || null,
      offline
        ? h(
            "p",
            {},
            "Entries you write without signing in are kept, encrypted, and sent after you sign in.",
          )
        : null,
      form,
    ],
    focus: knownOfficer ? password.control : collar.control,
  };
}
