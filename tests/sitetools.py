"""Helpers for tests that build sites: the real one and tiny fixture sites."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout and stderr together, as a maintainer would see them


def build_site(config: Path, out: Path, env: dict[str, str] | None = None) -> BuildResult:
    """Run ``mkdocs build --strict`` for ``config`` into ``out`` in a subprocess."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "--config-file", str(config), "--site-dir", str(out)],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=config.parent,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr)
