"""Record types registered lazily: named at start-up, imported on first use."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from frontline.sync import registry

START_UP = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "frontline.settings"
import django
django.setup()
from frontline.sync.registry import record_type_names
print(",".join(record_type_names()))
heavy = ("ninja", "pydantic", "frontline.notebook.schemas")
print(",".join(sorted(m for m in heavy if m in sys.modules)))
"""


def test_start_up_names_every_record_type_without_importing_api_schemas(tmp_path):
    env = {**os.environ, "FRONTLINE_ENVIRONMENT": "demo", "FRONTLINE_DATA_DIR": str(tmp_path)}
    env.pop("FRONTLINE_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", START_UP], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    names, imported = done.stdout.splitlines()
    assert set(names.split(",")) >= {
        "evidence.item",
        "incident.report",
        "incident.submit",
        "notebook.entry",
        "statement.mg11",
        "stopsearch.record",
    }
    assert imported == ""


def test_a_lazily_registered_type_is_loaded_on_first_use(monkeypatch):
    monkeypatch.setattr(registry, "_types", {})
    monkeypatch.setattr(registry, "_lazy", {})
    registry.record_types_register_lazily("frontline.notebook.sync", ["notebook.entry"])
    assert registry.record_type_names() == ["notebook.entry"]
    record_type = registry.record_type_get("notebook.entry")
    assert record_type.name == "notebook.entry" and record_type.prepare_many is not None
    assert registry.record_type_get("notebook.entry") is record_type


def test_a_module_defining_other_types_than_declared_is_refused(monkeypatch):
    monkeypatch.setattr(registry, "_types", {})
    monkeypatch.setattr(registry, "_lazy", {})
    registry.record_types_register_lazily("frontline.notebook.sync", ["notebook.page"])
    with pytest.raises(ImproperlyConfigured, match=r"notebook\.entry"):
        registry.record_type_get("notebook.page")
