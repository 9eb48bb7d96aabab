"""The demo programme: the Met's Hammersmith & Fulham tablet pilot (2014-15) replayed on this
platform. Its ledger reproduces the pilot's £6.0m; its usage is whatever the demo's officers
record through the real record services, here and in the other apps' demos; its options,
criteria and plan are illustrative inputs an evaluator would set. The hardware options are
made from the fleet's catalogue and the rollout plan is measured against the fleet register, so
the fleet demo (frontline.devices.demo) loads first.

The measured window is the demo's last four weeks (records reach the server now), while the
ledger keeps the pilot's own 2014-15 dates. The pilot officers' shifts are sign-in sessions
(day, late and night shifts), so usage counts the shifts they worked; the other apps' demos
make their records without signing in, and those count on their London day (decision 8).
"""

import random
import secrets
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings

from frontline.accounts.models import DeviceSession
from frontline.accounts.services import device_enrol, enrolment_code_issue, secret_hash
from frontline.audit.services import audit_record
from frontline.common.clock import london_today
from frontline.common.ids import uuid7
from frontline.devices.selectors import device_model_by_name
from frontline.evaluation import catalogue, services
from frontline.evaluation.usage import LONDON
from frontline.notebook.services import notebook_entry_create

SLUG = "hf-pilot"
SEED = 2014
DAYS = 28
DEVICES_ISSUED = 641
DEVICES_REPLACED = 12
DEMO_PASSWORD = "frontline-demo-2026"  # must equal frontline.demo.DEMO_PASSWORD (tested)

# The pilot's ledger: £1.2m hardware, £4.1m software, £0.6m business and management, £0.1m
# licences = £6.0m. Imported as CSV, as a finance team would.
LEDGER = """category,nature,amount,date,supplier,note
hardware,capital,512800.00,2014-06-20,Apple Distribution,641 iPad Air Wi-Fi + Cellular tablets
hardware,capital,96150.00,2014-06-27,Mobile Accessories Ltd,"Cases, chargers and car mounts"
hardware,capital,591050.00,2014-07-15,Server Systems plc,Supporting servers for mobile working
software development,capital,2650000.00,2014-09-30,Bespoke Apps Ltd,Mobile applications
software development,capital,1450000.00,2015-01-31,Data Services Ltd,Databases behind mobile ops
business and management,running,420000.00,2015-03-31,Met Programme Office,Programme management
business and management,running,180000.00,2015-03-31,Met Programme Office,Business change
licences,running,100000.00,2015-03-31,MDM Vendor,Device management licences (9 months)
"""

