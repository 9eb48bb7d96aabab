"""The short form of bench/load: a small fleet doing everything the officer app does (pulls,
pushes, photos, checks, check-ins) against a real `frontline serve`, on the database this run
uses. Every request answers without error, every record acknowledged is on the server, and the
chains verify. Speed is not asserted here: the 20,000-device figures come from the long form
on a quiet machine (docs/benchmarks.md, "Force-scale load")."""

import re
import subprocess

import pytest

from tests.benchrun import bench_command


@pytest.mark.slow
def test_a_small_fleet_gets_every_answer_and_loses_no_record():
    command = bench_command("load")
    # 60 devices, each pulling every 10 s, checking in every 20 s, pushing about a record every
    # 4 s with a photo on one in five, and checking a person or vehicle every 40 s.
    command += ["--devices", "60", "--seconds", "12", "--warm-up", "3", "--poll", "10"]
    command += ["--check-in", "20", "--records-per-shift", "900", "--shift-hours", "1"]
    command += ["--photo-every", "5", "--checks-per-shift", "90", "--reference", "2000"]
    command += ["--workers", "2", "--threads", "4", "--connections", "16"]

    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    out = result.stdout + result.stderr

    assert "Traceback" not in out, out
    step = re.search(r"^scale 1: .* errors (\d+),", result.stdout, re.MULTILINE)
    assert step and step.group(1) == "0", out
    exercised = ("GET /sync/pull", "POST /sync/push", "PATCH /uploads", "POST /fleet/check-ins")
    for endpoint in exercised:
        assert f"| {endpoint} |" in result.stdout, f"{endpoint} was not exercised:\n{out}"
    assert re.search(r"\| POST /checks/(persons|vehicles) \|", result.stdout), out
    records = re.search(r"Records acknowledged ([\d,]+), on the server ([\d,]+), sent", out)
    assert records and int(records.group(1).replace(",", "")) > 0, out
    assert records.group(1) == records.group(2), out  # nothing timed out here: exactly equal
    assert "(every acknowledged one held); `frontline verify`: passed." in out, out
