// Screen: the officer's field records on this device - stop-searches and witness statements,
// with what is still waiting to be sent and the photos attached to each.

import { clockTime, dayLabel } from "../time.js";
import { h, heading, hidden } from "./dom.js";

export function recordsScreen({
  searches,
  statements,
  incidents = [],
  incidentWords = null,
  photoCounts,
  outboxByRecord,
  notice,
  actions,
}) {
  return {
    title: "Records",
    body: [
      heading("Records"),
      notice || null,
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", id: "new-stop-search", onclick: actions.newStopSearch }, "New stop and search"),
        h("button", { type: "button", id: "new-statement", onclick: actions.newStatement }, "Take a statement"),
        h("button", { type: "button", id: "new-incident", onclick: actions.newIncident }, "New incident report"),
        actions.reviewQueue
          ? h("button", { type: "button", class: "secondary", id: "review-queue", onclick: actions.reviewQueue }, "Review queue")
          : null,
      ),
      h("h2", { id: "incidents-title" }, `Incident reports (${incidents.length})`),
      incidents.length
        ? h(
            "ul",
            { class: "record-list", id: "incident-list", "aria-labelledby": "incidents-title" },
            incidents.map((record) => {
              const words = incidentWords(record);
              return h(
                "li",
                { class: "record-item", "data-record-id": record.id },
                h("p", {}, h("strong", {}, words.title), ` · ${when(record.payload.occurred_from)}`),
                h("p", {}, h("span", { class: "tag" }, words.status)),
                stateTags(record, outboxByRecord, photoCounts),
                h(
                  "div",
                  { class: "entry-actions" },
                  h(
                    "button",
                    { type: "button", class: "secondary small", onclick: () => actions.incident(record) },
                    "Open",
                    hidden(` the ${words.title} report`),
                  ),
                ),
              );
            }),
          )
        : h("p", { id: "incident-list" }, "No incident reports on this device."),
      h("h2", { id: "searches-title" }, `Stop and search (${searches.length})`),
      searches.length
        ? h(
            "ul",
            { class: "record-list", id: "search-list", "aria-labelledby": "searches-title" },
            searches.map((record) =>
              h(
                "li",
                { class: "record-item", "data-record-id": record.id },
                h("p", {}, h("strong", {}, record.payload.urn), ` · ${when(record.payload.occurred_at)}`),
                h("p", {}, `${record.payload.type}, ${record.payload.street_name}`),
                stateTags(record, outboxByRecord, photoCounts),
                h(
                  "div",
                  { class: "entry-actions" },
                  record.local && record.local.receipt
                    ? h(
                        "button",
                        { type: "button", class: "secondary small", onclick: () => actions.receipt(record) },
                        "Receipt",
                        hidden(` for ${record.payload.urn}`),
                      )
                    : null,
                  h(
                    "button",
                    { type: "button", class: "secondary small", onclick: () => actions.photo(record) },
                    "Add photo",
                    hidden(` to ${record.payload.urn}`),
                  ),
                ),
              ),
            ),
          )
        : h("p", { id: "search-list" }, "No stop-searches on this device."),
      h("h2", { id: "statements-title" }, `Witness statements (${statements.length})`),
      statements.length
        ? h(
            "ul",
            { class: "record-list", id: "statement-list", "aria-labelledby": "statements-title" },
            statements.map((record) =>
              h(
                "li",
                { class: "record-item", "data-record-id": record.id },
                h("p", {}, h("strong", {}, record.payload.witness_name), ` · URN ${record.payload.urn}`),
                h("p", {}, `Signed ${when(record.payload.signed_at)}`),
                stateTags(record, outboxByRecord, photoCounts),
                h(
                  "div",
                  { class: "entry-actions" },
                  h(
                    "button",
                    { type: "button", class: "secondary small", onclick: () => actions.statement(record) },
                    "View",
                    hidden(` the statement of ${record.payload.witness_name}`),
                  ),
                  h(
                    "button",
                    { type: "button", class: "secondary small", onclick: () => actions.photo(record) },
                    "Add photo",
                    hidden(` to the statement of ${record.payload.witness_name}`),
                  ),
                ),
              ),
            ),
          )
        : h("p", { id: "statement-list" }, "No statements on this device."),
    ],
    focus: notice || null,
  };
}

export function stateTags(record, outboxByRecord, photoCounts) {
  const state = outboxByRecord.get(record.id);
  const photos = photoCounts.get(record.id) || 0;
  return h(
    "p",
    { class: "entry-meta" },
    state === "pending" ? h("span", { class: "tag tag-pending" }, "Not sent yet") : null,
    state === "failed" ? h("span", { class: "tag tag-failed" }, "Not accepted: see Outbox") : null,
    !state ? h("span", { class: "tag" }, "Sent") : null,
    photos ? h("span", { class: "tag" }, `${photos} photo${photos === 1 ? "" : "s"}`) : null,
  );
}

function when(value) {
  return value ? `${dayLabel(value)} ${clockTime(value)}` : "";
}