ROLES = {"Response": 320, "Neighbourhood": 210, "CID": 111}  # 641 devices in the pilot
# The shortlist's hardware, from the fleet catalogue (frontline.devices.demo):
# name: (make, model, failure rate to assume where the register has no history, licence £,
#        support £, connectivity £, battery hours, security-update years)
HARDWARE = {
    "Consumer tablet": ("Apple", "iPad Air 2 Wi-Fi + Cellular", "0.025", 60, 70, 150, 9, 5),
    "Rugged tablet": ("Panasonic", "Toughbook G2", "0.010", 60, 50, 150, 12, 4),
    "Smartphone": ("Apple", "iPhone 15", "0.040", 45, 50, 120, 10, 4),
    "Laptop": ("Dell", "Latitude 5450", "0.030", 60, 90, 150, 6, 6),
}
# Minutes a shift saved, by role and option (do-minimum: the NAO's measured 18 minutes)
MINUTES = {
    "Response": {"Consumer tablet": 30, "Rugged tablet": 35, "Smartphone": 25, "Laptop": 10},
    "Neighbourhood": {"Consumer tablet": 30, "Rugged tablet": 30, "Smartphone": 28, "Laptop": 12},
    "CID": {"Consumer tablet": 15, "Rugged tablet": 15, "Smartphone": 10, "Laptop": 35},
}
# Direct 0-100 scores: role fit, device management, officer acceptance
DIRECT = {
    "Response": {
        "Consumer tablet": (60, 70, 80),
        "Rugged tablet": (90, 80, 70),
        "Smartphone": (70, 90, 85),
        "Laptop": (30, 70, 50),
    },
    "Neighbourhood": {
        "Consumer tablet": (80, 70, 85),
        "Rugged tablet": (70, 80, 60),
        "Smartphone": (85, 90, 90),
        "Laptop": (30, 70, 50),
    },
    "CID": {
        "Consumer tablet": (50, 70, 70),
        "Rugged tablet": (40, 80, 50),
        "Smartphone": (40, 90, 70),
        "Laptop": (95, 80, 85),
    },
}
# Swing weights: role fit, battery, failure rate, time saved, acceptance, security, management
SWINGS = {
    "Response": (100, 90, 70, 80, 50, 40, 30),
    "Neighbourhood": (100, 60, 40, 80, 70, 40, 30),
    "CID": (100, 30, 30, 70, 40, 60, 50),
}
# name, role, devices, first day, last day (dates, or months from today), £ a device. The pilot
# phases keep the pilot's own dates, so the fleet register's 2014-15 issues measure them.
PILOT_START, PILOT_END = date(2014, 7, 1), date(2015, 3, 31)
PHASES = [
    ("Pilot: Hammersmith & Fulham response", "Response", 450, PILOT_START, PILOT_END, 9360),
    (
        "Pilot: Hammersmith & Fulham neighbourhood",
        "Neighbourhood",
        191,
        PILOT_START,
        PILOT_END,
        9360,
    ),
    ("West Area response", "Response", 2400, -4, 3, 1700),
    ("West Area neighbourhood", "Neighbourhood", 1900, 6, 12, 1500),
    ("Central and East response", "Response", 4800, 9, 18, 1700),
    ("South and North neighbourhood and CID", "Neighbourhood", 5259, 15, 24, 1500),
]  # 450 + 191 + 2,400 + 1,900 + 4,800 + 5,259 = 15,000 devices
# The pilot's notebook users. PC1001, PC1002 and PC1005 are left out: the browser tests and the
# tour start from their notebooks as the scenario leaves them (PC1001's five entries, the others
# empty).
PILOT_OFFICERS = [
    *(f"PC{1000 + n}" for n in (3, 4, 6, 7, 8, 9, 10, 11)),
    "PS2001",
    "PS2002",
    "PS2003",
]
# Day, late and night shifts begin at these London hours and last 8 to 10 hours; night shifts
# run past midnight.
SHIFT_STARTS = (time(7), time(14), time(22))
SHIFT_HOURS = (8, 10)
# Each shift's notebook: what is written, and how far through the shift (a share of it)
SHIFT_TEXTS = [
    ("On duty. Briefed on the burglary series and outstanding suspects.", 0.05),
    ("Attended call; details recorded at the scene. Returned to patrol.", 0.5),
    ("End of shift. Outstanding enquiries handed over to the next team.", 0.92),
]


def demo_load(*, officers, stations, teams) -> None:
    admin = officers.get("ST4002")
    today = london_today()
    programme = services.programme_create(
        actor=admin,
        slug=SLUG,
        name="Hammersmith & Fulham tablet pilot",
        kind="pilot",
        area="Hammersmith & Fulham (modelled on the Met's July 2014 - March 2015 pilot)",
        stations=list(stations.values()),
        starts_on=today - timedelta(days=DAYS),
        ends_on=today,
        device_models="Apple iPad Air (Wi-Fi + Cellular)",
        devices_issued=DEVICES_ISSUED,
        devices_replaced=DEVICES_REPLACED,
        discount_rate="0.035",
        appraisal_years=10,
        optimism_bias="0.4",
        officer_hour_pence=4000,
    )
    imported = services.ledger_import(actor=admin, programme=programme, data=LEDGER.encode())
    if not imported.ok:  # pragma: no cover - the demo ledger is fixed
        raise RuntimeError(f"demo ledger rejected: {imported.rejected}")
    _pilot_usage(officers)
    _benefits(admin, programme)
    for role, devices in ROLES.items():
        _options(admin, programme, role, devices)
        _criteria(admin, programme, role)
    _phases(admin, programme, stations, today)


def pounds(amount: int) -> str:
    """Whole pounds as an evaluator types them (a bare int would be read as pence)."""
    return f"{amount}.00"


