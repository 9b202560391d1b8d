"""What a reader meets in the built pages' markup: lists that are lists, glossary terms that
lead to their explanation, downloads that say what they are, and ¶ links that keep out of the
keyboard's way. Each check runs over every built page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")
# A date or a reference that a line break split after its number: "1. januar", "2. stk."
# at the start of a line inside a list becomes a list item of its own.
_SPLIT_DATE = re.compile(r"^(?:%s)\b|^stk\." % "|".join(MONTHS))


class _ListItems(HTMLParser):
    """The first words of every <li>, footnote markers left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self._open: int | None = None  # index in items of the <li> still taking text
        self._sup = 0

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.items.append("")
            self._open = len(self.items) - 1
        elif tag == "sup":
            self._sup += 1
        elif tag in ("ul", "ol"):
            self._open = None

    def handle_endtag(self, tag):
        if tag == "sup":
            self._sup -= 1
        elif tag == "li":
            self._open = None

    def handle_data(self, data):
        if self._open is not None and not self._sup and len(self.items[self._open]) < 60:
            self.items[self._open] += data


def split_dates(html: str) -> list[str]:
    """List items that begin where a date's number was taken as a list marker."""
    parser = _ListItems()
    parser.feed(html)
    return [" ".join(item.split())[:60] for item in parser.items if _SPLIT_DATE.match(item.strip())]


def test_the_split_date_check_finds_the_broken_list_it_was_written_for():
    broken = ("<ul><li><strong>Når en ny valgperiode begynder.</strong> Den nuværende periode løber fra</li>"
              "<li>januar 2026 til 31. december 2029.<sup>3</sup></li></ul>"
              "<ol><li>Hent skabelonen.</li><li>maj: budgettet</li></ol>")
    assert split_dates(broken) == ["januar 2026 til 31. december 2029.", "maj: budgettet"]
    fine = "<ul><li>1. januar 2026: ny periode</li><li>Møde i marts</li></ul><p>1. januar</p>"
    assert split_dates(fine) == []


def test_no_list_item_is_the_tail_of_a_split_date(html_pages, built_site):
    """"1. januar 2026" at the start of a line inside a list turns into a numbered item
    "januar 2026"; the text must be wrapped so the number does not start a line."""
    found = [f"{page.relative_to(built_site)}: »{item}«"
             for page in html_pages for item in split_dates(page.read_text(encoding="utf-8"))]
    assert not found, "A date split into a list item (rewrap the line in the Markdown):\n" + "\n".join(found)


# Glossary terms (hooks/abbreviations.py): the first mention on a page links to the entry.

def _abbr(term: str) -> str:
    return f'<abbr title="forklaring">{term}</abbr>'


def test_first_mention_of_a_term_links_to_its_entry_and_later_ones_do_not():
    from hooks.abbreviations import link_terms

    anchors = {"suppleant": "suppleant", "suppleanter": "suppleant", "KL": "kl"}
    html = (f"<h2>Om {_abbr('KL')}</h2><p>{_abbr('suppleanter')} og {_abbr('suppleant')}</p>"
            f'<p><a href="x">{_abbr("KL")}</a></p><dl><dt>{_abbr("KL")}</dt></dl><p>{_abbr("KL")}</p>'
            f"<h2>Næste</h2><p>{_abbr('suppleant')} og {_abbr('KL')}, {_abbr('suppleanter')}</p>")
    out = link_terms(html, "../ordliste/", anchors)
    assert out.count('<a class="hb-term"') == 2
    # First section: the heading explains KL; the first KL outside heading and link gets the
    # link; other mentions of an explained entry are plain text.
    assert f'<a class="hb-term" href="../ordliste/#suppleant">{_abbr("suppleanter")}</a> og suppleant</p>' in out
    assert f"<h2>Om {_abbr('KL')}</h2>" in out and '<a href="x">KL</a>' in out and "<dt>KL</dt>" in out
    assert f'<p><a class="hb-term" href="../ordliste/#kl">{_abbr("KL")}</a></p>' in out
    # Next section: each entry explained again at its first mention there, without a link.
    assert out.endswith(f"<h2>Næste</h2><p>{_abbr('suppleant')} og {_abbr('KL')}, suppleanter</p>")


def test_terms_find_their_entry_by_word_inflection_or_abbreviation():
    from hooks.abbreviations import entry_for

    entries = {"kommunalbestyrelse": "kb", "kl": "kl", "det nationale integrationsråd (dnir)": "dnir",
               "det nationale integrationsråd": "dnir", "dnir": "dnir"}
    assert entry_for("Kommunalbestyrelsen", entries) == "kb"
    assert entry_for("DNIR", entries) == "dnir"
    assert entry_for("KL", entries) == "kl"
    assert entry_for("klagen", entries) is None  # "kl" + "agen" is not an inflection


def test_a_term_without_an_entry_stops_the_build(tmp_path):
    from mkdocs.exceptions import PluginError

    from hooks.abbreviations import on_files

    ordliste = tmp_path / "ordliste.md"
    ordliste.write_text("# Ordliste\n\nDiæter {#diaeter}\n:   Et fast beløb.\n", encoding="utf-8")

    class Files:
        def get_file_from_path(self, path):
            return type("F", (), {"abs_src_path": str(ordliste)})() if path == "ordliste.md" else None

    config = {"mdx_configs": {"abbr": {"glossary": {"diæter": "x", "habilitet": "y", "KL": "z"}}}}
    config = type("C", (), config)()
    try:
        on_files(Files(), config)
    except PluginError as exc:
        message = str(exc)
    else:
        raise AssertionError("a term without an entry was accepted")
    assert "»habilitet«" in message and "»KL«" in message and "diæter" not in message.split(":")[1]


