"""File storage for uploads that must never have a public address."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT; they are reached only through views that check the viewer."""

    @cached_property
    def base_location(self):
        # Read lazily (like MEDIA_ROOT for the default storage) so that a changed
        # PRIVATE_MEDIA_ROOT, e.g. in a backup/restore test, is followed.
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        # A template that still asks for `.url` must fail loudly rather than print a guessable path.
        raise ValueError("私有文件没有公开地址，请使用受权限检查的下载视图。")


def private_storage():
    """The `STORAGES["private"]` storage; a callable keeps migrations independent of settings."""
    return storages["private"]


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage (hashed, compressed files), each file's URL remembered once asked.

    The manifest is read once per process, so a name's URL cannot change until a
    restart; Django works it out again on every `{% static %}` (about 30 µs each,
    a dozen per page). Names missing from the manifest still fail every time.
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
