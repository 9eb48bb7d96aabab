"""scripts/restore_check.py backs up a real database, restores it and proves the copy."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "restore_check.py"
FRONTLINE = [sys.executable, "-m", "frontline.cli"]
ENTRY = """
import django; django.setup()
from frontline.accounts.models import Officer
from frontline.notebook.services import notebook_entry_create
from frontline.common.clock import now
from frontline.common.ids import uuid7
officer = Officer.objects.get(collar_number="PC9001")
for n in range(3):
    notebook_entry_create(officer=officer, entry_id=uuid7(), kind="entry",
                          occurred_at=now(), text=f"entry {n}")
"""


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    env.update(FRONTLINE_ENVIRONMENT="demo", DJANGO_SETTINGS_MODULE="frontline.settings", **extra)
    return env


def _database_with_records(env: dict) -> None:
    """A migrated database holding an officer and three chained notebook entries."""
    officer = ["--collar-number", "PC9001", "--given-name", "Ana", "--family-name", "Example"]
    for command, stdin in (
        (["migrate"], None),
        (["createofficer", *officer, "--password-stdin"], "a-long-test-password\n"),
    ):
        result = subprocess.run(
            [*FRONTLINE, *command], env=env, input=stdin, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run([sys.executable, "-c", ENTRY], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _restore_check(env: dict, out_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--out-dir", str(out_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_a_sqlite_backup_restores_with_every_row_and_chain(tmp_path):
    env = _env(FRONTLINE_DATA_DIR=str(tmp_path / "data"))
    _database_with_records(env)

    result = _restore_check(env, tmp_path / "backups")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Restore check passed" in result.stdout
    assert "notebook" in result.stdout and "intact" in result.stdout
    assert len(list((tmp_path / "backups").glob("frontline-*.sqlite3"))) == 1


@pytest.mark.slow
def test_a_postgresql_backup_restores_with_every_row_and_chain(tmp_path, postgres_only):
    settings = connection.settings_dict
    name = f"restore_src_{uuid.uuid4().hex[:8]}"
    server = f"{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
    with psycopg.connect(f"postgresql://{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = _env(
            FRONTLINE_DATA_DIR=str(tmp_path / "data"),
            FRONTLINE_DATABASE_URL=f"postgres://{server}/{name}",
        )
        _database_with_records(env)

        result = _restore_check(env, tmp_path / "backups")

        assert result.returncode == 0, result.stdout + result.stderr
        assert "Restore check passed" in result.stdout
        assert len(list((tmp_path / "backups").glob("frontline-*.dump"))) == 1
    finally:
        with psycopg.connect(f"postgresql://{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'DROP DATABASE IF EXISTS "{name}_restore_check" WITH (FORCE)')


def test_a_restore_missing_rows_fails_the_check(monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(SCRIPT.parent))
    import restore_check

    before = {"notebook_notebookentry": 3, "audit_auditevent": 5}
    restored = {"notebook_notebookentry": 2, "audit_auditevent": 5}
    monkeypatch.setattr(restore_check, "_row_counts", lambda env: restored)

    assert restore_check._prove(before, {}) == 1
    assert "notebook_notebookentry: 3 before, 2 restored" in capsys.readouterr().out
