"""A problem found in the registry file, located by line and column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where it is (1-based line/column), whom and what it concerns, and advice.

    ``subject`` is the municipality as "Navn (kode)" when the problem concerns one entry,
    ``field`` the field inside the entry (e.g. "kilder nr. 2 › url"); both may be None.
    """

    line: int
    col: int
    message: str
    subject: str | None = None
    field: str | None = None

    @property
    def text(self) -> str:
        """``subject · field: message`` without the location."""
        where = " · ".join(part for part in (self.subject, self.field) if part)
        return f"{where}: {self.message}" if where else self.message

    def format(self, path: str) -> str:
        """Render as ``path:LINE:COL: subject · field: message``."""
        return f"{path}:{self.line}:{self.col}: {self.text}"

    def sort_key(self) -> tuple[int, int, str]:
        """Order by position in the file, then by text."""
        return (self.line, self.col, self.message)
