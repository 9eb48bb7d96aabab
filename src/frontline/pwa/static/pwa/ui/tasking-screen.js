// Screens: briefings and tasks. The list marks unread briefings and tasks waiting to be sent or
// needing a decision (in words, not colour alone); a briefing opened is read (a receipt is
// queued once); a task's status and note are updated offline; a conflict shows both versions.

import { clockTime, dayLabel } from "../time.js";
import { radioGroup, radioValue } from "./controls.js";
import { h, heading, hidden } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";

const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

export function taskingScreen({ briefings, tasks, statuses, notice, actions }) {
  const unread = briefings.filter((briefing) => !briefing.read).length;
  return {
    title: "Briefings and tasks",
    body: [
      heading("Briefings and tasks"),
      notice || null,
      h("h2", { id: "briefings-title" }, `Briefings (${briefings.length}${unread ? `, ${unread} unread` : ""})`),
      briefings.length
        ? h(
            "ul",
            { class: "record-list", id: "briefing-list", "aria-labelledby": "briefings-title" },
            briefings.map((briefing) =>
              h(
                "li",
                { class: briefing.read ? "record-item" : "record-item unread", "data-record-id": briefing.id },
                h(
                  "p",
                  { class: "entry-meta" },
                  briefing.read ? h("span", { class: "tag" }, "Read") : h("span", { class: "tag tag-new" }, "New: not read"),
                ),
                h("p", {}, h("strong", {}, briefing.title)),
                h("p", { class: "hint" }, `Until ${when(briefing.valid_to)}`),
                h(
                  "div",
                  { class: "entry-actions" },
                  h("button", { type: "button", class: "secondary small", onclick: () => actions.briefing(briefing) }, "Read", hidden(` ${briefing.title}`)),
                ),
              ),
            ),
          )
        : h("p", { id: "briefing-list" }, "No briefings in force for you. They arrive when the app syncs."),
      h("h2", { id: "tasks-title" }, `Tasks (${tasks.length})`),
      tasks.length
        ? h(
            "ul",
            { class: "record-list", id: "task-list", "aria-labelledby": "tasks-title" },
            tasks.map((task) =>
              h(
                "li",
                { class: "record-item", "data-record-id": task.id },
                h("p", {}, h("strong", {}, task.server.title)),
                h(
                  "p",
                  { class: "entry-meta" },
                  h("span", { class: "tag", id: `task-status-${task.id}` }, statusLabel(statuses, task.payload.status)),
                  task.server.team_id && !task.server.officer_id ? h("span", { class: "tag" }, "Team task") : null,
                  task.conflict ? h("span", { class: "tag tag-failed" }, "Changed elsewhere: choose a version") : null,
                  !task.conflict && task.refused ? h("span", { class: "tag tag-failed" }, "Not accepted: see Outbox") : null,
                  task.pending ? h("span", { class: "tag tag-pending" }, "Not sent yet") : null,
                ),
                task.server.due_at ? h("p", { class: "hint" }, `Due ${when(task.server.due_at)}`) : null,
                h(
                  "div",
                  { class: "entry-actions" },
                  h("button", { type: "button", class: "secondary small", onclick: () => actions.task(task) }, "Update", hidden(` ${task.server.title}`)),
                ),
              ),
            ),
          )
        : h("p", { id: "task-list" }, "No tasks for you or your team."),
    ],
    focus: notice || null,
  };
}

export function briefingScreen({ briefing, notice, onBack }) {
  return {
    title: briefing.title,
    body: [
      heading(briefing.title),
      notice || null,
      h("p", { class: "hint" }, `In force from ${when(briefing.valid_from)} until ${when(briefing.valid_to)}.`),
      h("div", { class: "inset" }, h("p", { id: "briefing-text", class: "statement-text" }, briefing.text)),
      briefing.images && briefing.images.length
        ? h("p", { class: "hint" }, `${briefing.images.length} image${briefing.images.length === 1 ? "" : "s"} with this briefing: see them in the back office.`)
        : null,
      h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", onclick: onBack }, "Back to briefings and tasks")),
    ],
  };
}

