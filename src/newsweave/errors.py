"""Errors a user can cause, each with one message that names the input and what to do."""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base class of every error newsweave raises on purpose."""


class InputError(NewsweaveError):
    """An input (file, line, feed entry, request body) that cannot become an article.

    ``source`` names the input; ``str(err)`` is a one-line reason.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(reason)
        self.source = source
        self.reason = reason

    def line(self) -> str:
        """The one line printed on stderr for this failure."""
        return f"{self.source}: {self.reason}"


class PipelineError(NewsweaveError):
    """A pipeline that is misconfigured (unknown stage, stage returning the wrong type)."""


class StoreError(NewsweaveError):
    """The database cannot be opened or written."""


class NotFoundError(NewsweaveError):
    """An id or name that matches nothing in the store."""


class MissingModelError(NewsweaveError):
    """An optional model or backend that is not installed; the message says how to get it."""
