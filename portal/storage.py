"""File storage for uploads that must never have a public address."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT; they are reached only through views that check the viewer."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location or settings.PRIVATE_MEDIA_ROOT, base_url=None, **kwargs)

    def url(self, name):
        # A template that still asks for `.url` must fail loudly rather than print a guessable path.
        raise ValueError("私有文件没有公开地址，请使用受权限检查的下载视图。")


def private_storage():
    """The `STORAGES["private"]` storage; a callable keeps migrations independent of settings."""
    return storages["private"]
