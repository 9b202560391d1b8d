"""Checks of a parsed registry file, each problem worded in plain Danish at its line.

Two layers: the JSON Schema (``data/councils.schema.json``) checks structure, types,
patterns and vocabularies; its errors are translated here. Python then checks what a schema
cannot express: codes exist in the reference list, order, completeness, real and past dates,
personal data, and requirements that depend on ``status``.

Rule for ``kontakt`` (functional mailboxes only): the part before ``@`` must name a function,
i.e. contain one of ``FUNCTION_WORDS`` (e.g. ``integrationsraad@aarhus.dk``,
``post@kommune.dk``). Anything else — ``fornavn.efternavn@``, initials such as ``abc@`` — is
refused as possibly personal, unless the address is listed under ``funktionspostkasser`` in
``data/vocabularies.yaml`` together with the unit that owns it. Free-text fields may contain
neither e-mail addresses nor phone numbers (any Danish grouping, with or without +45/0045,
also right after "tlf."), nor a person's name right after a role word ("formand Jens
Hansen", "v/ Jens Hansen"); names in general cannot be recognised, so that stays a review task.

YAML 1.1 pitfalls are refused, not taken silently: codes must be quoted (0101 would be octal
65, and 0851 is read differently by YAML 1.2 tools), counts must be plain whole numbers (010
is octal 8, 1_0 is 10, 1:30 is 90, and JSON Schema accepts 9.0 as an integer).
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from registry import evidence
from registry.model import STATUS_NEDLAGT, STATUSES_NEEDING_SOURCES, parse_partial_date
from registry.problems import Problem
from registry.vocab import Vocab
from registry.yamlparse import (
    TAG_BOOL,
    TAG_INT,
    DuplicateKey,
    NodeInfo,
    ParsedYaml,
    Path,
    entry_context,
)

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

CODE_RE = re.compile(r"[0-9]{4}")
PARTIAL_DATE_RE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
FULL_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Danish phone numbers: 8 digits, alone or grouped in 2s or 4s, optionally with +45/0045.
PHONE_RE = re.compile(
    r"(?<![\w.,/-])(?:(?:\+|00)45[ .-]?)?"
    r"(?:\d{2}[ .-]?\d{2}[ .-]?\d{2}[ .-]?\d{2}|\d{4}[ .-]\d{4})(?![\w,/-]|\.\d)"
)
# A number right after "tlf."/"telefon"/"mobil" is a phone number whatever its grouping
# ("tlf.12345678" slips past PHONE_RE, which must not match inside "3.12345678").
PHONE_AFTER_WORD_RE = re.compile(
    r"(?i)\b(?:tlf|tel|telefon|telefonnr|telefonnummer|mobil|mobilnr|mob)\b\.?\s*(?:nr\.?\s*)?:?\s*"
    r"(\(?(?:\+|00)?\d[\d ().-]{6,}\d)"
)
# A person named by role: "formand Jens Hansen", "v/ Jens Hansen", "kontaktperson: Anne Berg".
# Roles and functional names are fine; two or more capitalised words right after a role word
# are almost always a person's name. (Names cannot be recognised in general; this catches the
# usual way a name slips into a note.)
_NAME = r"[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?"
PERSON_AFTER_ROLE_RE = re.compile(
    r"(?:\b(?:[Ff]ormand|[Nn]æstformand|[Ss]ekretær|[Kk]onsulent|[Kk]ontaktperson|[Kk]oordinator|"
    r"[Bb]orgmester|[Rr]ådmand|[Uu]dvalgsformand|[Dd]irektør)"
    r"(?:en)?\b[:,]?\s+|\bv/\s*)"
    rf"({_NAME}(?:\s+{_NAME})+)"
)
# Digit groups that look like a phone number but are a year range or a date (DD.MM.YYYY).
NOT_PHONE_RE = re.compile(
    r"(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}"
    r"|(?:0[1-9]|[12]\d|3[01])[.-](?:0[1-9]|1[0-2])[.-](?:19|20)\d{2}"
)

# A functional mailbox's local part contains one of these words (see module docstring).
FUNCTION_WORDS: tuple[str, ...] = (
    "integration", "raad", "radet", "post", "kontakt", "info", "sekretariat", "borgerservice",
    "kommune", "forvaltning", "center", "team", "service", "udvalg", "politik", "frivillig",
    "forum", "administration", "beskaeftigelse", "sprog", "kultur", "borger", "dialog",
    "mangfoldighed", "medborger", "netvaerk", "byraad", "direktion",
)

# Fields holding free text (own-words Danish) that must not contain contact details.
FREE_TEXT_FIELDS = frozenset({"raad_navn", "noter", "fakta", "begrundelse", "organ"})

# YAML 1.1 reads these plain words as true/false.
YAML_BOOL_WORDS = {
    "yes": "ja", "no": "nej", "on": "ja", "off": "nej", "true": "ja", "false": "nej",
}

TYPE_NAMES = {
    "string": "tekst",
    "integer": "et helt tal",
    "number": "et tal",
    "array": "en liste",
    "object": "en række felter (felt: værdi)",
    "null": "null (ukendt)",
    "boolean": "sand/falsk",
}

# Advice for values that do not match a field's pattern, keyed by field name, or by
# "section.field" where a field means something else inside one section of an entry.
PATTERN_ADVICE = {
    "dato": 'Skriv datoen som "ÅÅÅÅ", "ÅÅÅÅ-MM" eller "ÅÅÅÅ-MM-DD" i anførselstegn, '
    'fx "2022-06", eller null hvis den er ukendt.',
    "bekraeftelser.dato": 'Skriv dagen for bekræftelsen som "ÅÅÅÅ-MM-DD" i anførselstegn, fx '
    '"2027-01-15".',
    "kontakt": "Skriv en e-mailadresse til en funktionspostkasse, fx integrationsraad@kommune.dk, "
    "eller null.",
    "url": "Skriv hele adressen, så den begynder med https://, fx https://www.kommune.dk/raad.",
    "hjemmeside": "Skriv hele adressen, så den begynder med https://, eller null.",
}


@dataclass(frozen=True)
class Municipality:
    """One row of the reference list (data/kommuner.csv)."""

    code: str
    name: str
    region: str


class Checker:
    """Collects every problem in one parsed registry file."""

    def __init__(
        self,
        parsed: ParsedYaml,
        reference: Mapping[str, Municipality],
        vocab: Vocab,
        schema: Mapping[str, Any],
        today: date,
        require_complete: bool = True,
    ) -> None:
        self.parsed = parsed
        self.info = parsed.info
        self.reference = reference
        self.vocab = vocab
        self.schema = schema
        self.today = today
        self.require_complete = require_complete
        self.problems: set[Problem] = set()

    # ----------------------------------------------------------------- reporting helpers

    def subject(self, path: Path) -> str | None:
        """'Navn (kode)' for the entry a path belongs to."""
        if not path:
            return None
        code = str(path[0])
        municipality = self.reference.get(code)
        return f"{municipality.name} ({code})" if municipality else f"kode {code}"

    @staticmethod
    def field_label(path: Path) -> str | None:
        """Readable field path inside an entry, e.g. 'kilder nr. 2 › url'."""
        parts: list[str] = []
        for part in path[1:]:
            if isinstance(part, int) and parts:
                parts[-1] = f"{parts[-1]} nr. {part + 1}"
            elif isinstance(part, int):
                parts.append(f"nr. {part + 1}")
            else:
                parts.append(part)
        return " › ".join(parts) or None

    def position(self, path: Path) -> tuple[int, int]:
        """Line/column for a path, falling back to the nearest known parent."""
        while path not in self.info and path:
            path = path[:-1]
        info = self.info.get(path)
        return info.where if info else (1, 1)

    def add(self, path: Path, message: str, at: tuple[int, int] | None = None) -> None:
        """Record a problem for ``path``."""
        line, col = at or self.position(path)
        self.problems.add(
            Problem(line, col, message, self.subject(path), self.field_label(path))
        )

    # ----------------------------------------------------------------------- entry point

    def run(self) -> list[Problem]:
        """Run every check and return the problems sorted by position."""
        data = self.parsed.data
        for path, problem in self.parsed.located:
            self.add(path, problem.message, at=(problem.line, problem.col))
        self.check_duplicates(self.parsed.duplicates)
        if not isinstance(data, dict):
            self.add((), root_type_message(data), at=(1, 1))
        else:
            self.check_codes(data)
            self.check_schema(data)
            for code, entry in data.items():
                if isinstance(entry, dict):
                    self.check_entry((code,), entry)
        return sorted(self.problems, key=Problem.sort_key)

    # ------------------------------------------------------------------------ file level

    def check_duplicates(self, duplicates: Iterable[DuplicateKey]) -> None:
        """Duplicate keys: PyYAML would silently keep the last one and lose data."""
        for dup in duplicates:
            lines = f"linje {dup.first_line} og {dup.line}"
            if not dup.parent:
                message = (
                    f"Kommunen står to gange ({lines}). Saml oplysningerne i én post og slet "
                    "den anden; ellers går data tabt."
                )
            else:
                message = (
                    f"Feltet {dup.key} står to gange i samme afsnit ({lines}). Behold ét og "
                    "flyt oplysningerne derhen; ellers går data tabt."
                )
            self.add(dup.parent + (dup.key,), message, at=(dup.line, dup.col))

    def check_codes(self, data: dict[str, Any]) -> None:
        """Keys: quoted four-digit codes from the reference list, sorted, none missing."""
        previous = ""
        for key in data:
            info = self.info[(key,)]
            if not self.check_code(key, info):
                continue
            if key < previous:
                self.add(
                    (key,),
                    f"Posterne skal stå i rækkefølge efter kommunekode: {key} skal stå før "
                    f"{previous}. Flyt posten op.",
                )
            previous = max(previous, key)
        if self.require_complete:
            self.check_complete(data)

    def check_code(self, key: str, info: NodeInfo) -> bool:
        """Report a bad code key; True when the key is a known, well-written code."""
        if info.key_tag == TAG_INT and info.key_plain:
            self.add((key,), unquoted_code_message(key))
            return False
        if info.key_plain and key.isdigit():
            self.add((key,), plain_code_message(key))
            return False
        if info.key_tag == TAG_BOOL:
            self.add((key,), f"{key} er ikke en kommunekode. Skriv koden med fire cifre i "
                     'anførselstegn, fx "0751":.')
            return False
        if not CODE_RE.fullmatch(key):
            suggestion = f' Mente du "{key.zfill(4)}"?' if key.isdigit() and len(key) < 4 else ""
            self.add(
                (key,),
                f'"{key}" er ikke en kommunekode. Koden skal være fire cifre i anførselstegn, '
                f'fx "0751".{suggestion}',
            )
            return False
        if key not in self.reference:
            self.add(
                (key,),
                f"Kommunekoden {key} findes ikke i kommunelisten (data/kommuner.csv). Tjek "
                "koden; de gyldige koder står i kommunelisten.",
            )
            return False
        return True

    def check_complete(self, data: dict[str, Any]) -> None:
        """Every municipality of the reference list has an entry."""
        present = set(data)
        missing = [m for code, m in sorted(self.reference.items()) if code not in present]
        if missing:
            names = ", ".join(f"{m.name} ({m.code})" for m in missing)
            self.add(
                (),
                f"Der mangler {len(missing)} kommune(r) i filen: {names}. Tilføj en post for hver "
                "(med status: ukendt, hvis intet vides).",
                at=(1, 1),
            )

    # ---------------------------------------------------------------------------- schema

    def check_schema(self, data: dict[str, Any]) -> None:
        """Translate JSON Schema errors inside entries (codes are checked in Python)."""
        from jsonschema import Draft202012Validator

        for error in Draft202012Validator(self.schema).iter_errors(data):
            path = tuple(error.absolute_path)
            if path and CODE_RE.fullmatch(str(path[0])):
                for sub_path, message in schema_messages(error, path, self):
                    self.add(sub_path, message)

    # ----------------------------------------------------------------- checks per entry

    def check_entry(self, base: Path, entry: dict[str, Any]) -> None:
        """Checks the schema cannot express, on values of the right type."""
        self.check_status_rules(base, entry)
        self.check_dates(base, entry)
        self.check_contact(base, entry.get("kontakt"))
        self.check_number(base + ("medlemmer",), entry.get("medlemmer"))
        for i, group in enumerate(list_of_dicts(entry.get("sammensaetning"))):
            self.check_number(base + ("sammensaetning", i, "antal"), group.get("antal"))
        for path, text in iter_strings(base, entry):
            if path[-1] in FREE_TEXT_FIELDS:
                self.check_free_text(path, text)
        evidence.check_entry(self, base, entry)  # status and certainty from the evidence

    def check_status_rules(self, base: Path, entry: dict[str, Any]) -> None:
        """har_raad/nedlagt/intet_raad need sources; nedlagt needs its block; others not."""
        status = entry.get("status")
        if not isinstance(status, str) or status not in self.vocab.status:
            return
        sources = entry.get("kilder")
        if status in STATUSES_NEEDING_SOURCES and isinstance(sources, list) and not sources:
            self.add(
                base + ("kilder",),
                f"Status {status} kræver mindst én kilde. Tilføj en kilde (url, dato, fakta), "
                "eller sæt status: ukendt, hvis ingen kilde viser det.",
            )
        closed = entry.get("nedlagt", ...)
        if status == STATUS_NEDLAGT and closed is None:
            self.add(
                base + ("nedlagt",),
                'Når status er nedlagt, skal du skrive hvornår og hvorfor: nedlagt: {dato: "2015-12", '
                "begrundelse: ...}. Skriv null for det, der er ukendt.",
            )
        elif status != STATUS_NEDLAGT and isinstance(closed, dict):
            self.add(
                base + ("nedlagt",),
                f"Feltet nedlagt må kun udfyldes, når status er nedlagt (her står {status}). "
                "Skriv nedlagt: null, eller ret status.",
            )

    def check_dates(self, base: Path, entry: dict[str, Any]) -> None:
        """Dates must exist in the calendar and must not lie in the future."""
        candidates: list[tuple[Path, Any, bool]] = []
        closed = entry.get("nedlagt")
        if isinstance(closed, dict):
            candidates.append((base + ("nedlagt", "dato"), closed.get("dato"), False))
        for i, source in enumerate(list_of_dicts(entry.get("kilder"))):
            candidates.append((base + ("kilder", i, "dato"), source.get("dato"), False))
        for path, value, full in candidates:
            if isinstance(value, str):
                self.check_date(path, value, full)

    def check_date(self, path: Path, value: str, full: bool) -> None:
        """One date string that already has the right shape."""
        shape = FULL_DATE_RE if full else PARTIAL_DATE_RE
        if not shape.fullmatch(value):
            return  # the schema reports the shape
        span = parse_partial_date(value)
        if span is None:
            self.add(
                path,
                f"Datoen {value} findes ikke i kalenderen. Ret dag eller måned; kender du kun "
                'måneden, så skriv fx "2023-02".',
            )
        elif span[0] > self.today:
            self.add(
                path,
                f"Datoen {value} ligger i fremtiden (i dag er {self.today.isoformat()}). Skriv "
                "den dato, kilden selv viser, eller null hvis den er ukendt.",
            )

    def check_contact(self, base: Path, value: Any) -> None:
        """``kontakt`` must be a functional mailbox (see the module docstring)."""
        path = base + ("kontakt",)
        if not isinstance(value, str) or not EMAIL_RE.fullmatch(value):
            return
        address = value.lower()
        if address in self.vocab.funktionspostkasser:
            return
        local = address.split("@", 1)[0]
        if any(word in local for word in FUNCTION_WORDS):
            return
        self.add(path, personal_mail_message(value, local))

    def check_number(self, path: Path, value: Any) -> None:
        """Counts: a whole number written plainly. The schema accepts 9.0 as an integer and
        YAML 1.1 silently reads 010 as 8 (octal), 1_0 as 10 and 1:30 as 90."""
        info = self.info.get(path)
        if isinstance(value, bool) or info is None:
            return
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            self.add(path, f"Skriv antallet som et helt tal uden decimaler: {int(value)}.")
        elif isinstance(value, int) and info.plain and info.raw is not None:
            if not re.fullmatch(r"0|[1-9][0-9]*", info.raw):
                self.add(path, odd_integer_message(info.raw, value))

    def check_free_text(self, path: Path, text: str) -> None:
        """No e-mail addresses, phone numbers or persons' names in free text."""
        if not text.strip():
            self.add(path, "Feltet indeholder kun mellemrum. Skriv teksten, eller null hvis den er ukendt.")
            return
        person = PERSON_AFTER_ROLE_RE.search(text)
        if person:
            self.add(
                path,
                f"Teksten ser ud til at nævne en person ved navn ({person.group(1)}). Registret må "
                "ikke indeholde personnavne: skriv rollen i stedet (fx \"formanden\").",
            )
        if EMAIL_RE.search(text):
            self.add(
                path,
                "Fritekst må ikke indeholde e-mailadresser. Slet adressen; en funktionspostkasse "
                "hører til i feltet kontakt.",
            )
        for match in PHONE_RE.finditer(text):
            if not NOT_PHONE_RE.fullmatch(match.group().strip()):
                self.add(
                    path,
                    f"Teksten ser ud til at indeholde et telefonnummer ({match.group().strip()}). "
                    "Registret må ikke indeholde telefonnumre: slet nummeret. Er det et andet tal, "
                    "så skriv det på en anden måde (fx med enhed).",
                )
                return
        word = PHONE_AFTER_WORD_RE.search(text)
        if (
            word
            and sum(ch.isdigit() for ch in word.group(1)) >= 8
            and not NOT_PHONE_RE.fullmatch(word.group(1).strip())
        ):
            self.add(
                path,
                f"Teksten ser ud til at indeholde et telefonnummer ({word.group(1).strip()}). "
                "Registret må ikke indeholde telefonnumre: slet nummeret.",
            )


