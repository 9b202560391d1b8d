"""The PDF books (make pdf): what a reader of the printed handbook and the new secretary's
pack gets, what a screen reader finds in the file, and the links to them on the site."""

from __future__ import annotations

import builtins
import functools
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from rendering import pdf
from rendering.edition import edition
from rendering.site import read_mkdocs_yml

ROOT = Path(__file__).resolve().parent.parent
BOOK, PACK = pdf.BOOKS
HYPHENS = "-\u2010\u00ad"  # WeasyPrint's hyphen; text extraction may give any of them


@functools.lru_cache(maxsize=None)
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


@functools.lru_cache(maxsize=None)
def texts(path: Path) -> tuple[str, ...]:
    return tuple(page.extract_text() for page in reader(path).pages)


def book_path(built_site: Path, book: pdf.Book) -> Path:
    return built_site / pdf.FOLDER / book.filename


def chapters(path: Path) -> list[tuple[str, int]]:
    """(title, 1-based page) of each chapter: the top level of the PDF's outline, without the
    table of contents."""
    r = reader(path)
    return [(item.title, r.get_destination_page_number(item) + 1)
            for item in r.outline if not isinstance(item, list) and item.title != "Indhold"]


def h1(built_site: Path, src: str) -> str:
    html = (built_site / pdf.page_url(src) / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", heading)).replace("&amp;", "&").strip()


def nav_sources(items) -> list[str]:
    found = []
    for item in items:
        if isinstance(item, str):
            found.append(item)
        else:
            for value in item.values():
                found.extend(nav_sources(value) if isinstance(value, list) else [value])
    return found


def test_title_page_names_the_book_and_the_edition(built_site):
    stamp = edition(ROOT)
    for book in pdf.BOOKS:
        first = " ".join(texts(book_path(built_site, book))[0].split())
        assert book.title in first
        assert f"Udgave af {pdf.edition_text(stamp)}" in first
        assert read_mkdocs_yml(ROOT / "mkdocs.yml")["site_url"] in first


def test_book_has_every_handbook_page_in_nav_order(built_site):
    nav = read_mkdocs_yml(ROOT / "mkdocs.yml")["nav"]
    section = next(item["Håndbogen"] for item in nav if isinstance(item, dict) and "Håndbogen" in item)
    expected = [h1(built_site, src) for src in nav_sources(section)]
    assert len(expected) > 50
    assert [title for title, _ in chapters(book_path(built_site, BOOK))] == expected


def test_pack_has_its_four_pages_in_order(built_site):
    expected = [h1(built_site, src) for src in PACK.pages]
    assert [title for title, _ in chapters(book_path(built_site, PACK))] == expected


def test_table_of_contents_gives_each_chapters_page(built_site):
    for book in pdf.BOOKS:
        path = book_path(built_site, book)
        toc = " ".join(" ".join(t.split()) for t in texts(path)[1:6])
        toc = toc.split("Indhold", 1)[1]
        for title, page in chapters(path):
            match = re.search(re.escape(title) + r"[ .]*?(\d+)\b", toc)
            assert match, f"{book.filename}: {title!r} is not in the table of contents"
            assert int(match.group(1)) == page, f"{book.filename}: {title!r} says {match.group(1)}, is on {page}"
            # the chapter starts on that page
            assert title.split(":")[0] in " ".join(texts(path)[page - 1].split())


def test_sources_are_endnotes_and_link_targets_are_printed(built_site):
    text = "\n".join(texts(book_path(built_site, BOOK)))
    flat = " ".join(text.split())
    assert flat.count("Kilder og noter") >= 40
    assert "(https://www.retsinformation.dk)" in flat     # an external link's address
    assert re.search(r"\(s\. \d+\)", flat)                # a link to another chapter: its page
    assert "(" + read_mkdocs_yml(ROOT / "mkdocs.yml")["site_url"] + "raad/" in flat  # off-book page


def test_text_is_hyphenated_in_danish(built_site):
    """Words broken at the end of a line with a hyphen, which are one word in the source."""
    source = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    words = set(re.findall(r"\w+", source.lower()))
    text = "\n".join(texts(book_path(built_site, BOOK)))
    broken = {a + b for a, b in re.findall(rf"(\w{{2,}})[{HYPHENS}]\n(\w{{2,}})", text)}
    danish = {w for w in broken if w.lower() in words}
    assert len(danish) >= 20, sorted(broken)[:20]


def structure_types(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    seen = set()
    stack = [reader(path).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
            node = node.get_object()
        if isinstance(node, list):
            stack.extend(node)
        elif hasattr(node, "get"):
            if "/S" in node:
                counts[node["/S"]] = counts.get(node["/S"], 0) + 1
            if "/K" in node:
                stack.append(node["/K"])
    return counts


def test_pdfs_are_tagged_for_accessibility(built_site):
    for book in pdf.BOOKS:
        path = book_path(built_site, book)
        root = reader(path).trailer["/Root"]
        assert root["/Lang"] == "da"
        assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        assert reader(path).metadata.title == book.title
        types = structure_types(path)
        for tag in ("/Document", "/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link"):
            assert types.get(tag), f"{book.filename}: no {tag} in the structure tree"
        # the title page's heading and one per chapter
        assert types["/H1"] == len(chapters(path)) + 1


def test_fonts_are_embedded(built_site):
    for book in pdf.BOOKS:
        for page in reader(book_path(built_site, book)).pages[:10]:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"]
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]


@pytest.mark.parametrize("page", ["index.html", "start/ny-sekretaer/index.html", "vaerktoejer/index.html"])
def test_site_links_the_pdfs_with_type_size_and_pages(built_site, page):
    html = (built_site / page).read_text(encoding="utf-8")
    for book in pdf.BOOKS:
        match = re.search(r'<a href="([^"]*' + re.escape(book.filename) + r')" type="application/pdf">'
                          r"[^<]+</a> \(PDF, (.+?), (\d+) sider\)", html)
        assert match, f"{page} does not link {book.filename}"
        target = built_site / urljoin(page, match.group(1))
        assert target.is_file()
        assert match.group(2) == pdf.size_text(target.stat().st_size)
        assert int(match.group(3)) == len(reader(target).pages)


def test_no_marker_is_left_after_the_pdf_step(built_site):
    assert not [p for p in built_site.rglob("*.html") if pdf.MARKER in p.read_text(encoding="utf-8")]
    for src in ("index.md", "start/ny-sekretaer.md", "vaerktoejer/index.md"):
        assert pdf.MARKER in (ROOT / "docs" / src).read_text(encoding="utf-8"), src


def test_missing_pango_is_named_in_one_line(monkeypatch, capsys, tmp_path):
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    assert pdf.main([str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "apt-get install libpango-1.0-0" in err
