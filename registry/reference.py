"""The municipality list (``data/kommuner.csv``), checked as strictly as the registry.

The list gives every council page its name, region and address (``raad/<slug>/``), so a wrong
row publishes a wrong page: a renamed municipality can give two councils one address. Checked,
each problem at its line and column:

* UTF-8 text with the header ``kommunekode,kommune,region`` and three fields in every row;
* no invisible characters, NFC text, no word mixing alphabets (registry/text_checks.py);
* codes of four digits, each once; names written without extra spaces, each once; the address
  made from a name (``registry.model.slugify``) only a-z, 0-9 and "-", and never the same for
  two municipalities; regions from ``regioner`` in data/vocabularies.yaml;
* the project's own list agrees row for row with the official list it was copied from
  (``registry/official_municipalities.csv``: the 98 municipalities with codes and names as in
  Danmarks Administrative Geografiske Inddeling (DAGI), "Høje-Taastrup" with its official
  hyphen, and the region each lies in; SHA-256 in ``OFFICIAL_SHA256``). The copy changes only
  if the official list does (a merger of municipalities): then a developer updates the copy and
  the checksum together, and the pull request shows both.

Other lists (the tiny test sites, the benchmark's synthetic registry) get every check but the
official comparison.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from registry.model import slugify
from registry.problems import Problem
from registry.text_checks import file_problems
from registry.vocab import Vocab
from registry.yamlparse import decode_utf8

OFFICIAL = Path(__file__).with_name("official_municipalities.csv")
OFFICIAL_SHA256 = "1d204acc5fc653831c321ede9149920093a18c34d6db7f196d8a2bab0ab9bbc7"
HEADER = ["kommunekode", "kommune", "region"]
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Municipality:
    """One row of the reference list (data/kommuner.csv)."""

    code: str
    name: str
    region: str


def official_rows() -> dict[str, tuple[str, str]]:
    """code -> (name, region) of the official copy; raises ValueError if it was altered."""
    raw = OFFICIAL.read_bytes()
    if hashlib.sha256(raw).hexdigest() != OFFICIAL_SHA256:
        raise ValueError(f"{OFFICIAL.name} er ændret, men OFFICIAL_SHA256 i registry/reference.py er ikke")
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))[1:]
    return {code: (name, region) for code, name, region in rows}


def _col(line: str, field: int) -> int:
    """1-based column where field number ``field`` starts in an unquoted CSV line."""
    parts = line.split(",")
    return sum(len(p) + 1 for p in parts[:field]) + 1 if field < len(parts) else 1


def read_reference(
    raw: bytes, vocab: Vocab, official: dict[str, tuple[str, str]] | None
) -> tuple[dict[str, Municipality], list[Problem]]:
    """The usable rows (first of each code) and every problem, located in the file."""
    text, problem = decode_utf8(raw)
    if problem is not None or text is None:
        return {}, [problem] if problem else []
    text = text.replace("\r\n", "\n")
    problems = [Problem(line, col, message) for line, col, message in file_problems(text)]
    lines = text.split("\n")
    regions = [term.label for term in vocab.regioner.values()]
    rows: dict[str, Municipality] = {}
    seen_names: dict[str, int] = {}
    seen_slugs: dict[str, tuple[int, str]] = {}
    first_line: dict[str, int] = {}

    def add(line: int, col: int, message: str, code: str | None = None, name: str = "") -> None:
        subject = (f"{name.strip()} ({code})" if name.strip() else f"kode {code}") if code else None
        problems.append(Problem(line, col, message, subject))

    try:
        parsed = list(csv.reader(lines))
    except csv.Error as exc:
        return {}, problems + [Problem(1, 1, f"Filen kan ikke læses som CSV ({exc}).")]
    if [c.strip().lstrip("\ufeff") for c in (parsed[0] if parsed else [])] != HEADER:
        add(1, 1, "Første linje skal være kommunekode,kommune,region (overskrifterne).")
    for number, fields in enumerate(parsed[1:], start=2):
        raw_line = lines[number - 1]
        if not fields or not "".join(fields).strip():
            continue
        if len(fields) != 3:
            add(number, 1, f"Linjen har {len(fields)} felter; hver linje skal have tre: "
                           "kommunekode,kommune,region (et navn med komma skal stå i anførselstegn).")
            continue
        code, name, region = fields
        if not re.fullmatch(r"[0-9]{4}", code):
            add(number, 1, f'"{code}" er ikke en kommunekode: skriv fire cifre, fx 0751.')
            continue
        if code in first_line:
            add(number, 1, f"Kommunekoden {code} står to gange (linje {first_line[code]} og "
                           f"{number}). Slet den ene linje.", code, name)
            continue
        first_line[code] = number
        if name != name.strip() or "  " in name or not name.strip():
            add(number, _col(raw_line, 1), f"Navnet «{name}» har mellemrum for meget (eller er tomt). "
                                           "Skriv navnet uden mellemrum før og efter.", code, name)
        key = name.strip().casefold()
        if key in seen_names:
            add(number, _col(raw_line, 1), f"Navnet {name} står to gange (linje {seen_names[key]} og "
                                           f"{number}). To kommuner kan ikke have samme navn.", code, name)
        seen_names.setdefault(key, number)
        slug = slugify(name.strip())
        if not _SLUG.fullmatch(slug):
            add(number, _col(raw_line, 1), f"Navnet «{name}» giver adressen raad/{slug}/, som har tegn "
                                           "uden for a-z, 0-9 og -. Skriv navnet, som det står på den "
                                           "officielle liste.", code, name)
        elif slug in seen_slugs and seen_slugs[slug][1] != key:
            other_line, _ = seen_slugs[slug]
            add(number, _col(raw_line, 1), f"Navnet {name} giver samme adresse (raad/{slug}/) som "
                                           f"kommunen i linje {other_line}. To sider kan ikke have "
                                           "samme adresse: ret navnet.", code, name)
        seen_slugs.setdefault(slug, (number, key))
        if region not in regions:
            add(number, _col(raw_line, 2), f"«{region}» er ikke en region. Skriv en af: "
                                           f"{', '.join(regions)}.", code, name)
        if official is not None:
            if code not in official:
                add(number, 1, f"Kommunekoden {code} findes ikke på den officielle kommuneliste "
                               "(DAGI). Slet linjen, eller ret koden.", code, name)
            elif (name, region) != official[code]:
                right_name, right_region = official[code]
                wrong = (f"navnet er {right_name}" if name != right_name else
                         f"regionen er {right_region}")
                add(number, _col(raw_line, 1 if name != right_name else 2),
                    f"Linjen passer ikke med den officielle kommuneliste: for {code} er {wrong}. "
                    f"Ret linjen til «{code},{right_name},{right_region}».", code, name)
        rows[code] = Municipality(code, name.strip(), region)
    if official is not None:
        missing = [f"{official[c][0]} ({c})" for c in sorted(official) if c not in first_line]
        if missing:
            add(len(lines), 1, f"Der mangler {len(missing)} kommune(r) fra den officielle liste: "
                               f"{', '.join(missing)}. Tilføj en linje for hver.")
    return rows, problems