# ----------------------------------------------------------------- schema error messages


def schema_messages(
    error: ValidationError, path: Path, checker: Checker
) -> Iterator[tuple[Path, str]]:
    """Danish (path, message) pairs for one JSON Schema error."""
    kind = error.validator
    info = checker.info.get(path)
    name = last_field(path)
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        for extra in error.instance:
            if extra not in allowed:
                yield path + (extra,), unknown_field_message(extra, allowed)
    elif kind == "required" and isinstance(error.instance, dict):
        missing = [m for m in error.validator_value if m not in error.instance]
        if missing:
            properties = error.schema.get("properties", {})
            yield path, missing_fields_message(missing, properties, path, checker)
    elif kind == "type":
        yield path, type_message(error, info, name)
    elif kind == "enum":
        yield path, enum_message(error.instance, info, list(error.validator_value), name, checker)
    elif kind == "pattern":
        section = str(path[1]) if len(path) > 2 else ""
        yield path, pattern_message(error.instance, name, section)
    elif kind in ("minimum", "exclusiveMinimum"):
        yield path, f"{error.instance} er ikke muligt her. Skriv et helt tal større end 0, eller null."
    elif kind == "minLength":
        yield path, "Feltet er tomt. Skriv teksten, eller null hvis den er ukendt."
    elif kind == "uniqueItems":
        yield path, "Det samme mærke står flere gange i listen. Skriv hvert mærke én gang."
    else:
        yield path, f"Værdien passer ikke til skemaet ({error.message}). Se data/councils.schema.json."


