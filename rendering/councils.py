"""The council pages: one Markdown page per municipality, ``raad/<slug>.md``.

``council_markdown`` turns one registry entry into the page's text: front matter, Markdown
headings (they make the table of contents) and HTML blocks from
``templates/council_page.md.j2``, autoescaped, so registry text is shown as text and never
read as Markdown, HTML or a macro. The engine then renders it like any other page.

Also here: ``row_view``, one municipality as a row of the overview tables, and the links from
the handbook's good-practice cases to council pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote
from typing import Any, Iterable

from registry import neighbours
from registry.model import (
    ELECTION_TERM,
    STATUS_HAR_RAAD,
    STATUS_INTET_RAAD,
    STATUS_NEDLAGT,
    STATUS_UKENDT,
    Council,
    Registry,
)
from rendering.frontmatter import read_page
from rendering.templates import render
from rendering.text import (
    danish_sort_key,
    format_date,
    https_url,
    issue_url,
    mailto,
    plain,
    repo_file_url,
    url_host,
)
from rendering.urls import link

# Pages the council pages link to. A link is made only when the page is part of the site,
# so tiny test sites without them still build strictly.
OVERVIEW_PAGE = "registret/index.md"
REGIONS_PAGE = "registret/regioner.md"
GUIDE_PAGE = "om/bidrag.md"
CASES_DIR = "gode-erfaringer"
ISSUE_TEMPLATE = "ret-raad.yml"
DATA_FILE = "data/councils.yaml"
NEIGHBOURS_METHOD = "data/geo/README.md"  # how the neighbours were found (shown in the repo)
HANDOVER_DIR = "registret/overlevering"
NEAREST = 3  # how many of the nearest councils a page lists when no neighbour has one

# A link from a handbook page to a council page: (../)+raad/<slug>.md, inline or reference style.
_COUNCIL_LINK = re.compile(r"(?<![\w/.-])(?:\.\./)+raad/([a-z0-9-]+)\.md\b")


def council_src(council: Council) -> str:
    """Path of a council's generated page among the docs: ``raad/aarhus.md``."""
    return f"raad/{council.slug}.md"


def handover_src(council: Council) -> str:
    """Docs path of a municipality's handover sheet: ``registret/overlevering/aarhus.md``."""
    return f"{HANDOVER_DIR}/{council.slug}.md"


def one_line(text: str | None) -> str | None:
    """Registry text on one line (an HTML block in Markdown must have no blank line)."""
    return " ".join(text.split()) if text is not None else None


def date_text(value: Any) -> str | None:
    if value is None:
        return None
    return format_date(value.isoformat() if hasattr(value, "isoformat") else value)


def _sort_key_date(value: Any) -> str:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else ""


