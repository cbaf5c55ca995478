"""The record a recogniser returns for each entity it finds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """One named entity: ``text == source[start:end]`` with its type.

    ``score`` is the model's mean per-token probability of the predicted tags (0-1),
    or ``None`` when the recogniser gives none.
    """

    start: int
    end: int
    text: str
    label: EntityLabel
    score: float | None = None
