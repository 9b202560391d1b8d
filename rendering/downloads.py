"""Turn the handbook's Markdown templates (templates/vaerktoejer/*.md) into Word files.

The templates are written once, in plain Markdown, and shown on the handbook pages through
pymdownx.snippets. Secretaries mostly work in Word, so the build also publishes each template
as a .docx made from the same Markdown, and as a plain text file (.txt, which every computer
opens). This module is the small converter for that, and ``downloads`` lists both files for
every template.

Supported Markdown (all the templates use; anything else is kept as plain text):
  - ATX headings (# .. ######); the highest level in the file becomes Heading 1
  - paragraphs (a line ending in two spaces or a backslash is a line break)
  - bullet lists (-, *, +) up to three levels, numbered lists (1. or 1)) up to three levels,
    each numbered list restarting at its own first number
  - task list items (- [ ] / - [x]) as ballot boxes
  - block quotes (>) in Word's "Quote" style, used for guidance notes
  - pipe tables with a header row
  - inline **bold**, *italic* / _italic_, `code`, [text](url) (written as "text (url)")
  - [placeholders] in square brackets are highlighted in yellow, so they are easy to find

Public API:
  markdown_to_docx(md_text, title=None) -> bytes
  downloads(template_dir=TEMPLATE_DIR) -> {site path: bytes}

Command line (for checking a result by eye):
  python -m rendering.downloads templates/vaerktoejer/dagsorden.md out.docx
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

__all__ = ["markdown_to_docx", "downloads", "TEMPLATE_DIR", "DOWNLOAD_DIR"]

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = ROOT / "templates" / "vaerktoejer"
DOWNLOAD_DIR = "vaerktoejer/filer"  # where the downloads live in the built site

# A fixed date in the document properties, so they do not change with every build.
_FIXED_DATE = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
_TASK = re.compile(r"^\[([ xX])\]\s+(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")

# Inline tokens, tried left to right. Links first, so their brackets are not placeholders.
_INLINE = re.compile(
    r"(?P<link>\[(?P<ltext>[^\]]+)\]\((?P<lurl>[^)\s]+)\))"
    r"|(?P<code>`(?P<ctext>[^`]+)`)"
    r"|(?P<bold>\*\*(?P<btext>.+?)\*\*)"
    r"|(?P<ital>(?<![\w*])[*_](?P<itext>[^*_\s][^*_]*?)[*_](?![\w*]))"
    r"|(?P<ph>\[(?P<ptext>[^\]]+)\])"
    r"|(?P<esc>\\(?P<echar>[\\`*_{}\[\]()#+\-.!|>]))"
)


def _indent_level(spaces: str) -> int:
    width = len(spaces.replace("\t", "    "))
    return min(width // 2, 2) if width < 4 else min(width // 4, 2)


def _add_runs(paragraph, text: str, bold: bool = False, italic: bool = False) -> None:
    """Add ``text`` to ``paragraph`` as runs, honouring the inline Markdown above."""
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            _run(paragraph, text[pos:m.start()], bold, italic)
        if m.group("link"):
            label, url = m.group("ltext"), m.group("lurl")
            _add_runs(paragraph, label, bold, italic)
            if url != label:
                _run(paragraph, f" ({url})", bold, italic)
        elif m.group("code"):
            _run(paragraph, m.group("ctext"), bold, italic)
        elif m.group("bold"):
            _add_runs(paragraph, m.group("btext"), True, italic)
        elif m.group("ital"):
            _add_runs(paragraph, m.group("itext"), bold, True)
        elif m.group("ph"):
            run = _run(paragraph, f"[{m.group('ptext')}]", bold, italic)
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif m.group("esc"):
            _run(paragraph, m.group("echar"), bold, italic)
        pos = m.end()
    if pos < len(text):
        _run(paragraph, text[pos:], bold, italic)


def _run(paragraph, text: str, bold: bool, italic: bool):
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    return run


def _add_text_with_breaks(paragraph, lines: list[str]) -> None:
    """Join source lines into one paragraph; hard breaks where Markdown has them."""
    for i, line in enumerate(lines):
        hard = line.endswith("  ") or line.endswith("\\")
        content = line.rstrip()
        if content.endswith("\\"):
            content = content[:-1]
        _add_runs(paragraph, content.strip())
        if i < len(lines) - 1:
            if hard:
                paragraph.add_run().add_break()
            else:
                paragraph.add_run(" ")


class _Numbering:
    """Gives every numbered list its own w:num so each list starts at its own number."""

    def __init__(self, document) -> None:
        self.document = document
        self.numbering = document.part.numbering_part.element
        style = document.styles["List Number"]
        num_pr = style.element.pPr.find(qn("w:numPr"))
        base_num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
        self.abstract_id = None
        for num in self.numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == base_num_id:
                self.abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        self.next_id = 1 + max(int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num")))

    def new_list(self, start: int) -> int:
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_id))
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), str(self.abstract_id))
        num.append(abstract)
        for level in range(3):
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), str(level))
            start_el = OxmlElement("w:startOverride")
            start_el.set(qn("w:val"), str(start if level == 0 else 1))
            override.append(start_el)
            num.append(override)
        self.numbering.append(num)
        self.next_id += 1
        return self.next_id - 1

    @staticmethod
    def apply(paragraph, num_id: int, level: int) -> None:
        p_pr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        num_id_el = OxmlElement("w:numId")
        num_id_el.set(qn("w:val"), str(num_id))
        num_pr.append(ilvl)
        num_pr.append(num_id_el)
        p_pr.append(num_pr)


def _split_row(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = re.split(r"(?<!\\)\|", line)
    return [c.strip().replace("\\|", "|") for c in cells]


def _set_language(document, lang: str = "da-DK") -> None:
    """Mark the text as Danish so Word spell-checks it in Danish."""
    for style_name in ("Normal",):
        r_pr = document.styles[style_name].element.get_or_add_rPr()
        el = r_pr.find(qn("w:lang"))
        if el is None:
            el = OxmlElement("w:lang")
            r_pr.append(el)
        el.set(qn("w:val"), lang)
        el.set(qn("w:eastAsia"), lang)
        el.set(qn("w:bidi"), "ar-SA")


def markdown_to_docx(md_text: str, title: str | None = None) -> bytes:
    """Convert one template's Markdown to the bytes of a .docx file.

    ``title`` becomes the document's title property; by default the first heading is used.
    """
    lines = md_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    levels = [len(m.group(1)) for m in (_HEADING.match(l) for l in lines) if m]
    offset = (min(levels) - 1) if levels else 0
    first_heading = next((m.group(2) for m in (_HEADING.match(l) for l in lines) if m), None)

    document = Document()
    for section in document.sections:  # python-docx's default is US Letter; Danish offices use A4
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
    _set_language(document)
    document.styles["Normal"].font.size = Pt(11)
    numbering = _Numbering(document)

    props = document.core_properties
    props.title = _plain(title or first_heading or "Skabelon")
    props.author = "Integrationsrådshåndbogen"
    props.last_modified_by = "Integrationsrådshåndbogen"
    props.language = "da-DK"
    props.created = _FIXED_DATE
    props.modified = _FIXED_DATE
    props.revision = 1

    i = 0
    current_list: dict[int, int] = {}  # level -> num id of the numbered list in progress
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            # A blank line ends a numbered list unless the next item continues it.
            nxt = next((l for l in lines[i:] if l.strip()), "")
            if not _NUMBER.match(nxt) and not (
                _BULLET.match(nxt) and _indent_level(_BULLET.match(nxt).group(1)) > 0
            ):
                current_list.clear()
            continue

        heading = _HEADING.match(line)
        if heading:
            level = max(1, min(9, len(heading.group(1)) - offset))
            para = document.add_heading(level=level)
            _add_runs(para, heading.group(2))
            current_list.clear()
            i += 1
            continue

        if _RULE.match(line):
            current_list.clear()
            i += 1
            continue

        if "|" in line and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]):
            header = _split_row(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].strip() and "|" in lines[i]:
                rows.append(_split_row(lines[i]))
                i += 1
            table = document.add_table(rows=1 + len(rows), cols=len(header))
            table.style = document.styles["Table Grid"]
            for c, text in enumerate(header):
                cell = table.rows[0].cells[c]
                _add_runs(cell.paragraphs[0], text, bold=True)
            _mark_header_row(table.rows[0])
            for r, row in enumerate(rows, start=1):
                for c in range(len(header)):
                    text = row[c] if c < len(row) else ""
                    _add_runs(table.rows[r].cells[c].paragraphs[0], text)
            _set_column_widths(table, [header] + rows)
            for table_row in table.rows:  # a point smaller than the body text, as in most tables
                for cell in table_row.cells:
                    for para in cell.paragraphs:
                        for run in para.runs:
                            run.font.size = Pt(10)
            document.add_paragraph()
            current_list.clear()
            continue

        quote = _QUOTE.match(line)
        if quote:
            block = []
            while i < len(lines) and _QUOTE.match(lines[i]):
                block.append(_QUOTE.match(lines[i]).group(1))
                i += 1
            # Paragraphs inside the quote are separated by empty quote lines.
            chunk: list[str] = []
            for text in block + [""]:
                if text.strip():
                    chunk.append(text)
                elif chunk:
                    _add_text_with_breaks(document.add_paragraph(style="Quote"), chunk)
                    chunk = []
            current_list.clear()
            continue

        bullet = _BULLET.match(line)
        number = _NUMBER.match(line)
        if bullet or number:
            indent = (bullet or number).group(1)
            level = _indent_level(indent)
            item_lines = [(bullet.group(2) if bullet else number.group(3))]
            i += 1
            # Lazy continuation lines and indented continuation of the same item.
            while i < len(lines) and lines[i].strip() and not (
                _BULLET.match(lines[i]) or _NUMBER.match(lines[i])
                or _HEADING.match(lines[i]) or _QUOTE.match(lines[i])
            ):
                item_lines.append(lines[i].strip())
                i += 1
            if bullet:
                task = _TASK.match(item_lines[0])
                style = "List Bullet" if level == 0 else f"List Bullet {level + 1}"
                if task:  # a ballot box replaces the bullet
                    style = "List Paragraph"
                para = document.add_paragraph(style=style)
                if task:
                    # Hanging indent, so wrapped lines align with the text, not the box.
                    para.paragraph_format.left_indent = Cm(0.75 * (level + 1))
                    para.paragraph_format.first_line_indent = Cm(-0.5)
                    para.add_run("☒ " if task.group(1).lower() == "x" else "☐ ")
                    item_lines[0] = task.group(2)
                for deeper in [k for k in current_list if k > level]:
                    del current_list[deeper]
            else:
                style = "List Number" if level == 0 else f"List Number {level + 1}"
                para = document.add_paragraph(style=style)
                for deeper in [k for k in current_list if k > level]:
                    del current_list[deeper]
                if level not in current_list:
                    current_list[level] = numbering.new_list(int(number.group(2)))
                numbering.apply(para, current_list[level], level)
            _add_text_with_breaks(para, item_lines)
            continue

        # Ordinary paragraph: collect until a blank line or another block starts.
        block = [line]
        i += 1
        while i < len(lines) and lines[i].strip() and not (
            _HEADING.match(lines[i]) or _BULLET.match(lines[i]) or _NUMBER.match(lines[i])
            or _QUOTE.match(lines[i]) or _RULE.match(lines[i])
            or ("|" in lines[i] and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]))
        ):
            block.append(lines[i])
            i += 1
        _add_text_with_breaks(document.add_paragraph(), block)
        current_list.clear()

    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible_zip(buffer.getvalue())


def _reproducible_zip(data: bytes) -> bytes:
    """The same .docx with every zip entry stamped with the fixed date instead of "now", so
    the same template always gives byte-identical output."""
    stamp = _FIXED_DATE.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info))
    return out.getvalue()


def _set_column_widths(table, rows: list[list[str]], total_cm: float = 16.0) -> None:
    """Give wide columns (long texts) more room than narrow ones (dates, check boxes)."""
    cols = len(rows[0])
    weights = []
    for c in range(cols):
        longest = max((len(_plain(r[c])) if c < len(r) else 0) for r in rows)
        header = len(_plain(rows[0][c])) + 3  # a header word should not break
        weights.append(max(9, header, min(30, longest)))
    # At least 2 cm per column (room for "[dato]"), the rest shared by weight.
    minimum = 2.0
    spare = max(0.0, total_cm - minimum * cols)
    extra = [max(0, w - 9) for w in weights]
    table.autofit = False
    for c in range(cols):
        share = extra[c] / sum(extra) if sum(extra) else 1 / cols
        width = Cm(minimum + spare * share)
        table.columns[c].width = width
        for cell in table.columns[c].cells:
            cell.width = width


def _mark_header_row(row) -> None:
    """Repeat the header row on every page and mark it as a header for screen readers."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _plain(text: str) -> str:
    return re.sub(r"[*_`]", "", text).strip()


def downloads(template_dir: Path = TEMPLATE_DIR) -> dict[str, bytes]:
    """Every template as two downloads under ``vaerktoejer/filer/``: ``<name>.txt`` (the
    Markdown as it is) and ``<name>.docx``. The pages in docs/vaerktoejer/ link to them."""
    out = {}
    for path in sorted(Path(template_dir).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        out[f"{DOWNLOAD_DIR}/{path.stem}.txt"] = text.encode("utf-8")
        out[f"{DOWNLOAD_DIR}/{path.stem}.docx"] = markdown_to_docx(text)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    Path(argv[2]).write_bytes(markdown_to_docx(Path(argv[1]).read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
