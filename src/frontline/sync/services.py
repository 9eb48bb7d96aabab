"""Sync writes: applying pushed mutations exactly once (the change feed: sync.feed).

Exactly-once rests on database constraints, never on check-then-insert: the mutation row is
inserted first (primary key mutation_id, unique device + device_seq), the record's own primary
key is its client-made id, and the effects, the change-feed row, the audit row and the stored
response commit in one transaction. A replay hits the constraint and gets the stored response.
"""

import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from frontline.audit.services import audit_events_prepare, audit_record_prepared
from frontline.common.clock import now
from frontline.common.errors import DomainError
from frontline.common.hashing import canonical_json
from frontline.common.insert import rows_convert, rows_insert
from frontline.common.prepared import rows_fetch
from frontline.common.sqltext import uuid_param
from frontline.common.text import unpaired_surrogate_at
from frontline.sync import blobs, registry
from frontline.sync.feed import changes_prepare, changes_record_prepared
from frontline.sync.models import (
    STATUS_APPLIED,
    STATUS_CONFLICT,
    STATUS_DUPLICATE,
    STATUS_REJECTED,
    Blob,
    Conflict,
    MediaWait,
    Mutation,
)

_ACKED_SQL = f"SELECT MAX(device_seq) FROM {Mutation._meta.db_table} WHERE device_id = %s"  # noqa: S608
# Change's columns in model order (Change.from_db relies on it).
MUTATION_COLUMNS = (
    "mutation_id",
    "device_id",
    "device_seq",
    "officer_id",
    "type",
    "op",
    "record_id",
    "payload_hash",
    "response",
    "received_at",
    "app_version",
)


class Rejected(Exception):
    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.body = {"code": code, "message": message}
        if field:
            self.body["field"] = field


def sync_push(*, officer, device, app_version: str, mutations: list[dict]) -> dict:
    """Apply a batch in device_seq order, in one transaction.

    The common batch (new records of one type that registers `prepare_many`) is written with a
    few set-based statements. Any other batch, or one where the set-based attempt meets a
    constraint or a refusal, is applied one mutation at a time, each in its own savepoint, so a
    rejected one leaves no trace while the rest apply. Either way the batch commits once, and
    only then is the response (the acknowledgement) sent. If the server fails before that
    commit, nothing of the batch happened and the device resends it.
    """
    ordered = sorted(mutations, key=lambda m: m["device_seq"])
    # Validation, hashing and the record type's own preparation need no lock: done before the
    # transaction (on SQLite, before the single write lock is taken).
    batch = _batch_prepared(
        officer=officer, device=device, app_version=app_version, mutations=ordered
    )
    if batch is not None:
        try:
            with transaction.atomic():
                results, acked = _batch_write(
                    officer=officer, device=device, app_version=app_version, batch=batch
                )
            return {"results": results, "acked_device_seq": acked}
        except (registry.BatchFallback, DomainError, IntegrityError):
            pass  # rolled back whole: the one-at-a-time path answers each mutation
    with transaction.atomic():
        results = [
            _push_one(officer=officer, device=device, app_version=app_version, mutation=m)
            for m in ordered
        ]
        acked = _acked_device_seq(device)
    return {"results": results, "acked_device_seq": acked}


def mutation_payload_hash(mutation: dict) -> str:
    return hashlib.sha256(
        canonical_json(
            {
                "type": mutation["type"],
                "op": mutation["op"],
                "id": str(mutation["id"]),
                "base_version": mutation.get("base_version"),
                "payload": mutation["payload"],
            }
        ).encode()
    ).hexdigest()


@dataclass(frozen=True)
class _Batch:
    record_type: registry.RecordType
    mutations: list[dict]
    prepared: registry.Prepared
    # MUTATION_COLUMNS' values ready for the database; the response is rendered ahead too
    # unless an outcome needs the transaction (a conflict to record, media to wait for).
    mutation_rows: list[tuple]
    responses: list[dict] | None


def _batch_prepared(*, officer, device, app_version, mutations) -> _Batch | None:
    """A batch the set-based path may try: one record type with `prepare_many`, no mutation
    repeated, every payload valid, and the type's own preparation passed. None sends the
    batch to the one-at-a-time path."""
    record_type = registry.record_type_get(mutations[0]["type"]) if mutations else None
    if record_type is None or record_type.prepare_many is None:
        return None
    if any(m["type"] != record_type.name for m in mutations) or not _distinct(mutations):
        return None
    try:
        # Hashing encodes each mutation as UTF-8, so it also finds half of a surrogate pair
        # anywhere in it, without a second walk of every payload; the one-at-a-time path
        # then names the field.
        payload_hashes = [mutation_payload_hash(m) for m in mutations]
    except UnicodeEncodeError:
        return None
    try:
        contexts = [
            _context(officer, device, app_version, m, _validated(m, text_checked=True)[1])
            for m in mutations
        ]
        prepared = record_type.prepare_many(contexts)
    except (Rejected, registry.BatchFallback, DomainError):
        return None
    responses = None
    if not any(applied.conflict or applied.media for applied in prepared.applied):
        responses = [
            _response_plain(mutation, applied)
            for mutation, applied in zip(mutations, prepared.applied, strict=True)
        ]
    received_at = now()
    rows = rows_convert(
        Mutation,
        MUTATION_COLUMNS,
        [
            (
                mutation["mutation_id"],
                device.pk,
                mutation["device_seq"],
                officer.pk,
                mutation["type"],
                mutation["op"],
                mutation["id"],
                payload_hashes[index],
                responses[index] if responses else None,  # else rendered in the transaction
                received_at,
                app_version[:40],
            )
            for index, mutation in enumerate(mutations)
        ],
    )
    return _Batch(record_type, mutations, prepared, rows, responses)


