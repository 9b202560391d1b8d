"""Neighbouring municipalities (data/geo/naboer.json, registry/neighbours.py).

Everything here reads committed JSON with plain Python (re-running scripts/neighbours.py needs
the DAGI source and shapely: see data/geo/README.md). The adjacency is checked three ways: known facts hard-coded below (verified by looking
at the rendered geometry), the rules of the relation, and the committed SVG map, whose shared
border segments must give exactly the same pairs.
"""

from __future__ import annotations

import copy
import csv
import importlib.util
import itertools
import json
import re
from pathlib import Path

import pytest

from registry import neighbours
from registry.neighbours import NeighbourDataError, load, parse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "geo" / "naboer.json"
MAP_ASSET = ROOT / "data" / "geo" / "kommuner-map.json"
REFERENCE = ROOT / "data" / "kommuner.csv"

# The municipalities that are islands of their own, with no land border to any other: the five
# the issue names plus Langeland (bridged to Tåsinge, which is Svendborg) and Morsø (Mors,
# bridged to Thy and Salling). Named here, looked up in data/kommuner.csv below.
ISLAND_NAMES = {"Bornholm", "Læsø", "Samsø", "Fanø", "Ærø", "Langeland", "Morsø"}

# Aarhus (0751), checked by rendering the DAGI polygons and the committed simplified map around
# Aarhus to PNG and looking at them: Favrskov to the north-west, Syddjurs to the north-east,
# Skanderborg to the west and Odder to the south. Horsens comes within about 2.4 km at the
# Skanderborg/Odder corner but does not touch; Randers and Norddjurs lie beyond Favrskov and
# Syddjurs; Samsø is across the water.
AARHUS_NEIGHBOURS = {
    "0706": "Syddjurs",
    "0710": "Favrskov",
    "0727": "Odder",
    "0746": "Skanderborg",
}


