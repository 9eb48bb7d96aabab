// Times are shown and typed in Europe/London, whatever the device's own zone, and sent as
// ISO 8601 with the UTC offset, which the server requires.

const ZONE = "Europe/London";
const offsetFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  timeZoneName: "longOffset",
});
const clockFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  hour: "2-digit",
  minute: "2-digit",
});
const dayFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

// "2026-03-03T14:02:00+00:00" for a moment.
export function isoWithOffset(date) {
  const offset = offsetMinutes(date);
  const shifted = new Date(Math.floor(date.getTime() / 1000) * 1000 + offset * 60000);
  const sign = offset < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${shifted.toISOString().slice(0, 19)}${sign}${hours}:${minutes}`;
}

// The value for an <input type="datetime-local">: "2026-03-03T14:02".
export function wallClock(date) {
  const parts = Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

// The moment a datetime-local value names in London (null when it is not a valid value).
export function fromWallClock(value) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const asUtc = Date.parse(`${value}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  let moment = asUtc - offsetMinutes(new Date(asUtc)) * 60000;
  const corrected = asUtc - offsetMinutes(new Date(moment)) * 60000; // across a clock change
  if (corrected !== moment) moment = corrected;
  return new Date(moment);
}

// "14:02"
export function clockTime(value) {
  return clockFormat.format(new Date(value));
}

// "Tuesday 3 March 2026"
export function dayLabel(value) {
  return dayFormat.format(new Date(value));
}

// "2026-03-03": which London day a moment falls on.
export function dayKey(value) {
  return wallClock(new Date(value)).slice(0, 10);
}

function offsetMinutes(date) {
  const name = offsetFormat.formatToParts(date).find((part) => part.type === "timeZoneName").value;
  const match = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] || 0));
}
