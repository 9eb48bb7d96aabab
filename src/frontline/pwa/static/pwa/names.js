// Names and registrations as keys, computed on the device exactly as the server computes them
// (checks/names.py and checks/plates.py), so the offline briefing pack can be searched with the
// keys the server stored for each person.
//
// Offline matching is online matching: folded name tokens (accents, case, apostrophes and
// hyphens do not matter), any order of forename and surname, sound-alikes (the server's
// Metaphone and NYSIIS keys, phonetic.js), one inserted, dropped, changed or swapped letter (the
// server's deletion keys), and nicknames (the server's table, sent with the pack).

import { metaphone, nysiis } from "./phonetic.js";

const KEY_MAX = 24;
const DELETION_MIN = 4; // as the server: shorter tokens get too many accidental neighbours
const SPECIAL = { ß: "ss", æ: "ae", Æ: "ae", ø: "o", Ø: "o", ł: "l", Ł: "l", đ: "d", œ: "oe" };

// Lower-case ASCII letters and spaces: accents and apostrophes dropped, hyphens to spaces.
export function fold(text) {
  const special = [...String(text || "")].map((ch) => SPECIAL[ch] ?? ch).join("");
  return special
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .replace(/[^a-z]+/g, " ")
    .trim();
}

// The name tokens of the given parts, in order, without repeats.
export function tokens(...parts) {
  const seen = [];
  for (const part of parts) {
    for (const token of fold(part || "").split(" ")) {
      if (token && !seen.includes(token)) seen.push(token);
    }
  }
  return seen;
}

// formal name -> [nicknames...] as the pack carries it, turned round: token -> formal names.
export function nicknameIndex(table) {
  const index = new Map();
  for (const [formal, short] of Object.entries(table || {})) {
    add(index, formal, formal);
    for (const nick of String(short).split(/\s+/).filter(Boolean)) add(index, nick, formal);
  }
  return index;
}

// Every search key of one name token, as the server's `token_keys`: Metaphone (`p`), NYSIIS
// (`n`), deletion (`d`) and nickname (`c`).
export function tokenKeys(token, nicknames) {
  if (token.length < 2) return new Set();
  const keys = new Set([`p${metaphone(token)}`, `n${nysiis(token)}`]);
  for (const variant of deletions(token)) keys.add(`d${variant}`);
  for (const formal of nicknames.get(token) || []) keys.add(`c${formal}`);
  return new Set(
    [...keys].filter((key) => key.length > 1).map((key) => key.slice(0, KEY_MAX).toLowerCase()),
  );
}

// How alike two name tokens are, 0 to 1: the same, an initial, a nickname, one slip apart.
export function tokenSimilarity(query, candidate, nicknames) {
  if (query === candidate) return 1;
  if (query.length === 1 || candidate.length === 1) return candidate[0] === query[0] ? 0.7 : 0;
  const formals = new Set(nicknames.get(query) || []);
  if ((nicknames.get(candidate) || []).some((formal) => formals.has(formal))) return 0.95;
  if (oneSlipApart(query, candidate)) return 0.85;
  return 0;
}

// How well the query tokens name a person (best match per query token, averaged).
export function nameSimilarity(queryTokens, nameTokens, nicknames) {
  if (!queryTokens.length || !nameTokens.length) return 0;
  let total = 0;
  for (const token of queryTokens) {
    const best = Math.max(...nameTokens.map((name) => tokenSimilarity(token, name, nicknames)));
    total += best >= 0.6 ? best : 0;
  }
  const unmatched = Math.max(0, nameTokens.length - queryTokens.length);
  return Math.round(Math.min(1, total / queryTokens.length - 0.01 * unmatched) * 10000) / 10000;
}

// ---- Registrations (checks/plates.py) ----

export const PLATE_MAX = 12;
const WHOLE_MIN = 5;
const END_MIN = 2;
const PLATE_FOLD = { O: "0", I: "1", S: "5" };

// Upper case, no spaces or punctuation: "ab12 cde" -> "AB12CDE".
export function plateNormal(text) {
  return String(text || "")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
}

export function plateFolded(text) {
  return foldPlate(plateNormal(text));
}

// A registration or pattern, or { error } naming what is wrong (the server's words).
export function platePatternParse(text) {
  let raw = String(text || "")
    .toUpperCase()
    .replace(/[\s\-.]/g, "");
  if (!raw) return { error: "Give a registration or part of one" };
  if (raw.length > PLATE_MAX) return { error: `A registration has at most ${PLATE_MAX} characters` };
  if (!/^[A-Z0-9*?]+$/.test(raw))
    return { error: "Use letters, digits, * for any characters and ? for one character" };
  const known = [...raw].filter((ch) => ch !== "*" && ch !== "?").length;
  if (known === 0) return { error: "A pattern needs some known characters" };
  const wild = /[*?]/.test(raw);
  if (!wild && raw.length < WHOLE_MIN) raw = `${raw}*`; // a fragment: the start of the plate
  const folded = foldPlate(raw);
  const prefix = folded.match(/^[^*?]*/)[0];
  const suffix = folded.match(/[^*?]*$/)[0];
  if (/[*?]/.test(folded) && prefix.length < END_MIN && suffix.length < END_MIN)
    return { error: `Give at least ${END_MIN} known characters at the start or the end` };
  const source = [...folded]
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch))
    .join("");
  return { text: raw, folded, regex: new RegExp(`^${source}$`), exact: !/[*?]/.test(raw), known };
}

// 1 for the exact plate, 0.95 when only confusable characters differ, less for partial ones.
export function plateScore(pattern, normal) {
  if (pattern.exact) return normal === pattern.text ? 1 : 0.95;
  return Math.round((0.5 + 0.4 * Math.min(1, pattern.known / Math.max(normal.length, 1))) * 10000) / 10000;
}

// ---- helpers ----

function add(index, token, formal) {
  const list = index.get(token) || [];
  if (!list.includes(formal)) list.push(formal);
  index.set(token, list);
}

function deletions(token) {
  const variants = new Set([token]);
  if (token.length >= DELETION_MIN)
    for (let i = 0; i < token.length; i += 1) variants.add(token.slice(0, i) + token.slice(i + 1));
  return variants;
}

// One insertion, deletion, substitution or swap of neighbours apart.
function oneSlipApart(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff = [];
    for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i += 1) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

function foldPlate(text) {
  return [...text].map((ch) => PLATE_FOLD[ch] ?? ch).join("");
}
