from uuid import uuid4

import pytest

from frontline.common.clock import now
from frontline.notebook.services import notebook_entry_create
from tests.conftest import enrolled_device
from tests.evidence.helpers import PHOTO, item_create, upload


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def entry(officer):
    """A notebook entry of `officer`'s, to attach evidence to."""
    return notebook_entry_create(
        officer=officer, entry_id=uuid4(), kind="entry", occurred_at=now(), text="Burglary."
    ).entry


@pytest.fixture
def handset(db):
    device, _ = enrolled_device("evidence handset")
    return device


@pytest.fixture
def item(media, officer, entry, handset):
    """A complete item: bytes uploaded first, then the item."""
    upload(handset, PHOTO)
    return item_create(officer, entry.pk, device=handset)
