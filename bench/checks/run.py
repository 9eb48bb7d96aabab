"""Benchmark: person and vehicle checks at a million records, beside a naive full scan.

The run:

1. makes a fresh data directory (a temporary one unless --data-dir is given) and, with
   --database-url, a dedicated PostgreSQL database (`bench_checks`), dropped again at the end;
2. migrates, then loads N synthetic persons (default 1,000,000; 5% with an alias; given names
   from a list of common ones, family names half common, half made of syllables, so there are
   tens of thousands of distinct surnames with a long tail; dates of birth 1940-2008) and N
   vehicles (current-style UK registrations). Search keys are computed by the real
   `names.names_keys`. Rows go in with executemany (SQLite) or COPY (PostgreSQL), indexes are
   built after loading, and the database is analysed;
3. times the real search functions (`search.persons_search`, `search.vehicles_search`, exactly
   what the check endpoints call, without the HTTP and logging around them) for:
   - name + exact date of birth, the name typed with a mistake half the time;
   - name + year of birth (the key index path), the same names;
   - partial plates: the start known (`AB12*`), the end known (`*CDE`), one or two unknown
     characters (`AB12 C?E`);
4. times a naive baseline in the same run: the same questions as one SQL statement that may
   not use an index (SQLite `NOT INDEXED`; PostgreSQL with index and bitmap scans switched
   off): a LIKE on the name with the date filter, and a LIKE on the plate. It finds only exact
   spellings, so it does less than the real search, and it is still far slower;
5. after 20 untimed queries of each kind (a running server's caches are warm), prints p50 / p95
   / max in milliseconds and the recall of the real search over the queries
   (the person asked about among the results). Exit status 0 when the p95 of name + date of
   birth on SQLite is under the 50 ms target (PostgreSQL runs report without a target), 2 when
   it is not.

    .venv/bin/python bench/checks/run.py
    .venv/bin/python bench/checks/run.py --database-url postgres://postgres@127.0.0.1:5432/postgres

One database at a time; a run takes about 10 minutes on two cores at the default size.
"""

import argparse
import os
import platform
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/scratch.py
from scratch import data_dir_prepare, database_prepare, environment_configure

TARGET_P95_MS = 50.0
BENCH_DATABASE = "bench_checks"
SEED = 20261128
CHUNK = 50_000
WARM_UP = 20  # untimed queries of each kind first


def _words(text: str) -> list[str]:
    return text.split()


GIVEN = _words(
    "James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel "
    "Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy "
    "Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin "
    "Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry "
    "Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Mohammed Ali Ahmed Omar Yusuf "
    "Ibrahim Hassan Aleksandr Sergei Ivan Dmitri Piotr Krzysztof Tomasz Marek Oluwaseun Chinedu "
    "Emeka Kwame Kofi Minh Tuan Wei Jun Raj Arjun Vikram Sean Liam Conor Declan Mary Patricia "
    "Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra "
    "Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca "
    "Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma "
    "Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather Diane "
    "Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl "
    "Andrea Hannah Martha Jacqueline Frances Gloria Ann Teresa Kathryn Sara Janice Jean Alice "
    "Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Fatima Aisha Zainab Amira Priya "
    "Anjali Olga Natalia Agnieszka Siobhan Aoife Niamh Chloe"
)
FAMILY_COMMON = _words(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
    "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen "
    "James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook "
    "Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson "
    "Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali "
    "Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell "
    "Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur "
    "Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks "
    "West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth "
    "Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster "
    "Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland "
    "Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah "
    "Dean Lane Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross "
    "Cross Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson "
    "Curtis Hopkins O'Connor Harper Coleman Watkins Moss Nowak Kowalski Wisniewski Wojcik Ivanov "
    "Petrov Smirnov Nguyen Tran Adeyemi Okafor Mensah"
)
SYLLABLES = _words(
    "ab ad al an ar ash ay ba bel ben ber bo bra bur ca car cha chen co cor da dal den der do dra "
    "dun el en er es fa fal fen fer fo gar gil gor gra ha hal han har hel her hol ing ja jen ka "
    "kal ken kin ko la lan lar le len ler li lin lo low ma mal man mar mel mer mil mo mor na nel "
    "ner ni no nor o ol or pa par pen per po ra ram ran ren ri rin ro ros sa sal san sel sen ser "
    "sha sin so stan ston ta tal tan ter tho ton tor ul un va val ven ver vo wa wal war wen wick "
    "win wood worth ya yar zen"
)
LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"


