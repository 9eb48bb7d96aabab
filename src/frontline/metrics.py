"""GET /metrics: Prometheus text for monitoring, from a few cheap queries. Counts, never people.

Scrapers send `Authorization: Bearer $FRONTLINE_METRICS_TOKEN`; with no token configured the
endpoint does not exist (404).
"""

import hmac
import time

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.http import Http404, HttpResponse

from frontline.accounts.models import Device, DeviceSession, Officer
from frontline.audit.models import AuditHead
from frontline.common.clock import now
from frontline.sync.models import ChangeHead, Conflict, MediaWait, Upload

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def metrics(request):
    token = settings.FRONTLINE["METRICS_TOKEN"]
    if not token:
        raise Http404("metrics are not enabled")
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(sent.encode(), token.encode()):
        response = HttpResponse("metrics need the scrape token\n", status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    lines = []
    for name, kind, help_text, value in _gauges():
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}", f"{name} {value}"]
    return HttpResponse("\n".join(lines) + "\n", content_type=CONTENT_TYPE)


def _gauges():
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    latency = time.perf_counter() - started
    moment = now()
    feed = ChangeHead.objects.aggregate(seq=Max("seq"))["seq"] or 0
    audit = AuditHead.objects.aggregate(seq=Max("seq"))["seq"] or 0
    return [
        ("frontline_database_up", "gauge", "1 when the database answered", 1),
        ("frontline_database_latency_seconds", "gauge", "time for SELECT 1", f"{latency:.6f}"),
        ("frontline_change_feed_seq", "counter", "changes committed to the sync feed", feed),
        ("frontline_audit_events", "counter", "events in the audit chain", audit),
        (
            "frontline_records_awaiting_media",
            "gauge",
            "records whose photos or signatures have not arrived",
            MediaWait.objects.values("type", "record_id").distinct().count(),
        ),
        (
            "frontline_uploads_incomplete",
            "gauge",
            "resumable uploads started and not finished",
            Upload.objects.filter(blob__completed_at__isnull=True).count(),
        ),
        (
            "frontline_sync_conflicts_open",
            "gauge",
            "edits kept as conflicts for an officer to resolve",
            Conflict.objects.filter(resolved_at__isnull=True).count(),
        ),
        (
            "frontline_sessions_active",
            "gauge",
            "device-bound officer sessions signed in now",
            DeviceSession.objects.filter(ended_at__isnull=True, expires_at__gt=moment).count(),
        ),
        (
            "frontline_devices_enrolled",
            "gauge",
            "app installs enrolled and not revoked",
            Device.objects.filter(revoked_at__isnull=True).count(),
        ),
        (
            "frontline_officers_locked_out",
            "gauge",
            "officers locked out after failed sign-ins",
            Officer.objects.filter(locked_until__gt=moment).count(),
        ),
    ]
