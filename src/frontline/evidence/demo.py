"""Demo evidence: photos attached to PC1001's notebook entries, with complete custody chains.

The photos are drawn here (small PNG scene sketches), uploaded through the blob service from a
demo handset so the bytes are real and verified, then attached; PS2001 views one with a reason
and exports it to the CPS.
"""

import io
from datetime import datetime, timedelta
from uuid import UUID

from frontline.accounts.services import device_enrol, enrolment_code_issue
from frontline.common.hashing import sha256_hex
from frontline.common.ids import uuid7
from frontline.evidence import selectors, services
from frontline.sync import blobs
from frontline.sync.models import Change
from frontline.sync.registry import record_type_get

# (what the sketch shows, its description, its colour) for each of PC1001's first entries
PHOTOS = [
    ("Briefing board", "Briefing board: burglary series, Brackenbury Village.", "#1d70b8"),
    ("Shop doorway", "Store entrance on King Street where the shoplifter left.", "#d4351c"),
    ("Glenthorne Road", "Street view outside the witness's address.", "#00703c"),
]
REASON = "Preparing the file for the CPS charging decision"


def demo_load(*, officers, stations, teams) -> None:
    officer = officers["PC1001"]
    entries = _notebook_entries(officer)
    issued = enrolment_code_issue(actor=None, label="PC1001 handset (demo evidence)")
    device, _ = device_enrol(
        code=issued.code, label="PC1001 handset", platform="demo", app_version="1.4.0"
    )
    items = []
    for entry, (title, description, colour) in zip(entries, PHOTOS, strict=False):
        data = _photo(title, colour)
        digest = sha256_hex(data)
        blobs.upload_start(device=device, sha256=digest, size=len(data), media_type="image/png")
        blobs.upload_append(device=device, sha256=digest, offset=0, chunk=data)
        items.append(
            services.evidence_item_create(
                officer=officer,
                item_id=uuid7(),
                sha256=digest,
                media_type="image/png",
                size=len(data),
                filename=f"{title.lower().replace(' ', '-')}.png",
                captured_at=datetime.fromisoformat(entry["occurred_at"]) + timedelta(minutes=2),
                description=description,
                record_type="notebook.entry",
                record_id=UUID(entry["id"]),
                device=device,
                app_version="1.4.0",
            ).item
        )
    if items:
        supervisor = officers["PS2001"]
        item = selectors.evidence_item_get(item_id=items[-1].pk)
        services.evidence_view_record(viewer=supervisor, item=item, reason=REASON)
        services.evidence_export(
            viewer=supervisor, item=item, reason=REASON, recipient="CPS London"
        )


def _notebook_entries(officer) -> list[dict]:
    """The officer's notebook entries as the sync feed serialises them (no notebook import)."""
    ids = list(
        Change.objects.filter(type="notebook.entry", owner=officer).values_list(
            "record_id", flat=True
        )
    )
    rows = record_type_get("notebook.entry").serialise_many(ids).values()
    return sorted((row for row in rows if row["kind"] == "entry"), key=lambda row: row["seq"])


def _photo(title: str, colour: str) -> bytes:
    """A small PNG sketch of a scene, drawn without any global plotting state."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    figure = Figure(figsize=(4, 3), dpi=80)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, 4)
    axes.set_ylim(0, 3)
    axes.axis("off")
    axes.add_patch(Rectangle((0, 0), 4, 3, color="#f3f2f1"))
    axes.add_patch(Rectangle((0.3, 0.3), 1.4, 2.2, color=colour))
    axes.add_patch(Rectangle((2.0, 0.3), 1.7, 1.2, color="#505a5f"))
    axes.text(2.0, 2.3, title, fontsize=14, color="#0b0c0c")
    axes.text(2.0, 1.8, "Frontline demo", fontsize=9, color="#505a5f")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