def _lower_first(text: str) -> str:
    """"Kommunens regler ..." → "kommunens regler ..." (acronyms such as "LO" stay)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _term_text(reg: Registry, vocab: str, key: str | None) -> str | None:
    """Label plus description for a known value ("Ja – kommunens egne regler ..."), else None."""
    if key is None or key == "ukendt":
        return None
    term = reg.vocab.terms(vocab).get(key)
    if term is None:
        return key
    if term.beskrivelse:
        return f"{term.label} – {_lower_first(term.beskrivelse)}"
    return term.label


def region_short(reg: Registry, council: Council) -> str:
    region = reg.vocab.regioner.get(council.region_slug)
    return (region.kort or region.label) if region else council.region


def row_view(reg: Registry, council: Council, href: str) -> dict[str, Any]:
    """One municipality as a row of a table or an item of a list."""
    name = one_line(council.raad_navn)
    verified = date_text(council.sidst_verificeret)
    return {
        "code": council.code,
        "kommune": council.kommune,
        "sort_name": danish_sort_key(council.kommune),
        "href": href,
        "raad_navn": name,
        # On status lists the council's name is only worth showing when it is not the default.
        "show_name": bool(name) and name not in ("Integrationsrådet", "Integrationsråd"),
        "region": council.region,
        "region_slug": council.region_slug,
        "region_short": region_short(reg, council),
        "status": council.status,
        "status_label": reg.vocab.label("status", council.status),
        "medlemmer": council.medlemmer,
        "members_sort": f"{council.medlemmer:04d}" if council.medlemmer is not None else "",
        "hoeringsret_label": reg.vocab.label("hoeringsret", council.hoeringsret),
        "hoeringsret_unknown": council.hoeringsret in (None, "ukendt"),
        "sidst_verificeret": verified,
        "verified_sort": _sort_key_date(council.sidst_verificeret),
        "needs_verification": council.needs_verification,
        # One freshness signal for the overview: confirmed for the new term or not, and when
        # the editors last confirmed the entry. Sorts "Bør bekræftes" first, oldest first.
        "confirmed_text": ("Bør bekræftes" if council.needs_verification else "Ja")
        + (f" (sidst bekræftet {verified})" if verified else ""),
        "confirmed_sort": f"{0 if council.needs_verification else 1}{_sort_key_date(council.sidst_verificeret)}",
        "search_text": " ".join(x for x in (council.kommune, name or "", council.code) if x).lower(),
    }


def known_facts(reg: Registry, c: Council) -> list[dict[str, Any]]:
    """The known facts shown on a council page, in reading order."""
    facts: list[dict[str, Any]] = []
    if c.status == STATUS_INTET_RAAD:
        return facts

    def add(label: str, value: Any = None, *, items: Iterable[str] | None = None, href: str | None = None):
        items = list(items) if items is not None else None
        facts.append({"label": label, "value": value, "entries": items or None, "href": href})

    add("Rådets navn", one_line(c.raad_navn))
    add("Antal medlemmer", c.medlemmer)
    add("Sammensætning (delvis kendt)" if c.composition_partial else "Sammensætning", items=[
        f"{g.antal} – {reg.vocab.label('sammensaetning', g.gruppe)}" for g in c.sammensaetning
    ])
    add("Ret til at blive hørt", _term_text(reg, "hoeringsret", c.hoeringsret))
    add("Sådan vælges medlemmerne", _term_text(reg, "valgform", c.valgform))
    add("Aktiviteter", items=[reg.vocab.label("aktiviteter", a) for a in c.aktiviteter])
    home = https_url(c.hjemmeside)
    add("Rådets hjemmeside", url_host(home) if home else c.hjemmeside, href=home)
    add("Kontakt", c.kontakt, href=mailto(c.kontakt))
    if c.status == STATUS_NEDLAGT:
        closure = c.nedlagt
        add("Nedlagt", date_text(closure.dato) if closure else None)
        add("Begrundelse for nedlæggelsen", one_line(closure.begrundelse) if closure else None)
    return facts


def unknown_facts(c: Council, about_sources: bool = True) -> list[str]:
    """What the registry does not know about this municipality, in plain Danish
    (``about_sources``: also undated sources and whether the editors confirmed it)."""
    unknown: list[str] = []
    if c.status == STATUS_UKENDT:
        unknown.append("Om kommunen har et integrationsråd i dag")
    if c.status != STATUS_INTET_RAAD:
        for missing, text in (
            (not c.raad_navn, "Rådets navn"),
            (c.medlemmer is None, "Antal medlemmer"),
            (not c.sammensaetning, "Rådets sammensætning"),
            (c.composition_partial, "Resten af rådets sammensætning"),
            (c.hoeringsret in (None, "ukendt"), "Om rådet har ret til at blive hørt"),
            (c.valgform in (None, "ukendt"), "Hvordan medlemmerne vælges"),
            (not c.aktiviteter, "Rådets aktiviteter"),
            (not c.hjemmeside, "Rådets hjemmeside"),
            (not c.kontakt, "En fælles postkasse til rådet"),
        ):
            if missing:
                unknown.append(text)
    if c.status == STATUS_NEDLAGT:
        if not c.nedlagt or not c.nedlagt.dato:
            unknown.append("Hvornår rådet blev nedlagt")
        if not c.nedlagt or not c.nedlagt.begrundelse:
            unknown.append("Hvorfor rådet blev nedlagt")
    if not about_sources:
        return unknown
    undated = sum(1 for s in c.kilder if not s.dato)
    if undated:
        unknown.append("Datoen på 1 kilde" if undated == 1 else f"Datoen på {undated} kilder")
    if c.sidst_verificeret is None:
        unknown.append("Om redaktionen har bekræftet oplysningerne")
    return unknown


def source_refs(numbers: Iterable[int]) -> str:
    """"kilde 1", "kilde 1 og 2", "kilde 1, 2 og 3": the numbers of the page's source list."""
    words = [str(n) for n in numbers]
    if len(words) > 1:
        return "kilde " + ", ".join(words[:-1]) + " og " + words[-1]
    return "kilde " + words[0] if words else ""


