"""The registry's map: Denmark's 98 municipalities coloured by status, as inline SVG.

The shapes come from ``data/geo/kommuner-map.json`` (made once, offline, by
``scripts/simplify_geo.py``). Nothing is computed from geometry at build time: this module only
pairs each municipality's SVG path with its registry entry and renders
``templates/map.html.j2`` (autoescape on).

Accessibility: each municipality is a link to its council page with an accessible name
("Aarhus: Har et integrationsråd"); status is shown by fill *and* pattern (solid, stripes, dots,
plain) with a legend in HTML; colours are CSS variables set per colour scheme in
``docs/assets/stylesheets/registry-graphics.css``; the overview table is the text equivalent and
is linked next to the map. Registry codes without a shape (e.g. synthetic benchmark registries)
are skipped and listed in a note.

Macro (registered by ``register(env, reg, data_file)``): ``registry_map()``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rendering.charts import data_date
from rendering.councils import council_src
from rendering.templates import html_block
from rendering.text import danish_sort_key
from rendering.urls import link

ROOT = Path(__file__).resolve().parent.parent
MAP_ASSET = ROOT / "data" / "geo" / "kommuner-map.json"


@lru_cache(maxsize=1)
def load_map_asset(path: Path = MAP_ASSET) -> dict:
    """The simplified map (viewBox, insets, names, per-code SVG paths)."""
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str
    status: str | None  # None: the code is not in the registry (drawn neutral, no link)
    label: str | None  # accessible name
    href: str | None
    pattern: str | None
    zoomed: bool = False  # drawn (and linked) in the enlarged Copenhagen frame


def accessible_name(council, vocab) -> str:
    """``Kommune: status``, plus the council's own name when it is not "…integrationsråd…"."""
    name = f"{council.kommune}: {vocab.status[council.status].says('paa_kortet')}"
    if council.status == "har_raad" and council.raad_navn and "integrationsråd" not in council.raad_navn.lower():
        name += f" ({council.raad_navn})"
    return name


def map_context(registry, href, *, id_prefix: str = "dk-kort", asset: dict | None = None) -> dict:
    """Everything the map template needs. ``href(council)`` links to a council's page."""
    asset = asset or load_map_asset()
    vocab = registry.vocab
    patterns = {key: term.wording["moenster"] for key, term in vocab.status.items()}
    by_code = {c.code: c for c in registry.councils}
    zoom = asset.get("zoom")
    zoom_codes = set(zoom["codes"]) if zoom else set()
    shapes = []
    for code, d in asset["paths"].items():
        council = by_code.get(code)
        if council is None:
            shapes.append(Shape(code, asset["names"].get(code, code), d, None, None, None, None))
            continue
        shapes.append(Shape(
            code=code,
            name=council.kommune,
            d=d,
            status=council.status,
            label=accessible_name(council, vocab),
            href=href(council),
            pattern=patterns.get(council.status),
            zoomed=code in zoom_codes,
        ))
    # Keyboard order follows the alphabet, not the file: predictable for a sighted keyboard user
    # (the national map first, then the enlarged Copenhagen frame, each alphabetical).
    shapes.sort(key=lambda s: (s.status is None, danish_sort_key(s.name)))
    counts = {key: 0 for key in vocab.status}
    for s in shapes:
        if s.status is not None:
            counts[s.status] += 1
    legend = [
        {
            "status": key,
            "label": term.label,
            "drawing": term.says("tegning"),
            "pattern": patterns[key],
            "count": counts[key],
        }
        for key, term in vocab.status.items()
    ]
    missing = sorted(
        (c for c in registry.councils if c.code not in asset["paths"]),
        key=lambda c: c.code,
    )
    return {
        "id": id_prefix,
        "viewbox": " ".join(str(v) for v in asset["viewBox"]),
        "width": asset["viewBox"][2],
        "height": asset["viewBox"][3],
        "shapes": shapes,
        "insets": asset.get("insets", []),
        "zoom": zoom,
        "legend": legend,
        "shown": sum(1 for s in shapes if s.status is not None),
        "missing": missing,
        "attribution": asset["attribution"],
    }


def render_map(registry, current: str, *, table_src: str | None, date_text: str | None = None,
               id_prefix: str = "dk-kort", directory_urls: bool = True) -> str:
    """The map for the page at site URL ``current``."""
    ctx = map_context(registry, lambda c: link(council_src(c), current, directory_urls),
                      id_prefix=id_prefix)
    table_href = link(table_src, current, directory_urls) if table_src else None
    return html_block("map.html.j2", map=ctx, table_href=table_href, data_date=date_text)


def register(env, reg, data_file: Path) -> None:
    """Add the ``registry_map`` macro."""

    def registry_map(table: str = "registret/index.md", id: str = "dk-kort") -> str:
        """Inline SVG map of all municipalities by council status, with legend and summary.

        ``table``: the page (docs path) that holds the overview table.
        """
        return render_map(reg, env.variables["page"].url, table_src=table,
                          date_text=data_date(data_file), id_prefix=id,
                          directory_urls=env.conf.get("use_directory_urls", True))

    env.macro(registry_map, "registry_map")
