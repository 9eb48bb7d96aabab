"""The `frontline` command: demo, serve, migrate, createofficer, enrolment-code, verify, export,
evaluate, import, retention-due, outbox run (alias deliver), manage."""

import argparse
import getpass
import os
import sys
from pathlib import Path

from frontline.cli_import import IMPORT_KINDS, import_run

# Export kinds: the function that writes one month as text, `(month=, format=) -> str`.
EXPORTS = {
    "stop-search": ("frontline.stopsearch.export", "stop_searches_export"),
}
# Register exports: the whole register as text, `() -> str`; no month.
REGISTER_EXPORTS = {
    "devices": ("frontline.devices.register_csv", "devices_export"),
}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if getattr(args, "data_dir", None):
        os.environ["FRONTLINE_DATA_DIR"] = str(Path(args.data_dir).resolve())
    if args.command == "demo":
        os.environ.setdefault("FRONTLINE_ENVIRONMENT", "demo")
    _django_setup()
    return args.handler(args) or 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontline", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="create a demo database, print sign-ins and serve")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--data-dir", help="where the demo database lives (default: ./var)")
    demo.add_argument("--no-serve", action="store_true", help="set up and load, but do not serve")
    demo.set_defaults(handler=_demo)

    serve = sub.add_parser("serve", help="run the app server (gunicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes (default: 2 per core; on SQLite 6, at most 16)",
    )
    serve.add_argument(
        "--threads", type=int, default=None, help="threads per process (default: 4; on SQLite 1)"
    )
    serve.add_argument("--data-dir")
    serve.add_argument(
        "--outbox", action="store_true", help="also run the outbox delivery worker beside it"
    )
    serve.set_defaults(handler=_serve)

    migrate = sub.add_parser("migrate", help="create or upgrade the database schema")
    migrate.add_argument("--data-dir")
    migrate.set_defaults(handler=_migrate)

    create = sub.add_parser("createofficer", help="add an officer")
    create.add_argument("--collar-number", required=True)
    create.add_argument("--given-name", required=True)
    create.add_argument("--family-name", required=True)
    create.add_argument("--rank", default="Police Constable")
    create.add_argument("--roles", default="officer", help="comma-separated, e.g. officer,admin")
    create.add_argument("--station", help="station code")
    create.add_argument("--team", help="team name at that station")
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    create.add_argument("--data-dir")
    create.set_defaults(handler=_createofficer)

    code = sub.add_parser("enrolment-code", help="issue a one-time device enrolment code")
    code.add_argument("--label", default="", help="e.g. the device's asset tag")
    code.add_argument("--data-dir")
    code.set_defaults(handler=_enrolment_code)

    verify = sub.add_parser("verify", help="verify every hash chain; exit 1 on any break")
    verify.add_argument("--data-dir")
    verify.add_argument("--quiet", action="store_true", help="no progress output")
    verify.add_argument(
        "--record", help="check one record, or every record of a court bundle, by its id"
    )
    verify.set_defaults(handler=_verify)

    prune = sub.add_parser(
        "prune-tombstones", help="drop deletions older than the retention period from the feed"
    )
    prune.add_argument("--data-dir")
    prune.set_defaults(handler=_prune_tombstones)

    export = sub.add_parser("export", help="export records for publication, e.g. data.police.uk")
    export.add_argument(
        "kind", choices=sorted({*EXPORTS, *REGISTER_EXPORTS}), help="what to export"
    )
    export.add_argument("--month", help="YYYY-MM, London time (monthly exports)")
    export.add_argument("--format", choices=["json", "csv"], default="json")
    export.add_argument("--output", help="write to this file instead of standard output")
    export.add_argument("--data-dir")
    export.set_defaults(handler=_export)

    imports = sub.add_parser(
        "import", help="import a CSV file, checking every row first: all rows or none"
    )
    imports.add_argument("kind", choices=IMPORT_KINDS)
    imports.add_argument("file", help="a UTF-8 CSV file with a header row")
    imports.add_argument(
        "--skip-invalid",
        action="store_true",
        help="reference data only: import the valid rows and report the rejected ones",
    )
    imports.add_argument(
        "--programme",
        help="ledger only: the programme's short name (ledger columns: "
        "category,nature,amount,date,supplier,note)",
    )
    imports.add_argument("--quiet", action="store_true", help="no progress bar")
    imports.add_argument("--data-dir")
    imports.set_defaults(handler=import_run)
    due = sub.add_parser("retention-due", help="list records due for retention review")
    due.add_argument("--on", help="due on or before this date, YYYY-MM-DD (default today)")
    due.add_argument("--type", dest="record_type", help="a record type, e.g. stopsearch.record")
    due.add_argument("--station", help="a station code, e.g. HS")
    due.add_argument("--data-dir")
    due.set_defaults(handler=_retention_due)

    outbox = sub.add_parser("outbox", help="outbound notifications to force systems")
    outbox_sub = outbox.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    for action in (
        outbox_sub.add_parser("run", help="deliver queued records until stopped"),
        sub.add_parser("deliver", help="the same as `outbox run`"),
    ):
        action.add_argument("--once", action="store_true", help="one pass, then exit")
        action.add_argument("--interval", type=float, default=2.0, help="seconds between passes")
        action.add_argument("--data-dir")
        action.set_defaults(handler=_outbox_run)
    evaluate = sub.add_parser("evaluate", help="write a programme's evaluation report as a PDF")
    evaluate.add_argument("programme", help="the programme's short name, e.g. hf-pilot")
    evaluate.add_argument("--out", required=True, help="the PDF file to write")
    evaluate.add_argument("--data-dir")
    evaluate.set_defaults(handler=_evaluate)

    manage = sub.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=_manage)
    return parser


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    import django

    django.setup()


