"""Settings come from FRONTLINE_* variables; production refuses unsafe configurations."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection


def _import_settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    clean.update({"FRONTLINE_DATA_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-c", "import frontline.settings as s; print(s.DEBUG, s.SECRET_KEY[:4])"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _import_settings(tmp_path, FRONTLINE_ENVIRONMENT="production")
    assert result.returncode != 0
    assert "FRONTLINE_SECRET_KEY is required in production" in result.stderr


def test_production_is_the_default_environment(tmp_path):
    result = _import_settings(tmp_path)
    assert result.returncode != 0
    assert "FRONTLINE_SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_with_debug_on(tmp_path):
    result = _import_settings(
        tmp_path,
        FRONTLINE_ENVIRONMENT="production",
        FRONTLINE_SECRET_KEY="k" * 64,
        FRONTLINE_DEBUG="true",
    )
    assert result.returncode != 0
    assert "FRONTLINE_DEBUG must be off in production" in result.stderr


def test_production_starts_with_a_key_and_debug_off(tmp_path):
    result = _import_settings(
        tmp_path, FRONTLINE_ENVIRONMENT="production", FRONTLINE_SECRET_KEY="k" * 64
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "kkkk"]


def test_malformed_setting_is_named(tmp_path):
    result = _import_settings(tmp_path, FRONTLINE_ENVIRONMENT="demo", FRONTLINE_SHIFT_HOURS="ten")
    assert result.returncode != 0
    assert "FRONTLINE_SHIFT_HOURS must be a whole number" in result.stderr


def test_demo_generates_and_keeps_its_secret_key(tmp_path):
    first = _import_settings(tmp_path, FRONTLINE_ENVIRONMENT="demo")
    second = _import_settings(tmp_path, FRONTLINE_ENVIRONMENT="demo")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_passwords_are_hashed_with_argon2_in_production_settings():
    # The test suite swaps in a fast hasher per test; the configured first hasher is Argon2.
    from frontline import settings as frontline_settings

    assert frontline_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_argon2_hashes_an_officers_password(officer, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    officer.set_password("a long passphrase")
    assert officer.password.startswith("argon2$argon2id$")
    assert officer.check_password("a long passphrase")


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_sqlite_syncs_its_log_at_every_commit(db):
    """FULL, not NORMAL: with NORMAL a power cut can undo a commit already acknowledged to a
    device, which has then dropped the records from its outbox."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    # Set by Frontline, not left to the library's default, which a build may choose otherwise
    assert "PRAGMA synchronous=FULL;" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL


def test_production_settings_pass_djangos_deployment_checks(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    clean.update(
        FRONTLINE_DATA_DIR=str(tmp_path),
        FRONTLINE_ENVIRONMENT="production",
        # A random-looking key: the check refuses short or low-variety ones.
        FRONTLINE_SECRET_KEY="b7Qm2-xV9rLk_4tZpW8sNf3yHc6JdGe1aRuT0oYiKvBnMjXlCqPwSzAhEgFr5D",
        FRONTLINE_ALLOWED_HOSTS="frontline.example.police.uk",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "frontline.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sets_hsts_and_secure_cookies(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    clean.update(
        FRONTLINE_DATA_DIR=str(tmp_path),
        FRONTLINE_ENVIRONMENT="production",
        FRONTLINE_SECRET_KEY="k" * 64,
    )
    code = (
        "import frontline.settings as s; print(s.SECURE_HSTS_SECONDS >= 31536000, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "'frame-ancestors \\'none\\'' in s.CONTENT_SECURITY_POLICY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60
    )

    assert result.stdout.split() == ["True"] * 5, result.stderr
