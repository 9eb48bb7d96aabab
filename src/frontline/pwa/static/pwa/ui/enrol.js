// Screen: enrol this device with the one-time code from the back office, typed or scanned.

import { h, heading } from "./dom.js";
import { errorsShow, errorsClear, field, whileBusy } from "./forms.js";
import { qrScan, scannerSupported } from "./scanner.js";

const CODE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{12}$/;

// onEnrol(code) enrols or throws; errorFor(error) turns a failure into words.
export function enrolScreen({ onEnrol, errorFor, notice }) {
  const code = field({
    id: "enrol-code",
    label: "Enrolment code",
    hint: "12 letters and numbers, from the fleet team or the back office. Spaces do not matter.",
    class: "code",
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: "20",
  });
  const submit = h("button", { type: "submit" }, "Enrol this device");
  const scanArea = h("div", { hidden: true });
  const form = h(
    "form",
    { novalidate: true },
    code,
    scanArea,
    h("div", { class: "actions" }, submit),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = code.control.value.toUpperCase().replace(/[^A-Z0-9]/g, "");
    if (!CODE.test(value)) {
      errorsShow(form, [
        {
          id: "enrol-code",
          message: "Enter the 12-character enrolment code, for example ABCD EFGH JK23",
        },
      ]);
      return;
    }
    errorsClear(form);
    try {
      await whileBusy(submit, "Enrolling…", () => onEnrol(value));
    } catch (error) {
      errorsShow(form, [{ id: "enrol-code", message: errorFor(error) }]);
    }
  });
  scannerOffer(scanArea, code.control, form);
  return {
    title: "Set up this device",
    body: [
      heading("Set up this device"),
      notice || null,
      h(
        "p",
        { class: "lead" },
        "Enter the enrolment code you were given. Each code works once, for 30 minutes.",
      ),
      form,
    ],
  };
}

// Offer "Scan the QR code" only where the browser can scan.
async function scannerOffer(area, input, form) {
  if (!(await scannerSupported())) return;
  const video = h("video", {
    class: "scanner",
    muted: true,
    playsinline: true,
    "aria-label": "Camera view",
  });
  const button = h("button", { type: "button", class: "secondary" }, "Scan the QR code");
  const stop = h("button", { type: "button", class: "secondary", hidden: true }, "Stop scanning");
  let controller = null;
  button.addEventListener("click", async () => {
    controller = new AbortController();
    video.hidden = false;
    stop.hidden = false;
    button.hidden = true;
    try {
      const text = await qrScan(video, controller.signal);
      if (text) {
        input.value = text;
        form.requestSubmit();
      }
    } catch {
      errorsShow(form, [
        { id: "enrol-code", message: "The camera could not be used: type the code instead" },
      ]);
    } finally {
      video.hidden = true;
      stop.hidden = true;
      button.hidden = false;
    }
  });
  stop.addEventListener("click", () => controller?.abort());
  video.hidden = true;
  area.append(video, h("p", {}, button, " ", stop));
  area.hidden = false;
}