def _migrate(args) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)
    return 0


def _demo(args) -> int:
    from django.conf import settings
    from django.core.management import call_command

    from frontline import demo

    print(f"Data directory: {settings.DATA_DIR}")
    call_command("migrate", interactive=False, verbosity=0)
    print("Database ready.")
    summary = demo.demo_load()
    base = f"http://{args.host}:{args.port}"
    print(demo.demo_describe(summary, base))
    if args.no_serve:
        return 0
    return _serve(args)


def _serve(args) -> int:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    worker = None
    if getattr(args, "outbox", False):
        import subprocess

        # A process of its own: gunicorn forks workers, and the worker's loop must not be in them.
        worker = subprocess.Popen([sys.executable, "-m", "frontline.cli", "outbox", "run"])
    try:
        _serve_gunicorn(args)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
    return 0


def _serve_gunicorn(args) -> None:
    from frontline.server import serve

    serve(
        host=args.host,
        port=args.port,
        workers=getattr(args, "workers", None),
        threads=getattr(args, "threads", None),
    )


def _createofficer(args) -> int:
    from frontline.accounts.models import Station, Team
    from frontline.accounts.services import officer_create
    from frontline.common.errors import DomainError

    station = team = None
    if args.station:
        station = Station.objects.filter(code__iexact=args.station).first()
        if station is None:
            print(f"error: no station with code {args.station!r}", file=sys.stderr)
            return 2
    if args.team:
        team = Team.objects.filter(station=station, name__iexact=args.team).first()
        if team is None:
            print(f"error: no team {args.team!r} at that station", file=sys.stderr)
            return 2
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password again: "):
            print("error: the passwords differ", file=sys.stderr)
            return 2
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password)
    except ValidationError as exc:
        print("error: password: " + " ".join(exc.messages), file=sys.stderr)
        return 2
    try:
        officer = officer_create(
            collar_number=args.collar_number,
            given_name=args.given_name,
            family_name=args.family_name,
            password=password,
            rank=args.rank,
            officer_roles=[r.strip() for r in args.roles.split(",") if r.strip()],
            station=station,
            team=team,
        )
    except DomainError as exc:
        print(f"error: {exc.field or ''} {exc.message}".strip(), file=sys.stderr)
        return 2
    print(f"Created {officer} with id {officer.pk}")
    return 0


def _enrolment_code(args) -> int:
    from frontline.accounts.services import enrolment_code_issue

    issued = enrolment_code_issue(actor=None, label=args.label)
    print(f"Enrolment code: {issued.code}")
    print(f"Valid until:    {issued.enrolment.expires_at:%Y-%m-%d %H:%M %Z}, once.")
    return 0


