"""The strict build and what every built page must carry."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse


ROOT = Path(__file__).resolve().parent.parent


class _PageFacts(HTMLParser):
    """Collect the few facts the tests need from one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.description = None
        self.lang = None
        self.h1 = 0
        self.resources: list[str] = []  # URLs the browser would load by itself
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        elif tag == "h1":
            self.h1 += 1
        elif tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.resources.append(a["src"])
        elif tag == "link" and a.get("href") and {"stylesheet", "icon", "preload", "prefetch",
                                                   "preconnect", "dns-prefetch", "manifest"} & set(
                (a.get("rel") or "").split()):
            self.resources.append(a["href"])
        elif tag == "object" and a.get("data"):
            self.resources.append(a["data"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def facts(html: Path) -> _PageFacts:
    parser = _PageFacts()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser


def content_pages(html_pages, built_site):
    return [p for p in html_pages if p.name != "404.html"]


def test_site_builds_strictly_and_has_pages(built_site, html_pages):
    assert (built_site / "index.html").is_file()
    assert len(html_pages) >= 5


def test_no_macro_rendering_error(html_pages):
    broken = [p for p in html_pages if "Macro Rendering Error" in p.read_text(encoding="utf-8")]
    assert not broken, f"Macro errors rendered into: {broken}"


def test_every_page_is_danish_with_title_description_and_one_h1(html_pages, built_site):
    """Every page is Danish, but the translations of the plain-language section (site/<code>/),
    which are in their own language."""
    from rendering.languages import languages

    codes = {lang.code for lang in languages(ROOT)}
    problems = []
    for page in content_pages(html_pages, built_site):
        f = facts(page)
        rel = page.relative_to(built_site)
        expected = rel.parts[0] if rel.parts[0] in codes else "da"
        if f.lang != expected:
            problems.append(f"{rel}: <html lang> is {f.lang!r}, not {expected!r}")
        if not f.title.strip():
            problems.append(f"{rel}: no <title>")
        if not f.description or not f.description.strip():
            problems.append(f"{rel}: no meta description")
        if f.h1 != 1:
            problems.append(f"{rel}: {f.h1} <h1> elements")
    assert not problems, "\n".join(problems)


def test_pages_have_own_description_not_the_site_default(html_pages, built_site):
    """A page without its own description would repeat site_description in search results."""
    from rendering.site import read_mkdocs_yml

    site_description = " ".join(read_mkdocs_yml(ROOT / "mkdocs.yml")["site_description"].split())
    generic = [p.relative_to(built_site) for p in content_pages(html_pages, built_site)
               if p != built_site / "index.html"
               and " ".join((facts(p).description or "").split()) == site_description]
    assert not generic, f"Pages without their own description: {generic}"


def test_no_page_references_another_host(html_pages, built_site):
    """Static half of the privacy gate: nothing in the HTML makes the browser call out."""
    offenders = []
    for page in html_pages:
        for url in facts(page).resources:
            if urlparse(url).netloc or url.startswith("//"):
                offenders.append(f"{page.relative_to(built_site)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_css_does_not_import_remote_fonts(built_site):
    remote = []
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"(?:@import|url\()\s*['\"]?(https?:)?//", text):
            remote.append(f"{css.relative_to(built_site)}: {text[m.start():m.start() + 80]}")
    assert not remote, "\n".join(remote)


def test_glossary_terms_have_hover_explanations_across_the_site(built_site):
    """Terms in includes/abbreviations.md are explained on hover (once per section, see
    hooks/abbreviations.py), handbook and generated registry pages alike, with the text from
    that file."""
    from hooks.abbreviations import read_glossary

    glossary = read_glossary()
    assert len(glossary) >= 30
    found: dict[str, set[str]] = {}
    for html in built_site.rglob("*.html"):
        for title, term in re.findall(r'<abbr title="([^"]*)">([^<]+)</abbr>', html.read_text(encoding="utf-8")):
            found.setdefault(term, set()).add(title)
            assert term in glossary, f"{html}: <abbr> for {term!r}, which is not in the glossary"
    assert "DNIR" in found and "KL" in found
    assert found["DNIR"] == {glossary["DNIR"]}
    lovgrundlag = (built_site / "lovgrundlag" / "index.html").read_text(encoding="utf-8")
    assert "<abbr " in lovgrundlag
    assert "*[DNIR]" not in lovgrundlag and "Hover explanations" not in lovgrundlag


def test_a_malformed_glossary_line_stops_the_build_with_its_line(tmp_path):
    from mkdocs.exceptions import PluginError

    from hooks.abbreviations import read_glossary

    bad = tmp_path / "abbreviations.md"
    bad.write_text("<!-- note\n-->\n*[KL]: Kommunernes Landsforening\n\nKL: uden stjerne\n*[KL]: igen\n",
                   encoding="utf-8")
    try:
        read_glossary(bad)
    except PluginError as exc:
        message = str(exc)
    else:
        raise AssertionError("a malformed glossary was accepted")
    assert "linje 5" in message and "linje 6" in message and "to gange" in message


def _assets(html: Path) -> set[str]:
    text = html.read_text(encoding="utf-8")
    found = re.findall(r'<link rel="stylesheet" href="[^"]*?([\w.-]+\.css)"|<script src="[^"]*?([\w.-]+\.js)"', text)
    return {css or js for css, js in found}


def test_registry_styles_and_scripts_load_only_where_they_are_used(built_site):
    """A handbook page carries none of the registry's CSS or JS (lighter first visit); the
    pages with the sortable table, the map and a council page get exactly what they need."""
    registry_only = {"registry-pages.css", "registry-graphics.css", "tablesort.min.js", "tablesort-init.js"}
    handbook = _assets(built_site / "lovgrundlag" / "index.html")
    assert "extra.css" in handbook
    assert not handbook & registry_only
    overview = _assets(built_site / "registret" / "index.html")
    assert {"registry-pages.css", "tablesort.min.js", "tablesort-init.js"} <= overview
    assert "registry-graphics.css" in _assets(built_site / "registret" / "kort" / "index.html")
    council_pages = sorted((built_site / "raad").glob("*/index.html"))
    assert council_pages
    council = _assets(council_pages[0])
    assert "registry-pages.css" in council
    assert not council & {"tablesort.min.js", "tablesort-init.js", "registry-graphics.css"}


def test_own_stylesheets_are_served_without_comments_but_with_every_rule(built_site):
    sources = sorted((ROOT / "docs" / "assets" / "stylesheets").glob("*.css"))
    assert sources
    for source in sources:
        text = source.read_text(encoding="utf-8")
        built = (built_site / "assets" / "stylesheets" / source.name).read_text(encoding="utf-8")
        assert "/*" in text, f"{source.name}: expected maintainers' comments in the source"
        assert "/*" not in built and "*/" not in built
        assert built.count("{") == text.count("{") and built.count("}") == text.count("}")
        assert len(built) < len(text)


def test_minified_html_keeps_preformatted_text_exactly():
    from hooks.minify import on_post_page

    page = "<html>\n    <body>\n  <p>tekst</p>\n<pre><code>a\n    indrykket\n\tfane</code></pre>\n  <TEXTAREA>x\n   y</TEXTAREA>\n</body>"
    out = on_post_page(page, None, None)
    assert "<pre><code>a\n    indrykket\n\tfane</code></pre>" in out
    assert "<TEXTAREA>x\n   y</TEXTAREA>" in out
    assert "\n<body>\n<p>tekst</p>" in out
    plain = on_post_page("<div>\n    <p>a</p>\n\t<p>b</p>\n</div>", None, None)
    assert plain == "<div>\n<p>a</p>\n<p>b</p>\n</div>"


def test_every_page_has_the_search_control_and_a_named_dialog(html_pages, built_site):
    """The header's search (overrides/partials/search.html) on every page: without JavaScript a
    link to the search help page, which exists; the dialog has an accessible name."""
    assert (built_site / "soeg" / "index.html").is_file()
    for html in html_pages:
        text = html.read_text(encoding="utf-8")
        link = re.search(r'<a class="[^"]*hb-search-open[^"]*" href="([^"]+)"', text)
        page = "https://example.org/" + html.relative_to(built_site).as_posix()
        assert link and urljoin(page, link.group(1)) == "https://example.org/soeg/", html
        dialog = re.search(r'<dialog id="hb-search"[^>]*aria-label="([^"]+)"', text)
        translated = re.search(r'<html lang="(?!da")', text)
        assert dialog and (translated or dialog.group(1) == "Søg i håndbogen og registret"), html


def test_browser_titles_name_the_page_and_the_site_once(built_site):
    def title(rel: str) -> str:
        return re.search(r"<title>(.*?)</title>", (built_site / rel).read_text(encoding="utf-8"), re.S).group(1).strip()

    assert title("index.html") == "Integrationsrådshåndbogen"
    assert title("ordliste/index.html") == "Ordliste - Integrationsrådshåndbogen"
    assert title("raad/aarhus/index.html").endswith(" - Integrationsrådshåndbogen")
    assert title("raad/aarhus/index.html").count("Integrationsrådshåndbogen") == 1


def test_the_sites_own_stylesheet_is_well_formed():
    """Every rule of extra.css is closed: one missing brace (a merge can drop it) makes the
    browser read every later rule as part of the one before, and they silently stop working."""
    css = (ROOT / "docs" / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    depth = 0
    for number, line in enumerate(re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), css,
                                         flags=re.S).splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"extra.css:{number}: '}}' without a '{{'"
        if line[:1].strip() and line.rstrip().endswith("{"):  # an unindented rule or @media
            assert depth == 1, f"extra.css:{number}: a rule starts inside another rule that is not closed"
    assert depth == 0, f"extra.css: {depth} rule(s) not closed"
