"""MkDocs hook: small corrections to the theme's markup on every finished page.

* The ¶ link after each heading (toc permalink) takes no tab stop: a keyboard reader would
  otherwise pass one for every heading before reaching the text (the link still works with a
  mouse, and every heading keeps its address).
* A table in the text sits in a region that scrolls sideways when the table is wider than the
  screen, which the keyboard can reach (tabindex) and a screen reader names: Material's own
  scrolling wrapper cannot be reached with the keyboard (axe: scrollable-region-focusable).
* The next/previous links in the footer are named by what they show: Material gives them an
  aria-label that differs from their visible text (axe: label-content-name-mismatch, WCAG
  2.5.3 Label in Name).
* Markup the W3C HTML checker rejects, all from Material's templates: an empty tabindex on the
  menu's section labels (browsers ignore it), autocomplete on its hidden checkbox toggles
  (allowed only on text fields), and the table of contents' title as a label for a toggle that
  a page without a table of contents does not have.

tests/test_html_validity.py runs the W3C checker over the whole site; tests/test_browser.py
runs axe.
"""

from __future__ import annotations

import re

_HEADERLINK = '<a class="headerlink" href='
_FOOTER_LABEL = re.compile(r'(<a href="[^"]*" class="md-footer__link [^"]*") aria-label="[^"]*"')
_TABLE = re.compile(r"(<table>.*?</table>)", re.S)  # a Markdown table (the registry's have attributes)
_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def fix(output: str) -> str:
    output = _TABLE.sub(r'<div class="hb-table" role="region" tabindex="0" aria-label="Tabel">\1</div>', output)
    output = output.replace(_HEADERLINK, '<a class="headerlink" tabindex="-1" href=')
    output = _FOOTER_LABEL.sub(r"\1", output)
    output = output.replace(' tabindex="">', ">")
    output = _TOGGLE.sub(r"\1", output)
    if 'id="__toc"' not in output:
        output = output.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return output


def on_post_page(output: str, page, config) -> str:
    return fix(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return fix(output_content)  # 404.html is a theme template, not a page