def _reference() -> dict[str, str]:
    with REFERENCE.open(encoding="utf-8", newline="") as fh:
        return {row["kommunekode"]: row["kommune"] for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def data():
    return load()


@pytest.fixture(scope="module")
def raw():
    return json.loads(DATA.read_text(encoding="utf-8"))


def _codes_by_name() -> dict[str, str]:
    return {name: code for code, name in _reference().items()}


# --------------------------------------------------------------------------- the data itself

def test_covers_the_98_municipalities(data):
    ref = _reference()
    assert len(ref) == 98
    assert set(data.neighbour_map) == set(ref)
    assert set(data.points) == set(ref)
    assert "0411" not in data  # Christiansø is not a municipality


def test_island_municipalities_have_no_land_neighbour(data):
    by_name = _codes_by_name()
    islands = {by_name[name] for name in ISLAND_NAMES}  # KeyError: a name is not in the CSV
    assert by_name["Bornholm"] == "0400"
    assert data.neighbours("0400") == ()
    alone = {code for code, listed in data.neighbour_map.items() if not listed}
    assert alone == islands, {code: _reference()[code] for code in alone ^ islands}


def test_every_other_municipality_has_a_neighbour(data):
    islands = {_codes_by_name()[name] for name in ISLAND_NAMES}
    for code, listed in data.neighbour_map.items():
        if code not in islands:
            assert listed, f"{code} {_reference()[code]} has no neighbour"


def test_aarhus_neighbours_are_the_ones_on_the_map(data):
    ref = _reference()
    assert {c: ref[c] for c in AARHUS_NEIGHBOURS} == AARHUS_NEIGHBOURS  # codes match names
    assert set(data.neighbours("0751")) == set(AARHUS_NEIGHBOURS)
    assert neighbours.neighbours("0751") == tuple(sorted(AARHUS_NEIGHBOURS))


@pytest.mark.parametrize("a, b, shared", [
    ("0147", "0101", True),   # Frederiksberg is an enclave in København ...
    ("0360", "0376", True),   # Lolland and Guldborgsund share the island of Lolland
    ("0410", "0607", False),  # Middelfart-Fredericia: across Lillebælt (bridges)
    ("0376", "0390", False),  # Guldborgsund-Vordingborg: across Storstrømmen (bridges)
    ("0479", "0482", False),  # Svendborg (Tåsinge)-Langeland: across water (bridge)
    ("0751", "0615", False),  # Aarhus-Horsens: close, but Skanderborg and Odder are between
])
def test_known_pairs(data, a, b, shared):
    assert (b in data.neighbours(a)) is shared
    assert (a in data.neighbours(b)) is shared


def test_frederiksberg_has_only_koebenhavn(data):
    assert data.neighbours("0147") == ("0101",)


def test_relation_is_symmetric_without_self_loops(data, raw):
    for code, listed in raw["naboer"].items():
        assert code not in listed, code
        assert listed == sorted(set(listed)), code  # sorted, no duplicates, as written
        for other in listed:
            assert code in raw["naboer"][other], (code, other)


def test_counts(data, raw):
    counts = sorted(len(v) for v in data.neighbour_map.values())
    assert sum(counts) == 2 * 186  # borders; the map asset shows the same 186 (below)
    assert counts[0] == 0 and counts[-1] == 9  # 9: Viborg
    assert raw["kontrol"]["graenser"] == 186


def test_method_is_written_down(raw):
    metode = raw["metode"]
    assert "EPSG:25832" in metode and raw["crs"] == "EPSG:25832" and raw["enhed"] == "m"
    assert f"{raw['tolerance_m']:g} m fra" in metode
    assert f"mindst {raw['min_graenselaengde_m']:g} m" in metode
    assert "ét punkt" in metode  # a point contact is not a border
    assert "bro" in metode  # water and bridges
    assert "DAGI" in raw["kilde"] and "2014-02-13" in raw["kilde"]
    assert re.fullmatch(r"[0-9a-f]{64}", raw["kilde_sha256"])
    k = raw["kontrol"]
    assert k["punktberoeringer"] == []
    # The thresholds sit well inside the gap between the shortest border and the closest
    # non-neighbours, so the result does not hang on them.
    assert k["korteste_graense_m"][2] > 5 * raw["min_graenselaengde_m"]
    assert k["naermeste_ikke_naboer_m"][2] > 100 * raw["tolerance_m"]
    readme = (ROOT / "data" / "geo" / "README.md").read_text(encoding="utf-8")
    assert "naboer.json" in readme and "EPSG:25832" in readme


def test_points_are_metres_in_utm32(data):
    for code, (x, y) in data.points.items():
        # Denmark in ETRS89 / UTM 32N, Bornholm included
        assert 420_000 < x < 900_000 and 6_040_000 < y < 6_410_000, code
    assert data.points["0400"][0] > 850_000  # Bornholm, far east
    # København to Aarhus is about 155-160 km in a straight line
    assert 150 < data.distance_km("0101", "0751") < 165


def test_file_is_in_canonical_form(raw):
    """Re-serialising the file with the script's writer gives the same bytes (deterministic)."""
    spec = importlib.util.spec_from_file_location("neighbours_script", ROOT / "scripts" / "neighbours.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)  # imports shapely/pyproj only inside functions
    assert script.dumps(raw) == DATA.read_text(encoding="utf-8")
    assert list(raw["naboer"]) == sorted(raw["naboer"])
    assert all(isinstance(v, int) for p in raw["punkter"].values() for v in p)


# --------------------------------------------------------------------------- agrees with the map

def _map_segments(d: str) -> set[frozenset]:
    """Undirected segments of an SVG path written by scripts/simplify_geo.py (M x y l dx dy ... z)."""
    segments = set()
    for ring in re.findall(r"M[^M]*", d):
        m = re.fullmatch(r"M(-?\d+) (-?\d+)l(.*)z", ring)
        assert m, ring[:40]
        x, y = int(m[1]), int(m[2])
        pts = [(x, y)]
        nums = [int(n) for n in re.findall(r"-?\d+", m[3])]
        assert len(nums) % 2 == 0
        for dx, dy in zip(nums[::2], nums[1::2]):
            x, y = x + dx, y + dy
            pts.append((x, y))
        for a, b in zip(pts, pts[1:] + pts[:1]):
            if a != b:
                segments.add(frozenset((a, b)))
    return segments


def test_adjacency_agrees_with_the_map_for_all_98(data):
    """Two municipalities share a segment on the committed map iff they are neighbours here.

    The map (kommuner-map.json) was simplified as one coverage, so a border is drawn once and
    both sides carry identical points. Bornholm is moved into an inset, but it has no land
    neighbour either way.
    """
    paths = json.loads(MAP_ASSET.read_text(encoding="utf-8"))["paths"]
    assert set(paths) == set(data.neighbour_map)
    segments = {code: _map_segments(d) for code, d in paths.items()}
    on_map = {
        (a, b) for a, b in itertools.combinations(sorted(segments), 2)
        if segments[a] & segments[b]
    }
    in_data = {(a, b) for a, listed in data.neighbour_map.items() for b in listed if a < b}
    assert on_map == in_data, {"only on map": on_map - in_data, "only in data": in_data - on_map}


# --------------------------------------------------------------------------- nearest()

def test_nearest_excludes_itself_and_is_closest_first(data):
    everyone = list(data.points)
    got = data.nearest("0751", everyone, k=5)
    assert len(got) == 5 and "0751" not in got
    dists = [data.distance_km("0751", c) for c in got]
    assert dists == sorted(dists)
    others = set(everyone) - set(got) - {"0751"}
    assert min(data.distance_km("0751", c) for c in others) >= dists[-1]
    assert data.nearest("0825", everyone, k=1) == ("0813",)  # Læsø: Frederikshavn
    assert neighbours.nearest("0825", everyone, k=1) == ("0813",)


def test_nearest_only_among_candidates(data):
    got = data.nearest("0400", ["0751", "0101", "0860", "0400"], k=3)
    assert got == ("0101", "0751", "0860")  # Bornholm: København, then Aarhus, then Hjørring
    assert data.nearest("0400", ["0400"], k=3) == ()
    assert data.nearest("0400", [], k=3) == ()
    assert data.nearest("0400", ["0101"], k=0) == ()
    assert data.nearest("0400", ["0101", "1000"], k=3) == ("0101",)  # unknown candidate skipped


def test_nearest_is_deterministic(data):
    everyone = sorted(data.points)
    first = data.nearest("0147", everyone, k=10)
    assert data.nearest("0147", list(reversed(everyone)), k=10) == first
    assert data.nearest("0147", set(everyone), k=10) == first
    assert data.nearest("0147", everyone + everyone, k=10) == first


def test_nearest_breaks_ties_by_code():
    raw = {
        "metode": "test", "kilde": "test", "crs": "EPSG:25832",
        "naboer": {"0001": [], "0002": [], "0003": [], "0004": []},
        "punkter": {"0001": [0, 0], "0002": [0, 1000], "0003": [1000, 0], "0004": [0, -1000]},
    }
    data = parse(raw, {"0001", "0002", "0003", "0004"})
    assert data.nearest("0001", ["0004", "0003", "0002"], k=2) == ("0002", "0003")
    assert data.nearest("0001", ["0003", "0004"], k=3) == ("0003", "0004")


def test_errors_for_bad_arguments(data):
    with pytest.raises(KeyError, match="9999"):
        data.neighbours("9999")
    with pytest.raises(KeyError):
        data.nearest("9999", ["0101"])
    with pytest.raises(ValueError):
        data.nearest("0101", ["0147"], k=-1)


# --------------------------------------------------------------------------- a broken file

def _problems(raw: dict) -> str:
    with pytest.raises(NeighbourDataError) as info:
        parse(raw, set(_reference()), "naboer.json")
    return str(info.value)


def test_committed_file_parses(raw):
    parse(raw, set(_reference()))


def test_rejects_an_asymmetric_relation(raw):
    bad = copy.deepcopy(raw)
    bad["naboer"]["0147"] = []  # København still lists Frederiksberg
    assert "0101 har 0147 som nabo, men 0147 har ikke 0101" in _problems(bad)


def test_rejects_an_unknown_code(raw):
    bad = copy.deepcopy(raw)
    bad["naboer"]["0751"] = sorted(bad["naboer"]["0751"] + ["9999"])
    assert "ukendte naboer 9999" in _problems(bad)
    bad = copy.deepcopy(raw)
    bad["naboer"]["9999"] = []
    bad["punkter"]["9999"] = [0, 0]
    assert "ikke er i data/kommuner.csv: 9999" in _problems(bad)


def test_rejects_missing_codes_self_loops_and_bad_points(raw):
    bad = copy.deepcopy(raw)
    del bad["naboer"]["0400"]
    assert "mangler koder fra data/kommuner.csv: 0400" in _problems(bad)
    bad = copy.deepcopy(raw)
    bad["naboer"]["0400"] = ["0400"]
    assert "0400: står som sin egen nabo" in _problems(bad)
    bad = copy.deepcopy(raw)
    bad["punkter"]["0400"] = [1.5, 2]
    assert "0400: punktet er ikke to hele tal" in _problems(bad)
    bad = copy.deepcopy(raw)
    del bad["metode"]
    assert '"metode" mangler' in _problems(bad)
    assert "ikke et JSON-objekt" in _problems([])


def test_load_rejects_a_broken_file_on_disk(tmp_path, raw):
    bad = copy.deepcopy(raw)
    bad["naboer"]["0147"] = []
    path = tmp_path / "naboer.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(NeighbourDataError, match="1 problem"):
        load(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(NeighbourDataError, match="ikke gyldig JSON"):
        load(path)
