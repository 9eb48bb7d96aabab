"""`frontline import`: an idempotent upsert by source id, every rejected row reported, never
half-imported."""

import pytest

from frontline.audit.models import AuditEvent
from frontline.checks.imports import reference_import
from frontline.checks.models import Marker, Person, PersonAlias, PersonKey, PersonMarker, Vehicle
from frontline.cli import main
from tests.checks.helpers import MARKERS_CSV, load_reference

HEADER = "source_id,given_name,family_name,date_of_birth,markers,aliases\n"


@pytest.fixture
def markers(db):
    assert reference_import(kind="markers", text=MARKERS_CSV).written


def test_bad_rows_are_all_reported_and_nothing_is_imported(markers):
    text = HEADER + (
        "A1,Ann,Able,1980-01-01,VI,\n"
        "A2,Bob,Baker,1980-02-30,,\n"
        "A3,Cat,Cole,1981-01-01,XX,\n"
        "A1,Dan,Dale,1982-01-01,,\n"
        "A5,,Eve,1983-01-01,,\n"
    )

    report = reference_import(kind="persons", text=text)

    assert not report.written
    assert [(r.row, r.field) for r in report.rejected] == [
        (3, "date_of_birth"),
        (4, "markers"),
        (5, "source_id"),
        (6, "given_name"),
    ]
    assert "duplicate of row 2" in report.rejected[2].reason
    assert "'XX'" in report.rejected[1].reason
    assert Person.objects.count() == PersonKey.objects.count() == 0


def test_with_skip_invalid_the_good_rows_are_imported_whole(markers):
    text = HEADER + "A1,Ann,Able,1980-01-01,VI,Annie/Able\nA2,Bob,Baker,1980-02-30,,\n"

    report = reference_import(kind="persons", text=text, skip_invalid=True)

    assert report.written and (report.created, len(report.rejected)) == (1, 1)
    person = Person.objects.get()
    assert person.source_id == "A1"
    assert PersonAlias.objects.get().given_name == "Annie"
    assert PersonMarker.objects.get().marker.code == "VI"
    assert PersonKey.objects.filter(person=person).count() > 5
    assert AuditEvent.objects.filter(object_type="checks.persons").count() == 1


def test_importing_again_updates_by_source_id_without_duplicates(markers):
    reference_import(kind="persons", text=HEADER + "A1,Ann,Able,1980-01-01,VI,Annie/Able\n")
    first_id = Person.objects.get().pk

    report = reference_import(kind="persons", text=HEADER + "A1,Anne,Able,1980-01-02,WE,\n")

    assert (report.created, report.updated) == (0, 1)
    person = Person.objects.get()
    assert (person.pk, person.given_name, str(person.date_of_birth)) == (
        first_id,
        "Anne",
        "1980-01-02",
    )
    assert [m.marker.code for m in PersonMarker.objects.all()] == ["WE"]
    assert PersonAlias.objects.count() == 0
    assert PersonKey.objects.filter(key="dann").exists()
    assert not PersonKey.objects.filter(key="dannie").exists()


def test_a_file_with_a_missing_or_unknown_column_is_refused(db):
    report = reference_import(kind="vehicles", text="source_id,plate\nV1,AB12CDE\n")

    assert [(r.row, r.field) for r in report.rejected] == [(1, "registration"), (1, "plate")]
    assert Vehicle.objects.count() == 0


def test_a_vehicle_keeper_must_be_a_known_person(station):
    load_reference()
    text = "source_id,registration,keeper_source_id,stolen\nV9,XY12ABC,P404,yes\n"

    report = reference_import(kind="vehicles", text=text)

    assert [(r.row, r.field) for r in report.rejected] == [(2, "keeper_source_id")]


def test_the_command_imports_with_a_progress_bar_and_reports_rejections(db, tmp_path, capsys):
    good = tmp_path / "markers.csv"
    good.write_text(MARKERS_CSV, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("source_id,code,description,valid_from\nM9,ZZ,Test,2026-13-01\n")

    assert main(["import", "markers", str(good)]) == 0
    out = capsys.readouterr()
    assert "Imported markers: 3 created, 0 updated, 0 rejected." in out.out
    assert "3/3 rows" in out.err
    assert main(["import", "markers", str(bad)]) == 1
    out = capsys.readouterr()
    assert "row 2: valid_from: not a date" in out.err
    assert Marker.objects.count() == 3