def _verify(args) -> int:
    from frontline.audit.integrity import chains_verify_all

    if args.record:
        return _verify_record(args.record)

    def progress(count: int) -> None:
        if not args.quiet:
            print(f"  ... {count:,} rows", file=sys.stderr, flush=True)

    reports = chains_verify_all(progress)
    broken = False
    for report in reports:
        status = "intact" if not report.breaks else f"{len(report.breaks)} broken chain(s)"
        print(f"{report.name}: {report.rows:,} rows in {report.chains:,} chain(s): {status}")
        for brk in report.breaks:
            broken = True
            print(f"  BROKEN {brk}")
    print("All chains intact." if not broken else "Integrity check FAILED.")
    return 1 if broken else 0


def _verify_record(value: str) -> int:
    import uuid

    from frontline.interop.verification import record_verify

    try:
        record_id = uuid.UUID(value)
    except ValueError:
        print(f"--record: {value!r} is not a record or bundle id", file=sys.stderr)
        return 2
    result = record_verify(record_id)
    if not result.found:
        print(f"No record or bundle {record_id} is held.")
        return 1
    for line in result.checked:
        print(f"checked {line}")
    for problem in result.problems:
        print(f"  BROKEN {problem}")
    print("Record intact." if result.intact else "Integrity check FAILED.")
    return 0 if result.intact else 1


def _retention_due(args) -> int:
    """Tab-separated, no personal data: for a scheduled report to the information managers."""
    from datetime import date

    from frontline.common.clock import now
    from frontline.common.errors import DomainError
    from frontline.interop.retention import LONDON, retention_due

    try:
        on = date.fromisoformat(args.on) if args.on else now().astimezone(LONDON).date()
        due = retention_due(on=on, record_type=args.record_type, station=args.station)
    except (ValueError, DomainError) as exc:
        print(f"retention-due: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2
    print("due_on\trecord_type\trecord_id\tstation\tofficer\tsummary")
    for item in due:
        held = item.record
        print(
            f"{item.due_on}\t{held.record_type}\t{held.record_id}\t{held.station}\t"
            f"{held.officer}\t{held.summary}"
        )
    print(f"{len(due)} record(s) due for review by {on}.", file=sys.stderr)
    return 0


def _outbox_run(args) -> int:
    import signal

    from frontline.interop.outbox import outbox_run

    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("Outbox worker: delivering" + (" once." if args.once else " until stopped."), flush=True)
    outbox_run(once=args.once, interval=max(args.interval, 0.1), should_stop=lambda: stopping)
    return 0


def _prune_tombstones(args) -> int:
    from django.conf import settings

    from frontline.sync.feed import tombstones_prune_expired

    removed = tombstones_prune_expired()
    days = settings.FRONTLINE["TOMBSTONE_RETENTION_DAYS"]
    print(f"Removed {removed} tombstone(s) older than {days} days.")
    return 0


def _export(args) -> int:
    from importlib import import_module

    from frontline.common.errors import DomainError

    if args.kind in REGISTER_EXPORTS:
        return _register_export(args)
    if not args.month:
        print(f"error: --month is required for {args.kind}", file=sys.stderr)
        return 2
    module_name, function_name = EXPORTS[args.kind]
    export = getattr(import_module(module_name), function_name)
    try:
        text = export(month=args.month, format=args.format)
    except DomainError as exc:
        print(f"error: --{exc.field or args.kind}: {exc.message}", file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Wrote {args.kind} {args.month} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _register_export(args) -> int:
    from importlib import import_module

    module_name, function_name = REGISTER_EXPORTS[args.kind]
    text = getattr(import_module(module_name), function_name)()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Wrote {args.kind} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _evaluate(args) -> int:
    from frontline.evaluation.pdf import evaluation_pdf
    from frontline.evaluation.selectors import programme_get

    programme = programme_get(slug=args.programme)
    if programme is None:
        print(f"error: no programme {args.programme!r}", file=sys.stderr)
        return 2
    Path(args.out).write_bytes(evaluation_pdf(programme=programme))
    print(f"Wrote the evaluation of {programme.name} to {args.out}", file=sys.stderr)
    return 0


def _manage(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["frontline manage", *args.args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
