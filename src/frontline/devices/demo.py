"""Demo fleet: the Hammersmith & Fulham pilot register (641 iPads issued July 2014 - March 2015,
12 replaced) and a smaller current fleet of other models to compare, with check-ins, one lost
handset that has confirmed its wipe, and kit profiles per role.

Pilot officers beyond the demo's named sign-ins are created without a usable password: they
exist so that each tablet has the officer it was issued to."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from frontline.accounts import roles
from frontline.accounts.models import Officer
from frontline.accounts.services import device_enrol
from frontline.audit.services import audit_record
from frontline.common.clock import now
from frontline.devices import lifecycle, services
from frontline.devices.models import (
    CompliancePolicy,
    FleetDevice,
    KitProfile,
    LifecycleEvent,
    OfficerKitProfile,
)

SEED = 2014
LONDON = ZoneInfo("Europe/London")
PILOT_TABLETS = 641
PILOT_REPLACED = 12
PILOT_FIRST_ISSUE = date(2014, 7, 1)
PILOT_LAST_ISSUE = date(2015, 3, 31)
NAMED = ["PC1001", "PC1002", "PC1003", "PC1004", "PC1005", "PC1006", "PC1007", "PC1008",
         "PC1009", "PC1010", "PC1011", "PS2001", "PS2002", "PS2003", "IN3001"]  # fmt: skip
GIVEN = ["Adam", "Bola", "Ciara", "Dev", "Ellie", "Femi", "Gemma", "Hamza", "Isla", "Jon",
         "Kiran", "Lucy", "Marek", "Nia", "Oscar", "Parveen", "Rory", "Sana", "Theo",
         "Zara"]  # fmt: skip
FAMILY = ["Adams", "Bennett", "Chowdhury", "Doherty", "Ellis", "Fraser", "Gill", "Hughes",
          "Iqbal", "Jones", "Khan", "Lopez", "Mahmood", "Nowak", "O'Brien", "Patel", "Quinn",
          "Rahman", "Smith", "Taylor", "Usman", "Vaughan", "Wright", "Yusuf"]  # fmt: skip
FAULTS = ["Cracked screen after a fall", "Would not hold a charge", "Water damage",
          "Touchscreen unresponsive", "Charging port failed", "Would not power on"]  # fmt: skip
CURRENT_APP = "1.4.0"
OS_VERSIONS = {"xcover": "Android 14", "toughbook": "Windows 11", "iphone": "iOS 18.1"}


def demo_load(*, officers: dict, stations: dict, teams: dict) -> None:
    rng = random.Random(SEED)  # noqa: S311 - repeatable demo data, not secrets
    manager = officers.get("ST4001")
    models = _catalogue(manager)
    CompliancePolicy.objects.update_or_create(pk=1, defaults={"minimum_app_version": "1.3.0"})
    profiles = _kit_profiles(models)
    for officer in officers.values():
        profile = _profile_for(officer, profiles)
        if profile is not None:
            services.officer_kit_profile_set(officer=officer, profile=profile, actor=manager)
    pilot_officers = [officers[collar] for collar in NAMED if collar in officers]
    pilot_officers += _pilot_officers(PILOT_TABLETS - len(pilot_officers), stations, profiles, rng)
    _pilot(models["ipad"], pilot_officers, stations, manager, rng)
    _current_fleet(models, officers, stations, manager, rng)


def _catalogue(actor) -> dict:
    rows = {
        "ipad": ("Apple", "iPad Air 2 Wi-Fi + Cellular", "ios", "tablet", 49900, 6500, 36,
                 date(2024, 3, 31)),
        "xcover": ("Samsung", "Galaxy XCover 6 Pro", "android", "rugged_phone", 42900, 3900, 48,
                   date(2027, 6, 30)),
        "toughbook": ("Panasonic", "Toughbook G2", "windows", "rugged_tablet", 289900, 34900,
                      60, date(2031, 12, 31)),
        "iphone": ("Apple", "iPhone 15", "ios", "phone", 79900, 4900, 48, date(2029, 9, 30)),
        "laptop": ("Dell", "Latitude 5450", "windows", "laptop", 109900, 15000, 48,
                   date(2031, 5, 31)),
    }  # fmt: skip
    return {
        key: services.device_model_create(
            actor=actor,
            make=make,
            name=name,
            platform=platform,
            form_factor=form,
            unit_cost_pence=unit,
            accessories_cost_pence=extras,
            expected_life_months=life,
            security_updates_end=updates_end,
        )
        for key, (make, name, platform, form, unit, extras, life, updates_end) in rows.items()
    }


def _kit_profiles(models) -> dict:
    spec = {
        "Response": (["ipad", "xcover"], ["rugged case", "chest mount", "in-car charger"]),
        "Neighbourhood": (["ipad", "xcover"], ["rugged case", "chest mount"]),
        "Roads Policing": (["toughbook", "xcover"], ["vehicle dock", "in-car charger"]),
        "CID": (["iphone", "ipad"], ["keyboard case"]),
        "Custody": (["ipad"], ["desk stand"]),
    }
    profiles = {}
    for role, (keys, accessories) in spec.items():
        profile = KitProfile.objects.create(role=role, accessories=accessories)
        profile.device_models.set([models[key] for key in keys])
        profiles[role] = profile
    return profiles


def _profile_for(officer, profiles):
    if not officer.has_role(roles.OFFICER) or officer.team is None:
        return None
    name = officer.team.name
    if name.startswith("Response"):
        return profiles["Response"]
    return profiles.get(name)


def _pilot_officers(count: int, stations: dict, profiles: dict, rng) -> list:
    """Officers who carried a pilot tablet, in bulk: no usable password, one audit event."""
    codes = list(stations)
    created = []
    for number in range(count):
        officer = Officer(
            collar_number=f"PC{5001 + number}",
            given_name=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            roles=[roles.OFFICER],
            station=stations[rng.choices(codes, weights=[60, 25, 15][: len(codes)])[0]],
        )
        officer.set_unusable_password()
        created.append(officer)
    Officer.objects.bulk_create(created)
    OfficerKitProfile.objects.bulk_create(
        OfficerKitProfile(
            officer=officer,
            profile=profiles["Neighbourhood" if rng.random() < 0.3 else "Response"],
        )
        for officer in created
    )
    audit_record(
        action="demo.pilot_officers",
        object_type="accounts.officer",
        object_id="demo",
        detail={"officers": len(created)},
    )
    return created


def _pilot(model, pilot_officers, stations, manager, rng) -> None:
    """The pilot register as history, in bulk (as an import would be): each tablet received,
    issued on its day, twelve replaced; one audit event for the lot."""
    span = (PILOT_LAST_ISSUE - PILOT_FIRST_ISSUE).days
    tablets, events, issued_at = [], [], {}
    for number, officer in enumerate(pilot_officers, start=1):
        day = PILOT_FIRST_ISSUE + timedelta(days=span * (number - 1) // (len(pilot_officers) - 1))
        tablet = _pilot_tablet(model, number, officer.station, _at(day - timedelta(days=14)))
        tablet.status, tablet.assigned_officer = lifecycle.ISSUED, officer
        roads = officer.team is not None and officer.team.name == "Roads Policing"
        tablet.issued_out_of_profile = roads
        tablets.append(tablet)
        issued_at[tablet.asset_tag] = _at(day, hour=9 + number % 8)
        events.append(
            _event(tablet, lifecycle.RECEIVED, "", lifecycle.IN_STOCK, tablet.received_at,
                   manager, "Delivered for the Hammersmith & Fulham pilot")
        )  # fmt: skip
        events.append(
            _event(tablet, lifecycle.ISSUE, lifecycle.IN_STOCK, lifecycle.ISSUED,
                   issued_at[tablet.asset_tag], manager,
                   "Pilot tablet, issued at the officer's briefing"
                   + (" (outside the roads policing profile: every pilot officer had an iPad)"
                      if roads else ""),
                   officer=officer, out_of_profile=roads)
        )  # fmt: skip
    spares = [
        _pilot_tablet(model, PILOT_TABLETS + n, stations.get("HS"), _at(PILOT_FIRST_ISSUE))
        for n in range(1, PILOT_REPLACED + 1)
    ]
    for old, spare in zip(rng.sample(tablets, PILOT_REPLACED), spares, strict=True):
        failed = min(
            issued_at[old.asset_tag] + timedelta(days=rng.randint(30, 200)),
            _at(date(2015, 6, 30)),
        )
        holder, fault = old.assigned_officer, rng.choice(FAULTS)
        old.status, old.assigned_officer, old.replaced_by = lifecycle.REPLACED, None, spare
        old.issued_out_of_profile = False
        spare.status, spare.assigned_officer = lifecycle.ISSUED, holder
        events.append(
            _event(spare, lifecycle.RECEIVED, "", lifecycle.IN_STOCK, spare.received_at,
                   manager, "Pilot spare, delivered with the pilot tablets")
        )  # fmt: skip
        events.append(
            _event(old, lifecycle.REPLACE, lifecycle.ISSUED, lifecycle.REPLACED, failed,
                   manager, fault, officer=holder, replacement=spare)
        )  # fmt: skip
        events.append(
            _event(spare, lifecycle.ISSUE, lifecycle.IN_STOCK, lifecycle.ISSUED, failed,
                   manager, f"Replacement for {old.asset_tag}: {fault}", officer=holder)
        )  # fmt: skip
    FleetDevice.objects.bulk_create(spares + tablets, batch_size=500)
    LifecycleEvent.objects.bulk_create(events, batch_size=1000)
    audit_record(
        action="devices.demo_pilot_register",
        object_type="devices.register",
        object_id="demo",
        actor=manager,
        detail={"tablets": len(tablets), "replaced": PILOT_REPLACED},
    )


def _pilot_tablet(model, number, station, received) -> FleetDevice:
    return FleetDevice(
        asset_tag=f"HF-PILOT-{number:04d}",
        serial_number=f"DMPQ{730000 + number:07d}",
        model=model,
        os_version="iOS 8.0",
        purchase_date=received.date(),
        purchase_cost_pence=model.unit_cost_pence,
        supplier="Computacenter",
        warranty_end=received.date() + timedelta(days=365),
        station=station,
        received_at=received,
    )


def _event(device, event, source, target, at, actor, reason, **extra) -> LifecycleEvent:
    return LifecycleEvent(
        device=device,
        event=event,
        from_status=source,
        to_status=target,
        at=at,
        actor=actor,
        reason=reason,
        **extra,
    )


def _current_fleet(models, officers, stations, manager, rng) -> None:
    """A 2025-26 fleet of other models: some issued and checking in, some in stock."""
    today = now().date()
    received = _at(today - timedelta(days=120))
    plan = [("xcover", "XC", 30), ("toughbook", "TB", 6), ("iphone", "IP", 4)]
    holders = {
        "xcover": ["PC1001", "PC1002", "PC1003", "PC1005", "PC1006", "PC1008", "PC1009"],
        "toughbook": ["PC1010", "PC1011"],
        "iphone": [],
    }
    lost = None
    for key, prefix, count in plan:
        for number in range(1, count + 1):
            station = stations.get("SB" if key == "toughbook" else ("HS", "FF")[number % 2])
            device = services.fleet_device_register(
                actor=manager,
                asset_tag=f"HF-{prefix}-{number:04d}",
                serial_number=f"{prefix}{rng.randrange(10**9):09d}",
                model=models[key],
                os_version=OS_VERSIONS[key],
                purchase_date=received.date(),
                purchase_cost_pence=models[key].unit_cost_pence,
                supplier="Vodafone Business" if key != "toughbook" else "Panasonic UK",
                warranty_end=received.date() + timedelta(days=3 * 365),
                station=station,
                received_at=received,
            )
            collars = holders[key]
            if number > len(collars) or collars[number - 1] not in officers:
                continue
            officer = officers[collars[number - 1]]
            device = services.fleet_device_event(
                device=device,
                event="issued",
                actor=manager,
                reason="Issued with the current app",
                officer=officer,
                at=received + timedelta(days=7),
            )
            install = _checking_in(device, app_version="1.2.0" if number == 3 else CURRENT_APP)
            if key == "xcover" and number == 7:
                lost = (device, install)
    if lost is not None:
        device, (install, credential) = lost
        services.device_mark_lost(
            device=device, actor=manager, reason="Reported lost on foot patrol, Fulham Broadway"
        )
        services.wipe_confirmation_record(
            credential=credential, device_reported={"outbox_pending": 1, "last_device_seq": 3}
        )


def _checking_in(device, *, app_version: str):
    issued = services.fleet_enrolment_code_issue(device=device, actor=None)
    install, credential = device_enrol(
        code=issued.code, label=device.asset_tag, app_version=app_version
    )
    services.check_in_record(
        install=install,
        app_version=app_version,
        os=device.os_version,
        free_storage_mb=18_000,
        battery_percent=72,
        last_sync_at=now() - timedelta(minutes=20),
    )
    return install, credential


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), LONDON)
