"""One page of a listing in the envelope every paginated endpoint answers with."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsweave.api.deps import Page


def paged(items: Sequence[Any], page: Page) -> dict[str, Any]:
    """``total``, ``limit``, ``offset``, ``next_offset`` (None on the last page) and the
    ``items`` of ``page``, as ``/api/articles`` gives them."""
    shown = list(items[page.offset : page.offset + page.limit])
    following = page.offset + len(shown)
    return {
        "total": len(items),
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": following if shown and following < len(items) else None,
        "items": shown,
    }
