"""Exports of the registry for reuse: ``councils.json``, ``councils.csv``, ``councils.xlsx`` and
the JSON Schema.

``rendering/generate.py`` adds them to the site as generated files under ``registret/``
so pages can link to them with ordinary relative links that strict mode validates.

* JSON: one object per municipality with the kommunekode, name and region from the reference
  list plus every field of ``data/councils.yaml`` (same keys, dates as ISO strings), and what
  follows from them: ``sidst_verificeret`` (the newest confirmation), ``sammensaetning_delvis``
  and ``boer_bekraeftes``.
* CSV, for programs: UTF-8 with BOM and ``;`` as separator, the registry's own field names and
  values. One row per municipality; fields with several values are joined with `` | ``; ``side``
  is the page's full address. A spreadsheet program that opens it turns "0101" into 101.
* XLSX, for people with a spreadsheet: the same rows with Danish headings and words instead of
  keys, the kommunekode stored as text (it keeps its leading zero), and links as full
  addresses. Nothing a contributor wrote is ever stored as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from registry.model import ELECTION_TERM, Council, Registry

EXPORT_DIR = "registret"
JSON_NAME = "councils.json"
CSV_NAME = "councils.csv"
XLSX_NAME = "councils.xlsx"
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


def page_address(c: Council, site_url: str) -> str:
    """The council page's full address (``site_url`` ends with "/"); the site path without it."""
    return site_url + c.url


def csv_row(reg: Registry, c: Council, site_url: str = "") -> dict[str, str]:
    """One CSV row: the JSON record with lists joined by `` | `` and every cell made safe."""
    rec = council_record(reg, c)
    rec["side"] = page_address(c, site_url)
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


def to_csv(reg: Registry, site_url: str = "") -> bytes:
    """The registry as CSV: UTF-8 with BOM, ``;``-separated, CRLF lines."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for c in reg.councils:
        writer.writerow(csv_row(reg, c, site_url))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# The spreadsheet's columns: Danish heading and width (in characters).
XLSX_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Kommunekode", 12), ("Kommune", 18), ("Region", 20), ("Status", 24), ("Rådets navn", 30),
    ("Antal medlemmer", 10), ("Sammensætning", 40), ("Sammensætningen er kun delvis kendt", 12),
    ("Ret til at blive hørt", 12), ("Sådan vælges medlemmerne", 24), ("Aktiviteter", 30),
    ("Rådets hjemmeside", 30), ("Kontakt", 28), ("Nedlagt", 12), ("Begrundelse for nedlæggelsen", 30),
    ("Antal kilder", 8), ("Kilder: hvad de viser", 60), ("Kilder: adresser", 40),
    ("Sikkerhed", 10), ("Sidst bekræftet af redaktionen", 14), (f"Bør bekræftes for {ELECTION_TERM}", 12),
    ("Redaktionens noter", 60), ("Side på sitet", 40),
)


def _yes_no(value: bool) -> str:
    return "Ja" if value else "Nej"


def xlsx_row(reg: Registry, c: Council, site_url: str) -> list[Any]:
    """One spreadsheet row: words instead of keys, empty where the registry does not know.
    Values that are not known stay empty (None), never "ukendt" in a number column."""
    label = reg.vocab.label

    def known(key: str | None) -> bool:
        return key not in (None, "ukendt")

    return [
        c.code, c.kommune, c.region, label("status", c.status), c.raad_navn, c.medlemmer,
        JOIN.join(f"{g.antal} {label('sammensaetning', g.gruppe).lower()}" for g in c.sammensaetning) or None,
        _yes_no(c.composition_partial) if c.sammensaetning else None,
        label("hoeringsret", c.hoeringsret) if known(c.hoeringsret) else None,
        label("valgform", c.valgform) if known(c.valgform) else None,
        JOIN.join(label("aktiviteter", a) for a in c.aktiviteter) or None,
        c.hjemmeside, c.kontakt,
        _iso(c.nedlagt.dato) if c.nedlagt else None, c.nedlagt.begrundelse if c.nedlagt else None,
        len(c.kilder),
        JOIN.join(f"{s.fakta} ({s.dato or 'udateret'})" for s in c.kilder) or None,
        JOIN.join(s.url for s in c.kilder) or None,
        label("sikkerhed", c.sikkerhed), _iso(c.sidst_verificeret), _yes_no(c.needs_verification),
        c.noter, page_address(c, site_url),
    ]


def to_xlsx(reg: Registry, site_url: str = "") -> bytes:
    """The registry as a spreadsheet (see the module docstring)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Kommuner"
    ws.append([heading for heading, _ in XLSX_COLUMNS])
    for c in reg.councils:
        ws.append([None] * len(XLSX_COLUMNS))
        for cell, value in zip(ws[ws.max_row], xlsx_row(reg, c, site_url)):
            if value is None:
                continue
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, also when it begins with "=": never a formula
                cell.number_format = "@"
                if value.startswith("https://") and JOIN not in value:
                    cell.hyperlink = value
                    cell.style = "Hyperlink"
                    cell.number_format = "@"
    for i, (_, width) in enumerate(XLSX_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "C2"  # the headings and the municipality stay in view
    ws.auto_filter.ref = ws.dimensions
    about = wb.create_sheet("Om filen")
    for line in (
        "Integrationsrådshåndbogens register over de lokale integrationsråd, én række pr. kommune.",
        "Et tomt felt betyder, at registret ikke ved det. «Ukendt» under Status betyder, at vi ikke "
        "har fundet en kilde – ikke at kommunen er uden råd.",
        "Felter med flere værdier er adskilt med « | ». Datoer står som år-måned-dag.",
        f"Forklaring af felterne og filer til programmer: {site_url}registret/data/" if site_url
        else "Forklaring af felterne og filer til programmer: siden Data og genbrug.",
    ):
        about.append([line])
    about.column_dimensions["A"].width = 110
    buf = io.BytesIO()
    wb.save(buf)
    return _reproducible_zip(buf.getvalue())


_FIXED_DATE = (2026, 1, 1, 0, 0, 0)


def _reproducible_zip(data: bytes) -> bytes:
    """The same file with a fixed date instead of "now" (zip entries and document properties),
    so the same registry always gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED_DATE), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def exports(reg: Registry, schema_path: Path | None, site_url: str = "") -> dict[str, str | bytes]:
    """Site path (under ``registret/``) → content of every export. ``site_url``: the site's
    address (ends with "/"), so the CSV and the spreadsheet link to each page in full."""
    out: dict[str, str | bytes] = {
        f"{EXPORT_DIR}/{JSON_NAME}": to_json(reg),
        f"{EXPORT_DIR}/{CSV_NAME}": to_csv(reg, site_url),
        f"{EXPORT_DIR}/{XLSX_NAME}": to_xlsx(reg, site_url),
    }
    if schema_path is not None and schema_path.is_file():
        out[f"{EXPORT_DIR}/{SCHEMA_NAME}"] = schema_path.read_bytes()
    return out
