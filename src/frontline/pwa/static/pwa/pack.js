// The offline briefing pack: wanted and missing persons and stolen vehicles for the officer's
// area, delivered by sync (`checks.briefing_pack`), sealed at rest like every record, never used
// past its `expires_at`, and searched on the device. A search of the pack is a check like any
// other: it is queued as a `checks.offline_check` and logged when the device next syncs.

import { uuid } from "./crypto.js";
import {
  nameSimilarity,
  nicknameIndex,
  plateNormal,
  platePatternParse,
  plateScore,
  roundHalfEven,
  tokenKeys,
  tokens,
} from "./names.js";
import {
  OFFLINE_CHECK,
  PACK,
  recordReceivedStrip,
  recordsList,
  recordWrite,
} from "./records.js";
import { dayKey } from "./time.js";

export const RESULTS_MAX = 20;
const NAME_MIN_SCORE = 0.6;
// A person search refuses what the server's `person_query_parse` refuses (checks/search.py),
// naming the same field: a check the server would not run is not run offline either.
const NAME_MAX = 100; // characters, the server's QUERY_MAX
const TOKENS_MAX = 6; // name tokens, the server's TOKENS_MAX
const BORN_EARLIEST = "1900-01-01";
const AGE_MAX = 120; // years, as the server
// The server strips the name with Python's str.strip(), which also drops \x1c-\x1f and \x85.
const EDGE_SPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g;

// What an expired pack keeps on the device: when it was issued and when it expired.
const PACK_KEPT_EXPIRED = ["id", "issued_at", "expires_at"];

// The officer's newest pack on the device, with `expired` said plainly; null when none.
// Names and plates leave the device when they stop being usable: a newer pack arrives with
// the older one's withdrawal (a delete on the feed), and an expired pack is cut down to its
// dates here, by the device's clock.
export async function packCurrent(officerId, at = Date.now()) {
  const records = await recordsList(officerId, PACK);
  if (!records.length) return null;
  const newest = records
    .map((record) => ({ id: record.id, pack: record.server || record.payload }))
    .sort((a, b) => (a.pack.issued_at < b.pack.issued_at ? 1 : -1))[0];
  const expired = at >= Date.parse(newest.pack.expires_at);
  if (!expired) return { ...newest.pack, expired };
  if (Object.keys(newest.pack).some((key) => !PACK_KEPT_EXPIRED.includes(key))) {
    await recordReceivedStrip(newest.id, PACK_KEPT_EXPIRED);
  }
  const kept = Object.fromEntries(PACK_KEPT_EXPIRED.map((key) => [key, newest.pack[key]]));
  return { ...kept, persons: [], vehicles: [], expired };
}

// Whether the device should ask the server for a fresh pack: none, or expiring within the hour.
export function packWanted(pack, at = Date.now()) {
  return !pack || Date.parse(pack.expires_at) - at < 60 * 60 * 1000;
}

// What the server would refuse in a person check, as typed on the checks screen: the rules of
// its `person_query_parse` (checks/search.py), and a year or age that is not a whole number,
// which the API refuses. [{ field, message }], the name's error first; [] when it would take
// it. Both the online check and the pack search ask this first, so a year or an age the server
// could not read is refused on its field instead of sent as no year at all.
export function personQueryErrors({ name, dateOfBirth = "", birthYear = "", age = "" }, at = Date.now()) {
  const text = String(name || "").replace(EDGE_SPACE, "");
  const born = String(dateOfBirth || "");
  const year = String(birthYear ?? "").trim();
  const years = String(age ?? "").trim();
  return [nameError(text, tokens(text)), bornError(born, year, years, dayKey(at))].filter(Boolean);
}

// Persons in the pack for a name, and a date of birth or year of birth if given.
// Returns { results } or { errors: [{ field, message }] }, the name's error first.
export function packSearchPersons(pack, { name, dateOfBirth = "", birthYear = "" }, at = Date.now()) {
  const errors = personQueryErrors({ name, dateOfBirth, birthYear }, at);
  if (errors.length) return { errors };
  const queryTokens = tokens(String(name || "").replace(EDGE_SPACE, ""));
  const born = String(dateOfBirth || "");
  const year = String(birthYear ?? "").trim();
  const nicknames = nicknameIndex(pack.nicknames);
  const queryKeys = queryTokens.filter((token) => token.length >= 2).map((token) => tokenKeys(token, nicknames));
  const need = Math.min(2, queryKeys.length);
  const results = [];
  for (const person of pack.persons || []) {
    if (born && person.date_of_birth !== born) continue;
    if (year && (!person.date_of_birth || person.date_of_birth.slice(0, 4) !== year)) continue;
    const held = new Set(person.keys || []);
    const sharing = queryKeys.filter((keys) => [...keys].some((key) => held.has(key))).length;
    if (sharing < need) continue;
    const names = [`${person.given_name} ${person.family_name}`, ...(person.aliases || [])];
    const score = Math.max(...names.map((one) => nameSimilarity(queryTokens, tokens(one), nicknames)));
    if (score < NAME_MIN_SCORE) continue;
    const boost = born ? 0.15 : year ? 0.1 : 0;
    const boosted = boost ? roundHalfEven(0.85 * score + boost, 4) : score; // as the server
    results.push({ kind: "person", id: person.id, score: boosted, record: person });
  }
  return { results: ranked(results) };
}

