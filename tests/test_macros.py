"""macros.py against a tiny fixture site: the real macro module, a four-council registry.

Pins the three rules every page author relies on: the registry's macros render from the
data, an unknown macro stops the build (never a silent "Macro Rendering Error" on a page),
and a page with `render_macros: false` shows double braces literally.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitetools import build_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "registry" / "good.yaml"


def reference_for_fixture(root: Path) -> Path:
    """A reference list with just the fixture's municipalities (the loader wants all)."""
    import csv

    codes = {"0101", "0151", "0615", "0661"}
    with open(ROOT / "data" / "kommuner.csv", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f)]
    path = root / "kommuner.csv"
    path.write_text("\n".join(",".join(r) for r in rows if r[0] == "kommunekode" or r[0] in codes)
                    + "\n", encoding="utf-8")
    return path


def tiny_site(root: Path, pages: dict[str, str]) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"""site_name: Testsite
theme:
  name: material
  language: da
plugins:
  - macros:
      module_name: {ROOT / 'macros'}
      on_error_fail: true
      on_undefined: strict
extra:
  registry:
    data: {FIXTURE}
    reference: {reference_for_fixture(root)}
    vocabularies: {ROOT / 'data' / 'vocabularies.yaml'}
""", encoding="utf-8")
    return root / "mkdocs.yml"


def page(body: str, meta: str = "") -> str:
    return f"---\ntitle: Side\ndescription: Testside.\n{meta}---\n\n# Side\n\n{body}\n"


def test_registry_macros_render_from_the_fixture_data(tmp_path):
    config = tiny_site(tmp_path / "s", {
        "index.md": page("Kommuner i registret: {{ registry_total() }}.\n\n{{ registry_counts() }}"),
    })
    result = build_site(config, tmp_path / "out")
    assert result.returncode == 0, result.output
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Kommuner i registret: 4." in html
    assert "Macro Rendering Error" not in html


def test_every_listed_macro_module_registers(tmp_path):
    import macros

    assert macros.MACRO_MODULES, "macros.py lists no macro modules"
    config = tiny_site(tmp_path / "s", {
        "index.md": page("{{ macros_info() }}"),
    })
    result = build_site(config, tmp_path / "out")
    assert result.returncode == 0, result.output
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for name in ("registry_table", "registry_counts", "pages_due_for_review", "dnir_themes_chart"):
        assert name in html, f"macro {name} is not registered"


def test_unknown_macro_stops_the_build_and_names_the_page(tmp_path):
    config = tiny_site(tmp_path / "s", {
        "index.md": page("Fint."),
        "forkert.md": page("{{ registry_tabel() }}"),  # a typo of registry_table
    })
    result = build_site(config, tmp_path / "out")
    assert result.returncode != 0
    assert "forkert.md" in result.output
    assert "registry_tabel" in result.output


def test_literal_braces_on_a_page_that_opts_out(tmp_path):
    config = tiny_site(tmp_path / "s", {
        "index.md": page("Skriv `{{ registry_total() }}` for at vise antallet.",
                         meta="render_macros: false\n"),
    })
    result = build_site(config, tmp_path / "out")
    assert result.returncode == 0, result.output
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "{{ registry_total() }}" in html
