"""Russian NER through the ``natasha`` package (Slovnet CNN-CRF over Navec embeddings).

``natasha`` ships its weights inside the Python package (MIT licence; the NER model was
trained on Nerus, Lenta.ru news with silver-standard annotation), so nothing is fetched
at run time. It tags PER, ORG and LOC. When the package is missing, Russian falls back to
the shipped CRF model.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib.util import find_spec
from typing import Any

from newsweave.entities.ner.span import EntityLabel, EntitySpan
from newsweave.errors import MissingModelError

_LABELS: dict[str, EntityLabel] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}

DESCRIPTION = (
    "natasha 1.6 (Slovnet NER over Navec news embeddings, trained on the Nerus corpus of "
    "Lenta.ru news; MIT)"
)


@lru_cache(maxsize=1)
def natasha_available() -> bool:
    """Whether the ``natasha`` package can be imported."""
    return find_spec("natasha") is not None


class NatashaModel:
    """natasha's news NER tagger behind the same calls as :class:`CrfModel`."""

    def __init__(self) -> None:
        try:
            from natasha import NewsEmbedding, NewsNERTagger
        except ImportError as err:  # pragma: no cover - depends on the environment
            raise MissingModelError(
                "Russian NER via natasha needs the package: pip install 'natasha>=1.6,<2'"
            ) from err
        self.lang = "ru"
        self.meta: dict[str, Any] = {"lang": "ru", "kind": "natasha", "description": DESCRIPTION}
        self._tagger = NewsNERTagger(NewsEmbedding())
        self._tagger.batch_size = 64
        self._lock = threading.Lock()

    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        with self._lock:
            markup = self._tagger(text)
        return [(s.start, s.stop, s.type) for s in markup.spans if s.type in _LABELS]

    def recognize(self, text: str) -> list[EntitySpan]:
        """Entities of ``text`` with offsets into it (natasha gives no scores)."""
        return [
            EntitySpan(start, end, text[start:end], _LABELS[kind])
            for start, end, kind in self._spans(text)
        ]

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """IOB2 tags for pre-tokenised sentences, each tagged on its own (batched)."""
        texts: list[str] = []
        offsets: list[list[tuple[int, int]]] = []
        for words in sentences:
            spans: list[tuple[int, int]] = []
            pos = 0
            for w in words:
                spans.append((pos, pos + len(w)))
                pos += len(w) + 1
            offsets.append(spans)
            texts.append(" ".join(words))
        with self._lock:
            markups = list(self._tagger.map(texts))
        out: list[list[str]] = []
        for spans, markup in zip(offsets, markups, strict=True):
            tags = ["O"] * len(spans)
            for found in markup.spans:
                if found.type not in _LABELS:
                    continue
                inside = [
                    i for i, (a, b) in enumerate(spans) if a >= found.start and b <= found.stop
                ]
                if inside:
                    tags[inside[0]] = f"B-{found.type}"
                    for i in inside[1:]:
                        tags[i] = f"I-{found.type}"
            out.append(tags)
        return out
