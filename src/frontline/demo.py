"""The demo scenario: Hammersmith & Fulham, where the Met's 2014-15 tablet pilot ran.

Demo officers share one known password, printed by `frontline demo`. Loading refuses to run in
production, so these sign-ins can never exist on a live force's server.
"""

from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction

from frontline.accounts import roles
from frontline.accounts.models import Officer, Station, Team
from frontline.accounts.services import enrolment_code_issue, officer_create
from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.notebook.services import notebook_entry_create

DEMO_PASSWORD = "frontline-demo-2026"

# Each record app may offer `demo_load(officers=, stations=, teams=)` in its own demo module;
# `officers` is keyed by collar number, `stations` by code, `teams` by (station code, name).
RECORD_APP_DEMOS = [
    "frontline.stopsearch.demo",
    "frontline.statements.demo",
    "frontline.incidents.demo",
    "frontline.evidence.demo",
    "frontline.checks.demo",
    "frontline.tasking.demo",
    "frontline.devices.demo",
    "frontline.interop.demo",
    "frontline.evaluation.demo",
]

STATIONS = [
    ("HS", "Hammersmith", "226 Shepherd's Bush Road, London W6 7NX", "51.4967", "-0.2236"),
    ("FF", "Fulham", "Heckfield Place, London SW6 5NL", "51.4803", "-0.1993"),
    ("SB", "Shepherd's Bush", "252 Uxbridge Road, London W12 7JA", "51.5055", "-0.2280"),
]
TEAMS = [
    ("HS", "Response Team A"),
    ("HS", "Response Team B"),
    ("FF", "Neighbourhood"),
    ("SB", "Roads Policing"),
    ("HS", "Programme Office"),
]

# collar, given, family, rank, roles, station, team
OFFICERS = [
    ("PC1001", "Amira", "Hassan", "Police Constable", [roles.OFFICER], "HS", "Response Team A"),
    ("PC1002", "Tom", "Barker", "Police Constable", [roles.OFFICER], "HS", "Response Team A"),
    ("PC1003", "Grace", "Okafor", "Police Constable", [roles.OFFICER], "HS", "Response Team A"),
    ("PC1004", "Liam", "Walsh", "Police Constable", [roles.OFFICER], "HS", "Response Team A"),
    ("PC1005", "Priya", "Sharma", "Police Constable", [roles.OFFICER], "HS", "Response Team B"),
    ("PC1006", "Daniel", "Evans", "Police Constable", [roles.OFFICER], "HS", "Response Team B"),
    ("PC1007", "Chloe", "Martin", "Police Constable", [roles.OFFICER], "HS", "Response Team B"),
    ("PC1008", "Kwame", "Mensah", "Police Constable", [roles.OFFICER], "FF", "Neighbourhood"),
    ("PC1009", "Sophie", "Clarke", "Police Constable", [roles.OFFICER], "FF", "Neighbourhood"),
    ("PC1010", "Jack", "Murphy", "Police Constable", [roles.OFFICER], "SB", "Roads Policing"),
    ("PC1011", "Hannah", "Lewis", "Police Constable", [roles.OFFICER], "SB", "Roads Policing"),
    (
        "PS2001",
        "Mark",
        "Reynolds",
        "Police Sergeant",
        [roles.OFFICER, roles.SUPERVISOR],
        "HS",
        "Response Team A",
    ),
    (
        "PS2002",
        "Fatima",
        "Begum",
        "Police Sergeant",
        [roles.OFFICER, roles.SUPERVISOR],
        "HS",
        "Response Team B",
    ),
    (
        "PS2003",
        "Owen",
        "Price",
        "Police Sergeant",
        [roles.OFFICER, roles.SUPERVISOR],
        "FF",
        "Neighbourhood",
    ),
    (
        "IN3001",
        "Rachel",
        "Green",
        "Inspector",
        [roles.OFFICER, roles.SUPERVISOR],
        "SB",
        "Roads Policing",
    ),
    ("ST4001", "Sam", "Turner", "Fleet Manager", [roles.FLEET_MANAGER], "HS", "Programme Office"),
    ("ST4002", "Nadia", "Ali", "Programme Lead", [roles.EVALUATOR], "HS", "Programme Office"),
    ("ST4003", "Peter", "Hughes", "Information Manager", [roles.AUDITOR], "HS", "Programme Office"),
    ("ST4004", "Elena", "Novak", "System Administrator", [roles.ADMIN], "HS", "Programme Office"),
    ("ST4005", "Chris", "Doyle", "Finance Lead", [roles.EVALUATOR], "HS", "Programme Office"),
]


