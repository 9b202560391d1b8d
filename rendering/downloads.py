"""The handbook's templates as downloads: a Word file and a text file for each.

Each template is written once, in Markdown (templates/vaerktoejer/<name>.md), and shown on its
page in docs/vaerktoejer/ through pymdownx.snippets. Secretaries mostly work in Word, so the
data step also makes a .docx from the same Markdown, read by Python-Markdown as the page is,
and a .txt (the Markdown as it is, which every computer opens).

The Word file has: headings (the highest level in the file becomes Heading 1); paragraphs and
line breaks; bullet and numbered lists up to three levels, each numbered list starting at its
own first number; task items (``- [ ]``) as ballot boxes; block quotes in Word's "Quote" style
for guidance notes; tables with a bold header row that repeats on every page; bold, italic,
code, and links written as "text (address)"; [placeholders] highlighted in yellow, so they are
easy to find. A4, Danish spelling, and fixed dates, so the same text gives the same bytes.

Converting takes about a tenth of a second per template, so finished files are kept in
``.cache/downloads/`` under a name made from the template's text, this file and python-docx's
version: a build converts only a template that changed. Deleting the folder is always safe.

    python -m rendering.downloads templates/vaerktoejer/dagsorden.md out.docx
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import markdown
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

__all__ = ["markdown_to_docx", "cached_docx", "downloads", "reproducible_zip", "FIXED_DATE", "TEMPLATE_DIR",
           "DOWNLOAD_DIR"]

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = ROOT / "templates" / "vaerktoejer"
DOWNLOAD_DIR = "vaerktoejer/filer"  # where the downloads live in the built site

# A fixed date in the document properties and the zip, so they do not change with every build.
FIXED_DATE = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)
CACHE_DIR = ROOT / ".cache" / "downloads"
_PLACEHOLDER = re.compile(r"(\[[^\]]+\])")
_TASK = re.compile(r"^\[([ xX])\]\s+")
_LISTS = ("ul", "ol")


def _text(el: ElementTree.Element) -> str:
    return "".join(el.itertext())


def _run(paragraph, text: str, bold: bool, italic: bool) -> None:
    """``text`` as runs (a line break in the source is a space); [placeholders] highlighted."""
    for part in _PLACEHOLDER.split(text.replace("\n", " ")):
        if part:
            run = paragraph.add_run(part)
            run.bold = bold or None
            run.italic = italic or None
            if _PLACEHOLDER.fullmatch(part):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _inline(paragraph, el: ElementTree.Element, bold: bool = False, italic: bool = False) -> None:
    """The text and inline children of ``el`` (not nested lists) into ``paragraph``."""
    _run(paragraph, el.text or "", bold, italic)
    for child in el:
        if child.tag in _LISTS:
            continue
        if child.tag == "br":
            paragraph.add_run().add_break()
            child.tail = (child.tail or "").lstrip()
        elif child.tag == "a":
            _inline(paragraph, child, bold, italic)
            if child.get("href") not in (None, _text(child)):
                _run(paragraph, f" ({child.get('href')})", bold, italic)
        elif child.tag == "p":  # a paragraph inside a list item: its own line
            if paragraph.runs:
                paragraph.add_run().add_break()
            _inline(paragraph, child, bold, italic)
        else:
            _inline(paragraph, child, bold or child.tag in ("strong", "b"), italic or child.tag in ("em", "i"))
        _run(paragraph, child.tail or "", bold, italic)


class _Numbering:
    """Gives every numbered list its own w:num, so each list starts at its own number."""

    def __init__(self, document) -> None:
        self.numbering = document.part.numbering_part.element
        base = document.styles["List Number"].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
        nums = self.numbering.findall(qn("w:num"))
        self.abstract_id = next(n.find(qn("w:abstractNumId")).get(qn("w:val"))
                                for n in nums if n.get(qn("w:numId")) == base)
        self.next_id = 1 + max(int(n.get(qn("w:numId"))) for n in nums)

    def new_list(self, start: int) -> int:
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_id))
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), self.abstract_id)
        num.append(abstract)
        for level in range(3):
            override, start_at = OxmlElement("w:lvlOverride"), OxmlElement("w:startOverride")
            override.set(qn("w:ilvl"), str(level))
            start_at.set(qn("w:val"), str(start if level == 0 else 1))
            override.append(start_at)
            num.append(override)
        self.numbering.append(num)
        self.next_id += 1
        return self.next_id - 1

    @staticmethod
    def apply(paragraph, num_id: int, level: int) -> None:
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(value))
            num_pr.append(el)
        paragraph._p.get_or_add_pPr().append(num_pr)


class _Writer:
    def __init__(self, document, offset: int) -> None:
        self.document = document
        self.offset = offset  # heading levels above the file's highest are skipped
        self.numbering = _Numbering(document)

    def block(self, el: ElementTree.Element) -> None:
        doc = self.document
        if re.fullmatch(r"h[1-6]", el.tag):
            _inline(doc.add_heading(level=max(1, int(el.tag[1]) - self.offset)), el)
        elif el.tag == "p":
            _inline(doc.add_paragraph(), el)
        elif el.tag == "blockquote":
            for p in el:
                _inline(doc.add_paragraph(style="Quote"), p)
        elif el.tag in _LISTS:
            self.items(el, 0)
        elif el.tag == "table":
            self.table(el)

    def items(self, lst: ElementTree.Element, level: int) -> None:
        num_id = self.numbering.new_list(int(lst.get("start", 1))) if lst.tag == "ol" else None
        for li in lst.findall("li"):
            task = _TASK.match(li.text or "") if num_id is None else None
            if task:  # a ballot box replaces the bullet; wrapped lines align with the text
                para = self.document.add_paragraph(style="List Paragraph")
                para.paragraph_format.left_indent = Cm(0.75 * (level + 1))
                para.paragraph_format.first_line_indent = Cm(-0.5)
                para.add_run("☒ " if task.group(1).lower() == "x" else "☐ ")
                li.text = li.text[task.end():]
            else:
                kind = "List Bullet" if num_id is None else "List Number"
                para = self.document.add_paragraph(style=kind if level == 0 else f"{kind} {level + 1}")
                if num_id is not None:
                    self.numbering.apply(para, num_id, level)
            _inline(para, li)
            for sub in li:
                if sub.tag in _LISTS:
                    self.items(sub, min(level + 1, 2))

    def table(self, el: ElementTree.Element) -> None:
        rows = [[cell for cell in tr] for tr in el.iter("tr")]
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.document.styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, cell in enumerate(row[: len(rows[0])]):
                para = table.rows[r].cells[c].paragraphs[0]
                _inline(para, cell, bold=cell.tag == "th")
                for run in para.runs:  # a point smaller than the body text, as in most tables
                    run.font.size = Pt(10)
        header = OxmlElement("w:tblHeader")  # repeat the header row, and mark it as a header
        header.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(header)
        _set_column_widths(table, [[_text(cell) for cell in row] for row in rows])
        self.document.add_paragraph()


def _set_column_widths(table, rows: list[list[str]], total_cm: float = 16.0) -> None:
    """Give wide columns (long texts) more room than narrow ones (dates, check boxes):
    at least 2 cm each (room for "[dato]"), the rest shared by the length of their texts."""
    cols = len(rows[0])
    extra = []
    for c in range(cols):
        longest = max((len(r[c]) if c < len(r) else 0) for r in rows)
        extra.append(max(0, max(9, len(rows[0][c]) + 3, min(30, longest)) - 9))
    spare = max(0.0, total_cm - 2.0 * cols)
    table.autofit = False
    for c in range(cols):
        width = Cm(2.0 + spare * (extra[c] / sum(extra) if sum(extra) else 1 / cols))
        table.columns[c].width = width
        for cell in table.columns[c].cells:
            cell.width = width


def markdown_to_docx(md_text: str, title: str | None = None) -> bytes:
    """Convert one template's Markdown to the bytes of a .docx file (see the module docstring).
    ``title`` becomes the document's title property; by default the first heading is used."""
    html = markdown.markdown(md_text, extensions=["tables", "sane_lists"], output_format="xhtml")
    root = ElementTree.fromstring(f"<div>{html}</div>")
    headings = [el for el in root if re.fullmatch(r"h[1-6]", el.tag)]
    document = Document()
    for section in document.sections:  # python-docx's default is US Letter; Danish offices use A4
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    lang = OxmlElement("w:lang")  # Word spell-checks the text in Danish
    for attribute, value in (("w:val", "da-DK"), ("w:eastAsia", "da-DK"), ("w:bidi", "ar-SA")):
        lang.set(qn(attribute), value)
    normal.element.get_or_add_rPr().append(lang)
    props = document.core_properties
    props.title = title or (_text(headings[0]).strip() if headings else "Skabelon")
    props.author = props.last_modified_by = "Integrationsrådshåndbogen"
    props.language = "da-DK"
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    writer = _Writer(document, min((int(h.tag[1]) for h in headings), default=1) - 1)
    for el in root:
        writer.block(el)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())


