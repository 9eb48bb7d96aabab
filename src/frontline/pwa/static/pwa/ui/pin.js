// Screens: choose a PIN (after the first sign-in), and unlock the app with it (works offline).

import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from "../config.js";
import { h, heading } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";

// onSet(pin) stores the PIN-wrapped key.
export function pinSetScreen({ officer, onSet }) {
  const pin = pinField(
    "pin-new",
    "PIN",
    `${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits`,
    "new-password",
  );
  const again = pinField("pin-again", "PIN again", null, "new-password");
  const submit = h("button", { type: "submit" }, "Save PIN");
  const form = h("form", { novalidate: true }, pin, again, h("div", { class: "actions" }, submit));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = pin.control.value;
    const problem = pinProblem(value);
    if (problem) return errorsShow(form, [{ id: "pin-new", message: problem }]);
    if (again.control.value !== value) {
      return errorsShow(form, [
        { id: "pin-again", message: "The two PINs are different: enter the same PIN twice" },
      ]);
    }
    errorsClear(form);
    await whileBusy(submit, "Saving…", () => onSet(value));
  });
  return {
    title: "Choose a PIN",
    body: [
      heading("Choose a PIN"),
      h(
        "p",
        { class: "lead" },
        `Signed in as ${officer.collar_number} ${officer.given_name} ${officer.family_name}.`,
      ),
      h(
        "p",
        {},
        "Your notebook is encrypted on this device. The PIN unlocks it, even without a connection. " +
          "The app locks itself after 5 minutes without use.",
      ),
      form,
    ],
  };
}

// onUnlock(pin) unlocks or throws; errorFor(error) says why in words.
export function unlockScreen({ notice, onUnlock, errorFor }) {
  const pin = pinField("pin", "PIN", null, "current-password");
  const submit = h("button", { type: "submit" }, "Unlock");
  const form = h("form", { novalidate: true }, pin, h("div", { class: "actions" }, submit));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!pin.control.value) return errorsShow(form, [{ id: "pin", message: "Enter your PIN" }]);
    errorsClear(form);
    try {
      await whileBusy(submit, "Unlocking…", () => onUnlock(pin.control.value));
    } catch (error) {
      pin.control.value = "";
      errorsShow(form, [{ id: "pin", message: errorFor(error) }]);
    }
  });
  return {
    title: "Unlock Frontline",
    body: [
      heading("Unlock Frontline"),
      notice || null,
      h("p", {}, "Enter your PIN to open your notebook."),
      form,
    ],
    focus: pin.control,
  };
}

function pinField(id, label, hint, autocomplete) {
  return field({
    id,
    label,
    hint,
    type: "password",
    inputmode: "numeric",
    pattern: "[0-9]*",
    class: "pin",
    autocomplete,
    maxlength: String(PIN_MAX_LENGTH),
  });
}

// Why a PIN is not good enough, or null.
function pinProblem(pin) {
  if (!/^[0-9]+$/.test(pin)) return "Enter digits only";
  if (pin.length < PIN_MIN_LENGTH) return `Enter at least ${PIN_MIN_LENGTH} digits`;
  if (pin.length > PIN_MAX_LENGTH) return `Enter at most ${PIN_MAX_LENGTH} digits`;
  if (/^(\d)\1+$/.test(pin)) return "Do not use the same digit throughout";
  if ("01234567890".includes(pin) || "09876543210".includes(pin))
    return "Do not use a run of digits such as 123456";
  return null;
}
