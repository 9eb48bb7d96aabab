import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Signature blobs are written under MEDIA_ROOT: each test gets its own.
    settings.MEDIA_ROOT = tmp_path / "media"
