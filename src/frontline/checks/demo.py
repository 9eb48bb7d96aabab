"""Demo reference data to check against: a few hundred persons (some wanted or missing, some
with warning markers and aliases), vehicles (some stolen), locations with markers, and a few
checks in the log, one officer's repeated look-ups among them for the misuse page."""

import csv
import io
import random

from frontline.checks.imports import reference_import
from frontline.checks.services import check_person, check_result_open, check_vehicle

SEED = 5
PERSONS = 300
VEHICLES = 200


def _words(text: str) -> list[str]:
    return text.split()


MARKERS = [
    ("DM1", "VI", "Violent"),
    ("DM2", "WE", "Weapons"),
    ("DM3", "DR", "Drugs"),
    ("DM4", "MH", "Mental health"),
    ("DM5", "SH", "Self-harm"),
    ("DM6", "DG", "Dog on premises"),
    ("DM7", "PV", "Previous violence at address"),
]
GIVEN = _words(
    "James Oliver Jack Harry George Noah Mohammed Leo Oscar Amelia Olivia Isla Ava Emily Sophia "
    "Grace Mia Aisha Fatima Priya Chloe Jessica Daniel Ryan Connor Kieran Tyrone Jamal Kwame "
    "Aleksandr Piotr Tomasz Agnieszka Siobhan Sean Liam Yusuf Omar Ibrahim Stephen Robert"
)
FAMILY = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Khan Ahmed Ali Hussain Begum "
    "Murphy Kelly O'Brien Walsh Okafor Mensah Adeyemi Nowak Kowalski Wójcik Ivanov Petrov "
    "Clarke Lewis Robinson Thompson Hughes Evans Green Hall Wright Walker Smith-Jones "
    "Lloyd Webber MacDonald Ferguson"
)
STREETS = [
    "King Street",
    "Fulham Palace Road",
    "Goldhawk Road",
    "Uxbridge Road",
    "North End Road",
    "Lillie Road",
    "Shepherd's Bush Road",
    "Askew Road",
    "Dawes Road",
    "Munster Road",
]
POSTCODES = ["W6 9PL", "W6 0QT", "W12 8QP", "W12 9AB", "SW6 1EX", "SW6 5NL", "W14 9JH"]
LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"


def demo_load(*, officers, stations, teams) -> None:
    rng = random.Random(SEED)  # noqa: S311 (repeatable demo data, not secrets)
    reference_import(kind="markers", text=_csv(["source_id", "code", "description"], MARKERS))
    reference_import(kind="persons", text=_persons(rng))
    reference_import(kind="vehicles", text=_vehicles(rng))
    reference_import(kind="locations", text=_locations(rng))
    _checks(officers)


def _csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _persons(rng) -> str:
    rows = [
        # Known people the demo walk-through looks up.
        (
            "DP0001",
            "Jonathan",
            "Smith-Jones",
            "1988-04-12",
            "Jon/Smith|Johnny/Jones",
            "VI;WE",
            "yes",
            "no",
            "HS",
            "Wanted: burglary, Brook Green",
        ),
        (
            "DP0002",
            "Siobhan",
            "Murphy",
            "2009-02-01",
            "",
            "SH",
            "no",
            "yes",
            "HS",
            "Missing from home since Friday",
        ),
        ("DP0003", "Aleksandr", "Petrov", "1979-11-30", "Alex/Petroff", "DR", "no", "no", "FF", ""),
    ]
    for number in range(4, PERSONS + 1):
        wanted = number % 29 == 0
        missing = number % 47 == 0
        markers = ";".join(
            sorted(rng.sample(["VI", "WE", "DR", "MH", "SH"], rng.choice([0, 0, 0, 1, 2])))
        )
        alias = ""
        if rng.random() < 0.1:
            alias = f"{rng.choice(GIVEN)}/{rng.choice(FAMILY)}"
        rows.append(
            (
                f"DP{number:04d}",
                rng.choice(GIVEN),
                rng.choice(FAMILY),
                f"{rng.randint(1950, 2008)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                alias,
                markers,
                "yes" if wanted else "no",
                "yes" if missing else "no",
                rng.choice(["HS", "HS", "FF", "SB"]),
                "Wanted on warrant" if wanted else ("Missing person" if missing else ""),
            )
        )
    header = [
        "source_id",
        "given_name",
        "family_name",
        "date_of_birth",
        "aliases",
        "markers",
        "wanted",
        "missing",
        "station",
        "flag_note",
    ]
    return _csv(header, rows)


def _vehicles(rng) -> str:
    rows = [
        (
            "DV0001",
            "LO19 XYZ",
            "Ford",
            "Fiesta",
            "Grey",
            "DP0001",
            "yes",
            "no",
            "HS",
            "Stolen from Brook Green, 2 days ago",
        )
    ]
    for number in range(2, VEHICLES + 1):
        plate = (
            "".join(rng.choice(LETTERS) for _ in range(2))
            + f"{rng.randint(1, 99):02d} "
            + "".join(rng.choice(LETTERS) for _ in range(3))
        )
        stolen = number % 25 == 0
        rows.append(
            (
                f"DV{number:04d}",
                plate,
                rng.choice(["Ford", "Vauxhall", "Toyota", "BMW", "Honda", "Kia"]),
                rng.choice(["Focus", "Corsa", "Yaris", "3 Series", "Civic", "Picanto"]),
                rng.choice(["Black", "Silver", "Blue", "Red", "White"]),
                f"DP{rng.randint(4, PERSONS):04d}" if rng.random() < 0.3 else "",
                "yes" if stolen else "no",
                "yes" if number % 31 == 0 else "no",
                rng.choice(["HS", "FF", "SB"]),
                "Reported stolen" if stolen else "",
            )
        )
    header = [
        "source_id",
        "registration",
        "make",
        "model",
        "colour",
        "keeper_source_id",
        "stolen",
        "no_insurance",
        "station",
        "flag_note",
    ]
    return _csv(header, rows)


def _locations(rng) -> str:
    rows = []
    for number in range(1, 41):
        markers = ";".join(sorted(rng.sample(["DG", "PV", "WE"], rng.choice([0, 1, 1, 2]))))
        rows.append(
            (
                f"DL{number:04d}",
                f"{rng.randint(1, 250)} {rng.choice(STREETS)}",
                rng.choice(POSTCODES),
                markers,
                rng.choice(["HS", "FF", "SB"]),
            )
        )
    return _csv(["source_id", "address", "postcode", "markers", "station"], rows)


def _checks(officers) -> None:
    amira, tom = officers.get("PC1001"), officers.get("PC1002")
    if amira is None or tom is None:
        return
    made = check_person(
        officer=amira,
        device=None,
        name="Jon Smith Jones",
        birth_year=1988,
        reason="stop_account",
        reason_text="Matched description near Brook Green",
    )
    if made.hits:
        check_result_open(
            officer=amira,
            device=None,
            check_id=made.check.pk,
            object_type="person",
            object_id=made.hits[0].id,
        )
    check_vehicle(officer=amira, device=None, registration="L019 XYZ", reason="traffic")
    # Tom looks up the same person three times with no record to show for it.
    for _ in range(3):
        made = check_person(
            officer=tom,
            device=None,
            name="Aleksandr Petrov",
            reason="intelligence",
            reason_text="Local knowledge",
        )
        if made.hits:
            check_result_open(
                officer=tom,
                device=None,
                check_id=made.check.pk,
                object_type="person",
                object_id=made.hits[0].id,
            )
