"""Evidence: photos and files attached to any record, with a hash-chained chain of custody.

Sync payload (type `evidence.item`, op `create`, lane evidential; the mutation `id` is the
item's UUID, made on the device)::

    {
      "sha256": "<64 hex digits: SHA-256 of the bytes, computed on the device at capture>",
      "media_type": "image/jpeg",        # one of FRONTLINE_UPLOAD_MEDIA_TYPES
      "size": 183224,                    # bytes, 1 .. FRONTLINE_UPLOAD_MAX_MB
      "filename": "IMG_0042.jpg",        # optional, a plain name without a path
      "captured_at": "2026-11-28T16:30:00+00:00",   # device clock, with offset
      "description": "Damage to the rear door",     # optional, at most 2000 characters
      "record_type": "notebook.entry",   # any registered sync type except evidence.item
      "record_id": "<uuid of that record>"
    }

The bytes travel separately through /api/v1/uploads (resumable, verified by hash). The item may
arrive first: the push result then says `awaiting_media: [sha256]`, and when the upload is
verified the item becomes complete (`complete: true` when pulled) and gains an `uploaded`
custody event. Attaching is refused (404 `record_not_found`, field `record_id`) when the change
feed knows the record and it is neither the officer's nor shared with their team; a record the
server has not received yet is accepted as a reference (limit: no record app is imported, so
ownership is checked only through the change feed).

Canonical formats (SHA-256, fields joined by the unit separator 0x1F, after a tag; UUIDs as 32
lower-case hex digits, "" when absent; times as YYYY-MM-DDTHH:MM:SS.ffffffZ in UTC;
`frontline.common.hashing`):

- item: `frontline-evidence-v1`, id, officer_id, device_id, sha256, media_type, size (decimal),
  filename, captured_at, received_at, description, record_type, record_id, app_version.
- custody event: `frontline-custody-v1`, item_id, seq (decimal, from 1), action, at, actor_id,
  device_id, reason, detail (key-sorted compact JSON, "" when none), prev_hash — where
  prev_hash is the item's hash for seq 1 and the previous event's hash after that.

Custody actions: `captured` (at = the device's capture time), `received` (server), `uploaded`
(bytes verified; device = the one that completed the upload), `viewed` (every API or back-office
read of the item or its bytes; reason when not the capturing officer), `exported` (detail names
the recipient; reason required; also an audit `disclosure`). `EvidenceHead` holds each chain's
tip; `frontline verify` checks every item, every link and every head.
"""