def unknown_field_message(extra: str, allowed: list[str]) -> str:
    """Unknown field: suggest the nearest allowed name."""
    close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
    hint = f" Mente du {close[0]}?" if close else ""
    return (
        f"Ukendt felt {extra}.{hint} Tilladte felter her: {', '.join(allowed)}. Ret stavningen; "
        "et ukendt felt bliver ellers ikke vist."
    )


def missing_fields_message(
    missing: list[str], properties: Mapping[str, Any], path: Path, checker: Checker
) -> str:
    """Missing required fields of one mapping, with what to write when a value is unknown."""
    where = "posten" if len(path) == 1 else "afsnittet"
    examples = "; ".join(
        f"{name}: {unknown_value(properties.get(name, {}), checker)}" for name in missing
    )
    if len(missing) == 1:
        head = f"Feltet {missing[0]} mangler i {where}. Tilføj det med den rigtige værdi"
    else:
        head = f"Felterne {', '.join(missing)} mangler i {where}. Tilføj dem med de rigtige værdier"
    return f"{head}; er en værdi ukendt, så skriv {examples}."


def unknown_value(prop: Mapping[str, Any], checker: Checker) -> str:
    """What to write for an unknown value of a property (from the schema)."""
    ref = str(prop.get("$ref", ""))
    if ref:
        prop = {**checker.schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {}), **prop}
    enum = prop.get("enum")
    if enum:
        return "ukendt" if "ukendt" in enum else f"({' / '.join(enum)})"
    types = prop.get("type", [])
    types = types if isinstance(types, list) else [types]
    if "array" in types:
        return "[]"
    if "null" in types:
        return "null"
    return "(værdi)"


