"""The registry map (rendering/geomap.py) and statistics charts (rendering/charts.py).

Unit tests render the macros' HTML from the real registry and read it back with html.parser.
The last test looks at the built site (map links reach existing council pages).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from registry.loader import load_registry
from registry.model import Council, Registry, slugify
from rendering import charts, geomap
from rendering.urls import link

ROOT = Path(__file__).resolve().parent.parent
ASSET = ROOT / "data" / "geo" / "kommuner-map.json"
CSS = ROOT / "docs" / "assets" / "stylesheets" / "registry-graphics.css"
REFERENCE = ROOT / "data" / "kommuner.csv"
VOCAB = ROOT / "data" / "vocabularies.yaml"
DATA = ROOT / "data" / "councils.yaml"
DNIR = ROOT / "data" / "viden" / "dnir2023_temaer.yaml"
MAP_PAGE = "registret/kort/"


# --------------------------------------------------------------------------- fixtures

def _reference():
    with REFERENCE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _council(vocab, code, kommune, region, status="ukendt", **kw) -> Council:
    values = dict(
        code=code, kommune=kommune, region=region, region_slug=vocab.region_slug(region),
        slug=slugify(kommune), status=status, raad_navn=None, medlemmer=None,
        sammensaetning=(), hoeringsret="ukendt", valgform="ukendt", aktiviteter=(),
        hjemmeside=None, kontakt=None, nedlagt=None, kilder=(), sikkerhed="lav",
        noter=None,
    )
    values.update(kw)
    return Council(**values)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(DATA, REFERENCE, VOCAB)


class Tree(HTMLParser):
    """A flat list of (tag, attrs, text-inside) plus the page text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(el)
        if tag not in ("path", "rect", "circle", "br", "img", "input", "meta", "link"):
            self._open.append(el)

    def handle_startendtag(self, tag, attrs):
        self.elements.append({"tag": tag, "attrs": dict(attrs), "text": ""})

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        self.text += data
        for el in self._open:
            el["text"] += data

    def find(self, tag, **attrs):
        return [e for e in self.elements if e["tag"] == tag
                and all(e["attrs"].get(k.rstrip("_")) == v for k, v in attrs.items())]


# --------------------------------------------------------------------------- the map asset

def test_asset_is_small_and_has_all_98_municipalities():
    assert ASSET.stat().st_size < 60_000
    asset = json.loads(ASSET.read_text(encoding="utf-8"))
    codes = {r["kommunekode"] for r in _reference()}
    assert len(codes) == 98
    assert set(asset["paths"]) == codes  # every municipality, and not Christiansø (0411)
    path_re = re.compile(r"^(M-?\d+ -?\d+l[-\d ]+z)+$")
    for code, d in asset["paths"].items():
        assert path_re.match(d), code
    assert len(asset["viewBox"]) == 4
    assert "DAGI" in asset["attribution"]
    assert set(asset["zoom"]["codes"]) <= codes


def test_map_links_every_municipality_once_with_accessible_name(registry):
    html = geomap.render_map(registry, MAP_PAGE, table_src="registret/index.md", date_text="1. januar 2026")
    tree = Tree(html)
    links = [e for e in tree.elements if e["tag"] == "a" and "rg-kommune" in e["attrs"].get("class", "")]
    assert len(links) == len(registry.councils) == 98
    vocab = registry.vocab
    for c in registry.councils:
        (link,) = [e for e in links if e["attrs"]["data-kode"] == c.code]
        assert link["attrs"]["href"] == f"../../raad/{c.slug}/"
        name = geomap.accessible_name(c, vocab)
        assert name.startswith(f"{c.kommune}: ")
        assert link["attrs"]["aria-label"] == name
        assert link["text"].strip() == name  # <title>, shown as tooltip
    # The SVG holds links, so it is a group (role="img" would hide them), named by the caption.
    (svg,) = tree.find("svg", class_="rg-map__svg")
    assert svg["attrs"]["role"] == "group"
    caption_id = svg["attrs"]["aria-labelledby"]
    assert tree.find("figcaption", id=caption_id)


def test_map_has_legend_summary_credit_and_no_colours_in_markup(registry):
    html = geomap.render_map(registry, MAP_PAGE, table_src="registret/index.md", date_text="1. januar 2026")
    tree = Tree(html)
    (legend,) = tree.find("ul", class_="rg-map__legend")
    items = [e for e in tree.elements if e["tag"] == "li"]
    counts = Counter(c.status for c in registry.councils)
    for key in registry.vocab.keys("status"):
        label = registry.vocab.label("status", key)
        assert any(label in li["text"] and f": {counts.get(key, 0)}" in li["text"] for li in items), key
    assert "Indeholder data fra Styrelsen for Dataforsyning og Infrastruktur (DAGI)" in tree.text
    assert any(e["attrs"].get("href") == "../" for e in tree.find("a")), "link to the table"
    # Colours live in the stylesheet (light and dark scheme), never in the SVG.
    assert not re.search(r'(fill|stroke)="#|style=', html)
    # Status is not shown by colour alone: two statuses use patterns, defined once.
    assert html.count('<pattern id="dk-kort-striber"') == 1
    assert html.count('<pattern id="dk-kort-prikker"') == 1


