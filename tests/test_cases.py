"""Good-practice cases: themes come from each case's front matter and nowhere else.

A maintainer adding a case writes `temaer` and `kort` in its front matter; the index's table,
the theme lists and the case's own theme line follow. A theme that is not in the vocabulary,
or a missing field, stops the build with the file, the line and what to write instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from registry.vocab import load_vocab
from rendering.cases import anchor
from rendering.frontmatter import read_page
from tests.sitetools import build_site

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "docs" / "gode-erfaringer"
SITES = ROOT / "tests" / "sites"
VOCAB = load_vocab(ROOT / "data" / "vocabularies.yaml")


def _front_matter() -> dict[str, dict]:
    return {p.stem: read_page(p, ROOT / "docs").meta
            for p in sorted(CASES.glob("*.md")) if p.name != "index.md"}


def _section(html: str, theme: str) -> str:
    """HTML of one theme's section on the index, up to the next h2."""
    start = html.index(f'id="{anchor(theme)}"')
    end = html.find("<h2", start)
    return html[start:end]


def test_the_handbook_has_at_least_twelve_cases_each_with_themes():
    cases = _front_matter()
    assert len(cases) >= 12
    for name, meta in cases.items():
        assert meta.get("temaer"), f"{name}.md has no temaer"
        assert set(meta["temaer"]) <= set(VOCAB.keys("temaer")), name


def test_each_theme_section_lists_exactly_the_cases_with_that_theme(built_site):
    html = (built_site / "gode-erfaringer" / "index.html").read_text(encoding="utf-8")
    cases = _front_matter()
    for theme in VOCAB.keys("temaer"):
        listed = set(re.findall(r'<li><a href="([a-z0-9-]+)/">', _section(html, theme)))
        expected = {name for name, meta in cases.items() if theme in meta["temaer"]}
        assert listed == expected, theme


def test_the_index_table_lists_every_case_once(built_site):
    html = (built_site / "gode-erfaringer" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table"):html.index("</table>")]
    rows = re.findall(r'<tr>\s*<td><a href="([a-z0-9-]+)/">', table)
    assert sorted(rows) == sorted(_front_matter())


def test_a_case_page_links_each_of_its_themes_on_the_index(built_site):
    for name, meta in _front_matter().items():
        html = (built_site / "gode-erfaringer" / name / "index.html").read_text(encoding="utf-8")
        line = re.search(r"<strong>Temaer:</strong>(.*?)<br", html, flags=re.S)
        assert line, f"{name}: no theme line"
        assert re.findall(r'href="\.\./#([a-z-]+)"', line.group(1)) == \
            [anchor(t) for t in meta["temaer"]], name


def test_unknown_theme_and_missing_summary_stop_the_build_with_file_and_line(tmp_path):
    result = build_site(SITES / "case_errors" / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert "docs/gode-erfaringer/a.md:4: temaer: «synlighedd» er ikke et tema" in result.output
    assert "docs/gode-erfaringer/b.md:1: kort: skriv én kort linje" in result.output
    assert "2 problemer" in result.output
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_tiny_site_lists_its_cases_under_their_themes(macros_site):
    html = (macros_site / "gode-erfaringer" / "index.html").read_text(encoding="utf-8")
    assert "1 erfaringer." in html
    assert '<a href="a/">A *stjerne*</a> – Kort om &lt;b&gt;a&lt;/b&gt;.' in _section(html, "synlighed")
    assert 'href="a/"' not in _section(html, "engagement")


def test_the_case_issue_form_offers_exactly_the_vocabulary_themes():
    import yaml

    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "god-erfaring.yml")
                          .read_text(encoding="utf-8"))
    item = next(i for i in form["body"] if i.get("id") == "temaer")
    assert [o["label"] for o in item["attributes"]["options"]] == \
        [t.label for t in VOCAB.terms("temaer").values()]
