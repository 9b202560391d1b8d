"""Handbook pages due for review, for the maintainers' page (docs/om/vedligehold.md).

Each handbook page carries `sidst_gennemgaaet`, `naeste_gennemgang` and `ansvarlig` (a role)
in its front matter. The macro ``pages_due_for_review()`` lists the pages whose next review
date has passed (oldest first) and the pages that lack review dates, beside the registry's
own list of entries awaiting verification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rendering.frontmatter import read_pages
from rendering.templates import render
from rendering.text import format_date, md_escape
from rendering.urls import md_link, page_src

REVIEW_KEYS = ("sidst_gennemgaaet", "naeste_gennemgang", "ansvarlig")
# Pages made from data, or not part of the handbook's reviewed text.
NOT_REVIEWED = ("raad/",)


@dataclass(frozen=True)
class PageReview:
    src_uri: str
    title: str
    last: dt.date | None
    next: dt.date | None
    owner: str | None


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def collect(docs_dir: Path) -> list[PageReview]:
    """Review data of every Markdown page under ``docs_dir``."""
    return [
        PageReview(p.src, p.title if "title" in p.meta else p.src[:-3],
                   _as_date(p.meta.get("sidst_gennemgaaet")),
                   _as_date(p.meta.get("naeste_gennemgang")), p.meta.get("ansvarlig"))
        for p in read_pages(docs_dir) if not p.src.startswith(NOT_REVIEWED)
    ]


def due(pages: list[PageReview], today: dt.date) -> tuple[list[PageReview], list[PageReview]]:
    """(pages past their review date, oldest first; pages without review dates)."""
    overdue = sorted((p for p in pages if p.next and p.next <= today), key=lambda p: p.next)
    missing = [p for p in pages if not p.next]
    return overdue, missing


def register(env, docs_dir: Path) -> None:
    @env.macro
    def pages_due_for_review() -> str:
        """Table of handbook pages due for review, and of pages without review dates."""
        current = page_src(env.variables["page"])
        today = dt.date.today()
        pages = collect(docs_dir)
        overdue, missing = due(pages, today)

        def view(p: PageReview) -> dict:
            # Markdown output: MkDocs then checks every link strictly. Text is md-escaped.
            return {"title_md": md_escape(p.title), "href": md_link(p.src_uri, current),
                    "last": format_date(p.last.isoformat()) if p.last else "–",
                    "next": format_date(p.next.isoformat()) if p.next else "–",
                    "owner_md": md_escape(p.owner) if p.owner else "–"}

        return render("review_pages.md.j2", overdue=[view(p) for p in overdue],
                      missing=[view(p) for p in missing], total=len(pages),
                      today=format_date(today.isoformat()))