def type_message(error: ValidationError, info: NodeInfo | None, name: str) -> str:
    """Wrong type, with special advice for yes/no words and unquoted dates."""
    expected = error.validator_value
    expected_list = expected if isinstance(expected, list) else [expected]
    wanted = " eller ".join(TYPE_NAMES.get(t, t) for t in expected_list)
    shown = describe_value(error.instance, info)
    bool_hint = bool_advice(error.instance, info, None)
    if bool_hint:
        return bool_hint
    if "string" in expected_list and isinstance(error.instance, (int, float)):
        return (
            f"Her skal stå {wanted}, men der står tallet {shown}. Sæt værdien i anførselstegn: "
            f'"{shown}".'
        )
    if "integer" in expected_list and isinstance(error.instance, str):
        if error.instance.strip().isdigit() and info is not None and info.plain:
            return (
                f"Her skal stå et helt tal, men {shown} begynder med 0 og læses derfor som "
                f"tekst. Skriv tallet uden 0 foran: {error.instance.strip().lstrip('0') or '0'}."
            )
        if error.instance.strip().isdigit():
            return (
                f"Her skal stå et helt tal, men {shown} står i anførselstegn og er derfor tekst. "
                "Fjern anførselstegnene."
            )
        return f"Her skal stå {wanted}, men der står {shown}. Skriv tallet med cifre, fx 9."
    return f"Her skal stå {wanted}, men der står {shown}."


