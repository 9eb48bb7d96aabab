"""A labelled corpus for search quality: people and vehicles to find among look-alike
distractors, and the queries officers might type for them, with the expected match."""

import csv
import io
import random

# source_id, given, family, date of birth, aliases ("given/family|...")
TARGETS = [
    ("T01", "Mohammed", "Khan", "1990-03-14", ""),
    ("T02", "Aleksandr", "Petrov", "1985-07-02", ""),
    ("T03", "Yevgeny", "Ivanov", "1979-11-30", ""),
    ("T04", "William", "Thompson", "1992-01-09", ""),
    ("T05", "Robert", "Johnson", "1988-05-21", ""),
    ("T06", "Catherine", "O'Neill", "1995-08-17", ""),
    ("T07", "Stephen", "Smith-Jones", "1983-12-05", ""),
    ("T08", "Elizabeth", "Lloyd Webber", "1975-04-11", ""),
    ("T09", "Siobhan", "Murphy", "1991-02-28", ""),
    ("T10", "José", "García-López", "1987-06-19", ""),
    ("T11", "Krzysztof", "Wójcik", "1993-10-03", ""),
    ("T12", "Minh", "Nguyen", "1998-09-09", ""),
    ("T13", "Oluwaseun", "Adeyemi", "1996-01-25", ""),
    ("T14", "Michael", "MacDonald", "1980-07-07", ""),
    ("T15", "Jennifer", "Featherstonehaugh", "1989-03-03", ""),
    ("T16", "Anthony", "Hughes", "1970-12-12", ""),
    ("T17", "Darren", "Clarke", "1984-02-14", "Daz/Clark"),
    ("T18", "Sean", "O'Connor", "1999-05-05", ""),
    ("T19", "Chloe", "Ferguson", "2001-11-11", ""),
    ("T20", "Yusuf", "Abdullahi", "1994-04-04", ""),
]

# query, date filter (field, value) or None, expected source id, what it tests
PERSON_QUERIES = [
    ("Muhammad Khan", None, "T01", "transliteration"),
    ("Mohamed Khan", ("birth_year", 1990), "T01", "transliteration"),
    ("Alexander Petrov", None, "T02", "transliteration"),
    ("Aleksander Petroff", None, "T02", "transliteration"),
    ("Evgeny Ivanov", None, "T03", "transliteration"),
    ("Yevgeniy Ivanov", ("date_of_birth", "1979-11-30"), "T03", "transliteration"),
    ("Jose Garcia Lopez", None, "T10", "transliteration"),
    ("Krzysztof Wojcik", None, "T11", "transliteration"),
    ("Youssef Abdullahi", None, "T20", "transliteration"),
    ("Yusuf Abdulahi", ("age", 32), "T20", "transliteration"),
    ("Bill Thompson", None, "T04", "nickname"),
    ("Bob Johnson", ("birth_year", 1988), "T05", "nickname"),
    ("Kate O'Neill", None, "T06", "nickname"),
    ("Steve Smith-Jones", None, "T07", "nickname"),
    ("Liz Lloyd Webber", None, "T08", "nickname"),
    ("Mike MacDonald", None, "T14", "nickname"),
    ("Tony Hughes", ("date_of_birth", "1970-12-12"), "T16", "nickname"),
    ("Jenny Featherstonehaugh", None, "T15", "nickname"),
    ("Wiliam Tompson", None, "T04", "misspelling"),
    ("Robert Jonson", None, "T05", "misspelling"),
    ("Katherine ONeil", None, "T06", "misspelling"),
    ("Catherine Oneill", None, "T06", "misspelling"),
    ("Elizabeth Loyd Weber", None, "T08", "misspelling"),
    ("Shiobhan Murphy", None, "T09", "misspelling"),
    ("Siobhan Murphey", None, "T09", "misspelling"),
    ("Micheal MacDonald", None, "T14", "misspelling"),
    ("Michael McDonald", None, "T14", "misspelling"),
    ("Jenifer Featherstonhaugh", None, "T15", "misspelling"),
    ("Antony Hughs", None, "T16", "misspelling"),
    ("Oluwasegun Adeyemi", None, "T13", "misspelling"),
    ("Chloe Fergusson", ("age", 25), "T19", "misspelling"),
    ("Shaun O'Conner", None, "T18", "misspelling"),
    ("Khan Mohammed", None, "T01", "swapped"),
    ("Petrov Aleksandr", None, "T02", "swapped"),
    ("Murphy Siobhan", ("birth_year", 1991), "T09", "swapped"),
    ("Hughes Anthony", None, "T16", "swapped"),
    ("Nguyen Minh", None, "T12", "swapped"),
    ("Ferguson Chloe", None, "T19", "swapped"),
    ("Stephen Jones", None, "T07", "hyphenated"),
    ("Stephen Smith", ("birth_year", 1983), "T07", "hyphenated"),
    ("Stephen Smith Jones", None, "T07", "hyphenated"),
    ("Elizabeth Webber", None, "T08", "double-barrelled"),
    ("Elizabeth Lloyd-Webber", None, "T08", "double-barrelled"),
    ("Jose Lopez", None, "T10", "hyphenated"),
    ("Garcia-Lopez Jose", None, "T10", "hyphenated"),
    ("Daz Clark", None, "T17", "alias"),
    ("Darren Clark", None, "T17", "alias"),
]


