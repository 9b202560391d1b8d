"""The handbook as PDF books, made from the built site (a step after the build).

    python -m rendering.pdf site/          # make pdf runs this after make build

Two books (BOOKS): the whole handbook (the pages of the nav section "Håndbogen", in nav order)
and the new secretary's pack (four pages). Each book is one HTML document put together from
the built pages' <article>: a title page with the edition's date, a table of contents with
page numbers, then one chapter per page. Ids are made unique per chapter, links between
chapters become links inside the PDF with the page number printed after them, and every
other link prints its address after the link text, so the paper copy shows where a link goes.
Each chapter keeps its footnotes as endnotes ("Kilder og noter"). WeasyPrint lays the books
out with Danish hyphenation (lang="da", CSS hyphens) and tags them as PDF/UA-1 (headings,
lists, tables, language and title in the file).

After the books are written, each built page that carries the marker ``<!-- pdf-links -->``
gets the links to them, with file type, size and page count. Without the books (a plain
``make build``) the marker stays an HTML comment, so the site never links to a missing file.

Only the built HTML is read, so the same step works after any engine that builds the site.
WeasyPrint needs the Pango library from the operating system; without it this says in one
line what to install.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import tinyhtml5
from markupsafe import Markup

from rendering.edition import edition
from rendering.site import read_mkdocs_yml
from rendering.templates import TEMPLATES_DIR, render
from rendering.text import format_date
from rendering.urls import page_url, relative

MISSING_PANGO = (
    "PDF'erne kræver Pango: installér det med 'sudo apt-get install libpango-1.0-0 "
    "libpangoft2-1.0-0 libharfbuzz-subset0' (Debian/Ubuntu; macOS: 'brew install pango'), "
    "og kør make pdf igen."
)
MARKER = "<!-- pdf-links -->"
FOLDER = "pdf"
AUTHOR = "Redaktionen af Integrationsrådshåndbogen"


@dataclass(frozen=True)
class Book:
    filename: str
    title: str
    subtitle: str
    link_text: str                    # the link's text on the site
    contents: str                     # what it holds, after the link on the site
    nav_section: str | None = None    # every page of this nav section, in nav order ...
    pages: tuple[str, ...] = ()       # ... or these docs pages


BOOKS = (
    Book("integrationsraadshaandbogen.pdf", "Integrationsrådshåndbogen",
         "Håndbog for de lokale integrationsråd og deres sekretærer",
         "Hele håndbogen som PDF-bog", "alle sider i afsnittet Håndbogen, med kilder og ordliste",
         nav_section="Håndbogen"),
    Book("ny-sekretaer.pdf", "Ny sekretær for et integrationsråd",
         "Startpakken: læseplanen, tjeklisten, overleveringsnotatet og forretningsordenen",
         "Startpakken til den nye sekretær",
         "læseplanen, tjeklisten, overleveringsnotatet og forretningsordenen",
         pages=("start/ny-sekretaer.md", "kom-godt-i-gang/tjekliste.md",
                "vaerktoejer/overleveringsnotat.md", "vaerktoejer/forretningsorden.md")),
)


@dataclass(frozen=True)
class Chapter:
    src: str
    group: str | None   # the nav section the page sits in (for the table of contents)
    slug: str           # its id in the book
    title: str
    html: str


def nav_pages(nav: list, section: str) -> list[tuple[str | None, str]]:
    """``(group, docs path)`` of every page under the top-level nav entry ``section``."""
    found: list[tuple[str | None, str]] = []

    def walk(items: list, group: str | None) -> None:
        for item in items:
            if isinstance(item, str):
                found.append((group, item))
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value, title)
                    else:
                        found.append((group, value))

    for item in nav:
        if isinstance(item, dict) and isinstance(item.get(section), list):
            walk(item[section], None)
    return found


def book_pages(book: Book, nav: list) -> list[tuple[str | None, str]]:
    if book.nav_section:
        return nav_pages(nav, book.nav_section)
    return [(None, src) for src in book.pages]


def slug_of(src: str) -> str:
    return page_url(src).strip("/").replace("/", "-") or "forside"


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def _drop(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
    """Remove ``element`` but keep the text that follows it."""
    parent = parents[element]
    index = list(parent).index(element)
    if element.tail:
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def chapter(site_dir: Path, group: str | None, src: str, in_book: dict[str, str], site_url: str) -> Chapter:
    """One built page as a chapter of a book. ``in_book`` maps the site URL of every page in
    the book to its chapter slug."""
    url = page_url(src)
    path = site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"), namespace_html_elements=False)
    article = next(a for a in root.iter("article") if "md-content__inner" in _classes(a))
    parents = {child: parent for parent in article.iter() for child in parent}
    slug = slug_of(src)

    for element in list(article.iter()):
        classes = _classes(element)
        if (element.tag in ("svg", "script", "style", "form", "hr")
                or classes & {"headerlink", "footnote-backref", "md-content__button", "md-source-file",
                              "hb-feedback", "task-list-indicator"}):
            _drop(element, parents)
            continue
        if element.get("id"):
            element.set("id", f"{slug}--{element.get('id')}")
        if element.tag == "details":  # collapsible boxes are always open on paper
            element.tag = "div"
            element.set("class", "admonition " + " ".join(classes))
        elif element.tag == "summary":
            element.tag = "p"
            element.set("class", "admonition-title")
        elif element.tag == "input":  # a checklist's box, to tick with a pen
            checked = "checked" in element.attrib
            element.tag = "span"
            element.attrib = {"class": "hb-box", "aria-hidden": "true"}
            element.text = "☑ " if checked else "☐ "
        elif element.tag == "img" and element.get("src"):
            element.set("src", urljoin(url, element.get("src")))
        elif element.tag == "a" and element.get("href"):
            _link(element, slug, url, in_book, site_url)
    for notes in (e for e in article.iter("div") if "footnote" in _classes(e)):
        heading = ET.Element("h2", {"class": "hb-notes"})
        heading.text = "Kilder og noter"
        notes.insert(0, heading)

    h1 = next(article.iter("h1"))
    return Chapter(src, group, slug, _text(h1),
                   "".join(ET.tostring(child, encoding="unicode", method="html") for child in article)
                   if len(article) else "")


def _link(a: ET.Element, slug: str, url: str, in_book: dict[str, str], site_url: str) -> None:
    """Point ``a`` inside the book where it can, else at the published site, and mark how its
    target is printed: ``hb-xref`` (page number) or ``hb-url`` (address)."""
    href = a.get("href")
    classes = _classes(a)
    if href.startswith("#"):
        a.set("href", f"#{slug}--{href[1:]}")
        return
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        if _text(a).rstrip("/") != href.rstrip("/"):
            classes.add("hb-url")
    elif not parts.scheme:
        target = urljoin("/" + url, href)[1:]           # the site URL it points to
        path, _, anchor = target.partition("#")
        if path in in_book:
            chapter_slug = in_book[path]
            a.set("href", f"#{chapter_slug}--{anchor}" if anchor else f"#{chapter_slug}")
            a.set("data-page", "")  # filled in by number_pages
            classes.add("hb-xref")
        else:
            a.set("href", site_url + target)
            classes.add("hb-url")
    if classes:
        a.set("class", " ".join(sorted(classes)))


def book_html(book: Book, chapters: list[Chapter], config: dict, edition_text: str, iso: str) -> str:
    groups: list[tuple[str | None, list[Chapter]]] = []
    for ch in chapters:
        if not groups or groups[-1][0] != ch.group:
            groups.append((ch.group, []))
        groups[-1][1].append(ch)
    return render("pdf_book.html.j2", book=book, groups=groups, edition=edition_text, iso=iso,
                  site_url=config.get("site_url") or "", author=AUTHOR,
                  rights=config.get("copyright") or "",
                  chapters=[Markup(ch.html) for ch in chapters], slugs=[ch.slug for ch in chapters])


def edition_text(stamp: dt.datetime) -> str:
    """The edition's date in Danish: '6. december 2026'."""
    return format_date(stamp.astimezone(ZoneInfo("Europe/Copenhagen")).date().isoformat())


