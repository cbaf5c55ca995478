"""Build commands for the data newsweave ships under ``newsweave/data/gazetteer``.

``python -m newsweave.entities.build {gazetteer,translit,all} [--names DIR]``; see
``newsweave/data/gazetteer/README.md`` for sources and licences.
"""
