"""The council's year as a calendar a reader can subscribe to: ``kalender.ics``.

The events are not written anywhere else: they are the dated rows of the source tables on
the pages listed under ``extra.kalender`` in mkdocs.yml (the årshjul page and the page on
the council's year). A source table is a Markdown table whose last column is headed
``Kilde``. A row becomes an event when its first cell holds a whole date:

* ``15. oktober`` (no year): a yearly event (RRULE:FREQ=YEARLY) from FIRST_YEAR on;
* ``18. november 2025``: a one-off event on that day.

Rows without a day ("Maj", "August–september") stay on the page only. Every event cites the
footnotes of its row and links back to its page, so the calendar says nothing the handbook does
not say with a source. A dated row without a footnote, or a date that does not exist, stops
the build with the page and line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from rendering.frontmatter import Page, PageError, read_page
from rendering.site import Site
from rendering.text import MONTHS_DA
from rendering.urls import page_url

FILENAME = "kalender.ics"
# Yearly dates recur from the first year of the electoral term 2026-2029 the handbook covers.
FIRST_YEAR = 2026

_DATE = re.compile(r"\b(\d{1,2})\.\s+(" + "|".join(MONTHS_DA) + r")\b(?:\s+(\d{4}))?", re.I)
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"\*{1,2}([^*]+)\*{1,2}")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")


@dataclass(frozen=True)
class DatedRow:
    """One dated, sourced row of a source table."""

    src: str                 # docs path of the page
    line: int                # line in the page's file
    when: str                # the first cell as written ("Senest 15. oktober")
    what: str                # the second cell, as plain text
    day: dt.date             # the date (year FIRST_YEAR for yearly rows)
    yearly: bool
    sources: tuple[str, ...]  # the row's footnotes, as plain text


def plain_text(markdown: str) -> str:
    """Inline Markdown as plain text: footnote markers dropped, links as their text."""
    text = _FOOTNOTE_REF.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _ATTRS.sub("", text).replace("\\", "")
    return " ".join(text.split())


def footnotes(page: Page) -> dict[str, str]:
    """``{label: text}`` of the page's footnote definitions (continuation lines included)."""
    notes: dict[str, str] = {}
    label = None
    for line in page.body.splitlines():
        match = _FOOTNOTE_DEF.match(line)
        if match:
            label = match.group(1)
            notes[label] = match.group(2)
        elif label and line.startswith("    ") and line.strip():
            notes[label] += " " + line.strip()
        else:
            label = None
    return notes


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def dated_rows(page: Page) -> tuple[list[DatedRow], list[str]]:
    """The dated rows of the page's source tables, and the problems found."""
    notes = footnotes(page)
    rows: list[DatedRow] = []
    problems: list[str] = []
    in_source_table = False
    lines = page.body.splitlines()
    for index, line in enumerate(lines):
        number = page.body_line + index
        if not line.lstrip().startswith("|"):
            in_source_table = False
            continue
        cells = _cells(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not in_source_table and re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", following) and "-" in following:
            in_source_table = cells[-1].lower() == "kilde"  # a header row
            continue
        if not in_source_table or re.fullmatch(r"[\s:|-]+", line) or len(cells) < 3:
            continue
        match = _DATE.search(cells[0])
        if match is None:
            continue
        where = f"docs/{page.src}:{number}"
        day, month, year = int(match.group(1)), MONTHS_DA.index(match.group(2).lower()) + 1, match.group(3)
        try:
            date = dt.date(int(year) if year else FIRST_YEAR, month, day)
        except ValueError:
            problems.append(f"{where}: datoen »{match.group(0)}« findes ikke i kalenderen. Ret datoen.")
            continue
        labels = _FOOTNOTE_REF.findall(cells[-1])
        missing = [label for label in labels if label not in notes]
        if not labels:
            problems.append(f"{where}: rækken med datoen »{match.group(0)}« har ingen kilde. Skriv en "
                            "fodnote i kolonnen Kilde, fx [^lex], eller flyt datoen ud af tabellen.")
            continue
        if missing:
            problems.append(f"{where}: fodnoten [^{missing[0]}] står ikke nederst på siden. Skriv den, "
                            f"fx [^{missing[0]}]: Forfatter (år): Titel, https://…")
            continue
        rows.append(DatedRow(page.src, number, cells[0], plain_text(cells[1]), date, year is None,
                             tuple(plain_text(notes[label]) for label in labels)))
    return rows, problems


def read_rows(site: Site) -> list[DatedRow]:
    """Every dated row of the configured pages; a yearly date given on two pages counts once
    (the first page listed wins). Raises PageError with every problem."""
    rows: list[DatedRow] = []
    problems: list[str] = []
    for src in site.calendar_pages:
        path = site.docs_dir / src
        if not path.is_file():
            problems.append(f"mkdocs.yml: extra.kalender nævner docs/{src}, som ikke findes. Ret stien.")
            continue
        found, page_problems = dated_rows(read_page(path, site.docs_dir))
        rows.extend(found)
        problems.extend(page_problems)
    if problems:
        raise PageError(problems)
    seen: set[tuple[dt.date, bool]] = set()
    unique = []
    for row in rows:
        if (row.day, row.yearly) not in seen:
            seen.add((row.day, row.yearly))
            unique.append(row)
    return unique


def summary(row: DatedRow) -> str:
    """The event's title: the row's first sentence, marked as a deadline or a calculated date
    when the row says so."""
    first = re.split(r"(?<=[.!?])\s", row.what, maxsplit=1)[0].rstrip(".")
    if "senest" in row.when.lower():
        first = "Frist: " + first
    if "beregnet" in row.what.lower():
        first += " (beregnet dato)"
    return first


def calendar(site: Site, rows: list[DatedRow], stamp: dt.datetime) -> bytes:
    """``kalender.ics`` for ``rows``. ``stamp`` (the edition's time) is every event's DTSTAMP,
    so the same handbook always gives the same file."""
    host = urlsplit(site.site_url).hostname or "localhost"
    cal = Calendar()
    cal.add("prodid", "-//Integrationsrådshåndbogen//Rådets år//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Integrationsrådets år")
    cal.add("x-wr-caldesc", "Kommunens budgetfrister, regnskab og valgperiode, som "
                            "Integrationsrådshåndbogen nævner dem med kilder.")
    for row in rows:
        url = site.site_url + page_url(row.src, site.directory_urls)
        event = Event()
        key = row.day.strftime("%m%d") if row.yearly else row.day.strftime("%Y%m%d")
        event.add("uid", f"{row.src.removesuffix('.md').replace('/', '-')}-{key}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", summary(row))
        event.add("dtstart", row.day)
        event.add("dtend", row.day + dt.timedelta(days=1))
        if row.yearly:
            event.add("rrule", {"freq": "yearly"})
        event.add("description", "\n\n".join([
            f"{row.when}: {row.what}",
            "Kilde: " + " ".join(row.sources),
            f"Læs mere: {url}",
        ]))
        event.add("url", url)
        event.add("transp", "TRANSPARENT")  # a date to know, not a busy day
        cal.add_component(event)
    return cal.to_ical()


def calendar_file(site: Site, stamp: dt.datetime) -> dict[str, bytes]:
    """``{"kalender.ics": …}``, or nothing when mkdocs.yml lists no calendar pages."""
    if not site.calendar_pages:
        return {}
    return {FILENAME: calendar(site, read_rows(site), stamp)}
