"""The start of a command that runs a benchmark's short form against this test run's database
kind (SQLite, or the PostgreSQL server the tests use, where it makes a database of its own)."""

import sys
from pathlib import Path

from django.db import connection

BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_command(name: str) -> list[str]:
    database = "postgres" if connection.vendor == "postgresql" else "sqlite"
    command = [sys.executable, str(BENCH / name / "run.py"), "--database", database]
    if database == "postgres":
        settings = connection.settings_dict
        command += [
            "--postgres-url",
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/postgres",
        ]
    return command