def _batch_write(*, officer, device, app_version, batch: _Batch):
    """The set-based path, inside the caller's transaction: (results, acked device_seq).

    Exactly-once still rests on the constraints: the records' primary keys, the mutation
    rows' primary key and (device, device_seq). A replay, a reused id or a concurrent
    duplicate makes an INSERT fail; the caller's transaction rolls back whole and the
    one-at-a-time path then answers each mutation as it always has (stored response,
    duplicate or rejection).
    """
    writes = registry.BatchWrites()
    batch.prepared.write(writes)
    if batch.responses is not None:
        results = batch.responses
        rows_insert(Mutation, MUTATION_COLUMNS, batch.mutation_rows, converted=MUTATION_COLUMNS)
    else:
        results = [
            _response(
                record_type=batch.record_type,
                officer=officer,
                device=device,
                mutation=mutation,
                applied=outcome,
            )
            for mutation, outcome in zip(batch.mutations, batch.prepared.applied, strict=True)
        ]
        rows_insert(
            Mutation,
            MUTATION_COLUMNS,
            [
                (*row[:8], response, *row[9:])
                for row, response in zip(batch.mutation_rows, results, strict=True)
            ],
            converted=tuple(c for c in MUTATION_COLUMNS if c != "response"),
        )
    acked = _acked_device_seq(device)
    # The global heads last, change feed before audit, each locked once and held only from
    # here to the commit.
    changes_record_prepared(changes_prepare(writes.changes), *writes.changes_prepared)
    audit_record_prepared(
        audit_events_prepare(writes.audit_events),
        *writes.audit_prepared,
        details=writes.audit_details,
    )
    return results, acked


def _distinct(mutations) -> bool:
    # A batch that repeats a mutation id, a device_seq or a record id has a replay or a
    # duplicate inside it: the one-at-a-time path answers those.
    for key in ("mutation_id", "device_seq", "id"):
        if len({m[key] for m in mutations}) != len(mutations):
            return False
    return True


def _acked_device_seq(device) -> int:
    return rows_fetch(_ACKED_SQL, [uuid_param(device.pk)])[0][0] or 0


def _push_one(*, officer, device, app_version, mutation) -> dict:
    mutation_id = mutation["mutation_id"]
    if registry.record_type_get(mutation["type"]) is None:
        # Refused before anything is written: an unknown name (even one holding characters a
        # database column cannot store) is the device's mistake, answered per item.
        unknown = Rejected("unknown_type", f"unknown record type {mutation['type']!r}", "type")
        return {"mutation_id": str(mutation_id), "status": STATUS_REJECTED, "error": unknown.body}
    broken = _broken_text(mutation)
    if broken is not None:  # refused before hashing, which needs UTF-8
        return {"mutation_id": str(mutation_id), "status": STATUS_REJECTED, "error": broken.body}
    payload_hash = mutation_payload_hash(mutation)
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    Mutation.objects.create(
                        mutation_id=mutation_id,
                        device=device,
                        device_seq=mutation["device_seq"],
                        officer=officer,
                        type=mutation["type"],
                        op=mutation["op"],
                        record_id=mutation["id"],
                        payload_hash=payload_hash,
                        response={},
                        received_at=now(),
                        app_version=app_version[:40],
                    )
            except IntegrityError:
                return _replay(device=device, mutation=mutation, payload_hash=payload_hash)
            response = _apply(
                officer=officer, device=device, app_version=app_version, mutation=mutation
            )
            Mutation.objects.filter(pk=mutation_id).update(response=response)
            return response
    except Rejected as rejected:
        # Nothing was written: the savepoint rolled back, mutation row included, so the
        # device may retry the same mutation once the cause is fixed.
        return {"mutation_id": str(mutation_id), "status": STATUS_REJECTED, "error": rejected.body}


