"""Ingest a batch of inputs: read, run the pipeline, store; report what happened.

One bad input (or one article a stage chokes on) is reported and skipped; it never
stops the batch, and every article already stored stays stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.article import Article
from newsweave.errors import InputError
from newsweave.pipeline import Pipeline
from newsweave.store import Store

ProgressFn = Callable[[str, Article | InputError], None]


@dataclass
class IngestReport:
    """What one ingest did: ids stored, duplicates skipped, inputs that failed."""

    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, object]:
        return {
            "stored": len(self.stored),
            "duplicates": len(self.duplicates),
            "failed": len(self.failed),
            "stored_ids": self.stored,
            "duplicate_ids": self.duplicates,
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failed],
        }


def ingest_articles(
    items: Iterable[Article | InputError],
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    progress: ProgressFn | None = None,
    on_stored: Callable[[Article], None] | None = None,
) -> IngestReport:
    """Run the pipeline over articles (or reader errors) and store the results.

    ``on_stored`` is called with each newly stored article (the story engine's
    ``embed_ahead`` starts embedding it while the next ones go through the pipeline).
    """
    pipe = pipeline or Pipeline.from_names()
    report = IngestReport()
    seen: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            report.failed.append(item)
            store.record_failure(item.source, item.reason)
            if progress:
                progress("failed", item)
            continue
        if item.id in seen or store.has_article(item.id):
            report.duplicates.append(item.id)
            if progress:
                progress("duplicate", item)
            continue
        try:
            article = pipe(item)
            result = store.save_article(article)
        except Exception as exc:  # a stage or the store failed on this article only
            err = InputError(item.source, f"could not process article: {type(exc).__name__}: {exc}")
            report.failed.append(err)
            store.record_failure(err.source, err.reason)
            if progress:
                progress("failed", err)
            continue
        seen.add(item.id)
        if result.stored:
            report.stored.append(result.id)
            if on_stored:
                on_stored(article)
            if progress:
                progress("stored", article)
        else:
            report.duplicates.append(result.id)
            if progress:
                progress("duplicate", article)
    return report


def ingest_paths(
    paths: Iterable[Path | str],
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    progress: ProgressFn | None = None,
    on_stored: Callable[[Article], None] | None = None,
) -> IngestReport:
    """Read files and folders (recursively) and ingest every article found in them."""
    from newsweave.ingest.readers import iter_inputs

    return ingest_articles(
        iter_inputs(paths), store, pipeline=pipeline, progress=progress, on_stored=on_stored
    )


def analyze_path(path: Path | str, *, pipeline: Pipeline | None = None) -> list[Article]:
    """Read one file (or folder) and run the pipeline on its articles without storing them.

    Unreadable inputs raise :class:`InputError` (the first one met).
    """
    from newsweave.ingest.readers import iter_inputs

    pipe = pipeline or Pipeline.from_names()
    out: list[Article] = []
    for item in iter_inputs([path]):
        if isinstance(item, InputError):
            raise item
        out.append(pipe(item))
    return out
