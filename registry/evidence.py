"""What the evidence in an entry supports: status by the inclusion rule, and certainty by the
sources' own dates and kinds and the editors' confirmations.

``check_entry`` is called by the checker (registry/validation.py) for every entry and adds
each problem at its line, in plain Danish. The rules are written for maintainers in
docs/registret/dataguide.md ("Råd med et andet navn", "Vælg sikkerhed", "Bekræft en post").

**Status.** A body counts as a council when the municipality itself calls it its integration
council, or when sources show all three points of the rule (``inklusion``). Status follows:
``nedlagt`` when a closure is recorded (``nedlagt``), else ``har_raad`` when the body counts,
else ``intet_raad`` when a source says there is no council (``intet_raad``), else ``ukendt``.

**Certainty.** The evidence for a status is the sources it rests on (``har_raad``: the sources
of the points that are shown; ``nedlagt``: ``nedlagt.kilder``; ``intet_raad``:
``intet_raad.kilder``) and the editors' confirmations. Each piece gets a level from its own
date (a partial date counts from its first day) and its kind; the best one is the highest
certainty the entry may have. Status ``ukendt`` is always ``lav``; left-out sources never count.

    dated                          direct (kommune, referat, confirmation)   indirect
    on or after 18 November 2025   hoej                                       hoej
    1 January 2022 – 17 Nov 2025   hoej                                       middel
    November–December 2021         middel                                     middel
    earlier, or undated            lav                                        lav

A lower hand-set certainty is allowed (conflicting sources; the note says why), except when
the editors have confirmed the entry: then it is exactly what the evidence gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from registry.model import (
    ELECTION_DATE,
    INCLUSION_POINTS,
    LAW_CHANGE,
    STATUS_HAR_RAAD,
    STATUS_INTET_RAAD,
    STATUS_NEDLAGT,
    STATUS_UKENDT,
    TERM_2022_FROM,
    first_day,
    inclusion_counts,
)

if TYPE_CHECKING:
    from registry.validation import Checker
    from registry.yamlparse import Path

LEVELS: tuple[str, ...] = ("lav", "middel", "hoej")  # lowest first
DIRECT_KINDS = frozenset({"kommune", "referat"})
# A confirmation by one of these methods names the page or minutes among the sources.
METHODS_WITH_SOURCE = frozenset({"kommunens_hjemmeside", "referat"})
HIGH_NEEDS = (
    "høj kræver en side fra kommunen eller et referat fra 1. januar 2022 eller senere, en "
    "bekræftelse fra redaktionen eller en kilde fra efter kommunalvalget 18. november 2025"
)


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence for the status, with the level it supports."""

    level: str
    day: date | None
    what: str  # Danish, for messages: "kilde 2 (avis eller medie, 2022-06)"


def level_of(day: date | None, direct: bool) -> str:
    """The certainty one piece of evidence supports (see the module docstring)."""
    if day is None or day < TERM_2022_FROM:
        return "lav"
    if day >= ELECTION_DATE or (direct and day >= LAW_CHANGE):
        return "hoej"
    return "middel"


def numbers(value: Any) -> list[int]:
    """The source numbers in a list (anything else is reported by the schema)."""
    if not isinstance(value, list):
        return []
    return [n for n in value if isinstance(n, int) and not isinstance(n, bool) and n >= 1]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [_dict(item) for item in value] if isinstance(value, list) else []


def assessments(entry: dict[str, Any]) -> dict[str, str]:
    """Point -> ``ja``/``nej``/``ukendt`` for the entry's ``inklusion`` (missing or not one
    of the three: ukendt)."""
    inclusion = _dict(entry.get("inklusion"))
    found = {key: _dict(inclusion.get(key)).get("vurdering") for key in INCLUSION_POINTS}
    return {key: v if v in ("ja", "nej") else "ukendt" for key, v in found.items()}


def derived_status(entry: dict[str, Any]) -> str:
    """The status the recorded evidence gives (see the module docstring)."""
    if isinstance(entry.get("nedlagt"), dict):
        return STATUS_NEDLAGT
    if isinstance(entry.get("inklusion"), dict) and inclusion_counts(assessments(entry)):
        return STATUS_HAR_RAAD
    if isinstance(entry.get("intet_raad"), dict):
        return STATUS_INTET_RAAD
    return STATUS_UKENDT


