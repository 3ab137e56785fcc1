"""File storage for uploads that must never have a public address."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


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