def _pilot_usage(officers) -> None:
    """Each pilot officer has their own handset and works a shift every other day for four
    weeks: a day, late or night shift of 8 to 10 hours, signed in on the handset at the start
    and out at the end. Most keep their notebook on the handset; on the other shifts the
    entries are written up at the station, with no device, as paper notes would be."""
    rng = random.Random(SEED)  # noqa: S311 (repeatable demo data, not secrets)
    first_day = london_today() - timedelta(days=DAYS)
    shifts = []
    for index, collar in enumerate(PILOT_OFFICERS):
        officer = officers.get(collar)
        if officer is None:
            continue
        code = enrolment_code_issue(actor=None, label=f"pilot tablet {index + 1:03d}").code
        device, _ = device_enrol(
            code=code, label=f"Pilot iPad {index + 1:03d}", app_version="1.4.0"
        )
        keen = index % 4 != 3  # one in four officers mostly writes up at the station instead
        for day in range(0, DAYS, 2):
            on_device = rng.random() < (0.85 if keen else 0.3)
            begins = datetime.combine(
                first_day + timedelta(days=day), rng.choice(SHIFT_STARTS), tzinfo=LONDON
            ).astimezone(UTC)
            length = timedelta(hours=rng.randint(*SHIFT_HOURS))
            shifts.append((officer, device, begins, length))
            for text, share in SHIFT_TEXTS:
                notebook_entry_create(
                    officer=officer,
                    entry_id=uuid7(),
                    kind="entry",
                    occurred_at=begins + share * length + timedelta(minutes=rng.randrange(15)),
                    text=text if on_device else f"Written up at the station: {text}",
                    device=device if on_device else None,
                    app_version="1.4.0" if on_device else "",
                )
    _shifts_signed_in(shifts)


def _shifts_signed_in(shifts) -> None:
    """The pilot shifts' device sign-ins, as accounts keeps them. A sign-in through the service
    begins now and these shifts are past, so the demo writes the sessions with their own times,
    in bulk with one audit event; each token is random and never handed out, and every session
    is signed out at the end of its shift."""
    lifetime = settings.FRONTLINE["SHIFT_TOKEN_LIFETIME"]
    sessions = [
        DeviceSession(
            token_hash=secret_hash(secrets.token_urlsafe(32)),
            officer=officer,
            device=device,
            expires_at=begins + lifetime,
            ended_at=begins + length,
        )
        for officer, device, begins, length in shifts
    ]
    DeviceSession.objects.bulk_create(sessions, batch_size=500)
    for session, (_, _, begins, _) in zip(sessions, shifts, strict=True):
        session.created_at = begins  # created_at is stamped on insert; set the shift's own
    DeviceSession.objects.bulk_update(sessions, ["created_at"], batch_size=500)
    audit_record(
        action="demo.pilot_shift_sessions",
        object_type="accounts.devicesession",
        object_id="demo",
        detail={"sessions": len(sessions)},
    )


def _benefits(actor, programme) -> None:
    rows = [
        ("Witness statements taken on the device", "Minutes per statement, begun to signed",
         "minutes", "60", "45", "45", "statement_minutes", False),
        ("Records made where the work happens", "Share of located records made away from a "
         "station", "percent", "20", "60", None, "away_share_percent", False),
        ("Devices in active use", "Share of issued devices recording in most shifts",
         "percent", "0", "80", "85", "adoption_percent", False),
        ("More time out of the station", "Minutes a shift more out of the station (NAO "
         "measured 18 against ~30 claimed nationally)", "minutes", "0", "30", "60", "", False),
        ("Less office time", "Share of the shift spent in the office (Bedfordshire 46% to 36%)",
         "percent", "46", "36", None, "", True),
    ]  # fmt: skip
    for description, measure, unit, baseline, target, claimed, metric, cash in rows:
        services.benefit_add(
            actor=actor,
            programme=programme,
            description=description,
            measure=measure,
            unit=unit,
            baseline=baseline,
            target=target,
            claimed=claimed,
            metric=metric,
            owner="Programme Lead",
            cash_releasing=cash,
        )


