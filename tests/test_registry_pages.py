"""Generated registry pages, built from the tiny site tests/sites/registry_pages/: a
four-council registry (real codes, test text full of markup and template code), the real hook
(hooks/generated_files.py) and the real macros.

Asserts what a reader would notice: a page per municipality at its Danish slug, the right
counts, every municipality in the overview table, data that cannot turn into markup or
template code, unsafe URLs that never become links, and exports that match the YAML.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from tests.sitetools import build_site

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "sites" / "registry_pages"
DATA = SITE / "data" / "councils.yaml"
CODES = ("0101", "0169", "0492", "0751")  # København, Høje-Taastrup, Ærø, Aarhus
HOSTILE_NAME = 'Rådet <script>alert("x")</script> & "Co" {{ 7*7 }}'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("registry-pages")
    result = build_site(SITE / "mkdocs.yml", out)
    if result.returncode != 0:
        pytest.fail("tiny site did not build:\n" + result.output, pytrace=False)
    return out


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _article(html: str) -> str:
    return html[html.index("<article"): html.index("</article>")]


def test_one_page_per_municipality_at_its_danish_slug(site):
    for slug in ("koebenhavn", "hoeje-taastrup", "aeroe", "aarhus"):
        assert (site / "raad" / slug / "index.html").is_file(), slug
    assert len(list((site / "raad").glob("*/index.html"))) == len(CODES)
    html = _read(site, "raad/aeroe/index.html")
    assert "<title>Ærø - Testsite</title>" in html
    assert "Intet integrationsråd" in _article(html)


def test_council_page_shows_facts_sources_unknowns_and_how_to_correct(site):
    page = _article(_read(site, "raad/aarhus/index.html"))
    assert "Har et integrationsråd" in page  # status in words
    assert "<dd>13</dd>" in page
    assert "9 – Borgere med flygtninge- eller indvandrerbaggrund" in page
    assert "Ja – kommunens egne regler giver rådet ret til at blive hørt." in page
    assert "Integrationspris eller anden pris" in page  # activity label, not the key
    assert 'href="mailto:integrationsraad@example.org"' in page
    assert "marts 2019" in page  # the source's date, in Danish
    assert "Bør bekræftes for valgperioden 2026–2029" in page  # only an old source
    assert "Om redaktionen har bekræftet oplysningerne" in page  # listed under unknowns
    assert ("https://github.com/example/haandbog/issues/new?template=ret-raad.yml"
            "&amp;kommune=Aarhus") in page
    assert 'href="https://github.com/example/haandbog/edit/main/data/councils.yaml"' in page
    # The handbook case that links here is listed (a backlink), with a working link.
    assert '<a href="../../gode-erfaringer/pris/">En pris i Aarhus</a>' in page
    assert 'href="../../registret/regioner/#midtjylland"' in page


def test_council_page_is_written_for_the_public(site):
    """The editors' notes are on the maintainers' page only, and a correction says what it
    needs: the GitHub form needs an account, the e-mail to the editors' mailbox does not."""
    page = _article(_read(site, "raad/aarhus/index.html"))
    assert "fed&lt;/b&gt; note" not in page and "Det bør redaktionen tjekke" not in page
    assert "fed&lt;/b&gt; note" in _article(_read(site, "registret/verificering/index.html"))
    correct = page[page.index('id="ret"'):]
    assert "kræver en gratis GitHub-konto" in correct.split("Meld en rettelse for Aarhus")[1].split("</li>")[0]
    mail = re.search(r'<a href="(mailto:[^"]+)">Skriv en e-mail til redaktionen om Aarhus</a> \(kræver ingen konto\)',
                     correct)
    assert mail, correct
    assert mail.group(1).startswith("mailto:integrationsraad@example.org?subject=Rettelse%20til%20registret%3A%20Aarhus&amp;body=")
    assert "https%3A//example.org/raad/aarhus/" in mail.group(1)  # the page's address in the body


def test_council_page_without_mailbox_offers_no_mail():
    from registry.loader import load_registry
    from rendering.councils import council_markdown

    reg = load_registry(DATA, SITE / "data" / "kommuner.csv", ROOT / "data" / "vocabularies.yaml")
    page = council_markdown(reg, reg.by_code["0751"], repo_url="https://github.com/example/haandbog")
    assert "Meld en rettelse for Aarhus" in page and "Skriv en e-mail til redaktionen" not in page


def test_council_pages_sit_in_the_registry_section(built_site):
    """Not in the menu, but in the Registret section: breadcrumbs back to the overview and
    Registret as the current tab."""
    html = (built_site / "raad" / "aarhus" / "index.html").read_text(encoding="utf-8")
    crumbs = re.search(r'<nav class="md-path".*?</nav>', html, re.S)
    assert crumbs, "no breadcrumbs"
    assert re.findall(r'<a href="([^"]+)" class="md-path__link">', crumbs.group(0)) == ["../..", "../../registret/"]
    assert re.search(r'md-tabs__item--active">\s*<a href="../../registret/"', html)


