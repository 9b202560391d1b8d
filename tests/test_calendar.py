"""The council's year as a calendar (kalender.ics): it opens in a calendar library, says only
what the handbook's dated and sourced rows say, and matches the årshjul page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from icalendar import Calendar

from rendering.site import read_mkdocs_yml
from rendering.text import MONTHS_DA
from tests.sitetools import build_site

ROOT = Path(__file__).resolve().parent.parent
DATE = re.compile(r"(\d{1,2})\. (" + "|".join(MONTHS_DA) + r")(?: (\d{4}))?")


def events(built_site: Path) -> list:
    cal = Calendar.from_ical((built_site / "kalender.ics").read_bytes())
    return list(cal.walk("VEVENT"))


def table(page: Path, header: str) -> list[list[str]]:
    """The rows of the table on ``page`` whose header row starts with ``| header |``."""
    rows, inside = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"| {header} |"):
            inside = True
            continue
        if inside and not line.startswith("|"):
            break
        if inside and not line.startswith("|---"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    assert rows, f"no table headed {header!r} on {page}"
    return rows


def test_calendar_round_trips_through_the_icalendar_library(built_site):
    raw = (built_site / "kalender.ics").read_bytes()
    cal = Calendar.from_ical(raw)
    assert cal.to_ical() == raw
    assert str(cal["VERSION"]) == "2.0" and "Integrationsrådshåndbogen" in str(cal["PRODID"])
    found = events(built_site)
    assert len(found) >= 6
    assert len({str(e["UID"]) for e in found}) == len(found)
    for event in found:
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL", "DESCRIPTION"):
            assert prop in event, f"{event.get('SUMMARY')}: no {prop}"
        assert type(event.decoded("DTSTART")) is dt.date  # a whole day, no time


def test_every_event_links_back_to_its_page_and_cites_its_source(built_site):
    site_url = read_mkdocs_yml(ROOT / "mkdocs.yml")["site_url"]
    for event in events(built_site):
        url = str(event["URL"])
        assert url.startswith(site_url), url
        page = built_site / url[len(site_url):] / "index.html"
        assert page.is_file(), f"{event['SUMMARY']}: {url} is no page of the site"
        description = str(event["DESCRIPTION"])
        assert "Kilde: " in description and "https://" in description.split("Kilde: ")[1]
        assert url in description


def test_yearly_dates_recur_and_one_off_dates_are_dated(built_site):
    yearly = [e for e in events(built_site) if "RRULE" in e]
    once = [e for e in events(built_site) if "RRULE" not in e]
    assert yearly and once
    for event in yearly:
        assert event["RRULE"]["FREQ"] == ["YEARLY"]
        assert not re.search(r"\d{4}:", str(event["DESCRIPTION"]).split("\n")[0])
    for event in once:
        when = str(event["DESCRIPTION"]).split(":")[0]
        assert str(event.decoded("DTSTART").year) in when


def test_events_match_the_aarshjul_page(built_site):
    """The yearly events are exactly the dated rows of the årshjul page's budget table, the
    one-off events exactly the dated rows of the page on the council's year, and every event's
    day is named in that month's row of the årshjul page's month-by-month table."""
    aarshjul = ROOT / "docs" / "raadets-aar" / "aarshjul.md"
    budget = {(MONTHS_DA.index(m[2]) + 1, int(m[1])) for row in table(aarshjul, "Hvornår")
              if (m := DATE.search(row[0]))}
    dates = {dt.date(int(m[3]), MONTHS_DA.index(m[2]) + 1, int(m[1]))
             for row in table(ROOT / "docs" / "raadets-aar" / "index.md", "Dato")
             if (m := DATE.search(row[0])) and m[3]}
    found = events(built_site)
    yearly = {(e.decoded("DTSTART").month, e.decoded("DTSTART").day) for e in found if "RRULE" in e}
    once = {e.decoded("DTSTART") for e in found if "RRULE" not in e}
    assert yearly == budget
    assert once == dates

    months = {row[0].lower(): row[1] for row in table(aarshjul, "Måned")}
    for event in found:
        day = event.decoded("DTSTART")
        row = months[MONTHS_DA[day.month - 1]]
        third_tuesday = day.weekday() == 1 and 15 <= day.day <= 21
        assert f"{day.day}. {MONTHS_DA[day.month - 1]}" in row or (
            third_tuesday and "tredje tirsdag i november" in row), f"{event['SUMMARY']} ({day})"


def test_calculated_dates_say_so_in_the_title(built_site):
    for event in events(built_site):
        if "beregnet" in str(event["DESCRIPTION"]).split("\n")[0]:
            assert "(beregnet dato)" in str(event["SUMMARY"])


def test_pages_link_the_calendar(built_site):
    for page in ("raadets-aar/index.html", "raadets-aar/aarshjul/index.html"):
        assert 'href="../kalender.ics"' in (built_site / page).read_text(encoding="utf-8") or \
            'href="../../kalender.ics"' in (built_site / page).read_text(encoding="utf-8"), page


def test_bad_calendar_rows_stop_the_build_with_page_and_line(tmp_path):
    """tests/sites/calendar_errors: a date that does not exist, a dated row without a source
    and a footnote that is never written."""
    result = build_site(ROOT / "tests" / "sites" / "calendar_errors" / "mkdocs.yml", tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert "docs/aar.md:11: datoen »31. februar« findes ikke" in result.output
    assert "docs/aar.md:12: rækken med datoen »15. oktober« har ingen kilde" in result.output
    assert "docs/aar.md:13: fodnoten [^mangler] står ikke nederst på siden" in result.output