export function taskScreen({ task, statuses, notice, actions }) {
  const server = task.server;
  return {
    title: server.title,
    body: [
      heading(server.title),
      notice || null,
      h(
        "p",
        { class: "entry-meta" },
        h("span", { class: "tag", id: "task-status" }, statusLabel(statuses, task.payload.status)),
        task.pending ? h("span", { class: "tag tag-pending" }, "Not sent yet") : null,
      ),
      server.details ? h("div", { class: "inset" }, h("p", { class: "statement-text" }, server.details)) : null,
      server.due_at ? h("p", {}, `Due ${when(server.due_at)}.`) : null,
      task.conflict ? conflictPanel(task, statuses, actions) : null,
      task.refused && !task.conflict
        ? h("div", { class: "error-summary", id: "task-refused" }, h("h2", {}, "The server did not accept an update"), h("p", {}, `Reason: ${task.refused.error.message}`))
        : null,
      task.conflict ? null : updateForm(task, statuses, actions),
      h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", onclick: actions.back }, "Back to briefings and tasks")),
    ],
    focus: notice || null,
  };
}

function updateForm(task, statuses, actions) {
  const status = radioGroup({ id: "task-new-status", legend: "Status", choices: statuses, value: task.payload.status });
  const note = field({ id: "task-note", label: "Note (optional)", hint: "What was done, or why it could not be.", textarea: true, rows: "3", maxlength: "1000", value: task.payload.note || "" });
  const save = h("button", { type: "submit", id: "task-save" }, "Save update");
  const form = h("form", { novalidate: true, id: "task-form" }, status, note, h("div", { class: "actions" }, save));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = radioValue(status);
    const text = note.control.value.trim();
    const errors = [];
    if (!chosen) errors.push({ id: "task-new-status", message: "Choose the task's status" });
    if (CONTROL.test(text)) errors.push({ id: "task-note", message: "The note contains invisible control characters: retype it" });
    if (chosen === task.payload.status && text === (task.payload.note || ""))
      errors.push({ id: "task-new-status", message: "Nothing has changed: choose a new status or write a note" });
    if (errors.length) return errorsShow(form, errors);
    errorsClear(form);
    await whileBusy(save, "Saving…", () => actions.save(chosen, text));
  });
  return form;
}

function conflictPanel(task, statuses, actions) {
  const theirs = task.server;
  return h(
    "div",
    { class: "conflict", id: "conflict" },
    h("h2", {}, "This task was updated elsewhere"),
    h("p", {}, "Your update started from an older version. Nothing is lost: both are below. Choose which one to keep."),
    h(
      "div",
      { class: "versions" },
      h("section", { "aria-labelledby": "mine-title" }, h("h3", { id: "mine-title" }, "Your update"), summary(statuses, task.payload, "mine")),
      h("section", { "aria-labelledby": "theirs-title" }, h("h3", { id: "theirs-title" }, `On the server (version ${theirs.version})`), summary(statuses, theirs, "theirs")),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "keep-mine", onclick: () => actions.resolve("mine") }, "Keep my update"),
      h("button", { type: "button", class: "secondary", id: "keep-theirs", onclick: () => actions.resolve("server") }, "Keep the server's version"),
    ),
  );
}

function summary(statuses, content, key) {
  return h(
    "dl",
    { class: "summary-list", id: `summary-${key}` },
    h("dt", {}, "Status"),
    h("dd", {}, statusLabel(statuses, content.status)),
    h("dt", {}, "Note"),
    h("dd", { class: "statement-text" }, content.note || "None"),
  );
}

export function statusLabel(statuses, value) {
  const found = statuses.find((status) => status.value === value);
  return found ? found.label : value;
}

function when(value) {
  return `${dayLabel(value)} ${clockTime(value)}`;
}
