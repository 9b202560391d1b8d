"""The registry's overview blocks, used as macros on the pages in ``docs/registret/``.

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
  ``registry_progress()``    ``registret/verificering.md``, ``om/vedligehold.md`` (confirmed
                             for the new term: n of 98, by region and by status)
  ``registry_inclusion()``   ``registret/status.md`` (bodies judged by the inclusion rule)
  =========================  ==========================================================

Every block is HTML from a template in ``templates/`` (autoescaped) and carries
``data-search-exclude``: its lists repeat what each council's own page says, so search finds
that page instead of the lists naming it. Only the region and status headings are Markdown.
Links are relative to the page the macro stands on (``Blocks.current``).
"""

from __future__ import annotations

from typing import Any, Iterable

from registry.model import ELECTION_TERM, Council, Registry
from rendering.councils import council_src, row_view, status_basis
from rendering.requests import request_src
from rendering.templates import html_block
from rendering.text import danish_sort_key, format_date, md_escape
from rendering.urls import link


class Blocks:
    """The blocks for one page, whose site URL is ``current``."""

    def __init__(self, reg: Registry, current: str, directory_urls: bool = True) -> None:
        self.reg = reg
        self.current = current
        self.directory_urls = directory_urls

    def rows(self, councils: Iterable[Council]) -> list[dict[str, Any]]:
        return [row_view(self.reg, c, link(council_src(c), self.current, self.directory_urls))
                for c in councils]

    def counts(self) -> str:
        reg = self.reg
        rows = []
        for status, n in reg.counts().items():
            term = reg.vocab.status[status]
            rows.append({"count": n, "text": term.says("antal_en" if n == 1 else "antal_flere")})
        flagged = sum(1 for c in reg.councils if c.needs_verification)
        return html_block("counts.html.j2", total=len(reg), rows=rows, flagged=flagged)

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
        chosen = sorted(reg.councils if councils is None else councils,
                        key=lambda c: danish_sort_key(c.kommune))
        return html_block(
            "table.html.j2",
            rows=self.rows(chosen),
            table_id=table_id,
            caption=caption or f"Alle {len(chosen)} kommuner og deres integrationsråd",
            show_region=show_region,
            filter=filter,
            term=ELECTION_TERM,
            regions=[{"slug": k, "label": t.label} for k, t in reg.vocab.regioner.items()],
            statuses=[{"key": k, "label": t.label} for k, t in reg.vocab.status.items()],
        )

    def regions(self) -> str:
        """Markdown: one ``##`` section per region with counts and a sortable table."""
        reg = self.reg
        parts = []
        for slug, councils in reg.by_region().items():
            term = reg.vocab.regioner[slug]
            counts = {k: 0 for k in reg.vocab.status}
            for c in councils:
                counts[c.status] += 1
            parts.append(f"## {md_escape(term.label)} {{#{slug}}}\n")
            parts.append(html_block(
                "region_summary.html.j2",
                label=term.label,
                total=len(councils),
                counts=[{"label": reg.vocab.label("status", k), "count": n} for k, n in counts.items()],
            ))
            parts.append(self.table(councils, table_id=f"registry-{slug}",
                                    caption=f"Kommuner i {term.label}", show_region=False,
                                    filter=False))
        return "\n\n".join(parts)

    def statuses(self) -> str:
        """Markdown: one ``##`` section per status with the municipalities as links."""
        reg = self.reg
        parts = []
        for status, councils in reg.by_status().items():
            term = reg.vocab.status[status]
            parts.append(f"## {md_escape(term.label)} {{#{status.replace('_', '-')}}}\n")
            parts.append(html_block(
                "status_list.html.j2",
                rows=self.rows(sorted(councils, key=lambda c: danish_sort_key(c.kommune))),
                description=term.beskrivelse or "",
            ))
        return "\n\n".join(parts)

    def freshness(self, short: bool = False) -> str:
        """Entries that need verification, oldest first (by the newer of newest source and
        verification date; entries without any date come first). ``short``: without what to
        check and the link to the questions, for a page that links to the full list."""
        reg = self.reg
        flagged = [c for c in reg.councils if c.needs_verification]
        flagged.sort(key=lambda c: (c.last_confirmed is not None, c.last_confirmed or 0, c.kommune))
        rows = []
        for c, row in zip(flagged, self.rows(flagged)):
            newest = c.newest_source_date
            dated = [s for s in c.kilder if s.sort_date == newest] if newest else []
            check = reg.vocab.status[c.status].says("tjek")
            row.update(
                request_href=link(request_src(c), self.current, self.directory_urls),
                newest_source=format_date(dated[0].dato) if dated else None,
                newest_sort=newest.isoformat() if newest else "",
                sikkerhed_label=reg.vocab.label("sikkerhed", c.sikkerhed),
                check=f"{check} {' '.join(c.noter.split())}" if c.noter else check,
            )
            rows.append(row)
        return html_block("freshness.html.j2", rows=rows, short=short)

    def progress(self) -> str:
        """How many entries are confirmed for the new term, overall, by region and by status
        (confirmed: a confirmation or a source from the election day or later)."""
        reg = self.reg

        def row(label: str, councils: tuple[Council, ...]) -> dict[str, Any]:
            done = sum(1 for c in councils if not c.needs_verification)
            return {"label": label, "done": done, "total": len(councils)}

        return html_block(
            "progress.html.j2", term=ELECTION_TERM, overall=row("Alle", reg.councils),
            regions=[row(reg.vocab.regioner[k].label, cs) for k, cs in reg.by_region().items()],
            statuses=[row(reg.vocab.label("status", k), cs) for k, cs in reg.by_status().items()],
        )

    def inclusion(self) -> str:
        """Every body with another name that the inclusion rule was applied to: the decision
        and the points, each with the sources on the municipality's page."""
        reg = self.reg
        judged = [c for c in reg.councils if c.inklusion
                  and c.inklusion.point("kaldt_integrationsraad").vurdering != "ja"]
        judged.sort(key=lambda c: (not c.inklusion.counts, danish_sort_key(c.kommune)))
        rows = []
        for c, row in zip(judged, self.rows(judged)):
            row.update(organ=c.inklusion.organ, counts=c.inklusion.counts,
                       points=[line for line in status_basis(reg, c) if not line.startswith(
                           ("Nedlæggelsen", "At kommunen ikke"))])
            rows.append(row)
        return html_block("inclusion_table.html.j2", rows=rows)