def size_text(size: int) -> str:
    """``1,4 MB`` / ``320 kB``, as Danish writes decimals."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"


def link_pdfs(site_dir: Path, made: list[tuple[Book, int, int]], edition_text: str) -> list[Path]:
    """Replace the marker on every built page with links to the books; the pages changed."""
    changed = []
    for html_file in sorted(site_dir.rglob("*.html")):
        text = html_file.read_text(encoding="utf-8")
        if MARKER not in text:
            continue
        current = html_file.relative_to(site_dir).as_posix()
        current = current[: -len("index.html")] if current.endswith("index.html") else current
        links = [{"href": relative(f"{FOLDER}/{book.filename}", current), "text": book.link_text,
                  "contents": book.contents, "size": size_text(size), "pages": pages}
                 for book, size, pages in made]
        block = render("pdf_links.html.j2", links=links, edition=edition_text)
        html_file.write_text(text.replace(MARKER, "\n".join(l for l in block.splitlines() if l.strip())),
                             encoding="utf-8")
        changed.append(html_file)
    return changed


# A first guess at the page numbers: WeasyPrint's own target-counter. It can be a page off,
# because a number that grows when it is resolved can push later pages on.
FIRST_GUESS = """
a.hb-xref::after { content: " (s. " target-counter(attr(href url), page) ")"; }
.toc a::after { content: leader(".") target-counter(attr(href url), page); }
"""
_NUMBERED = re.compile(r'<a href="#([^"]+)"([^>]*?) data-page="[^"]*"')


def number_pages(html: str, pages: dict[str, int]) -> str:
    """``html`` with each ``data-page`` set to the page its link's target is on."""
    return _NUMBERED.sub(lambda m: f'<a href="#{m[1]}"{m[2]} data-page="{pages.get(m[1], "")}"', html)


