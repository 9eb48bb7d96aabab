// A signature drawn with a finger, pen or mouse on a <canvas>, through pointer events (one
// code path for all three), and turned into PNG bytes for hashing and sealing.

import { h } from "./dom.js";

const WIDTH = 600;
const HEIGHT = 200;

export function signaturePad({ id, label, hint }) {
  const canvas = h("canvas", {
    id,
    class: "signature",
    width: String(WIDTH),
    height: String(HEIGHT),
    role: "img",
    tabindex: "-1",
    "aria-label": `${label}: draw with a finger, pen or mouse`,
    "aria-describedby": hint ? `${id}-hint` : null,
  });
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.lineWidth = 3;
  context.lineCap = "round";
  context.lineJoin = "round";
  context.strokeStyle = "#0b0c0c";
  let strokes = 0;
  let last = null;
  let activePointer = null;

  const at = (event) => {
    const box = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) / box.width) * WIDTH,
      y: ((event.clientY - box.top) / box.height) * HEIGHT,
    };
  };
  canvas.addEventListener("pointerdown", (event) => {
    if (activePointer !== null) return;
    event.preventDefault();
    activePointer = event.pointerId;
    canvas.setPointerCapture(event.pointerId);
    last = at(event);
    context.beginPath();
    context.arc(last.x, last.y, 1.5, 0, Math.PI * 2);
    context.fillStyle = "#0b0c0c";
    context.fill();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (event.pointerId !== activePointer) return;
    event.preventDefault();
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
    for (const point of events.length ? events : [event]) {
      const next = at(point);
      context.beginPath();
      context.moveTo(last.x, last.y);
      context.lineTo(next.x, next.y);
      context.stroke();
      last = next;
    }
  });
  const end = (event) => {
    if (event.pointerId !== activePointer) return;
    activePointer = null;
    strokes += 1;
    status.textContent = "Signed. Clear it to sign again.";
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  const status = h("p", { class: "hint", id: `${id}-status`, "aria-live": "polite" }, "Not signed yet.");
  const clear = h(
    "button",
    {
      type: "button",
      class: "secondary small",
      id: `${id}-clear`,
      onclick: () => {
        context.fillStyle = "#fff";
        context.fillRect(0, 0, WIDTH, HEIGHT);
        strokes = 0;
        status.textContent = "Cleared. Not signed yet.";
      },
    },
    "Clear signature",
  );
  const wrapper = h(
    "div",
    { class: "field", id: `${id}-field` },
    h("p", { class: "label", id: `${id}-label` }, label),
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
    h("div", { class: "signature-box" }, canvas),
    status,
    clear,
  );
  wrapper.control = canvas;
  wrapper.isSigned = () => strokes > 0;
  // The drawing as PNG bytes.
  wrapper.png = () =>
    new Promise((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? blob.arrayBuffer().then((b) => resolve(new Uint8Array(b))) : reject(new Error("no PNG"))),
        "image/png",
      ),
    );
  return wrapper;
}
