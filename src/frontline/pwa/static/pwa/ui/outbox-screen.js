// Screen: the outbox (waiting, and refused with the server's reason) and this device's details.

import { KIND_LABELS } from "../notebook.js";
import { clockTime, dayLabel } from "../time.js";
import { h, heading, hidden } from "./dom.js";

export function outboxScreen({
  items,
  blobsWaiting = 0,
  othersWaiting,
  device,
  status,
  persisted,
  signedIn,
  notice,
  actions,
}) {
  const pending = items.filter((item) => item.status === "pending");
  const failed = items.filter((item) => item.status === "failed");
  return {
    title: "Outbox",
    body: [
      heading("Outbox"),
      notice || null,
      h(
        "p",
        {},
        "Entries, records and photos wait here, encrypted, until the server has them. Nothing is lost when you are offline.",
      ),
      h("h2", { id: "pending-title" }, `Waiting to send (${pending.length})`),
      pending.length
        ? h(
            "ul",
            { class: "outbox-list", id: "pending-list", "aria-labelledby": "pending-title" },
            pending.map((item) => outboxItem(item)),
          )
        : h("p", { id: "pending-list" }, "Nothing is waiting."),
      blobsWaiting
        ? h(
            "p",
            { id: "blobs-waiting" },
            `${blobsWaiting} photo${blobsWaiting === 1 ? "" : "s"} or signature${blobsWaiting === 1 ? "" : "s"} waiting to upload.`,
          )
        : null,
      h("h2", { id: "failed-title" }, `Not accepted (${failed.length})`),
      failed.length
        ? [
            h(
              "p",
              {},
              "The server refused these. Read the reason; if it can be put right (for example the entry " +
                "they correct is sent first), try again.",
            ),
            h(
              "ul",
              { class: "outbox-list", id: "failed-list", "aria-labelledby": "failed-title" },
              failed.map((item) => outboxItem(item, actions.retry, actions.correct)),
            ),
            h(
              "p",
              {},
              h(
                "button",
                { type: "button", class: "secondary", onclick: actions.retryAll },
                "Try all again",
              ),
            ),
          ]
        : h("p", { id: "failed-list" }, "Nothing has been refused."),
      othersWaiting
        ? h(
            "p",
            { class: "notice" },
            `${othersWaiting} entries by another officer wait for them to sign in on this device.`,
          )
        : null,
      h("h2", {}, "This device"),
      h(
        "dl",
        { class: "summary-list" },
        h("dt", {}, "Device ID"),
        h("dd", { id: "device-id" }, device.device_id),
        h("dt", {}, "Enrolled"),
        h("dd", {}, `${dayLabel(device.enrolled_at)} at ${clockTime(device.enrolled_at)}`),
        h("dt", {}, "App version"),
        h("dd", {}, document.documentElement.dataset.appVersion || ""),
        h("dt", {}, "Storage"),
        h(
          "dd",
          {},
          persisted
            ? "Kept: the browser will not clear it to save space"
            : "The browser may clear it if the device runs short of space: send your entries often",
        ),
        h("dt", {}, "Last sync"),
        h(
          "dd",
          {},
          status.lastSync
            ? `${dayLabel(status.lastSync)} at ${clockTime(status.lastSync)}`
            : "Not yet",
        ),
      ),
      h(
        "div",
        { class: "actions" },
        signedIn
          ? h("button", { type: "button", id: "send-now", onclick: actions.syncNow }, "Send now")
          : h(
              "button",
              { type: "button", id: "sign-in-now", onclick: actions.signIn },
              "Sign in to send",
            ),
        h("button", { type: "button", class: "secondary", onclick: actions.lock }, "Lock the app"),
        signedIn
          ? h(
              "button",
              { type: "button", class: "secondary", onclick: actions.signOut },
              "Sign out",
            )
          : null,
      ),
    ],
    focus: notice || null,
  };
}

// What an outbox item is, in words, whatever its type.
const TYPE_WORDS = {
  "stopsearch.record": (p) => [`Stop and search ${p.urn}`, `${p.type}, ${p.street_name}`, p.occurred_at],
  "statement.mg11": (p) => [`Statement of ${p.witness_name}`, `URN ${p.urn}`, p.signed_at],
  "evidence.item": (p) => [`Photo ${p.filename || ""}`.trim(), p.description || "", p.captured_at],
  "incident.report": (p) => [`Incident report (${p.category})`, p.address || "", p.occurred_from],
  "incident.submit": () => ["Incident report submitted for review", "", null],
  "checks.offline_check": (p) => [
    `${p.kind === "vehicle" ? "Vehicle" : "Person"} check against the briefing pack`,
    `${Object.values(p.query).join(", ")} (${p.result_count} result${p.result_count === 1 ? "" : "s"})`,
    p.checked_at,
  ],
  "briefing.read": (p) => ["Briefing read", "", p.read_at],
  "task.update": (p) => ["Task update", p.note || "", null],
};
const CORRECTABLE = new Set([
  "stopsearch.record",
  "statement.mg11",
  "incident.report",
  "incident.submit",
  "task.update",
]);

function outboxItem(item, retry, correct) {
  const payload = item.payload;
  const words = TYPE_WORDS[item.type];
  const [title, detail, at] = words
    ? words(payload)
    : [`${KIND_LABELS[payload.kind] || payload.kind}`, payload.text, payload.occurred_at];
  const time = at ? clockTime(at) : "";
  return h(
    "li",
    { class: "outbox-item", "data-mutation-id": item.mutation_id, "data-type": item.type },
    h("p", {}, h("strong", {}, time ? `${title} at ${time}` : title)),
    detail ? h("p", {}, excerpt(detail)) : null,
    item.error
      ? h(
          "p",
          { class: "reason" },
          `Reason: ${item.error.message}${item.error.field ? ` (${item.error.field})` : ""}`,
        )
      : null,
    retry && correct && CORRECTABLE.has(item.type)
      ? h(
          "button",
          { type: "button", class: "small", onclick: () => correct(item) },
          "Correct",
          hidden(` ${title}`),
        )
      : null,
    retry
      ? h(
          "button",
          { type: "button", class: "small secondary", onclick: () => retry(item) },
          "Try again",
          hidden(` to send ${title} at ${time}`),
        )
      : null,
  );
}

function excerpt(text) {
  // Cut between what a reader sees as characters (graphemes: an emoji with its joiners and
  // modifiers, a letter with its accents), never inside one. Where the browser cannot
  // segment text, between code points: a joined emoji may then lose a part, but no half of a
  // UTF-16 pair is ever shown.
  const characters = graphemes(String(text || ""));
  return characters.length > 140 ? `${characters.slice(0, 140).join("")}…` : characters.join("");
}

function graphemes(text) {
  if (typeof Intl === "undefined" || typeof Intl.Segmenter !== "function") return Array.from(text);
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(segmenter.segment(text), (part) => part.segment);
}
