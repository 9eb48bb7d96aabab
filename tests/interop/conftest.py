import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Statement signatures and evidence blobs are written under MEDIA_ROOT: one per test.
    settings.MEDIA_ROOT = tmp_path / "media"
