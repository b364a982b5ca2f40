#!/usr/bin/env python3
"""Writes the DOCX and PDF résumés of the evaluation set from their text sources:
every tests/eval/resumes/<case>/source.docx.txt becomes <case>/resume.docx and every
source.pdf.txt becomes <case>/resume.pdf. The outputs are committed (the runner never needs this
script); run it again only after changing a source. Standard library only, reproducible bytes:
/usr/bin/python3 tests/eval/resumes/make_resumes.py

Source markup, one line per paragraph:
  !! text        the document's title line (the name, or "Curriculum Vitae"): large, bold
  # text         a section heading: bold
  - text         a bullet: a real Word list item in DOCX (numbering part, no bullet character in
                 the text, as Word writes them), "•" in PDF
  a<TAB>b        b at a tab stop (DOCX) or in a right-hand column (PDF), as résumés put dates
  || a || b      a table row (consecutive rows form one table in DOCX, columns in PDF)
  (empty)        an empty paragraph
Like Word, the DOCX splits each paragraph's text into several runs (at word boundaries), so the
reader must join them; the PDF is one page of Helvetica text objects (WinAnsi), like the
fixtures of tests/fixtures/make_resume_fixtures.py (whose pdf_file writes it), wrapped at about
100 characters.
"""
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ beside the fixtures
sys.path.insert(0, os.path.join(HERE, "..", "..", "fixtures"))
from make_resume_fixtures import pdf_file  # noqa: E402  (the PDF file around the objects)
FIXED = (2026, 1, 1, 0, 0, 0)  # reproducible archive timestamps


def parse(path):
    """Returns the source as a list of (kind, payload): kind is title, heading, bullet, text,
    row (a list of cells) or empty; text and bullet payloads may hold one tab."""
    out = []
    with open(path, encoding="utf-8") as f:
        for raw in f.read().splitlines():
            line = raw.rstrip()
            if not line:
                out.append(("empty", ""))
            elif line.startswith("!! "):
                out.append(("title", line[3:]))
            elif line.startswith("# "):
                out.append(("heading", line[2:]))
            elif line.startswith("- "):
                out.append(("bullet", line[2:]))
            elif line.startswith("|| "):
                out.append(("row", [c.strip() for c in line[3:].split("||")]))
            else:
                out.append(("text", line))
    return out


# ---------------------------------------------------------------------------------------- DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs(text, bold=False, size=None):
    """The text as Word would store it after some editing: split into runs at every third
    word boundary (each run its own w:r with the same properties)."""
    props = ""
    if bold or size:
        props = "<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "") + "</w:rPr>"
    words = text.split(" ")
    chunks = [" ".join(words[i:i + 3]) for i in range(0, len(words), 3)]
    out = []
    for i, chunk in enumerate(chunks):
        if i < len(chunks) - 1:
            chunk += " "
        out.append(f'<w:r>{props}<w:t xml:space="preserve">{xml_escape(chunk)}</w:t></w:r>')
    return "".join(out)


def paragraph(text, bold=False, size=None, bullet=False):
    ppr = ""
    if bullet:
        ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    elif "\t" in text:
        ppr = '<w:pPr><w:tabs><w:tab w:val="right" w:pos="9000"/></w:tabs></w:pPr>'
    parts = text.split("\t")
    body = "<w:r><w:tab/></w:r>".join(runs(p, bold, size) for p in parts)
    return f"<w:p>{ppr}{body}</w:p>"


def table(rows):
    cells = lambda row: "".join(f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>{paragraph(c)}</w:tc>' for c in row)
    return "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>" + "".join(
        f"<w:tr>{cells(r)}</w:tr>" for r in rows) + "</w:tbl>"


def make_docx(source, target):
    items = parse(source)
    body = []
    i = 0
    while i < len(items):
        kind, payload = items[i]
        if kind == "row":
            rows = []
            while i < len(items) and items[i][0] == "row":
                rows.append(items[i][1])
                i += 1
            body.append(table(rows))
            continue
        if kind == "empty":
            body.append("<w:p/>")
        elif kind == "title":
            body.append(paragraph(payload, bold=True, size=36))
        elif kind == "heading":
            body.append(paragraph(payload, bold=True, size=26))
        elif kind == "bullet":
            body.append(paragraph(payload, bullet=True))
        else:
            body.append(paragraph(payload))
        i += 1
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(body)}'
                f'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 f'<w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/>'
                 f'<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
                 f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/numbering" Target="numbering.xml"/></Relationships>')
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", content_types), ("_rels/.rels", rels),
                           ("word/_rels/document.xml.rels", doc_rels),
                           ("word/document.xml", document), ("word/numbering.xml", numbering)):
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


# ----------------------------------------------------------------------------------------- PDF

def pdf_string(text):
    data = text.encode("cp1252")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def wrap(text, width):
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def make_pdf(source, target):
    ops = [b"BT"]
    y = 790

    def show(size, x, text, bold=False):
        font = b"/F2" if bold else b"/F1"
        ops.append(font + b" %d Tf 1 0 0 1 %d %d Tm (" % (size, x, y) + pdf_string(text) + b") Tj")

    for kind, payload in parse(source):
        if kind == "empty":
            y -= 8
        elif kind == "title":
            show(18, 50, payload, bold=True)
            y -= 24
        elif kind == "heading":
            y -= 4
            show(12, 50, payload, bold=True)
            y -= 17
        elif kind == "row":
            for i, cell in enumerate(payload):
                show(10, 50 + 130 * i, cell)
            y -= 14
        else:
            left, _, right = payload.partition("\t")
            indent = 62 if kind == "bullet" else 50
            text = ("\u2022 " + left) if kind == "bullet" else left
            lines = wrap(text, 78 if right else 100)
            for n, line in enumerate(lines):
                show(10, indent + (10 if n else 0), line)
                if n == 0 and right:
                    show(10, 440, right)
                y -= 14
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    with open(target, "wb") as f:
        f.write(pdf_file(objects))


if __name__ == "__main__":
    for case in sorted(os.listdir(HERE)):
        folder = os.path.join(HERE, case)
        if not os.path.isdir(folder):
            continue
        for fmt, make in (("docx", make_docx), ("pdf", make_pdf)):
            source = os.path.join(folder, f"source.{fmt}.txt")
            if os.path.exists(source):
                make(source, os.path.join(folder, f"resume.{fmt}"))
                print(f"{case}/resume.{fmt}")
