// Screen: the stop and search receipt, shown to the person at the roadside straight after
// saving, before anything is sent. Large, plain and complete (PACE Code A 4.10A).

import { clockTime, dayLabel } from "../time.js";
import { h, heading } from "./dom.js";

export function receiptScreen({ receipt, sent, notice, onDone, onPhoto }) {
  const link = new URL(receipt.receipt_path, window.location.origin).href;
  return {
    title: "Stop and search receipt",
    body: [
      heading("Stop and search receipt"),
      notice || null,
      h(
        "div",
        { class: "receipt", id: "receipt" },
        h("p", { class: "receipt-label" }, "Reference number"),
        h("p", { class: "receipt-urn", id: "receipt-urn" }, receipt.urn),
        h(
          "dl",
          { class: "summary-list" },
          h("dt", {}, "Date and time"),
          h("dd", {}, `${dayLabel(receipt.occurred_at)} at ${clockTime(receipt.occurred_at)}`),
          h("dt", {}, "Searched by"),
          h("dd", { id: "receipt-officer" }, receipt.officer),
          h("dt", {}, "Power used"),
          h("dd", { id: "receipt-power" }, receipt.legislation),
          h("dt", {}, "Looking for"),
          h("dd", {}, receipt.object_of_search),
          h("dt", {}, "Your copy of the full record"),
          h("dd", { id: "receipt-how" }, receipt.how_to_request_record),
          h("dt", {}, "Ask for it by"),
          h(
            "dd",
            { id: "receipt-by" },
            `${dayLabel(`${receipt.request_record_by}T12:00:00Z`)} (${receipt.in_custody ? "12" : "3"} months)`,
          ),
          h("dt", {}, "Online"),
          h("dd", {}, "Once the record reaches the force this receipt is also at ", h("span", { class: "link-text" }, link)),
        ),
      ),
      h(
        "p",
        { class: "hint", id: "receipt-sync" },
        sent ? "The record has reached the server." : "Saved on this device. It is sent when the device is online.",
      ),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", id: "receipt-done", onclick: onDone }, "Done"),
        onPhoto
          ? h("button", { type: "button", class: "secondary", onclick: onPhoto }, "Add a photo")
          : null,
      ),
    ],
  };
}
