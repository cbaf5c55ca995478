"""``/api/ledger``: figures about the same thing across sources, with a verdict each."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from newsweave.api.deps import PageDep, StoreDep
from newsweave.api.listing import paged
from newsweave.api.story_data import story_scope
from newsweave.facts.story_ledger import all_ledgers, story_ledger

router = APIRouter(prefix="/api", tags=["ledger"])

Verdict = Literal["agree", "rounding", "range", "revision", "conflict", "suspect"]


@router.get("/ledger", summary="The claim ledger")
def get_ledger(
    store: StoreDep,
    page: PageDep,
    story: Annotated[
        str | None, Query(max_length=200, description="Only this story (id, prefix or article id).")
    ] = None,
    verdict: Annotated[Verdict | None, Query(description="Only entries with this verdict.")] = None,
    lang: Annotated[
        str | None, Query(max_length=8, description="Only entries with a figure in this language.")
    ] = None,
) -> dict[str, Any]:
    """Ledger entries: agree, rounding, range, revision, conflict or suspect, each with its
    reason and the figures behind it (sentence, source, language, date). ``items`` are the
    objects ``newsweave ledger [--story ID] --json`` prints."""
    if story and story.strip():
        entries = story_ledger(store.conn, story_scope(store.conn, story.strip())[0])
    else:
        entries = all_ledgers(store.conn)
    if verdict:
        entries = [e for e in entries if e["verdict"] == verdict]
    code = (lang or "").strip().lower()
    if code:
        entries = [e for e in entries if any(i["lang"] == code for i in e["items"])]
    return paged(entries, page)
