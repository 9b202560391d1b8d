"""The handover sheets: one printable page per municipality, ``registret/overlevering/<slug>.md``.

A secretary who hands the council over, and the one who takes over, get one A4 sheet with

* what the registry knows about the municipality's council, with its sources;
* the councils next door to talk to (the neighbours with a council, else the nearest ones);
* blanks for what only the municipality knows: rules of procedure, recent minutes, members'
  terms, budget, mailbox and the contact in the administration;
* the handbook's handover checklist (the ten points of docs/kom-godt-i-gang/overlevering.md;
  tests/test_handover.py keeps the two in step).

Like the confirmation requests (rendering/requests.py), the sheets are made by the data step
and are not in the nav or the search. Each council page links to its sheet; the handover-note
template links to ``registret/overlevering/index.md``, the list of all sheets. The print
style (registry-pages.css) fits a sheet on one A4 page.
"""

from __future__ import annotations

from typing import Any

from registry.model import ELECTION_TERM, STATUS_HAR_RAAD, Council, Registry
from rendering.councils import (
    council_src,
    handover_src,
    neighbours_view,
    source_rows,
    unknown_facts,
)
from rendering.requests import shown
from rendering.templates import render
from rendering.text import danish_sort_key, https_url, plain
from rendering.urls import link, page_url

GUIDE_PAGE = "kom-godt-i-gang/overlevering.md"
TEMPLATE_PAGE = "vaerktoejer/overleveringsnotat.md"
INDEX = "registret/overlevering/index.md"


def handover_view(reg: Registry, c: Council, *, pages: frozenset[str] | set[str],
                  site_url: str | None, directory_urls: bool = True) -> dict[str, Any]:
    """Plain data for one sheet. Links go only to pages that are part of the site."""
    here = page_url(handover_src(c), directory_urls)

    def href(src: str) -> str | None:
        return link(src, here, directory_urls) if src in pages or src == council_src(c) else None

    near = neighbours_view(reg, c, href)
    peers = []
    if near:
        peers = [r for r in near["rows"] if r["status"] == STATUS_HAR_RAAD] or near["nearest"]
    base = https_url(site_url)
    return {
        "kommune": c.kommune,
        "code": c.code,
        "term": ELECTION_TERM,
        "title": plain(f"Overleveringsark: {c.kommune}"),
        "shown": shown(reg, c),
        "sources": source_rows(reg, c),
        "unknown": unknown_facts(c, about_sources=False),
        "peers": peers,
        "peers_are_neighbours": bool(near and peers and peers is not near["nearest"]),
        "council_href": href(council_src(c)),
        "council_url": f"{base.rstrip('/')}/{page_url(council_src(c), directory_urls)}" if base else None,
        "guide_href": href(GUIDE_PAGE),
        "template_href": href(TEMPLATE_PAGE),
    }


def handover_pages(reg: Registry, pages: frozenset[str] | set[str], *, site_url: str | None,
                   directory_urls: bool = True) -> dict[str, str]:
    """Every handover sheet and their list: docs path -> Markdown."""
    files = {
        handover_src(c): render("handover_sheet.md.j2", h=handover_view(
            reg, c, pages=pages, site_url=site_url, directory_urls=directory_urls))
        for c in reg.councils
    }
    here = page_url(INDEX, directory_urls)
    sheets = [{"kommune": c.kommune, "href": link(handover_src(c), here, directory_urls)}
              for c in sorted(reg.councils, key=lambda c: danish_sort_key(c.kommune))]
    files[INDEX] = render("handover_index.md.j2", sheets=sheets)
    return files
