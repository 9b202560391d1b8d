"""The W3C Nu HTML Checker (vnu.jar) finds no errors on any built page.

Material's templates write some markup the checker rejects; hooks/theme_markup.py corrects it
on every page. The checker runs once over the whole built site (about half a minute).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.preflight import MISSING_VNU, vnu_command

# Markup as Material 9 writes it, each line one error the checker reports.
MATERIAL_MARKUP = """<!doctype html><html lang="da"><head><title>Prøve</title></head><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<nav><input class="md-nav__toggle md-toggle" type="checkbox" id="__nav_2">
<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">Håndbogen</label></nav>
<nav><label class="md-nav__title" for="__toc">Indhold</label></nav>
</body></html>
"""


def vnu_errors(target: Path) -> list[str]:
    """One line per error the checker finds in ``target`` (a file or a folder of pages)."""
    command = vnu_command()
    if command is None:
        pytest.fail(MISSING_VNU, pytrace=False)
    run = subprocess.run([*command, "--errors-only", "--format", "json", "--stdout", "--skip-non-html",
                          str(target)], capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(run.stdout)["messages"]
    except ValueError:
        pytest.fail(f"vnu.jar gave no report: {run.stderr}", pytrace=False)
    base = target if target.is_dir() else target.parent
    return [f"{m['url'].removeprefix('file:').removeprefix(str(base) + '/')}:{m.get('lastLine', '?')}: "
            f"{m['message']}" for m in messages]


def test_the_checker_finds_materials_markup_and_the_hook_fixes_it(tmp_path):
    from hooks.theme_markup import fix

    page = tmp_path / "material.html"
    page.write_text(MATERIAL_MARKUP, encoding="utf-8")
    before = vnu_errors(page)
    assert len(before) == 3, before
    assert any("tabindex" in e for e in before) and any("autocomplete" in e for e in before)
    page.write_text(fix(MATERIAL_MARKUP), encoding="utf-8")
    assert vnu_errors(page) == []


def test_no_page_has_an_html_error(built_site):
    errors = vnu_errors(built_site)
    assert not errors, f"{len(errors)} HTML error(s) (W3C Nu HTML Checker):\n" + "\n".join(errors[:50])
