// Screen: a signed witness statement as held on the device. Read only: signing made it final.

import { clockTime, dayLabel } from "../time.js";
import { h, heading } from "./dom.js";
import { DECLARATION } from "./statement-form.js";

export function statementViewScreen({ statement, signatureUrl, photos, sent, onBack, onPhoto }) {
  const p = statement.payload;
  const row = (label, value, id = null) =>
    value === "" || value === null || value === undefined ? null : [h("dt", {}, label), h("dd", id ? { id } : {}, String(value))];
  return {
    title: `Statement of ${p.witness_name}`,
    body: [
      heading(`Statement of ${p.witness_name}`),
      h("p", { class: "tag" }, "Signed: this statement cannot be changed"),
      h(
        "dl",
        { class: "summary-list" },
        row("Case URN", p.urn),
        row("Age", p.witness_age === null ? "Over 18" : p.witness_age),
        row("Occupation", p.occupation),
        row("Taken", `${dayLabel(p.taken_at)} at ${clockTime(p.taken_at)}, ${p.taken_place}`),
        row("Signed", `${dayLabel(p.signed_at)} at ${clockTime(p.signed_at)}`),
        row("Signature witnessed by", p.witnessed_by),
        row("Signature hash (SHA-256)", p.signature_sha256, "statement-signature-hash"),
      ),
      h("h2", {}, "Statement"),
      h("p", { class: "inset statement-text", id: "statement-text" }, p.text),
      h("p", { class: "inset declaration" }, DECLARATION),
      signatureUrl
        ? h("img", { class: "signature-image", src: signatureUrl, alt: `Signature of ${p.witness_name}` })
        : h("p", {}, "The signature image is not on this device."),
      h("p", { class: "hint" }, sent ? "The statement has reached the server." : "Saved on this device. It is sent when the device is online."),
      photos.length ? h("h2", {}, `Photos (${photos.length})`) : null,
      photos.length ? h("ul", { class: "record-list" }, photos.map((item) => h("li", {}, item.payload.filename || "Photo", item.payload.description ? `: ${item.payload.description}` : ""))) : null,
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", onclick: onBack }, "Back to records"),
        h("button", { type: "button", class: "secondary", onclick: onPhoto }, "Add a photo"),
      ),
    ],
  };
}
