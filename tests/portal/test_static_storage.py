"""The production static storage: WhiteNoise's hashed URLs, each remembered once asked (portal/storage.py)."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from portal.storage import StaticFilesStorage


@pytest.fixture
def static_root(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.0123456789ab.css").write_text("body{}")
    manifest = {"paths": {"css/site.css": "css/site.0123456789ab.css"}, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return tmp_path


def test_urls_are_whitenoises_hashed_ones_and_stay_so(static_root, settings):
    settings.DEBUG = False
    ours = StaticFilesStorage(location=static_root, base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=static_root, base_url="/static/")
    assert ours.url("css/site.css") == theirs.url("css/site.css") == "/static/css/site.0123456789ab.css"
    assert ours.url("css/site.css") == "/static/css/site.0123456789ab.css"  # from memory the second time
    assert ours.url("css/site.css", force=True) == theirs.url("css/site.css", force=True)


def test_a_name_missing_from_the_manifest_fails_every_time(static_root, settings):
    settings.DEBUG = False
    ours = StaticFilesStorage(location=static_root, base_url="/static/")
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            ours.url("css/missing.css")


def test_under_debug_the_plain_name_is_given(static_root, settings):
    settings.DEBUG = True
    assert StaticFilesStorage(location=static_root, base_url="/static/").url("css/site.css") == "/static/css/site.css"