def status_sources(entry: dict[str, Any]) -> list[int]:
    """Numbers of the sources the stated status rests on."""
    status = entry.get("status")
    if status == STATUS_HAR_RAAD:
        inclusion = _dict(entry.get("inklusion"))
        found: list[int] = []
        for key in INCLUSION_POINTS:
            point = _dict(inclusion.get(key))
            if point.get("vurdering") == "ja":
                found += [n for n in numbers(point.get("kilder")) if n not in found]
        return found
    if status == STATUS_NEDLAGT:
        return numbers(_dict(entry.get("nedlagt")).get("kilder"))
    if status == STATUS_INTET_RAAD:
        return numbers(_dict(entry.get("intet_raad")).get("kilder"))
    return []


def evidence(entry: dict[str, Any], kind_labels: dict[str, str]) -> list[Evidence]:
    """Every piece of evidence for the stated status, with its level."""
    sources = _dicts(entry.get("kilder"))
    found = []
    for n in status_sources(entry):
        if n > len(sources):
            continue  # reported as a wrong number
        source = sources[n - 1]
        dato = source.get("dato") if isinstance(source.get("dato"), str) else None
        kind = source.get("art") if isinstance(source.get("art"), str) else None
        label = kind_labels.get(kind, "ukendt art") if kind else "ukendt art"
        day = first_day(dato)
        found.append(Evidence(level_of(day, kind in DIRECT_KINDS), day,
                              f"kilde {n} ({label.lower()}, {dato or 'uden dato'})"))
    for i, confirmation in enumerate(_dicts(entry.get("bekraeftelser")), start=1):
        dato = confirmation.get("dato")
        day = first_day(dato) if isinstance(dato, str) else None
        found.append(Evidence(level_of(day, True), day, f"bekræftelse nr. {i} ({dato})"))
    return found


def supported(entry: dict[str, Any], kind_labels: dict[str, str]) -> tuple[str, str]:
    """(the highest certainty the evidence supports, why: Danish, for messages)."""
    if entry.get("status") == STATUS_UKENDT:
        return "lav", "status er ukendt, og så er sikkerheden altid lav"
    found = evidence(entry, kind_labels)
    if not found:
        return "lav", "status bygger ikke på nogen kilde med et nummer under inklusion, nedlagt eller intet_raad"
    best = max(found, key=lambda e: (LEVELS.index(e.level), e.day or date.min))
    if best.level == "lav":
        newest = max(found, key=lambda e: e.day or date.min)
        return "lav", ("status bygger kun på kilder fra før november 2021 eller uden dato; den "
                       f"nyeste er {newest.what}")
    if best.level == "middel":
        return "middel", f"det bedste belæg er {best.what}; {HIGH_NEEDS}"
    return "hoej", f"det bedste belæg er {best.what}"


# ------------------------------------------------------------------------------ checks


def check_entry(checker: Checker, base: Path, entry: dict[str, Any]) -> None:
    """Every evidence rule for one entry (the schema has checked the shapes)."""
    count = len(entry["kilder"]) if isinstance(entry.get("kilder"), list) else 0
    inclusion = entry.get("inklusion")
    if isinstance(inclusion, dict):
        for key in INCLUSION_POINTS:
            if isinstance(inclusion.get(key), dict):
                check_point(checker, base + ("inklusion", key), inclusion[key], count)
    for key in ("nedlagt", "intet_raad"):
        block = entry.get(key)
        if isinstance(block, dict):
            check_numbers(checker, base + (key, "kilder"), block.get("kilder"), count)
            if isinstance(block.get("kilder"), list) and not block["kilder"]:
                checker.add(base + (key, "kilder"),
                            "Skriv nummeret på mindst én kilde, der viser det, fx kilder: [1]. "
                            "Numrene tæller fra 1 i listen kilder.")
    for i, source in enumerate(_dicts(entry.get("udeladte_kilder"))):
        if isinstance(source.get("dato"), str):
            checker.check_date(base + ("udeladte_kilder", i, "dato"), source["dato"], False)
    for i, confirmation in enumerate(_dicts(entry.get("bekraeftelser"))):
        check_confirmation(checker, base + ("bekraeftelser", i), confirmation, count)
    check_status(checker, base, entry)
    check_certainty(checker, base, entry)


