"""Names as keys: folding, tokens, phonetic keys, spelling-neighbour keys and nicknames.

A person is found by any of their name tokens, so swapped forename and surname, hyphenated and
double-barrelled names match token by token. Each token gives:

- `p` Metaphone and `n` NYSIIS keys (jellyfish), for sound-alikes and transliterations;
- `d` keys: the token and every one-letter deletion of it (a deletion neighbourhood), so one
  inserted, dropped, changed or swapped letter still shares a key with the right spelling;
- `c` keys: the formal name behind a nickname (Bill -> william), both ways.

Searching computes the same keys for the query, so the index and the query meet in the middle.
The officer app computes the same keys and scores for its offline briefing pack (pwa/static/pwa
names.js and phonetic.js); a change here needs the same change there, as its browser tests say.
"""

import re
import unicodedata
from functools import lru_cache

import jellyfish

KEY_MAX = 24
DELETION_MIN = 4  # shorter tokens get too many accidental neighbours
_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "œ": "oe"}
)
_NOT_LETTER = re.compile(r"[^a-z]+")

# Formal names and the nicknames and short forms officers hear for them.
NICKNAMES = {
    "william": "bill billy will willy liam",
    "robert": "bob bobby rob robbie bert",
    "richard": "dick rick ricky rich richie",
    "edward": "ed eddie ted teddy ned",
    "james": "jim jimmy jamie",
    "john": "jack johnny jonny",
    "jonathan": "jon jonny",
    "thomas": "tom tommy",
    "anthony": "tony ant",
    "michael": "mike mick micky mickey",
    "christopher": "chris kit",
    "nicholas": "nick nicky",
    "daniel": "dan danny",
    "joseph": "joe joey",
    "samuel": "sam sammy",
    "benjamin": "ben benny",
    "alexander": "alex alec sandy",
    "alexandra": "alex lexi sandra",
    "andrew": "andy drew",
    "stephen": "steve stevie",
    "steven": "steve stevie",
    "matthew": "matt matty",
    "peter": "pete",
    "patrick": "pat paddy",
    "charles": "charlie chas chuck",
    "henry": "harry hal hank",
    "frederick": "fred freddie",
    "gregory": "greg",
    "timothy": "tim timmy",
    "kenneth": "ken kenny",
    "ronald": "ron ronnie",
    "donald": "don donnie",
    "lawrence": "larry laurie",
    "terence": "terry",
    "gerald": "gerry",
    "leonard": "len lenny leo",
    "raymond": "ray",
    "vincent": "vince vinny",
    "elizabeth": "liz lizzie beth betty bessie eliza libby",
    "margaret": "maggie meg peggy marge",
    "catherine": "kate katie cathy kath",
    "katherine": "kate katie kathy kath",
    "jennifer": "jen jenny",
    "rebecca": "becky becca",
    "victoria": "vicky tori",
    "susan": "sue susie",
    "deborah": "debbie deb",
    "patricia": "pat patty trish",
    "jacqueline": "jackie",
    "christine": "chris chrissie",
    "samantha": "sam sammy",
    "abigail": "abbie abby",
    "natalie": "nat",
    "jessica": "jess jessie",
    "dorothy": "dot dottie",
    "eleanor": "ellie nell",
    "helen": "nell",
    "mohammed": "mo",
    "aleksandr": "sasha sash",
    "yevgeny": "zhenya",
}
NICKNAME_OF: dict[str, list[str]] = {}
for _formal, _short in NICKNAMES.items():
    NICKNAME_OF.setdefault(_formal, []).append(_formal)
    for _nick in _short.split():
        NICKNAME_OF.setdefault(_nick, []).append(_formal)


def fold(text: str) -> str:
    """Lower-case ASCII letters and spaces: accents and apostrophes dropped, hyphens to spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("'", "").replace("\u2019", "")
    return _NOT_LETTER.sub(" ", text).strip()


def tokens(*parts: str) -> list[str]:
    """The name tokens of a person's given and family names, in order, without repeats."""
    return list(_tokens(parts))


@lru_cache(maxsize=65536)
def _tokens(parts: tuple) -> tuple[str, ...]:
    seen: list[str] = []
    for part in parts:
        for token in fold(part or "").split():
            if token not in seen:
                seen.append(token)
    return tuple(seen)


@lru_cache(maxsize=65536)
def token_keys(token: str) -> frozenset[str]:
    """Every search key of one name token (cached: names repeat a great deal in an import)."""
    if len(token) < 2:
        return frozenset()
    keys = {"p" + jellyfish.metaphone(token), "n" + jellyfish.nysiis(token)}
    keys.update("d" + variant for variant in _deletions(token))
    keys.update("c" + formal for formal in NICKNAME_OF.get(token, ()))
    return frozenset(key[:KEY_MAX].lower() for key in keys if len(key) > 1)


def names_keys(names: list[tuple[str, str]]) -> set[str]:
    """All keys of a person's names: (given, family) for the name and each alias."""
    keys: set[str] = set()
    for given, family in names:
        for token in tokens(given, family):
            keys |= token_keys(token)
    return keys


def token_similarity(query: str, candidate: str) -> float:
    """How alike two name tokens are, from 0 to 1. An initial matches a name it begins."""
    if query == candidate:
        return 1.0
    if len(query) == 1 or len(candidate) == 1:
        return 0.7 if candidate[0] == query[0] else 0.0
    if set(NICKNAME_OF.get(query, ())) & set(NICKNAME_OF.get(candidate, ())):
        return 0.95
    # Sounding alike or one slip apart counts, and the closer the spelling the better.
    spelling = jellyfish.jaro_winkler_similarity(query, candidate)
    query_sounds, candidate_sounds = _sounds(query), _sounds(candidate)
    if query_sounds[0] == candidate_sounds[0]:
        return 0.82 + 0.1 * spelling
    if query_sounds[1] == candidate_sounds[1]:
        return 0.8 + 0.1 * spelling
    if jellyfish.damerau_levenshtein_distance(query, candidate) == 1:
        return 0.78 + 0.1 * spelling
    return 0.85 * spelling


def name_similarity(query_tokens: list[str], name_tokens: list[str]) -> float:
    """How well a query names a person: each query token's best match, averaged, with a small
    reward for tokens in the same order (forename before surname) as recorded."""
    if not query_tokens or not name_tokens:
        return 0.0
    total = 0.0
    positions = []
    for token in query_tokens:
        best, where = 0.0, -1
        for index, candidate in enumerate(name_tokens):
            score = token_similarity(token, candidate)
            if score > best:
                best, where = score, index
        total += best if best >= 0.6 else 0.0
        positions.append(where)
    score = total / len(query_tokens)
    in_order = positions == sorted(positions) and len(set(positions)) == len(positions)
    unmatched = max(0, len(name_tokens) - len(query_tokens))
    return round(min(1.0, score * (1.0 if in_order else 0.97) - 0.01 * unmatched), 4)


@lru_cache(maxsize=65536)
def _sounds(token: str) -> tuple[str, str]:
    return jellyfish.metaphone(token), jellyfish.nysiis(token)


def _deletions(token: str) -> set[str]:
    variants = {token}
    if len(token) >= DELETION_MIN:
        variants.update(token[:i] + token[i + 1 :] for i in range(len(token)))
    return variants
