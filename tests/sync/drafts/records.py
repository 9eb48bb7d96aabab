"""`test.draft`: editable state through the sync registry, as a record app registers it."""

from pydantic import BaseModel, ConfigDict, Field

from frontline.common.errors import InvalidInput, NotFound
from frontline.sync.feed import change_record
from frontline.sync.registry import EDITABLE, Applied, RecordType, record_type_register
from tests.sync.drafts.models import Draft

TYPE = "test.draft"


class DraftPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: str = Field("", max_length=1000)


def register() -> None:
    record_type_register(
        RecordType(
            name=TYPE,
            lane=EDITABLE,
            schema=DraftPayload,
            apply=draft_apply,
            serialise_many=drafts_serialise,
            ops=frozenset({"create", "update", "delete"}),
        )
    )


def draft_apply(context) -> Applied:
    officer = context.officer
    if context.op == "create":
        draft, created = Draft.objects.get_or_create(
            pk=context.record_id, defaults={"owner": officer, "body": context.payload.body}
        )
        if draft.owner_id != officer.pk:
            raise InvalidInput("not_own_record", "another officer's record", field="id")
        if created:
            change_record(type=TYPE, record_id=draft.pk, owner_id=officer.pk, version=1)
        return Applied(version=draft.version, owner_id=officer.pk, created=created)
    draft = Draft.objects.select_for_update().filter(pk=context.record_id).first()
    if draft is None or draft.owner_id != officer.pk:
        raise NotFound("not_found", "no such draft", field="id")
    if draft.deleted or draft.version != context.base_version:
        return Applied(
            version=draft.version, owner_id=officer.pk, conflict=True, server_version=draft.version
        )
    draft.version += 1
    if context.op == "delete":
        draft.deleted = True
    else:
        draft.body = context.payload.body
    draft.save()
    change_record(
        type=TYPE,
        record_id=draft.pk,
        owner_id=officer.pk,
        version=draft.version,
        op="delete" if draft.deleted else "upsert",
    )
    return Applied(version=draft.version, owner_id=officer.pk)


def drafts_serialise(ids) -> dict:
    return {
        draft.pk: {"id": str(draft.pk), "body": draft.body, "version": draft.version}
        for draft in Draft.objects.filter(pk__in=ids, deleted=False)
    }
