"""`frontline import KIND FILE`: every row checked first, all rows or none written.

Reference data for checks (an upsert by source id; `--skip-invalid` keeps the valid rows), the
fleet register, and an evaluation programme's cost ledger (`--programme`).
"""

import sys
from pathlib import Path

REFERENCE_KINDS = {"markers", "persons", "vehicles", "locations"}
# Register imports: `(data=bytes, actor=None, source=str, progress=callable) -> report` with
# `.imported` and `.rejected` ([line, field, message]).
IMPORTS = {
    "devices": ("frontline.devices.register_csv", "devices_import"),
}
IMPORT_KINDS = sorted(REFERENCE_KINDS | set(IMPORTS) | {"ledger"})


def import_run(args) -> int:
    if args.kind in REFERENCE_KINDS:
        return _import_reference(args)
    if args.kind == "ledger":
        return _import_ledger(args)
    return _import_registered(args)


def _import_reference(args) -> int:
    from frontline.checks.imports import reference_import, rejections_text

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return 2

    def progress(done: int, total: int) -> None:
        _progress_bar(args, "importing", done, total)

    report = reference_import(
        kind=args.kind, text=text, skip_invalid=args.skip_invalid, progress=progress
    )
    if report.rejected:
        print(f"{len(report.rejected)} row(s) rejected:", file=sys.stderr)
        print(rejections_text(report.rejected), file=sys.stderr)
    if not report.written:
        print(f"Nothing imported from {args.file}: fix the rows above, or use --skip-invalid.")
        return 1
    print(
        f"Imported {args.kind}: {report.created:,} created, {report.updated:,} updated, "
        f"{len(report.rejected):,} rejected."
    )


def _import_registered(args) -> int:
    from importlib import import_module

    path = Path(args.file)
    if not path.is_file():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return 2
    module_name, function_name = IMPORTS[args.kind]
    run = getattr(import_module(module_name), function_name)

    def progress(stage: str, done: int, total: int) -> None:
        _progress_bar(args, stage, done, total)

    report = run(data=path.read_bytes(), actor=None, source=path.name, progress=progress)
    if report.rejected:
        print(f"Nothing imported: {len(report.rejected)} row(s) rejected.", file=sys.stderr)
        for bad in report.rejected:
            print(f"  line {bad.line}: {bad.field}: {bad.message}", file=sys.stderr)
        return 1
    print(f"Imported {report.imported:,} {args.kind} from {path.name}.")


def _import_ledger(args) -> int:
    from frontline.evaluation.selectors import programme_get

    if not args.programme:
        print("error: a ledger import needs --programme", file=sys.stderr)
        return 2
    from frontline.evaluation.services import IMPORT_BYTES_MAX, ledger_import

    programme = programme_get(slug=args.programme)
    if programme is None:
        print(f"error: no programme {args.programme!r}", file=sys.stderr)
        return 2
    path = Path(args.file)
    if not path.is_file() or path.stat().st_size > IMPORT_BYTES_MAX:
        print(
            f"error: {args.file}: not a file of at most {IMPORT_BYTES_MAX:,} bytes", file=sys.stderr
        )
        return 2
    result = ledger_import(actor=None, programme=programme, data=path.read_bytes())
    if not result.ok:
        print(f"Nothing imported: {len(result.rejected)} problem(s).", file=sys.stderr)
        for line, field, problem in result.rejected:
            print(f"  line {line}, {field}: {problem}", file=sys.stderr)
        return 1
    print(f"Imported {result.added} ledger line(s) into {programme.name}.")
    return 0


def _progress_bar(args, stage: str, done: int, total: int) -> None:
    if args.quiet:
        return
    filled = 30 * done // total if total else 30
    bar = "#" * filled + "-" * (30 - filled)
    end = "\n" if done >= total else ""
    line = f"\r  {stage:<9} [{bar}] {done:,}/{total:,} rows"
    print(line, end=end, file=sys.stderr, flush=True)
