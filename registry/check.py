"""Validate the registry from the command line: ``python -m registry.check [path]``.

Loads the file through the same loader as the MkDocs build and prints either every problem
(exit status 1) or a one-line summary (exit status 0). With GITHUB_ACTIONS=true each problem
is also printed as a GitHub Actions error annotation.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from registry.loader import RegistryError, default_paths, load_registry
from registry.model import ELECTION_TERM, Registry
from registry.problems import Problem


def summary(registry: Registry) -> str:
    """'OK: 98 kommuner (35 med råd, 8 nedlagte, ...); N bør bekræftes ...'."""
    counts = ", ".join(f"{n} {registry.vocab.status[status].says('opsummering')}"
                       for status, n in registry.counts().items())
    flagged = sum(1 for c in registry.councils if c.needs_verification)
    return (
        f"OK: {len(registry)} kommuner ({counts}); {flagged} bør bekræftes for valgperioden "
        f"{ELECTION_TERM}."
    )


def _escape_data(text: str) -> str:
    """Escape a GitHub workflow-command message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a GitHub workflow-command property value."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, problem: Problem) -> str:
    """One problem as a GitHub Actions ``::error`` line."""
    message = problem.text
    return (
        f"::error file={_escape_property(path)},line={problem.line},col={problem.col}"
        f"::{_escape_data(message)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the check; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    data, reference, vocab, base = default_paths()
    if args:
        data = Path(args[0]).resolve()
    try:
        registry = load_registry(data, reference, vocab, display_base=Path.cwd())
    except RegistryError as exc:
        print(str(exc))
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for problem in exc.problems:
                print(annotation(exc.path, problem))
        return 1
    print(summary(registry))
    return 0


if __name__ == "__main__":
    sys.exit(main())
