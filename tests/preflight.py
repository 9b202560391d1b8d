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


ROOT = Path(__file__).resolve().parent.parent
# The W3C Nu HTML Checker: npm's vnu-jar, installed by `make test` (Makefile: VNU).
DEFAULT_VNU = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command() -> list[str] | None:
    """``java -jar vnu.jar``, or None when Java or the checker is missing."""
    jar = Path(os.environ.get("VNU_JAR", DEFAULT_VNU))
    java = shutil.which("java")
    return [java, "-jar", str(jar)] if java and jar.is_file() else None


MISSING_VNU = (
    "W3C-tjekkeren (vnu.jar) eller Java mangler: 'make test' henter tjekkeren med npm til "
    ".cache/vnu; Java installerer du med 'sudo apt-get install default-jre-headless' "
    "(Debian/Ubuntu), eller peg på en vnu.jar med VNU_JAR=/sti/til/vnu.jar."
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
    if vnu_command() is None:
        print(MISSING_VNU, file=sys.stderr)
        return 1
    if pango_missing():
        from rendering.pdf import MISSING_PANGO

        print(MISSING_PANGO, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