def enum_message(
    value: Any, info: NodeInfo | None, allowed: list[str], name: str, checker: Checker
) -> str:
    """Value outside a vocabulary; yes/no words get their own advice."""
    bool_hint = bool_advice(value, info, allowed)
    if bool_hint:
        return bool_hint
    options = ", ".join(allowed)
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
    hint = f" Mente du {close[0]}?" if close else ""
    return (
        f"{describe_value(value, info)} er ikke en tilladt værdi.{hint} Skriv en af: {options} "
        "(se data/vocabularies.yaml)."
    )


def pattern_message(value: Any, name: str, section: str = "") -> str:
    """Value with the wrong shape: dates, URLs, e-mail."""
    if name in ("url", "hjemmeside") and isinstance(value, str) and value.startswith("http://"):
        return (
            f"Adressen {value} bruger http://. Skriv https:// i stedet (tjek at siden kan åbnes "
            "med https)."
        )
    if (
        name in ("url", "hjemmeside")
        and isinstance(value, str)
        and value.startswith("https://")
        and re.search(r"[\s\"'<>`\\]", value)
    ):
        return (
            f"Adressen {value} indeholder mellemrum eller et tegn, der ikke må stå i en adresse "
            "(\" ' < > ` \\). Kopiér adressen direkte fra browserens adresselinje."
        )
    advice = PATTERN_ADVICE.get(f"{section}.{name}") or PATTERN_ADVICE.get(
        name, "Værdien har ikke den rigtige form."
    )
    return f"{value!s} kan ikke bruges. {advice}"


