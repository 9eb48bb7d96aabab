"""Back up Frontline's database and prove the backup restores: same rows, chains intact.

    FRONTLINE_DATABASE_URL=postgres://... python scripts/restore_check.py --out-dir backups/
    python scripts/restore_check.py --data-dir var/demo --out-dir backups/      (SQLite)

1. Back up: PostgreSQL with `pg_dump --format=custom`; SQLite with SQLite's online backup API
   (safe while the server runs). The backup file is kept in --out-dir: it is the backup.
2. Restore it into a scratch database (PostgreSQL: a new database beside the original, dropped
   afterwards; SQLite: a temporary directory).
3. Prove it: every table holds the same number of rows as the original did at backup time, and
   `frontline verify` finds every hash chain intact in the restored copy.

Exit status 0 only if all of that holds. Run it after every backup job, or at least weekly.
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

FRONTLINE = [sys.executable, "-m", "frontline.cli"]
COUNT_ROWS = """
import json, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    tables = sorted(connection.introspection.table_names(cursor))
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
print(json.dumps(counts))
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="FRONTLINE_DATA_DIR of the server (SQLite)")
    parser.add_argument("--out-dir", default="backups", help="where the backup file is kept")
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    if args.data_dir:
        env["FRONTLINE_DATA_DIR"] = str(Path(args.data_dir).resolve())
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    url = env.get("FRONTLINE_DATABASE_URL", "")

    if url.startswith(("postgres://", "postgresql://")):
        return _check_postgres(url, env, out_dir / f"frontline-{stamp}.dump")
    return _check_sqlite(env, out_dir / f"frontline-{stamp}.sqlite3")


def _check_postgres(url: str, env: dict, backup: Path) -> int:
    before = _row_counts(env)
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={backup}", _libpq(url)])
    print(f"backup: {backup} ({backup.stat().st_size:,} bytes)")
    parts = urlsplit(url)
    scratch_name = f"{parts.path.lstrip('/') or 'frontline'}_restore_check"
    scratch = urlunsplit(parts._replace(path="/" + scratch_name))
    admin = _libpq(urlunsplit(parts._replace(path="/postgres")))
    _run(["psql", admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{scratch_name}"'])
    _run(["psql", admin, "-q", "-c", f'CREATE DATABASE "{scratch_name}"'])
    try:
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={_libpq(scratch)}",
                str(backup),
            ]
        )
        return _prove(before, {**env, "FRONTLINE_DATABASE_URL": scratch})
    finally:
        _run(["psql", admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{scratch_name}"'])


def _check_sqlite(env: dict, backup: Path) -> int:
    data_dir = Path(env.get("FRONTLINE_DATA_DIR", "var"))
    source = data_dir / "frontline.db"
    if not source.exists():
        print(f"no SQLite database at {source}", file=sys.stderr)
        return 2
    before = _row_counts(env)
    with sqlite3.connect(source) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)  # consistent even while the server writes
    print(f"backup: {backup} ({backup.stat().st_size:,} bytes)")
    with tempfile.TemporaryDirectory() as scratch_dir:
        restored = Path(scratch_dir) / "frontline.db"
        with sqlite3.connect(backup) as copy, sqlite3.connect(restored) as target:
            copy.backup(target)
        for name in ("secret_key",):  # the demo's generated key, so settings load the same way
            if (data_dir / name).exists():
                (Path(scratch_dir) / name).write_bytes((data_dir / name).read_bytes())
        return _prove(before, {**env, "FRONTLINE_DATA_DIR": scratch_dir})


def _prove(before: dict, restored_env: dict) -> int:
    after = _row_counts(restored_env)
    differences = [
        f"  {table}: {before.get(table)} before, {after.get(table)} restored"
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    ]
    if differences:
        print("RESTORE CHECK FAILED: row counts differ\n" + "\n".join(differences))
        return 1
    verify = subprocess.run(
        [*FRONTLINE, "verify", "--quiet"], env=restored_env, capture_output=True, text=True
    )
    print(verify.stdout.strip())
    rows = sum(before.values())
    if verify.returncode != 0:
        print("RESTORE CHECK FAILED: the restored copy does not verify")
        return 1
    print(f"Restore check passed: {len(before)} tables, {rows:,} rows, every chain intact.")
    return 0


def _row_counts(env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", COUNT_ROWS], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit("could not count rows:\n" + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _libpq(url: str) -> str:
    """libpq accepts postgresql:// URLs; dj-database-url's postgres:// is the same thing."""
    return "postgresql://" + url.split("://", 1)[1]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{result.stderr}")


if __name__ == "__main__":
    sys.exit(main())
