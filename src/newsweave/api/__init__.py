"""The REST API (FastAPI) and the process that serves it with the web UI.

``create_app(db_path)`` builds the application; ``serve(db_path, host, port)`` runs it.
Resources (articles, search, stats, ingest, and later stories, entities, facts) are
listed in :mod:`newsweave.api.resources`, one router module each.
"""

from __future__ import annotations

from newsweave.api.app import create_app
from newsweave.api.server import serve

__all__ = ["create_app", "serve"]
