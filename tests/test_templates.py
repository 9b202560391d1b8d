"""The handbook's downloadable templates (templates/vaerktoejer/*.md).

Each template's text lives once, in templates/vaerktoejer/<name>.md. Its page
docs/vaerktoejer/<name>.md shows it through pymdownx.snippets and links to the downloads
filer/<name>.txt and filer/<name>.docx, which the data step makes (rendering/downloads.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
import yaml

from rendering import downloads

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates" / "vaerktoejer"
PAGES = ROOT / "docs" / "vaerktoejer"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

NAMES = sorted(p.stem for p in TEMPLATES.glob("*.md"))


def _front_matter(text: str) -> dict:
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert m, "the page has no YAML front matter"
    return yaml.safe_load(m.group(1)) or {}


def test_there_are_templates():
    expected = {
        "forretningsorden", "dagsorden", "referat", "aarshjul", "aarsberetning",
        "hoeringssvar", "overleveringsnotat", "kandidatopslag", "konstituerende-moede",
    }
    missing = expected - set(NAMES)
    assert not missing, f"templates missing from templates/vaerktoejer/: {sorted(missing)}"


@pytest.mark.parametrize("name", NAMES)
def test_template_has_a_page_that_includes_it_and_links_downloads(name):
    page = PAGES / f"{name}.md"
    assert page.is_file(), f"templates/vaerktoejer/{name}.md has no page docs/vaerktoejer/{name}.md"
    text = page.read_text(encoding="utf-8")
    assert f'--8<-- "vaerktoejer/{name}.md"' in text, f"{page} does not include its template via snippets"
    assert f"](filer/{name}.txt)" in text, f"{page} does not link the text download filer/{name}.txt"
    assert f"](filer/{name}.docx)" in text, f"{page} does not link the Word download filer/{name}.docx"


@pytest.mark.parametrize("name", NAMES)
def test_index_lists_template_and_both_downloads(name):
    text = (PAGES / "index.md").read_text(encoding="utf-8")
    for target in (f"]({name}.md)", f"](filer/{name}.txt)", f"](filer/{name}.docx)"):
        assert target in text, f"docs/vaerktoejer/index.md lacks the link {target[2:-1]}"


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.md")), ids=lambda p: p.name)
def test_page_front_matter(page):
    meta = _front_matter(page.read_text(encoding="utf-8"))
    for key in ("title", "description", "sidst_gennemgaaet", "naeste_gennemgang", "ansvarlig"):
        assert meta.get(key), f"{page.name}: front matter lacks {key}"
    assert len(str(meta["description"])) <= 160, f"{page.name}: description is over 160 characters"


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.md")), ids=lambda p: p.name)
def test_page_footnotes_resolve(page):
    text = page.read_text(encoding="utf-8")
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", text, re.M))
    body = re.sub(r"^\[\^[^\]]+\]:.*$", "", text, flags=re.M)
    used = set(re.findall(r"\[\^([^\]]+)\]", body))
    assert used <= defined, f"{page.name}: footnotes used but not defined: {sorted(used - defined)}"
    assert defined <= used, f"{page.name}: footnotes defined but not used: {sorted(defined - used)}"


@pytest.mark.parametrize("name", NAMES)
def test_template_is_plain_markdown(name):
    text = (TEMPLATES / f"{name}.md").read_text(encoding="utf-8")
    assert "{{" not in text and "{%" not in text, "templates must not contain Jinja syntax"
    assert not re.search(r"</?[a-zA-Z][^>]*>", text), "templates are plain Markdown, no HTML"
    assert "[^" not in text, "footnotes belong on the page, not in the shared template text"
    assert not re.search(r"^\s*\[[^\]]+\]:", text, re.M), "a line like '[x]: ...' would vanish as a link definition"
    assert re.match(r"^#{1,6} ", text), "a template starts with its title as a heading"


@pytest.mark.parametrize("name", NAMES)
def test_docx_is_valid_and_has_the_headings(name):
    md = (TEMPLATES / f"{name}.md").read_text(encoding="utf-8")
    data = downloads.markdown_to_docx(md)
    with zipfile.ZipFile(BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert "[Content_Types].xml" in zf.namelist()
        root = ET.fromstring(zf.read("word/document.xml"))
    headings = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val", "").startswith("Heading"):
            headings.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    expected = [re.sub(r"[*_`]", "", m.group(1)).strip() for m in re.finditer(r"^#{1,6} (.+)$", md, re.M)]
    assert headings == expected


def test_docx_inline_lists_and_tables():
    md = (
        "## Titel\n\nTekst med **fed** og [felt].\n\n1. en\n2. to\n\nMellem\n\n1. igen\n\n"
        "- [ ] opgave\n\n> Vejledning\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"
    )
    import docx

    document = docx.Document(BytesIO(downloads.markdown_to_docx(md)))
    styles = [p.style.name for p in document.paragraphs if p.text]
    assert styles[0] == "Heading 1"
    assert "Quote" in styles and "List Number" in styles
    runs = {r.text: r for p in document.paragraphs for r in p.runs}
    assert runs["fed"].bold
    assert runs["[felt]"].font.highlight_color is not None
    assert any(p.text.startswith("☐ ") for p in document.paragraphs)
    # The two numbered lists are separate lists, so the second starts again at 1.
    num_ids = [
        p._p.pPr.numPr.numId.val
        for p in document.paragraphs
        if p.style.name == "List Number" and p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert len(num_ids) == 3 and num_ids[0] == num_ids[1] != num_ids[2]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["A", "B"]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold


def test_the_data_step_makes_a_text_and_a_word_file_per_template():
    files = downloads.downloads()
    assert sorted(files) == sorted(f"vaerktoejer/filer/{n}{ext}" for n in NAMES for ext in (".txt", ".docx"))
    assert files["vaerktoejer/filer/dagsorden.txt"] == (TEMPLATES / "dagsorden.md").read_bytes()


def test_docx_is_reproducible_and_cached_by_content(tmp_path, monkeypatch):
    """The same template gives the same bytes (no "now" in the zip), and the build's cache
    returns exactly that, converting again when the text changes."""
    md = (TEMPLATES / f"{NAMES[0]}.md").read_text(encoding="utf-8")
    fresh = downloads.markdown_to_docx(md)
    with zipfile.ZipFile(BytesIO(fresh)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert downloads.cached_docx(md, cache_dir=tmp_path) == fresh
    assert len(list(tmp_path.glob("*.docx"))) == 1
    calls = []
    monkeypatch.setattr(downloads, "markdown_to_docx", lambda text: calls.append(text) or b"converted")
    assert downloads.cached_docx(md, cache_dir=tmp_path) == fresh, "an unchanged template is converted again"
    assert calls == []
    assert downloads.cached_docx(md + "\nNy linje.\n", cache_dir=tmp_path) == b"converted"
    assert len(calls) == 1