// Vehicles in the pack for a registration or pattern, normalised as the server does.
export function packSearchVehicles(pack, { registration }) {
  const pattern = platePatternParse(registration);
  if (pattern.error) return { errors: [{ field: "registration", message: pattern.error }] };
  const results = (pack.vehicles || [])
    .filter((vehicle) => pattern.regex.test(vehicle.plate_folded))
    .map((vehicle) => ({
      kind: "vehicle",
      id: vehicle.id,
      score: plateScore(pattern, plateNormal(vehicle.registration)),
      record: vehicle,
    }));
  return { results: ranked(results), query: pattern.text };
}

// Queue the record of a check made against the pack, sealed with its outbox mutation. The
// results are shown in full on the device, so every result shown counts as opened.
export async function packCheckRecord({ officer, pack, kind, query, reason, reasonText, results }) {
  const payload = {
    pack_id: pack.id,
    kind,
    query,
    reason,
    reason_text: reasonText || "",
    result_count: results.length,
    opened: results.slice(0, 50).map((result) => result.id),
    checked_at: new Date().toISOString(),
  };
  return recordWrite({ officer, type: OFFLINE_CHECK, id: uuid(), payload });
}

// The server's rules for the name, in its order; the first one broken is the one reported.
function nameError(text, queryTokens) {
  let message = null;
  if (!text) message = "Enter a name";
  else if ([...text].length > NAME_MAX) message = `A name has at most ${NAME_MAX} characters`; // as Python's len
  else if (!queryTokens.some((token) => token.length >= 2)) message = "Enter at least two letters of a name";
  else if (queryTokens.length > TOKENS_MAX) message = `Enter at most ${TOKENS_MAX} names`;
  return message && { field: "name", message };
}

// The server's rules for a date of birth, a year of birth or an age: one of them at most, a
// date on the calendar from 1900 to today, a year of four digits from 1900 to this year, an age
// of whole years from 0 to 120. `today` is the London day ("2026-03-03"), as every date the app
// shows or takes (time.js) and as the server counts it.
function bornError(born, year, age, today) {
  const wrong = (field, message) => ({ field, message });
  const given = [born, year, age].filter(Boolean).length;
  if (given > 1 && age) return wrong("date_of_birth", "Enter a date of birth, a year of birth or an age, not more than one");
  if (given > 1) return wrong("date_of_birth", "Enter a date of birth or a year of birth, not both");
  if (born && !calendarDate(born)) return wrong("date_of_birth", "Enter the date of birth as a real date");
  if (born && (born < BORN_EARLIEST || born > today))
    return wrong("date_of_birth", "The date of birth must be from 1 January 1900 to today");
  if (year && !/^\d{4}$/.test(year)) return wrong("birth_year", "Enter the year of birth as four digits");
  const latest = Number(today.slice(0, 4));
  if (year && (Number(year) < 1900 || Number(year) > latest))
    return wrong("birth_year", `The year of birth must be from 1900 to ${latest}`);
  if (age && !/^\d+$/.test(age)) return wrong("age", "Enter the age as a whole number of years");
  if (age && Number(age) > AGE_MAX) return wrong("age", `The age must be from 0 to ${AGE_MAX}`);
  return null;
}

// "YYYY-MM-DD" naming a day on the calendar: not 2025-02-29, which Date.parse rolls on to 1 March.
function calendarDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] || 0;
  return day >= 1 && day <= days;
}

function ranked(results) {
  // Best first; among results as good as each other, those with warnings first (as the server).
  return results
    .map((result) => ({ ...result, warnings: result.record.warnings || [], alert: Boolean((result.record.warnings || []).length) }))
    .sort(
      (a, b) =>
        roundHalfEven(b.score, 2) - roundHalfEven(a.score, 2) ||
        Number(b.alert) - Number(a.alert) ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, RESULTS_MAX);
}
