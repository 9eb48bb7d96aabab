// Screen: attach a photo to a record - taken with the camera or chosen from the device's files.
// The bytes are hashed at once (that hash is what the chain of custody starts from).

import { h, heading } from "./dom.js";
import { errorsClear, errorsShow, field, whileBusy } from "./forms.js";

const ACCEPTED = ["image/jpeg", "image/png", "image/webp", "image/heic"];
const MAX_BYTES = 100 * 1024 * 1024;

// target: { type, id, label } - the record the photo is evidence for.
export function photoFormScreen({ target, onSave, onCancel }) {
  const fileInput = h("input", {
    type: "file",
    id: "photo-file",
    name: "photo-file",
    accept: "image/*",
    capture: "environment",
    "aria-describedby": "photo-file-hint",
  });
  const preview = h("img", { class: "photo-preview", id: "photo-preview", alt: "", hidden: true });
  const fileField = h(
    "div",
    { class: "field", id: "photo-file-field" },
    h("label", { for: "photo-file" }, "Photo"),
    h("p", { class: "hint", id: "photo-file-hint" }, "Take one with the camera, or choose a picture already on the device."),
    fileInput,
    preview,
  );
  const description = field({
    id: "photo-description",
    label: "What it shows (optional)",
    textarea: true,
    rows: "3",
    maxlength: "2000",
  });
  let previewUrl = null;
  fileInput.addEventListener("change", () => {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    const file = fileInput.files[0];
    if (!file) {
      preview.hidden = true;
      return;
    }
    previewUrl = URL.createObjectURL(file);
    preview.src = previewUrl;
    preview.alt = `Chosen photo: ${file.name}`;
    preview.hidden = false;
  });
  const save = h("button", { type: "submit" }, "Attach photo");
  const cancel = h("button", { type: "button", class: "secondary", onclick: onCancel }, "Cancel");
  const form = h("form", { novalidate: true, id: "photo-form" }, fileField, description, h("div", { class: "actions" }, save, cancel));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = fileInput.files[0];
    const errors = [];
    if (!file) errors.push({ id: "photo-file", message: "Take or choose a photo" });
    else if (!ACCEPTED.includes(file.type)) errors.push({ id: "photo-file", message: "The file must be a JPEG, PNG, WebP or HEIC picture" });
    else if (file.size > MAX_BYTES) errors.push({ id: "photo-file", message: "The photo is larger than 100 MB" });
    else if (file.size === 0) errors.push({ id: "photo-file", message: "The file is empty" });
    if (errors.length) return errorsShow(form, errors);
    errorsClear(form);
    await whileBusy(save, "Saving…", async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      await onSave({
        bytes,
        mediaType: file.type,
        // Cut by characters, not UTF-16 units: half an emoji cannot be stored or hashed.
        filename: Array.from(file.name.split(/[\\/]/).pop()).slice(0, 255).join(""),
        description: description.control.value.trim(),
      });
      if (previewUrl) URL.revokeObjectURL(previewUrl);
    });
  });
  return {
    title: "Add a photo",
    body: [heading("Add a photo"), h("p", { class: "inset", id: "photo-target" }, `For: ${target.label}`), form],
  };
}
