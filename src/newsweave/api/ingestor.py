"""The app's one ingest lane: a lazily built pipeline, run by one request at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from newsweave.article import Article
from newsweave.batch import IngestReport, ingest_articles
from newsweave.errors import InputError
from newsweave.pipeline import Pipeline
from newsweave.store import Store


class Ingestor:
    """Runs :func:`newsweave.batch.ingest_articles` for the API.

    The pipeline (with whatever models its stages load) is built on the first ingest and
    kept; a lock keeps two requests from running it at once, since stages need not be
    thread-safe.
    """

    def __init__(self, pipeline: Pipeline | None = None) -> None:
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def ingest(self, items: Iterable[Article | InputError], store: Store) -> IngestReport:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline.from_names()
            return ingest_articles(items, store, pipeline=self._pipeline)