def _options(actor, programme, role, devices) -> None:
    """Business as usual, do-minimum, and the four hardware options made from the catalogue as
    an evaluator would: the catalogue's costs and life, the register's failure rates."""
    services.option_save(
        actor=actor, programme=programme, role=role, name="Business as usual (paper)",
        kind="bau", devices=0, life_years=1, other_running_per_year=pounds(devices * 30),
    )  # fmt: skip
    _, _, failure, licence, support, connectivity, _, _ = HARDWARE["Consumer tablet"]
    services.option_save(
        actor=actor, programme=programme, role=role, name="Do minimum: keep pilot tablets",
        kind="do_minimum", device_model="Apple iPad Air", devices=devices, unit_cost=pounds(0),
        life_years=3, failure_rate=failure, licence_per_year=pounds(licence),
        support_per_year=pounds(support), connectivity_per_year=pounds(connectivity),
        other_running_per_year=pounds(devices * 100), minutes_saved_per_shift=18,
        shifts_per_year=200,
    )  # fmt: skip
    for name, (make, model, failure, licence, support, connectivity, _, _) in HARDWARE.items():
        catalogue.options_from_catalogue(
            actor=actor, programme=programme, role=role,
            model_ids=[device_model_by_name(make=make, name=model).pk], devices=devices,
            licence_per_year=pounds(licence), support_per_year=pounds(support),
            connectivity_per_year=pounds(connectivity),
            other_running_per_year=pounds(devices * 100), assumed_failure_rate=failure,
            minutes_saved_per_shift=MINUTES[role][name], shifts_per_year=200,
        )  # fmt: skip


def option_name(name: str) -> str:
    """The name the catalogue gives the option for one of HARDWARE's kinds of device."""
    make, model = HARDWARE[name][:2]
    return f"{make} {model}"


def _criteria(actor, programme, role) -> None:
    fit, battery, failure, saved, acceptance, security, management = SWINGS[role]
    made = {
        "Role fit": services.criterion_save(
            actor=actor, programme=programme, role=role, name="Role fit", swing=fit
        ),
        "Battery per shift": services.criterion_save(
            actor=actor, programme=programme, role=role, name="Battery per shift",
            swing=battery, scoring="linear", unit="hours", worst=4, best=12,
        ),
        "Failure rate": services.criterion_save(
            actor=actor, programme=programme, role=role, name="Failure rate", swing=failure,
            scoring="linear", unit="% a year", worst=10, best=0,
        ),
        "Measured time saved": services.criterion_save(
            actor=actor, programme=programme, role=role, name="Measured time saved",
            swing=saved, scoring="linear", unit="minutes a shift", worst=0, best=60,
        ),
        "Officer acceptance": services.criterion_save(
            actor=actor, programme=programme, role=role, name="Officer acceptance",
            swing=acceptance,
        ),
        "Security-update window": services.criterion_save(
            actor=actor, programme=programme, role=role, name="Security-update window",
            swing=security, scoring="linear", unit="years", worst=1, best=7,
        ),
        "Device management": services.criterion_save(
            actor=actor, programme=programme, role=role, name="Device management",
            swing=management,
        ),
    }  # fmt: skip
    options = {o.name: o for o in programme.options.filter(role=role)}
    for name, (_, _, _, _, _, _, hours, years) in HARDWARE.items():
        option = options[option_name(name)]
        fit_score, management_score, acceptance_score = DIRECT[role][name]
        values = {
            "Role fit": fit_score,
            "Battery per shift": hours,
            # the failure rate the option carries: measured by the register where it could be
            "Failure rate": min(option.failure_rate * 100, 10),
            "Measured time saved": MINUTES[role][name],
            "Officer acceptance": acceptance_score,
            "Security-update window": years,
            "Device management": management_score,
        }
        for criterion, value in values.items():
            services.score_set(actor=actor, option=option, criterion=made[criterion], value=value)


def _phases(actor, programme, stations, today) -> None:
    for name, role, devices, first, last, per_device in PHASES:
        services.phase_add(
            actor=actor,
            programme=programme,
            name=name,
            role=role,
            devices_planned=devices,
            starts_on=_phase_day(first, today),
            ends_on=_phase_day(last, today),
            budget=pounds(devices * per_device),
        )


def _phase_day(value, today: date) -> date:
    return value if isinstance(value, date) else today + timedelta(days=30 * value)