@dataclass
class DemoSummary:
    created: bool
    officers: list[Officer]
    enrolment_code: str


def demo_load() -> DemoSummary:
    """Load the scenario once; later runs only issue a fresh enrolment code."""
    if settings.PRODUCTION:
        raise RuntimeError("the demo scenario cannot be loaded in production")
    created = not Station.objects.filter(code="HS").exists()
    if created:
        with transaction.atomic():
            _load()
    code = enrolment_code_issue(actor=None, label="demo device").code
    # Only the named sign-ins: the fleet demo adds pilot officers who have no password.
    named = [row[0] for row in OFFICERS]
    officers = list(
        Officer.objects.select_related("team")
        .filter(collar_number__in=named)
        .order_by("collar_number")
    )
    return DemoSummary(created=created, officers=officers, enrolment_code=code)


def demo_describe(summary: DemoSummary, base_url: str) -> str:
    lines = [
        "",
        "Frontline demo" + (" (loaded now)" if summary.created else " (already loaded)"),
        f"  Back office:  {base_url}/office/",
        f"  Officer app:  {base_url}/app/",
        f"  API docs:     {base_url}/api/v1/docs",
        f"  Django admin: {base_url}/admin/  (sign in as ST4004)",
        "",
        f"Demo sign-ins (password for all: {DEMO_PASSWORD}):",
    ]
    for officer in summary.officers:
        team = officer.team.name if officer.team else ""
        lines.append(
            f"  {officer.collar_number:<8} {officer.rank:<22} {', '.join(officer.roles):<22} {team}"
        )
    lines += ["", f"Device enrolment code (valid 30 minutes, once): {summary.enrolment_code}", ""]
    return "\n".join(lines)


def _load() -> None:
    stations = {}
    for code, name, address, lat, lon in STATIONS:
        stations[code] = Station.objects.create(
            code=code, name=name, address=address, latitude=lat, longitude=lon
        )
    teams = {}
    for code, name in TEAMS:
        teams[(code, name)] = Team.objects.create(station=stations[code], name=name)
    officers = {}
    for collar, given, family, rank, officer_roles, station, team in OFFICERS:
        officers[collar] = officer_create(
            collar_number=collar,
            given_name=given,
            family_name=family,
            password=DEMO_PASSWORD,
            rank=rank,
            officer_roles=officer_roles,
            station=stations[station],
            team=teams[(station, team)],
        )
    _notebook(officers["PC1001"])
    for module_name in RECORD_APP_DEMOS:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.demo_load(officers=officers, stations=stations, teams=teams)


def _notebook(officer: Officer) -> None:
    start = now() - timedelta(hours=3)
    texts = [
        "On duty at Hammersmith. Briefed by PS Reynolds: burglary series, Brackenbury Village.",
        "Attended King Street re: report of shoplifting. Suspect left before arrival. CCTV "
        "requested from store manager.",
        "Spoke to witness outside 14 Glenthorne Road; details taken for a statement.",
    ]
    entries = []
    for index, text in enumerate(texts):
        entries.append(
            notebook_entry_create(
                officer=officer,
                entry_id=uuid7(),
                kind="entry",
                occurred_at=start + timedelta(minutes=40 * index),
                text=text,
            ).entry
        )
    notebook_entry_create(
        officer=officer,
        entry_id=uuid7(),
        kind="correction",
        occurred_at=start + timedelta(minutes=95),
        text="Correction to previous entry: the address is 41 Glenthorne Road, not 14.",
        supersedes_id=entries[2].pk,
    )
    notebook_entry_create(
        officer=officer,
        entry_id=uuid7(),
        kind="sign_off",
        occurred_at=start + timedelta(minutes=120),
        text="Entries above are a true record. PC1001 A. Hassan.",
    )
