"""`frontline verify --record <id>`: one record, or every record of a court bundle, checked again.

For a record: its own chain checks (its notebook chain, its statement's signed content hash, its
report's version chain) and, if it was ever bundled, its content against the hash recorded in
the audit trail by the latest bundle. For a bundle: the same for each of its records and its
evidence items. The audit chain holding those hashes is verified too.
"""

import json
from dataclasses import dataclass, field
from uuid import UUID

from frontline.audit.integrity import audit_chain_verify
from frontline.audit.keeping import evidence_attached, record_keeping_all, record_keeping_get
from frontline.audit.models import AuditEvent
from frontline.audit.selectors import disposal_get
from frontline.interop.bundles import OBJECT_TYPE, content_sha256


@dataclass
class RecordVerification:
    found: bool = False
    checked: list[str] = field(default_factory=list)  # what was checked, for the report
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.found and not self.problems


def record_verify(record_id: UUID) -> RecordVerification:
    result = RecordVerification()
    bundle = (
        AuditEvent.objects.filter(object_type=OBJECT_TYPE, object_id=str(record_id))
        .order_by("-seq")
        .first()
    )
    if bundle is not None:
        result.found = True
        result.checked.append(f"bundle {record_id} (audit event {bundle.seq})")
        detail = json.loads(bundle.detail)
        for record_type, item_id, digest in detail.get("records", []):
            _record_check(result, record_type, UUID(item_id), digest)
        _evidence_check(result, detail)
    else:
        for keeping in record_keeping_all():
            if keeping.content(record_id) is not None:
                result.found = True
                _record_check(result, keeping.record_type, record_id, _bundled_hash(record_id))
                break
    if result.found:
        audit = audit_chain_verify()
        result.checked.append(f"audit trail ({audit.rows} events)")
        result.problems += [str(brk) for brk in audit.breaks]
    return result


def _record_check(result: RecordVerification, record_type, record_id, bundled: str | None):
    keeping = record_keeping_get(record_type)
    content = keeping.content(record_id) if keeping else None
    where = f"{record_type} {record_id}"
    if content is None:
        result.problems.append(f"{where}: not held")
        return
    result.checked.append(where)
    if keeping.verify is not None:
        result.problems += keeping.verify(record_id)
    if bundled is not None and content_sha256(content) != bundled:
        disposal = disposal_get(record_type=record_type, record_id=record_id)
        if disposal is not None:
            result.checked.append(
                f"{where}: personal content disposed {disposal.disposed_at:%Y-%m-%d} under "
                f"decision {disposal.decision_id} (audit event {disposal.audit_seq})"
            )
        else:
            result.problems.append(f"{where}: content differs from the bundled content hash")


def _evidence_check(result: RecordVerification, detail: dict) -> None:
    bundled = {item_id: (sha, digest) for item_id, sha, digest in detail.get("evidence", [])}
    if not bundled:
        return
    held = {}
    by_type: dict[str, list[UUID]] = {}
    for record_type, item_id, _ in detail.get("records", []):
        by_type.setdefault(record_type, []).append(UUID(item_id))
    for record_type, ids in by_type.items():
        for item in evidence_attached(record_type, ids):
            held[item["id"]] = (item["sha256"], item["hash"])
    for item_id, hashes in sorted(bundled.items()):
        result.checked.append(f"evidence.item {item_id}")
        if held.get(item_id) != hashes:
            result.problems.append(f"evidence.item {item_id}: differs from the bundled hashes")


def _bundled_hash(record_id: UUID) -> str | None:
    """The content hash recorded by the latest bundle that holds this record."""
    for event in AuditEvent.objects.filter(
        object_type=OBJECT_TYPE, detail__contains=str(record_id)
    ).order_by("-seq")[:20]:
        for _, item_id, digest in json.loads(event.detail).get("records", []):
            if item_id == str(record_id):
                return digest
    return None
