"""MkDocs hook: publish the handbook's templates as downloads.

Each template is written once, in templates/vaerktoejer/<name>.md. Its page in
docs/vaerktoejer/ shows it (pymdownx.snippets) and links to vaerktoejer/filer/<name>.md and
vaerktoejer/filer/<name>.docx, which this hook adds to the build, so `--strict` checks the
links and the Word file is always made from the current text.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.templates_docx import download_files  # noqa: E402


def on_files(files, config):
    for file in download_files(config):
        files.append(file)
    return files