def lay_out(html: str, site_dir: Path, stylesheets: list):
    """WeasyPrint's layout of ``html``, and the page each id is on."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(site_dir) + "/").render(stylesheets=stylesheets)
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return document, pages


def make_books(site_dir: Path, config: dict, stamp: dt.datetime) -> list[tuple[Book, int, int]]:
    """Write every book into ``site_dir/pdf/``; ``(book, bytes, pages)`` of each."""
    from weasyprint import CSS  # imported here: it needs Pango (see main)

    site_url = (config.get("site_url") or "").rstrip("/") + "/"
    css = CSS(filename=str(TEMPLATES_DIR / "pdf_book.css"))
    (site_dir / FOLDER).mkdir(exist_ok=True)
    made = []
    for book in BOOKS:
        pages = book_pages(book, config.get("nav") or [])
        in_book = {page_url(src): slug_of(src) for _, src in pages}
        chapters = [chapter(site_dir, group, src, in_book, site_url) for group, src in pages]
        html = book_html(book, chapters, config, edition_text(stamp), stamp.isoformat())
        # Lay out with the guessed numbers, then with the numbers that layout gave, until the
        # printed numbers are the pages the targets are on (the second layout nearly always).
        document, where = lay_out(html, site_dir, [css, CSS(string=FIRST_GUESS)])
        for _ in range(3):
            numbered = number_pages(html, where)
            document, where = lay_out(numbered, site_dir, [css])
            if number_pages(html, where) == numbered:
                break
        else:
            raise SystemExit(f"{book.filename}: sidetallene i indholdsfortegnelsen bliver ikke stabile.")
        target = site_dir / FOLDER / book.filename
        document.write_pdf(target, pdf_variant="pdf/ua-1")
        made.append((book, target.stat().st_size, len(document.pages)))
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rendering.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (site/)")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    try:
        import weasyprint  # noqa: F401  (fails with OSError when Pango is missing)
    except OSError:
        print(MISSING_PANGO, file=sys.stderr)
        return 1
    if not (args.site / "index.html").is_file():
        print(f"Der er intet bygget site i {args.site}/. Kør make build først.", file=sys.stderr)
        return 1
    config = read_mkdocs_yml(args.config_file)
    stamp = edition(args.config_file.resolve().parent)
    made = make_books(args.site, config, stamp)
    changed = link_pdfs(args.site, made, edition_text(stamp))
    for book, size, pages in made:
        print(f"{args.site}/{FOLDER}/{book.filename}: {pages} sider, {size_text(size)}")
    print(f"Links til PDF'erne på {len(changed)} sider.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