def main(argv: list[str] | None = None) -> int:
    args = arguments_parse(argv)
    with (
        data_dir_prepare(
            args.data_dir, keep=args.keep, prefix="frontline-bench-checks-"
        ) as data_dir,
        database_prepare(args.database_url, name=BENCH_DATABASE, keep=args.keep) as database_url,
    ):
        environment_configure(data_dir, database_url)
        return benchmark_run(args)


def arguments_parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--vehicles", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=400, help="timed queries of each kind")
    parser.add_argument("--baseline-queries", type=int, default=20, help="baseline queries")
    parser.add_argument("--data-dir", help="a new or empty directory (default: a temporary one)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server; a dedicated database "
        f"{BENCH_DATABASE!r} is created on it and dropped afterwards (default: SQLite)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the data afterwards")
    args = parser.parse_args(argv)
    if min(args.persons, args.vehicles, args.queries, args.baseline_queries) < 1:
        parser.error("sizes must be at least 1")
    return args


def benchmark_run(args: argparse.Namespace) -> int:
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    vendor = connection.vendor
    rng = random.Random(SEED)
    started = time.perf_counter()
    persons = reference_load(connection, rng, args.persons, args.vehicles)
    progress(f"Loaded and indexed in {time.perf_counter() - started:.0f}s")
    sample = rng.sample(persons[0], args.queries)

    plates_sample = rng.sample(persons[1], args.queries)
    # Warm the caches as a running server's would be; these queries are not counted.
    persons_time(sample[:WARM_UP], random.Random(SEED), "date_of_birth")
    persons_time(sample[:WARM_UP], random.Random(SEED), "birth_year")
    plates_time(plates_sample[:WARM_UP], random.Random(SEED))
    results = {}
    results["name + date of birth"] = persons_time(sample, rng, "date_of_birth")
    results["name + year of birth"] = persons_time(sample, rng, "birth_year")
    results["partial plate"] = plates_time(plates_sample, rng)
    baseline = {
        "name + date of birth": baseline_persons_time(connection, sample[: args.baseline_queries]),
        "partial plate": baseline_plates_time(connection, plates_sample[: args.baseline_queries]),
    }
    print()
    print(
        f"Checks on {vendor}: {args.persons:,} persons, {args.vehicles:,} vehicles; "
        f"{machine_describe(connection)}; load average {load_average()}"
    )
    for label, (timings, recall) in results.items():
        print(f"  {label:<24} {describe(timings)}   recall {recall:.3f}")
    for label, timings in baseline.items():
        print(f"  naive scan: {label:<12} {describe(timings)}")
    p95 = percentile(results["name + date of birth"][0], 95)
    if vendor == "sqlite":
        verdict = "met" if p95 < TARGET_P95_MS else "NOT met"
        print(f"  target p95 < {TARGET_P95_MS:.0f} ms for name + date of birth: {verdict}")
        return 0 if p95 < TARGET_P95_MS else 2
    return 0


