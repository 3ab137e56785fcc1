"""A small pool of illustrations drawn with Pillow (no downloads) and stored as Wagtail images.

Scenes are 1200x800 landscapes for articles and stories, portraits are 600x800
for honourees (one colour and emblem per category), banners are 1600x600 for
topic pages.  A Chinese caption is drawn only when the machine has a CJK font.
"""

import io
import math
import shutil
import subprocess  # noqa: S404 (fixed fc-list call)
from functools import lru_cache

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from portal.choices import Category

# key: (title, kind, sky top, sky bottom)
SCENES = {
    "skyline": ("清河城区街景", "city", "#7fb3e0", "#e8f1f8"),
    "river": ("清河滨河绿道", "river", "#9ccbe8", "#f1f7ea"),
    "volunteers": ("志愿者在社区服务", "people", "#f6d5a8", "#fff4e6"),
    "lanterns": ("节日里的街巷灯笼", "lanterns", "#3b1c4a", "#b3413b"),
    "school": ("校园里的文明实践课", "school", "#a8d8f0", "#f5fbff"),
    "village": ("美丽乡村新貌", "village", "#bfe3c0", "#fbf6e4"),
    "meeting": ("工作推进会现场", "meeting", "#d9dee8", "#f7f8fb"),
    "traffic": ("文明交通劝导岗", "traffic", "#c9e2f5", "#eef2f4"),
    "community": ("社区邻里节活动", "people", "#ffd6c9", "#fff8f2"),
    "teahill": ("南山茶园", "hills", "#cfe8f7", "#e9f5df"),
    "night": ("夜色中的文明街区", "city", "#1d2b53", "#5b4b8a"),
    "market": ("诚信示范街", "market", "#f3e1b6", "#fffaf0"),
}

# Per category: colour, emblem.
CATEGORY_LOOKS = {
    Category.HELPING_OTHERS: ("#d94f45", "heart"),
    Category.BRAVERY: ("#2f5fa7", "shield"),
    Category.HONESTY: ("#2e8b6e", "rings"),
    Category.DEDICATION: ("#c58b1b", "star"),
    Category.FILIAL_LOVE: ("#a14a8c", "house"),
}
PORTRAIT_SHADES = ("#f7efe6", "#eef2f7", "#f4f1e8")

BANNERS = {
    "banner_spring": ("我们的节日·春节", "#8f1d1d", "#e0543f"),
    "banner_city": ("文明城市创建", "#16407a", "#3f8fd2"),
}


