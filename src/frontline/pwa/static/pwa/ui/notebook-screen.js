// Screen: the pocket notebook - today's entries, earlier days folded away, and the actions.

import { KIND_LABELS } from "../notebook.js";
import { clockTime, dayKey, dayLabel } from "../time.js";
import { h, heading, hidden } from "./dom.js";

const CAN_BE_SUPERSEDED = new Set(["entry", "correction", "supplement"]);

export function notebookScreen({
  officer,
  entries,
  outboxRows,
  notice,
  onNew,
  onCorrect,
  onSupplement,
  onSignOff,
  onPhoto,
}) {
  const outboxByRecord = new Map(outboxRows.map((row) => [row.record_id, row.status]));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const laterOnes = new Map(); // id -> the corrections and supplements that name it
  for (const entry of entries) {
    if (entry.supersedes)
      laterOnes.set(entry.supersedes, [...(laterOnes.get(entry.supersedes) || []), entry]);
  }
  const item = (entry) =>
    entryItem(entry, { officer, byId, laterOnes, outboxByRecord, onCorrect, onSupplement, onPhoto });

  const today = dayKey(new Date());
  const todays = entries.filter((entry) => dayKey(entry.occurred_at) === today);
  const earlierDays = groupByDay(entries.filter((entry) => dayKey(entry.occurred_at) !== today));

  return {
    title: "Pocket notebook",
    body: [
      heading("Pocket notebook"),
      notice || null,
      h("h2", { id: "today-title" }, `Today, ${dayLabel(new Date())}`),
      todays.length
        ? h(
            "ol",
            { class: "day", id: "today-entries", "aria-labelledby": "today-title" },
            todays.map(item),
          )
        : h("p", { id: "today-entries" }, "No entries today."),
      earlierDays.length
        ? h(
            "details",
            {},
            h("summary", {}, `Earlier entries (${entries.length - todays.length})`),
            earlierDays.map(([day, list]) => [
              h("h2", {}, dayLabel(list[0].occurred_at)),
              h("ol", { class: "day", "data-day": day }, list.map(item)),
            ]),
          )
        : null,
      h(
        "div",
        { class: "actions dock" },
        h("button", { type: "button", id: "new-entry", onclick: onNew }, "New entry"),
        h(
          "button",
          { type: "button", class: "secondary", id: "sign-off", onclick: onSignOff },
          "Sign off",
        ),
      ),
    ],
    focus: notice || null,
  };
}

function entryItem(
  entry,
  { officer, byId, laterOnes, outboxByRecord, onCorrect, onSupplement, onPhoto },
) {
  const time = clockTime(entry.occurred_at);
  const state = outboxByRecord.get(entry.id);
  const original = entry.supersedes ? byId.get(entry.supersedes) : null;
  const later = laterOnes.get(entry.id) || [];
  const byOther =
    entry.author_collar_number && entry.author_collar_number !== officer.collar_number;
  return h(
    "li",
    { class: `entry entry-${entry.kind}`, id: `entry-${entry.id}`, "data-entry-id": entry.id },
    h(
      "p",
      { class: "entry-meta" },
      h("time", { class: "entry-time", datetime: entry.occurred_at }, time),
      entry.kind !== "entry"
        ? h("span", { class: "tag" }, KIND_LABELS[entry.kind] || entry.kind)
        : null,
      state === "pending" ? h("span", { class: "tag tag-pending" }, "Not sent yet") : null,
      state === "failed"
        ? h("span", { class: "tag tag-failed" }, "Not accepted: see Outbox")
        : null,
      byOther ? h("span", {}, `by ${entry.author_collar_number}`) : null,
    ),
    entry.supersedes
      ? h(
          "p",
          { class: "entry-ref" },
          `${entry.kind === "correction" ? "Corrects" : "Adds to"} the entry ` +
            (original ? `at ${clockTime(original.occurred_at)}` : "written earlier"),
        )
      : null,
    h("p", { class: "entry-text" }, entry.text),
    later.length
      ? h(
          "p",
          { class: "entry-ref" },
          later
            .map(
              (next) =>
                `${next.kind === "correction" ? "Corrected" : "Added to"} at ${clockTime(next.occurred_at)}`,
            )
            .join("; "),
        )
      : null,
    CAN_BE_SUPERSEDED.has(entry.kind) && !byOther
      ? h(
          "div",
          { class: "entry-actions" },
          h(
            "button",
            { type: "button", class: "secondary small", onclick: () => onCorrect(entry) },
            "Correct",
            hidden(` the entry at ${time}`),
          ),
          h(
            "button",
            { type: "button", class: "secondary small", onclick: () => onSupplement(entry) },
            "Add to",
            hidden(` the entry at ${time}`),
          ),
          onPhoto
            ? h(
                "button",
                { type: "button", class: "secondary small", onclick: () => onPhoto(entry) },
                "Add photo",
                hidden(` to the entry at ${time}`),
              )
            : null,
        )
      : null,
  );
}

// [[day, entries]], newest day first, entries oldest first within a day.
function groupByDay(entries) {
  const days = new Map();
  for (const entry of entries) {
    const day = dayKey(entry.occurred_at);
    days.set(day, [...(days.get(day) || []), entry]);
  }
  return [...days.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1));
}
