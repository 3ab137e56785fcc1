"""File storage for uploads that must never have a public address."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT; they are reached only through views that check the viewer."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location, **kwargs)
        self.chosen_location = location

    # Read on each use (Django reads MEDIA_ROOT lazily for the default storage), so that
    # a changed PRIVATE_MEDIA_ROOT, e.g. in a backup/restore test, is followed.
    @property
    def base_location(self):
        return self.chosen_location or settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # A template that still asks for `.url` must fail loudly rather than print a guessable path.
        raise ValueError("私有文件没有公开地址，请使用受权限检查的下载视图。")


def private_storage():
    """The `STORAGES["private"]` storage; a callable keeps migrations independent of settings."""
    return storages["private"]


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage (hashed, compressed files), each file's URL remembered once asked.

    The manifest is read once per process, so a name's URL cannot change until a
    restart; Django would work it out again on every `{% static %}`. Names missing
    from the manifest still fail every time.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:  # unhashed names under DEBUG, as Django gives them
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            found = self._urls[name] = super().url(name)
            return found
