"""Typed, immutable model of the council registry.

Objects are built only by ``registry.loader`` from data that has passed validation, so the
model trusts its input. Constants that other modules rely on live at the top of this module.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Mapping

from registry.vocab import Vocab

# The municipal election that starts a new term for every council. Entries whose newest
# source and verification predate it "bør bekræftes for valgperioden 2026–2029".
ELECTION_DATE: date = date(2025, 11, 18)
ELECTION_TERM: str = "2026–2029"

# Status keys with a meaning in code (the labels live in data/vocabularies.yaml).
STATUS_HAR_RAAD = "har_raad"
STATUS_NEDLAGT = "nedlagt"
STATUS_INTET_RAAD = "intet_raad"
STATUS_UKENDT = "ukendt"
STATUSES_NEEDING_SOURCES: frozenset[str] = frozenset(
    {STATUS_HAR_RAAD, STATUS_NEDLAGT, STATUS_INTET_RAAD}
)

_SLUG_MAP = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", " ": "-"})


def slugify(name: str) -> str:
    """Slug for a municipality page: lowercase, æ→ae, ø→oe, å→aa, é→e, spaces→'-'."""
    return name.lower().translate(_SLUG_MAP)


def parse_partial_date(text: str) -> tuple[date, date] | None:
    """Return (first day, last day) of a YYYY, YYYY-MM or YYYY-MM-DD string, or None.

    None means the string is malformed or names a day that does not exist.
    """
    parts = text.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
        return None
    year = int(parts[0])
    try:
        if len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return date(year, month, 1), date(year, month, last)
        day = date(year, month, int(parts[2]))
        return day, day
    except ValueError:
        return None


def first_day(text: str | None) -> date | None:
    """The first day of the period a partial date names ("2023", "2023-05", "2023-05-17")."""
    span = parse_partial_date(text) if text else None
    return span[0] if span else None


@dataclass(frozen=True)
class Source:
    """A source: URL, the source's own date (partial date string or None) and what it shows."""

    url: str
    dato: str | None
    fakta: str

    @cached_property
    def sort_date(self) -> date | None:
        """Sortable form of ``dato``: the first day of the period it names (None if unknown)."""
        return first_day(self.dato)


@dataclass(frozen=True)
class CompositionGroup:
    """Number of members from one composition group (``gruppe`` is a vocabulary key)."""

    gruppe: str
    antal: int


@dataclass(frozen=True)
class Closure:
    """When and why a council was closed; either part may be unknown (None)."""

    dato: str | None
    begrundelse: str | None

    @cached_property
    def sort_date(self) -> date | None:
        """First day of the period named by ``dato`` (None if unknown)."""
        return first_day(self.dato)


@dataclass(frozen=True)
class Council:
    """One municipality's entry. ``kommune`` and region come from the reference list."""

    code: str
    kommune: str
    region: str
    region_slug: str
    slug: str
    status: str
    raad_navn: str | None
    medlemmer: int | None
    sammensaetning: tuple[CompositionGroup, ...]
    hoeringsret: str
    valgform: str
    aktiviteter: tuple[str, ...]
    hjemmeside: str | None
    kontakt: str | None
    nedlagt: Closure | None
    kilder: tuple[Source, ...]
    sikkerhed: str
    sidst_verificeret: date | None
    noter: str | None

    @property
    def url(self) -> str:
        """Site-relative URL of the council page, e.g. ``raad/aarhus/``."""
        return f"raad/{self.slug}/"

    @cached_property
    def newest_source_date(self) -> date | None:
        """Sortable date of the newest dated source (None if no source has a date)."""
        dates = [d for d in (s.sort_date for s in self.kilder) if d is not None]
        return max(dates) if dates else None

    @cached_property
    def last_confirmed(self) -> date | None:
        """The later of the newest source date and the verification date."""
        dates = [d for d in (self.newest_source_date, self.sidst_verificeret) if d]
        return max(dates) if dates else None

    @cached_property
    def needs_verification(self) -> bool:
        """True when neither a source nor a verification is from the election day or later."""
        confirmed = self.last_confirmed
        return confirmed is None or confirmed < ELECTION_DATE


@dataclass(frozen=True)
class Registry:
    """All councils, sorted by kommunekode, and the vocabularies they use."""

    councils: tuple[Council, ...]
    vocab: Vocab
    _by_code: Mapping[str, Council] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_by_code", MappingProxyType({c.code: c for c in self.councils})
        )

    @property
    def by_code(self) -> Mapping[str, Council]:
        """Read-only mapping kommunekode -> Council."""
        return self._by_code

    def by_region(self) -> dict[str, tuple[Council, ...]]:
        """Councils per region slug, regions in vocabulary order (empty regions included)."""
        return {
            slug: tuple(c for c in self.councils if c.region_slug == slug)
            for slug in self.vocab.regioner
        }

    def by_status(self) -> dict[str, tuple[Council, ...]]:
        """Councils per status key, statuses in vocabulary order (empty ones included)."""
        return {
            status: tuple(c for c in self.councils if c.status == status)
            for status in self.vocab.status
        }

    def counts(self) -> dict[str, int]:
        """Number of municipalities per status key, in vocabulary order."""
        return {status: len(group) for status, group in self.by_status().items()}

    def __len__(self) -> int:
        return len(self.councils)
