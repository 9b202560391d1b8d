"""A registry of any size for the build benchmark: the real entries, repeated.

Writes ``councils.yaml`` and ``kommuner.csv`` into ``--out``: the 98 real municipalities first
(so the handbook's links to council pages and the map keep working), then invented ones
("Prøvekommune 99", codes from 1000 up, the five regions in turn), each with a copy of a real
entry, cycling through the 98. Same format and checks as data/councils.yaml; it is only ever
built into a temporary folder, never published.

    python -m scripts.synthetic_registry --count 500 --out /tmp/reg500
    HANDBOOK_REGISTRY=/tmp/reg500/councils.yaml HANDBOOK_REFERENCE=/tmp/reg500/kommuner.csv \\
        mkdocs build --strict -d /tmp/site500
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "councils.yaml"
REFERENCE = ROOT / "data" / "kommuner.csv"
REGIONS = ("Region Hovedstaden", "Region Midtjylland", "Region Nordjylland", "Region Sjælland",
           "Region Syddanmark")


def generate(count: int, out_dir: Path) -> tuple[Path, Path]:
    """Write ``councils.yaml`` and ``kommuner.csv`` for ``count`` councils into ``out_dir``."""
    if not 1 <= count <= 5000:
        raise ValueError("count must be between 1 and 5000")
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        rows = [(r["kommunekode"], r["kommune"], r["region"]) for r in csv.DictReader(handle)][:count]
    real = list(yaml.safe_load(DATA.read_text(encoding="utf-8")).values())
    rows += [(f"{1000 + i:04d}", f"Prøvekommune {99 + i}", REGIONS[i % 5]) for i in range(count - len(rows))]
    out_dir.mkdir(parents=True, exist_ok=True)
    ref_path = out_dir / "kommuner.csv"
    with ref_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["kommunekode", "kommune", "region"])
        writer.writerows(rows)
    lines = [f"# Synthetic registry for the benchmark: {count} entries, copies of the real ones."]
    for i, (code, _, _) in enumerate(rows):
        entry = dict(real[i % len(real)])
        if i >= len(real) and entry["raad_navn"]:
            entry["raad_navn"] = "Integrationsrådet"  # a copied name would name another municipality
        body = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, width=10_000)
        lines.append(f'"{code}":')
        lines.extend("  " + line for line in body.splitlines())
    data_path = out_dir / "councils.yaml"
    data_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data_path, ref_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", "-n", type=int, default=500, help="number of councils")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    data, ref = generate(args.count, args.out)
    print(f"{data}\n{ref}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
