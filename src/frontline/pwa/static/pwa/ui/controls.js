// Form controls beyond text fields: selects, radio groups and yes/no questions, GOV.UK style.
// Each returns a wrapper with class "field" and an id the error summary can link to.

import { h } from "./dom.js";

// A labelled <select>; `choices` are strings or { value, label }. The first option is blank.
export function selectField({ id, label, hint, choices, value = "", blank = "Choose", ...attrs }) {
  const hintId = hint ? `${id}-hint` : null;
  const control = h(
    "select",
    { id, name: id, "aria-describedby": hintId, ...attrs },
    h("option", { value: "" }, blank),
    choices.map((choice) => {
      const option = typeof choice === "string" ? { value: choice, label: choice } : choice;
      return h("option", { value: option.value, selected: option.value === value }, option.label);
    }),
  );
  const wrapper = h(
    "div",
    { class: "field", id: `${id}-field` },
    h("label", { for: id }, label),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    control,
  );
  wrapper.control = control;
  return wrapper;
}

// A group of radio buttons in a fieldset. The group's focus target (for error links) is the
// first radio, which carries the group's id; the value is read with radioValue(wrapper).
export function radioGroup({ id, legend, hint, choices, value = null, inline = false }) {
  const hintId = hint ? `${id}-hint` : null;
  const radios = choices.map((choice, index) => {
    const option = typeof choice === "string" ? { value: choice, label: choice } : choice;
    const radioId = index === 0 ? id : `${id}-${index}`;
    return h(
      "div",
      { class: "radio" },
      h("input", {
        type: "radio",
        id: radioId,
        name: id,
        value: option.value,
        checked: option.value === value,
      }),
      h("label", { for: radioId }, option.label),
    );
  });
  const wrapper = h(
    "div",
    { class: "field", id: `${id}-field` },
    h(
      "fieldset",
      { "aria-describedby": hintId },
      h("legend", {}, legend),
      hint ? h("p", { class: "hint", id: hintId }, hint) : null,
      h("div", { class: inline ? "radios inline" : "radios" }, radios),
    ),
  );
  wrapper.control = wrapper.querySelector("input");
  return wrapper;
}

export function radioValue(wrapper) {
  const checked = wrapper.querySelector("input[type=radio]:checked");
  return checked ? checked.value : null;
}

// Yes / No / (optionally) a third answer, as true / false / null.
export function yesNo({ id, legend, hint, value, third = null }) {
  const choices = [
    { value: "yes", label: "Yes" },
    { value: "no", label: "No" },
  ];
  if (third) choices.push({ value: "unknown", label: third });
  const current = value === true ? "yes" : value === false ? "no" : null;
  const group = radioGroup({ id, legend, hint, choices, value: current, inline: true });
  group.answer = () => {
    const chosen = radioValue(group);
    return chosen === "yes" ? true : chosen === "no" ? false : null;
  };
  return group;
}

// A single checkbox with its label beside it.
export function checkbox({ id, label, hint, checked = false }) {
  const hintId = hint ? `${id}-hint` : null;
  const control = h("input", { type: "checkbox", id, name: id, checked, "aria-describedby": hintId });
  const wrapper = h(
    "div",
    { class: "field checkbox", id: `${id}-field` },
    h("div", { class: "radio" }, control, h("label", { for: id }, label)),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
  );
  wrapper.control = control;
  return wrapper;
}
