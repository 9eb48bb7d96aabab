"""What every benchmark needs around the measured part: a scratch data directory, a scratch
PostgreSQL database dropped afterwards, the environment that points Frontline at them, a
subprocess that must succeed, and a free loopback port.

The benchmarks are scripts (`python bench/<name>/run.py`); each puts this folder on sys.path to
import this module.
"""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


@contextlib.contextmanager
def data_dir_prepare(requested: str | None, *, keep: bool, prefix: str) -> Iterator[Path]:
    """The directory asked for (new or empty), else a temporary one, kept only with `keep`."""
    if requested:
        path = Path(requested).resolve()
        path.mkdir(parents=True, exist_ok=True)
        if any(path.iterdir()):
            sys.exit(f"error: {path} is not empty; give a new or empty --data-dir")
        yield path
    elif keep:
        yield Path(tempfile.mkdtemp(prefix=prefix))
    else:
        with tempfile.TemporaryDirectory(prefix=prefix) as path:
            yield Path(path)


@contextlib.contextmanager
def database_prepare(server_url: str | None, *, name: str, keep: bool) -> Iterator[str | None]:
    """SQLite (None), or a fresh database `name` on the given PostgreSQL server, dropped again
    afterwards unless `keep`."""
    if not server_url:
        yield None
        return
    import psycopg
    from psycopg import sql

    identifier = sql.Identifier(name)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(identifier))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(identifier))
    parts = urlsplit(server_url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        if not keep:
            if "django" in sys.modules:
                from django.db import connections

                connections.close_all()
            with psycopg.connect(server_url, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))


def environment_configure(data_dir: Path, database_url: str | None) -> None:
    """Point this process (and its children) at the scratch data directory and database."""
    os.environ["FRONTLINE_ENVIRONMENT"] = "development"
    os.environ["FRONTLINE_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontline.settings"
    if database_url:
        os.environ["FRONTLINE_DATABASE_URL"] = database_url
    else:
        os.environ.pop("FRONTLINE_DATABASE_URL", None)


def run(command: list[str], env: dict, timeout: float = 1800) -> str:
    """Run a command to completion; stop the benchmark with its output if it fails."""
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
