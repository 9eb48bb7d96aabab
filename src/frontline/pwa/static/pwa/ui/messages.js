// Screens and notices that only say something: the wipe, and short confirmations.

import { h, heading } from "./dom.js";

// After a revoked device deleted everything.
export function wipedScreen({ onStartAgain }) {
  return {
    title: "This device has been withdrawn",
    body: [
      heading("This device has been withdrawn"),
      h(
        "div",
        { class: "notice", id: "wiped-notice" },
        h(
          "p",
          {},
          "The fleet team has withdrawn this device from Frontline, so the app has deleted all its data " +
            "from it: your notebook, anything waiting to be sent, and your sign-in.",
        ),
        h("p", {}, "If you think this is a mistake, speak to the fleet team or your supervisor."),
      ),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", onclick: onStartAgain }, "Set up this device again"),
      ),
    ],
  };
}

// A notification at the top of a screen; it takes focus so that it is read out.
export function notice(text, { title = null, id = "screen-notice" } = {}) {
  return h(
    "div",
    { class: "notice", id, tabindex: "-1", role: "status" },
    title ? h("h2", {}, title) : null,
    h("p", {}, text),
  );
}
