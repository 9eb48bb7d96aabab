"""Serves the officer app: its shell page, its service worker and its web app manifest.

The app itself is plain ES modules under static/pwa/. The service worker caches exactly the
shell (the page, the manifest and every file under static/pwa/) in a cache whose name carries
the app version and a digest of those files, so any change to the shell is a new cache and a
new worker, which waits until the app says it is safe to take over.
"""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

APP_VERSION = "1.0.0"  # sent as X-App-Version; the server refuses versions below its minimum
CACHE_PREFIX = "frontline-shell-"

_HERE = Path(__file__).resolve().parent
_STATIC = _HERE / "static"
_TEMPLATES = _HERE / "templates" / "pwa"

# Nothing inline, nothing from elsewhere: the app's own files and its own API only.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def shell(request):
    """The one page of the app; the modules draw every screen into it."""
    response = render(
        request,
        "pwa/shell.html",
        {
            "app_version": APP_VERSION,
            "manifest_url": reverse("pwa:manifest"),
            "worker_url": reverse("pwa:service-worker"),
        },
    )
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response["Cache-Control"] = "no-cache"
    return response


def service_worker(request):
    """Served from /app/ so that its scope is /app/; browsers check it for updates often."""
    version, files = shell_manifest()
    response = render(
        request,
        "pwa/sw.js",
        {
            # JSON literals: valid JavaScript, and nothing here is ever HTML-escaped.
            "cache_name": json.dumps(CACHE_PREFIX + version),
            "cache_prefix": json.dumps(CACHE_PREFIX),
            "shell_files": json.dumps(files, indent=2),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request):
    """The web app manifest: installable, standalone, scoped to /app/."""
    icon = "pwa/icons/"
    body = {
        "id": reverse("pwa:shell"),
        "name": "Frontline officer app",
        "short_name": "Frontline",
        "description": "Pocket notebook for police officers, working offline.",
        "lang": "en-GB",
        "start_url": reverse("pwa:shell"),
        "scope": reverse("pwa:shell"),
        "display": "standalone",
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": "#1d3d6e",
        "icons": [
            {"src": static(icon + "icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static(icon + "icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static(icon + "icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static(icon + "icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = HttpResponse(
        json.dumps(body, indent=2), content_type="application/manifest+json; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    return response


def shell_manifest() -> tuple[str, list[str]]:
    """The shell's version (app version + digest of its files) and the URLs to cache."""
    if settings.DEBUG:
        return _shell_manifest()  # edits show at once while developing
    return _shell_manifest_cached()


def shell_digest(static_dir: Path, templates_dir: Path) -> tuple[str, list[Path]]:
    """A digest of every shell file (names and bytes) and the static files it covers."""
    paths = sorted(
        path
        for path in (static_dir / "pwa").rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )
    digest = hashlib.sha256(APP_VERSION.encode() + b"\0")
    named = [(path.relative_to(static_dir).as_posix(), path) for path in paths]
    named += [(f"templates/{name}", templates_dir / name) for name in ("shell.html", "sw.js")]
    for name, path in named:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12], paths


@lru_cache(maxsize=1)
def _shell_manifest_cached() -> tuple[str, list[str]]:
    return _shell_manifest()


def _shell_manifest() -> tuple[str, list[str]]:
    digest, paths = shell_digest(_STATIC, _TEMPLATES)
    files = [reverse("pwa:shell"), reverse("pwa:manifest")]
    files += [static(path.relative_to(_STATIC).as_posix()) for path in paths]
    return f"v{APP_VERSION}-{digest}", files