def test_map_escapes_data_and_skips_codes_without_shape(registry):
    vocab = registry.vocab
    evil = replace(registry.councils[0], kommune='<script>alert("x")</script>')
    extra = [_council(vocab, f"X{n:04d}", f"Syntetisk {n}", "Region Sjælland") for n in range(1002)]
    big = Registry((evil, *registry.councils[1:], *extra), vocab)
    html = geomap.render_map(big, MAP_PAGE, table_src=None)
    assert "<script>" not in html and "&lt;script&gt;" in html
    tree = Tree(html)
    (missing,) = tree.find("details", class_="rg-map__missing")
    assert "1002 kommuner" in missing["text"] and "Syntetisk 1001 (X1001)" in missing["text"]
    links = [e for e in tree.elements if e["tag"] == "a" and "data-kode" in e["attrs"]]
    assert len(links) == 98


def test_map_with_fewer_councils_draws_the_rest_without_links(registry):
    small = Registry(registry.councils[:3], registry.vocab)
    tree = Tree(geomap.render_map(small, MAP_PAGE, table_src=None))
    assert len([e for e in tree.elements if e["tag"] == "a" and "data-kode" in e["attrs"]]) == 3
    assert len(tree.find("path", class_="rg-kommune rg-st-none")) == 95


def test_accessible_names_read_as_sentences(registry):
    vocab = registry.vocab
    c = registry.councils[0]
    assert geomap.accessible_name(replace(c, kommune="Aarhus", status="ukendt"), vocab) == \
        "Aarhus: ukendt, om der er et råd"
    assert geomap.accessible_name(replace(c, kommune="Aarhus", status="har_raad", raad_navn="Integrationsrådet"),
                                  vocab) == "Aarhus: har et integrationsråd"
    assert geomap.accessible_name(replace(c, kommune="Herning", status="har_raad", raad_navn="Dialogforum"),
                                  vocab) == "Herning: har et integrationsråd (Dialogforum)"


def test_page_relative_links():
    assert link("raad/aarhus.md", "registret/kort/") == "../../raad/aarhus/"
    assert link("raad/aeroe.md", "registret/") == "../raad/aeroe/"
    assert link("raad/aeroe.md", "") == "raad/aeroe/"
    assert link("registret/index.md", "registret/kort/") == "../"
    assert link("registret/statistik.md#x", "registret/kort/") == "../statistik/#x"
    assert link("index.md", "registret/kort/") == "../../"
    assert link("raad/aarhus.md", "registret/kort.html", False) == "../raad/aarhus.html"
    assert link("registret/index.md", "registret/kort.html", False) == "index.html"


# --------------------------------------------------------------------------- the charts

def chart_table(html) -> tuple[list[tuple[str, int]], Tree]:
    tree = Tree(html)
    rows = []
    parser_rows = re.findall(r"<tbody>(.*?)</tbody>", html, re.S)[0]
    for tr in re.findall(r"<tr>(.*?)</tr>", parser_rows, re.S):
        label = Tree(re.search(r"<th[^>]*>(.*?)</th>", tr, re.S).group(1)).text
        value = int(re.search(r"<td>(\d+)</td>", tr).group(1))
        rows.append((label, value))
    return rows, tree


@pytest.mark.parametrize("name", list(charts.STATISTICS))
def test_chart_is_accessible_and_table_matches_bars(registry, name):
    html = charts.registry_chart_html(registry, name, "1. januar 2026")
    rows, tree = chart_table(html)
    (svg,) = tree.find("svg")
    assert svg["attrs"]["role"] == "img"
    (alt,) = tree.find("title", id=svg["attrs"]["aria-labelledby"])
    for label, value in rows:
        assert f"{label}: {value}" in alt["text"]  # text alternative has every value
    values_on_bars = [int(e["text"]) for e in tree.find("text", class_="rg-chart__value")]
    assert values_on_bars == [v for _, v in rows]
    assert tree.find("figcaption")
    assert all(th["attrs"].get("scope") in ("col", "row") for th in tree.find("th"))
    assert "Beregnet ud fra registret (data fra 1. januar 2026)" in tree.text
    assert "Ukendt tælles som ukendt" in tree.text
    # Unknown rows are hatched, not only coloured.
    n_unknown = sum(1 for label, _ in rows if "ukendt" in label.lower() or "ingen" in label.lower())
    assert len(tree.find("rect", class_="rg-chart__bar rg-chart__bar--ukendt")) >= min(n_unknown, 1)


