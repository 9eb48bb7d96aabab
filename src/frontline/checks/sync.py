"""Checks for the sync engine.

- `checks.briefing_pack` (pull only): the officer's current pack, `{id, issued_at, expires_at,
  persons: [...], vehicles: [...]}`, each person with their search `keys` (names.py) so the app
  can match names offline as the server does. A newer pack withdraws the old (a delete).
  The app must not use a pack past `expires_at`.
- `checks.offline_check` (push, create-only): a check made against the pack while offline,
  payload schemas.OfflineCheckPayload. It is logged as a consultation when it arrives.
"""

from frontline.checks import services
from frontline.checks.models import BriefingPack
from frontline.checks.schemas import OfflineCheckPayload, PackPayload
from frontline.common.errors import InvalidInput
from frontline.sync.registry import (
    EVIDENTIAL,
    Applied,
    ApplyContext,
    RecordType,
)


def briefing_pack_apply(context: ApplyContext) -> Applied:
    raise InvalidInput("server_made", "briefing packs are issued by the server", field="type")


def briefing_packs_serialise(ids) -> dict:
    return {
        pack.pk: {
            "id": str(pack.pk),
            "issued_at": pack.issued_at.isoformat(),
            "expires_at": pack.expires_at.isoformat(),
            **pack.content,
        }
        for pack in BriefingPack.objects.filter(pk__in=ids, withdrawn=False)
    }


def offline_check_apply(context: ApplyContext) -> Applied:
    _, created = services.check_record_offline(
        officer=context.officer,
        device=context.device,
        record_id=context.record_id,
        payload=context.payload,
    )
    return Applied(version=1, owner_id=context.officer.pk, created=created)


def offline_checks_serialise(ids) -> dict:
    return {}  # the log is for auditors; nothing goes back to devices


# Loaded on first use (sync.registry.record_types_register_lazily in apps.py).
RECORD_TYPES = [
    RecordType(
        name=services.PACK_TYPE,
        lane=EVIDENTIAL,
        schema=PackPayload,
        apply=briefing_pack_apply,
        serialise_many=briefing_packs_serialise,
    ),
    RecordType(
        name=services.OFFLINE_CHECK_TYPE,
        lane=EVIDENTIAL,
        schema=OfflineCheckPayload,
        apply=offline_check_apply,
        serialise_many=offline_checks_serialise,
    ),
]
