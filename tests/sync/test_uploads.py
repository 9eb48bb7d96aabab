"""Resumable uploads: offsets, resume, hash verification, limits, records before their blobs."""

import hashlib
import uuid

import pytest
from pydantic import BaseModel, ConfigDict

from frontline.sync import registry
from frontline.sync.blobs import blob_path
from frontline.sync.models import Blob, MediaWait, Upload
from tests.sync.helpers import APP, Device

PHOTO = bytes(range(256)) * 40  # 10,240 bytes
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()
PHOTO_SIZE = len(PHOTO)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api(api_factory, officer):
    return api_factory(officer)


def start(api, sha=PHOTO_SHA, size=PHOTO_SIZE, media_type="image/jpeg"):
    return api.client.post(
        "/api/v1/uploads",
        {"sha256": sha, "size": size, "media_type": media_type},
        content_type="application/json",
        headers={**api.headers(), **APP},
    )


def patch(api, offset, chunk, sha=PHOTO_SHA):
    return api.client.patch(
        f"/api/v1/uploads/{sha}",
        chunk,
        content_type="application/offset+octet-stream",
        headers={**api.headers(), **APP, "Upload-Offset": str(offset)},
    )


def head(api, sha=PHOTO_SHA):
    return api.client.head(f"/api/v1/uploads/{sha}", headers={**api.headers(), **APP})


def test_upload_in_chunks_resumes_from_the_servers_offset(api):
    started = start(api)
    assert started.status_code == 201
    assert started.json()["offset"] == 0 and started.json()["location"].endswith(PHOTO_SHA)
    assert patch(api, 0, PHOTO[:4000]).json()["offset"] == 4000
    # The connection drops; the device asks where to carry on.
    assert head(api)["Upload-Offset"] == "4000"
    assert start(api).json()["offset"] == 4000
    done = patch(api, 4000, PHOTO[4000:])
    assert done.status_code == 200 and done.json()["status"] == "complete"
    assert blob_path(PHOTO_SHA).read_bytes() == PHOTO
    assert Blob.objects.get().complete is True


def test_wrong_offset_is_refused_with_the_current_one(api):
    start(api)
    patch(api, 0, PHOTO[:100])
    response = patch(api, 50, PHOTO[50:200])
    assert response.status_code == 409
    assert response["Upload-Offset"] == "100"
    assert Upload.objects.get().received == 100


def test_bytes_that_do_not_match_the_hash_never_count(api):
    start(api)
    corrupted = bytearray(PHOTO)
    corrupted[5000] ^= 0xFF
    response = patch(api, 0, bytes(corrupted))
    assert response.status_code == 422 and response.json()["error"] == "hash_mismatch"
    assert Blob.objects.get().complete is False
    assert Upload.objects.get().received == 0
    assert not blob_path(PHOTO_SHA).exists()
    assert patch(api, 0, PHOTO).json()["status"] == "complete"


def test_a_held_blob_is_not_uploaded_again(api, api_factory, team_mate):
    start(api)
    patch(api, 0, PHOTO)
    again = start(api_factory(team_mate))
    assert again.status_code == 200
    assert again.json() == {
        "sha256": PHOTO_SHA,
        "status": "complete",
        "offset": len(PHOTO),
        "size": len(PHOTO),
        "location": None,
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sha256": "xyz" * 21 + "a", "size": 10, "media_type": "image/jpeg"}, "sha256"),
        ({"sha256": PHOTO_SHA, "size": 0, "media_type": "image/jpeg"}, "size"),
        ({"sha256": PHOTO_SHA, "size": 101 * 1024 * 1024, "media_type": "image/jpeg"}, "size"),
        ({"sha256": PHOTO_SHA, "size": 10, "media_type": "application/x-msdownload"}, "media_type"),
    ],
)
def test_upload_limits(api, body, field):
    response = api.client.post(
        "/api/v1/uploads", body, content_type="application/json", headers={**api.headers(), **APP}
    )
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not Blob.objects.exists()


def test_chunk_past_the_declared_size_is_refused(api):
    start(api, size=100)
    response = patch(api, 0, PHOTO[:101])
    assert response.status_code == 422
    assert Upload.objects.get().received == 0


def test_another_device_cannot_touch_or_spoil_my_upload(api, api_factory, team_mate):
    start(api)
    patch(api, 0, PHOTO[:1000])
    intruder = api_factory(team_mate)
    assert head(intruder).status_code == 404
    assert patch(intruder, 1000, b"\x00" * 1000).status_code == 404
    assert Upload.objects.get().received == 1000
    assert patch(api, 1000, PHOTO[1000:]).json()["status"] == "complete"


def test_two_devices_uploading_the_same_photo_both_finish(api, api_factory, team_mate):
    other = api_factory(team_mate)
    start(api)
    start(other)
    patch(api, 0, PHOTO[:5000])
    patch(other, 0, PHOTO[:7000])
    assert patch(other, 7000, PHOTO[7000:]).json()["status"] == "complete"
    finished = patch(api, 5000, PHOTO[5000:])
    assert finished.status_code == 200 and finished.json()["status"] == "complete"
    assert blob_path(PHOTO_SHA).read_bytes() == PHOTO


def test_uploads_need_sign_in(anonymous_api):
    assert anonymous_api.post("/api/v1/uploads", {}).status_code == 401
    assert patch(anonymous_api, 0, b"x").status_code == 401


class _PhotoNote(BaseModel):
    model_config = ConfigDict(extra="forbid")
    photo: str


@pytest.fixture
def photo_note_type():
    """A record type that refers to a blob, registered as a record app would."""
    completed = []
    registry.record_type_register(
        registry.RecordType(
            name="test.photo_note",
            lane=registry.EVIDENTIAL,
            schema=_PhotoNote,
            apply=lambda ctx: registry.Applied(
                version=1, owner_id=ctx.officer.pk, media=[ctx.payload.photo]
            ),
            serialise_many=lambda ids: {},
            on_media_complete=completed.append,
        )
    )
    yield completed
    registry._types.pop("test.photo_note")


def test_record_may_arrive_before_its_blob(api, photo_note_type):
    device = Device(api)
    record_id = uuid.uuid4()
    mutation = device.mutation({"photo": PHOTO_SHA}, type="test.photo_note", record_id=record_id)
    result = device.push(mutation).json()["results"][0]
    assert result["status"] == "applied"
    assert result["awaiting_media"] == [PHOTO_SHA]
    assert MediaWait.objects.filter(record_id=record_id).count() == 1
    start(api)
    patch(api, 0, PHOTO)
    assert photo_note_type == [record_id]
    assert not MediaWait.objects.exists()
