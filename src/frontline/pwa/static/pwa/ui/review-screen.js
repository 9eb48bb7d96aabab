// Screens for supervisors: the review queue of their team's submitted reports, and one report
// to return (with comments) or approve. Online only: a decision goes straight to the server.

import { clockTime, dayLabel } from "../time.js";
import { h, heading, hidden } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";
import { categoryLabel } from "./incident-screen.js";

export function reviewQueueScreen({ items, form, notice, actions }) {
  return {
    title: "Review queue",
    body: [
      heading("Review queue"),
      notice || null,
      items.length
        ? h(
            "ul",
            { class: "record-list", id: "review-list" },
            items.map((item) =>
              h(
                "li",
                { class: "record-item", "data-record-id": item.id },
                h("p", {}, h("strong", {}, categoryLabel(form, item.category)), ` · ${item.author_collar_number}`),
                h("p", {}, `${item.status === "resubmitted" ? "Resubmitted" : "Submitted"} ${when(item.submitted_at)}`),
                h(
                  "button",
                  { type: "button", class: "secondary small", onclick: () => actions.open(item) },
                  "Review",
                  hidden(` the ${categoryLabel(form, item.category)} report by ${item.author_collar_number}`),
                ),
              ),
            ),
          )
        : h("p", { id: "review-list" }, "Nothing waits for your review."),
      h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", onclick: actions.back }, "Back to records")),
    ],
    focus: notice || null,
  };
}

export function reviewScreen({ report, form, actions }) {
  const content = report.content;
  const comments = field({
    id: "review-comments-text",
    label: "Comments",
    hint: "Needed to return the report: say what to change.",
    textarea: true,
    rows: "4",
    maxlength: "4000",
  });
  const giveBack = h("button", { type: "button", class: "warning", id: "review-return" }, "Return to the officer");
  const approve = h("button", { type: "button", id: "review-approve" }, "Approve");
  const decision = h("form", { novalidate: true, id: "review-form" }, comments, h("div", { class: "actions" }, approve, giveBack));
  decision.addEventListener("submit", (event) => event.preventDefault());
  const decide = async (button, kind) => {
    const text = comments.control.value.trim();
    if (kind === "return" && !text) return errorsShow(decision, [{ id: "review-comments-text", message: "Say what the officer should change" }]);
    errorsClear(decision);
    try {
      await whileBusy(button, "Sending…", () => actions.decide(kind, text));
    } catch (error) {
      errorsShow(decision, [{ id: null, message: error.message || "The decision could not be sent" }]);
    }
  };
  giveBack.addEventListener("click", () => decide(giveBack, "return"));
  approve.addEventListener("click", () => decide(approve, "approve"));
  const rows = [
    ["Officer", report.author_collar_number],
    ["What happened", categoryLabel(form, content.category)],
    ["When", content.occurred_from ? `${dayLabel(content.occurred_from)} at ${clockTime(content.occurred_from)}` : ""],
    ["Where", content.address],
    ["Account", content.narrative],
    ["People", (content.persons || []).map((p) => `${p.name || "Unnamed"} (${p.roles.join(", ")})`).join("; ")],
  ];
  return {
    title: "Review a report",
    body: [
      heading("Review a report"),
      h("dl", { class: "summary-list", id: "review-report" }, rows.filter(([, v]) => v).map(([label, value]) => [h("dt", {}, label), h("dd", { class: "statement-text" }, value)])),
      decision,
      h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", onclick: actions.back }, "Back to the queue")),
    ],
  };
}

function when(value) {
  return value ? `${dayLabel(value)} ${clockTime(value)}` : "";
}
