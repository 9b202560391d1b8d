"""Statistics computed from the registry, drawn as accessible SVG bar charts with a data table.

One generic chart, ``bar_chart(title, rows, unit, ...)``, renders
``templates/chart_bar.html.j2`` (autoescape on) for every statistic: a ``<figure>`` with a
caption, an SVG (``role="img"`` with the full text alternative), values written on the bars,
"unknown" bars hatched as well as labelled, and a data table under the chart.

Statistics (``STATISTICS``; the macro ``registry_chart(name)`` renders one of them):

- ``status``         every municipality by council status
- ``regioner``       councils per region
- ``navne``          council names: "…integrationsråd…" / another name / unknown
- ``stoerrelse``     number of members, in bins
- ``sammensaetning`` which groups sit on the councils (a council counts once per group)
- ``hoeringsret``    formal right to be consulted under local rules
- ``valgform``       how members are chosen
- ``kilder``         freshness: year of each entry's newest source

Unknown is always counted as unknown, never as "no". Also here: ``dnir_themes_chart()``, the
themes of the DNIR 2023 survey from ``data/viden/dnir2023_temaer.yaml``.

Macros (registered by ``register(env, reg, data_file)``): ``registry_chart``, ``registry_stats_note``,
``dnir_themes_chart``.
"""

from __future__ import annotations

import datetime as _dt
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from rendering.templates import html_block
from rendering.text import format_date

ROOT = Path(__file__).resolve().parent.parent
DNIR_THEMES = ROOT / "data" / "viden" / "dnir2023_temaer.yaml"

UNKNOWN_NOTE = "Ukendt tælles som ukendt – ikke som nej."


