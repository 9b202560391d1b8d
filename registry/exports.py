"""Exports of the registry for reuse: ``councils.json``, ``councils.csv`` and the JSON Schema.

``rendering/generate.py`` adds them to the site as generated files under ``registret/``
so pages can link to them with ordinary relative links that strict mode validates.

* JSON: one object per municipality with the kommunekode, name and region from the reference
  list plus every field of ``data/councils.yaml`` (same keys, dates as ISO strings), and what
  follows from them: ``sidst_verificeret`` (the newest confirmation), ``sammensaetning_delvis``
  and ``boer_bekraeftes``.
* CSV: UTF-8 with BOM and ``;`` as separator, which Danish Excel opens correctly by
  double-click. One row per municipality; fields with several values are joined with `` | ``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from registry.model import ELECTION_TERM, Council, Registry

EXPORT_DIR = "registret"
JSON_NAME = "councils.json"
CSV_NAME = "councils.csv"
SCHEMA_NAME = "councils.schema.json"

JOIN = " | "

CSV_COLUMNS: tuple[str, ...] = (
    "kommunekode",
    "kommune",
    "region",
    "status",
    "status_tekst",
    "raad_navn",
    "medlemmer",
    "sammensaetning",
    "sammensaetning_delvis",
    "hoeringsret",
    "valgform",
    "aktiviteter",
    "hjemmeside",
    "kontakt",
    "nedlagt_dato",
    "nedlagt_begrundelse",
    "kilder_url",
    "kilder_dato",
    "kilder_art",
    "kilder_fakta",
    "sikkerhed",
    "bekraeftelser",
    "sidst_verificeret",
    "boer_bekraeftes",
    "noter",
    "side",
)


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def council_record(reg: Registry, c: Council) -> dict[str, Any]:
    """Everything known about one municipality, with the registry's own field names."""
    return {
        "kommunekode": c.code,
        "kommune": c.kommune,
        "region": c.region,
        "region_slug": c.region_slug,
        "slug": c.slug,
        "side": c.url,
        "status": c.status,
        "status_tekst": reg.vocab.label("status", c.status),
        "raad_navn": c.raad_navn,
        "medlemmer": c.medlemmer,
        "sammensaetning": [{"gruppe": g.gruppe, "antal": g.antal} for g in c.sammensaetning],
        "sammensaetning_delvis": c.composition_partial,
        "hoeringsret": c.hoeringsret,
        "valgform": c.valgform,
        "aktiviteter": list(c.aktiviteter),
        "hjemmeside": c.hjemmeside,
        "kontakt": c.kontakt,
        "nedlagt": (
            {"dato": c.nedlagt.dato, "begrundelse": c.nedlagt.begrundelse,
             "kilder": list(c.nedlagt.kilder)} if c.nedlagt else None
        ),
        "intet_raad": {"kilder": list(c.intet_raad)} if c.intet_raad is not None else None,
        "kilder": [{"url": s.url, "dato": s.dato, "art": s.art, "fakta": s.fakta} for s in c.kilder],
        "udeladte_kilder": [{"art": s.art, "dato": s.dato, "fakta": s.fakta} for s in c.udeladte_kilder],
        "inklusion": (
            {"organ": c.inklusion.organ, **{key: {"vurdering": p.vurdering, "kilder": list(p.kilder)}
                                           for key, p in c.inklusion.points.items()}}
            if c.inklusion else None
        ),
        "sikkerhed": c.sikkerhed,
        "bekraeftelser": [
            {"dato": b.dato.isoformat(), "metode": b.metode, "bekraefter": list(b.bekraefter),
             "kilde": b.kilde, "fakta": b.fakta}
            for b in c.bekraeftelser
        ],
        "sidst_verificeret": _iso(c.sidst_verificeret),
        "noter": c.noter,
        "boer_bekraeftes": c.needs_verification,
    }


def to_json(reg: Registry) -> str:
    """The whole registry as JSON (UTF-8 text, stable key order)."""
    doc = {
        "beskrivelse": (
            "Registret over lokale integrationsråd i alle danske kommuner. "
            "Kilde: data/councils.yaml; kommunenavne og regioner fra kommunelisten."
        ),
        "skema": SCHEMA_NAME,
        "valgperiode": ELECTION_TERM,
        "antal": len(reg),
        "kommuner": [council_record(reg, c) for c in reg.councils],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def csv_cell(value: Any) -> str:
    """One CSV cell. Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def _is_number(text: str) -> bool:
    """A plain decimal number (``-3``, ``2,5``): safe in a spreadsheet. ``-inf`` or ``nan``,
    which Python would read as numbers, are text and get the apostrophe."""
    return _NUMBER.fullmatch(text) is not None


def csv_row(reg: Registry, c: Council) -> dict[str, str]:
    """One CSV row: the JSON record with lists joined by `` | `` and every cell made safe."""
    rec = council_record(reg, c)
    closed = rec["nedlagt"] or {}
    sources = rec["kilder"]
    flat = {
        **rec,
        "sammensaetning": JOIN.join(f"{g['gruppe']}: {g['antal']}" for g in rec["sammensaetning"]),
        "aktiviteter": JOIN.join(rec["aktiviteter"]),
        "nedlagt_dato": closed.get("dato"),
        "nedlagt_begrundelse": closed.get("begrundelse"),
        "kilder_url": JOIN.join(s["url"] for s in sources),
        "kilder_dato": JOIN.join(s["dato"] or "ukendt" for s in sources),
        "kilder_art": JOIN.join(s["art"] for s in sources),
        "bekraeftelser": JOIN.join(f"{b['dato']} {b['metode']}" for b in rec["bekraeftelser"]),
        "kilder_fakta": JOIN.join(s["fakta"] for s in sources),
    }
    return {column: csv_cell(flat[column]) for column in CSV_COLUMNS}


def to_csv(reg: Registry) -> bytes:
    """The registry as CSV for Danish Excel: UTF-8 with BOM, ``;``-separated, CRLF lines."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for c in reg.councils:
        writer.writerow(csv_row(reg, c))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def exports(reg: Registry, schema_path: Path | None) -> dict[str, str | bytes]:
    """Site path (under ``registret/``) → content of every export."""
    out: dict[str, str | bytes] = {
        f"{EXPORT_DIR}/{JSON_NAME}": to_json(reg),
        f"{EXPORT_DIR}/{CSV_NAME}": to_csv(reg),
    }
    if schema_path is not None and schema_path.is_file():
        out[f"{EXPORT_DIR}/{SCHEMA_NAME}"] = schema_path.read_bytes()
    return out
