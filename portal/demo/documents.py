"""Small, valid attachment files built in memory: PDF, DOCX and XLSX.

The PDF uses the Adobe-GB1 font STSong-Light, which PDF readers supply
themselves, so no font is embedded and the files stay a few kilobytes.
"""

import io
import zipfile
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from .content_documents import DOCUMENTS, SIGNATURE


def _pdf_text(text):
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def build_pdf(title, lines):
    """A one-page A4 PDF with a title and up to ~30 lines of Chinese text."""
    ops = ["BT", "/F1 18 Tf", "72 770 Td", f"{_pdf_text(title)} Tj", "/F1 11 Tf", "0 -34 Td"]
    for line in lines[:32]:
        ops += [f"{_pdf_text(line)} Tj", "0 -20 Td"]
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 7 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)


def _para(text, bold=False, size=None, center=False):
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    rpr = ""
    if bold or size:
        rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "") + "</w:rPr>"
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _table(rows):
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>']
    for row in rows:
        out.append("<w:tr>" + "".join(f"<w:tc>{_para(cell)}</w:tc>" for cell in row) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def build_docx(title, lines, rows=()):
    """A Word document: centred title, paragraphs, then an optional bordered form table."""
    body = [_para(title, bold=True, size=32, center=True)] + [_para(line) for line in lines]
    if rows:
        body.append(_table(rows))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'
        + "".join(body)
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document)
    return out.getvalue()


def build_xlsx(title, header, rows):
    """A one-sheet workbook: title row, header row, data rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总表"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(header)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(list(row))
    for index, _name in enumerate(header):
        ws.column_dimensions[chr(ord("A") + index)].width = 18
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def roster_document(key, title, filename, names):
    """A PDF listing (name, district, unit, category) rows, e.g. a release or a notice list."""
    lines = [
        f"{i}. {name}（{district}）{unit}  【{category}】"
        for i, (name, district, unit, category) in enumerate(names, start=1)
    ]
    return key, (title, filename, "pdf", (lines + ["", *SIGNATURE],))


def _build(kind, title, args):
    if kind == "pdf":
        return build_pdf(title, args[0])
    if kind == "docx":
        return build_docx(title, *args)
    return build_xlsx(title, *args)


def create_document(title, filename, kind, args):
    data = _build(kind, title, args)
    file = ContentFile(data, name=filename)
    document = get_document_model()(title=title, file=file, file_size=len(data), file_hash=hash_filelike(file))
    document.save()
    return document


def create_documents(extra=()):
    """Create every document of DOCUMENTS plus `extra` (key, spec) pairs; return them by key."""
    specs = dict(DOCUMENTS)
    specs.update(dict(extra))
    return {key: create_document(*spec) for key, spec in specs.items()}