def test_unknown_status_page_lists_what_is_unknown(site):
    page = _article(_read(site, "raad/hoeje-taastrup/index.html"))
    assert "Ukendt" in page
    assert "Om kommunen har et integrationsråd i dag" in page
    assert "Registret har ingen kilder for denne kommune endnu." in page


def test_verified_recent_entry_is_not_flagged(site):
    page = _article(_read(site, "raad/aeroe/index.html"))
    assert "Bør bekræftes" not in page
    assert "1. februar 2026" in page


def test_closed_council_shows_when_and_why(site):
    page = _article(_read(site, "raad/koebenhavn/index.html"))
    assert "Rådet er nedlagt" in page
    assert "december 2015" in page
    assert "Testbegrundelse for nedlæggelsen." in page


def test_registry_text_stays_text_everywhere(site):
    """Markup and template code in the data come out escaped, never as tags or evaluated."""
    pages = [p for p in site.rglob("*.html") if "raad" in p.parts or "registret" in p.parts]
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html, path
        assert '<script>alert("o")' not in html, path  # the body under inklusion
        assert "<img src=x" not in html, path
        assert "<b>fed</b>" not in html, path
        assert "<i>kursiv</i>" not in html and "<u>kilde</u>" not in html, path
        assert 'href="javascript:' not in html, path
        assert not re.search(r"Organ [^<]*\b64\b", html), path  # {{ 8*8 }} never evaluated
    page = _read(site, "raad/aarhus/index.html")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "& \"Co\" 49" not in page  # not evaluated as Jinja
    assert "{% if true %}skabelon{% endif %}" in page
    assert "[link](javascript:alert(1))" in page  # not turned into a link
    notes = _read(site, "registret/verificering/index.html")  # the editors' notes are there
    assert "&lt;b&gt;fed&lt;/b&gt; note {{ config }}" in notes
    assert "Organ &lt;script&gt;alert(&#34;o&#34;)&lt;/script&gt; {{ 8*8 }}" in page
    assert "Udeladt &lt;u&gt;kilde&lt;/u&gt; {{ 6*6 }}" in page  # a left-out source, no address
    assert "Svar &lt;i&gt;kursiv&lt;/i&gt; {{ 9*9 }}" in _read(site, "raad/aeroe/index.html")
    inclusion = _read(site, "registret/status/index.html")
    assert "Organ &lt;script&gt;alert(&#34;o&#34;)&lt;/script&gt; {{ 8*8 }}" in inclusion
    # The query string of the homepage URL is escaped inside the attribute.
    assert 'href="https://example.org/test/raad?a=1&amp;b=2"' in page
    # In an attribute (the overview's filter text), the quote cannot end the attribute.
    overview = _read(site, "registret/index.html")
    row = re.search(r'<tr data-region="midtjylland"[^>]*>', overview).group(0)
    assert '&#34;co&#34;' in row and '"co"' not in row


def test_unsafe_urls_never_become_links():
    """Second line of defence: even if a bad URL got past the loader, no href gets it."""
    from registry.loader import load_registry
    from rendering.councils import council_markdown

    reg = load_registry(DATA, SITE / "data" / "kommuner.csv", ROOT / "data" / "vocabularies.yaml")
    council = reg.by_code["0751"]
    bad = dataclasses.replace(
        council,
        hjemmeside="javascript:alert(1)",
        kilder=(dataclasses.replace(council.kilder[0], url="http://example.org/x"),
                dataclasses.replace(council.kilder[0], url='https://x.org/" onmouseover="alert(1)')),
    )
    page = council_markdown(reg, bad, repo_url="javascript:alert(1)")
    assert 'href="javascript' not in page
    assert 'href="http://' not in page
    assert 'onmouseover="alert' not in page
    assert "http://example.org/x" in page  # shown as text, so a maintainer can fix it
    assert "issues/new" not in page  # no https repo: no correction link at all


