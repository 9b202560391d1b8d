"""mkdocs-macros entry point.

Thin on purpose: each module below owns one kind of generated block and registers its
macros in ``register(env)``. The registry is loaded and validated here, once per build,
before any page is rendered: a bad ``data/councils.yaml`` stops the build with every
problem listed (file, line, plain Danish explanation) and no traceback.
"""

from __future__ import annotations

import importlib

# Modules that provide macros, each with ``register(env)``. Which page calls which macro is
# listed in each module's docstring.
MACRO_MODULES = (
    "registry.pages",    # overview, regions, statuses, freshness (docs/registret/)
    "registry.charts",   # statistics charts + tables, DNIR 2023 themes (docs/viden/)
    "registry.geomap",   # the map of the 98 municipalities (docs/registret/kort.md)
    "registry.review",   # pages due for review (docs/om/vedligehold.md)
    "registry.cases",    # themes of the good-practice cases (docs/gode-erfaringer/)
)


def define_env(env):
    """Load the registry once, then let each module register its macros."""
    from registry.loader import get_registry

    get_registry(env.conf)  # raises RegistryError (a PluginError) listing every problem
    for name in MACRO_MODULES:
        importlib.import_module(name).register(env)