def test_chart_tables_sum_to_registry_counts(registry):
    councils = registry.councils
    with_council = [c for c in councils if c.status == "har_raad"]

    def total(name):
        rows, _ = chart_table(charts.registry_chart_html(registry, name, "x"))
        return dict(rows), sum(v for _, v in rows)

    rows, s = total("status")
    assert s == len(councils) == 98
    for key, n in registry.counts().items():
        assert rows[registry.vocab.label("status", key)] == n
    for name in ("regioner", "navne", "stoerrelse", "hoeringsret", "valgform"):
        assert total(name)[1] == len(with_council), name
    assert total("kilder")[1] == len(councils)
    rows, _ = total("sammensaetning")
    assert rows["Sammensætningen er ukendt"] == sum(1 for c in with_council if not c.sammensaetning)
    # A partial composition (groups add up to less than the seats, or the total is unknown)
    # is its own row and never counts as known in the group rows.
    partial = [c for c in with_council if c.composition_partial]
    assert rows["Sammensætningen er kun delvis kendt"] == len(partial) == 10
    complete = [c for c in with_council if c.sammensaetning and not c.composition_partial]
    for key, term in registry.vocab.terms("sammensaetning").items():
        n = sum(1 for c in complete if any(g.gruppe == key for g in c.sammensaetning))
        assert rows.get(term.label, 0) == n
        assert (term.label in rows) == (n > 0)


def test_unknown_chart_name_is_a_plain_error(registry):
    with pytest.raises(ValueError, match="ukendt statistik"):
        charts.registry_chart_html(registry, "findes-ikke", "x")


def test_dnir_themes_exactly_as_in_the_survey():
    data = yaml.safe_load(DNIR.read_text(encoding="utf-8"))
    assert data["n"] == 17 and data["udsendt_til"] == 36
    assert [t["antal"] for t in data["temaer"]] == [7, 7, 6, 4, 4, 2, 2, 2, 2, 1, 1, 1, 1]
    assert data["kilde"]["url"].startswith("https://") and "2023" in data["kilde"]["tekst"]
    html = charts.dnir_themes_html(DNIR)
    rows, tree = chart_table(html)
    assert [v for _, v in rows] == [t["antal"] for t in data["temaer"]]
    assert "Råd (af 17)" in tree.text
    assert "Indblik i de lokale integrationsråds arbejde" in tree.text


# --------------------------------------------------------------------------- colours

def _scheme_vars(css: str, scheme: int) -> dict[str, str]:
    """The graphics' colours in one scheme (0 light, 1 dark) from light-dark(light, dark)."""
    pairs = re.findall(r"(--rg-[\w-]+):\s*light-dark\((#[0-9a-fA-F]{6}),\s*(#[0-9a-fA-F]{6})\)", css)
    assert len(pairs) >= 13
    return {name: colours[scheme] for name, *colours in pairs}


def _contrast(a: str, b: str) -> float:
    def lum(h):
        r, g, b_ = (int(h[i:i + 2], 16) / 255 for i in (1, 3, 5))
        f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b_)
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("selector", [0, 1], ids=["light", "dark"])
def test_graphics_contrast_at_least_3_to_1(selector):
    v = _scheme_vars(CSS.read_text(encoding="utf-8"), selector)
    fills = ["--rg-ukendt", "--rg-nedlagt-bg", "--rg-intet-bg", "--rg-bg"]
    pairs = [("--rg-line", f) for f in fills]  # outlines against page and light fills
    pairs += [("--rg-har", f) for f in fills]  # "has a council" against page and every fill
    pairs += [("--rg-bg", "--rg-har")]  # border drawn between two "has a council" areas
    pairs += [("--rg-nedlagt-ink", "--rg-nedlagt-bg"), ("--rg-intet-ink", "--rg-intet-bg")]
    pairs += [("--rg-bar", "--rg-bg"), ("--rg-unknown-ink", "--rg-bg"), ("--rg-focus", "--rg-bg"),
              ("--rg-focus", "--rg-ukendt"), ("--rg-text", "--rg-bg")]
    for a, b in pairs:
        assert _contrast(v[a], v[b]) >= 3.0, (selector, a, b, round(_contrast(v[a], v[b]), 2))
    assert _contrast(v["--rg-text"], v["--rg-bg"]) >= 4.5  # text on bars and in insets


# --------------------------------------------------------------------------- the built site

def test_built_map_links_reach_council_pages(built_site):
    page = built_site / "registret" / "kort" / "index.html"
    html = page.read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)" class="rg-kommune', html)
    assert len(hrefs) == 98
    for href in hrefs:
        target = (page.parent / href / "index.html").resolve()
        assert target.is_file(), href
    stats = (built_site / "registret" / "statistik" / "index.html").read_text(encoding="utf-8")
    assert stats.count('class="rg-chart"') == len(charts.STATISTICS)
