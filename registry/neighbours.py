"""Neighbouring municipalities and the nearest councils, from committed data.

The data is ``data/geo/naboer.json``, made once, offline, by ``scripts/neighbours.py`` from the
DAGI municipal boundaries (method in the file's "metode" field and in ``data/geo/README.md``).
Nothing is computed from geometry here: a neighbour is a municipality that shares a land border
(water, bridges and ferries do not count, so an island municipality has none), and "nearest" is
the straight-line distance between the municipalities' points (area-weighted centroids in
ETRS89 / UTM zone 32N, whole metres).

Plain Python, no MkDocs: ``load()`` reads and validates the file (raising
``NeighbourDataError`` with every problem listed), ``neighbours(code)`` and
``nearest(code, candidates, k)`` use the default file.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent
NEIGHBOURS_FILE = ROOT / "data" / "geo" / "naboer.json"
REFERENCE = ROOT / "data" / "kommuner.csv"


class NeighbourDataError(ValueError):
    """The neighbour file cannot be used; ``problems`` lists everything that is wrong."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = tuple(problems)
        noun = "problem" if len(problems) == 1 else "problemer"
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(
            f"Nabofilen {path} har {len(problems)} {noun}. Lav den igen med "
            f"scripts/neighbours.py (se data/geo/README.md):\n{lines}"
        )


@dataclass(frozen=True)
class NeighbourData:
    """Land neighbours and one point (x, y in metres, EPSG:25832) per municipality code."""

    neighbour_map: Mapping[str, tuple[str, ...]]
    points: Mapping[str, tuple[int, int]]
    method: str
    source: str
    crs: str

    def __contains__(self, code: object) -> bool:
        return code in self.neighbour_map

    def _known(self, code: str) -> None:
        if code not in self.neighbour_map:
            raise KeyError(f"ukendt kommunekode {code!r} (ikke i data/geo/naboer.json)")

    def neighbours(self, code: str) -> tuple[str, ...]:
        """Codes sharing a land border with ``code``, sorted; empty for an island municipality."""
        self._known(code)
        return self.neighbour_map[code]

    def distance_km(self, a: str, b: str) -> float:
        """Straight-line distance between the two municipalities' points, in kilometres."""
        self._known(a)
        self._known(b)
        return math.sqrt(_squared(self.points[a], self.points[b])) / 1000

    def nearest(self, code: str, candidates: Iterable[str], k: int = 3) -> tuple[str, ...]:
        """The ``k`` candidates whose points are closest to ``code``'s point, closest first.

        ``code`` itself is never returned. Ties are broken by code, so the result does not
        depend on the order of ``candidates``. Candidates without a point (codes outside the 98,
        e.g. invented ones in a synthetic benchmark registry) are skipped; an unknown ``code``
        raises ``KeyError``.
        """
        self._known(code)
        if k < 0:
            raise ValueError(f"k skal være 0 eller mere, ikke {k}")
        here = self.points[code]
        # Points are whole metres, so squared distances are exact integers: no float ties.
        ranked = sorted(
            (_squared(here, self.points[c]), c)
            for c in set(candidates)
            if c != code and c in self.points
        )
        return tuple(c for _, c in ranked[:k])


def _squared(p: tuple[int, int], q: tuple[int, int]) -> int:
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2


def _reference_codes(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["kommunekode"] for row in csv.DictReader(fh)}


def _is_code(value: object) -> bool:
    return isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit()


def parse(raw: object, reference: set[str], path: str = "naboer.json") -> NeighbourData:
    """Check decoded JSON against the reference codes; return the data or raise with all problems."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise NeighbourDataError(path, ["filen er ikke et JSON-objekt"])
    nb = raw.get("naboer")
    pts = raw.get("punkter")
    for key, value in (("naboer", nb), ("punkter", pts)):
        if not isinstance(value, dict):
            problems.append(f'"{key}" mangler eller er ikke et objekt')
    for key in ("metode", "kilde", "crs"):
        if not isinstance(raw.get(key), str) or not raw.get(key).strip():
            problems.append(f'"{key}" mangler eller er tom')
    if problems:
        raise NeighbourDataError(path, problems)

    for key, table in (("naboer", nb), ("punkter", pts)):
        bad = sorted(c for c in table if not _is_code(c))
        if bad:
            problems.append(f'"{key}" har nøgler, der ikke er firecifrede koder: {", ".join(bad)}')
        missing = sorted(reference - set(table))
        extra = sorted(set(table) - reference - set(bad))
        if missing:
            problems.append(f'"{key}" mangler koder fra data/kommuner.csv: {", ".join(missing)}')
        if extra:
            problems.append(f'"{key}" har koder, der ikke er i data/kommuner.csv: '
                            f'{", ".join(extra)}')

    neighbour_map: dict[str, tuple[str, ...]] = {}
    for code in sorted(nb):
        listed = nb[code]
        if not isinstance(listed, list) or not all(isinstance(c, str) for c in listed):
            problems.append(f"{code}: naboerne er ikke en liste af koder")
            continue
        if len(set(listed)) != len(listed):
            problems.append(f"{code}: en nabo står flere gange")
        if code in listed:
            problems.append(f"{code}: står som sin egen nabo")
        unknown = sorted(c for c in set(listed) if c not in nb)
        if unknown:
            problems.append(f"{code}: ukendte naboer {', '.join(unknown)}")
        neighbour_map[code] = tuple(sorted(set(listed)))
    for code, listed in neighbour_map.items():
        for other in listed:
            if other in neighbour_map and code not in neighbour_map[other] and other != code:
                problems.append(f"{code} har {other} som nabo, men {other} har ikke {code}")

    points: dict[str, tuple[int, int]] = {}
    for code in sorted(pts):
        p = pts[code]
        if (not isinstance(p, list) or len(p) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in p)):
            problems.append(f"{code}: punktet er ikke to hele tal (meter)")
            continue
        points[code] = (p[0], p[1])

    if problems:
        raise NeighbourDataError(path, problems)
    return NeighbourData(
        neighbour_map=MappingProxyType(neighbour_map),
        points=MappingProxyType(points),
        method=raw["metode"],
        source=raw["kilde"],
        crs=raw["crs"],
    )


@lru_cache(maxsize=4)
def _load(path: str, mtime: float, reference: str, ref_mtime: float) -> NeighbourData:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise NeighbourDataError(path, [f"ikke gyldig JSON: {exc}"]) from None
    return parse(raw, _reference_codes(Path(reference)), path)


def load(path: Path = NEIGHBOURS_FILE, reference: Path = REFERENCE) -> NeighbourData:
    """Read and validate the neighbour file (cached until the file changes)."""
    return _load(str(path), path.stat().st_mtime, str(reference), reference.stat().st_mtime)


def neighbours(code: str) -> tuple[str, ...]:
    """Sorted codes of the municipalities sharing a land border with ``code``."""
    return load().neighbours(code)


def nearest(code: str, candidates: Iterable[str], k: int = 3) -> tuple[str, ...]:
    """The ``k`` municipalities among ``candidates`` closest to ``code`` (itself excluded)."""
    return load().nearest(code, candidates, k)
