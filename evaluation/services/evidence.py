"""Evidence files of objections and negative-list records: checked by content, type and size."""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

MAX_FILES = 3
MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 30_000_000
IMAGE_TYPES = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png")}


@dataclass
class CheckedFile:
    name: str
    content: ContentFile
    content_type: str
    size: int


def _sniff(data):
    """(extension, content type) judged from the bytes themselves, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in IMAGE_TYPES or probe.size[0] * probe.size[1] > MAX_PIXELS:
                    return None
                probe.verify()
                return IMAGE_TYPES[probe.format]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombWarning):
        return None


def check_files(uploads, *, max_files=MAX_FILES, max_bytes=MAX_BYTES):
    """Return CheckedFiles for JPEG, PNG or PDF uploads within the limits, or raise listing every problem."""
    uploads = [u for u in uploads or [] if u]
    errors = []
    if len(uploads) > max_files:
        raise ValidationError(f"证据材料最多{max_files}个文件。", code="too_many")
    checked = []
    for upload in uploads:
        label = f"文件“{getattr(upload, 'name', '') or '未命名'}”"
        size = upload.size
        if size > max_bytes:
            errors.append(f"{label}超过{max_bytes // (1024 * 1024)} MB的上限。")
            continue
        upload.seek(0)
        data = upload.read()
        kind = _sniff(data)
        if kind is None:
            errors.append(f"{label}不是可接受的格式，请上传JPEG、PNG图片或PDF文件。")
            continue
        ext, content_type = kind
        checked.append(CheckedFile(f"evidence.{ext}", ContentFile(data, name=f"evidence.{ext}"), content_type, size))
    if errors:
        raise ValidationError(errors)
    return checked
