#!/usr/bin/env python3
"""Simplify Denmark's municipal boundaries once, offline, into a small SVG map asset.

Input:  the DAGI municipal boundaries (GeoJSON, WGS84, 311 polygons, properties KOMKODE/KOMNAVN),
        by default ``/work/shared/geo/kommuner.geojson`` or the path given with ``--source``.
Output: ``data/geo/kommuner-map.json`` -- per municipality code one SVG path string, plus the
        viewBox, the Bornholm inset box and the attribution. The site build reads this file
        (``rendering/geomap.py``); it never reads the 2 MB source.

Method (run once; the result is committed, so the build needs no geometry library):

1. Drop 0411 Christiansø: it is not a municipality (it is administered by the state).
2. Move Bornholm (0400) into an inset box in the empty Kattegat corner at the top right, as
   Danish maps usually do. The move is a translation in degrees, applied before projection, so
   Bornholm keeps its shape; the inset is marked by a frame and a label in the rendered map.
3. Project to a plane: a simple equirectangular projection centred on 56° N
   (x = lon * cos 56°, y = -lat), scaled so that the map is ``--height`` units tall. Distortion
   over Denmark's 3° of latitude is a few percent, which does not matter at this scale.
4. Simplify all 310 polygons together with ``shapely.coverage_simplify`` (GEOS coverage
   simplification, Visvalingam-Whyatt on shared edges). A border between two municipalities is
   simplified once, so neighbours still meet exactly: no gaps, no overlaps. The input is checked
   with ``shapely.coverage_is_valid`` first.
5. Record a frame for an enlarged copy of the Copenhagen area (``ZOOM_CODES``, scale 1.9), drawn by
   the template from the same paths with an SVG transform; the small frame on the national map
   shows which area is enlarged.
6. Drop islands smaller than ``--min-area`` square units, but always keep the largest part of every
   municipality, so every one of the 98 (Læsø, Fanø, Samsø, Ærø, ...) stays on the map.
7. Round to whole units and write each municipality as one SVG path: the first point of every
   ring absolute (``M``), the rest as relative moves (``l``), computed from the rounded absolute
   points so shared borders stay identical; zero-length moves are left out.

Needs shapely (tested with shapely 2.2.0 / GEOS 3.14). Re-running it gives the same file.

Usage: python scripts/simplify_geo.py [--source PATH] [--out PATH] [--tolerance T]
       [--min-area A] [--height H]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/work/shared/geo/kommuner.geojson")
DEFAULT_OUT = ROOT / "data" / "geo" / "kommuner-map.json"

NOT_A_MUNICIPALITY = {"0411"}  # Christiansø
INSET_CODE = "0400"  # Bornholm
# Where Bornholm goes (degrees): its bounding box's top-left corner is moved here.
INSET_TARGET = (12.10, 57.62)  # lon, lat: the open sea of the Kattegat, east of Læsø
INSET_MARGIN = 0.06  # degrees of latitude around Bornholm inside the inset frame
COS_LAT = math.cos(math.radians(56.0))
# The Copenhagen area, drawn a second time, enlarged, in a frame under the Bornholm inset: its
# municipalities are too small to see or click on the national map. The map links them there.
ZOOM_CODES = ("0101", "0147", "0151", "0153", "0155", "0157", "0159", "0161", "0163", "0165",
              "0167", "0173", "0175", "0183", "0185", "0187")
ZOOM_SCALE = 1.9
ZOOM_TOP = 236  # map units: top of the zoom frame
ZOOM_PAD = 3  # map units around the enlarged shapes, before scaling

ATTRIBUTION = "Indeholder data fra Styrelsen for Dataforsyning og Infrastruktur (DAGI)"
SOURCE_NOTE = (
    "Danmarks Administrative Geografiske Inddeling (DAGI), kommunegrænser 1:500.000 "
    "(FOT-udtræk 2014-02-13, genudgivet i Neogeografen/dagi); grænserne er uændrede siden 2007."
)


def _load(source: Path):
    import numpy as np
    import shapely
    from shapely.geometry import shape

    data = json.loads(source.read_text(encoding="utf-8"))
    codes, names, geoms = [], {}, []
    for feature in data["features"]:
        props = feature["properties"]
        code = str(props["KOMKODE"]).zfill(4)
        if code in NOT_A_MUNICIPALITY:
            continue
        codes.append(code)
        names[code] = props["KOMNAVN"]
        geoms.append(shape(feature["geometry"]))
    arr = np.array(geoms, dtype=object)
    if not shapely.coverage_is_valid(arr):
        sys.exit("simplify_geo: the source polygons are not a valid coverage (gaps/overlaps)")
    return codes, names, arr


def _inset_offset(codes, geoms):
    """Translation (dlon, dlat) that moves Bornholm into the inset, and the inset box in degrees."""
    import numpy as np
    import shapely

    parts = np.array([g for g, c in zip(geoms, codes) if c == INSET_CODE], dtype=object)
    minx, miny, maxx, maxy = shapely.total_bounds(parts)
    m = INSET_MARGIN
    # Equal margin on the page: a degree of longitude is cos(56°) as wide as one of latitude.
    mx = m / COS_LAT
    dlon = INSET_TARGET[0] + mx - minx
    dlat = INSET_TARGET[1] - m - maxy
    box = (INSET_TARGET[0], INSET_TARGET[1] - (maxy - miny) - 2 * m,
           INSET_TARGET[0] + (maxx - minx) + 2 * mx, INSET_TARGET[1])
    return dlon, dlat, box


def build(source: Path, tolerance: float, min_area: float, height: float) -> dict:
    import numpy as np
    import shapely
    from shapely import affinity

    codes, names, geoms = _load(source)
    dlon, dlat, inset_deg = _inset_offset(codes, geoms)
    geoms = np.array(
        [affinity.translate(g, dlon, dlat) if c == INSET_CODE else g for g, c in zip(geoms, codes)],
        dtype=object,
    )

    # Projection: x = lon*cos56, y = -lat, then shift/scale into [0, W] x [0, height].
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    minx, maxx = min(minx, inset_deg[0]), max(maxx, inset_deg[2])
    maxy = max(maxy, inset_deg[3])
    pad = 0.03  # degrees of latitude
    scale = height / ((maxy - miny) + 2 * pad)

    def project(lon_lat):
        lon, lat = lon_lat[:, 0], lon_lat[:, 1]
        x = ((lon - minx) * COS_LAT + pad) * scale
        y = ((maxy - lat) + pad) * scale
        return np.column_stack([x, y])

    projected = shapely.transform(geoms, project)
    width = math.ceil(((maxx - minx) * COS_LAT + 2 * pad) * scale)
    ix0, iy1 = project(np.array([[inset_deg[0], inset_deg[1]]]))[0]
    ix1, iy0 = project(np.array([[inset_deg[2], inset_deg[3]]]))[0]

    simplified = shapely.coverage_simplify(projected, tolerance, simplify_boundary=True)

    # Group parts per municipality; drop small islands but keep each municipality's largest part.
    parts: dict[str, list] = {}
    for code, geom in zip(codes, simplified):
        if geom.is_empty:
            continue
        for poly in getattr(geom, "geoms", [geom]):
            parts.setdefault(code, []).append(poly)
    paths = {}
    dropped = 0
    for code in sorted(parts):
        polys = sorted(parts[code], key=lambda p: p.area, reverse=True)
        kept = [polys[0]] + [p for p in polys[1:] if p.area >= min_area]
        dropped += len(polys) - len(kept)
        d = "".join(_ring_path(r) for p in kept for r in [p.exterior, *p.interiors])
        if not d:
            sys.exit(f"simplify_geo: {code} {names[code]} has no shape left; lower --tolerance")
        paths[code] = d
    if len(paths) != 98:
        sys.exit(f"simplify_geo: expected 98 municipalities, got {len(paths)}")

    zoom = _zoom(paths, simplified, codes, width)
    return {
        "description": "Forenklede kommunegrænser til kortet i registret. Lavet med "
                       "scripts/simplify_geo.py; se data/geo/README.md.",
        "attribution": ATTRIBUTION,
        "source": SOURCE_NOTE,
        "method": (f"coverage_simplify tolerance={tolerance}, min_area={min_area}, "
                   f"height={height}, equirectangular cos(56°), Bornholm in inset"),
        "viewBox": [0, 0, width, int(height)],
        "insets": [{
            "code": INSET_CODE,
            "label": "Bornholm",
            "box": [round(ix0) - 1, round(iy0) - 1, round(ix1 - ix0) + 2, round(iy1 - iy0) + 2],
        }],
        "zoom": zoom,
        "names": {code: names[code] for code in sorted(paths)},
        "paths": paths,
        "_stats": {"islands_dropped": dropped},
    }


def _zoom(paths, simplified, codes, width) -> dict:
    """Frame and transform for the enlarged Copenhagen area (applied by the SVG template)."""
    import numpy as np
    import shapely

    chosen = np.array([g for g, c in zip(simplified, codes) if c in ZOOM_CODES], dtype=object)
    minx, miny, maxx, maxy = shapely.total_bounds(chosen)
    minx, miny, maxx, maxy = minx - ZOOM_PAD, miny - ZOOM_PAD, maxx + ZOOM_PAD, maxy + ZOOM_PAD
    w, h = (maxx - minx) * ZOOM_SCALE, (maxy - miny) * ZOOM_SCALE
    x0, y0 = width - 2 - w, ZOOM_TOP
    # Screen point = (x, y) * scale + (tx, ty)
    tx, ty = x0 - minx * ZOOM_SCALE, y0 - miny * ZOOM_SCALE
    return {
        "label": "Hovedstadsområdet",
        "codes": [c for c in sorted(paths) if c in ZOOM_CODES],
        "box": [round(x0), round(y0), round(w), round(h)],
        "source_box": [round(minx), round(miny), round(maxx - minx), round(maxy - miny)],
        "transform": [ZOOM_SCALE, round(tx, 1), round(ty, 1)],
    }


def _ring_path(ring) -> str:
    pts = []
    for x, y in ring.coords[:-1]:
        p = (round(x), round(y))
        if not pts or p != pts[-1]:
            pts.append(p)
    while len(pts) > 1 and pts[-1] == pts[0]:
        pts.pop()
    if len(pts) < 3:
        return ""
    out = [f"M{pts[0][0]} {pts[0][1]}l"]
    nums = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        nums += [x1 - x0, y1 - y0]
    text = ""
    for i, n in enumerate(nums):
        # A minus sign separates numbers by itself; otherwise a space is needed.
        text += str(n) if (i == 0 or n < 0) else f" {n}"
    out.append(text)
    out.append("z")
    return "".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--tolerance", type=float, default=1.2,
                    help="simplification tolerance in map units (default 1.2)")
    ap.add_argument("--min-area", type=float, default=12.0,
                    help="drop islands smaller than this many square map units (default 12)")
    ap.add_argument("--height", type=float, default=1000.0, help="map height in units")
    a = ap.parse_args(argv)
    result = build(a.source, a.tolerance, a.min_area, a.height)
    stats = result.pop("_stats")
    text = json.dumps(result, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    print(f"simplify_geo: wrote {a.out} ({size} bytes, {len(result['paths'])} municipalities, "
          f"{stats['islands_dropped']} small islands dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