def bool_advice(value: Any, info: NodeInfo | None, allowed: list[str] | None) -> str | None:
    """Advice when YAML 1.1 read a word such as no/yes/on/off as true/false."""
    if not isinstance(value, bool):
        return None
    raw = info.raw if info and info.raw else str(value).lower()
    word = YAML_BOOL_WORDS.get(raw.lower())
    if allowed and word in allowed:
        return (
            f"YAML læser {raw} uden anførselstegn som sand/falsk, ikke som et ord. Skriv {word} "
            f"(på dansk) – tilladte værdier: {', '.join(allowed)}."
        )
    options = f" Tilladte værdier: {', '.join(allowed)}." if allowed else ""
    return (
        f"YAML læser {raw} uden anførselstegn som sand/falsk, ikke som et ord. Skriv et dansk "
        f'ord, eller sæt ordet i anførselstegn ("{raw}").{options}'
    )


# ------------------------------------------------------------------------ small helpers


def last_field(path: Path) -> str:
    """Name of the innermost field in a path ('' for list items at the end)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return ""


def describe_value(value: Any, info: NodeInfo | None) -> str:
    """How a value was written, for messages."""
    if info is not None and info.raw is not None:
        return info.raw if info.raw != "" else "ingenting"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en række felter"
    return "ingenting" if value is None else str(value)


def root_type_message(data: Any) -> str:
    """The file is not a mapping of codes."""
    if isinstance(data, list):
        return (
            'Filen skal være en mapping med kommunekoden som nøgle ("0101":), ikke en liste '
            "(- ...). Se eksemplet i CONTRIBUTING.md."
        )
    return 'Filen skal starte med en kommunekode i anførselstegn efterfulgt af kolon, fx "0101":.'


def unquoted_code_message(key: str) -> str:
    """Advice for a code YAML read as a number (octal when it starts with 0)."""
    if key.startswith("0") and all(c in "01234567_" for c in key) and len(key) > 1:
        read = int(key.replace("_", ""), 8)
        how = f"YAML læser {key} uden anførselstegn som det oktale tal {read}"
    else:
        how = f"YAML læser {key} uden anførselstegn som et tal"
    return f'{how}. Skriv koden med fire cifre i anførselstegn: "{key.zfill(4)}":.'


def plain_code_message(key: str) -> str:
    """Advice for a code written without quotes that YAML happened to read as text (0851)."""
    return (
        f"Kommunekoden {key} står uden anførselstegn. Tal med 0 foran læses forskelligt af "
        "forskellige YAML-programmer (0851 som tallet 851, 0101 som det oktale tal 65). Skriv "
        f'koden i anførselstegn: "{key}":.'
    )


def odd_integer_message(raw: str, value: int) -> str:
    """Advice for a count YAML 1.1 read as another number than the one written."""
    digits = raw.lstrip("+")
    if ":" in raw:
        return (
            f"YAML læser {raw} som tallet {value} (60-talssystem). Skriv antallet som ét helt "
            "tal, fx 9."
        )
    if digits.startswith("0") and len(digits) > 1 and digits.isdigit() and value == int(digits):
        return (
            f"Skriv tallet uden 0 foran: {value}. Med 0 foran læser YAML tal som oktale tal "
            "(010 bliver til 8)."
        )
    if digits.startswith("0") and len(digits) > 1 and digits.isdigit():
        return (
            f"YAML læser {raw} uden anførselstegn som det oktale tal {value}, ikke "
            f"{int(digits)}. Skriv tallet uden 0 foran: {int(digits)}."
        )
    return f"YAML læser {raw} som tallet {value}. Skriv tallet med almindelige cifre: {value}."


def syntax_context(problems: list[Problem], text: str, reference: Mapping[str, Municipality]) -> list[Problem]:
    """Add the municipality and field to syntax problems, read from the lines above them."""
    out = []
    for problem in problems:
        code, field_name = entry_context(text, problem.line)
        if code is None:
            out.append(problem)
            continue
        municipality = reference.get(code)
        subject = f"{municipality.name} ({code})" if municipality else f"kode {code}"
        out.append(Problem(problem.line, problem.col, problem.message, subject, field_name))
    return out


def personal_mail_message(value: str, local: str) -> str:
    """Explain why an address looks personal."""
    parts = [p for p in re.split(r"[._+-]", local) if p]
    if len(parts) >= 2 and all(p.isalpha() for p in parts):
        shape = "ligner fornavn.efternavn"
    elif local.isalpha() and len(local) <= 5:
        shape = "ligner en persons initialer"
    else:
        shape = "nævner ikke en funktion (fx integrationsraad, post, kontakt)"
    return (
        f"{value} {shape}. Registret må kun have funktionspostkasser, aldrig en persons adresse. "
        "Skriv rådets eller kommunens fælles postkasse, eller null. Er adressen en fælles "
        "postkasse, så tilføj den under funktionspostkasser i data/vocabularies.yaml."
    )


def list_of_dicts(value: Any) -> list[dict[str, Any]]:
    """The dict items of a list (other items are reported by the schema)."""
    if not isinstance(value, list):
        return []
    return [item if isinstance(item, dict) else {} for item in value]


def iter_strings(path: Path, value: Any) -> Iterator[tuple[Path, str]]:
    """Every string inside ``value`` with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(path + (key,), item)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_strings(path + (i,), item)
