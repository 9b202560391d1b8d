"""Council pages take a shortcut through the build (hooks/registry_pages.py); readers must not
be able to tell.

* The theme renders once per kind of council page with placeholders, and each page fills in
  its own title, description, address and body: the result must equal, byte for byte, what
  the theme renders for each page in full.
* Council pages are kept out of Material's search plugin and indexed by the hook: the entries
  must equal what the plugin would have made from the same HTML.
* The registry's big tables and lists are put into their pages after search has indexed them:
  search finds a municipality's own page, not every list that names it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hooks.registry_pages import FULL_RENDER_ENV
from tests.conftest import ROOT
from tests.sitetools import build_site


def _council_pages(site: Path) -> dict[str, str]:
    return {p.parent.name: p.read_text(encoding="utf-8")
            for p in sorted((site / "raad").glob("*/index.html"))}


def test_council_pages_equal_a_full_theme_render(built_site, tmp_path):
    result = build_site(ROOT / "mkdocs.yml", tmp_path / "full", env={FULL_RENDER_ENV: "1"})
    assert result.returncode == 0, result.output
    fast, full = _council_pages(built_site), _council_pages(tmp_path / "full")
    assert len(fast) == 98 and fast.keys() == full.keys()
    differing = [slug for slug in fast if fast[slug] != full[slug]]
    assert not differing, f"council pages differ from a full render: {differing[:5]}"
    # The shortcut really filled in each page's own values.
    aarhus = fast["aarhus"]
    assert "<title>Aarhus - Integrationsrådshåndbogen</title>" in aarhus
    assert "zz0registry0" not in "".join(fast.values())


def _material_entries(html: str, url: str) -> list[dict[str, str]]:
    """What Material's search plugin makes of a council page's body."""
    from material.plugins.search.plugin import Parser

    body = html[html.index('<h1 id="kommune"'):html.index("</article>")]
    body = body[:body.find('<aside class="md-source-file')] if "md-source-file" in body else body
    parser = Parser()
    parser.feed(body)
    parser.close()
    return [{"location": url if n == 0 else f"{url}#{s.id}",
             "title": "".join(s.title).strip(), "text": "".join(s.text).strip()}
            for n, s in enumerate(parser.data)]


def test_council_search_entries_equal_materials_own(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    ours: dict[str, list[dict]] = {}
    for entry in index["docs"]:
        if entry["location"].startswith("raad/"):
            ours.setdefault(entry["location"].split("#")[0], []).append(entry)
    pages = _council_pages(built_site)
    assert len(ours) == len(pages) == 98
    for slug, html in pages.items():
        url = f"raad/{slug}/"
        assert ours[url] == _material_entries(html, url), slug


def test_search_finds_the_council_page_not_the_lists_that_name_it(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    naming_aarhus = {e["location"].split("#")[0] for e in index["docs"]
                     if re.search(r"\bAarhus\b", e["title"] + " " + e["text"])}
    assert "raad/aarhus/" in naming_aarhus
    for listing in ("registret/", "registret/regioner/", "registret/status/",
                    "registret/verificering/", "om/vedligehold/"):
        assert listing not in naming_aarhus, listing
    # ... while the pages themselves still show every municipality.
    table = (built_site / "registret" / "index.html").read_text(encoding="utf-8")
    assert table.count('href="../raad/') >= 98
