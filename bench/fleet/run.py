"""Benchmark: the fleet dashboard and the compliance list over 20,000 devices with a year of
daily check-ins (7.3M rows) on PostgreSQL. Target: under 1 s each.

The run:

1. creates a dedicated PostgreSQL database (`bench_fleet` on the server given by
   --database-url), migrates it, and loads: 32 stations, a catalogue of 8 models (two past the
   end of their security updates), one officer per issued device, --devices register entries
   (about 85% issued, 8% in stock, 3% in repair, 1% lost, 1% stolen, 2% retired) with their
   lifecycle events, one enrolled app install per device bound through its enrolment code, and
   --days daily check-ins per device, written with COPY (FK triggers off during the COPY, as a
   bulk load would; the indexes are in place). About 5% of devices fall silent some days
   before the end and 3% run an old app, so the compliance list has real work to do. The
   register's last-contact columns hold each device's latest check-in, as check_in_record()
   keeps them;
2. times, best of --repeat runs each: the dashboard figures (`stats.fleet_dashboard`) and the
   non-compliant list (`selectors.non_compliant_list`) in-process, whole and as a first page;
   the same two through the API (`GET /api/v1/fleet/dashboard` and `/compliance`, whose pages
   hold 50 devices and the total) as a signed-in fleet manager's device session, JSON
   rendered; the back-office dashboard page with its four SVG charts, drawn afresh and kept
   (same figures, same SVG); and 200 single check-ins (`check_in_record`: insert plus
   register update) against the full table;
3. prints the figures and exits 0 when the dashboard and the compliance list are each under
   the target through the API, 2 otherwise.

The database is dropped at the end unless --keep is given.

    .venv/bin/python bench/fleet/run.py --database-url postgres://postgres@127.0.0.1:5432/postgres
"""

import argparse
import io
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/scratch.py
from scratch import database_prepare

BENCH_DATABASE = "bench_fleet"
TARGET_SECONDS = 1.0
SEED = 20261128
END = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
COPY_CHUNK = 250_000


def main(argv: list[str] | None = None) -> int:
    args = arguments_parse(argv)
    with (
        tempfile.TemporaryDirectory(prefix="bench-fleet-") as data_dir,
        database_prepare(args.database_url, name=BENCH_DATABASE, keep=args.keep) as database_url,
    ):
        os.environ["FRONTLINE_ENVIRONMENT"] = "development"
        os.environ["FRONTLINE_DATA_DIR"] = data_dir
        os.environ["FRONTLINE_DATABASE_URL"] = database_url
        os.environ["DJANGO_SETTINGS_MODULE"] = "frontline.settings"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        return benchmark_run(args)


