"""Named-entity recognition: per-language CRF recognisers, their training and loading.

    >>> from newsweave.entities.ner import recognize
    >>> [(e.text, e.label) for e in recognize("Antony Blinken arrived in Astana.", "en")]
    [('Antony Blinken', 'PER'), ('Astana', 'LOC')]

``ner_languages()`` lists the languages served and by which model; ``train_ner`` trains
a new model from IOB2 files; :mod:`newsweave.evals.ner` scores one.
"""

from __future__ import annotations

from newsweave.entities.ner.models import ner_languages
from newsweave.entities.ner.recognize import recognize, recognize_article
from newsweave.entities.ner.span import EntityLabel, EntitySpan
from newsweave.entities.ner.train import train_ner

__all__ = [
    "EntityLabel",
    "EntitySpan",
    "ner_languages",
    "recognize",
    "recognize_article",
    "train_ner",
]