def check_numbers(checker: Checker, path: Path, value: Any, count: int) -> None:
    """Source numbers must name a source in ``kilder``."""
    if not isinstance(value, list):
        return
    for i, n in enumerate(value):
        if isinstance(n, int) and not isinstance(n, bool) and n > count:
            has = f"har {count} kilde{'r' if count != 1 else ''}" if count else "har ingen kilder"
            checker.add(path + (i,), f"Kilde nr. {n} findes ikke: posten {has}. Numrene tæller "
                        "fra 1 i listen kilder, ligesom på kommunens side.")


def check_point(checker: Checker, path: Path, point: dict[str, Any], count: int) -> None:
    """A point shown (ja) or shown not to hold (nej) names its sources; ukendt names none."""
    check_numbers(checker, path + ("kilder",), point.get("kilder"), count)
    vurdering, sources = point.get("vurdering"), point.get("kilder")
    if not isinstance(sources, list):
        return
    if vurdering in ("ja", "nej") and not sources:
        checker.add(path + ("kilder",),
                    f"Vurderingen {vurdering} skal bygge på en kilde: skriv numrene på de kilder, "
                    "der viser det, fx kilder: [1], eller skriv vurdering: ukendt.")
    elif vurdering == "ukendt" and sources:
        checker.add(path + ("kilder",),
                    "Vurderingen ukendt betyder, at ingen kilde viser det: skriv kilder: [], eller "
                    "skriv vurdering: ja eller nej, hvis kilderne viser det.")


def check_confirmation(checker: Checker, path: Path, confirmation: dict[str, Any], count: int) -> None:
    """A confirmation: a real past day, covers status, names its page or minutes."""
    if isinstance(confirmation.get("dato"), str):
        checker.check_date(path + ("dato",), confirmation["dato"], True)
    covered = confirmation.get("bekraefter")
    if isinstance(covered, list) and "status" not in covered:
        checker.add(path + ("bekraefter",),
                    "En bekræftelse omfatter altid status: skriv status først i listen, fx "
                    "bekraefter: [status, raad_navn]. Har kommunen ikke svaret på status, så er "
                    "posten ikke bekræftet endnu.")
    source = confirmation.get("kilde")
    if isinstance(source, int) and not isinstance(source, bool) and source > count:
        checker.add(path + ("kilde",), f"Kilde nr. {source} findes ikke: posten har {count} "
                    "kilder. Numrene tæller fra 1 i listen kilder.")
    method = confirmation.get("metode")
    if isinstance(method, str) and method in METHODS_WITH_SOURCE and source is None:
        checker.add(path + ("kilde",),
                    f"Med metoden {method} skal siden eller referatet stå under "
                    "kilder (url, dato, art, fakta). Tilføj den, og skriv dens nummer her, fx "
                    "kilde: 3.")