def arguments_parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL server to use")
    parser.add_argument("--devices", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the bench_fleet database")
    return parser.parse_args(argv)


def benchmark_run(args) -> int:
    rng = random.Random(SEED)
    started = time.perf_counter()
    world = load(args, rng)
    load_seconds = time.perf_counter() - started
    timings = measure(args, world)
    report(args, world, load_seconds, timings)
    api_dashboard = min(timings["API GET /fleet/dashboard"])
    api_compliance = min(timings["API GET /fleet/compliance"])
    return 0 if max(api_dashboard, api_compliance) < TARGET_SECONDS else 2


# -- loading -----------------------------------------------------------------------------------


def load(args, rng) -> dict:
    from django.db import connection, transaction

    from frontline.accounts import roles
    from frontline.accounts.models import Device, EnrolmentCode, Officer, Station
    from frontline.devices import lifecycle
    from frontline.devices.models import (
        CompliancePolicy,
        DeviceEnrolment,
        DeviceModel,
        FleetDevice,
        LifecycleEvent,
    )

    step = Stopwatch()
    stations = [Station(code=f"S{n:02d}", name=f"Station {n:02d}") for n in range(1, 33)]
    Station.objects.bulk_create(stations)
    catalogue = [
        ("Apple", "iPad Air 2", "ios", "tablet", date(2024, 3, 31)),
        ("Apple", "iPad (10th generation)", "ios", "tablet", date(2029, 9, 30)),
        ("Apple", "iPhone 12", "ios", "phone", date(2025, 9, 30)),
        ("Apple", "iPhone 15", "ios", "phone", date(2029, 9, 30)),
        ("Samsung", "Galaxy XCover 6 Pro", "android", "rugged_phone", date(2027, 6, 30)),
        ("Samsung", "Galaxy Tab Active4 Pro", "android", "rugged_tablet", date(2027, 12, 31)),
        ("Panasonic", "Toughbook G2", "windows", "rugged_tablet", date(2031, 12, 31)),
        ("Microsoft", "Surface Go 4", "windows", "two_in_one", date(2031, 10, 31)),
    ]
    models = [
        DeviceModel(
            make=make,
            name=name,
            platform=platform_name,
            form_factor=form,
            unit_cost_pence=rng.randrange(30_000, 300_000),
            expected_life_months=48,
            security_updates_end=ends,
        )
        for make, name, platform_name, form, ends in catalogue
    ]
    DeviceModel.objects.bulk_create(models)
    CompliancePolicy.objects.create(minimum_app_version="1.3.0")
    step.lap("stations, catalogue, policy")

    statuses = rng.choices(
        [lifecycle.ISSUED, lifecycle.IN_STOCK, lifecycle.IN_REPAIR, lifecycle.LOST,
         lifecycle.STOLEN, lifecycle.RETIRED],
        weights=[85, 8, 3, 1, 1, 2],
        k=args.devices,
    )  # fmt: skip
    officers = []
    for number, status in enumerate(statuses):
        if status == lifecycle.ISSUED:
            officer = Officer(
                collar_number=f"B{number:06d}",
                given_name="Bench",
                family_name=f"Officer {number}",
                roles=[roles.OFFICER],
                station=stations[number % len(stations)],
            )
            officer.set_unusable_password()
            officers.append(officer)
    Officer.objects.bulk_create(officers, batch_size=5000)
    step.lap(f"{len(officers):,} officers")

    installs, codes, devices, events, enrolments, check_in_plan = [], [], [], [], [], []
    holders = iter(officers)
    received = END - timedelta(days=args.days + 30)
    for number, status in enumerate(statuses):
        install = Device(
            label=f"BENCH-{number:06d}",
            credential_hash=uuid.uuid4().hex + uuid.uuid4().hex,
            app_version="1.4.0",
        )
        code = EnrolmentCode(
            code_hash=uuid.uuid4().hex + uuid.uuid4().hex,
            expires_at=received,
            used_at=received,
            device=install,
        )
        model = models[number % len(models)]
        holder = next(holders) if status == lifecycle.ISSUED else None
        # Silent devices stop checking in 4 to 60 days before the end; lost, stolen and
        # retired ones stopped when it happened.
        silent_days = 0
        if status in (lifecycle.LOST, lifecycle.STOLEN, lifecycle.RETIRED):
            silent_days = rng.randrange(5, max(args.days, 90))
        elif rng.random() < 0.05:
            silent_days = rng.randrange(4, 60)
        app_version = "1.2.0" if rng.random() < 0.03 else "1.4.0"
        device = FleetDevice(
            asset_tag=f"BF-{number:06d}",
            serial_number=f"BSN{number:09d}",
            model=model,
            os_version="14",
            station=stations[number % len(stations)],
            assigned_officer=holder,
            status=status,
            received_at=received,
            out_of_service_at=END - timedelta(days=silent_days)
            if status == lifecycle.RETIRED
            else None,
            last_contact_at=END - timedelta(days=silent_days),
            last_app_version=app_version,
            last_os=f"{model.platform} 14",
            last_free_storage_mb=12_000,
            last_battery_percent=70,
            last_sync_at=END - timedelta(days=silent_days, minutes=10),
        )
        installs.append(install)
        codes.append(code)
        devices.append(device)
        enrolments.append(DeviceEnrolment(fleet_device=device, code=code))
        events.append(
            LifecycleEvent(
                device=device, event=lifecycle.RECEIVED, from_status="",
                to_status=lifecycle.IN_STOCK, at=received, reason="Received from supplier",
            )
        )  # fmt: skip
        if status == lifecycle.RETIRED:
            events.append(
                LifecycleEvent(
                    device=device, event=lifecycle.RETIRE, from_status=lifecycle.IN_STOCK,
                    to_status=status, at=END - timedelta(days=silent_days), reason="Bench",
                )
            )  # fmt: skip
        elif status != lifecycle.IN_STOCK:
            events.append(
                LifecycleEvent(
                    device=device, event=lifecycle.ISSUE, from_status=lifecycle.IN_STOCK,
                    to_status=lifecycle.ISSUED, at=received + timedelta(days=7),
                    reason="Issued", officer=holder,
                )
            )  # fmt: skip
            if status != lifecycle.ISSUED:
                event = {
                    lifecycle.IN_REPAIR: lifecycle.SEND_FOR_REPAIR,
                    lifecycle.LOST: lifecycle.MARK_LOST,
                    lifecycle.STOLEN: lifecycle.MARK_STOLEN,
                }[status]
                events.append(
                    LifecycleEvent(
                        device=device, event=event, from_status=lifecycle.ISSUED,
                        to_status=status, at=END - timedelta(days=silent_days or 2),
                        reason="Bench",
                    )
                )  # fmt: skip
        check_in_plan.append((install, device, silent_days, app_version, model.platform))
    with transaction.atomic():
        Device.objects.bulk_create(installs, batch_size=5000)
        EnrolmentCode.objects.bulk_create(codes, batch_size=5000)
        FleetDevice.objects.bulk_create(devices, batch_size=5000)
        DeviceEnrolment.objects.bulk_create(enrolments, batch_size=5000)
        LifecycleEvent.objects.bulk_create(events, batch_size=5000)
    step.lap(f"{len(devices):,} devices, installs and enrolments, {len(events):,} events")

    rows = 0
    day_stamps = [
        (END - timedelta(days=offset)).isoformat() for offset in range(args.days)
    ]  # newest first
    sync_stamps = [
        (END - timedelta(days=offset, minutes=10)).isoformat() for offset in range(args.days)
    ]
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no FK triggers while loading
        raw = cursor.cursor
        columns = (
            "install_id, fleet_device_id, at, app_version, os, free_storage_mb, "
            "battery_percent, last_sync_at"
        )
        buffer = io.StringIO()
        with raw.copy(f"COPY devices_checkin ({columns}) FROM STDIN") as copy:
            for install, device, silent_days, app_version, platform_name in check_in_plan:
                prefix = f"{install.pk}\t{device.pk}\t"
                middle = f"\t{app_version}\t{platform_name} 14\t"
                # Every device reports daily for the year; silent ones stop early (their
                # missing days are made up at the start so the total is exactly devices x days).
                silent = min(silent_days, args.days - 1)
                offsets = list(range(silent, args.days)) + list(range(silent))
                for offset in offsets:
                    shift = args.days - 1 - offset if offset < silent else offset
                    buffer.write(
                        f"{prefix}{day_stamps[shift]}{middle}"
                        f"{8000 + (offset * 37) % 9000}\t{20 + (offset * 13) % 80}\t"
                        f"{sync_stamps[shift]}\n"
                    )
                rows += args.days
                if buffer.tell() > 32 * 1024 * 1024:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("ANALYZE")
    step.lap(f"{rows:,} check-ins by COPY")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('devices_checkin'))")
        size = cursor.fetchone()[0]
    return {"devices": len(devices), "check_ins": rows, "size": size, "laps": step.laps}


