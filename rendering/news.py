"""News: the "Nyt" page (``nyt.md``) and its Atom feed (``nyt.xml``), from one change log.

Maintainers write the change log, ``data/nyt.yaml`` (``extra.nyt`` in mkdocs.yml): one entry
per substantive change, newest first or in any order:

    - dato: 2026-12-06
      emne: lovgrundlag          # god_erfaring, lovgrundlag, register or haandbog
      titel: Høringsret: fem kommuners egne regler
      tekst: Én til tre sætninger med dine egne ord om, hvad der er ændret.
      sider: [lovgrundlag/diaeter-og-hoeringsret.md]   # the pages it concerns
      kommuner: ["0259"]         # registry entries it concerns (codes)

Typo fixes and small language edits do not go in (CONTRIBUTING.md says what does). The text
is plain text: it is escaped on the page and in the feed, never read as Markdown or HTML. A
bad entry stops the build with every problem at once, each with its line.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from registry.loader import display_path
from registry.model import Registry
from registry.yamlparse import parse_yaml
from rendering.councils import council_src
from rendering.frontmatter import read_page
from rendering.site import Site
from rendering.templates import render
from rendering.text import format_date
from rendering.urls import md_link, page_url

PAGE = "nyt.md"
FEED = "nyt.xml"
GUIDE = "om/bidrag.md"       # how to contribute, linked from the page when it exists
FEED_TITLE = "Nyt fra Integrationsrådshåndbogen"
AUTHOR = "Redaktionen af Integrationsrådshåndbogen"
TOPICS = {
    "god_erfaring": "Ny god erfaring",
    "lovgrundlag": "Lovgrundlaget",
    "register": "Registret",
    "haandbog": "Håndbogen",
}
FIELDS = ("dato", "emne", "titel", "tekst", "sider", "kommuner")
ATOM = "http://www.w3.org/2005/Atom"
_ZONE = ZoneInfo("Europe/Copenhagen")


class NewsError(Exception):
    """Problems in the change log; ``problems`` lists ``data/nyt.yaml:LINE: message`` each."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.problems = tuple(problems)
        noun = "problem" if len(problems) == 1 else "problemer"
        super().__init__(f"Nyhederne i {path} har {len(problems)} {noun}. Ret dem, og byg igen:\n"
                         + "\n".join(problems))


@dataclass(frozen=True)
class Link:
    src: str     # docs path
    title: str


@dataclass(frozen=True)
class Item:
    date: dt.date
    topic: str
    title: str
    text: str
    links: tuple[Link, ...]

    @property
    def anchor(self) -> str:
        words = re.sub(r"[^a-z0-9æøå]+", "-", self.title.lower()).strip("-")
        return f"{self.date.isoformat()}-{words.translate(str.maketrans({'æ': 'ae', 'ø': 'oe', 'å': 'aa'}))}"

    @property
    def topic_label(self) -> str:
        return TOPICS[self.topic]

    @property
    def date_text(self) -> str:
        return format_date(self.date.isoformat())


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def load_news(path: Path, site: Site, registry: Registry) -> list[Item]:
    """Read and check the change log; newest entry first."""
    shown = display_path(path, site.root)
    if not path.is_file():
        raise NewsError(shown, [f"{shown}: filen findes ikke. Ret stien under extra.nyt i mkdocs.yml."])
    parsed = parse_yaml(path.read_text(encoding="utf-8"))
    problems = [p.format(shown) for p in parsed.problems]
    problems += [f"{shown}:{d.line}:{d.col}: feltet {d.key} står to gange i samme nyhed (første gang i "
                 f"linje {d.first_line}). Behold det ene." for d in parsed.duplicates]
    problems += [p.format(shown) for _, p in parsed.located]
    if parsed.syntax_error or not isinstance(parsed.data, list):
        if not problems:
            problems.append(f"{shown}:1: filen skal være en liste af nyheder, der hver begynder med »- dato:«.")
        raise NewsError(shown, problems)
    items = []
    for index, entry in enumerate(parsed.data):
        def at(*key: str | int) -> str:
            info = parsed.info.get((index, *key)) or parsed.info[(index,)]
            return f"{shown}:{info.where[0]}"

        if not isinstance(entry, dict):
            problems.append(f"{at()}: en nyhed skal have felterne dato, emne, titel og tekst.")
            continue
        for key in entry:
            if key not in FIELDS:
                problems.append(f"{at(key)}: ukendt felt »{key}«. Brug kun {', '.join(FIELDS)}.")
        try:
            date = dt.date.fromisoformat(str(entry.get("dato")))
        except ValueError:
            problems.append(f"{at('dato')}: skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-06.")
            date = None
        if date and date > dt.date.today():
            problems.append(f"{at('dato')}: datoen {date} ligger i fremtiden. Skriv den dag, ændringen kom på sitet.")
        topic = entry.get("emne")
        if topic not in TOPICS:
            problems.append(f"{at('emne')}: emne skal være et af: {', '.join(TOPICS)}.")
        title, text = _text(entry.get("titel")), _text(entry.get("tekst"))
        if title is None:
            problems.append(f"{at('titel')}: nyheden mangler en titel (titel: …).")
        if text is None:
            problems.append(f"{at('tekst')}: nyheden mangler en tekst (tekst: …).")
        links = []
        for n, src in enumerate(entry.get("sider") or []):
            page = site.docs_dir / str(src)
            if not str(src).endswith(".md") or not page.is_file():
                problems.append(f"{at('sider', n)}: siden docs/{src} findes ikke. Skriv stien under docs/, "
                                "fx lovgrundlag/index.md.")
            else:
                links.append(Link(str(src), read_page(page, site.docs_dir).title))
        for n, code in enumerate(entry.get("kommuner") or []):
            council = registry.by_code.get(str(code))
            if council is None:
                problems.append(f"{at('kommuner', n)}: kommunekoden {code} findes ikke i registret. "
                                "Skriv koden i anførselstegn, fx \"0751\".")
            else:
                links.append(Link(council_src(council), council.kommune))
        if not links and "sider" not in entry and "kommuner" not in entry:
            problems.append(f"{at()}: skriv under sider eller kommuner, hvad nyheden handler om.")
        if date and topic in TOPICS and title and text:
            items.append(Item(date, topic, title, text, tuple(links)))
    if problems:
        raise NewsError(shown, problems)
    return sorted(items, key=lambda item: item.date, reverse=True)