@lru_cache(maxsize=1)
def cjk_font_path():
    """Path of a CJK font known to fontconfig, or None."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        command = [fc_list, ":lang=zh", "file"]
        out = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False).stdout  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    paths = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
    return paths[0] if paths else None


def _gradient(size, top, bottom):
    w, h = size
    mask = Image.linear_gradient("L").resize((w, h))
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _grain(img, amount=0.05):
    noise = Image.effect_noise(img.size, 40).convert("RGB")
    return Image.blend(img, noise, amount)


def _person(d, x, y, s, colour):
    d.ellipse([x - 14 * s, y - 70 * s, x + 14 * s, y - 42 * s], fill="#f0c9a0")
    d.rounded_rectangle([x - 22 * s, y - 40 * s, x + 22 * s, y + 30 * s], radius=int(12 * s), fill=colour)
    d.rectangle([x - 14 * s, y + 30 * s, x + 14 * s, y + 70 * s], fill="#4a4a58")


def _buildings(d, w, h, rng_base, dark=False):
    x, i = 0, 0
    while x < w:
        bw = 70 + (rng_base * (i + 3) * 37) % 90
        bh = 180 + (rng_base * (i + 7) * 53) % 260
        colour = "#2b3350" if dark else ("#8e9bb0", "#a7b3c4", "#7c8aa3")[i % 3]
        d.rectangle([x, h * 0.78 - bh, x + bw, h * 0.78], fill=colour)
        for wy in range(int(h * 0.78 - bh) + 16, int(h * 0.78) - 20, 30):
            for wx in range(x + 10, x + bw - 14, 22):
                d.rectangle([wx, wy, wx + 10, wy + 14], fill="#ffe08a" if dark and (wx + wy) % 3 else "#dfe7f1")
        x += bw + 8
        i += 1


def _trees(d, w, h, count, y):
    for i in range(count):
        x = (i + 0.5) * w / count
        d.rectangle([x - 5, y - 30, x + 5, y + 10], fill="#6b4b2e")
        d.ellipse([x - 32, y - 90, x + 32, y - 20], fill=("#4f9a4a", "#3f8a4f", "#62a85a")[i % 3])


def scene(key, size=(1200, 800)):
    """Draw one scene and return a PIL image."""
    title, kind, top, bottom = SCENES[key]
    img = _gradient(size, top, bottom)
    d = ImageDraw.Draw(img)
    w, h = size
    seed = sum(map(ord, key))
    ground = "#c8d6a0" if kind in ("village", "hills", "river") else "#d2d2cc"
    if kind not in ("meeting",):
        sun = "#fff3b0" if kind != "lanterns" else "#ffe9c4"
        d.ellipse([w * 0.75, h * 0.08, w * 0.75 + 110, h * 0.08 + 110], fill=sun)
    if kind == "city":
        _buildings(d, w, h, seed, dark=key == "night")
        d.rectangle([0, h * 0.78, w, h], fill="#555b66" if key == "night" else ground)
    elif kind == "river":
        d.rectangle([0, h * 0.6, w, h], fill=ground)
        pts = [(x, h * 0.72 + 22 * math.sin(x / 90)) for x in range(0, w + 20, 20)]
        d.polygon(pts + [(w, h), (0, h)], fill="#5aa6d6")
        _trees(d, w, h, 9, h * 0.62)
    elif kind in ("people", "meeting"):
        d.rectangle([0, h * 0.72, w, h], fill=ground)
        vest = "#d8342c" if kind == "people" else "#34495e"
        for i in range(7):
            _person(d, w * (0.12 + i * 0.125), h * 0.7, 1.6 + (i % 2) * 0.2, vest)
        if kind == "meeting":
            d.rectangle([w * 0.1, h * 0.08, w * 0.9, h * 0.22], fill="#b22a2a")
            d.rectangle([w * 0.05, h * 0.8, w * 0.95, h * 0.9], fill="#7a5230")
    elif kind == "lanterns":
        d.rectangle([0, h * 0.8, w, h], fill="#3a2a2a")
        for i in range(6):
            x, y = w * (0.1 + i * 0.16), h * (0.25 + 0.06 * (i % 2))
            d.line([x, 0, x, y - 50], fill="#f2c14e", width=3)
            d.ellipse([x - 55, y - 50, x + 55, y + 50], fill="#e03a2f", outline="#f2c14e", width=4)
            d.line([x, y + 50, x, y + 100], fill="#f2c14e", width=4)
    elif kind == "school":
        d.rectangle([0, h * 0.75, w, h], fill="#c4b59a")
        d.rectangle([w * 0.2, h * 0.35, w * 0.8, h * 0.75], fill="#e9d8c4")
        for wx in range(int(w * 0.24), int(w * 0.78), 80):
            for wy in (h * 0.42, h * 0.56):
                d.rectangle([wx, wy, wx + 46, wy + 50], fill="#9fc6e6")
        d.line([w * 0.5, h * 0.1, w * 0.5, h * 0.35], fill="#666", width=5)
        d.rectangle([w * 0.5, h * 0.1, w * 0.5 + 90, h * 0.1 + 60], fill="#de2910")
    elif kind in ("village", "hills"):
        for i, colour in enumerate(("#9cc59a", "#7fb27a", "#5f9a5e")):
            base = h * (0.55 + i * 0.1)
            pts = [(x, base - 70 * math.sin((x + i * 200) / (230 + i * 40)) ** 2) for x in range(0, w + 20, 20)]
            d.polygon(pts + [(w, h), (0, h)], fill=colour)
        if kind == "hills":
            for row in range(6):
                y = h * 0.72 + row * 22
                d.arc([-100, y, w + 100, y + 160], 190, 350, fill="#2f6b34", width=5)
        else:
            for i in range(4):
                x = w * (0.15 + i * 0.2)
                d.rectangle([x, h * 0.62, x + 120, h * 0.72], fill="#f4efe6")
                d.polygon([(x - 10, h * 0.62), (x + 60, h * 0.55), (x + 130, h * 0.62)], fill="#7a3b2e")
    elif kind == "traffic":
        d.rectangle([0, h * 0.6, w, h], fill="#5c6066")
        for i in range(10):
            d.rectangle([i * 130 + 20, h * 0.7, i * 130 + 90, h * 0.95], fill="#f4f4f4")
        _person(d, w * 0.2, h * 0.6, 1.8, "#f0c419")
        d.rectangle([w * 0.85, h * 0.2, w * 0.87, h * 0.6], fill="#333")
        for j, colour in enumerate(("#d33", "#eb3", "#3b5")):
            d.ellipse([w * 0.83, h * (0.1 + j * 0.07), w * 0.89, h * (0.15 + j * 0.07)], fill=colour)
    elif kind == "market":
        d.rectangle([0, h * 0.75, w, h], fill="#cdb89a")
        for i in range(5):
            x = w * (0.04 + i * 0.195)
            d.rectangle([x, h * 0.35, x + 200, h * 0.75], fill=("#f6e3c1", "#eed4a8")[i % 2])
            d.rectangle([x - 8, h * 0.3, x + 208, h * 0.38], fill=("#c0392b", "#2e8b6e")[i % 2])
            d.rectangle([x + 60, h * 0.55, x + 140, h * 0.75], fill="#7a5230")
    return _grain(img), title


def _emblem(d, shape, cx, cy, r, colour):
    if shape == "heart":
        d.ellipse([cx - r, cy - r * 0.8, cx, cy + r * 0.2], fill=colour)
        d.ellipse([cx, cy - r * 0.8, cx + r, cy + r * 0.2], fill=colour)
        d.polygon([(cx - r * 0.97, cy - r * 0.1), (cx + r * 0.97, cy - r * 0.1), (cx, cy + r)], fill=colour)
    elif shape == "shield":
        d.polygon([(cx - r, cy - r), (cx + r, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=colour)
    elif shape == "rings":
        d.ellipse([cx - r, cy - r / 2, cx + r * 0.2, cy + r * 0.7], outline=colour, width=int(r / 5))
        d.ellipse([cx - r * 0.2, cy - r / 2, cx + r, cy + r * 0.7], outline=colour, width=int(r / 5))
    elif shape == "star":
        pts = []
        for i in range(10):
            rad = r if i % 2 == 0 else r * 0.45
            a = math.pi / 2 + i * math.pi / 5
            pts.append((cx + rad * math.cos(a), cy - rad * math.sin(a)))
        d.polygon(pts, fill=colour)
    elif shape == "house":
        d.polygon([(cx - r, cy), (cx, cy - r), (cx + r, cy)], fill=colour)
        d.rectangle([cx - r * 0.7, cy, cx + r * 0.7, cy + r * 0.8], fill=colour)


def portrait(category, variant, size=(600, 800)):
    """A neutral silhouette on the category's colour with its emblem."""
    colour, shape = CATEGORY_LOOKS[category]
    w, h = size
    img = _gradient(size, PORTRAIT_SHADES[variant % 3], colour)
    d = ImageDraw.Draw(img)
    figure = ("#5b5f6b", "#6a5d55", "#4c5a6e")[variant % 3]
    d.ellipse([w * 0.32, h * 0.2, w * 0.68, h * 0.47], fill=figure)
    d.rounded_rectangle([w * 0.18, h * 0.5, w * 0.82, h * 1.05], radius=120, fill=figure)
    _emblem(d, shape, w * 0.84, h * 0.1, 34, "#ffffff")
    return _grain(img, 0.04)


