"""Search quality on a labelled set: name variants and partial plates among distractors.
Recall@10 must stay at or above 0.95; the figures are printed (pytest -s) for the record."""

import pytest

from frontline.checks import plates, search
from frontline.checks.imports import reference_import
from frontline.checks.models import Person, Vehicle
from tests.checks import corpus

RECALL_FLOOR = 0.95
TOP_FLOOR = 0.85


@pytest.fixture
def people(db):
    text = corpus.persons_csv(corpus.TARGETS + corpus.distractors())
    assert reference_import(kind="persons", text=text).written
    return dict(Person.objects.values_list("pk", "source_id"))


@pytest.fixture
def vehicles(db):
    text = corpus.vehicles_csv(corpus.VEHICLES + corpus.random_plates())
    assert reference_import(kind="vehicles", text=text).written
    return dict(Vehicle.objects.values_list("pk", "source_id"))


def _person_query(text, date_filter):
    kwargs = {date_filter[0]: date_filter[1]} if date_filter else {}
    return search.person_query_parse(name=text, **kwargs)


def test_name_variants_are_found_in_the_top_ten(people):
    found, top, misses, strong, strong_right = 0, 0, [], 0, 0
    for text, date_filter, expected, what in corpus.PERSON_QUERIES:
        hits = search.persons_search(_person_query(text, date_filter), limit=10)
        ids = [people[hit.id] for hit in hits]
        if expected in ids:
            found += 1
        else:
            misses.append((text, what, ids[:3]))
        top += bool(ids) and ids[0] == expected
        for hit in hits:
            if hit.score >= search.STRONG:
                strong += 1
                strong_right += people[hit.id] == expected
    total = len(corpus.PERSON_QUERIES)
    recall, precision_at_1 = found / total, top / total
    print(
        f"\nnames: {total} queries, recall@10 {recall:.3f}, precision@1 {precision_at_1:.3f}, "
        f"strong-match precision {strong_right}/{strong}; misses: {misses}"
    )
    assert recall >= RECALL_FLOOR, misses
    assert precision_at_1 >= TOP_FLOOR


@pytest.mark.parametrize("kind", ["transliteration", "nickname", "misspelling", "swapped"])
def test_each_kind_of_variant_finds_someone_right(people, kind):
    queries = [q for q in corpus.PERSON_QUERIES if q[3] == kind]
    found = sum(
        expected
        in [people[hit.id] for hit in search.persons_search(_person_query(text, f), limit=10)]
        for text, f, expected, _ in queries
    )
    assert found / len(queries) >= RECALL_FLOOR


def test_partial_and_misread_plates_are_found(vehicles):
    found, top, precise, returned, misses = 0, 0, 0, 0, []
    for text, expected, what in corpus.PLATE_QUERIES:
        hits = search.vehicles_search(plates.plate_pattern_parse(text), limit=10)
        ids = [vehicles[hit.id] for hit in hits]
        found += expected in ids
        top += bool(ids) and ids[0] == expected
        precise += ids.count(expected)
        returned += len(ids)
        if expected not in ids:
            misses.append((text, what, ids))
    total = len(corpus.PLATE_QUERIES)
    print(
        f"\nplates: {total} queries, recall@10 {found / total:.3f}, precision@1 "
        f"{top / total:.3f}, precision {precise}/{returned}"
    )
    assert found / total >= RECALL_FLOOR, misses
    assert top / total >= TOP_FLOOR


def test_an_unrelated_name_finds_nobody(people):
    hits = search.persons_search(search.person_query_parse(name="Xavier Quaglieri"))
    assert hits == []