def news_page(items: list[Item], site: Site) -> str:
    """The Markdown of the Nyt page."""
    guide = GUIDE if (site.docs_dir / GUIDE).is_file() else None
    return render("nyt.md.j2", items=items, feed=FEED, edit_path=display_path(site.news, site.root),
                  guide=guide, link=lambda src: md_link(src, PAGE))


def _timestamp(date: dt.date) -> str:
    """RFC 3339 time of the start of ``date`` in Danish time."""
    return dt.datetime.combine(date, dt.time(), _ZONE).isoformat()


def atom_feed(items: list[Item], site: Site) -> bytes:
    """The Atom feed (RFC 4287) of ``items``, with absolute URLs from site_url."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    page = site.site_url + page_url(PAGE, site.directory_urls)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "da"})
    sub(feed, "id", page)
    sub(feed, "title", FEED_TITLE)
    sub(feed, "subtitle", "Væsentlige ændringer af håndbogen og registret over de lokale integrationsråd.")
    sub(feed, "updated", _timestamp(items[0].date) if items else _timestamp(dt.date.today()))
    sub(sub(feed, "author"), "name", AUTHOR)
    sub(feed, "link", rel="self", type="application/atom+xml", href=site.site_url + FEED)
    sub(feed, "link", rel="alternate", type="text/html", href=page)
    for item in items:
        entry = sub(feed, "entry")
        url = f"{page}#{item.anchor}"
        sub(entry, "id", url)
        sub(entry, "title", item.title)
        sub(entry, "updated", _timestamp(item.date))
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        for link in item.links:
            sub(entry, "link", rel="related", type="text/html", title=link.title,
                href=site.site_url + page_url(link.src, site.directory_urls))
        sub(entry, "category", term=item.topic, label=item.topic_label)
        sub(entry, "summary", item.text, type="text")
        links = "".join(f'<li><a href="{escape(site.site_url + page_url(link.src, site.directory_urls))}">'
                        f"{escape(link.title)}</a></li>" for link in item.links)
        sub(entry, "content", f"<p>{escape(item.text)}</p><ul>{links}</ul>", type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def news_files(site: Site, registry: Registry) -> dict[str, str | bytes]:
    """``nyt.md`` and ``nyt.xml``, or nothing when mkdocs.yml names no change log."""
    if site.news is None:
        return {}
    items = load_news(site.news, site, registry)
    return {PAGE: news_page(items, site), FEED: atom_feed(items, site)}

