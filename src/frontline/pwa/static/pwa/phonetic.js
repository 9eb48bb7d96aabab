// Sound-alike keys and spelling distances for name tokens, computed on the device exactly as
// the server's jellyfish library computes them (checks/names.py), so an offline search of the
// briefing pack meets the `p` (Metaphone) and `n` (NYSIIS) keys the server stored for each
// person, and ranks candidates as the server does.
//
// Written for what `names.tokens()` produces, lower-case ASCII letters a-z; other characters
// are not handled. The rules follow the published descriptions of the algorithms, with the
// choices jellyfish makes where descriptions differ (each marked below); a browser test holds
// every function to jellyfish over thousands of tokens.

const VOWELS = "AEIOU";
const FRONT = "IEY"; // after C or G these soften it: city, gem

// Lawrence Philips' Metaphone (1990), upper case, "0" standing for "th".
export function metaphone(word) {
  let s = String(word).toUpperCase();
  // A silent first letter: knight, gnome, pneumonia, write; "ae" sounds as its E.
  if (/^(KN|GN|PN|WR|AE)/.test(s)) s = s.slice(1);
  let key = "";
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i];
    const prev = i > 0 ? s[i - 1] : "";
    const next = s[i + 1] || "";
    const after = s[i + 2] || "";
    if (ch === next && ch !== "C") continue; // a doubled letter is sounded once; CC may be K-S
    switch (ch) {
      case "A":
      case "E":
      case "I":
      case "O":
      case "U":
        if (i === 0) key += ch; // vowels count only at the start
        break;
      case "B":
        if (!(prev === "M" && next === "")) key += "B"; // silent in a final "mb": lamb
        break;
      case "C":
        if ((next === "I" && after === "A") || next === "H") {
          key += "X"; // "cia", "ch"
          i += 1;
        } else if (isIn(next, FRONT)) {
          key += "S"; // the soft C also swallows its vowel
          i += 1;
        } else {
          key += "K";
        }
        break;
      case "D":
        if (next === "G" && isIn(after, FRONT)) {
          key += "J"; // "dge", "dgi", "dgy"
          i += 2;
        } else {
          key += "T";
        }
        break;
      case "G":
        if (isIn(next, FRONT)) key += "J";
        // jellyfish: "gh" is silent unless a vowel follows (night, hugh), and a final "gn" is
        // silent as a whole (sign); either way the next letter is consumed with it.
        else if ((next === "H" && !isIn(after, VOWELS)) || (next === "N" && after === "")) i += 1;
        else key += "K";
        break;
      case "H":
        if (i === 0 || isIn(next, VOWELS) || !isIn(prev, VOWELS)) key += "H";
        break;
      case "K":
        if (prev !== "C") key += "K"; // "ck" sounds once
        break;
      case "P":
        if (next === "H") {
          key += "F";
          i += 1;
        } else {
          key += "P";
        }
        break;
      case "Q":
        key += "K";
        break;
      case "S":
        if (next === "H") {
          key += "X";
          i += 1;
        } else if (next === "I" && (after === "O" || after === "A")) {
          key += "X"; // "sio", "sia": mansion
          i += 2;
        } else {
          key += "S";
        }
        break;
      case "T":
        if (next === "I" && (after === "O" || after === "A")) key += "X"; // nation
        else if (next === "H") {
          key += "0";
          i += 1;
        } else if (!(next === "C" && after === "H")) key += "T"; // silent in "tch"
        break;
      case "V":
        key += "F";
        break;
      case "W":
        if (i === 0 && next === "H") {
          key += "W"; // a leading "wh" is W
          i += 1;
        } else if (isIn(next, VOWELS)) {
          key += "W";
        }
        break;
      case "X":
        if (i > 0) key += "KS";
        else if (next === "H" || (next === "I" && (after === "O" || after === "A"))) key += "X";
        else key += "S"; // a leading X sounds as S: xavier
        break;
      case "Y":
        if (isIn(next, VOWELS)) key += "Y";
        break;
      case "Z":
        key += "S";
        break;
      default: // F, J, L, M, N, R sound as written
        key += ch;
    }
  }
  return key;
}

