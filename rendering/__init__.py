"""Turning the registry and the templates into the site's pages, blocks and files.

``rendering.generate`` is the data step (council pages, exports, downloads); the other
modules make the blocks that macros put on written pages (``macros.py``). Nothing here
needs MkDocs: the hooks in ``hooks/`` hand the results to it.
"""
