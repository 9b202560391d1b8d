"""The registry's map: Denmark's 98 municipalities coloured by status, as inline SVG.

The shapes come from ``data/geo/kommuner-map.json`` (made once, offline, by
``scripts/simplify_geo.py``). Nothing is computed from geometry at build time: this module only
pairs each municipality's SVG path with its registry entry and renders
``templates/registry/map.j2`` (autoescape on).

Accessibility: each municipality is a link to its council page with an accessible name
("Aarhus: Har et integrationsråd"); status is shown by fill *and* pattern (solid, stripes, dots,
plain) with a legend in HTML; colours are CSS variables set per colour scheme in
``docs/assets/stylesheets/registry-graphics.css``; the overview table is the text equivalent and
is linked next to the map. Registry codes without a shape (e.g. synthetic benchmark registries)
are skipped and listed in a note.

Macro (registered by ``register(env)``): ``registry_map()``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from registry.charts import data_date, page_link, render_template
from registry.text import danish_sort_key

ROOT = Path(__file__).resolve().parent.parent
MAP_ASSET = ROOT / "data" / "geo" / "kommuner-map.json"

# Order of the legend, and how each status is drawn. ``pattern`` names an SVG <pattern>
# defined in the template (None: a plain CSS fill). The shapes differ so that status can be
# told without colour: solid dark, diagonal stripes, dots, plain light.
STATUS_STYLE: tuple[tuple[str, str | None], ...] = (
    ("har_raad", None),
    ("nedlagt", "striber"),
    ("intet_raad", "prikker"),
    ("ukendt", None),
)
# How a status reads in a municipality's accessible name ("Aarhus: har et integrationsråd").
# Unknown keys fall back to the vocabulary label.
STATUS_PHRASE = {
    "har_raad": "har et integrationsråd",
    "nedlagt": "rådet er nedlagt",
    "intet_raad": "har intet integrationsråd",
    "ukendt": "ukendt, om der er et råd",
}
STATUS_DRAWING = {
    "har_raad": "ensfarvet mørk",
    "nedlagt": "skrå striber",
    "intet_raad": "prikker",
    "ukendt": "lys uden mønster",
}


@lru_cache(maxsize=4)
def _load_asset(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_map_asset(path: Path = MAP_ASSET) -> dict:
    """The simplified map (viewBox, insets, names, per-code SVG paths)."""
    return _load_asset(str(path), path.stat().st_mtime)


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
    phrase = STATUS_PHRASE.get(council.status) or vocab.label("status", council.status)
    name = f"{council.kommune}: {phrase}"
    if council.status == "har_raad" and council.raad_navn and "integrationsråd" not in council.raad_navn.lower():
        name += f" ({council.raad_navn})"
    return name


def map_context(registry, link, *, id_prefix: str = "dk-kort", asset: dict | None = None) -> dict:
    """Everything the map template needs. ``link(url)`` makes a site URL page-relative."""
    asset = asset or load_map_asset()
    vocab = registry.vocab
    patterns = dict(STATUS_STYLE)
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
            href=link(council.url),
            pattern=patterns.get(council.status),
            zoomed=code in zoom_codes,
        ))
    # Keyboard order follows the alphabet, not the file: predictable for a sighted keyboard user
    # (the national map first, then the enlarged Copenhagen frame, each alphabetical).
    shapes.sort(key=lambda s: (s.status is None, danish_sort_key(s.name)))
    counts = {key: 0 for key, _ in STATUS_STYLE}
    for s in shapes:
        if s.status is not None:
            counts[s.status] = counts.get(s.status, 0) + 1
    legend = [
        {
            "status": key,
            "label": vocab.label("status", key),
            "drawing": STATUS_DRAWING.get(key, ""),
            "pattern": pattern,
            "count": counts.get(key, 0),
        }
        for key, pattern in STATUS_STYLE
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


def render_map(registry, link, *, table_href: str | None, date_text: str | None = None,
               id_prefix: str = "dk-kort") -> str:
    ctx = map_context(registry, link, id_prefix=id_prefix)
    return render_template("map.j2", map=ctx, table_href=table_href, data_date=date_text)


def register(env) -> None:
    """Add the ``registry_map`` macro to mkdocs-macros' environment."""
    from registry.loader import get_registry

    def registry_map(table: str = "registret/index.md", id: str = "dk-kort") -> str:
        """Inline SVG map of all municipalities by council status, with legend and summary.

        ``table``: the page (docs-relative .md path) that holds the overview table.
        """
        registry = get_registry(env.conf)
        link = page_link(env)
        return render_map(registry, link, table_href=link(table), date_text=data_date(env),
                          id_prefix=id)

    env.macro(registry_map, "registry_map")
