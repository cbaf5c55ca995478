"""The `newsweave` command line: thin Typer commands over importable functions."""

from __future__ import annotations

# Importing the command modules registers their commands on the app.
from newsweave.cli import (  # noqa: F401
    articles,
    bench,
    demo,
    entities,
    evals,
    facts,
    models,
    reader,
    stories,
    summaries,
    train,
)
from newsweave.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