def status_basis(reg: Registry, c: Council) -> list[str]:
    """What the status rests on, point by point, with the numbers of its sources."""
    basis = []
    if c.inklusion:
        for key, term in reg.vocab.inklusionspunkter.items():
            point = c.inklusion.points.get(key)
            if point is None:
                continue
            refs = f" ({source_refs(point.kilder)})" if point.kilder else ""
            basis.append(f"{term.label}: {reg.vocab.label('vurdering', point.vurdering).lower()}{refs}")
    if c.nedlagt and c.nedlagt.kilder:
        basis.append(f"Nedlæggelsen: {source_refs(c.nedlagt.kilder)}")
    if c.intet_raad:
        basis.append(f"At kommunen ikke har et råd: {source_refs(c.intet_raad)}")
    return basis


def confirmations_view(reg: Registry, c: Council) -> list[dict[str, Any]]:
    """The editors' confirmations, newest first, as the page shows them."""
    return [{
        "date": date_text(b.dato),
        "method": reg.vocab.label("bekraeftelsesmetode", b.metode),
        "fields": ", ".join(reg.vocab.label("felter", f).lower() for f in b.bekraefter),
        "source": source_refs([b.kilde]) if b.kilde else None,
        "fakta": one_line(b.fakta),
    } for b in sorted(c.bekraeftelser, key=lambda b: b.dato, reverse=True)]


def source_rows(reg: Registry, c: Council) -> list[dict[str, Any]]:
    """The entry's sources in their order (their numbers are the list's), as pages show them:
    only an https address becomes a link."""
    rows = []
    for s in c.kilder:
        url = https_url(s.url)
        rows.append({"href": url, "host": url_host(url) if url else None, "raw_url": s.url,
                     "date": date_text(s.dato), "fakta": one_line(s.fakta),
                     "kind": _lower_first(reg.vocab.label("kildeart", s.art))})
    return rows


def neighbours_view(reg: Registry, c: Council, href) -> dict[str, Any] | None:
    """The land neighbours (data/geo/naboer.json) with their status, and the nearest councils
    by distance when the municipality has no council or none of its neighbours has one (so
    every council page points to a peer). ``href`` makes a link from a docs path. None for a
    code the neighbour data does not have."""
    data = neighbours.load()
    if c.code not in data:
        return None

    def row(code: str) -> dict[str, Any]:
        other = reg.by_code[code]
        return {"kommune": other.kommune, "href": href(council_src(other)), "status": other.status,
                "status_label": reg.vocab.label("status", other.status),
                "km": round(data.distance_km(c.code, code))}

    # A neighbour outside this registry (a tiny test registry) has no page to show.
    rows = sorted((row(code) for code in data.neighbours(c.code) if code in reg.by_code),
                  key=lambda r: danish_sort_key(r["kommune"]))
    nearest = []
    if c.status != STATUS_HAR_RAAD or not any(r["status"] == STATUS_HAR_RAAD for r in rows):
        councils = [o.code for o in reg.councils if o.status == STATUS_HAR_RAAD]
        nearest = [row(code) for code in data.nearest(c.code, councils, NEAREST)]
    return {"island": not data.neighbours(c.code), "rows": rows, "nearest": nearest}


# The page's sections: heading and id (the ids are part of the page's address, keep them).
SECTIONS = {
    "known": ("Det ved vi", "det-ved-vi"),
    "unknown": ("Det ved vi ikke", "det-ved-vi-ikke"),
    "sources": ("Kilder", "kilder"),
    "neighbours": ("Nabokommuner", "nabokommuner"),
    "cases": ("Gode erfaringer", "gode-erfaringer"),
    "correct": ("Ret eller suppler oplysningerne", "ret"),
}