# -- measuring ---------------------------------------------------------------------------------


def measure(args, world) -> dict:
    from django.test import Client

    from frontline.accounts import roles
    from frontline.accounts.models import Device as Install
    from frontline.accounts.services import (
        device_enrol,
        device_sign_in,
        enrolment_code_issue,
        officer_create,
    )
    from frontline.common.charts import charts_forget
    from frontline.common.clock import now
    from frontline.devices import selectors, services, stats

    manager = officer_create(
        collar_number="FLEET1",
        given_name="Bench",
        family_name="Manager",
        password="bench-fleet-password-1",
        officer_roles=[roles.FLEET_MANAGER],
    )
    install, credential = device_enrol(code=enrolment_code_issue(actor=None).code)
    token = device_sign_in(
        device=install, collar_number="FLEET1", password="bench-fleet-password-1"
    ).token
    api = Client(headers={"Authorization": f"Bearer {token}", "X-Device-Credential": credential})
    office = Client()
    office.force_login(manager)
    today = now().date()
    start, end = today - timedelta(days=364), today

    def dashboard():
        stats.fleet_dashboard(start=start, end=end)

    def compliance():
        selectors.non_compliant_list()  # every non-compliant device, worded

    def compliance_page():
        selectors.non_compliant_list(limit=50)

    def get(client, url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, response.content[:300]
            return response

        return call

    def office_fresh():
        charts_forget()
        get(office, "/office/fleet/dashboard/")()

    cases = {
        "dashboard figures (in-process)": dashboard,
        "non-compliant list, all of it (in-process)": compliance,
        "non-compliant list, first page of 50 and total (in-process)": compliance_page,
        "API GET /fleet/dashboard": get(api, "/api/v1/fleet/dashboard"),
        "API GET /fleet/compliance": get(api, "/api/v1/fleet/compliance"),
        "office dashboard page, 4 SVG charts drawn afresh": office_fresh,
        "office dashboard page, same figures (charts kept)": get(
            office, "/office/fleet/dashboard/"
        ),
    }
    timings = {}
    for name, call in cases.items():
        call()  # warm: imports, plans, caches
        runs = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            call()
            runs.append(time.perf_counter() - began)
        timings[name] = runs
    bound = list(Install.objects.filter(label__startswith="BENCH-").order_by("label")[:200])
    runs = []
    for one in bound:
        began = time.perf_counter()
        services.check_in_record(
            install=one,
            app_version="1.4.0",
            os="android 14",
            free_storage_mb=9000,
            battery_percent=55,
            last_sync_at=now(),
        )
        runs.append(time.perf_counter() - began)
    timings["one check-in (insert + register update)"] = runs
    world["non_compliant"] = selectors.non_compliant_list(limit=1)[1]
    return timings


def report(args, world, load_seconds, timings) -> None:
    print(f"Fleet benchmark: {world['devices']:,} devices, {world['check_ins']:,} check-ins "
          f"({world['size']} with indexes), loaded in {load_seconds:.0f} s")  # fmt: skip
    for name, seconds in world["laps"]:
        print(f"  load: {name}: {seconds:.1f} s")
    print(f"  non-compliant devices listed: {world['non_compliant']:,}")
    print(f"  machine: {platform.platform()}, {os.cpu_count()} cores, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")  # fmt: skip
    for name, runs in timings.items():
        if len(runs) > 20:
            runs_sorted = sorted(runs)
            p95 = runs_sorted[int(0.95 * len(runs_sorted)) - 1]
            print(f"  {name}: median {statistics.median(runs) * 1000:.1f} ms, "
                  f"p95 {p95 * 1000:.1f} ms over {len(runs)}")  # fmt: skip
        else:
            verdict = ""
            if name.startswith("API"):
                verdict = (
                    " (target < 1 s: " + ("met" if min(runs) < TARGET_SECONDS else "MISSED") + ")"
                )
            print(f"  {name}: best {min(runs) * 1000:.0f} ms, median "
                  f"{statistics.median(runs) * 1000:.0f} ms of {len(runs)}{verdict}")  # fmt: skip


class Stopwatch:
    def __init__(self):
        self.last = time.perf_counter()
        self.laps = []

    def lap(self, name: str) -> None:
        current = time.perf_counter()
        self.laps.append((name, current - self.last))
        self.last = current


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    sys.exit(main())