@lru_cache(maxsize=8)
def data_date(path: Path) -> str:
    """Danish date of the registry data file: its last commit, or its modification time if it
    has uncommitted changes or is not in git (e.g. a synthetic benchmark registry)."""
    day = None
    try:
        dirty = subprocess.run(["git", "status", "--porcelain", "--", path.name], cwd=path.parent,
                               capture_output=True, text=True, timeout=10)
        last = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name], cwd=path.parent,
                              capture_output=True, text=True, timeout=10)
        if dirty.returncode == 0 and not dirty.stdout.strip() and last.stdout.strip():
            day = _dt.date.fromisoformat(last.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    if day is None:
        day = _dt.date.fromtimestamp(path.stat().st_mtime) if path.exists() else _dt.date.today()
    return format_date(day.isoformat())


# --------------------------------------------------------------------------- the generic chart

@dataclass(frozen=True)
class Row:
    label: str
    value: int
    unknown: bool = False  # drawn hatched, and named "ukendt" in the label
    extra: tuple = ()  # further table cells (same order as ``extra_columns``)


@dataclass
class Chart:
    id: str
    title: str
    rows: list[Row]
    unit: str  # what is counted, plural: "kommuner", "råd"
    label_header: str = "Kategori"
    value_header: str = "Antal"
    basis: str | None = None  # one sentence: what was counted
    total: int | None = None  # denominator for the share column (None: no share column)
    sum_row: bool = True  # an "I alt" row (off when a council can count in several rows)
    extra_columns: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    source: dict | None = None  # {"text": ..., "url": ...} for charts not from the registry


# SVG geometry (viewBox units). Label above each bar, so long Danish labels never collide.
_W = 420  # narrow on purpose: the text stays readable when a phone scales the SVG down
_LABEL_H = 20
_BAR_H = 18
_ROW_GAP = 12
_VALUE_ROOM = 50  # room right of the longest bar for its value text


def _fmt_share(value: int, total: int) -> str:
    if not total:
        return "–"
    pct = 100 * value / total
    if 0 < pct < 0.5:
        return "under 1 %"
    return f"{pct:.0f} %"


def bar_chart(title: str, rows: list[Row], unit: str, **options) -> str:
    """Render one horizontal bar chart with its data table (the generic template)."""
    chart = Chart(id=options.pop("id"), title=title, rows=list(rows), unit=unit, **options)
    top = max((r.value for r in chart.rows), default=0)
    scale = (_W - _VALUE_ROOM) / top if top else 0
    row_h = _LABEL_H + _BAR_H + _ROW_GAP
    bars = []
    for i, r in enumerate(chart.rows):
        y = i * row_h
        width = round(r.value * scale, 1)
        bars.append({
            "row": r,
            "label_y": y + 14,
            "bar_y": y + _LABEL_H,
            "width": width,
            "value_x": round(width + 6, 1),
            "value_y": y + _LABEL_H + 14,
            "value_text": f"{r.value}",
        })
    height = max(row_h * len(chart.rows) - _ROW_GAP + 4, 1)
    lead = chart.title if chart.title.endswith(("?", ".", "!", ":")) else chart.title + "."
    alt = f"{lead} " + "; ".join(f"{r.label}: {r.value}" for r in chart.rows) + "."
    shares = [(_fmt_share(r.value, chart.total) if chart.total is not None else None) for r in chart.rows]
    return html_block(
        "chart_bar.html.j2",
        chart=chart,
        bars=bars,
        shares=shares,
        width=_W,
        height=height,
        alt=alt,
        total_value=sum(r.value for r in chart.rows),
        total_share=_fmt_share(sum(r.value for r in chart.rows), chart.total) if chart.total else None,
    )


# --------------------------------------------------------------------------- the statistics

def _with_council(registry):
    return [c for c in registry.councils if c.status == "har_raad"]


def _counted(counter: Counter, keys, vocab, name, unknown_keys=("ukendt",)) -> list[Row]:
    return [
        Row(vocab.label(name, k), counter.get(k, 0), unknown=k in unknown_keys)
        for k in keys
    ]


def stat_status(registry):
    vocab = registry.vocab
    counts = Counter(c.status for c in registry.councils)
    n = len(registry.councils)
    return dict(
        title="Kommunerne fordelt efter status",
        rows=_counted(counts, vocab.keys("status"), vocab, "status"),
        unit="kommuner",
        label_header="Status",
        value_header="Kommuner",
        basis=f"Alle {n} kommuner i registret.",
        total=n,
    )


def stat_regions(registry):
    vocab = registry.vocab
    rows = []
    for slug, term in vocab.terms("regioner").items():
        members = [c for c in registry.councils if c.region_slug == slug]
        has = sum(1 for c in members if c.status == "har_raad")
        unknown = sum(1 for c in members if c.status == "ukendt")
        rows.append(Row(term.label, has, extra=(len(members), unknown)))
    councils = len(_with_council(registry))
    return dict(
        title="Integrationsråd pr. region",
        rows=rows,
        unit="råd",
        label_header="Region",
        value_header="Kommuner med råd",
        basis=f"De {councils} kommuner, der har et integrationsråd, fordelt på regioner. "
              "Tabellen viser også, hvor mange kommuner i regionen vi ikke kender status for.",
        total=None,
        extra_columns=("Kommuner i regionen", "Status ukendt"),
    )


_INTEGRATIONSRAAD = re.compile(r"integrationsråd", re.IGNORECASE)


def stat_names(registry):
    councils = _with_council(registry)
    same = sum(1 for c in councils if c.raad_navn and _INTEGRATIONSRAAD.search(c.raad_navn))
    unknown = sum(1 for c in councils if not c.raad_navn)
    other = len(councils) - same - unknown
    return dict(
        title="Hvad rådene hedder",
        rows=[
            Row("Navnet indeholder »integrationsråd«", same),
            Row("Et andet navn", other),
            Row("Navnet er ukendt", unknown, unknown=True),
        ],
        unit="råd",
        label_header="Navn",
        value_header="Råd",
        basis=f"De {len(councils)} kommuner, der har et integrationsråd.",
        total=len(councils),
    )


SIZE_BINS: tuple[tuple[str, int, int], ...] = (
    ("Under 10 medlemmer", 1, 9),
    ("10–12 medlemmer", 10, 12),
    ("13–15 medlemmer", 13, 15),
    ("16–19 medlemmer", 16, 19),
    ("20 medlemmer eller flere", 20, 10**6),
)


def stat_sizes(registry):
    councils = _with_council(registry)
    rows = []
    for label, lo, hi in SIZE_BINS:
        rows.append(Row(label, sum(1 for c in councils if c.medlemmer is not None and lo <= c.medlemmer <= hi)))
    rows.append(Row("Antal medlemmer ukendt", sum(1 for c in councils if c.medlemmer is None), unknown=True))
    known = sorted(c.medlemmer for c in councils if c.medlemmer is not None)
    notes = []
    if known:
        mid = len(known) // 2
        median = known[mid] if len(known) % 2 else (known[mid - 1] + known[mid]) / 2
        median_text = f"{median:g}".replace(".", ",")
        notes.append(f"Blandt de {len(known)} råd med kendt størrelse er det mindste på {known[0]}, "
                     f"det største på {known[-1]} og medianen {median_text} medlemmer.")
    return dict(
        title="Rådenes størrelse",
        rows=rows,
        unit="råd",
        label_header="Antal medlemmer",
        value_header="Råd",
        basis=f"De {len(councils)} kommuner, der har et integrationsråd.",
        total=len(councils),
        notes=notes,
    )


def stat_composition(registry):
    vocab = registry.vocab
    councils = _with_council(registry)
    # Only complete compositions are counted; a partial one (the groups add up to less than
    # the seats, or the total is unknown) would make its missing groups look absent.
    known = [c for c in councils if c.sammensaetning and not c.composition_partial]
    partial = [c for c in councils if c.composition_partial]
    counts = Counter()
    for c in known:
        counts.update({g.gruppe for g in c.sammensaetning})
    # Groups no council has are left out (the note says so); most common first, ties in
    # the vocabulary's order.
    rows = [
        Row(term.label, counts[key])
        for key, term in vocab.terms("sammensaetning").items()
        if counts.get(key)
    ]
    rows.sort(key=lambda r: -r.value)
    rows.append(Row("Sammensætningen er kun delvis kendt", len(partial), unknown=True))
    rows.append(Row("Sammensætningen er ukendt", len(councils) - len(known) - len(partial),
                    unknown=True))
    return dict(
        title="Hvem sidder i rådene",
        rows=rows,
        unit="råd",
        label_header="Gruppe",
        value_header="Råd med gruppen",
        basis=f"De {len(councils)} kommuner, der har et integrationsråd. Et råd tælles én gang "
              f"for hver gruppe, det har medlemmer fra; derfor giver tallene ikke {len(councils)} "
              f"tilsammen. Hele sammensætningen kendes for {len(known)} råd, og kun dem tælles "
              f"i grupperne; for {len(partial)} råd kender vi kun en del af pladserne. Grupper, "
              "som intet råd har medlemmer fra, er ikke med.",
        total=None,
        sum_row=False,
    )


def _vocab_stat(registry, field: str, *, title: str, label_header: str, basis_note: str = ""):
    """Councils counted by one vocabulary field, every vocabulary value in its own row."""
    vocab = registry.vocab
    councils = _with_council(registry)
    counts = Counter(getattr(c, field) for c in councils)
    return dict(
        title=title,
        rows=_counted(counts, vocab.keys(field), vocab, field),
        unit="råd",
        label_header=label_header,
        value_header="Råd",
        basis=f"De {len(councils)} kommuner, der har et integrationsråd.{basis_note}",
        total=len(councils),
    )


def stat_consultation(registry):
    return _vocab_stat(
        registry, "hoeringsret",
        title="Har rådet ret til at blive hørt?",
        label_header="Høringsret efter kommunens regler",
        basis_note=" Her tæller kun høringsret, som kommunens egne regler giver rådet.",
    )


def stat_selection(registry):
    return _vocab_stat(
        registry, "valgform", title="Sådan bliver medlemmerne valgt", label_header="Valgform"
    )


def _newest_year(council) -> int | None:
    """Year of the newest dated source (the model's ``newest_source_date``), or None."""
    newest = council.newest_source_date
    return newest.year if newest else None


FRESH_FROM = 2020  # years from here on get a row each; older ones are grouped


def stat_sources(registry):
    entries = list(registry.councils)
    years = Counter()
    undated = nosource = 0
    for c in entries:
        if not c.kilder:
            nosource += 1
            continue
        y = _newest_year(c)
        if y is None:
            undated += 1
        else:
            years[y] += 1
    rows = [Row(str(y), years[y]) for y in sorted((y for y in years if y >= FRESH_FROM), reverse=True)]
    for label, lo, hi in (("2015–2019", 2015, 2019), ("Før 2015", 0, 2014)):
        rows.append(Row(label, sum(v for y, v in years.items() if lo <= y <= hi)))
    rows.append(Row("Kilderne har ingen dato", undated, unknown=True))
    rows.append(Row("Ingen kilde endnu", nosource, unknown=True))
    return dict(
        title="Hvor nye er kilderne?",
        rows=rows,
        unit="kommuner",
        label_header="Årstal for den nyeste kilde",
        value_header="Kommuner",
        basis=f"Alle {len(entries)} kommuner, efter årstallet på den nyeste kilde i hver "
              "kommunes oplysninger. Kilder fra før kommunalvalget 18. november 2025 bør "
              "bekræftes for valgperioden 2026–2029.",
        total=len(entries),
    )


STATISTICS = {
    "status": stat_status,
    "regioner": stat_regions,
    "navne": stat_names,
    "stoerrelse": stat_sizes,
    "sammensaetning": stat_composition,
    "hoeringsret": stat_consultation,
    "valgform": stat_selection,
    "kilder": stat_sources,
}


def registry_chart_html(registry, name: str, date_text: str) -> str:
    if name not in STATISTICS:
        raise ValueError(
            f"registry_chart: ukendt statistik '{name}'. Brug en af: {', '.join(STATISTICS)}."
        )
    spec = STATISTICS[name](registry)
    notes = [
        f"Beregnet ud fra registret (data fra {date_text}). {UNKNOWN_NOTE}",
        *spec.pop("notes", []),
    ]
    return bar_chart(id=f"statistik-{name}", notes=notes, **spec)


# --------------------------------------------------------------------------- DNIR 2023 themes

def dnir_themes_html(path: Path = DNIR_THEMES) -> str:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    n = int(data["n"])
    rows = [Row(t["tema"], int(t["antal"])) for t in data["temaer"]]
    src = data["kilde"]
    return bar_chart(
        id="dnir-2023-temaer",
        title=data["titel"],
        rows=rows,
        unit="råd",
        label_header="Tema",
        value_header=f"Råd (af {n})",
        basis=data["grundlag"],
        total=None,
        sum_row=False,
        notes=[data["note"]] if data.get("note") else [],
        source={"text": src["tekst"], "url": src.get("url")},
    )


# --------------------------------------------------------------------------- registration

def register(env, reg, data_file: Path) -> None:
    """Add ``registry_chart``, ``registry_stats_note`` and ``dnir_themes_chart``."""

    def registry_chart(name: str) -> str:
        """One statistic from the registry as bar chart + table. Names: see STATISTICS."""
        return registry_chart_html(reg, name, data_date(data_file))

    def registry_stats_note() -> str:
        """One sentence on where the numbers come from (for the top of the statistics page)."""
        return html_block("chart_note.html.j2", n=len(reg.councils), data_date=data_date(data_file),
                          unknown_note=UNKNOWN_NOTE)

    def dnir_themes_chart() -> str:
        """The themes of the DNIR 2023 survey (17 councils) as bar chart + table."""
        return dnir_themes_html()

    env.macro(registry_chart, "registry_chart")
    env.macro(registry_stats_note, "registry_stats_note")
    env.macro(dnir_themes_chart, "dnir_themes_chart")