// The New York State Identification and Intelligence System code (Taft, 1970), upper case and
// not cut to six letters (jellyfish does not cut it).
export function nysiis(word) {
  let s = String(word).toUpperCase();
  if (!s) return "";
  // Openings and endings said differently from how they are spelt.
  if (s.startsWith("MAC")) s = `MCC${s.slice(3)}`;
  else if (s.startsWith("KN")) s = s.slice(1);
  else if (s.startsWith("K")) s = `C${s.slice(1)}`;
  else if (s.startsWith("PH") || s.startsWith("PF")) s = `FF${s.slice(2)}`;
  else if (s.startsWith("SCH")) s = `SSS${s.slice(3)}`;
  if (/(IE|EE)$/.test(s)) s = `${s.slice(0, -2)}Y`;
  else if (/(DT|RT|RD|NT|ND)$/.test(s)) s = `${s.slice(0, -2)}D`;

  // The first letter stays; each later one is translated, and a sound that repeats the last
  // letter of the key so far is not added again.
  let key = s[0];
  for (let i = 1; i < s.length; i += 1) {
    const ch = s[i];
    const prev = s[i - 1];
    const next = s[i + 1] || "";
    let sound;
    if (ch === "E" && next === "V") {
      sound = "AF";
      i += 1;
    } else if (isIn(ch, VOWELS)) sound = "A";
    else if (ch === "Q") sound = "G";
    else if (ch === "Z") sound = "S";
    else if (ch === "M") sound = "N";
    else if (ch === "K") sound = next === "N" ? "N" : "C";
    else if (ch === "S" && next === "C" && s[i + 2] === "H") {
      sound = "SS";
      i += 2;
    } else if (ch === "P" && next === "H") {
      sound = "F";
      i += 1;
    } else if (ch === "H" && (!isIn(prev, VOWELS) || next === "" || !isIn(next, VOWELS))) {
      // An H not between vowels is not heard: it takes the sound before it.
      sound = isIn(prev, VOWELS) ? "A" : prev;
    } else if (ch === "W" && isIn(prev, VOWELS)) sound = prev;
    else sound = ch;
    if (sound[sound.length - 1] !== key[key.length - 1]) key += sound;
  }

  if (key.length > 1 && key.endsWith("S")) key = key.slice(0, -1);
  if (key.endsWith("AY")) key = `${key.slice(0, -2)}Y`;
  if (key.length > 1 && key.endsWith("A")) key = key.slice(0, -1);
  return key;
}

// Jaro-Winkler similarity, 0 to 1: Jaro's matches within a window and half-transpositions,
// raised for a shared start of up to four letters (scale 0.1) when Jaro is above 0.7.
// The arithmetic is done in jellyfish's order so that the result is the same number.
export function jaroWinkler(a, b) {
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const usedB = new Array(b.length).fill(false);
  const matchedA = [];
  for (let i = 0; i < a.length; i += 1) {
    const last = Math.min(i + window, b.length - 1);
    for (let j = Math.max(0, i - window); j <= last; j += 1) {
      if (!usedB[j] && b[j] === a[i]) {
        usedB[j] = true;
        matchedA.push(a[i]);
        break;
      }
    }
  }
  const matches = matchedA.length;
  if (!matches) return 0;
  const matchedB = [...b].filter((_, j) => usedB[j]);
  const outOfOrder = matchedA.filter((ch, k) => ch !== matchedB[k]).length;
  const transpositions = Math.floor(outOfOrder / 2);
  let weight = (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
  if (weight > 0.7) {
    const most = Math.min(4, a.length, b.length);
    let prefix = 0;
    while (prefix < most && a[prefix] === b[prefix]) prefix += 1;
    weight += prefix * 0.1 * (1 - weight);
  }
  return weight;
}

// Damerau-Levenshtein distance (the unrestricted form, as jellyfish): insertions, deletions,
// substitutions and swaps of neighbours, where a swapped pair may be edited again.
export function damerauLevenshtein(a, b) {
  const infinity = a.length + b.length;
  const width = b.length + 2;
  // d[(i + 1) * width + (j + 1)] is the distance between a[:i] and b[:j]; row and column 0
  // hold the sentinel that stops a swap reaching before the start.
  const d = new Array((a.length + 2) * width).fill(0);
  d[0] = infinity;
  for (let i = 0; i <= a.length; i += 1) {
    d[(i + 1) * width] = infinity;
    d[(i + 1) * width + 1] = i;
  }
  for (let j = 0; j <= b.length; j += 1) {
    d[j + 1] = infinity;
    d[width + j + 1] = j;
  }
  const lastRowOf = new Map(); // letter -> the last row of a holding it, so far
  for (let i = 1; i <= a.length; i += 1) {
    let lastColumn = 0; // the last column of b, in this row, whose letter equals a[i - 1]
    for (let j = 1; j <= b.length; j += 1) {
      const row = lastRowOf.get(b[j - 1]) || 0;
      const column = lastColumn;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      if (!cost) lastColumn = j;
      d[(i + 1) * width + j + 1] = Math.min(
        d[i * width + j] + cost,
        d[(i + 1) * width + j] + 1,
        d[i * width + j + 1] + 1,
        d[row * width + column] + (i - row - 1) + 1 + (j - column - 1),
      );
    }
    lastRowOf.set(a[i - 1], i);
  }
  return d[(a.length + 1) * width + b.length + 1];
}

function isIn(ch, letters) {
  return ch !== "" && letters.includes(ch);
}
