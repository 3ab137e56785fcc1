"""Small builders shared by the demo modules (demo, demo_voting, demo_experts, demo_results)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from evaluation.validators import id_number_check_code

DEPARTMENTS = ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]


def id_number(region, born, seq):
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + id_number_check_code(first17)


def photo(name, hue):
    image = Image.new("RGB", (480, 640), (200, 120 + hue % 80, 100))
    ImageDraw.Draw(image).ellipse((140, 120, 340, 360), fill=(245, 225, 205))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(f"{name}.jpg", out.getvalue(), content_type="image/jpeg")
