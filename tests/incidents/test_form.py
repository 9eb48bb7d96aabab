"""The report form the officer app caches: exactly the words a report accepts, for offline use."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.incidents import vocab


def test_the_form_offers_every_category_role_and_kind_a_report_accepts(api_factory, officer):
    form = api_factory(officer).get("/api/v1/incidents/form").json()

    offered = [c["value"] for c in form["crime_categories"] + form["non_crime_categories"]]
    assert offered == list(vocab.CATEGORIES)
    assert {c["value"] for c in form["crime_categories"]} >= {"burglary", "robbery", "drugs"}
    assert [r["value"] for r in form["person_roles"]] == list(vocab.PERSON_ROLES)
    assert [k["value"] for k in form["object_kinds"]] == list(vocab.OBJECT_KINDS)
    assert form["editable_statuses"] == ["draft", "returned"]
    assert form["narrative_max"] == vocab.NARRATIVE_MAX


def test_the_form_asks_the_database_nothing_beyond_authentication(api_factory, officer):
    api = api_factory(officer)
    api.get("/api/v1/incidents/conflicts")
    with CaptureQueriesContext(connection) as bare:
        api.get("/api/v1/stop-searches/gowisely")
    with CaptureQueriesContext(connection) as form:
        assert api.get("/api/v1/incidents/form").status_code == 200

    assert len(form.captured_queries) == len(bare.captured_queries)
