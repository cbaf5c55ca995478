"""The app's one ingest lane: a lazily built pipeline, run by one request at a time.

After the articles are stored, they are put into stories (as ``newsweave ingest`` does).
A story engine that cannot run (a model missing, a broken configuration) does not undo
the ingest: the answer says the stories were not updated, and why.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from newsweave.article import Article
from newsweave.batch import IngestReport, ingest_articles
from newsweave.errors import InputError
from newsweave.pipeline import Pipeline
from newsweave.store import Store

if TYPE_CHECKING:
    from newsweave.stories.signals import Featurizer

log = logging.getLogger(__name__)


class Ingestor:
    """Runs :func:`newsweave.batch.ingest_articles`, then the story engine, for the API.

    The pipeline and the story featurizer (with whatever models they load) are built on
    first use and kept; a lock keeps two requests from running them at once, since stages
    need not be thread-safe. ``story_config`` is the similarity configuration of the story
    engine (see :class:`newsweave.stories.engine.StoryEngine`); None leaves stories alone.
    """

    def __init__(
        self, pipeline: Pipeline | None = None, *, story_config: str | None = "default"
    ) -> None:
        self._pipeline = pipeline
        self._story_config = story_config
        self._featurizer: Featurizer | None = None
        self._lock = threading.Lock()

    def run(self, items: Iterable[Article | InputError], store: Store) -> dict[str, Any]:
        """Store the articles, then place the new ones in stories; the report as a dict
        with a ``stories`` part (``updated``, and ``decisions`` or the ``reason`` why not)."""
        with self._lock:
            report = self._ingest(items, store)
            result = report.as_dict()
            if not report.stored:
                result["stories"] = {"updated": False, "reason": "no new article to place"}
            else:
                result["stories"] = self._update_stories(store)
            return result

    def _ingest(self, items: Iterable[Article | InputError], store: Store) -> IngestReport:
        if self._pipeline is None:
            self._pipeline = Pipeline.from_names()
        return ingest_articles(items, store, pipeline=self._pipeline)

    def _update_stories(self, store: Store) -> dict[str, Any]:
        if self._story_config is None:
            return {"updated": False, "reason": "story updates are off on this server"}
        from newsweave.stories.engine import StoryEngine, decisions_json
        from newsweave.stories.signals import Featurizer

        try:
            if self._featurizer is None:
                self._featurizer = Featurizer.from_config(self._story_config)
            # the engine wraps the featurizer's embedders in this store's cache: give it a copy
            engine = StoryEngine(store, featurizer=dataclasses.replace(self._featurizer))
            decisions = engine.add_pending()
        except Exception as exc:  # the articles are stored whatever the story engine does
            log.warning("stories not updated after an ingest: %s", exc, exc_info=True)
            return {
                "updated": False,
                "reason": f"{type(exc).__name__}: {exc}; the articles are stored and join "
                "stories at the next ingest or with `newsweave recluster`",
            }
        return {
            "updated": True,
            "configuration": engine.name,
            "decisions": decisions_json(decisions),
        }
