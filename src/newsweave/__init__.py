"""newsweave: offline-first multilingual news intelligence.

Read articles in any language and script, clean them, identify their language, store
them, group them into cross-lingual stories, and compare what sources report.

The Python API mirrors the command line::

    from newsweave import Store, ingest_paths
    with Store("news.db") as store:
        report = ingest_paths(["articles/"], store)
"""

from __future__ import annotations

from newsweave.article import Article, Paragraph, Removal
from newsweave.batch import IngestReport, ingest_articles, ingest_paths
from newsweave.pipeline import Pipeline, register_stage
from newsweave.store import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "IngestReport",
    "Paragraph",
    "Pipeline",
    "Removal",
    "Store",
    "__version__",
    "ingest_articles",
    "ingest_paths",
    "register_stage",
]
