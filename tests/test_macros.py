"""macros.py on tiny committed sites (tests/sites/macros/, tests/sites/unknown_macro/).

Pins the rules every page author relies on: the registry's macros render from the data, only
pages that opt in run macros (elsewhere "{{" is plain text), and an unknown macro stops the
build (never a silent "Macro Rendering Error" on a page).
"""

from __future__ import annotations

from pathlib import Path

from tests.sitetools import build_site

SITES = Path(__file__).resolve().parent / "sites"


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_registry_macros_render_from_the_fixture_data(macros_site):
    html = _html(macros_site, "")
    assert "Kommuner i registret: 4." in html
    assert "Registret dækker alle 4 kommuner" in html
    assert "Macro Rendering Error" not in html


def test_every_macro_a_page_may_call_is_registered(macros_site):
    html = _html(macros_site, "makroer")
    for name in ("registry_counts", "registry_table", "registry_regions", "registry_statuses",
                 "registry_freshness", "registry_total", "registry_flagged", "registry_chart",
                 "registry_stats_note", "dnir_themes_chart", "registry_map", "case_themes",
                 "cases_table", "cases_for_theme", "cases_total", "pages_due_for_review"):
        assert name in html, f"macro {name} is not registered"


def test_pages_without_the_opt_in_show_braces_as_text(macros_site):
    assert "{{ registry_total() }}" in _html(macros_site, "klammer")  # render_macros: false
    html = _html(macros_site, "uden")  # no render_macros at all: the default is off
    assert "Her står {{ registry_total() }} og {% if x %} som almindelig tekst." in html


def test_unknown_macro_stops_the_build_and_names_the_page(tmp_path):
    result = build_site(SITES / "unknown_macro" / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "forkert.md" in result.output
    assert "registry_tabel" in result.output
