#!/usr/bin/env python3
"""Compute which municipalities share a land border, once, offline, into a small data file.

Input:  the DAGI municipal boundaries (GeoJSON, WGS84, 311 polygons, properties KOMKODE/KOMNAVN),
        by default ``/work/shared/geo/kommuner.geojson`` or the path given as argument.
Output: ``data/geo/naboer.json`` -- for each of the 98 municipality codes the sorted codes of its
        land neighbours, and one point per municipality (whole metres in ETRS89 / UTM zone 32N) so
        that the site build can find the nearest councils with plain Python
        (``registry/neighbours.py``). The build never reads the source and needs no geometry
        library.

Method (run by hand; the result is committed):

1. Drop 0411 Christiansø: it is not a municipality (it is administered by the state). Join each
   municipality's polygons (islands are separate features) into one geometry.
2. Project from WGS84 to ETRS89 / UTM zone 32N (EPSG:25832, metres), the projection Danish
   authorities use for the whole country, Bornholm included (its scale error there is about
   0.15 %, which does not matter here).
3. Check that the polygons form a valid coverage (``shapely.coverage_is_valid``: no overlaps,
   shared edges have the same vertices). The DAGI file does; if a future source does not, stop
   rather than guess.
4. Two municipalities are neighbours when at least ``--min-length`` metres (default 50) of one's
   boundary lies within ``--tolerance`` metres (default 1) of the other's boundary. The tolerance
   absorbs rounding and small digitising gaps; the minimum length means that touching at a single
   point (four municipalities meeting at a corner) is not a border.
5. The polygons are land (coastline) polygons: sea, fjords and sounds belong to no municipality.
   So municipalities facing each other across water are not neighbours, even when a bridge, a
   tunnel or a ferry joins them (Middelfart-Fredericia, Langeland-Svendborg, Morsø-Thisted);
   an island municipality has no land neighbour at all.
6. The point of each municipality is the area-weighted centroid of all its parts, computed in
   EPSG:25832 and rounded to whole metres. It is meant for distances only: for a municipality
   split by water it can lie just off the land (København and Guldborgsund, a few hundred metres).
7. Write the file with sorted keys, sorted lists and integer coordinates, plus the numbers a
   maintainer needs to judge the thresholds ("kontrol": the shortest border counted, the closest
   pair of municipalities that are not neighbours, contacts too short to count).

Needs shapely and pyproj (tested with shapely 2.2.0 / GEOS 3.14.1, pyproj 3.7.2 / PROJ 9.5.1);
neither is needed by the site or the tests. Re-running it gives the same file.

Usage: python scripts/neighbours.py [SOURCE] [--out PATH] [--tolerance M] [--min-length M]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/work/shared/geo/kommuner.geojson")
DEFAULT_OUT = ROOT / "data" / "geo" / "naboer.json"
REFERENCE = ROOT / "data" / "kommuner.csv"

NOT_A_MUNICIPALITY = {"0411"}  # Christiansø
CRS = "EPSG:25832"  # ETRS89 / UTM zone 32N, metres
# How far (m) apart two municipalities may be and still be looked at, for the "kontrol" numbers.
NEAR = 5000.0

ATTRIBUTION = "Indeholder data fra Styrelsen for Dataforsyning og Infrastruktur (DAGI)"
SOURCE_NOTE = (
    "Danmarks Administrative Geografiske Inddeling (DAGI), kommunegrænser 1:500.000 "
    "(FOT-udtræk 2014-02-13, genudgivet i Neogeografen/dagi); grænserne er uændrede siden 2007."
)


def method_text(tolerance: float, min_length: float) -> str:
    """The "metode" field: short, in Danish, for maintainers reading the data file."""
    return (
        f"To kommuner er naboer, når mindst {min_length:g} m af den enes grænse ligger højst "
        f"{tolerance:g} m fra den andens grænse, målt i {CRS} (ETRS89/UTM 32N, meter). "
        "Berøring i ét punkt er ikke en grænse. Polygonerne er land: hav, fjorde og sunde hører "
        "ikke til nogen kommune, så kommuner over for hinanden på hver sin side af vandet er ikke "
        "naboer, heller ikke når en bro eller færge forbinder dem. Christiansø (0411) er udeladt. "
        "Punkterne er hver kommunes arealvægtede tyngdepunkt (alle dele) i samme system, "
        "afrundet til hele meter; de bruges kun til afstande. "
        "Lavet med scripts/neighbours.py; se data/geo/README.md."
    )


def _load(source: Path):
    import numpy as np
    import pyproj
    import shapely
    from shapely.geometry import shape

    data = json.loads(source.read_text(encoding="utf-8"))
    to_utm = pyproj.Transformer.from_crs("OGC:CRS84", CRS, always_xy=True)

    def project(coords):
        x, y = to_utm.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    parts: dict[str, list] = {}
    for feature in data["features"]:
        code = str(feature["properties"]["KOMKODE"]).zfill(4)
        if code in NOT_A_MUNICIPALITY:
            continue
        geom = shapely.transform(shape(feature["geometry"]), project)
        parts.setdefault(code, []).append(geom)
    flat = np.array([g for code in sorted(parts) for g in parts[code]], dtype=object)
    if not shapely.coverage_is_valid(flat):
        sys.exit("neighbours: the source polygons are not a valid coverage (overlaps or "
                 "unmatched edges); fix the source or the method, do not guess")
    codes = sorted(parts)
    geoms = [shapely.union_all(parts[code]) for code in codes]
    return codes, geoms


def _reference_codes() -> list[str]:
    import csv

    with REFERENCE.open(encoding="utf-8", newline="") as fh:
        return sorted(row["kommunekode"] for row in csv.DictReader(fh))


def build(source: Path, tolerance: float, min_length: float) -> dict:
    import shapely

    codes, geoms = _load(source)
    if codes != _reference_codes():
        sys.exit(f"neighbours: the source's codes do not match {REFERENCE.relative_to(ROOT)}")
    tree = shapely.STRtree(geoms)
    neighbours: dict[str, list[str]] = {code: [] for code in codes}
    shortest = None  # (length, a, b): the shortest border counted
    closest = None  # (distance, a, b): the closest pair that are not neighbours
    contacts = []  # pairs within the tolerance whose shared boundary is too short to count
    for i, code in enumerate(codes):
        for j in sorted(int(j) for j in tree.query(geoms[i], predicate="dwithin", distance=NEAR)):
            if j <= i:
                continue
            other = codes[j]
            shared = geoms[i].boundary.intersection(geoms[j].boundary.buffer(tolerance)).length
            if shared >= min_length:
                neighbours[code].append(other)
                neighbours[other].append(code)
                if shortest is None or shared < shortest[0]:
                    shortest = (shared, code, other)
                continue
            gap = geoms[i].distance(geoms[j])
            if gap <= tolerance:
                contacts.append([code, other, round(shared)])
            elif closest is None or gap < closest[0]:
                closest = (gap, code, other)

    points = {}
    for code, geom in zip(codes, geoms):
        c = geom.centroid
        points[code] = [int(round(c.x)), int(round(c.y))]

    return {
        "beskrivelse": "Kommuner med fælles landgrænse og et punkt pr. kommune til afstande. "
                       "Lavet med scripts/neighbours.py; se data/geo/README.md.",
        "kilde": SOURCE_NOTE,
        "kilde_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "kreditering": ATTRIBUTION,
        "metode": method_text(tolerance, min_length),
        "crs": CRS,
        "enhed": "m",
        "tolerance_m": tolerance,
        "min_graenselaengde_m": min_length,
        "kontrol": {
            "graenser": sum(len(v) for v in neighbours.values()) // 2,
            "korteste_graense_m": [shortest[1], shortest[2], round(shortest[0])],
            "naermeste_ikke_naboer_m": [closest[1], closest[2], round(closest[0])],
            "punktberoeringer": contacts,
        },
        "naboer": {code: sorted(neighbours[code]) for code in codes},
        "punkter": points,
    }


def dumps(result: dict) -> str:
    """JSON with one municipality per line under "naboer" and "punkter": small diffs."""
    lines = ["{"]
    items = list(result.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if key in ("naboer", "punkter"):
            lines.append(f"  {json.dumps(key)}: {{")
            inner = sorted(value.items())
            for m, (code, v) in enumerate(inner):
                sep = "," if m < len(inner) - 1 else ""
                lines.append(f"    {json.dumps(code)}: {json.dumps(v)}{sep}")
            lines.append(f"  }}{comma}")
        else:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
            lines.append(f"  {json.dumps(key)}: {text}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source", type=Path, nargs="?", default=DEFAULT_SOURCE,
                    help=f"DAGI municipal boundaries, GeoJSON (default {DEFAULT_SOURCE})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--tolerance", type=float, default=1.0,
                    help="metres between two boundaries that still count as shared (default 1)")
    ap.add_argument("--min-length", type=float, default=50.0,
                    help="metres of shared boundary needed to be neighbours (default 50)")
    a = ap.parse_args(argv)
    result = build(a.source, a.tolerance, a.min_length)
    text = dumps(result)
    json.loads(text)  # the hand-written layout must still be valid JSON
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(text, encoding="utf-8")
    counts = sorted(len(v) for v in result["naboer"].values())
    alone = [code for code, v in result["naboer"].items() if not v]
    k = result["kontrol"]
    print(f"neighbours: wrote {a.out} ({len(text.encode('utf-8'))} bytes): "
          f"{k['graenser']} borders, neighbours per municipality "
          f"min {counts[0]} / median {statistics.median(counts):g} / max {counts[-1]}; "
          f"no land neighbour: {', '.join(alone)}")
    print(f"neighbours: shortest border {k['korteste_graense_m']}, closest non-neighbours "
          f"{k['naermeste_ikke_naboer_m']}, point contacts {k['punktberoeringer']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
