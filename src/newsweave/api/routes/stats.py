"""``/api/stats``: what the database holds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from newsweave.api.deps import StoreDep

router = APIRouter(prefix="/api", tags=["stats"])


@router.get("/stats", summary="Database statistics")
def get_stats(store: StoreDep) -> dict[str, Any]:
    """Counts of articles by language, script, input kind and date provenance; failures."""
    data = store.stats()
    data.pop("db", None)  # the server's file system layout is not the reader's business
    return data
