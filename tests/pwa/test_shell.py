"""The officer app's shell, service worker and manifest, as the server hands them out.

None of these tests asks for the database: the shell must be servable without it.
"""

import json
import re
import shutil
import struct
from pathlib import Path

import pytest

from frontline.pwa import views

PWA = Path(views.__file__).resolve().parent
STATIC = PWA / "static"
MODULES = sorted((STATIC / "pwa").rglob("*.js"))


@pytest.fixture
def worker(client):
    response = client.get("/app/sw.js")
    body = response.content.decode()
    cache_name = json.loads(re.search(r"^const CACHE_NAME = (.+);$", body, re.M).group(1))
    files = json.loads(re.search(r"^const SHELL_FILES = (\[.*?\]);$", body, re.M | re.S).group(1))
    return response, cache_name, files


def test_the_shell_page_links_the_manifest_and_loads_the_app_as_a_module(client):
    response = client.get("/app/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["Cache-Control"] == "no-cache"
    html = response.content.decode()
    assert '<link rel="manifest" href="/app/manifest.webmanifest">' in html
    assert '<script type="module" src="/static/pwa/app.js"></script>' in html
    assert 'data-app-version="1.0.0"' in html
    assert 'data-worker-url="/app/sw.js"' in html


def test_the_shell_has_no_inline_script_or_handler_and_a_strict_policy(client):
    response = client.get("/app/")

    html = response.content.decode()
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html) == []
    assert re.findall(r"<[^>]+\son[a-z]+\s*=", html) == []
    assert re.findall(r"<[^>]+\sstyle\s*=", html) == []
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_service_worker_is_served_from_app_uncached_as_javascript(worker):
    response, _, _ = worker

    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "text/javascript"
    assert response["Cache-Control"] == "no-cache"


def test_the_service_worker_caches_exactly_the_shell_under_a_versioned_name(worker):
    _, cache_name, files = worker

    assert re.fullmatch(r"frontline-shell-v1\.0\.0-[0-9a-f]{12}", cache_name)
    static_files = [
        "/static/" + path.relative_to(STATIC).as_posix()
        for path in sorted((STATIC / "pwa").rglob("*"))
        if path.is_file()
    ]
    assert files == ["/app/", "/app/manifest.webmanifest", *static_files]
    assert "/static/pwa/app.js" in files and "/static/pwa/app.css" in files
    assert not any(path.startswith("/api/") for path in files)


def test_every_shell_file_is_served(client, worker):
    _, _, files = worker

    for path in files:
        response = client.get(path)
        assert response.status_code == 200, path
        if path.endswith(".js"):
            assert response["Content-Type"].startswith("text/javascript"), path


def test_the_cache_name_changes_when_any_shell_file_changes(tmp_path):
    copy = tmp_path / "static"
    shutil.copytree(STATIC, copy)
    templates = PWA / "templates" / "pwa"
    before, _ = views.shell_digest(copy, templates)

    module = copy / "pwa" / "sync.js"
    module.write_text(module.read_text() + "\n// changed\n")

    assert views.shell_digest(copy, templates)[0] != before
    assert views.shell_digest(STATIC, templates)[0] == before


def test_the_manifest_makes_the_app_installable(client):
    response = client.get("/app/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == "Frontline officer app"
    assert manifest["short_name"] == "Frontline"
    assert manifest["start_url"] == "/app/"
    assert manifest["scope"] == "/app/"
    assert manifest["id"] == "/app/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])


def test_every_manifest_icon_is_served_at_its_stated_size(client):
    manifest = json.loads(client.get("/app/manifest.webmanifest").content)

    for icon in manifest["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200, icon["src"]
        assert response["Content-Type"].startswith(icon["type"]), icon["src"]
        body = b"".join(response.streaming_content)
        if icon["type"] == "image/png":
            assert body[:8] == b"\x89PNG\r\n\x1a\n"
            width, height = struct.unpack(">II", body[16:24])
            assert f"{width}x{height}" == icon["sizes"]


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_each_module_imports_only_modules_that_exist(module):
    # With no build step, a mistyped import would only show in a browser.
    source = module.read_text()
    for specifier in re.findall(
        r"""^\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']""", source, re.M
    ):
        assert specifier.startswith("."), f"{module.name} imports {specifier} from elsewhere"
        assert (module.parent / specifier).resolve().is_file(), f"{module.name}: {specifier}"


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_no_module_writes_markup_or_evaluates_strings(module):
    source = module.read_text()
    for risky in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    ):
        assert risky not in source, f"{module.name} uses {risky}"