def _words(text: str) -> list[str]:
    return text.split()


GIVEN = _words(
    "James John Robert Michael William David Richard Joseph Thomas Charles Mohammed Ali Ahmed "
    "Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Chloe Emma Olivia Amelia "
    "Sean Stephen Steven Anthony Daniel Mark Paul Andrew Joshua Kevin Brian George Aleksandr Ivan "
    "Sergei Dmitri Olga Anna Maria Jose Juan Carlos Luis Minh Thi Oluwaseun Chinedu Yusuf"
)
FAMILY = _words(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
    "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen "
    "Khan Ahmed Ali Hussain Murphy Kelly Ivanov Petrov Smirnov Garcia Lopez Nguyen Tran Adeyemi "
    "Okafor MacDonald Ferguson O'Connor O'Neill Webber Lloyd Abdullahi Wojcik Nowak"
)


def distractors(count: int = 400, seed: int = 5) -> list[tuple]:
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        year = rng.randint(1950, 2005)
        birth = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append((f"D{number:04d}", rng.choice(GIVEN), rng.choice(FAMILY), birth, ""))
    return rows


def persons_csv(rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["source_id", "given_name", "family_name", "date_of_birth", "aliases"])
    writer.writerows(rows)
    return out.getvalue()


# source_id, registration, stolen
VEHICLES = [
    ("V01", "AB12 CDE", "no"),
    ("V02", "LO19 XYZ", "yes"),
    ("V03", "SK08 ABC", "no"),
    ("V04", "WI10 ILS", "no"),
    ("V05", "BD51 SMR", "yes"),
    ("V06", "YX66 OOP", "no"),
]
PLATE_QUERIES = [
    ("AB12CDE", "V01", "whole"),
    ("ab12 cde", "V01", "case and spacing"),
    ("AB12 C?E", "V01", "one unknown character"),
    ("AB12*", "V01", "start known"),
    ("*2CDE", "V01", "end known"),
    ("L019XYZ", "V02", "O read as 0"),
    ("LO19*", "V02", "start known"),
    ("*XYZ", "V02", "end known"),
    ("5K08ABC", "V03", "S read as 5"),
    ("SK08*", "V03", "start known"),
    ("W110 1L5", "V04", "I read as 1, S as 5"),
    ("WI10 ?L?", "V04", "two unknown characters"),
    ("BD51 5MR", "V05", "S read as 5"),
    ("B?51SMR", "V05", "one unknown character"),
    ("YX66 00P", "V06", "O read as 0"),
    ("*OOP", "V06", "end known"),
]


def random_plates(count: int = 300, seed: int = 7) -> list[tuple]:
    rng = random.Random(seed)
    letters = "ABCDEFGHJKLMNOPRSTUVWXYZ"
    rows = []
    for number in range(count):
        plate = (
            "".join(rng.choice(letters) for _ in range(2))
            + f"{rng.randint(1, 99):02d} "
            + "".join(rng.choice(letters) for _ in range(3))
        )
        rows.append((f"R{number:04d}", plate, "no"))
    return rows


def vehicles_csv(rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["source_id", "registration", "stolen"])
    writer.writerows(rows)
    return out.getvalue()
