"""Demo stop and search records: a month of searches across the H&F response, neighbourhood and
roads officers, with a plausible spread of powers, objects, outcomes and ethnicities."""

import random
import secrets
import uuid
from datetime import timedelta
from decimal import Decimal

from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.stopsearch import services, vocab
from frontline.stopsearch.urn import urn_make

RECORDS = 96
SEED = 2026
DEMO_DEVICES = uuid.UUID("5b1e4c2a-0000-4000-8000-000000000000")
OFFICERS = [f"PC{1000 + n}" for n in range(1, 12)] + ["PS2001", "PS2002", "PS2003"]
STREETS = [
    ("King Street", "51.4927", "-0.2297"),
    ("Fulham Palace Road", "51.4850", "-0.2200"),
    ("Shepherd's Bush Green", "51.5036", "-0.2226"),
    ("Uxbridge Road", "51.5066", "-0.2330"),
    ("North End Road", "51.4835", "-0.1996"),
    ("Goldhawk Road", "51.5013", "-0.2361"),
    ("Hammersmith Broadway", "51.4920", "-0.2230"),
    ("Fulham Broadway", "51.4802", "-0.1953"),
    ("White City Estate", "51.5122", "-0.2335"),
    ("Lillie Road", "51.4846", "-0.2079"),
]
# (legislation, weight, objects of search)
POWERS = [
    (vocab.MISUSE_OF_DRUGS, 58, ["Controlled drugs"]),
    (
        vocab.PACE_S1,
        24,
        [
            "Stolen goods",
            "Offensive weapons",
            "Article for use in theft",
            "Articles for use in criminal damage",
            "Fireworks",
        ],
    ),
    (vocab.CJPOA_S60, 8, ["Offensive weapons"]),
    (vocab.CJA_S139B, 4, ["Offensive weapons"]),
    (vocab.FIREARMS_S47, 3, ["Firearms"]),
    (vocab.PSYCHOACTIVE, 3, ["Psychoactive substances"]),
]
OUTCOMES = [
    (vocab.NO_FURTHER_ACTION, 68),
    (vocab.ARREST, 13),
    ("Community resolution", 7),
    ("Khat or Cannabis warning", 6),
    ("Summons / charged by post", 3),
    ("Penalty Notice for Disorder", 2),
    ("Caution (simple or conditional)", 1),
]
ETHNICITIES = {
    "W1": 26, "W2": 3, "W9": 10, "M1": 5, "M2": 2, "M3": 1, "M9": 2, "A1": 3, "A2": 2,
    "A3": 2, "A4": 1, "A9": 2, "B1": 10, "B2": 12, "B9": 4, "O2": 4, "O9": 3, "NS": 8,
}  # fmt: skip
GROUNDS = {
    "Controlled drugs": "Strong smell of cannabis from the person; seen passing a small item.",
    "Stolen goods": "Matches the description of a suspect in a theft from a shop nearby.",
    "Offensive weapons": "Seen concealing a long object in the waistband on seeing police.",
    "Article for use in theft": "Seen trying car door handles along the street.",
    "Articles for use in criminal damage": "Fresh paint on hands beside new graffiti.",
    "Fireworks": "Seen throwing a lit firework towards passers-by.",
    "Firearms": "Information received that the person is carrying a handgun.",
    "Psychoactive substances": "Seen inhaling from a balloon; canisters at their feet.",
}


def demo_load(*, officers, stations, teams) -> None:
    rng = random.Random(SEED)  # noqa: S311 (repeatable demo data, not secrets)
    searchers = [officers[collar] for collar in OFFICERS if collar in officers]
    sequences = dict.fromkeys(officer.pk for officer in searchers)
    start = now() - timedelta(days=30)
    for _ in range(RECORDS):
        officer = rng.choice(searchers)
        sequences[officer.pk] = (sequences[officer.pk] or 0) + 1
        device_id = uuid.uuid5(DEMO_DEVICES, officer.collar_number)
        occurred_at = start.replace(second=0, microsecond=0) + timedelta(
            minutes=rng.randrange(30 * 24 * 60 - 30)
        )
        services.stop_search_record(
            officer=officer,
            record_id=uuid7(),
            details=_details(
                rng,
                urn=urn_make(
                    station_code=officer.station.code,
                    device_id=device_id,
                    seq=sequences[officer.pk],
                ),
                occurred_at=occurred_at,
                roads=officer.team is not None and officer.team.name == "Roads Policing",
            ),
            app_version="demo",
        )


def _details(rng, *, urn, occurred_at, roads) -> dict:
    legislation = _weighted(rng, [(power, weight) for power, weight, _ in POWERS])
    object_of_search = rng.choice(next(objs for power, _, objs in POWERS if power == legislation))
    outcome = _weighted(rng, OUTCOMES)
    if outcome == "Khat or Cannabis warning" and object_of_search != "Controlled drugs":
        outcome = vocab.NO_FURTHER_ACTION
    kinds = [(vocab.PERSON_SEARCH, 80), (vocab.PERSON_AND_VEHICLE_SEARCH, 14)]
    kinds.append((vocab.VEHICLE_SEARCH, 6))
    if roads:
        kinds = [(vocab.PERSON_AND_VEHICLE_SEARCH, 50), (vocab.VEHICLE_SEARCH, 20)]
        kinds.append((vocab.PERSON_SEARCH, 30))
    search_type = _weighted(rng, kinds)
    person = search_type in vocab.PERSON_TYPES
    street, latitude, longitude = rng.choice(STREETS)
    no_suspicion = legislation in vocab.NO_SUSPICION_POWERS
    code = _weighted(rng, list(ETHNICITIES.items())) if person else None
    return {
        "urn": urn,
        "receipt_token": secrets.token_urlsafe(16),
        "type": search_type,
        "occurred_at": occurred_at,
        "latitude": Decimal(latitude),
        "longitude": Decimal(longitude),
        "street_name": street,
        "operation": no_suspicion,
        "operation_name": "Operation Tarlton" if no_suspicion else "",
        "gender": _weighted(rng, [("Male", 86), ("Female", 13), ("Other", 1)]) if person else None,
        "age_range": _weighted(rng, [("10-17", 18), ("18-24", 38), ("25-34", 26), ("over 34", 18)])
        if person
        else None,
        "self_defined_ethnicity": code,
        "officer_defined_ethnicity": None,
        "legislation": legislation,
        "object_of_search": object_of_search,
        "grounds": "" if no_suspicion else GROUNDS[object_of_search],
        "authorisation_reference": "S60/HF/2026/014" if no_suspicion else "",
        "officer_name_withheld": rng.random() < 0.05,
        "vehicle_registration": _registration(rng) if search_type in vocab.VEHICLE_TYPES else "",
        "outcome": outcome,
        "outcome_linked_to_object_of_search": (
            None if outcome == vocab.NO_FURTHER_ACTION else rng.random() < 0.7
        ),
        "removal_of_more_than_outer_clothing": (rng.random() < 0.03) if person else None,
        "person_name": "",
        "person_address": "",
        "person_date_of_birth": None,
    }


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _registration(rng) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    return (
        "".join(rng.choice(letters) for _ in range(2))
        + f"{rng.randrange(10, 75):02d}"
        + "".join(rng.choice(letters) for _ in range(3))
    )
