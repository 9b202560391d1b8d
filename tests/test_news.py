"""News: the Nyt page and its Atom feed (nyt.xml) from the change log data/nyt.yaml."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from rendering.site import read_mkdocs_yml
from tests.sitetools import build_site

ROOT = Path(__file__).resolve().parent.parent
A = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires ("T" and an explicit offset or Z).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def atom_problems(xml: bytes) -> list[str]:
    """What a feed breaks of RFC 4287's rules for atom:feed and atom:entry (section 4.1)."""
    root = ET.fromstring(xml)  # raises on XML that is not well-formed
    problems = []
    if root.tag != f"{A}feed":
        return [f"root element is {root.tag}, not atom:feed"]

    def exactly_one(element, tag, where):
        found = element.findall(f"{A}{tag}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{tag}, must be exactly one")
        return found[0] if found else None

    def check_date(element, where):
        if element is not None and not RFC3339.match(element.text or ""):
            problems.append(f"{where}: atom:updated {element.text!r} is no RFC 3339 date-time")

    def check_links(element, where):
        alternates = set()
        for link in element.findall(f"{A}link"):
            if not link.get("href"):
                problems.append(f"{where}: atom:link without href")
            if link.get("rel", "alternate") == "alternate":
                key = (link.get("type"), link.get("hreflang"))
                if key in alternates:
                    problems.append(f"{where}: two alternate links with the same type and hreflang")
                alternates.add(key)
        return alternates

    for tag in ("id", "title"):
        exactly_one(root, tag, "feed")
    check_date(exactly_one(root, "updated", "feed"), "feed")
    check_links(root, "feed")
    if not any(link.get("rel") == "self" for link in root.findall(f"{A}link")):
        problems.append("feed: no atom:link rel=self (RFC 4287 says SHOULD)")
    feed_author = root.find(f"{A}author/{A}name") is not None
    ids = []
    for n, entry in enumerate(root.findall(f"{A}entry"), start=1):
        where = f"entry {n}"
        entry_id = exactly_one(entry, "id", where)
        if entry_id is not None:
            ids.append(entry_id.text)
            if not urlsplit(entry_id.text or "").scheme:
                problems.append(f"{where}: atom:id {entry_id.text!r} is no absolute IRI")
        exactly_one(entry, "title", where)
        check_date(exactly_one(entry, "updated", where), where)
        alternates = check_links(entry, where)
        if not alternates and entry.find(f"{A}content") is None:
            problems.append(f"{where}: neither atom:content nor an alternate link")
        if not feed_author and entry.find(f"{A}author/{A}name") is None:
            problems.append(f"{where}: no author in the entry nor in the feed")
    if len(set(ids)) != len(ids):
        problems.append("two entries share an atom:id")
    return problems


def test_the_validator_catches_a_broken_feed():
    broken = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>2026-12-06</updated>'
              b"<entry><id>relative</id><updated>2026-12-06T00:00:00Z</updated></entry></feed>")
    problems = atom_problems(broken)
    assert "feed: 0 atom:id, must be exactly one" in problems
    assert "feed: atom:updated '2026-12-06' is no RFC 3339 date-time" in problems
    assert "entry 1: 0 atom:title, must be exactly one" in problems
    assert "entry 1: atom:id 'relative' is no absolute IRI" in problems
    assert "entry 1: no author in the entry nor in the feed" in problems
    with pytest.raises(ET.ParseError):
        atom_problems(b"<feed><entry></feed>")


def test_feed_is_valid_atom_with_urls_from_site_url(built_site):
    xml = (built_site / "nyt.xml").read_bytes()
    assert atom_problems(xml) == []
    site_url = read_mkdocs_yml(ROOT / "mkdocs.yml")["site_url"]
    root = ET.fromstring(xml)
    self_link = next(link for link in root.findall(f"{A}link") if link.get("rel") == "self")
    assert self_link.get("href") == site_url + "nyt.xml"
    for link in root.iter(f"{A}link"):
        href = link.get("href")
        assert href.startswith(site_url), href
        path = href[len(site_url):].split("#")[0]
        assert (built_site / path).is_file() or (built_site / path / "index.html").is_file(), href


