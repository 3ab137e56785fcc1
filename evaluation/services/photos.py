"""Nomination photos: checked by content, size and pixel count, then re-encoded."""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError


@dataclass
class CheckedPhoto:
    name: str
    content: ContentFile


def _kb(n):
    return f"{n / 1024:.0f} KB"


def check_photo(upload, campaign):
    """Return a clean JPEG of `upload` or raise ValidationError saying what is wrong."""
    label = f"照片“{getattr(upload, 'name', '') or '未命名'}”"
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > campaign.photo_max_bytes:
        raise ValidationError(
            f"{label}大小为{_kb(size)}，超过{_kb(campaign.photo_max_bytes)}的上限。", code="photo_bytes"
        )
    upload.seek(0)
    data = upload.read()
    allowed = "、".join(campaign.photo_formats)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                width, height = probe.size
                if fmt not in campaign.photo_formats:
                    raise ValidationError(f"{label}格式不受支持，请上传{allowed}格式的图片。", code="photo_format")
                if width * height > campaign.photo_max_pixels:
                    raise ValidationError(
                        f"{label}尺寸为{width}×{height}像素，超过{campaign.photo_max_pixels:,}像素的上限。",
                        code="photo_pixels",
                    )
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image).convert("RGB")
                out = io.BytesIO()
                # A fresh image carries no EXIF, GPS or comments.
                Image.frombytes("RGB", image.size, image.tobytes()).save(out, "JPEG", quality=85, optimize=True)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ):
        raise ValidationError(f"{label}不是有效的图片文件，请上传{allowed}格式的照片。", code="photo_invalid") from None
    return CheckedPhoto(name="photo.jpg", content=ContentFile(out.getvalue(), name="photo.jpg"))


def check_photos(uploads, campaign):
    uploads = [u for u in uploads if u]
    if len(uploads) > campaign.max_photos:
        raise ValidationError(f"最多上传{campaign.max_photos}张照片，您上传了{len(uploads)}张。", code="photo_count")
    errors, checked = [], []
    for upload in uploads:
        try:
            checked.append(check_photo(upload, campaign))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked
