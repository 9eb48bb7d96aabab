"""Reference data for check tests, loaded through the real import path."""

from frontline.checks.imports import reference_import

REASON = {"reason": "stop_account", "reason_text": "spoke to him outside the station"}

MARKERS_CSV = """source_id,code,description
M1,VI,Violent
M2,WE,Weapons
M3,DG,Dog on premises
"""

PERSONS_CSV = """\
source_id,given_name,family_name,date_of_birth,aliases,markers,wanted,missing,station,\
addresses,identifiers
P1,John,Smith,1980-02-01,Johnny/Smyth,VI;WE,yes,no,HS,1 High Street W6,pnc=80/1234A
P2,Jane,Smith,1985-03-04,,,no,yes,HS,,
P3,Peter,Jones,1970-05-06,,,no,no,,,
"""

VEHICLES_CSV = """source_id,registration,make,model,colour,keeper_source_id,stolen,station
V1,AB12 CDE,Ford,Focus,Blue,P1,yes,HS
V2,AB12 CDF,Vauxhall,Corsa,Red,,no,HS
"""

LOCATIONS_CSV = """source_id,address,postcode,markers,station
L1,14 Fulham Palace Road,W6 9PL,DG,HS
L2,22 Goldhawk Road,W12 8QP,,
"""


def load_reference() -> None:
    for kind, text in [
        ("markers", MARKERS_CSV),
        ("persons", PERSONS_CSV),
        ("vehicles", VEHICLES_CSV),
        ("locations", LOCATIONS_CSV),
    ]:
        report = reference_import(kind=kind, text=text)
        assert report.written, report.rejected