def test_every_entry_has_an_anchor_and_every_term_link_finds_one(built_site, html_pages):
    ordliste = (built_site / "ordliste" / "index.html").read_text(encoding="utf-8")
    ordliste = ordliste.split('<aside class="md-source-file')[0]  # the entries, not the page's dates
    terms = re.findall(r"<dt\b([^>]*)>", ordliste)
    assert len(terms) >= 45
    assert all('id="' in attrs for attrs in terms), "an ordliste entry without an anchor {#…}"
    ids = set(re.findall(r'<dt id="([^"]+)"', ordliste))
    links: dict[str, int] = {}
    for page in html_pages:
        text = page.read_text(encoding="utf-8")
        for anchor in re.findall(r'<a class="hb-term" href="[^"#]*#([^"]+)"><abbr title=', text):
            assert anchor in ids, f"{page.relative_to(built_site)}: link to a missing entry #{anchor}"
            links[anchor] = links.get(anchor, 0) + 1
        per_page = re.findall(r'<a class="hb-term" href="[^"#]*#([^"]+)"', text)
        assert len(per_page) == len(set(per_page)), f"{page.relative_to(built_site)}: an entry linked twice"
    assert links.get("kommunalbestyrelse", 0) >= 20, links
    lovgrundlag = (built_site / "lovgrundlag" / "index.html").read_text(encoding="utf-8")
    assert '<a class="hb-term" href="../ordliste/#' in lovgrundlag


# Downloads (rendering/download_links.py): type and size in the link.

def test_every_download_link_shows_type_and_the_size_of_its_file(built_site, html_pages):
    from rendering.download_links import KINDS
    from rendering.pdf import size_text

    found = 0
    for page in html_pages:
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<a class="hb-download"[^>]*href="([^"]+)">.*?'
                             r'<span class="hb-download__meta">\(([^,]+), ([^)]+)\)</span></a>', text):
            target = (page.parent / m[1]).resolve()
            assert m[2] == KINDS[target.suffix] and m[3] == size_text(target.stat().st_size), m[0]
            found += 1
        assert len(re.findall(r"<a\b[^>]*\sdownload[\s>]", text)) == text.count('<a class="hb-download"'), page
    assert found >= 36  # nine templates, each on its page and in the overview, as Word and text


def test_a_download_link_to_a_missing_file_is_reported(tmp_path):
    from rendering.download_links import annotate_site

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.docx").write_bytes(b"0" * 2600)
    (tmp_path / "a" / "index.html").write_text(
        '<p><a download href="x.docx">Hent</a> <a class="knap" download href="mangler.txt">Hent</a></p>',
        encoding="utf-8")
    done, problems = annotate_site(tmp_path)
    html = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert done == 1 and '<span class="hb-download__meta">(Word, 3 kB)</span>' in html
    assert problems == ["a/index.html: download-linket »mangler.txt« peger ikke på en fil på sitet"]
    assert annotate_site(tmp_path)[0] == 0  # once only


def test_heading_links_take_no_tab_stop(html_pages, built_site):
    offenders = [p.relative_to(built_site) for p in html_pages
                 if re.search(r'<a class="headerlink"(?! tabindex="-1")', p.read_text(encoding="utf-8"))]
    assert not offenders, offenders


def test_text_tables_scroll_in_a_region_the_keyboard_reaches(built_site):
    """A table wider than a phone scrolls sideways; its region takes a tab stop and has a name."""
    from hooks.theme_markup import fix

    assert fix("<p>a</p><table><tr><td>1</td></tr></table>") == (
        '<p>a</p><div class="hb-table" role="region" tabindex="0" aria-label="Tabel">'
        "<table><tr><td>1</td></tr></table></div>")
    html = (built_site / "vaerktoejer" / "referat" / "index.html").read_text(encoding="utf-8")
    assert html.count('<div class="hb-table" role="region" tabindex="0" aria-label="Tabel"><table>') == html.count("<table>") >= 2


def test_sidebar_lists_every_section_with_only_the_current_one_open(built_site):
    """A reader sees the handbook's whole outline in one short list: each section's start page,
    and the pages of the section they are in, not all ~60 pages at once."""
    html = (built_site / "vaerktoejer" / "forretningsorden" / "index.html").read_text(encoding="utf-8")
    sidebar = html.split('md-sidebar--primary')[1].split('md-sidebar--secondary')[0]
    links = set(re.findall(r'<a href="([^"#]+)" class="md-nav__link', sidebar))
    sections = {"../../start/", "../../let/", "../../lovgrundlag/", "../../sekretaeren/",
                "../../kom-godt-i-gang/", "../../raadets-aar/", "../../gode-erfaringer/",
                "../", "../../viden/", "../../ordliste/", "../../spoergsmaal-og-svar/"}
    assert sections <= links, sections - links
    assert {"../dagsorden/", "../referat/", "../konstituerende-moede/"} <= links
    assert not {"../../start/ny-sekretaer/", "../../lovgrundlag/paragraf-42/",
                "../../viden/dnir-2023/"} & links
