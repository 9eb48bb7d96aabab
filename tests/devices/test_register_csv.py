"""The register as CSV: an import is all or nothing with a report of every rejected row; the
export reads back in; the `frontline import devices` and `frontline export devices` commands."""

import pytest

from frontline import cli
from frontline.audit.models import AuditEvent
from frontline.devices.models import FleetDevice, LifecycleEvent
from frontline.devices.register_csv import devices_export, devices_import
from tests.devices.helpers import device, ipad

HEADER = (
    "asset_tag,serial_number,imei,make,model,os_version,purchase_date,purchase_cost_pence,"
    "supplier,warranty_end,station,assigned_officer,status\n"
)
BOUGHT = "iOS 17.5,2024-07-01,39900,Computacenter,2027-07-01"
GOOD = [
    f"MPS-A0001,SER0001,356938035643809,Apple,iPad Air 2,{BOUGHT},HS,,\n",
    f"MPS-A0002,SER0002,,Apple,iPad Air 2,{BOUGHT},HS,PC1,issued\n",
]


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(rows)).encode()


def test_a_clean_file_imports_every_row_with_its_history(officer, fleet_manager):
    ipad()
    stages = []

    report = devices_import(
        data=_csv(*GOOD),
        actor=fleet_manager,
        source="register.csv",
        progress=lambda stage, done, total: stages.append((stage, done, total)),
    )

    assert report.ok and (report.rows, report.imported) == (2, 2)
    issued = FleetDevice.objects.get(asset_tag="MPS-A0002")
    assert (issued.status, issued.assigned_officer) == ("issued", officer)
    assert [e.event for e in issued.events.all()] == ["received", "issued"]
    assert FleetDevice.objects.get(asset_tag="MPS-A0001").station.code == "HS"
    assert stages[-1] == ("imported", 2, 2)
    assert AuditEvent.objects.filter(action="devices.import").count() == 1


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("MPS-B1,SERB1,,Apple,iPad Pro,,,,,,,,\n", "model", "not in the catalogue"),
        ("MPS-B1,SERB1,,Apple,iPad Air 2,,,,,,ZZ,,\n", "station", "no station"),
        ("MPS-A0001,SERB1,,Apple,iPad Air 2,,,,,,,,\n", "asset_tag", "also on line 2"),
        ("MPS-B1,SER0001,,Apple,iPad Air 2,,,,,,,,\n", "serial_number", "also on line 2"),
        ("MPS-T00077,SERB1,,Apple,iPad Air 2,,,,,,,,\n", "asset_tag", "already registered"),
        ("MPS-B1,SERB1,12345,Apple,iPad Air 2,,,,,,,,\n", "imei", "15 digits"),
        ("MPS-B1,SERB1,,Apple,iPad Air 2,,01/07/2024,,,,,,\n", "purchase_date", "not a date"),
        ("MPS-B1,SERB1,,Apple,iPad Air 2,,,£399,,,,,\n", "purchase_cost_pence", "pence"),
        ("MPS-B1,SERB1,,Apple,iPad Air 2,,,,,,,,lost\n", "status", "in stock or issued"),
        ("MPS-B1,SERB1,,Apple,iPad Air 2,,,,,,,,issued\n", "assigned_officer", "needs its officer"),
        ("MPS-B1,SERB1,,Apple,iPad Air 2,,,,,,,PC404,issued\n", "assigned_officer", "PC404"),
    ],
)
def test_one_bad_row_rejects_the_whole_file_and_says_why(officer, row, field, words):
    device(asset_tag="MPS-T00077")
    before = (
        FleetDevice.objects.count(),
        LifecycleEvent.objects.count(),
        AuditEvent.objects.count(),
    )

    report = devices_import(data=_csv(GOOD[0], row, GOOD[1]), actor=None, source="bad.csv")

    assert report.imported == 0
    assert [(bad.line, bad.field) for bad in report.rejected] == [(3, field)]
    assert words in report.rejected[0].message
    assert (
        FleetDevice.objects.count(),
        LifecycleEvent.objects.count(),
        AuditEvent.objects.count(),
    ) == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (b"asset_tag,serial_number\nA,B\n", "header"),
        (b"asset_tag,serial_number,make,model,colour\n", "header"),
        (HEADER.encode(), "file"),
        (b"\xff\xfe not utf-8", "file"),
    ],
)
def test_a_malformed_file_is_refused_whole(db, data, field):
    report = devices_import(data=data, actor=None, source="x.csv")

    assert report.imported == 0 and report.rejected[0].field == field
    assert FleetDevice.objects.count() == 0


def test_the_export_reads_back_in(officer, fleet_manager):
    ipad()
    devices_import(data=_csv(*GOOD), actor=None, source="register.csv")
    exported = devices_export()

    lines = exported.splitlines()
    assert lines[0].startswith(HEADER.strip()) and lines[0].endswith(",last_contact_at")
    assert lines[2].startswith("MPS-A0002,SER0002,,Apple,iPad Air 2,iOS 17.5,2024-07-01,39900,")
    assert ",HS,PC1,issued," in lines[2]
    refused = devices_import(data=exported.encode(), actor=None, source="again.csv")
    assert [bad.field for bad in refused.rejected] == ["asset_tag", "asset_tag"]


def test_the_import_command_shows_progress_and_reports_rejections(officer, tmp_path, capsys):
    ipad()
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(_csv(*GOOD))
    bad.write_bytes(_csv("MPS-C1,SERC1,,Nokia,3310,,,,,,,,\n"))

    assert cli.main(["import", "devices", str(bad)]) == 1
    refused = capsys.readouterr()
    assert cli.main(["import", "devices", str(good)]) == 0
    imported = capsys.readouterr()

    assert "line 2: model: Nokia 3310 is not in the catalogue" in refused.err
    assert "Imported 2 devices from good.csv." in imported.out
    assert "[##############################] 2/2" in imported.err
    assert cli.main(["export", "devices"]) == 0
    assert "MPS-A0001" in capsys.readouterr().out
