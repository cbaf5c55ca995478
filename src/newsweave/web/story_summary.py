"""The extractive summary a story page shows, kept cheap enough to build on a page view.

Sentences are ranked with the model-free hashing embedder, and only translation backends
that answer in a fraction of a second are used (the bundled fast model and Apertium;
the gist model is left to ``newsweave summary``, since it takes minutes on a story).
A summary is computed once per story membership and kept in a small in-process cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from newsweave.article import Article
from newsweave.embed.hashing import HashingEmbedder
from newsweave.stories.summary import StorySummary, summarize_story
from newsweave.translate.base import QUALITY_GIST, Translator
from newsweave.translate.chooser import default_backends

#: Language the summary is translated into.
TARGET = "en"
SENTENCES = 5
CACHE_SIZE = 64

_cache: OrderedDict[tuple[str, str, tuple[str, ...]], StorySummary] = OrderedDict()
_lock = threading.Lock()


def quick_backends() -> list[Translator]:
    """The installed translation backends fast enough for a page view."""
    return [b for b in default_backends() if b.quality != QUALITY_GIST]


def page_summary(db: str, story_id: str, articles: Sequence[Article]) -> StorySummary:
    """The summary of a story's ``articles`` (cached by database, story and members)."""
    key = (db, story_id, tuple(a.id for a in articles))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    result = summarize_story(
        articles, HashingEmbedder(), SENTENCES, target=TARGET, backends=quick_backends()
    )
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result
