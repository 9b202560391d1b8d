"""A problem found in the registry file, located by line and column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where it is (1-based line/column), whom and what it concerns, and advice.

    ``subject`` is the municipality as "Navn (kode)" when the problem concerns one entry,
    ``field`` the field inside the entry (e.g. "kilder nr. 2 › url"); both may be None.
    ``path`` names the file when it is not the one being checked (the municipality list, the
    list of proper nouns).
    """

    line: int
    col: int
    message: str
    subject: str | None = None
    field: str | None = None
    path: str | None = None

    @property
    def text(self) -> str:
        """``subject · field: message`` without the location."""
        where = " · ".join(part for part in (self.subject, self.field) if part)
        return f"{where}: {self.message}" if where else self.message

    def format(self, path: str) -> str:
        """Render as ``path:LINE:COL: subject · field: message``."""
        return f"{self.path or path}:{self.line}:{self.col}: {self.text}"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file (the checked file first), position in it, then by text."""
        return (self.path or "", self.line, self.col, self.message)
