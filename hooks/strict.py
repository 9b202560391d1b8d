"""MkDocs hook: a strict build counts every warning, also under ``-q``.

``mkdocs build -q`` sets MkDocs' logger to show errors only, and a warning that is never
logged is never counted: ``--strict`` (or ``strict: true`` in mkdocs.yml) together with ``-q``
then passes a build with broken links. Under strict mode, a warning stops the build, so it is
shown: this hook lets warnings through again before any other plugin or hook runs. Everything
that matters to a reader is checked as an error anyway (registry/, rendering/page_checks.py);
this keeps MkDocs' own link checks strict whatever flags are used.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority


@event_priority(100)  # before every plugin's on_config (mkdocs-macros checks the pages there)
def on_config(config):
    logger = logging.getLogger("mkdocs")
    if config.strict and logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    return config
