"""Registry pages: the council page per municipality and the overview macros.

Two callers:

* ``hooks/registry_pages.py`` calls :func:`render_council_page` once per municipality and
  adds the result as a generated page ``raad/<slug>.md``.
* ``macros.py`` calls :func:`register`, which adds the macros used on ``docs/registret/*.md``:

  =========================  ==========================================================
  macro                      used on
  =========================  ==========================================================
  ``registry_counts()``      ``registret/index.md`` (headline counts per status)
  ``registry_table()``       ``registret/index.md`` (all municipalities, sort + filter)
  ``registry_total()``       any page (number of municipalities, as text)
  ``registry_flagged()``     any page (number of entries that need verification)
  ``registry_regions()``     ``registret/regioner.md`` (one section + table per region)
  ``registry_statuses()``    ``registret/status.md`` (one section + list per status)
  ``registry_freshness()``   ``registret/verificering.md`` (what to verify, oldest first)
  =========================  ==========================================================

All markup comes from Jinja templates in ``templates/registry/`` rendered with autoescape ON,
so every value from the registry is escaped, attributes included. Only URLs that pass
:func:`registry.text.https_url` reach an ``href``. Python here builds plain data ("views").
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import jinja2
from markupsafe import Markup, escape

from registry.model import ELECTION_TERM, Council, Registry
from registry.text import danish_sort_key, format_date, https_url, issue_url, mailto, md_escape, plain, repo_file_url, url_host

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = ROOT / "templates" / "registry"

# Where the registry's own pages live (docs/registret/). Links are only emitted to pages
# that exist in the build, so tiny test sites without them still build strictly.
OVERVIEW_PAGE = "registret/index.md"
REGIONS_PAGE = "registret/regioner.md"
STATUS_PAGE = "registret/status.md"
GUIDE_PAGE = "om/bidrag.md"
ISSUE_TEMPLATE = "ret-raad.yml"
DATA_FILE = "data/councils.yaml"


# --------------------------------------------------------------------------- templates


@functools.lru_cache(maxsize=None)
def jinja_env(templates_dir: str = str(TEMPLATES_DIR)) -> jinja2.Environment:
    """The one Jinja environment for registry blocks: compiled once per process."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # "{#id}" is Markdown's attribute list for headings; template comments use {## ##}.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    return env


def render(template: str, **context: Any) -> str:
    """Render ``templates/registry/<template>`` with autoescape."""
    return jinja_env().get_template(template).render(**context)


# --------------------------------------------------------------------------- URLs


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """Site-relative URL MkDocs gives the page ``src_uri`` (``raad/x.md`` → ``raad/x/``)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        base = stem[: -len("index")]
        return base if use_directory_urls else base + "index.html"
    return stem + "/" if use_directory_urls else stem + ".html"


def relative_url(target: str, current: str) -> str:
    """``target`` (site-relative URL) as seen from the page at ``current``."""
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, current)


def md_link(target_src: str, from_src: str) -> str:
    """Relative ``.md`` link from one docs page to another (MkDocs validates these).
    Used by registry/review.py."""
    return posixpath.relpath(target_src, posixpath.dirname(from_src) or ".")


def council_src_uri(council: Council) -> str:
    """Source path of a council's generated page."""
    return f"raad/{council.slug}.md"


# --------------------------------------------------------------------------- views


def _date_text(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return format_date(value)


def _sort_key_date(value: Any) -> str:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else ""


def _lower_first(text: str) -> str:
    """"Kommunens regler ..." → "kommunens regler ..." (acronyms such as "LO" stay)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _term_text(reg: Registry, vocab: str, key: str | None) -> str | None:
    """Label plus description for a known value ("Ja – Kommunens egne regler ..."), else None."""
    if key is None or key == "ukendt":
        return None
    term = reg.vocab.terms(vocab).get(key)
    if term is None:
        return key
    if term.beskrivelse:
        return f"{term.label} – {_lower_first(term.beskrivelse)}"
    return term.label


def _region_term(reg: Registry, council: Council):
    return reg.vocab.regioner.get(council.region_slug)


def row_view(reg: Registry, council: Council, href: str) -> dict[str, Any]:
    """Plain data for one table row or list item."""
    region = _region_term(reg, council)
    region_short = (region.kort or region.label) if region else council.region
    name = council.raad_navn
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
        "region_short": region_short,
        "status": council.status,
        "status_label": reg.vocab.label("status", council.status),
        "medlemmer": council.medlemmer,
        "members_sort": f"{council.medlemmer:04d}" if council.medlemmer is not None else "",
        "hoeringsret_label": reg.vocab.label("hoeringsret", council.hoeringsret),
        "sidst_verificeret": _date_text(council.sidst_verificeret),
        "verified_sort": _sort_key_date(council.sidst_verificeret),
        "needs_verification": council.needs_verification,
        "search_text": " ".join(
            x for x in (council.kommune, name or "", council.code) if x
        ).lower(),
    }


def _facts(reg: Registry, c: Council) -> list[dict[str, Any]]:
    """The known/unknown facts shown on a council page, in reading order."""
    facts: list[dict[str, Any]] = []
    if c.status == "intet_raad":
        return facts

    def add(label: str, value: Any = None, *, items: Iterable[str] | None = None, href: str | None = None):
        items = list(items) if items is not None else None
        facts.append({"label": label, "value": value, "entries": items or None, "href": href})

    add("Rådets navn", c.raad_navn)
    add("Antal medlemmer", c.medlemmer)
    add(
        "Sammensætning",
        None,
        items=[
            f"{g.antal} – {reg.vocab.label('sammensaetning', g.gruppe)}" for g in c.sammensaetning
        ],
    )
    add("Ret til at blive hørt", _term_text(reg, "hoeringsret", c.hoeringsret))
    add("Sådan vælges medlemmerne", _term_text(reg, "valgform", c.valgform))
    add(
        "Aktiviteter",
        None,
        items=[reg.vocab.label("aktiviteter", a) for a in c.aktiviteter],
    )
    home = https_url(c.hjemmeside)
    add("Rådets hjemmeside", (url_host(home) if home else c.hjemmeside), href=home)
    add("Kontakt", c.kontakt, href=mailto(c.kontakt))
    if c.status == "nedlagt":
        closure = c.nedlagt
        add("Nedlagt", _date_text(closure.dato) if closure else None)
        add("Begrundelse for nedlæggelsen", closure.begrundelse if closure else None)
    return facts


def _unknowns(c: Council) -> list[str]:
    """What the registry does not know about this municipality, in plain Danish."""
    unknown: list[str] = []
    if c.status == "ukendt":
        unknown.append("Om kommunen har et integrationsråd i dag")
    if c.status != "intet_raad":
        if not c.raad_navn:
            unknown.append("Rådets navn")
        if c.medlemmer is None:
            unknown.append("Antal medlemmer")
        if not c.sammensaetning:
            unknown.append("Rådets sammensætning")
        if c.hoeringsret in (None, "ukendt"):
            unknown.append("Om rådet har ret til at blive hørt")
        if c.valgform in (None, "ukendt"):
            unknown.append("Hvordan medlemmerne vælges")
        if not c.aktiviteter:
            unknown.append("Rådets aktiviteter")
        if not c.hjemmeside:
            unknown.append("Rådets hjemmeside")
        if not c.kontakt:
            unknown.append("En fælles postkasse til rådet")
    if c.status == "nedlagt":
        if not c.nedlagt or not c.nedlagt.dato:
            unknown.append("Hvornår rådet blev nedlagt")
        if not c.nedlagt or not c.nedlagt.begrundelse:
            unknown.append("Hvorfor rådet blev nedlagt")
    undated = sum(1 for s in c.kilder if not s.dato)
    if undated:
        unknown.append(
            "Datoen på 1 kilde" if undated == 1 else f"Datoen på {undated} kilder"
        )
    if c.sidst_verificeret is None:
        unknown.append("Om redaktionen har bekræftet oplysningerne")
    return unknown


SECTIONS = {
    "known": "Det ved vi",
    "unknown": "Det ved vi ikke",
    "sources": "Kilder",
    "notes": "Det bør redaktionen tjekke",
    "cases": "Gode erfaringer",
    "correct": "Ret eller suppler oplysningerne",
}
SECTION_IDS = {
    "known": "det-ved-vi",
    "unknown": "det-ved-vi-ikke",
    "sources": "kilder",
    "notes": "det-skal-tjekkes",
    "cases": "gode-erfaringer",
    "correct": "ret",
}


def council_view(
    reg: Registry,
    c: Council,
    *,
    existing: frozenset[str] | set[str] = frozenset(),
    cases: Iterable[tuple[str, str]] = (),
    repo_url: str | None = None,
    edit_uri: str | None = None,
    use_directory_urls: bool = True,
) -> dict[str, Any]:
    """Plain data for a council page. ``existing``: src URIs of pages in this build (links go
    only to pages that exist); ``cases``: (title, src_uri) of handbook pages linking here."""
    src = council_src_uri(c)
    here = page_url(src, use_directory_urls)

    def href(target_src: str) -> str | None:
        if target_src not in existing:
            return None
        return relative_url(page_url(target_src, use_directory_urls), here)

    region = _region_term(reg, c)
    region_label = region.label if region else c.region
    status_term = reg.vocab.status.get(c.status)
    sik = reg.vocab.sikkerhed.get(c.sikkerhed)
    sources = []
    for s in c.kilder:
        url = https_url(s.url)
        sources.append(
            {
                "href": url,
                "host": url_host(url) if url else None,
                "raw_url": s.url,
                "date": _date_text(s.dato),
                "fakta": s.fakta,
            }
        )
    status_label = reg.vocab.label("status", c.status)
    region_href = href(REGIONS_PAGE)
    case_views = [
        {"title": title, "href": href(case_src)} for title, case_src in cases if href(case_src)
    ]
    sections = {key: {"id": SECTION_IDS[key], "name": name} for key, name in SECTIONS.items()}
    shown = ["known", "unknown", "sources"]
    if c.noter:
        shown.append("notes")
    if case_views:
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
        "h1": {"id": "kommune", "name": c.kommune},
        "sections": sections,
        "toc": [sections[key] for key in shown],
        "status": c.status,
        "status_label": status_label,
        "status_text": status_term.beskrivelse if status_term and status_term.beskrivelse else "",
        "region_label": region_label,
        "region_href": f"{region_href}#{c.region_slug}" if region_href else None,
        "facts": _facts(reg, c),
        "unknown": _unknowns(c),
        "sources": sources,
        "noter": c.noter,
        "sikkerhed_label": reg.vocab.label("sikkerhed", c.sikkerhed),
        "sikkerhed_text": _lower_first(sik.beskrivelse) if sik and sik.beskrivelse else None,
        "sidst_verificeret": _date_text(c.sidst_verificeret),
        "needs_verification": c.needs_verification,
        "term": ELECTION_TERM,
        "cases": case_views,
        "issue_url": issue_url(repo_url, ISSUE_TEMPLATE, kommune=c.kommune),
        "edit_url": repo_file_url(repo_url, edit_uri, DATA_FILE),
        "guide_href": href(GUIDE_PAGE),
        "overview_href": href(OVERVIEW_PAGE),
    }


@dataclass(frozen=True)
class CouncilPage:
    """A rendered council page.

    ``meta`` is the page's front matter (title, description, page template, and what keeps
    mkdocs-macros and Material's search parser away; see hooks/registry_pages.py);
    ``html`` is the page body from ``council_page.html.j2`` (autoescaped) and ``toc_tokens``
    its headings as Markdown-toc tokens. hooks/registry_pages.py hands both to MkDocs
    directly: registry text never goes through the Markdown parser, so nothing in it can
    become markup, and 1,000+ pages build in a fraction of the time.
    """

    meta: dict[str, Any]
    html: str
    toc_tokens: tuple[dict[str, Any], ...]

    def toc(self):
        """The page's table of contents (an ``mkdocs.structure.toc.TableOfContents``)."""
        from mkdocs.structure.toc import get_toc

        return get_toc([dict(t, children=[dict(ch) for ch in t["children"]]) for t in self.toc_tokens])


def render_council_page(
    reg: Registry,
    c: Council,
    *,
    permalink_title: str | None = None,
    template: str | None = None,
    **kwargs: Any,
) -> CouncilPage:
    """Render the council page ``raad/<slug>.md`` (see :class:`CouncilPage`).
    ``template``: page template for the front matter (None: the theme's main.html)."""
    view = council_view(reg, c, **kwargs)
    # Registry text never meets mkdocs-macros (render_macros) or the Markdown parser; the
    # hook makes the page's search entries itself (search.exclude: no second, slower pass).
    meta: dict[str, Any] = {
        "title": view["title"],
        "description": view["description"],
        "render_macros": False,
        "search": {"exclude": True},
    }
    if template:
        meta["template"] = template
    html = render("council_page.html.j2", c=view, permalink_title=permalink_title).strip()
    h1 = view["h1"]
    toc = (
        {
            "level": 1,
            "id": h1["id"],
            "name": str(escape(h1["name"])),
            "children": [
                {"level": 2, "id": s["id"], "name": str(escape(s["name"])), "children": []}
                for s in view["toc"]
            ],
        },
    )
    return CouncilPage(meta, html, toc)


# --------------------------------------------------------------------------- overview blocks


class Deferred:
    """HTML blocks from the macros that skip the Markdown parser.

    With the hook active (``hooks/registry_pages.py`` sets ``enabled``), a macro returns a
    placeholder comment instead of its HTML, and the hook puts the HTML back after Markdown
    (``on_page_context``, after the search plugin has indexed the page). The HTML is already escaped by the templates; Markdown would only
    re-parse it, which is slow for tables of 1,000+ rows. Without the hook (e.g. a test site
    that uses only the macros), macros return their HTML directly.
    """

    def __init__(self) -> None:
        self.enabled = False
        self.blocks: dict[str, list[tuple[str, str]]] = {}

    def stash(self, src_uri: str, html: str) -> str:
        items = self.blocks.setdefault(src_uri, [])
        placeholder = f"<!-- registry-block {len(items)} -->"
        items.append((placeholder, html))
        return f"\n\n{placeholder}\n\n"

    def fill(self, src_uri: str, html: str) -> str:
        for placeholder, block in self.blocks.pop(src_uri, []):
            if placeholder not in html:
                raise ValueError(f"placeholder {placeholder!r} lost in Markdown conversion")
            html = html.replace(placeholder, block, 1)
        return html


DEFERRED = Deferred()


class Blocks:
    """Renders the overview blocks for one page; links are relative to ``page_url``.
    ``defer`` receives each HTML block and returns what goes into the Markdown."""

    def __init__(
        self,
        reg: Registry,
        current_url: str,
        use_directory_urls: bool = True,
        defer=None,
    ):
        self.reg = reg
        self.current_url = current_url
        self.use_directory_urls = use_directory_urls
        self.defer = defer or (lambda html: html)

    def href(self, council: Council) -> str:
        target = page_url(council_src_uri(council), self.use_directory_urls)
        return relative_url(target, self.current_url)

    def rows(self, councils: Iterable[Council]) -> list[dict[str, Any]]:
        return [row_view(self.reg, c, self.href(c)) for c in councils]

    def counts(self) -> str:
        reg = self.reg
        texts = {
            "har_raad": ("kommune har et integrationsråd", "kommuner har et integrationsråd"),
            "nedlagt": ("kommune har nedlagt sit råd", "kommuner har nedlagt deres råd"),
            "intet_raad": ("kommune har ikke et råd", "kommuner har ikke et råd"),
            "ukendt": (
                "kommune, hvor vi ikke ved, om der er et råd",
                "kommuner, hvor vi ikke ved, om der er et råd",
            ),
        }
        rows = []
        for status, n in reg.counts().items():
            one, many = texts.get(status, (reg.vocab.label("status", status),) * 2)
            rows.append({"status": status, "count": n, "text": one if n == 1 else many})
        flagged = sum(1 for c in reg.councils if c.needs_verification)
        return self.defer(render("counts.html.j2", total=len(reg), rows=rows, flagged=flagged))

    def table(
        self,
        councils: Iterable[Council] | None = None,
        *,
        table_id: str = "registry-table",
        caption: str | None = None,
        show_region: bool = True,
        filter: bool = True,
    ) -> str:
        reg = self.reg
        councils = sorted(
            reg.councils if councils is None else councils, key=lambda c: danish_sort_key(c.kommune)
        )
        return self.defer(render(
            "table.html.j2",
            rows=self.rows(councils),
            table_id=table_id,
            caption=caption or f"Alle {len(councils)} kommuner og deres integrationsråd",
            show_region=show_region,
            filter=filter,
            regions=[{"slug": k, "label": t.label} for k, t in reg.vocab.regioner.items()],
            statuses=[{"key": k, "label": t.label} for k, t in reg.vocab.status.items()],
        ))

    def regions(self) -> str:
        """Markdown: one ``##`` section per region with counts and a sortable table."""
        reg = self.reg
        parts = []
        for slug, councils in reg.by_region().items():
            term = reg.vocab.regioner[slug]
            counts = {k: 0 for k in reg.vocab.status}
            for c in councils:
                counts[c.status] = counts.get(c.status, 0) + 1
            parts.append(f"## {md_escape(term.label)} {{#{slug}}}\n")
            parts.append(
                self.defer(render(
                    "region_summary.html.j2",
                    label=term.label,
                    total=len(councils),
                    counts=[
                        {"label": reg.vocab.label("status", k), "count": n}
                        for k, n in counts.items()
                    ],
                ))
            )
            parts.append(
                self.table(
                    councils,
                    table_id=f"registry-{slug}",
                    caption=f"Kommuner i {term.label}",
                    show_region=False,
                    filter=False,
                )
            )
        return "\n".join(parts)

    def statuses(self) -> str:
        """Markdown: one ``##`` section per status with the municipalities as links."""
        reg = self.reg
        parts = []
        for status, councils in reg.by_status().items():
            term = reg.vocab.status[status]
            parts.append(f"## {md_escape(term.label)} {{#{status.replace('_', '-')}}}\n")
            parts.append(
                self.defer(render(
                    "status_list.html.j2",
                    rows=self.rows(sorted(councils, key=lambda c: danish_sort_key(c.kommune))),
                    description=term.beskrivelse or "",
                ))
            )
        return "\n".join(parts)

    def freshness(self) -> str:
        """Entries that need verification, oldest first (by the newer of newest source and
        verification date; entries without any date come first)."""
        reg = self.reg
        flagged = [c for c in reg.councils if c.needs_verification]
        flagged.sort(key=lambda c: (c.last_confirmed is not None, c.last_confirmed or 0, c.kommune))
        rows = []
        for c in flagged:
            row = row_view(reg, c, self.href(c))
            newest = c.newest_source_date
            dated = [s for s in c.kilder if s.sort_date == newest] if newest else []
            row.update(
                newest_source=format_date(dated[0].dato) if dated else None,
                newest_sort=_sort_key_date(newest),
                sikkerhed_label=reg.vocab.label("sikkerhed", c.sikkerhed),
                check=_what_to_check(c),
            )
            rows.append(row)
        return self.defer(render("freshness.html.j2", rows=rows))


def _what_to_check(c: Council) -> str:
    """One short instruction per status; the maintainers' note follows when there is one."""
    base = {
        "har_raad": "Findes rådet stadig efter valget? Tjek navn, antal medlemmer og kommunens side.",
        "nedlagt": "Er rådet stadig nedlagt, eller er et nyt råd oprettet?",
        "intet_raad": "Har kommunen stadig intet råd?",
        "ukendt": "Har kommunen et råd? Søg på kommunens side under råd og nævn.",
    }.get(c.status, "Bekræft oplysningerne.")
    return f"{base} {c.noter}" if c.noter else base


# --------------------------------------------------------------------------- macros


def _registry_for(env) -> Registry:
    from registry.loader import get_registry

    return get_registry(env.conf)


def _blocks(env) -> Blocks:
    page = env.page
    defer = None
    if DEFERRED.enabled:
        src_uri = page.file.src_uri
        defer = functools.partial(DEFERRED.stash, src_uri)
    return Blocks(_registry_for(env), page.url, env.conf.get("use_directory_urls", True), defer)


def register(env) -> None:
    """Add the registry macros to mkdocs-macros (called from macros.py)."""

    def registry_counts() -> str:
        """Headline counts per status (HTML)."""
        return _blocks(env).counts()

    def registry_table() -> str:
        """All municipalities in one sortable, filterable table (HTML)."""
        return _blocks(env).table()

    def registry_regions() -> str:
        """One section per region (Markdown headings + HTML tables)."""
        return _blocks(env).regions()

    def registry_statuses() -> str:
        """One section per status (Markdown headings + HTML lists)."""
        return _blocks(env).statuses()

    def registry_freshness() -> str:
        """What needs verifying for the new term, oldest first (HTML)."""
        return _blocks(env).freshness()

    def registry_total() -> int:
        """Number of municipalities in the registry."""
        return len(_registry_for(env))

    def registry_flagged() -> int:
        """Number of entries that should be verified for the new term."""
        return sum(1 for c in _registry_for(env).councils if c.needs_verification)

    for fn in (
        registry_counts,
        registry_table,
        registry_regions,
        registry_statuses,
        registry_freshness,
        registry_total,
        registry_flagged,
    ):
        env.macro(fn, fn.__name__)