def test_overview_counts_and_table(site):
    html = _read(site, "registret/index.html")
    counts = _article(html)
    assert "Registret dækker alle 4 kommuner" in counts
    for n, text in ((1, "kommune har et integrationsråd"), (1, "kommune har nedlagt sit råd"),
                    (1, "kommune har ikke et råd"), (1, "kommune, hvor vi ikke ved, om der er et råd")):
        assert f"<strong>{n}</strong> {text}" in counts
    table = re.search(r'<table id="registry-table".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr data-region", table)
    assert len(rows) == 4
    for slug in ("koebenhavn", "hoeje-taastrup", "aeroe", "aarhus"):
        assert f'href="../raad/{slug}/"' in table
    # Danish alphabetical order without JavaScript: Høje-Taastrup, København, Ærø, Aarhus (= Å).
    names = re.findall(r'<th scope="row"[^>]*><a href="[^"]+">([^<]+)</a>', table)
    assert names == ["Høje-Taastrup", "København", "Ærø", "Aarhus"]
    # The filter form needs JavaScript, so it is hidden until the script shows it.
    assert re.search(r'<form class="registry-filter" data-registry-filter="registry-table"[^>]* hidden>', html)
    assert 'aria-live="polite"' in html and '<label for="registry-table-q">' in html


def test_region_status_and_freshness_views(site):
    regions = _read(site, "registret/regioner/index.html")
    for slug in ("hovedstaden", "midtjylland", "nordjylland", "sjaelland", "syddanmark"):
        assert f'id="{slug}"' in regions
    assert "Region Nordjylland: 0 kommuner." in regions
    status = _read(site, "registret/status/index.html")
    assert 'id="har-raad"' in status and 'id="ukendt"' in status
    fresh = _article(_read(site, "registret/verificering/index.html"))
    order = re.findall(r'<th scope="row"[^>]*><a href="[^"]+">([^<]+)</a>', fresh)
    # Oldest first: no dated source or verification, then 2015, then 2019. Ærø is verified.
    assert order == ["Høje-Taastrup", "København", "Aarhus"]


def test_exports_match_the_yaml(site):
    source = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    doc = json.loads(_read(site, "registret/councils.json"))
    assert doc["antal"] == len(source)
    records = {r["kommunekode"]: r for r in doc["kommuner"]}
    assert set(records) == set(source)
    for code, entry in source.items():
        rec = records[code]
        for key, value in entry.items():
            assert rec[key] == value, (code, key)
    assert records["0751"]["kommune"] == "Aarhus" and records["0751"]["region"] == "Region Midtjylland"

    raw = (site / "registret" / "councils.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Danish Excel reads æ, ø, å
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [r["kommunekode"] for r in rows] == sorted(source)
    aarhus = next(r for r in rows if r["kommunekode"] == "0751")
    assert aarhus["aktiviteter"] == "priser | dialogmoeder"
    assert aarhus["raad_navn"] == HOSTILE_NAME
    # The CSV links to each page with its full address (site_url in the tiny site's mkdocs.yml).
    assert aarhus["side"] == "https://example.org/raad/aarhus/"
    schema = json.loads(_read(site, "registret/councils.schema.json"))
    assert schema == json.loads((ROOT / "data" / "councils.schema.json").read_text(encoding="utf-8"))


def test_spreadsheet_keeps_the_code_as_text_with_danish_headings_and_full_links(site):
    """councils.xlsx: what a spreadsheet user needs. "0101" stays "0101", the headings and
    values are Danish words, unknown numbers are empty, and the page links are full addresses."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO((site / "registret" / "councils.xlsx").read_bytes()))
    assert wb.sheetnames == ["Kommuner", "Om filen"]
    ws = wb["Kommuner"]
    head = [c.value for c in ws[1]]
    assert head[:6] == ["Kommunekode", "Kommune", "Region", "Status", "Rådets navn", "Antal medlemmer"]
    assert not [h for h in head if "_" in h]  # headings, not field names
    rows = {r[0].value: dict(zip(head, r)) for r in ws.iter_rows(min_row=2)}
    assert list(rows) == list(CODES)
    code = rows["0101"]["Kommunekode"]
    assert code.value == "0101" and code.data_type == "s" and code.number_format == "@"
    aarhus = rows["0751"]
    assert aarhus["Status"].value == "Har et integrationsråd"
    assert aarhus["Antal medlemmer"].value == 13 and aarhus["Antal medlemmer"].data_type == "n"
    assert aarhus["Rådets navn"].value == HOSTILE_NAME
    assert rows["0169"]["Antal medlemmer"].value is None  # unknown stays empty
    page = aarhus["Side på sitet"]
    assert page.value == "https://example.org/raad/aarhus/" and page.hyperlink.target == page.value
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref


def test_spreadsheet_is_the_same_file_for_the_same_registry():
    import time

    from registry.exports import to_xlsx
    from registry.loader import load_registry

    reg = load_registry(DATA, SITE / "data" / "kommuner.csv", ROOT / "data" / "vocabularies.yaml")
    first = to_xlsx(reg, "https://example.org/")
    time.sleep(2)  # the zip's clock has a resolution of two seconds
    assert to_xlsx(reg, "https://example.org/") == first


def test_synthetic_registry_is_valid_and_deterministic(tmp_path):
    from registry.loader import load_registry
    from scripts.synthetic_registry import generate

    data, ref = generate(120, tmp_path / "a")
    reg = load_registry(data, ref, ROOT / "data" / "vocabularies.yaml")
    assert len(reg) == 120
    assert len({c.slug for c in reg.councils}) == 120
    data2, _ = generate(120, tmp_path / "b")
    assert data.read_bytes() == data2.read_bytes()


def test_text_helpers():
    from rendering.text import danish_sort_key, format_date, https_url

    assert https_url("https://kommune.dk/raad") == "https://kommune.dk/raad"
    for bad in ("http://kommune.dk", "javascript:alert(1)", "https://a.dk/\"x", " https://a.dk/ b",
                "https://user@a.dk/", "data:text/html,x", None, 7):
        assert https_url(bad) is None, bad
    assert format_date("2022-06") == "juni 2022" and format_date("2022-06-05") == "5. juni 2022"
    names = ["Aarhus", "Ærø", "Albertslund", "Øster", "Zealand", "Åby"]
    assert sorted(names, key=danish_sort_key) == ["Albertslund", "Zealand", "Ærø", "Øster", "Åby", "Aarhus"]


def test_table_sorts_and_filters_in_the_browser_by_keyboard(site, browser):
    """With JavaScript: the filter form appears, headers sort by keyboard, filters announce."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/registret/")
        assert page.is_visible("form.registry-filter")
        assert page.text_content("[data-filter-count]") == "Viser 4 af 4 kommuner."

        def first_row() -> str:
            return page.eval_on_selector(
                "#registry-table tbody tr:not([hidden]) th", "e => e.textContent")

        assert first_row() == "Høje-Taastrup"
        header = "#registry-table thead th:nth-child(1)"
        page.focus(f"{header} button")
        page.keyboard.press("Enter")
        assert page.get_attribute(header, "aria-sort") == "descending"
        assert first_row() == "Aarhus"
        page.keyboard.press("Space")
        assert page.get_attribute(header, "aria-sort") == "ascending"

        page.select_option("#registry-table-region", "hovedstaden")
        assert page.text_content("[data-filter-count]") == "Viser 2 af 4 kommuner."
        page.select_option("#registry-table-region", "")
        page.fill("#registry-table-q", "ærø")
        page.wait_for_function(
            "document.querySelector('[data-filter-count]').textContent.startsWith('Viser 1 ')")
        assert first_row() == "Ærø"
        assert errors == []
        page.close()
    finally:
        server.shutdown()


def test_confirmation_round_pages(site):
    """Each municipality gets a printable request, an e-mail text and a row in the mail-merge
    file; the requests are not in the nav or the search, and the maintainers' page links to
    them and shows the progress (Ærø is confirmed: 1 of 4)."""
    for slug in ("koebenhavn", "hoeje-taastrup", "aeroe", "aarhus"):
        page = _read(site, f"registret/bekraeft/{slug}/index.html")
        assert "Spørgsmål om integrationsrådet" in page
        assert (site / "registret" / "bekraeft" / f"{slug}.txt").is_file()
    page = _article(_read(site, "registret/bekraeft/aarhus/index.html"))
    assert 'href="mailto:integrationsraad@example.org"' in page  # extra.mailbox is set
    assert "https://github.com/example/haandbog/issues/new?template=bekraeft-raad.yml" in page
    assert "https://example.org/registret/bekraeft/aarhus/" in page
    rows = list(csv.DictReader(io.StringIO(
        (site / "registret" / "bekraeft" / "anmodninger.csv").read_bytes().decode("utf-8-sig")),
        delimiter=";"))
    assert [r["kommunekode"] for r in rows] == list(CODES) and all(r["til"] == "" for r in rows)
    index = json.loads(_read(site, "search/search_index.json"))
    assert not [d for d in index["docs"] if d["location"].startswith("registret/bekraeft/")]
    home = _read(site, "index.html")
    assert "bekraeft/" not in home.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    fresh = _article(_read(site, "registret/verificering/index.html"))
    assert '<a href="../bekraeft/aarhus/">Spørgsmål til Aarhus</a>' in fresh
    assert "<strong>1 af 4</strong> kommuner er bekræftet for valgperioden 2026–2029." in fresh


def test_the_gate_knows_every_page_the_data_step_makes():
    """On another engine the data step writes its pages into docs/ (--with-docs); the gate must
    recognise every one of them as generated, or it would check them as hand-written pages."""
    from registry.loader import get_registry
    from rendering.generate import generate
    from rendering.site import Site, generated_pages, read_mkdocs_yml

    root = Path(__file__).resolve().parent.parent
    config = read_mkdocs_yml(root / "mkdocs.yml")
    registry = get_registry(config)
    made = {path for path in generate(Site.from_config(config), registry) if path.endswith(".md")}
    assert made == set(generated_pages(registry))
