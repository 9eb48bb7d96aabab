"""Name tokens and token pairs for holding the officer app's name keys and scores to the
server's (checks/names.py): the names the demo, the search-quality corpus and the checks
benchmark use, the nickname table, every one- and two-letter token, three-letter tokens of the
letters the phonetic rules treat specially, and spellings picked for the rules' corners."""

import importlib.util
import itertools
import random
import string
import sys
from pathlib import Path

from frontline.checks import demo, names
from tests.checks import corpus

BENCH_CHECKS = Path(__file__).resolve().parents[2] / "bench" / "checks" / "run.py"

# Corners of Metaphone and NYSIIS: silent and changed openings, doubled letters, "sch", "ph",
# "gh", "kn", "wr", a leading "x", "mac"/"mc", the endings NYSIIS rewrites ("ee", "ie", "dt",
# "rt", "rd", "nt", "nd"), "ev", "ck", "sh", "tch", "dge", "tion", "cia", "wh", vowels only.
HARD = """
    aa aaa ae aeon aero aesop ah aha ahh ai au ee eee eve evie eye ia io iou oa oo ooo oui
    ua ue uu ya ye yo yy yay yeah
    bb bbc lamb lambe thumb thumbs dumb dumbo bomb mb mbe climb crumb
    cc ccia ccc acca acce bacchus mcc mccoy ck ack dickens mackenzie jackson mcknight
    scha schmidt schneider schofield schultz schwartz schiff sch scheme school bosch fischer
    pha phd phil philip phillips phoebe phelps pf pfeiffer pfizer stephen stephens joseph
    ralph randolph humphrey sophie
    gh gha ghb ghost hugh hughe hughes laugh night knight tough vaughan gough wright brough
    leigh hugo haigh agh ugha gn gne gnat gnome sign agn reign wagner
    kn kni knox knowles knapp kneel
    wr wray wren wright wrigley
    x xa xh xia xio xavier ximena xu xylo xerxes alex axe maxx fox
    mac macc mack macdonald mcdonald macleod mcleod mackay mckay macrae mcrae mcgregor
    maccarthy mccarthy
    lee mckee magee mcgee dee bree renee mcafee katie marie annie jamie connie rosie
    dt schmidt brandt arndt rt burt hart stewart stuart everitt rd bernard leonard ward
    nt grant brent kent vincent nd rand raymond edmund desmond
    ev evans evelyn devlin bevan kevin stevens steven beverley trevor neville levy
    sh ash shaw shah josh walsh marsh bush nash shaun shawn sean shane shona
    tch fletcher thatcher mitchell dge bridget hodge dodgson ledger judge dgy
    tion nation sio mansion cia tia garcia lucia patricia
    wh whale white whitney whittaker awha wha
    tomson thompson thomson tompson tomlinson smith smyth smythe smithe
    stevenson stephenson jonathan johnathon jonathon johnathan
    siobhan shivaun chivonne aoife eefa niamh neeve
    mohammed muhammad mohamed mohammad mahmoud
    ivanov ivanoff petrov petroff yevgeny evgeny evgeni
    featherstonehaugh featherstonhaugh cholmondeley chumley
    qadir quinn qureshi zhang zheng zoe zz zuzana
    hh hah hahn ahmed hussain abdullahi
"""

# Sound-alike, one-slip and unrelated pairs for the scores.
PAIRS_HARD = [
    ("thompson", "tomson"),
    ("thompson", "thomson"),
    ("stephens", "stevens"),
    ("stephen", "steven"),
    ("shaun", "sean"),
    ("shawn", "sean"),
    ("johnathon", "jonathan"),
    ("smythe", "smith"),
    ("smyth", "smith"),
    ("mohammed", "muhammad"),
    ("macdonald", "mcdonald"),
    ("siobhan", "shivaun"),
    ("katherine", "catherine"),
    ("philip", "filip"),
    ("knight", "night"),
    ("wright", "right"),
    ("schmidt", "smith"),
    ("ab", "ba"),
    ("ca", "ac"),
    ("abcd", "acbd"),
    ("martha", "marhta"),
    ("dixon", "dickson"),
    ("jones", "jnoes"),
    ("bill", "william"),
    ("liz", "beth"),
    ("j", "james"),
    ("j", "mary"),
]


