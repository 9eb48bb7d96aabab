"""The short form of bench/crash: SIGKILL the app server under load; nothing acknowledged is
lost, nothing arrives twice, every chain verifies. The long form and PostgreSQL restarts are
in bench/crash (docs/benchmarks.md)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

BENCH = Path(__file__).resolve().parents[1] / "bench" / "crash" / "run.py"


@pytest.mark.slow
def test_killing_the_server_under_load_loses_and_duplicates_nothing():
    database = "postgres" if connection.vendor == "postgresql" else "sqlite"
    command = [sys.executable, str(BENCH), "--database", database]
    if database == "postgres":
        settings = connection.settings_dict
        command += [
            "--postgres-url",
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/postgres",
        ]
    command += ["--devices", "3", "--records", "150", "--kills", "3", "--write-seconds", "20"]
    command += ["--seconds", "240"]

    result = subprocess.run(command, capture_output=True, text=True, timeout=600)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "server SIGKILLs 3" in result.stdout
    assert "FAIL" not in result.stdout
