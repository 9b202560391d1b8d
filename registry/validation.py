"""Checks of a parsed registry file, each problem worded in plain Danish at its line.

Two layers: the JSON Schema (``data/councils.schema.json``) checks structure, types,
patterns and vocabularies; its errors are translated here. Python then checks what a schema
cannot express: codes exist in the reference list, order, completeness, real and past dates,
personal data, and requirements that depend on ``status``.

Personal data (registry/personal_data.py): free-text fields may contain no CPR number, phone
number, e-mail address or person's name; web addresses (``kilder[].url``, ``hjemmeside``) no
personal data either, and ``kontakt`` only a functional mailbox. Text that is not what it looks
like (registry/text_checks.py): invisible and direction-changing characters, text that is not
NFC, words mixing alphabets and look-alike host names are refused, each at its own line (the
raw file is scanned before parsing, see ``registry.loader.validate_bytes``), and every text has
a length limit that fits the page. Within an entry, a source may not stand twice, and the
council's name may not name another municipality or region than the reference list gives.

YAML 1.1 pitfalls are refused, not taken silently: codes must be quoted (0101 would be octal
65, and 0851 is read differently by YAML 1.2 tools), counts must be plain whole numbers (010
is octal 8, 1_0 is 10, 1:30 is 90, and JSON Schema accepts 9.0 as an integer).
"""

from __future__ import annotations

import difflib
import math
import re
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from registry import evidence
from registry.model import STATUS_NEDLAGT, STATUSES_NEEDING_SOURCES, parse_partial_date
from registry.personal_data import (
    EMAIL_RE,
    ProperNouns,
    mailbox_problem,
    text_findings,
    url_findings,
)
from registry.problems import Problem
from registry.reference import Municipality
from registry.text_checks import host_problem, length_problem
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

# Fields holding free text (own-words Danish) that must not contain contact details.
FREE_TEXT_FIELDS = frozenset({"raad_navn", "noter", "fakta", "begrundelse", "organ"})
URL_FIELDS = frozenset({"url", "hjemmeside"})

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
        nouns: ProperNouns | None = None,
    ) -> None:
        self.parsed = parsed
        self.info = parsed.info
        self.reference = reference
        self.vocab = vocab
        self.schema = schema
        self.today = today
        self.require_complete = require_complete
        self.nouns = nouns or proper_nouns(reference, vocab)
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
            name = last_field(path)
            if name in FREE_TEXT_FIELDS:
                self.check_free_text(path, text)
            elif name in URL_FIELDS:
                self.check_url(path, text)
            problem = length_problem(name, text)
            if problem:
                self.add(path, problem)
        self.check_same_source_twice(base, entry)
        self.check_reference_agrees(base, entry)
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
        """``kontakt`` must be a functional mailbox (registry/personal_data.py)."""
        if not isinstance(value, str) or not EMAIL_RE.fullmatch(value):
            return
        places = [m.name for m in self.reference.values()]
        problem = mailbox_problem(value, self.vocab.funktionspostkasser, places)
        if problem:
            self.add(base + ("kontakt",), problem)

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
        """No CPR or phone numbers, e-mail addresses or persons' names in free text."""
        if not text.strip():
            self.add(path, "Feltet indeholder kun mellemrum. Skriv teksten, eller null hvis den er ukendt.")
            return
        for message in text_findings(text, self.nouns):
            self.add(path, message)

    def check_url(self, path: Path, url: str) -> None:
        """No personal data in a web address, and no look-alike host name."""
        for message in url_findings(url, self.nouns):
            self.add(path, message)
        problem = host_problem(url)
        if problem:
            self.add(path, problem)

    def check_same_source_twice(self, base: Path, entry: dict[str, Any]) -> None:
        """The same web address may be a source only once in an entry."""
        first: dict[str, int] = {}
        for i, source in enumerate(list_of_dicts(entry.get("kilder"))):
            url = source.get("url")
            if not isinstance(url, str):
                continue
            key = same_source_key(url)
            if key in first:
                self.add(
                    base + ("kilder", i, "url"),
                    f"Kilden står to gange i posten (kilder nr. {first[key] + 1} og nr. {i + 1} har "
                    "samme adresse). Slet den ene, og saml det, de to viser, i én fakta-sætning.",
                )
            first.setdefault(key, i)

    def check_reference_agrees(self, base: Path, entry: dict[str, Any]) -> None:
        """The council's name may not name another municipality or region than its own."""
        own = self.reference.get(str(base[0]))
        name = entry.get("raad_navn")
        if own is None or not isinstance(name, str):
            return
        for other in self.reference.values():
            if other.code != own.code and other.name != own.name and names_place(name, other.name):
                self.add(
                    base + ("raad_navn",),
                    f"Rådets navn nævner {other.name}, men posten er for {own.name} ({own.code}), "
                    f"jf. kommunelisten. Tjek, at rådet står under den rigtige kommunekode.",
                )
                return
        for term in self.vocab.regioner.values():
            if term.label != own.region and names_place(name, term.label):
                self.add(
                    base + ("raad_navn",),
                    f"Rådets navn nævner {term.label}, men {own.name} ligger i {own.region}, "
                    "jf. kommunelisten. Tjek navnet og kommunekoden.",
                )
                return


def proper_nouns(reference: Mapping[str, Municipality], vocab: Vocab,
                 exceptions: Iterable[str] = ()) -> ProperNouns:
    """What is known not to be a person: municipality and region names, the vocabularies'
    words and the names listed in data/egennavne.txt (``exceptions``)."""
    places = [m.name for m in reference.values()]
    places += [t.label for t in vocab.regioner.values()] + [t.kort or "" for t in vocab.regioner.values()]
    texts = [text for name in ("status", "hoeringsret", "valgform", "sikkerhed", "sammensaetning",
                               "aktiviteter", "temaer")
             for term in vocab.terms(name).values() for text in (term.label, term.beskrivelse or "")]
    return ProperNouns.build(places, texts, exceptions)


def same_source_key(url: str) -> str:
    """A web address without what never changes the page: the scheme, the host's capital
    letters, a fragment and a final slash. (With and without www. can be two versions of a
    page, as in Hjørring's entry, so they count as two sources.)"""
    url = url.strip().split("#", 1)[0].rstrip("/")
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https"):
        return url
    host, slash, path = rest.partition("/")
    return f"{host.lower()}{slash}{path}"


def names_place(text: str, place: str) -> bool:
    """True when ``text`` names ``place`` as a word of its own (also in the genitive: Aarhus',
    Odenses)."""
    return re.search(rf"(?<![\w-]){re.escape(place)}(?:s|'|’)?(?![\w-])", text) is not None


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


_COMMENT = re.compile(r"(?:^|[ \t])#(.*)$")


def comment_problems(text: str, vocab: Vocab, places: list[str]) -> list[Problem]:
    """CPR and phone numbers and personal e-mail addresses in the file's comments: the file is
    public on GitHub, comments included. (Names are not looked for: comments name roles and
    fields, and the wording there is the maintainers'.)"""
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _COMMENT.search(line) if "#" in line else None
        if not match:
            continue
        comment = match.group(1)
        messages = [m for m in text_findings(comment, ProperNouns()) if "CPR" in m or "telefon" in m]
        messages += [
            "En kommentar indeholder en persons e-mailadresse. " + problem
            for address in EMAIL_RE.findall(comment)
            if (problem := mailbox_problem(address, vocab.funktionspostkasser, places))
        ]
        out.extend(Problem(number, match.start(1), message) for message in messages)
    return out


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
