"""The demo loads reference data to search, a briefing and tasks, and a misuse signal."""

from frontline import demo
from frontline.checks import selectors
from frontline.checks.models import Check, Location, Person, Vehicle
from frontline.checks.search import person_query_parse, persons_search
from frontline.tasking.models import Briefing, Task


def test_the_demo_has_reference_data_briefings_and_tasks(db):
    demo.demo_load()

    assert Person.objects.count() == 300
    assert Person.objects.filter(wanted=True).exists()
    assert Person.objects.filter(missing=True).exists()
    assert Vehicle.objects.filter(stolen=True).count() >= 5
    assert Location.objects.filter(location_markers__isnull=False).exists()
    hits = persons_search(person_query_parse(name="Jon Smith-Jones"))
    assert hits[0].record.source_id == "DP0001" and hits[0].alert
    assert Briefing.objects.count() == 2 and Task.objects.count() == 2
    assert Check.objects.count() == 5
    assert [s.rule for s in selectors.misuse_signals()] == ["repeated"]
