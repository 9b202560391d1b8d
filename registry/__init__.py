"""The council registry: vocabularies, typed model, safe loading and validation.

``registry.loader.get_registry(config)`` is the entry point for MkDocs code;
``python -m registry.check`` validates ``data/councils.yaml`` from the command line.
"""
