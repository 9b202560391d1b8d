"""The site reads without JavaScript: the content is in the served HTML."""

from __future__ import annotations

import re

import pytest




def visible_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", html))


def test_every_page_has_its_content_in_the_html(html_pages, built_site):
    thin = []
    for page in html_pages:
        html = page.read_text(encoding="utf-8")
        article = re.search(r'(?s)<article class="md-content__inner[^"]*"[^>]*>(.*?)</article>', html)
        if not article or "<h1" not in article.group(1) or len(visible_text(article.group(1))) < 200:
            thin.append(str(page.relative_to(built_site)))
    assert not thin, f"Pages whose content is missing from the HTML: {thin}"


@pytest.mark.browser
def test_front_page_reads_with_javascript_disabled(browser, site_url, built_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url)
        assert page.locator("h1").first.inner_text().startswith("Integrationsrådshåndbogen")
        assert page.locator("article a[href]").count() >= 3
        # Navigation to another page works as plain links.
        page.locator("article a[href$='om/privatliv/']").first.click()
        assert "Privatlivspolitik" in page.locator("h1").first.inner_text()
    finally:
        context.close()