def check_status(checker: Checker, base: Path, entry: dict[str, Any]) -> None:
    """The stated status must be the one the inclusion rule and the blocks give."""
    status = entry.get("status")
    if status not in (STATUS_HAR_RAAD, STATUS_NEDLAGT, STATUS_INTET_RAAD, STATUS_UKENDT):
        return
    if isinstance(entry.get("intet_raad"), dict) and status != STATUS_INTET_RAAD:
        checker.add(base + ("intet_raad",),
                    f"Feltet intet_raad må kun udfyldes, når status er intet_raad (her står "
                    f"{status}). Skriv intet_raad: null, eller ret status.")
    if status == STATUS_NEDLAGT:
        return  # the closure decides; validation.py checks the nedlagt block itself
    inclusion = entry.get("inklusion")
    counts = isinstance(inclusion, dict) and inclusion_counts(assessments(entry))
    if status == STATUS_HAR_RAAD and not isinstance(inclusion, dict):
        checker.add(base + ("status",),
                    "Status har_raad kræver, at inklusionsreglen er udfyldt under inklusion: "
                    "organ (rådets navn) og kaldt_integrationsraad: {vurdering: ja, kilder: [1]} "
                    "med nummeret på en kilde, der viser, at kommunen kalder det sit "
                    "integrationsråd. Har organet et andet navn, så udfyld punkt_1, punkt_2 og "
                    "punkt_3. Se dataguiden, Råd med et andet navn.")
    elif status == STATUS_HAR_RAAD and not counts:
        derived = derived_status(entry)
        checker.add(base + ("status",),
                    f"Status er har_raad, men inklusionsreglen giver {derived}: "
                    f"{why_not_counted(inclusion, assessments(entry))}. Sæt status: {derived}, "
                    "eller skriv de kilder, der viser punkterne, under inklusion.")
    elif status != STATUS_HAR_RAAD and counts:
        checker.add(base + ("status",),
                    f"Status er {status}, men inklusionsreglen giver har_raad: "
                    f"{why_counted(inclusion, assessments(entry))}. Sæt status: har_raad, eller "
                    "ret vurderingen under inklusion.")
    elif status == STATUS_INTET_RAAD and not isinstance(entry.get("intet_raad"), dict):
        checker.add(base + ("status",),
                    "Status intet_raad kræver en kilde, der siger, at kommunen ikke har et råd: "
                    "skriv intet_raad: {kilder: [1]} med kildens nummer. Siger ingen kilde det "
                    "direkte, så er status ukendt.")


POINT_WORDS = {
    "punkt_1": "punkt 1 (nedsat af kommunen)",
    "punkt_2": "punkt 2 (giver politikerne råd om integration som fast opgave)",
    "punkt_3": "punkt 3 (pladser til borgere med flygtninge- eller indvandrerbaggrund)",
}
STANDING_WORDS = {"nej": "er ikke opfyldt", "ukendt": "er ikke vist"}


def why_not_counted(inclusion: dict[str, Any], vurderinger: dict[str, str]) -> str:
    """The deciding points, in Danish: why the body does not count."""
    organ = inclusion.get("organ") or "organet"
    called = ("kommunen kalder ikke selv organet sit integrationsråd"
              if vurderinger["kaldt_integrationsraad"] == "nej"
              else "det er ikke vist, at kommunen selv kalder organet sit integrationsråd")
    missing = [f"{POINT_WORDS[key]} {STANDING_WORDS[v]}"
               for key, v in vurderinger.items() if key in POINT_WORDS and v != "ja"]
    return f"{organ}: {called}, og {', og '.join(missing)}"


def why_counted(inclusion: dict[str, Any], vurderinger: dict[str, str]) -> str:
    """Why the body counts, in Danish, with the sources."""
    organ = inclusion.get("organ") or "organet"
    if vurderinger["kaldt_integrationsraad"] == "ja":
        shown = numbers(_dict(inclusion.get("kaldt_integrationsraad")).get("kilder"))
        return (f"kommunen kalder {organ} sit integrationsråd (kilde "
                f"{', '.join(map(str, shown))})")
    return f"kilderne viser alle tre punkter for {organ}"


def check_certainty(checker: Checker, base: Path, entry: dict[str, Any]) -> None:
    """Never above what the evidence supports; exactly that once the editors confirmed."""
    stated = entry.get("sikkerhed")
    if stated not in LEVELS:
        return
    labels = {key: term.label for key, term in checker.vocab.kildeart.items()}
    level, why = supported(entry, labels)
    if LEVELS.index(stated) > LEVELS.index(level):
        checker.add(base + ("sikkerhed",),
                    f"sikkerhed er {stated}, men kilderne giver højst {level}: {why}. Sæt "
                    f"sikkerhed: {level}, eller tilføj en nyere kilde eller en bekræftelse under "
                    "bekraeftelser (se dataguiden, Vælg sikkerhed).")
    elif stated != level and _dicts(entry.get("bekraeftelser")):
        checker.add(base + ("sikkerhed",),
                    f"Redaktionen har bekræftet posten (bekraeftelser), så sikkerhed er den, "
                    f"kilderne giver: {level} ({why}). Sæt sikkerhed: {level}.")
