"""Generate a synthetic council registry of any size, for benchmarks and load tests.

Writes two files into ``--out`` that together replace the real registry for one build:

* ``councils.yaml``: N entries in the same format and schema as ``data/councils.yaml``,
  with plausible random values (statuses in roughly the real proportions, sizes, groups,
  activities, sources with dates, closures, notes), deterministic for a given ``--seed``.
* ``kommuner.csv``: a matching reference list (kommunekode, kommune, region) — the loader
  checks every code against it. The first 98 rows are the real municipalities (so handbook
  links to council pages and the map still work); beyond 98 come invented places with codes
  from 1000 up and one of the five real regions. All entry values are invented.

Use them with the real site configuration through the environment:

    python scripts/synthetic_registry.py --count 1100 --out /tmp/reg1100
    HANDBOOK_REGISTRY=/tmp/reg1100/councils.yaml HANDBOOK_REFERENCE=/tmp/reg1100/kommuner.csv \\
        mkdocs build --strict -d /tmp/site1100

No personal data: sources point to example.org, contacts are functional mailboxes there.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VOCAB_PATH = ROOT / "data" / "vocabularies.yaml"
REFERENCE_PATH = ROOT / "data" / "kommuner.csv"

# Status keys with weights close to the real registry (35 / 8 / 2 / 53 of 98).
# Fixed "today" so the same seed always gives the same file (all dates lie before it).
REFERENCE_DAY = date(2026, 10, 1)

STATUS_WEIGHTS = {"har_raad": 35, "nedlagt": 8, "intet_raad": 2, "ukendt": 53}

_PREFIXES = ["Nørre", "Sønder", "Vester", "Øster", "Lille", "Store", "Ny", "Gamle", "Midt", "Højre"]
_STEMS = ["Å", "Bjerg", "Holm", "Lund", "Skov", "Mose", "Strand", "Dal", "Vang", "Rød", "Høj",
          "Toft", "Eg", "Ask", "Lyng", "Sø", "Bro", "Næs", "Vig", "Hede"]
_SUFFIXES = ["by", "sted", "rup", "havn", "købing", "lev", "ager", "bølle", "rød", "inge", "løse",
             "bjerg"]
_COUNCIL_NAMES = ["Integrationsrådet", "Integrationsråd", "Mangfoldighedsrådet",
                  "Rådet for medborgerskab", "Det lokale integrationsråd"]
_REASONS = ["Rådet blev lagt sammen med et andet råd ved budgetforliget.",
            "Kommunalbestyrelsen valgte at arbejde med borgerinddragelse på en anden måde.",
            None]
_FACTS = ["Kommunens side om råd og nævn nævner rådet og dets opgaver.",
          "Et referat fra udvalgsmødet viser, at rådet afgav et høringssvar.",
          "Lokalavisen omtaler rådets årlige arrangement.",
          "Kommunens side oplyser antallet af medlemmer og hvem der udpeger dem.",
          "Referatet beskriver, at rådet blev nedsat for den nye valgperiode."]
_NOTES = ["Syntetisk post til måling af byggetid.", None, None]


def _names(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct, invented place names (some with a space or a hyphen)."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        stem = rng.choice(_STEMS) + rng.choice(_SUFFIXES)
        shape = rng.random()
        if shape < 0.15:
            name = f"{rng.choice(_PREFIXES)} {stem}"
        elif shape < 0.25:
            name = f"{stem}-{rng.choice(_STEMS)}{rng.choice(_SUFFIXES)}"
        else:
            name = stem
        if name in seen:
            name = f"{name} {rng.choice(_PREFIXES)}"
            if name in seen:
                continue
        seen.add(name)
        out.append(name)
    return out


def _partial_date(rng: random.Random, start: date, end: date) -> str:
    day = start + timedelta(days=rng.randrange((end - start).days + 1))
    shape = rng.random()
    if shape < 0.2:
        return f"{day.year}"
    if shape < 0.6:
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def _entry(code: int, rng: random.Random, vocab: dict, today: date) -> dict:
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    active = status in ("har_raad", "nedlagt")
    groups = list(vocab["sammensaetning"])
    members = rng.randint(7, 21) if active and rng.random() < 0.7 else None
    composition = []
    if members and rng.random() < 0.6:
        left = members
        for group in rng.sample(groups, k=min(3, len(groups))):
            n = min(left, rng.randint(1, max(1, members // 2)))
            if n <= 0:
                break
            composition.append({"gruppe": group, "antal": n})
            left -= n
    n_sources = 0 if status == "ukendt" and rng.random() < 0.6 else rng.randint(1, 4)
    sources = []
    for i in range(n_sources):
        sources.append({
            "url": f"https://example.org/register/{code:04d}/kilde-{i + 1}",
            "dato": _partial_date(rng, date(2005, 1, 1), today - timedelta(days=30))
            if rng.random() < 0.85 else None,
            "fakta": rng.choice(_FACTS),
        })
    verified = None
    if rng.random() < 0.2:
        verified = (date(2025, 1, 1) + timedelta(days=rng.randrange((today - date(2025, 1, 1)).days))).isoformat()
    return {
        "status": status,
        "raad_navn": rng.choice(_COUNCIL_NAMES) if active and rng.random() < 0.9 else None,
        "medlemmer": members,
        "sammensaetning": composition,
        "hoeringsret": rng.choice(list(vocab["hoeringsret"])) if active else "ukendt",
        "valgform": rng.choice(list(vocab["valgform"])) if active else "ukendt",
        "aktiviteter": sorted(rng.sample(list(vocab["aktiviteter"]), k=rng.randint(0, 4))) if active else [],
        "hjemmeside": f"https://example.org/raad/{code:04d}" if active and rng.random() < 0.5 else None,
        "kontakt": f"integrationsraad{code:04d}@example.org" if status == "har_raad" and rng.random() < 0.3 else None,
        "nedlagt": {
            "dato": _partial_date(rng, date(2005, 1, 1), date(2025, 12, 31)) if rng.random() < 0.8 else None,
            "begrundelse": rng.choice(_REASONS),
        } if status == "nedlagt" else None,
        "kilder": sources,
        "sikkerhed": rng.choice(list(vocab["sikkerhed"])),
        "sidst_verificeret": verified,
        "noter": rng.choice(_NOTES),
    }


def generate(count: int, out_dir: Path, seed: int = 2029, today: date | None = None) -> tuple[Path, Path]:
    """Write ``councils.yaml`` and ``kommuner.csv`` for ``count`` councils into ``out_dir``."""
    if not 1 <= count <= 5000:
        raise ValueError("count must be between 1 and 5000")
    today = today or REFERENCE_DAY
    rng = random.Random(seed)
    vocab = yaml.safe_load(VOCAB_PATH.read_text(encoding="utf-8"))
    regions = [term["label"] for term in vocab["regioner"].values()]
    # The real municipalities come first (real codes, names and regions), so handbook links to
    # council pages and the map keep working; beyond them, invented ones with codes from 1000.
    with REFERENCE_PATH.open(encoding="utf-8", newline="") as handle:
        real = [(row["kommunekode"], row["kommune"], row["region"]) for row in csv.DictReader(handle)]
    rows = real[:count]
    extra = count - len(rows)
    if extra > 0:
        step = max(1, 8999 // extra)
        taken = {name for _, name, _ in real}
        names = [n for n in _names(extra + len(taken), rng) if n not in taken][:extra]
        rows += [(f"{1000 + i * step:04d}", name, rng.choice(regions)) for i, name in enumerate(names)]
    codes = [code for code, _, _ in rows]
    out_dir.mkdir(parents=True, exist_ok=True)

    ref_path = out_dir / "kommuner.csv"
    with ref_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["kommunekode", "kommune", "region"])
        writer.writerows(rows)

    lines = ["# yaml-language-server: $schema=councils.schema.json",
             f"# Synthetic registry: {count} invented councils (seed {seed}). Not real data."]
    for code in codes:
        entry = _entry(int(code), rng, vocab, today)
        lines.append(f'"{code}":')
        # JSON scalars are valid YAML; block style keeps line numbers meaningful.
        body = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
        lines.extend("  " + line for line in body.splitlines())
    data_path = out_dir / "councils.yaml"
    data_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data_path, ref_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", "-n", type=int, default=1100, help="number of councils")
    parser.add_argument("--seed", type=int, default=2029, help="random seed (same seed, same file)")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    data, ref = generate(args.count, args.out, args.seed)
    print(json.dumps({"registry": str(data), "reference": str(ref), "count": args.count}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
