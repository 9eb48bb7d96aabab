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

export const RESULTS_MAX = 20;
const NAME_MIN_SCORE = 0.6;
const NAME_MAX = 100;

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

// Persons in the pack for a name, and a date of birth or year of birth if given.
// Returns { results } or { errors: [{ field, message }] }.
export function packSearchPersons(pack, { name, dateOfBirth = "", birthYear = "" }) {
  const errors = [];
  const text = String(name || "").trim();
  if (!text) errors.push({ field: "name", message: "Enter a name" });
  else if (text.length > NAME_MAX) errors.push({ field: "name", message: `A name has at most ${NAME_MAX} characters` });
  const queryTokens = tokens(text);
  if (text && !queryTokens.length) errors.push({ field: "name", message: "The name needs some letters" });
  if (dateOfBirth && !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth))
    errors.push({ field: "date_of_birth", message: "Enter the date of birth as a real date" });
  if (birthYear && !/^\d{4}$/.test(String(birthYear)))
    errors.push({ field: "birth_year", message: "Enter the year of birth as four digits" });
  if (errors.length) return { errors };
  const nicknames = nicknameIndex(pack.nicknames);
  const queryKeys = queryTokens.filter((token) => token.length >= 2).map((token) => tokenKeys(token, nicknames));
  const need = Math.min(2, queryKeys.length);
  const results = [];
  for (const person of pack.persons || []) {
    if (dateOfBirth && person.date_of_birth !== dateOfBirth) continue;
    if (birthYear && (!person.date_of_birth || person.date_of_birth.slice(0, 4) !== String(birthYear))) continue;
    const held = new Set(person.keys || []);
    const sharing = queryKeys.filter((keys) => [...keys].some((key) => held.has(key))).length;
    if (sharing < need) continue;
    const names = [`${person.given_name} ${person.family_name}`, ...(person.aliases || [])];
    const score = Math.max(...names.map((one) => nameSimilarity(queryTokens, tokens(one), nicknames)));
    if (score < NAME_MIN_SCORE) continue;
    const boost = dateOfBirth ? 0.15 : birthYear ? 0.1 : 0;
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