def register(env, reg: Registry) -> None:
    """Add the registry macros to mkdocs-macros (called from macros.py)."""

    def blocks() -> Blocks:
        page = env.variables["page"]
        return Blocks(reg, page.url, env.conf.get("use_directory_urls", True))

    def registry_counts() -> str:
        """Headline counts per status (HTML)."""
        return blocks().counts()

    def registry_table() -> str:
        """All municipalities in one sortable, filterable table (HTML)."""
        return blocks().table()

    def registry_regions() -> str:
        """One section per region (Markdown headings + HTML tables)."""
        return blocks().regions()

    def registry_statuses() -> str:
        """One section per status (Markdown headings + HTML lists)."""
        return blocks().statuses()

    def registry_freshness(short: bool = False) -> str:
        """What needs verifying for the new term, oldest first (HTML); ``short=True``: the
        municipality, its status and dates only."""
        return blocks().freshness(short=short)

    def registry_progress() -> str:
        """Confirmed for the new term: n of all, by region and by status (HTML)."""
        return blocks().progress()

    def registry_inclusion() -> str:
        """Bodies judged by the inclusion rule, with the decision and its sources (HTML)."""
        return blocks().inclusion()

    def registry_total() -> int:
        """Number of municipalities in the registry."""
        return len(reg)

    def registry_flagged() -> int:
        """Number of entries that should be verified for the new term."""
        return sum(1 for c in reg.councils if c.needs_verification)

    for fn in (registry_counts, registry_table, registry_regions, registry_statuses,
               registry_freshness, registry_progress, registry_inclusion, registry_total,
               registry_flagged):
        env.macro(fn, fn.__name__)
