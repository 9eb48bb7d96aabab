"""The short form of bench/crash: SIGKILL the app server under load; nothing acknowledged is
lost, nothing arrives twice, every chain verifies. The long form and PostgreSQL restarts are
in bench/crash (docs/benchmarks.md)."""

import subprocess

import pytest

from tests.benchrun import bench_command


@pytest.mark.slow
def test_killing_the_server_under_load_loses_and_duplicates_nothing():
    command = bench_command("crash")
    command += ["--devices", "3", "--records", "150", "--kills", "3", "--write-seconds", "20"]
    command += ["--seconds", "240"]

    result = subprocess.run(command, capture_output=True, text=True, timeout=600)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "server SIGKILLs 3" in result.stdout
    assert "FAIL" not in result.stdout