def council_view(
    reg: Registry,
    c: Council,
    *,
    pages: frozenset[str] | set[str] = frozenset(),
    cases: Iterable[tuple[str, str]] = (),
    repo_url: str | None = None,
    edit_uri: str | None = None,
    directory_urls: bool = True,
    site_url: str = "",
    mailbox: str | None = None,
) -> dict[str, Any]:
    """Plain data for a council page. ``pages``: docs paths of the site's pages (links go
    only to pages that exist); ``cases``: (title, docs path) of handbook pages linking here;
    ``mailbox``: the editors' functional mailbox (extra.mailbox), an e-mail route for
    corrections without a GitHub account.

    The entry's ``noter`` are the editors' notes to each other: they are shown on the
    maintainers' page (registret/verificering.md), not here."""
    here = link(council_src(c), "", directory_urls)

    def href(target: str) -> str | None:
        src = target.partition("#")[0]
        return link(target, here, directory_urls) if src in pages else None

    region = reg.vocab.regioner.get(c.region_slug)
    status_term = reg.vocab.status.get(c.status)
    sik = reg.vocab.sikkerhed.get(c.sikkerhed)
    status_label = reg.vocab.label("status", c.status)
    sources = source_rows(reg, c)
    left_out = [{"kind": reg.vocab.label("kildeart", s.art), "date": date_text(s.dato),
                 "fakta": one_line(s.fakta)} for s in c.udeladte_kilder]
    case_links = [{"title": title, "href": href(src)} for title, src in cases if href(src)]
    shown = ["known", "unknown", "sources", "neighbours"]
    if case_links:
        shown.append("cases")
    shown.append("correct")
    return {
        "code": c.code,
        "kommune": c.kommune,
        "title": plain(c.kommune) or c.code,
        "description": plain(
            f"{c.kommune}: {status_label}. Registrets oplysninger om integrationsrådet, "
            "kilder og hvad vi ikke ved."
        )[:160],
        "sections": {key: {"name": name, "id": anchor} for key, (name, anchor) in SECTIONS.items()},
        "shown": shown,
        "status": c.status,
        "status_label": status_label,
        "status_text": status_term.beskrivelse if status_term and status_term.beskrivelse else "",
        "region_label": region.label if region else c.region,
        "region_href": href(f"{REGIONS_PAGE}#{c.region_slug}"),
        "facts": known_facts(reg, c),
        "unknown": unknown_facts(c),
        "sources": sources,
        "left_out": left_out,
        "confirmations": confirmations_view(reg, c),
        "basis": status_basis(reg, c),
        "inclusion_organ": one_line(c.inklusion.organ) if c.inklusion else None,
        "sikkerhed_label": reg.vocab.label("sikkerhed", c.sikkerhed),
        "sikkerhed_text": _lower_first(sik.beskrivelse) if sik and sik.beskrivelse else None,
        "sidst_verificeret": date_text(c.sidst_verificeret),
        "needs_verification": c.needs_verification,
        "term": ELECTION_TERM,
        "cases": case_links,
        "issue_url": issue_url(repo_url, ISSUE_TEMPLATE, kommune=c.kommune),
        "edit_url": repo_file_url(repo_url, edit_uri, DATA_FILE),
        "mail_url": correction_mail(mailbox, c, site_url + c.url if site_url else None),
        "guide_href": href(GUIDE_PAGE),
        "overview_href": href(OVERVIEW_PAGE),
        "neighbours": neighbours_view(reg, c, lambda src: link(src, here, directory_urls)),
        "neighbours_method_url": repo_file_url(repo_url, edit_uri, NEIGHBOURS_METHOD, action="blob"),
        "handover_href": link(handover_src(c), here, directory_urls),
    }


def correction_mail(mailbox: str | None, c: Council, page_url: str | None) -> str | None:
    """A mailto: link to the editors' mailbox with the municipality in subject and body."""
    address = mailto(mailbox)
    if address is None:
        return None
    body = f"Kommune: {c.kommune} (kommunekode {c.code})\n"
    if page_url:
        body += f"Side: {page_url}\n"
    body += "\nDet er forkert eller mangler:\n\n\nKilde (link eller dokument):\n"
    return (f"{address}?subject={quote(f'Rettelse til registret: {c.kommune}')}"
            f"&body={quote(body)}")


def council_markdown(reg: Registry, c: Council, **kwargs: Any) -> str:
    """The whole Markdown page ``raad/<slug>.md`` (see the module docstring)."""
    return render("council_page.md.j2", c=council_view(reg, c, **kwargs))


def case_links(docs_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """slug -> [(title, docs path)] of the good-practice cases that link to that council's
    page, sorted by title. One pass over the case pages."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((docs_dir / CASES_DIR).glob("*.md")):
        page = read_page(path, docs_dir)
        for slug in sorted(set(_COUNCIL_LINK.findall(page.body))):
            found.setdefault(slug, []).append((page.title, page.src))
    for links in found.values():
        links.sort(key=lambda t: t[0].lower())
    return found


def council_pages(reg: Registry, docs_dir: Path, pages: frozenset[str], **kwargs: Any) -> dict[str, str]:
    """Every council page: docs path -> Markdown."""
    cases = case_links(docs_dir)
    return {
        council_src(c): council_markdown(reg, c, pages=pages, cases=cases.get(c.slug, ()), **kwargs)
        for c in reg.councils
    }


def unknown_case_targets(reg: Registry, docs_dir: Path) -> list[str]:
    """Case pages that link to a council page no municipality has (for a warning)."""
    known = {c.slug for c in reg.councils}
    return [
        f"{src}: linker til raad/{slug}.md, men ingen kommune har den side."
        for slug, links in sorted(case_links(docs_dir).items()) if slug not in known
        for _, src in links
    ]
