"""Check what the test suite needs from the machine before pytest starts.

Run as ``python -m tests.preflight`` (``make test`` does). On a problem it prints one
plain line saying how to fix it and exits 1 — no stack trace.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"


def chromium_path() -> str | None:
    """Return the Chromium executable to use, or None when there is none."""
    wanted = os.environ.get("CHROMIUM_PATH", DEFAULT_CHROMIUM)
    if Path(wanted).is_file() and os.access(wanted, os.X_OK):
        return wanted
    return shutil.which(wanted) if os.sep not in wanted else None


MISSING_CHROMIUM = (
    "Chromium mangler: installér den med 'sudo apt-get install chromium' "
    "(Debian/Ubuntu) eller peg på en Chromium/Chrome med CHROMIUM_PATH=/sti/til/chromium."
)


def pango_missing() -> bool:
    """True when WeasyPrint (the PDF books) cannot load Pango."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return True
    return False


def main() -> int:
    if chromium_path() is None:
        print(MISSING_CHROMIUM, file=sys.stderr)
        return 1
    if pango_missing():
        from rendering.pdf import MISSING_PANGO

        print(MISSING_PANGO, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