def test_feed_has_the_last_substantive_changes_newest_first(built_site):
    root = ET.fromstring((built_site / "nyt.xml").read_bytes())
    entries = root.findall(f"{A}entry")
    assert len(entries) >= 5
    dates = [dt.datetime.fromisoformat(e.find(f"{A}updated").text) for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert root.find(f"{A}updated").text == entries[0].find(f"{A}updated").text
    log = yaml.safe_load((ROOT / "data" / "nyt.yaml").read_text(encoding="utf-8"))
    assert [e.find(f"{A}title").text for e in entries] == [
        item["titel"] for item in sorted(log, key=lambda item: str(item["dato"]), reverse=True)]
    topics = {e.find(f"{A}category").get("term") for e in entries}
    assert {"god_erfaring", "lovgrundlag", "register"} <= topics


def test_nyt_page_lists_each_change_with_date_and_links(built_site):
    html = (built_site / "nyt" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Nyt" in html
    assert 'href="../nyt.xml"' in html
    for item in yaml.safe_load((ROOT / "data" / "nyt.yaml").read_text(encoding="utf-8")):
        assert item["titel"].replace("»", "&raquo;") in html or item["titel"] in html, item["titel"]
    # the edit button opens the change log, not a file in docs/
    assert "edit/main/data/nyt.yaml" in html


def test_front_page_and_nyt_page_point_feed_readers_to_the_feed_and_no_other_page_does(built_site):
    """Feed readers look on the address they are given (the front page); a reader on Nyt sees it
    too. Other pages leave it out, because Material's script fetches sitemap.xml for every
    <link rel="alternate"> (tests/test_search.py: no such request on a text page)."""
    feed_link = re.compile(r'<link rel="alternate" type="application/atom\+xml" href="[./]*nyt\.xml"')
    for page in ("index.html", "nyt/index.html"):
        head = (built_site / page).read_text(encoding="utf-8").split("</head>")[0]
        assert feed_link.search(head), page
    for page in ("lovgrundlag/index.html", "vaerktoejer/forretningsorden/index.html", "raad/aarhus/index.html"):
        head = (built_site / page).read_text(encoding="utf-8").split("</head>")[0]
        assert 'rel="alternate"' not in head, page


def test_change_log_text_is_shown_as_text_not_run(tmp_path):
    out = tmp_path / "site"
    result = build_site(ROOT / "tests" / "sites" / "news" / "mkdocs.yml", out)
    assert result.returncode == 0, result.output
    html = (out / "nyt" / "index.html").read_text(encoding="utf-8")
    article = html.split('<article', 1)[1].split("</article>")[0]
    assert "<script>alert" not in article and "<img src=x" not in article
    assert 'href="javascript:' not in article
    assert "&lt;script&gt;alert(1)&lt;/script&gt; og **fed**" in article
    assert "{{ 7*7 }}" in article
    # newest first, and the council named by its code is linked
    assert article.index("alert(1)") < article.index("Ældre nyhed")
    assert 'href="../raad/holstebro/"' in article
    feed = ET.fromstring((out / "nyt.xml").read_bytes())
    assert atom_problems((out / "nyt.xml").read_bytes()) == []
    first = feed.find(f"{A}entry")
    assert first.find(f"{A}title").text == "<script>alert(1)</script> og **fed**"  # text, escaped in XML
    assert first.find(f"{A}id").text.startswith("https://example.org/haandbog/nyt/#2026-02-10-")


def test_bad_change_log_stops_the_build_with_every_problem_and_its_line(tmp_path):
    result = build_site(ROOT / "tests" / "sites" / "news_errors" / "mkdocs.yml", tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    out = result.output
    assert "Nyhederne i data/nyt.yaml har 6 problemer" in out
    assert "data/nyt.yaml:1: skriv datoen som ÅÅÅÅ-MM-DD" in out
    assert "data/nyt.yaml:2: emne skal være et af: god_erfaring, lovgrundlag, register, haandbog" in out
    assert "data/nyt.yaml:5: siden docs/findes-ikke.md findes ikke" in out
    assert "data/nyt.yaml:6: kommunekoden 9999 findes ikke i registret" in out
    assert "data/nyt.yaml:7: ukendt felt »forfatter«" in out
    assert "data/nyt.yaml:11: nyheden mangler en titel" in out
