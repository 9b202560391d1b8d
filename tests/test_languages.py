"""The plain-language section in easy Danish and six other languages (issue 17).

A tiny site (tests/sites/translations/: two easy-Danish pages, English and Arabic translations)
shows how the pieces fit: each language is built into its own folder, with the right lang and
dir, language links between a page's versions, and the notice on every translated page. The
gate refuses a translation that lost its Danish page or its review field. The real site is
checked for what a reader meets: at least four pages in each of the seven versions, the right
language and direction, links that lead somewhere, a search index per language.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rendering import languages
from rendering.page_checks import main as check_main
from tests.sitetools import build_site

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "sites" / "translations"
VERSIONS = {"let": ("da", "ltr"), "en": ("en", "ltr"), "ar": ("ar", "rtl"), "tr": ("tr", "ltr"),
            "uk": ("uk", "ltr"), "fa": ("fa", "rtl"), "so": ("so", "ltr")}


def _lang_dir(html: str) -> tuple[str, str]:
    lang = re.search(r'<html lang="([^"]+)"', html).group(1)
    direction = re.search(r'<body dir="([^"]+)"', html).group(1)
    return lang, direction


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("translations")
    result = build_site(TINY / "mkdocs.yml", out)
    assert result.returncode == 0, result.output
    return out


def test_each_language_is_built_in_its_own_folder_with_its_language_and_direction(tiny_site):
    assert _lang_dir((tiny_site / "let" / "index.html").read_text(encoding="utf-8")) == ("da", "ltr")
    assert _lang_dir((tiny_site / "en" / "medlem" / "index.html").read_text(encoding="utf-8")) == ("en", "ltr")
    arabic = (tiny_site / "ar" / "index.html").read_text(encoding="utf-8")
    assert _lang_dir(arabic) == ("ar", "rtl")
    assert 'title="رابط إلى هذا القسم"' in arabic and "Link til dette afsnit" not in arabic


def test_language_links_lead_to_every_version_of_the_page_and_only_to_those(tiny_site):
    danish = (tiny_site / "let" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="hb-languages"[^>]*>(.*?)</nav>', danish, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+" dir="([^"]+)"', nav)
    assert [(href, lang, d) for href, lang, d in links] == [
        ("./", "da", "ltr"), ("../en/", "en", "ltr"), ("../ar/", "ar", "rtl")]
    assert 'aria-current="page">Let dansk<' in nav
    # medlem.md exists only in English: no Arabic link, and each link reaches a page.
    member = (tiny_site / "en" / "medlem" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)" lang=', member)
    assert hrefs == ["../../let/medlem/", "../../en/medlem/"]
    for href in hrefs:
        assert (tiny_site / "en" / "medlem" / href / "index.html").resolve().is_file(), href


def test_every_translated_page_says_the_danish_text_prevails_and_whether_it_was_reviewed(tiny_site):
    reviewed = (tiny_site / "en" / "index.html").read_text(encoding="utf-8")
    waiting = (tiny_site / "en" / "medlem" / "index.html").read_text(encoding="utf-8")
    assert "The Danish text applies." in reviewed and "A native speaker has checked" in reviewed
    assert "The Danish text applies." in waiting and "has not yet checked" in waiting
    assert "hb-translation" not in (tiny_site / "let" / "index.html").read_text(encoding="utf-8")


def test_the_front_page_names_each_language_in_its_own_script(tiny_site):
    front = (tiny_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="ar/" lang="ar" hreflang="ar" dir="rtl">العربية</a>' in front
    assert '<a href="let/" lang="da"' in front and '<a href="en/" lang="en"' in front


# ------------------------------------------------------------------------------- the gate


def _copy(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(TINY, site)
    for config in [site / "mkdocs.yml", site / "i18n" / "base.yml"]:
        text = config.read_text(encoding="utf-8").replace("../../../../../", f"{ROOT}/")
        text = text.replace("../../../", f"{ROOT}/").replace("../macros/", f"{ROOT}/tests/sites/macros/")
        config.write_text(text, encoding="utf-8")
    return site


def _gate(site: Path, capsys) -> tuple[int, str]:
    code = check_main([str(site / "mkdocs.yml")])
    return code, capsys.readouterr().out


def test_the_tiny_site_passes_the_gate(tmp_path, capsys):
    code, out = _gate(_copy(tmp_path), capsys)
    assert code == 0, out


def test_a_translation_whose_danish_page_is_gone_stops_the_build(tmp_path, capsys):
    site = _copy(tmp_path)
    (site / "docs" / "let" / "medlem.md").unlink()
    code, out = _gate(site, capsys)
    assert code == 1
    assert "i18n/en/docs/medlem.md:2:1: oversat_fra: Den danske side docs/let/medlem.md findes ikke." in out


@pytest.mark.parametrize("front, field, says", [
    ("oversat_fra: let/index.md\n", "gennemgaaet_af_modersmaalstalende",
     "Skriv gennemgaaet_af_modersmaalstalende: false"),
    ("oversat_fra: let/index.md\ngennemgaaet_af_modersmaalstalende: ja\n",
     "gennemgaaet_af_modersmaalstalende", "Skriv gennemgaaet_af_modersmaalstalende: false"),
    ("gennemgaaet_af_modersmaalstalende: false\n", "oversat_fra", "skal sige, hvilken dansk side"),
    ("oversat_fra: ../mkdocs.yml\ngennemgaaet_af_modersmaalstalende: false\n", "oversat_fra",
     "findes ikke"),
])
def test_a_translation_must_name_its_danish_page_and_its_review_state(tmp_path, capsys, front, field, says):
    site = _copy(tmp_path)
    page = site / "i18n" / "ar" / "docs" / "index.md"
    page.write_text(f"---\n{front}---\n\n# ما هو المجلس؟\n", encoding="utf-8")
    code, out = _gate(site, capsys)
    assert code == 1
    line = next((n for n, text in enumerate(front.splitlines(), start=2) if text.startswith(field)), 1)
    assert re.search(rf"i18n/ar/docs/index\.md:{line}:1: {field}: .*{re.escape(says)}", out), out


def test_translated_pages_get_the_same_checks_as_danish_pages(tmp_path, capsys):
    site = _copy(tmp_path)
    page = site / "i18n" / "en" / "docs" / "medlem.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nContact: Ayşe Yılmaz, 0101901234, <script>alert(1)</script>\n", encoding="utf-8")
    code, out = _gate(site, capsys)
    assert code == 1
    assert "i18n/en/docs/medlem.md:" in out
    assert "CPR" in out and "Ayşe Yılmaz" in out and "script" in out


def test_the_review_fields_belong_only_to_translations(tmp_path, capsys):
    site = _copy(tmp_path)
    page = site / "docs" / "let" / "index.md"
    page.write_text("---\ngennemgaaet_af_modersmaalstalende: true\n---\n\n# Hvad er et råd?\n", encoding="utf-8")
    code, out = _gate(site, capsys)
    assert code == 1 and "docs/let/index.md:2:1: gennemgaaet_af_modersmaalstalende: Feltet" in out


def test_a_words_in_the_pages_own_alphabet_pass_but_others_do_not(tmp_path, capsys):
    site = _copy(tmp_path)
    page = site / "i18n" / "ar" / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nنص عربي آخر. Слово\n", encoding="utf-8")
    code, out = _gate(site, capsys)
    assert code == 1 and "«Слово» er skrevet med kyrilliske bogstaver" in out
    assert "عربي" not in out


@pytest.mark.parametrize("title, says", [
    ("مجلس", None),                                          # the page's own alphabet
    ("Рада", "«Рада» er skrevet med kyrilliske bogstaver"),  # another alphabet
    ("\"مجلس Слово\"", "«Слово» er skrevet med kyrilliske bogstaver"),
    ("\"Anna Hansen\"", "«Anna Hansen» ligner et personnavn"),
    ("\"<script>x</script>\"", "Skriv teksten som almindelig tekst uden < >"),
])
def test_a_translated_pages_title_is_checked_like_its_text(tmp_path, capsys, title, says):
    site = _copy(tmp_path)
    page = site / "i18n" / "ar" / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", f"---\ntitle: {title}\n", 1),
                    encoding="utf-8")
    code, out = _gate(site, capsys)
    if says is None:
        assert code == 0, out
    else:
        assert code == 1 and "i18n/ar/docs/index.md:2:1: title:" in out and says in out, out


@pytest.mark.parametrize("text, says", [
    ("- {code: en, name: English, dir: ltr}\n", "Hvert sprog skal have code, name, dir"),
    ("- {code: en, name: English, dir: down, script: LATIN}\n", "Hvert sprog skal have"),
    ("- {code: xx, name: X, dir: ltr, script: LATIN}\n", "languages.yml:1: Sproget xx har ingen i18n/xx/mkdocs.yml"),
    ("code: en\n", "Skriv sprogene som en liste"),
    ("- {code: en, name: [English\n", "i18n/languages.yml:"),
    # The code is a folder and an address: nothing outside i18n/, nothing the site has already.
    ("- {code: ../docs, name: X, dir: ltr, script: LATIN}\n", "skal være sprogets kode"),
    ("- {code: EN, name: English, dir: ltr, script: LATIN}\n", "skal være sprogets kode"),
    ("- {code: let, name: Let, dir: ltr, script: LATIN}\n", "er allerede en adresse på sitet (/let/)"),
    ("- {code: nyt, name: N, dir: ltr, script: LATIN}\n", "er allerede en adresse på sitet (/nyt/)"),
    ("- {code: en, name: English, dir: ltr, script: LATIN}\n"
     "- {code: en, name: Engelsk, dir: ltr, script: LATIN}\n", "languages.yml:2: Sproget en står der allerede (linje 1)"),
])
def test_a_broken_language_list_is_reported_not_a_traceback(tmp_path, capsys, text, says):
    site = _copy(tmp_path)
    (site / "i18n" / "languages.yml").write_text(text, encoding="utf-8")
    code, out = _gate(site, capsys)
    assert code == 1 and says in out and "Traceback" not in out


def test_translations_older_than_their_danish_page_are_listed(tmp_path):
    site = _copy(tmp_path)
    env = {**os.environ, "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}

    def commit(day: str, message: str) -> None:
        dated = {**env, "GIT_AUTHOR_DATE": f"{day}T12:00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00"}
        subprocess.run(["git", "add", "-A"], cwd=site, check=True, env=dated)
        subprocess.run(["git", "commit", "-qm", message], cwd=site, check=True, env=dated)

    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    commit("2026-11-01", "pages")
    danish = site / "docs" / "let" / "medlem.md"
    danish.write_text(danish.read_text(encoding="utf-8") + "\nEn ny sætning.\n", encoding="utf-8")
    commit("2026-12-01", "Danish page changed")
    rows = {(s.language.code, s.page.src): s for s in languages.status(site)}
    assert rows["en", "medlem.md"].outdated
    assert rows["en", "medlem.md"].danish == dt.date(2026, 12, 1)
    assert not rows["en", "index.md"].outdated and not rows["ar", "index.md"].outdated
    assert [s.page.reviewed for s in rows.values()].count(True) == 1


# ---------------------------------------------------------------------------- the real site


def test_seven_versions_with_at_least_four_pages_each_in_the_right_language(built_site):
    for folder, (lang, direction) in VERSIONS.items():
        pages = [p for p in (built_site / folder).rglob("index.html")]
        assert len(pages) >= 4, folder
        for page in pages:
            assert _lang_dir(page.read_text(encoding="utf-8")) == (lang, direction), page


def test_every_link_on_a_translated_page_leads_somewhere(built_site):
    broken = []
    for folder in VERSIONS:
        for page in (built_site / folder).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', html):
                target = (page.parent / href).resolve()
                if not (target.is_file() or (target / "index.html").is_file()):
                    broken.append(f"{page.relative_to(built_site)} → {href}")
    assert not broken, "\n".join(broken)


def test_every_translated_page_carries_the_notice_in_its_own_language(built_site):
    for folder in ("en", "ar", "tr", "uk", "fa", "so"):
        config = (ROOT / "i18n" / folder / "mkdocs.yml").read_text(encoding="utf-8")
        prevails = re.search(r"danish_prevails: (.+)", config).group(1).strip()
        for page in (built_site / folder).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            assert prevails in html, page
            assert 'class="hb-languages"' in html and 'lang="da"' in html, page
            # The site's own chrome speaks the page's language, not Danish.
            for danish in ("Ret siden på GitHub", "på GitHub</a> (for redaktionen)", "Sidst opdateret",
                           "Link til dette afsnit", "Søg i håndbogen"):
                assert danish not in html, (page, danish)


def test_the_front_page_links_the_section_in_every_language(built_site):
    front = (built_site / "index.html").read_text(encoding="utf-8")
    for lang in languages.languages(ROOT):
        assert f'<a href="{lang.code}/" lang="{lang.code}" hreflang="{lang.code}" dir="{lang.dir}">{lang.name}</a>' in front
        assert (built_site / lang.code / "index.html").is_file()


def test_search_has_an_index_per_language(built_site):
    import json

    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    for code in ("da", "en", "ar", "tr", "uk", "fa", "so"):
        assert entry["languages"][code]["page_count"] >= 4, code
    assert entry["languages"]["da"]["page_count"] > 100
    # A translated page searches the one index at the site's root, with its own texts.
    for page in (built_site / "ar" / "index.html", built_site / "ar" / "bliv-medlem" / "index.html"):
        html = page.read_text(encoding="utf-8")
        root = re.search(r'data-root="([^"]+)"', html).group(1)
        assert (page.parent / root).resolve() == built_site.resolve(), page
        assert 'aria-label="ابحث في هذه الصفحات"' in html


def test_the_maintainers_page_lists_the_translations_awaiting_review(built_site):
    html = (built_site / "om" / "vedligehold" / "index.html").read_text(encoding="utf-8")
    waiting = sum(not t.reviewed for lang in languages.languages(ROOT)
                  for t in languages.translations(ROOT, lang.code))
    assert f"<strong>{waiting} af 30 oversatte sider</strong>" in html
    assert html.count("<code>i18n/") == 30


# ------------------------------------------------------------------------------ in a browser

# Right to left and left to right, every script, on a phone and on a desktop, light and dark.
# (Every page of every language is also in the light desktop run of tests/test_browser.py.)
BROWSER_SAMPLE = ("ar/index.html", "ar/bliv-medlem/index.html", "fa/som-medlem/index.html",
                  "uk/index.html", "so/tag-en-sag-op/index.html", "tr/find-dit-raad/index.html",
                  "en/index.html", "let/index.html", "index.html")


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_translated_pages_pass_axe_without_sideways_scrolling(browser, site_url, built_site, width, scheme):
    from tests.test_browser import audit, axe_source
    from tests.conftest import page_url

    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    failures = []
    try:
        for rel in BROWSER_SAMPLE:
            url = page_url(site_url, built_site, built_site / rel)
            failures += [f"{rel}: {p}" for p in audit(context, url, site_url.rstrip("/"), axe_source())]
            page = context.new_page()
            page.goto(url)
            if page.evaluate("document.documentElement.scrollWidth") > width:
                failures.append(f"{rel}: the page scrolls sideways at {width} px")
            if rel.startswith(("ar/", "fa/")):
                start = page.evaluate("getComputedStyle(document.querySelector('.md-content__inner')).direction")
                if start != "rtl":
                    failures.append(f"{rel}: the text runs {start}, not right to left")
            page.close()
    finally:
        context.close()
    assert not failures, "\n".join(failures)
