"""The bundled demo corpus: original short articles about a few events in many languages."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from newsweave.batch import IngestReport, ingest_paths
from newsweave.pipeline import Pipeline
from newsweave.store import Store


def demo_corpus_path() -> Path:
    """Path of the demo corpus (a JSONL file shipped inside the package)."""
    ref = resources.files("newsweave") / "data" / "demo" / "articles.jsonl"
    return Path(str(ref))


def run_demo(store: Store, *, pipeline: Pipeline | None = None) -> IngestReport:
    """Ingest the demo corpus into ``store`` (articles already there count as duplicates)."""
    return ingest_paths([demo_corpus_path()], store, pipeline=pipeline)