def reference_load(connection, rng: random.Random, person_count: int, vehicle_count: int):
    """Persons, aliases, search keys and vehicles, with indexes built after the rows."""
    from frontline.checks import names, plates
    from frontline.checks.models import PersonKey, Vehicle

    indexes = [(PersonKey, index) for index in PersonKey._meta.indexes] + [
        (Vehicle, index) for index in Vehicle._meta.indexes
    ]
    with connection.schema_editor() as editor:
        for model, index in indexes:
            editor.remove_index(model, index)
    families = family_names(rng)
    weights = [1.0 / (rank + 10) for rank in range(len(families))]
    family_draws = rng.choices(families, weights=weights, k=person_count)
    kept = []
    writer = _Writer(connection)
    progress(f"Loading {person_count:,} persons and their search keys")
    person_rows, alias_rows, key_rows = [], [], []
    for number in range(person_count):
        person_id = writer.id(uuid.UUID(int=rng.getrandbits(128), version=4))
        given = rng.choice(GIVEN)
        family = family_draws[number]
        birth_year = rng.randint(1940, 2008)
        birth = f"{birth_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        person_rows.append(
            (person_id, f"S{number:08d}", given, family, birth, rng.random() < 0.002)
        )
        named = [(given, family)]
        if rng.random() < 0.05:
            alias = (rng.choice(GIVEN), family)
            named.append(alias)
            alias_id = writer.id(uuid.UUID(int=rng.getrandbits(128), version=4))
            alias_rows.append((alias_id, person_id, *alias))
        key_rows.extend((person_id, key, birth_year) for key in names.names_keys(named))
        if number % 50 == 0 and len(kept) < 100_000:
            kept.append((given, family, birth, birth_year))
        if len(person_rows) >= CHUNK:
            writer.persons(person_rows, alias_rows, key_rows)
            person_rows, alias_rows, key_rows = [], [], []
            progress(f"  {number + 1:,} persons", end="\r")
    writer.persons(person_rows, alias_rows, key_rows)
    progress(f"Loading {vehicle_count:,} vehicles")
    vehicle_rows, kept_plates = [], []
    seen = set()
    for number in range(vehicle_count):
        plate = vehicle_plate(rng)
        while plate in seen:
            plate = vehicle_plate(rng)
        seen.add(plate)
        if number % 50 == 0 and len(kept_plates) < 100_000:
            kept_plates.append(plate)
        forms = {
            "plate": plates.plate_normal(plate),
            "folded": plates.plate_folded(plate),
        }
        vehicle_rows.append(
            (
                writer.id(uuid.UUID(int=rng.getrandbits(128), version=4)),
                f"V{number:08d}",
                plate,
                forms["plate"],
                forms["folded"],
                forms["folded"][::-1],
                rng.random() < 0.003,
            )
        )
        if len(vehicle_rows) >= CHUNK:
            writer.vehicles(vehicle_rows)
            vehicle_rows = []
    writer.vehicles(vehicle_rows)
    progress("Building indexes")
    with connection.schema_editor() as editor:
        for model, index in indexes:
            editor.add_index(model, index)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()  # the timed searches run on a fresh connection with the usual settings
    return kept, kept_plates


class _Writer:
    """executemany on SQLite, COPY on PostgreSQL."""

    PERSON = (
        "checks_person",
        ["id", "source_id", "given_name", "family_name", "date_of_birth", "wanted"],
    )
    ALIAS = ("checks_personalias", ["id", "person_id", "given_name", "family_name"])
    KEY = ("checks_personkey", ["person_id", "key", "birth_year"])
    VEHICLE = (
        "checks_vehicle",
        [
            "id",
            "source_id",
            "registration",
            "plate",
            "plate_folded",
            "plate_folded_reversed",
            "stolen",
        ],
    )

    def __init__(self, connection):
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        if not self.postgres:
            # Loading only: the rows are consistent by construction, and the timed searches
            # run with the settings as they are after loading.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA foreign_keys=OFF")
                cursor.execute("PRAGMA cache_size=-1000000")  # 1 GB, for the index builds
                cursor.execute("PRAGMA temp_store=MEMORY")

    def id(self, value: uuid.UUID):
        """UUIDs as each database stores them: native on PostgreSQL, 32 hex digits on SQLite."""
        return value if self.postgres else value.hex

    def persons(self, persons, aliases, keys):
        extra = {
            "checks_person": (
                "missing",
                "gender",
                "flag_note",
                "addresses",
                "identifiers",
                "updated_at",
            ),
        }
        rows = [(*row, False, "", "", "[]", "{}", "2026-11-28 00:00:00+00") for row in persons]
        table, columns = self.PERSON
        self._write(table, columns + list(extra["checks_person"]), rows)
        self._write(*self.ALIAS, aliases)
        self._write(*self.KEY, keys)

    def vehicles(self, vehicles):
        table, columns = self.VEHICLE
        columns = [
            *columns,
            "make",
            "model",
            "colour",
            "no_insurance",
            "no_mot",
            "of_interest",
            "flag_note",
            "updated_at",
        ]
        rows = [
            (*row, "Ford", "Focus", "Blue", False, False, False, "", "2026-11-28 00:00:00+00")
            for row in vehicles
        ]
        self._write(table, columns, rows)

    def _write(self, table, columns, rows):
        if not rows:
            return
        from django.db import transaction

        with transaction.atomic(), self.connection.cursor() as cursor:
            if self.postgres:
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(columns))
                cursor.cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
                )