def reproducible_zip(data: bytes) -> bytes:
    """The same .docx with every zip entry stamped with the fixed date instead of "now"."""
    stamp = FIXED_DATE.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info))
    return out.getvalue()


def cached_docx(md_text: str, cache_dir: Path = CACHE_DIR) -> bytes:
    """``markdown_to_docx(md_text)``, from the cache when this text was converted before."""
    from importlib.metadata import version

    key = hashlib.sha256(Path(__file__).read_bytes() + version("python-docx").encode()
                         + md_text.encode("utf-8")).hexdigest()[:32]
    cached = cache_dir / f"{key}.docx"
    if cached.is_file():
        return cached.read_bytes()
    data = markdown_to_docx(md_text)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
    except OSError:  # a read-only checkout converts every time
        pass
    return data


def downloads(template_dir: Path = TEMPLATE_DIR) -> dict[str, bytes]:
    """Every template as two downloads under ``vaerktoejer/filer/``: ``<name>.txt`` (the
    Markdown as it is) and ``<name>.docx``. The pages in docs/vaerktoejer/ link to them."""
    out = {}
    for path in sorted(Path(template_dir).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        out[f"{DOWNLOAD_DIR}/{path.stem}.txt"] = text.encode("utf-8")
        out[f"{DOWNLOAD_DIR}/{path.stem}.docx"] = cached_docx(text)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    Path(argv[2]).write_bytes(markdown_to_docx(Path(argv[1]).read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
