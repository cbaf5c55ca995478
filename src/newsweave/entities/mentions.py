"""The records entity linking takes in and gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
ENTITY_TYPES: tuple[EntityType, ...] = ("PER", "ORG", "LOC", "MISC")
FoundBy = Literal["ner", "gazetteer", "manual"]


@dataclass(frozen=True, slots=True)
class MentionIn:
    """One name found in one article: ``article_text[start:end] == text``.

    ``article_text`` is the article's full text (the one the offsets point into); the
    linker reads the words around a mention in it. ``place_id`` is set when a gazetteer
    already knows which place the mention names.
    """

    article_id: str
    lang: str
    text: str
    label: EntityType
    start: int
    end: int
    sentence_index: int = 0
    article_text: str = field(default="", repr=False)
    found_by: FoundBy = "ner"
    place_id: str | None = None


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """A mention with the entity it names.

    ``entity_id`` is stable across runs (see :func:`newsweave.entities.linker.entity_id`);
    ``name`` is the entity's canonical Latin name; ``form`` is the mention's surface with
    attached particles removed (``لكازاخستان`` → ``كازاخستان``), ``norm_key`` its matching
    key with inflection removed where a lexicon confirmed it (``Kazahstanului`` →
    ``kazahstan``), ``script`` its ISO 15924 script.
    """

    mention: MentionIn
    entity_id: str
    name: str
    type: EntityType
    form: str
    norm_key: str
    script: str
    place_id: str | None = None
