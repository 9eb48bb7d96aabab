"""The short form of bench/sync, on the database this run uses: a few devices push and pull
through a real `frontline serve`, and the raw insert writes the same rows into copies of the
tables a push writes. It fails when a table a push writes gains a column the benchmark does
not fill, when a device does not pull back every record pushed for its officer, or when
the chains do not verify. Speed is not asserted: the figures come from the long form on a quiet
machine (docs/benchmarks.md, "Sync push and pull"). pouchdb-server is left out (npm)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

RUN = Path(__file__).resolve().parents[1] / "bench" / "sync" / "run.py"


def _command() -> list[str]:
    """The benchmark on this test run's database kind."""
    command = [sys.executable, str(RUN)]
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        command += [
            "--database",
            "postgres",
            "--pg-url",
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}",
            "--pg-database",
            "bench_sync_short",
        ]
    else:
        command += ["--database", "sqlite"]
    return command


@pytest.mark.slow
def test_devices_push_and_pull_and_the_raw_insert_writes_a_pushs_rows(tmp_path):
    command = _command()
    out_file = tmp_path / "report.md"
    command += ["--devices", "3", "--records", "150", "--rounds", "1", "--no-pouchdb"]
    command += ["--seconds", "120", "--out", str(out_file)]

    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    out = result.stdout + result.stderr

    assert result.returncode == 0, out
    report = out_file.read_text()
    for measure in (
        "| Frontline push (records/s) |",
        "| Frontline pull (changes/s) |",
        "| Raw insert of a push's rows, 1 connection (records/s) |",
        "| Raw insert of the entry rows alone, 1 connection (rows/s) |",
    ):
        line = next((line for line in report.splitlines() if line.startswith(measure)), "")
        assert line, f"{measure} missing:\n{report}"
        items = int(line.rstrip(" |").rsplit("|", 1)[1].strip().replace(",", ""))
        assert items >= 150, line  # every record pushed, written, pulled
    assert "`frontline verify` after the run: All chains intact." in report, report


@pytest.mark.slow
def test_a_failed_run_shows_the_end_of_the_servers_log(tmp_path):
    # A server that refuses the simulated devices' app version: the run stops at its first
    # refused request, and what the server logged of it is shown, not just the status
    command = _command()
    command += ["--devices", "1", "--records", "10", "--rounds", "1", "--no-pouchdb"]
    command += ["--seconds", "120", "--out", str(tmp_path / "report.md")]
    command += ["--server-env", "FRONTLINE_MIN_APP_VERSION=9.0.0"]

    result = subprocess.run(command, capture_output=True, text=True, timeout=600)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "benchmark failed:" in result.stderr
    assert "the server's log, last lines:" in result.stderr
    assert re.search(r'"(GET|POST) /api/v1/\S+" 426 ', result.stderr), result.stderr


WALPAGES = RUN.parent / "walpages.py"


@pytest.mark.slow
def test_walpages_names_the_btrees_a_push_writes(db):
    if connection.vendor != "sqlite":
        pytest.skip("the write-ahead log is SQLite's")
    result = subprocess.run(
        [sys.executable, str(WALPAGES), "--officers", "2", "--warm", "3", "--pushes", "4"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r"log pages per push: median \d+", result.stdout)
    for table in ("notebook_notebookentry", "sync_mutation", "sync_change", "audit_auditevent"):
        assert re.search(rf"\d\s+{table}$", result.stdout, re.MULTILINE), table
    # seq is the rowid of the feed and the audit trail: no index of its own to write.
    assert "sqlite_autoindex_sync_change" not in result.stdout
    assert "sqlite_autoindex_audit_auditevent" not in result.stdout
