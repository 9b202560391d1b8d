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
# source and confirmation predate it "bør bekræftes for valgperioden 2026–2029".
ELECTION_DATE: date = date(2025, 11, 18)
ELECTION_TERM: str = "2026–2029"
# The dates the certainty rule measures evidence against (registry/evidence.py): the month of
# the November 2021 elections, which chose the councils for 2022–2025, and the day the
# amended integration act took effect.
TERM_2022_FROM: date = date(2021, 11, 1)
LAW_CHANGE: date = date(2022, 1, 1)

# The points of the inclusion rule (docs/registret/dataguide.md), in the order the guide
# gives them. A body counts as a council when the municipality itself calls it its
# integration council, or when sources show all three numbered points.
INCLUSION_POINTS: tuple[str, ...] = ("kaldt_integrationsraad", "punkt_1", "punkt_2", "punkt_3")
NUMBERED_POINTS: tuple[str, ...] = INCLUSION_POINTS[1:]

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


def inclusion_counts(vurderinger: Mapping[str, str | None]) -> bool:
    """The inclusion rule on the assessment of each point (``ja``/``nej``/``ukendt``)."""
    return vurderinger.get("kaldt_integrationsraad") == "ja" or all(
        vurderinger.get(point) == "ja" for point in NUMBERED_POINTS
    )


@dataclass(frozen=True)
class Source:
    """A source: URL, the source's own date (partial date string or None), its kind
    (``art``, a ``kildeart`` key) and what it shows."""

    url: str
    dato: str | None
    art: str
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
class LeftOutSource:
    """A source left out for privacy: only its kind, its own date and what it shows."""

    art: str
    dato: str | None
    fakta: str


@dataclass(frozen=True)
class Point:
    """One point of the inclusion rule: ``ja``/``nej``/``ukendt`` and the numbers (from 1) of
    the sources in ``kilder`` that show it."""

    vurdering: str
    kilder: tuple[int, ...]


@dataclass(frozen=True)
class Inclusion:
    """The inclusion rule applied to one body; a point that is not written is ``ukendt``."""

    organ: str
    points: Mapping[str, Point]

    def point(self, key: str) -> Point:
        return self.points.get(key) or Point("ukendt", ())

    @property
    def counts(self) -> bool:
        return inclusion_counts({key: self.point(key).vurdering for key in INCLUSION_POINTS})


@dataclass(frozen=True)
class Confirmation:
    """The editors confirmed the entry on ``dato`` by ``metode``; ``bekraefter`` lists the
    fields confirmed (always ``status``), ``kilde`` the number of a source, if any."""

    dato: date
    metode: str
    bekraefter: tuple[str, ...]
    kilde: int | None
    fakta: str


@dataclass(frozen=True)
class Closure:
    """When and why a council was closed (either may be unknown: None), and the numbers of
    the sources that show it."""

    dato: str | None
    begrundelse: str | None
    kilder: tuple[int, ...] = ()

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
    noter: str | None
    inklusion: Inclusion | None = None
    intet_raad: tuple[int, ...] | None = None  # sources saying there is no council
    udeladte_kilder: tuple[LeftOutSource, ...] = ()
    bekraeftelser: tuple[Confirmation, ...] = ()

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
    def sidst_verificeret(self) -> date | None:
        """The day of the editors' newest confirmation (None until there is one)."""
        return max((b.dato for b in self.bekraeftelser), default=None)

    @cached_property
    def last_confirmed(self) -> date | None:
        """The later of the newest source date and the newest confirmation."""
        dates = [d for d in (self.newest_source_date, self.sidst_verificeret) if d]
        return max(dates) if dates else None

    @property
    def composition_partial(self) -> bool:
        """True when the composition names only some of the seats: the groups add up to less
        than ``medlemmer``, or the total is unknown."""
        if not self.sammensaetning:
            return False
        seats = sum(g.antal for g in self.sammensaetning)
        return self.medlemmer is None or seats < self.medlemmer

    @cached_property
    def needs_verification(self) -> bool:
        """True when neither a source nor a confirmation is from the election day or later."""
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
