// Building the DOM without HTML strings: text always goes in as text, never as markup, and
// handlers are attached with addEventListener (no inline handlers; a strict CSP holds).

// h("button", { class: "primary", onclick: save }, "Save")
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else if (name === "value" && (tag === "input" || tag === "textarea")) {
      element.value = value;
      if (tag === "input") element.setAttribute("value", value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  appendAll(element, children);
  return element;
}

// Text that screen readers read but the eye does not see.
export function hidden(text) {
  return h("span", { class: "visually-hidden" }, text);
}

// Replace the main area with a screen, title the page, and move focus to the right place.
// `quiet` redraws in place (new data arrived): no focus jump, no scroll.
export function screenShow({ title, body, focus }, { quiet = false } = {}) {
  const main = document.getElementById("main");
  const active = document.activeElement;
  const focusedId = active && main.contains(active) ? active.id : null;
  const hadFocus = Boolean(active && main.contains(active) && active !== main);
  main.replaceChildren(...[body].flat(Infinity).filter(Boolean));
  document.title = `${title} – Frontline`;
  if (quiet) {
    if (hadFocus) {
      const again = (focusedId && document.getElementById(focusedId)) || main.querySelector("h1");
      again?.focus({ preventScroll: true });
    }
    return;
  }
  const target = focus || main.querySelector("h1");
  if (target) {
    if (!target.hasAttribute("tabindex") && !isFocusable(target))
      target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
}

// The screen heading; focusable so that focus can move to it on every screen change.
export function heading(text) {
  return h("h1", { id: "screen-title", tabindex: "-1" }, text);
}

function appendAll(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

function isFocusable(element) {
  return ["A", "BUTTON", "INPUT", "TEXTAREA", "SELECT", "SUMMARY"].includes(element.tagName);
}
