"""Entities: recognition, places, names across scripts, linking and the registry.

- ``ner/``: per-language recognisers (``recognize(text, lang)``).
- :mod:`.gazetteer`, :mod:`.spotting`: countries, regions and cities in any language
  (``lookup_place``, ``find_gazetteer_mentions``).
- :mod:`.scripts`, :mod:`.inflection`, :mod:`.names`, :mod:`.transliteration`: scripts,
  match keys, inflection and particles, romanisation and cross-script name similarity.
- :mod:`.linker`: ``link_mentions`` groups mentions into entities.
- :mod:`.registry`: the SQLite tables (``ENTITY_MIGRATIONS``), ``list_entities``,
  ``find_entity``; :mod:`.article_mentions` links a stored article.
- ``build/``: the commands that build ``newsweave/data/gazetteer``.
"""
