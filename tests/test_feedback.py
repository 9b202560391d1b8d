"""Feedback without an account: "Var siden nyttig? Er noget forkert?" at the foot of every page,
as plain links that name the page. No script, no request to another host."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.conftest import page_url
from tests.sitetools import build_site
from tests.test_browser import audit

ROOT = Path(__file__).resolve().parent.parent
BOX = re.compile(r'<aside class="hb-feedback"[^>]*>(.*?)</aside>', re.S)


def links(box: str) -> dict[str, str]:
    """``{link text: href}`` of the box."""
    return {re.sub(r"\s+", " ", text).strip(): unescape(href)
            for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', box, re.S)}


def canonical(html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)


def test_every_page_has_one_box_whose_issue_link_names_the_page(html_pages, built_site):
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "fejl-paa-side.yml").read_text(encoding="utf-8"))
    field_ids = {field.get("id") for field in form["body"]}
    assert "side" in field_ids
    pages = [p for p in html_pages if p.name != "404.html"]
    assert len(pages) > 150
    for page in pages:
        html = page.read_text(encoding="utf-8")
        boxes = BOX.findall(html)
        assert len(boxes) == 1, f"{page.relative_to(built_site)}: {len(boxes)} feedback boxes"
        assert "Var siden nyttig? Er noget forkert?" in boxes[0]
        issue = next(href for text, href in links(boxes[0]).items() if "GitHub" in text)
        query = parse_qs(urlsplit(issue).query)
        assert urlsplit(issue).path.endswith("/issues/new")
        assert query["template"] == ["fejl-paa-side.yml"]
        assert query["side"] == [canonical(html)], page
        assert query["title"][0].startswith("Side: ")
        assert "kræver en gratis GitHub-konto" in boxes[0]
        assert "mailto:" not in boxes[0]  # mkdocs.yml names no mailbox (extra.mailbox: null)


def test_box_sits_inside_the_article_after_the_content(built_site):
    html = (built_site / "lovgrundlag" / "index.html").read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner', 1)[1].split("</article>")[0]
    assert 'class="hb-feedback"' in article
    assert article.index("hb-page-dates") < article.index("hb-feedback")


def test_with_a_mailbox_the_box_offers_an_email_naming_the_page(tmp_path):
    """tests/sites/feedback sets extra.mailbox."""
    result = build_site(ROOT / "tests" / "sites" / "feedback" / "mkdocs.yml", tmp_path)
    assert result.returncode == 0, result.output
    html = (tmp_path / "side" / "index.html").read_text(encoding="utf-8")
    box = BOX.search(html).group(1)
    mail = next(href for text, href in links(box).items() if "e-mail" in text)
    parts = urlsplit(mail)
    assert parts.scheme == "mailto" and parts.path == "redaktion@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Integrationsrådshåndbogen: En side om noget"]
    assert "Side: https://example.org/haandbog/side/" in query["body"][0]
    assert "ingen konto" in box


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_box_passes_axe_at_390px_loads_nothing_and_reads_without_js(browser, site_url, built_site, scheme):
    from tests.test_browser import axe_source

    pages = [built_site / "index.html", built_site / "raadets-aar" / "aarshjul" / "index.html",
             built_site / "raad" / "aarhus" / "index.html", built_site / "nyt" / "index.html"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    try:
        for html in pages:
            url = page_url(site_url, built_site, html)
            assert audit(context, url, site_url.rstrip("/"), axe_source()) == [], url
            page = context.new_page()
            page.goto(url)
            box = page.locator("aside.hb-feedback")
            box.scroll_into_view_if_needed()
            assert box.is_visible()
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], f"{url}: the page is wider than the screen at 390 px"
            assert box.evaluate("e => e.getBoundingClientRect().right") <= 390
            page.close()
    finally:
        context.close()
    nojs = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = nojs.new_page()
        page.goto(site_url)
        assert page.locator("aside.hb-feedback a[href*='issues/new']").count() == 1
    finally:
        nojs.close()


@pytest.mark.browser
def test_box_is_set_apart_on_screen_and_left_off_paper(browser, site_url):
    """On screen a rule sets the box apart from the page; a printed page leaves it out (it is
    no use on paper, and the handover sheets must fit one A4 page)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "raad/aarhus/")
        box = page.locator("aside.hb-feedback")
        assert box.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
        page.emulate_media(media="print")
        assert box.evaluate("e => getComputedStyle(e).display") == "none"
    finally:
        page.close()
