"""Search: Pagefind's index of the built site and the search dialog in the header.

What a reader notices: a word form finds the page with another form of it; a municipality's
name finds that municipality's page first; the handbook's typical questions find their page;
nothing is fetched for search until they type; the dialog works from the keyboard, with a
screen reader and on a phone; without JavaScript the control leads to a help page.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from rendering.search_index import SearchIndexError, index_site
from tests.test_browser import WCAG_TAGS, axe_source

ROOT = Path(__file__).resolve().parent.parent
DIALOG_NAME = "Søg i håndbogen og registret"


def index_fragments(site: Path) -> dict[str, dict]:
    """URL -> Pagefind's stored record of that page (its indexed text is ``content``)."""
    records = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        record = json.loads(raw[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


@pytest.fixture(scope="module")
def fragments(built_site) -> dict[str, dict]:
    return index_fragments(built_site)


def page_text(built_site: Path, url: str) -> str:
    """The visible text of a built page's article, lower-cased."""
    html = (built_site / url.strip("/") / "index.html").read_text(encoding="utf-8")
    article = re.search(r"(?s)<article\b.*?</article>", html).group(0)
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", article)).lower()


# ------------------------------------------------------------------ the index (no browser)

def test_index_has_every_content_page_in_danish(built_site, fragments):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # One part per language, from <html lang>: Danish stemming for the Danish pages; the
    # translations (tests/test_languages.py) have their own parts.
    from rendering.languages import languages

    codes = [lang.code for lang in languages(ROOT)]
    assert set(entry["languages"]) == {"da", *codes}
    marked = {p for p in built_site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")
              and p.relative_to(built_site).parts[0] not in codes}
    danish = [url for url in fragments if url.split("/")[1] not in codes]
    assert entry["languages"]["da"]["page_count"] == len(marked) == len(danish) > 150
    assert "/raad/aarhus/" in fragments and "/lovgrundlag/diaeter-og-hoeringsret/" in fragments
    # Not results: the 404 page and the request letters to the municipalities (their front
    # matter says search: exclude: true).
    assert "/404.html" not in fragments
    assert not [url for url in fragments if url.startswith("/registret/bekraeft/")]
    assert (built_site / "registret" / "bekraeft" / "aarhus" / "index.html").is_file()
    assert "data-pagefind-body" not in (built_site / "404.html").read_text(encoding="utf-8")


def test_index_holds_the_article_only(built_site, fragments):
    """Not the navigation, the header, the page dates, footnote text or the ¶ links; not the
    registry's overview tables, which repeat what each council's page says."""
    page = fragments["/lovgrundlag/diaeter-og-hoeringsret/"]["content"]
    assert "kommunalbestyrelsen" in page.lower()  # the article is there
    html = (built_site / "lovgrundlag" / "diaeter-og-hoeringsret" / "index.html").read_text(encoding="utf-8")
    footnotes = re.search(r'(?s)<div class="footnote">(.*?)</div>', html).group(1)
    sources = re.findall(r'href="(https://[^"]+)"', footnotes)
    assert sources, "the page should have footnotes with sources"
    for record in fragments.values():
        text = record["content"]
        # the header's repository link, the table of contents, the dates, the ¶ links
        for chrome in ("Kildetekst og rettelser", "Indholdsfortegnelse", "Sidst opdateret",
                       "Næste gennemgang", "¶"):
            assert chrome not in text, (record["url"], chrome)
    assert not any(url in page for url in sources), "footnote text is in the index"
    # The overview page's table lists all 98 municipalities; only its own text is indexed.
    overview = fragments["/registret/"]["content"]
    assert "Aabenraa" not in overview and "Ærø" not in overview


def test_indexing_a_folder_without_marked_content_stops_with_a_danish_message(tmp_path):
    (tmp_path / "index.html").write_text('<html lang="da"><body><nav>Menu</nav><p>Tekst</p></body></html>',
                                         encoding="utf-8")
    with pytest.raises(SearchIndexError, match="data-pagefind-body"):
        index_site(tmp_path)
    page = tmp_path / "side" / "index.html"
    page.parent.mkdir()
    page.write_text('<html lang="da"><body><main data-pagefind-body><h1>Diæter</h1></main></body></html>',
                    encoding="utf-8")
    assert index_site(tmp_path) == 1


# ------------------------------------------------------------------ in the browser

def pagefind_top(page, queries: list[str], n: int = 3) -> dict[str, list[str]]:
    """For each query, the URLs of the first ``n`` results, from the site's own Pagefind."""
    return page.evaluate(
        """async ([queries, n]) => {
            const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
            const out = {};
            for (const q of queries) {
                const found = await pf.search(q);
                out[q] = await Promise.all(found.results.slice(0, n).map(r => r.data().then(d => d.url)));
            }
            return out;
        }""",
        [queries, n],
    )


def open_search(page, query: str | None = None) -> None:
    page.keyboard.press("Control+k")
    page.get_by_role("dialog", name=DIALOG_NAME).wait_for()
    if query is not None:
        page.keyboard.type(query)
        page.wait_for_function("document.querySelector('.hb-search__status').textContent.includes('gav')")


@pytest.fixture()
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.mark.browser
def test_first_visit_fetches_nothing_for_search_until_the_reader_types(context, site_url):
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    for path in ("", "lovgrundlag/diaeter-og-hoeringsret/", "raad/aarhus/", "registret/"):
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        page.close()
    assert requested and not [u for u in requested if "/pagefind/" in u]
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    open_search(page)
    page.wait_for_timeout(300)
    assert not [u for u in requested if "/pagefind/" in u], "opening the dialog alone fetches nothing"
    page.keyboard.type("diæt")
    page.wait_for_function("document.querySelector('.hb-search__status').textContent.includes('gav')")
    fetched = {Path(u).suffix or Path(u).name for u in requested if "/pagefind/" in u}
    assert {".js", ".pf_index", ".pf_fragment"} <= fetched, fetched


@pytest.mark.browser
def test_a_text_page_fetches_only_its_own_files_at_load(context, site_url):
    """No sitemap, feed or data file on a first visit: Material's script would fetch and parse
    sitemap.xml if the page carried a <link rel="alternate"> (the feed link is on the front page
    and the Nyt page only)."""
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    for path in ("vaerktoejer/forretningsorden/", "lovgrundlag/", "raad/aarhus/"):
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        page.close()
    assert len(requested) >= 3
    fetched = [u for u in requested if u.split("?")[0].endswith((".xml", ".json", ".gz"))]
    assert not fetched, fetched


@pytest.mark.browser
@pytest.mark.parametrize("query", ["diæter", "høringer", "forretningsorden", "valg til integrationsråd"])
def test_one_typical_query_fetches_at_most_150_kib(browser, site_url, built_site, query):
    """Everything a search needs, counted as a web server with gzip sends it: Pagefind's
    script, worker and WebAssembly, the index chunks for the words and the first excerpts."""
    from scripts.servegzip import served_size

    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url, wait_until="networkidle")
        requested: list[str] = []
        context.on("request", lambda r: requested.append(r.url))
        open_search(page, query)
        page.wait_for_load_state("networkidle")
        assert any(u.endswith(".pf_fragment") for u in requested)
        cost = sum(served_size(built_site, u) for u in requested)
        assert cost <= 150 * 1024, f"»{query}« fetched {cost / 1024:.0f} KiB in {len(requested)} requests"
    finally:
        context.close()


# Each query with the page a reader is looking for; it must be among the first three.
QUERIES = {
    "diæter": "/lovgrundlag/diaeter-og-hoeringsret/",
    "diæt": "/lovgrundlag/diaeter-og-hoeringsret/",
    "diæterne": "/lovgrundlag/diaeter-og-hoeringsret/",
    "høringer": "/lovgrundlag/diaeter-og-hoeringsret/",
    "forretningsorden": "/vaerktoejer/forretningsorden/",
    "valg til integrationsråd": "/lovgrundlag/udpegning-og-valg/",
    "suppleant": "/spoergsmaal-og-svar/",
    "Aarhus": "/raad/aarhus/",
    "overleveringsnotat": "/vaerktoejer/overleveringsnotat/",
    "tavshedspligt": "/lovgrundlag/aabenhed-og-tavshedspligt/",
    "årsberetning skabelon": "/vaerktoejer/aarsberetning/",
}


@pytest.mark.browser
def test_typical_questions_find_their_page_in_the_top_three(context, site_url):
    page = context.new_page()
    page.goto(site_url)
    top = pagefind_top(page, list(QUERIES))
    missed = {q: top[q] for q, best in QUERIES.items() if best not in top[q]}
    assert not missed, f"best page not in the top 3: {missed}"
    # Material's search put the accessibility statement second: "til" matched "Tilgængelighed…".
    assert "/om/tilgaengelighed/" not in top["valg til integrationsråd"]


@pytest.mark.browser
def test_a_word_form_finds_the_page_with_another_form(context, site_url, built_site):
    """Danish stemming: "diæterne" finds pages that only say "diæter", "diæt" finds the page
    about diæter, and "suppleanterne" the answer about "suppleanter"."""
    page = context.new_page()
    page.goto(site_url)
    found = pagefind_top(page, ["diæterne", "diæt", "suppleanterne"], n=30)
    overview = "/lovgrundlag/"
    assert "diæter" in page_text(built_site, overview) and "diæterne" not in page_text(built_site, overview)
    assert overview in found["diæterne"]
    rules = "/lovgrundlag/diaeter-og-hoeringsret/"
    assert not re.search(r"\bdiæt\b", page_text(built_site, rules))
    assert found["diæt"][0] == rules
    answers = "/spoergsmaal-og-svar/"
    assert "suppleanterne" not in page_text(built_site, answers)
    assert answers in found["suppleanterne"][:3]


@pytest.mark.browser
def test_each_municipality_name_finds_its_page_first(context, site_url, built_site):
    """All 98, also names that are everyday words (Vejen) or appear on many pages."""
    councils = json.loads((built_site / "registret" / "councils.json").read_text(encoding="utf-8"))["kommuner"]
    assert len(councils) == 98
    page = context.new_page()
    page.goto(site_url)
    top = pagefind_top(page, [c["kommune"] for c in councils], n=1)
    wrong = {c["kommune"]: top[c["kommune"]] for c in councils if top[c["kommune"]] != ["/" + c["side"]]}
    assert not wrong, f"these names do not find their own page first: {wrong}"


@pytest.mark.browser
def test_search_dialog_works_from_the_keyboard(context, site_url):
    page = context.new_page()
    page.goto(site_url + "lovgrundlag/", wait_until="networkidle")
    control = page.locator("header .hb-search-open")
    assert control.evaluate("e => e.tagName") == "BUTTON" and control.get_attribute("aria-haspopup") == "dialog"
    control.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=DIALOG_NAME)
    dialog.wait_for()
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.type("tavshedspligt")
    status = page.get_by_role("status")
    page.wait_for_function("document.querySelector('.hb-search__status').textContent.includes('gav')")
    assert re.fullmatch(r"Søgningen »tavshedspligt« gav \d+ sider\. De bedste står først\.", status.inner_text())
    # The hit is highlighted in the excerpts.
    assert dialog.locator("ol li p mark").first.inner_text().lower().startswith("tavshedspligt")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first.startswith("/lovgrundlag/aabenhed-og-tavshedspligt/")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.press("Escape")  # from the field with words in it: closes at once
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('hb-search-open')"), "focus returns"
    # Ctrl+K opens it again with the words kept; Enter in the field opens the first result.
    page.locator("body").press("Control+k")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lovgrundlag/aabenhed-og-tavshedspligt/**")


@pytest.mark.browser
def test_search_opens_with_ctrl_or_cmd_k_and_never_with_a_single_key(browser, site_url):
    """WCAG 2.1.4: a key alone (Material's / s f) can be set off by speech input or by mistake."""
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + "lovgrundlag/", wait_until="networkidle")
        dialog = page.get_by_role("dialog", name=DIALOG_NAME)
        for key in ("/", "s", "f", "k", "n", "p"):
            page.locator("body").press(key)
        assert not dialog.is_visible() and page.url == site_url + "lovgrundlag/"
        for chord in ("Control+k", "Meta+k"):
            page.locator("body").press(chord)
            dialog.wait_for()
            page.keyboard.press("Escape")
        control = page.locator("header .hb-search-open")
        assert control.get_attribute("aria-keyshortcuts") == "Control+K Meta+K"
        assert control.locator("kbd").inner_text() == "Ctrl K"
    finally:
        context.close()
    # Without JavaScript the control is a link to the page "Søg", and shows no shortcut.
    context = browser.new_context(viewport={"width": 1366, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "lovgrundlag/")
        assert not page.locator("header .hb-search-open kbd").is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_more_results_on_request_and_no_results_said_plainly(context, site_url):
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    open_search(page, "høringer")
    results = page.locator(".hb-search__results li")
    assert results.count() == 5
    page.get_by_role("button", name="Vis flere resultater").click()
    page.wait_for_function("document.querySelectorAll('.hb-search__results li').length === 10")
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('.hb-search__results li')[5]")
    page.fill(".hb-search__input", "kvantefysik")
    page.wait_for_function("document.querySelector('.hb-search__status').textContent.includes('gav ingen')")
    assert results.count() == 0
    assert page.get_by_role("status").inner_text() == (
        "Søgningen »kvantefysik« gav ingen sider. Prøv et andet ord, eller færre ord.")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_dialog_passes_axe(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + "lovgrundlag/", wait_until="networkidle")
        open_search(page, "høringer")
        page.add_script_tag(content=axe_source())
        violations = page.evaluate(
            """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
                .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""",
            WCAG_TAGS + ["best-practice"])
        assert page.get_by_role("dialog", name=DIALOG_NAME).is_visible()
        assert not violations, violations
    finally:
        context.close()


@pytest.mark.browser
def test_search_fills_the_screen_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + "lovgrundlag/", wait_until="networkidle")
        control = page.locator("header .hb-search-open")
        assert control.is_visible() and control.get_attribute("aria-haspopup") == "dialog"
        control.tap()
        box = page.get_by_role("dialog", name=DIALOG_NAME).bounding_box()
        assert box == {"x": 0, "y": 0, "width": 390, "height": 844}
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_the_control_leads_to_the_search_help_page(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "lovgrundlag/")
        control = page.get_by_role("link", name="Søg", exact=True)
        control.click()
        page.wait_for_url(site_url + "soeg/")
        assert page.locator("h1").inner_text().startswith("Søg")
        assert page.locator("article").get_by_role("link", name="Registret").count() == 1
    finally:
        context.close()


@pytest.mark.browser
def test_search_works_when_the_site_lives_in_a_sub_folder(context, built_site):
    """GitHub Pages serves a project's site under /<repository>/: results must point there."""
    from scripts.servegzip import serve

    base, server = serve(built_site.parent)
    try:
        page = context.new_page()
        page.goto(f"{base}{built_site.name}/lovgrundlag/", wait_until="networkidle")
        open_search(page, "Aarhus")
        first = page.locator(".hb-search__results a").first
        assert first.get_attribute("href") == f"/{built_site.name}/raad/aarhus/"
        first.click()
        page.wait_for_url(f"{base}{built_site.name}/raad/aarhus/")
        assert page.locator("h1").inner_text().startswith("Aarhus")
    finally:
        server.shutdown()
