// Names and registrations as keys, computed on the device exactly as the server computes them
// (checks/names.py and checks/plates.py), so the offline briefing pack can be searched with the
// keys the server stored for each person.
//
// Offline matching is online matching: folded name tokens (accents, case, apostrophes and
// hyphens do not matter), any order of forename and surname, sound-alikes (the server's
// Metaphone and NYSIIS keys, phonetic.js), one inserted, dropped, changed or swapped letter (the
// server's deletion keys), and nicknames (the server's table, sent with the pack); candidates
// are scored as the server scores them.

import { damerauLevenshtein, jaroWinkler, metaphone, nysiis } from "./phonetic.js";

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

// How alike two name tokens are, 0 to 1, as the server's `token_similarity`: the same, an
// initial, a nickname, sounding alike or one slip apart (the closer the spelling the better).
export function tokenSimilarity(query, candidate, nicknames) {
  if (query === candidate) return 1;
  if (query.length === 1 || candidate.length === 1) return candidate[0] === query[0] ? 0.7 : 0;
  const formals = new Set(nicknames.get(query) || []);
  if ((nicknames.get(candidate) || []).some((formal) => formals.has(formal))) return 0.95;
  const spelling = jaroWinkler(query, candidate);
  if (metaphone(query) === metaphone(candidate)) return 0.82 + 0.1 * spelling;
  if (nysiis(query) === nysiis(candidate)) return 0.8 + 0.1 * spelling;
  if (damerauLevenshtein(query, candidate) === 1) return 0.78 + 0.1 * spelling;
  return 0.85 * spelling;
}

// How well the query tokens name a person, as the server's `name_similarity`: each query
// token's best match, averaged, a small reward for tokens in the recorded order, and a small
// cost for each recorded token the query leaves out.
export function nameSimilarity(queryTokens, nameTokens, nicknames) {
  if (!queryTokens.length || !nameTokens.length) return 0;
  let total = 0;
  const positions = [];
  for (const token of queryTokens) {
    let best = 0;
    let where = -1;
    nameTokens.forEach((name, index) => {
      const score = tokenSimilarity(token, name, nicknames);
      if (score > best) [best, where] = [score, index];
    });
    total += best >= 0.6 ? best : 0;
    positions.push(where);
  }
  const score = total / queryTokens.length;
  const ascending = positions.every((at, k) => k === 0 || positions[k - 1] <= at);
  const inOrder = ascending && new Set(positions).size === positions.length;
  const unmatched = Math.max(0, nameTokens.length - queryTokens.length);
  return roundHalfEven(Math.min(1, score * (inOrder ? 1 : 0.97) - 0.01 * unmatched), 4);
}

// Python's round(x, places): the exact binary value rounded, a true tie to the even digit
// (toFixed rounds ties up), so scores and their order are the server's.
export function roundHalfEven(x, places) {
  const scale = 2 ** (places + 1);
  if (Number.isInteger(x * scale)) {
    // x is a multiple of 1 / 2^(places+1), so twice x * 10^places is an exact integer.
    const twice = x * scale * 5 ** places;
    if (Math.abs(twice) % 2 === 1) {
      const down = (twice - 1) / 2;
      return (down % 2 === 0 ? down : down + 1) / 10 ** places;
    }
  }
  return Number(x.toFixed(places));
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

function foldPlate(text) {
  return [...text].map((ch) => PLATE_FOLD[ch] ?? ch).join("");
}
