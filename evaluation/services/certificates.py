"""Honour certificates (荣誉证书): numbers, the public verification URL, and the printable PDF.

The PDF is A4 landscape, printed with the font shipped in static/fonts/ (never a
system font), with a QR code of the verification page drawn as a crisp image.
"""

import io
from functools import cache

import segno
from django.conf import settings
from django.urls import reverse
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from wagtail.models import Site

from evaluation.models import Certificate, Honour
from evaluation.models.records import new_certificate_number
from portal.models import SiteSettings

FONT_NAME = "WQYMicroHei"
FONT_PATH = settings.BASE_DIR / "static" / "fonts" / "wqy-microhei-gb2312.ttf"
QR_SCALE = 8  # pixels per module in the embedded image


class CertificateFontError(ValueError):
    """The name or title holds a character the shipped font cannot print."""


@cache
def _font():
    font = TTFont(FONT_NAME, str(FONT_PATH))
    pdfmetrics.registerFont(font)
    return font


def issue(honour: Honour, *, seq):
    """The certificate of `honour`, created once with a new number."""
    existing = Certificate.objects.filter(honour=honour).first()
    if existing is not None:
        return existing
    while True:
        number = new_certificate_number(honour.awarded_on.year, honour.campaign_id, seq)
        if not Certificate.objects.filter(number=number).exists():
            break
    return Certificate.objects.create(
        number=number, honour=honour, name=honour.name, title=honour.title, issued_on=honour.awarded_on
    )


def verification_path(number):
    return reverse("evaluation:certificate", args=[number])


def verification_url(number):
    """Absolute URL of the public verification page (the default site's address)."""
    site = Site.objects.filter(is_default_site=True).first()
    base = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + verification_path(number)


def qr_code(url):
    return segno.make(url, error="m", micro=False)


def _qr_image(url):
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=QR_SCALE, border=0)
    out.seek(0)
    return ImageReader(out)


def issuer_name():
    """The office as it spells its own name in the site settings (网站设置 › 主办单位), else the setting's default."""
    site = Site.objects.filter(is_default_site=True).first()
    name = SiteSettings.for_site(site).office_name.strip() if site is not None else ""
    return name or SiteSettings._meta.get_field("office_name").default


def missing_glyphs(*texts):
    font = _font()
    return sorted({ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in font.face.charToGlyph})


def render_pdf(certificate: Certificate, *, url=None):
    """The certificate as PDF bytes; raises CertificateFontError for characters the font lacks."""
    url = url or verification_url(certificate.number)
    issuer = issuer_name()
    body = f"{certificate.name}同志：经评选推荐、网上公示和审批，您被评为{certificate.title}，特发此证，以资鼓励。"
    missing = missing_glyphs(body, issuer, certificate.number)
    if missing:
        raise CertificateFontError(f"证书字体缺少以下字符，无法打印：{'、'.join(missing)}。请联系管理员。")
    _font()
    out = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(out, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(f"荣誉证书 {certificate.number}")
    pdf.setAuthor(issuer)
    pdf.setStrokeColorRGB(0.72, 0.11, 0.11)
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    pdf.setFillColorRGB(0.72, 0.11, 0.11)
    pdf.setFont(FONT_NAME, 40)
    pdf.drawCentredString(width / 2, height - 55 * mm, "荣 誉 证 书")
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(FONT_NAME, 18)
    y = height - 85 * mm
    for line in _wrap(body, 30):
        pdf.drawString(40 * mm, y, line)
        y -= 12 * mm
    pdf.setFont(FONT_NAME, 14)
    pdf.drawRightString(width - 40 * mm, 45 * mm, issuer)
    pdf.drawRightString(
        width - 40 * mm,
        37 * mm,
        f"{certificate.issued_on.year}年{certificate.issued_on.month}月{certificate.issued_on.day}日",
    )
    pdf.setFont(FONT_NAME, 11)
    pdf.drawString(40 * mm, 37 * mm, f"证书编号：{certificate.number}")
    pdf.drawString(40 * mm, 31 * mm, "扫描二维码查验证书真伪")
    pdf.drawImage(_qr_image(url), 40 * mm, 45 * mm, width=30 * mm, height=30 * mm)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _wrap(text, width):
    return [text[i : i + width] for i in range(0, len(text), width)]