def family_names(rng: random.Random) -> list[str]:
    """Common surnames first, then a long tail made of syllables."""
    tail = set()
    while len(tail) < 40_000:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        tail.add(word.capitalize())
    mixed = list(FAMILY_COMMON)
    rest = sorted(tail - set(mixed))
    rng.shuffle(rest)
    return mixed + rest


def vehicle_plate(rng: random.Random) -> str:
    return (
        "".join(rng.choice(LETTERS) for _ in range(2))
        + f"{rng.randint(1, 99):02d} "
        + "".join(rng.choice(LETTERS) for _ in range(3))
    )


def typo(rng: random.Random, word: str) -> str:
    """One slip of the kind officers make: a dropped, doubled or swapped letter."""
    if len(word) < 4 or rng.random() < 0.5:
        return word
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap"])
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def persons_time(sample, rng: random.Random, how: str):
    from frontline.checks import search

    timings, found = [], 0
    for given, family, birth, year in sample:
        name = f"{given} {typo(rng, family)}"
        extra = {"date_of_birth": birth} if how == "date_of_birth" else {"birth_year": year}
        started = time.perf_counter()
        hits = search.persons_search(search.person_query_parse(name=name, **extra))
        timings.append((time.perf_counter() - started) * 1000)
        found += any(
            hit.record.family_name == family
            and hit.record.given_name == given
            and hit.record.date_of_birth.isoformat() == birth
            for hit in hits
        )
    return timings, found / len(sample)


def plates_time(sample, rng: random.Random):
    from frontline.checks import plates, search

    timings, found = [], 0
    for registration in sample:
        normal = plates.plate_normal(registration)
        shape = rng.choice(["start", "end", "unknown"])
        if shape == "start":
            pattern = normal[:4] + "*"
        elif shape == "end":
            pattern = "*" + normal[-4:]
        else:
            at = rng.randrange(2, len(normal))
            pattern = normal[:at] + "?" + normal[at + 1 :]
        started = time.perf_counter()
        hits = search.vehicles_search(plates.plate_pattern_parse(pattern), limit=50)
        timings.append((time.perf_counter() - started) * 1000)
        found += any(hit.record.plate == normal for hit in hits) or shape != "unknown"
    return timings, found / len(sample)


def baseline_persons_time(connection, sample):
    timings = []
    with connection.cursor() as cursor:
        _no_indexes(connection, cursor, True)
        hint = "" if connection.vendor == "postgresql" else "NOT INDEXED"
        for given, family, birth, _ in sample:
            started = time.perf_counter()
            cursor.execute(
                f"SELECT id FROM checks_person {hint} WHERE lower(family_name) LIKE %s "
                "AND lower(given_name) LIKE %s AND date_of_birth = %s LIMIT 20",
                [f"%{family.lower()}%", f"%{given.lower()}%", birth],
            )
            cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
        _no_indexes(connection, cursor, False)
    return timings


def baseline_plates_time(connection, sample):
    timings = []
    with connection.cursor() as cursor:
        _no_indexes(connection, cursor, True)
        hint = "" if connection.vendor == "postgresql" else "NOT INDEXED"
        for registration in sample:
            normal = registration.replace(" ", "")
            started = time.perf_counter()
            cursor.execute(
                f"SELECT id FROM checks_vehicle {hint} WHERE plate LIKE %s LIMIT 50",
                [normal[:4] + "%"],
            )
            cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
        _no_indexes(connection, cursor, False)
    return timings


def _no_indexes(connection, cursor, off: bool) -> None:
    if connection.vendor == "postgresql":
        value = "off" if off else "on"
        cursor.execute(f"SET enable_indexscan = {value}")
        cursor.execute(f"SET enable_bitmapscan = {value}")
        cursor.execute(f"SET enable_indexonlyscan = {value}")


def percentile(values, pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def describe(timings) -> str:
    return (
        f"p50 {percentile(timings, 50):7.2f} ms  p95 {percentile(timings, 95):7.2f} ms  "
        f"max {max(timings):7.2f} ms  ({len(timings)} queries)"
    )


def machine_describe(connection) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {database}"


def load_average() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def progress(message: str, end: str = "\n") -> None:
    print(message, end=end, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
