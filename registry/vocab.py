"""Controlled vocabularies of the council registry (``data/vocabularies.yaml``).

The vocabulary file is maintained by the project, not by data editors, so it is read with
``yaml.safe_load`` and checked only for its basic shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml


# Names of the vocabularies, in the order they appear in the file.
VOCABULARY_NAMES: tuple[str, ...] = (
    "status",
    "hoeringsret",
    "valgform",
    "sikkerhed",
    "kildeart",             # the kind of a source (registry/evidence.py)
    "bekraeftelsesmetode",  # how the editors confirmed an entry
    "felter",               # the fields a confirmation can cover
    "inklusionspunkter",    # the points of the inclusion rule
    "vurdering",            # how a point of the inclusion rule stands
    "regioner",
    "sammensaetning",
    "aktiviteter",
    "temaer",       # themes of the handbook's good-practice cases (rendering/cases.py)
)


class VocabularyFileError(ValueError):
    """The vocabulary file itself is malformed (a project error, not a data error)."""


# Wording every status carries (see the comment above `status:` in data/vocabularies.yaml).
STATUS_WORDING: tuple[str, ...] = (
    "antal_en", "antal_flere", "opsummering", "tjek", "paa_kortet", "tegning",
)
MAP_PATTERNS = ("striber", "prikker")


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: its key, Danish label and optional description, plus the
    site's wording for a status (``wording``: the STATUS_WORDING keys, and ``moenster``) and
    the question a confirmation request asks about a point of the inclusion rule."""

    key: str
    label: str
    beskrivelse: str | None = None
    kort: str | None = None
    spoergsmaal: str | None = None
    research_tags: tuple[str, ...] = ()
    wording: Mapping[str, str | None] = field(default_factory=dict)

    def says(self, what: str) -> str:
        """The status wording ``what`` (one of STATUS_WORDING)."""
        return self.wording[what] or ""


@dataclass(frozen=True)
class Vocab:
    """All controlled vocabularies, each an ordered mapping key -> Term."""

    status: Mapping[str, Term]
    hoeringsret: Mapping[str, Term]
    valgform: Mapping[str, Term]
    sikkerhed: Mapping[str, Term]
    kildeart: Mapping[str, Term]
    bekraeftelsesmetode: Mapping[str, Term]
    felter: Mapping[str, Term]
    inklusionspunkter: Mapping[str, Term]
    vurdering: Mapping[str, Term]
    regioner: Mapping[str, Term]
    sammensaetning: Mapping[str, Term]
    aktiviteter: Mapping[str, Term]
    temaer: Mapping[str, Term]
    funktionspostkasser: frozenset[str] = field(default_factory=frozenset)

    def terms(self, name: str) -> Mapping[str, Term]:
        """Return the vocabulary called ``name`` (one of VOCABULARY_NAMES)."""
        if name not in VOCABULARY_NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def keys(self, name: str) -> tuple[str, ...]:
        """Return the allowed keys of a vocabulary, in file order."""
        return tuple(self.terms(name))

    def label(self, name: str, key: str | None) -> str:
        """Return the Danish label of ``key`` in vocabulary ``name`` (the key if unknown)."""
        if key is None:
            return "Ukendt"
        term = self.terms(name).get(key)
        return term.label if term else key

    def region_slug(self, region_name: str) -> str | None:
        """Return the slug of a region given its full name as in kommuner.csv."""
        for term in self.regioner.values():
            if term.label == region_name:
                return term.key
        return None


def _term(key: str, raw: Any, where: str, wording: tuple[str, ...] = ()) -> Term:
    """Build one Term from its raw mapping in the vocabulary file."""
    if not isinstance(raw, dict) or not isinstance(raw.get("label"), str):
        raise VocabularyFileError(f"{where}: '{key}' mangler en 'label'.")
    missing = [w for w in wording if not isinstance(raw.get(w), str) or not raw[w].strip()]
    if missing:
        raise VocabularyFileError(f"{where}: '{key}' mangler {', '.join(missing)}.")
    if wording and raw.get("moenster") not in (None, *MAP_PATTERNS):
        raise VocabularyFileError(f"{where}: '{key}': moenster skal være null, "
                                  f"{' eller '.join(MAP_PATTERNS)}.")
    tags = raw.get("research_tags") or ()
    return Term(
        key=key,
        label=raw["label"],
        beskrivelse=raw.get("beskrivelse"),
        kort=raw.get("kort"),
        spoergsmaal=raw.get("spoergsmaal"),
        research_tags=tuple(str(t) for t in tags),
        wording=MappingProxyType({w: raw.get(w) for w in (*wording, "moenster")} if wording else {}),
    )


def vocab_from_mapping(raw: Any, where: str = "vocabularies.yaml") -> Vocab:
    """Build a Vocab from the parsed vocabulary file."""
    if not isinstance(raw, dict):
        raise VocabularyFileError(f"{where}: filen skal være en mapping.")
    parts: dict[str, Mapping[str, Term]] = {}
    for name in VOCABULARY_NAMES:
        section = raw.get(name)
        if not isinstance(section, dict) or not section:
            raise VocabularyFileError(f"{where}: afsnittet '{name}' mangler eller er tomt.")
        wording = STATUS_WORDING if name == "status" else ()
        parts[name] = MappingProxyType(
            {str(k): _term(str(k), v, f"{where}: {name}", wording) for k, v in section.items()}
        )
    mailboxes = frozenset(
        str(item["adresse"]).lower()
        for item in raw.get("funktionspostkasser") or ()
        if isinstance(item, dict) and item.get("adresse")
    )
    return Vocab(**parts, funktionspostkasser=mailboxes)


def load_vocab(path: str | Path) -> Vocab:
    """Read and return the vocabularies from ``path``."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise VocabularyFileError(f"{path}: kan ikke læses ({exc}).") from None
    return vocab_from_mapping(raw, str(path))
