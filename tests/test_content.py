"""The handbook's content rules, checked on the Markdown sources.

Every page: a title, its own short description, review dates and a responsible role; every
footnote reference resolves and every footnote is used; nothing is copied word for word from
the source documents; the handbook as a whole carries its citations.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HANDBOOK_DIRS = ("start", "lovgrundlag", "sekretaeren", "kom-godt-i-gang", "raadets-aar",
                 "gode-erfaringer", "vaerktoejer", "viden")
HANDBOOK_FILES = ("ordliste.md", "spoergsmaal-og-svar.md")

REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
FENCE = re.compile(r"(?ms)^(```|~~~).*?^\1")


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def handbook_pages() -> list[Path]:
    out = [p for d in HANDBOOK_DIRS for p in sorted((DOCS / d).glob("*.md"))]
    return out + [DOCS / f for f in HANDBOOK_FILES]


def rel(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


def test_all_handbook_sections_exist():
    missing = [d for d in HANDBOOK_DIRS if not (DOCS / d / "index.md").is_file()]
    missing += [f for f in HANDBOOK_FILES if not (DOCS / f).is_file()]
    assert not missing, f"handbook sections missing: {missing}"


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_front_matter(page):
    _, meta = get_data(page.read_text(encoding="utf-8"))
    assert str(meta.get("title", "")).strip(), "no title"
    description = str(meta.get("description", "")).strip()
    assert description, "no description (shown in search results)"
    assert len(description) <= 160, f"description is {len(description)} characters (max 160)"
    for key in ("sidst_gennemgaaet", "naeste_gennemgang"):
        assert isinstance(meta.get(key), dt.date), f"{key} missing or not a date (YYYY-MM-DD)"
    assert meta["naeste_gennemgang"] > meta["sidst_gennemgaaet"]
    owner = str(meta.get("ansvarlig", "")).strip()
    assert owner, "no ansvarlig (a role)"
    assert not re.search(r"[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ][a-zæøå]+", owner), \
        f"ansvarlig should be a role, not a person: {owner!r}"


@pytest.mark.parametrize("page", pages(), ids=rel)
def test_footnotes_resolve_and_are_used(page):
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    defined = set(DEF.findall(text))
    body = DEF.sub("", text)
    referenced = set(REF.findall(body))
    assert not referenced - defined, f"footnotes without a source: {sorted(referenced - defined)}"
    assert not defined - referenced, f"footnotes never referenced: {sorted(defined - referenced)}"


def test_handbook_has_at_least_sixty_citations():
    refs = sum(len(REF.findall(DEF.sub("", FENCE.sub("", p.read_text(encoding="utf-8")))))
               for p in handbook_pages())
    assert refs >= 60, f"only {refs} footnote references in the handbook"


def test_every_handbook_page_cites_something_or_links_onwards():
    bare = []
    for page in handbook_pages():
        text = page.read_text(encoding="utf-8")
        if not REF.search(text) and not re.search(r"\]\((?!#)[^)]+\)", text):
            bare.append(rel(page))
    assert not bare, f"pages with neither a footnote nor a link: {bare}"


PHONE = re.compile(r"(?<![\d.-])(?:\+45[ ]?)?\d{2}[ ]\d{2}[ ]\d{2}[ ]\d{2}(?![\d-])")


def test_no_phone_numbers_in_pages_or_templates():
    hits = []
    for path in pages() + sorted((ROOT / "templates").rglob("*.md")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PHONE.search(line):
                hits.append(f"{rel(path)}:{n}: {line.strip()[:80]}")
    assert not hits, "looks like phone numbers:\n" + "\n".join(hits)
