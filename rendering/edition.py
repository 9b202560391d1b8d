"""The edition of the handbook: the time of the last commit.

The PDFs print it on their title page and the calendar uses it as its time stamp, so the
same commit always gives the same files. Outside git (a copy without history) it is the
time of the build.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def edition(root: Path) -> dt.datetime:
    """Commit time of HEAD in ``root`` (UTC), or now when git cannot say."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                             capture_output=True, text=True, timeout=30)
        return dt.datetime.fromtimestamp(int(out.stdout.strip()), dt.timezone.utc)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