def tokens_large() -> list[str]:
    """A few thousand distinct name tokens, folded as `names.tokens` folds them."""
    bench = _bench_checks()
    words = list(bench.GIVEN) + list(bench.FAMILY_COMMON)
    words += bench.family_names(random.Random(bench.SEED))[:6000]
    words += list(demo.GIVEN) + list(demo.FAMILY)
    words += list(corpus.GIVEN) + list(corpus.FAMILY)
    for _, given, family, _, aliases in corpus.TARGETS:
        words += [given, family, aliases.replace("/", " ").replace("|", " ")]
    words += [query for query, *_ in corpus.PERSON_QUERIES]
    for formal, short in names.NICKNAMES.items():
        words += [formal, short]
    words += HARD.split()
    letters = string.ascii_lowercase
    words += ["".join(pair) for pair in itertools.product(letters, repeat=2)] + list(letters)
    special = "aeiyhgcswkpnxtdbmq"
    words += ["".join(three) for three in itertools.product(special, repeat=3)]
    return sorted(set(names.tokens(*words)))


def token_pairs(tokens: list[str], count: int = 600) -> list[tuple[str, str]]:
    """Pairs to score: the hard ones, each query token of the search-quality corpus against its
    target's tokens, near spellings of corpus tokens, and pairs drawn at random."""
    rng = random.Random(11)  # repeatable pairs
    pairs = set(PAIRS_HARD)
    targets = {source: (given, family) for source, given, family, *_ in corpus.TARGETS}
    for query, _, source, _ in corpus.PERSON_QUERIES:
        pairs.update(itertools.product(names.tokens(query), names.tokens(*targets[source])))
    longer = [token for token in tokens if len(token) >= 4]
    while len(pairs) < count:
        token = rng.choice(longer)
        other = _slip(rng, token) if rng.random() < 0.5 else rng.choice(tokens)
        pairs.add((token, other))
    return sorted(pairs)


def name_pairs() -> list[tuple[list[str], list[str]]]:
    """Every search-quality query against every target's name and alias, as token lists."""
    queries = [names.tokens(query) for query, *_ in corpus.PERSON_QUERIES]
    recorded = [names.tokens(given, family) for _, given, family, *_ in corpus.TARGETS]
    recorded += [
        names.tokens(*alias.split("/"))
        for *_, aliases in corpus.TARGETS
        for alias in aliases.split("|")
        if alias
    ]
    recorded += [["jonathan", "smith", "jones"], ["william", "thompson"], ["j", "smith"]]
    return [(query, name) for query in queries for name in recorded]


def _slip(rng: random.Random, token: str) -> str:
    at = rng.randrange(len(token) - 1)
    kind = rng.choice(["drop", "double", "swap", "change"])
    if kind == "drop":
        return token[:at] + token[at + 1 :]
    if kind == "double":
        return token[:at] + token[at] + token[at:]
    if kind == "swap":
        return token[:at] + token[at + 1] + token[at] + token[at + 2 :]
    return token[:at] + rng.choice(string.ascii_lowercase) + token[at + 1 :]


def _bench_checks():
    """bench/checks/run.py, for its name lists: the benchmarks are scripts, not a package."""
    spec = importlib.util.spec_from_file_location("bench_checks_run", BENCH_CHECKS)
    module = importlib.util.module_from_spec(spec)
    path = list(sys.path)
    try:
        spec.loader.exec_module(module)  # it puts bench/ on sys.path for its own helpers
    finally:
        sys.path[:] = path
    return module