def banner(key, size=(1600, 600)):
    title, left, right = BANNERS[key]
    img = _gradient((size[1], size[0]), left, right).rotate(90, expand=True).resize(size)
    d = ImageDraw.Draw(img)
    for i in range(14):
        x = 60 + i * 115
        d.ellipse([x, 420 - (i % 3) * 40, x + 70, 490 - (i % 3) * 40], fill="#f7c948" if i % 2 else "#ffffff")
    return _grain(img, 0.03), title


def _caption(img, text):
    path = cjk_font_path()
    if not path:
        return img
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(path, max(24, img.width // 30))
    box = d.textbbox((0, 0), text, font=font)
    pad = 16
    y = img.height - (box[3] - box[1]) - 3 * pad
    d.rectangle([0, y - pad, img.width, img.height], fill="#2b2b2b")
    d.text((2 * pad, y), text, font=font, fill="#ffffff")
    return img


def _store(pil_image, title, filename, quality=84):
    buf = io.BytesIO()
    pil_image.convert("RGB").save(buf, "JPEG", quality=quality, optimize=True)
    buf.seek(0)
    file = ImageFile(buf, name=filename)
    image = get_image_model()(title=title, file=file, file_size=buf.getbuffer().nbytes, file_hash=hash_filelike(file))
    image.save()
    return image


class ImagePool:
    """The demo's images by key: scenes, banners, and portraits per category."""

    def __init__(self, scenes, banners, portraits):
        self.scenes = scenes
        self.banners = banners
        self.portraits = portraits

    def scene(self, key):
        return self.scenes[key]

    def portrait(self, category, index):
        pool = self.portraits[category]
        return pool[index % len(pool)]


def create_pool(portraits_per_category=3):
    scenes = {}
    for key in SCENES:
        pil, title = scene(key)
        scenes[key] = _store(_caption(pil, title), f"{title}（示意图）", f"demo-{key}.jpg")
    banners = {}
    for key in BANNERS:
        pil, title = banner(key)
        banners[key] = _store(_caption(pil, title), f"{title}专题头图", f"demo-{key}.jpg")
    portraits = {}
    for category in Category:
        portraits[category.value] = [
            _store(
                portrait(category, i), f"{category.label}人物照片（示意）{i + 1}", f"demo-{category.value}-{i + 1}.jpg"
            )
            for i in range(portraits_per_category)
        ]
    return ImagePool(scenes, banners, portraits)


def existing_pool():
    """Rebuild the pool from images created by an earlier run (for create_random_content)."""
    model = get_image_model()
    scenes = {}
    for key, (title, *_rest) in SCENES.items():
        found = model.objects.filter(title=f"{title}（示意图）").order_by("id").first()
        if found:
            scenes[key] = found
    banners = {}
    portraits = {
        c.value: list(model.objects.filter(title__startswith=f"{c.label}人物照片").order_by("id")) for c in Category
    }
    if len(scenes) < len(SCENES) or not all(portraits.values()):
        return None
    return ImagePool(scenes, banners, portraits)
