"""Peers and handover: the neighbours on every council page, and a handover sheet per
municipality (rendering/councils.py, rendering/handover.py), read in the real built site.

What a reader notices: each council page names its land neighbours with their status and a
link (an island says it has none), a municipality without a council is pointed to the nearest
councils, there is a sheet for each of the 98, the sheet shows the registry's facts and sources,
blanks and the same checklist as the handover guide, and it prints on one A4 page.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

from registry.neighbours import load
from tests.test_search import index_fragments

ROOT = Path(__file__).resolve().parent.parent


def _names() -> dict[str, str]:
    with (ROOT / "data" / "kommuner.csv").open(encoding="utf-8", newline="") as fh:
        return {row["kommunekode"]: row["kommune"] for row in csv.DictReader(fh)}


def _section(page: str, anchor: str) -> str:
    """The HTML of one section of a page: from its heading to the next h2."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start: end if end != -1 else len(page)]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _council_pages(built_site: Path) -> dict[str, str]:
    return {p.parent.name: p.read_text(encoding="utf-8")
            for p in sorted((built_site / "raad").glob("*/index.html"))}


def test_every_council_page_names_its_neighbours(built_site):
    pages = _council_pages(built_site)
    assert len(pages) == 98
    data, names = load(), _names()
    slug_of = {}
    for slug, page in pages.items():
        code = re.search(r"kommunekode (\d{4})", page).group(1)
        slug_of[code] = slug
    counted = 0
    for code, slug in slug_of.items():
        section = _section(pages[slug], "nabokommuner")
        listed = _text(section)
        if not data.neighbours(code):
            assert f"{names[code]} har ingen landgrænse til en anden kommune." in listed, slug
            continue
        for other in data.neighbours(code):
            link = f'href="../{slug_of[other]}/"'
            assert link in section and names[other] in listed, (slug, names[other])
        counted += 1
    assert counted == 91  # 98 municipalities, 7 without a land neighbour


def test_neighbours_show_their_status_and_aarhus_its_four(built_site):
    section = _text(_section(_council_pages(built_site)["aarhus"], "nabokommuner"))
    shown = re.findall(r"^(Favrskov|Odder|Skanderborg|Syddjurs): (.+)$", section, re.M)
    assert sorted(name for name, _ in shown) == ["Favrskov", "Odder", "Skanderborg", "Syddjurs"]
    statuses = {"Har et integrationsråd", "Rådet er nedlagt", "Intet integrationsråd", "Ukendt"}
    assert all(status in statuses for _, status in shown), shown
    assert "DAGI" in section  # the source of the borders is on the page


def test_a_municipality_without_a_council_sees_the_nearest_councils(built_site):
    """Bornholm is an island: no neighbours, so the nearest councils by distance, each a
    municipality whose page says it has a council, nearest first."""
    pages = _council_pages(built_site)
    section = _section(pages["bornholm"], "nabokommuner")
    assert "De nærmeste kommuner med et integrationsråd" in section
    found = re.findall(r'<li><a href="\.\./([a-z0-9-]+)/">[^<]+</a>, ca\. (\d+) km væk</li>', section)
    assert len(found) == 3
    assert [int(km) for _, km in found] == sorted(int(km) for _, km in found)
    for slug, _ in found:
        assert "Har et integrationsråd</span>" in pages[slug], slug


def test_98_handover_sheets_linked_from_council_pages_and_the_template(built_site):
    sheets = sorted((built_site / "registret" / "overlevering").glob("*/index.html"))
    assert len(sheets) == 98
    council = (built_site / "raad" / "aarhus" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../registret/overlevering/aarhus/"' in council
    listing = (built_site / "registret" / "overlevering" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<li><a href="[a-z0-9-]+/">', listing)) == 98
    template = (built_site / "vaerktoejer" / "overleveringsnotat" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../registret/overlevering/"' in template


def test_sheet_holds_registry_facts_sources_blanks_and_checklist(built_site):
    page = (built_site / "registret" / "overlevering" / "odense" / "index.html").read_text(encoding="utf-8")
    council = (built_site / "raad" / "odense" / "index.html").read_text(encoding="utf-8")
    known = _text(_section(page, "registret"))
    assert "Odense (kommunekode 0461)" in known and "Rådet er nedlagt" in known
    # every source of the council page is on the sheet, in the same order
    council_sources = re.findall(r"<li>(.*?)<br>Kilde:", _section(council, "kilder"))
    sheet_sources = re.findall(r'<ol class="registry-sources">(.*?)</ol>', page, re.S)[0]
    assert len(council_sources) == 8
    assert [_text(s) for s in council_sources] == [
        _text(li).rsplit(" (", 1)[0] for li in re.findall(r"<li>(.*?)</li>", sheet_sources)]
    blanks = _text(_section(page, "kommunen"))
    for asked in ("Forretningsorden", "referater", "Medlemmernes perioder", "Budget",
                  "postkasse", "Kontakt i forvaltningen"):
        assert asked in blanks
    assert _section(page, "tjekliste").count('type="checkbox"') == 10
    # The sheets repeat the council pages: not search results (front matter search: exclude).
    fragments = index_fragments(built_site)
    assert "/raad/odense/" in fragments
    assert not [url for url in fragments if url.startswith("/registret/overlevering/")]


def test_sheet_checklist_is_the_handover_guide_list():
    """The ten points on the sheet are the ten bold points of the handover guide, in order."""
    guide = (ROOT / "docs" / "kom-godt-i-gang" / "overlevering.md").read_text(encoding="utf-8")
    listed = re.search(r"## Det skal notatet indeholde\n(.*?)\n## ", guide, re.S).group(1)
    in_guide = re.findall(r"^\d+\. \*\*(.+?)\*\*", listed, re.M)
    sheet = (ROOT / "templates" / "handover_sheet.md.j2").read_text(encoding="utf-8")
    on_sheet = re.findall(r"^- \[ \] \*\*(.+?)\*\*", sheet, re.M)
    assert len(in_guide) == 10
    assert on_sheet == in_guide


@pytest.mark.browser
def test_the_longest_sheet_prints_on_one_a4_page(browser, built_site):
    """Printed with the site's print style, the sheet with the most text (Odense, eight
    sources) is one A4 page."""
    sheets = sorted((built_site / "registret" / "overlevering").glob("*/index.html"),
                    key=lambda p: len(_text(p.read_text(encoding="utf-8"))))
    longest = sheets[-1]
    page = browser.new_page()
    try:
        page.goto(longest.as_uri())
        pdf = page.pdf(prefer_css_page_size=True)
    finally:
        page.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, longest.parent.name
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert (round(float(box.group(1))), round(float(box.group(2)))) == (595, 842)  # A4 in points