def _apply(*, officer, device, app_version, mutation) -> dict:
    # _push_one refused broken text already, before hashing the payload.
    record_type, payload = _validated(mutation, text_checked=True)
    context = _context(officer, device, app_version, mutation, payload)
    try:
        applied = record_type.apply(context)
    except DomainError as exc:
        field = f"payload.{exc.field}" if exc.field and exc.field != "id" else exc.field
        raise Rejected(exc.code, exc.message, field) from None
    return _response(
        record_type=record_type, officer=officer, device=device, mutation=mutation, applied=applied
    )


def _validated(mutation, *, text_checked: bool = False) -> tuple[registry.RecordType, object]:
    record_type = registry.record_type_get(mutation["type"])
    if record_type is None:
        raise Rejected("unknown_type", f"unknown record type {mutation['type']!r}", "type")
    if mutation["op"] not in record_type.ops:
        raise Rejected(
            "invalid_op", f"{record_type.name} accepts {', '.join(sorted(record_type.ops))}", "op"
        )
    if (
        record_type.lane == registry.EDITABLE
        and mutation["op"] != "create"
        and mutation.get("base_version") is None
    ):
        raise Rejected(
            "base_version_required", "an edit must say which version it edits", "base_version"
        )
    broken = None if text_checked else _broken_text(mutation)
    if broken is not None:
        raise broken
    # Imported here: sync.services is imported at start-up (record apps append to the feed),
    # and commands that never sync, such as `frontline verify`, need not load pydantic.
    from pydantic import ValidationError

    try:
        payload = record_type.schema.model_validate(mutation["payload"])
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "payload"
        raise Rejected("invalid", error["msg"], f"payload.{field}") from None
    return record_type, payload


def _broken_text(mutation) -> Rejected | None:
    """A payload string holding half of a UTF-16 surrogate pair (a text cut in the middle of
    an emoji, say), refused for this mutation alone: it can be neither hashed nor stored."""
    where = unpaired_surrogate_at(mutation["payload"], "payload")
    if where is None:
        return None
    return Rejected(
        "unpaired_surrogate",
        f"{where} holds a broken character (half of a UTF-16 surrogate pair)",
        where,
    )


def _context(officer, device, app_version, mutation, payload) -> registry.ApplyContext:
    return registry.ApplyContext(
        officer=officer,
        device=device,
        app_version=app_version,
        record_id=mutation["id"],
        op=mutation["op"],
        base_version=mutation.get("base_version"),
        payload=payload,
    )


def _response(*, record_type, officer, device, mutation, applied: registry.Applied) -> dict:
    """The result of an applied mutation, recording a conflict or awaited media on the way."""
    if not (applied.conflict or applied.media):
        return _response_plain(mutation, applied)
    response = {"mutation_id": str(mutation["mutation_id"]), "version": applied.version}
    if applied.conflict:
        Conflict.objects.create(
            mutation_id=mutation["mutation_id"],
            type=record_type.name,
            record_id=mutation["id"],
            officer=officer,
            device=device,
            base_version=mutation.get("base_version"),
            server_version=applied.server_version,
            payload=mutation["payload"],
            created_at=now(),
        )
        response["status"] = STATUS_CONFLICT
        response["error"] = {
            "code": "stale_base_version",
            "message": "the record changed on the server since this edit began",
            "server_version": applied.server_version,
        }
        return response
    response["status"] = STATUS_APPLIED if applied.created else STATUS_DUPLICATE
    missing = _media_missing(applied.media)
    if missing:
        MediaWait.objects.bulk_create(
            [
                MediaWait(type=record_type.name, record_id=mutation["id"], sha256=sha)
                for sha in missing
            ],
            ignore_conflicts=True,
        )
        # An upload finishing while this batch is open cannot see these waits yet; look
        # again once the batch has committed (blobs.media_waits_release runs each once).
        transaction.on_commit(lambda: blobs.media_waits_release(hashes=sorted(missing)))
        response["awaiting_media"] = sorted(missing)
    return response


def _response_plain(mutation, applied: registry.Applied) -> dict:
    """The result of a mutation applied with no conflict and no media to wait for: it needs
    nothing from the database, so a batch renders it before its transaction."""
    return {
        "mutation_id": str(mutation["mutation_id"]),
        "version": applied.version,
        "status": STATUS_APPLIED if applied.created else STATUS_DUPLICATE,
    }


def _replay(*, device, mutation, payload_hash) -> dict:
    existing = Mutation.objects.filter(pk=mutation["mutation_id"]).first()
    if existing is None:
        raise Rejected(
            "device_seq_reused",
            "this device already sent another mutation with this device_seq",
            "device_seq",
        )
    if existing.device_id != device.pk or existing.payload_hash != payload_hash:
        raise Rejected(
            "mutation_id_reused",
            "this mutation id was already used for a different mutation",
            "mutation_id",
        )
    return existing.response


def _media_missing(hashes: list[str]) -> set[str]:
    if not hashes:
        return set()
    held = set(
        Blob.objects.filter(sha256__in=hashes, complete=True).values_list("sha256", flat=True)
    )
    return set(hashes) - held
