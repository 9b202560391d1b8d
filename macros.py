"""mkdocs-macros entry point.

Thin on purpose: each module below owns one kind of generated block and registers its
macros in ``register(env)``. The registry is loaded and validated once per build by
``registry.loader.get_registry``; a bad registry stops the build with every problem listed.
"""

from __future__ import annotations

import importlib

# Modules that provide macros. Each exposes ``register(env)``.
MACRO_MODULES: tuple[str, ...] = ()


def define_env(env):
    """Load the registry once, then let each module register its macros."""
    for name in MACRO_MODULES:
        importlib.import_module(name).register(env)
