"""The :class:`Translator` protocol every backend follows, and the result of a translation.

Every translation newsweave shows is machine translation and says so: a
:class:`Translation` carries the backend that made it and that backend's quality label
("good", "rule-based", "gist (low confidence)"). Translations are for reading only; facts
and entities always come from the original text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Protocol, runtime_checkable

from newsweave.errors import NewsweaveError

QUALITY_GOOD = "good"
QUALITY_RULE_BASED = "rule-based"
QUALITY_GIST = "gist (low confidence)"

#: Quality labels from best to worst; the chooser prefers earlier ones.
QUALITY_ORDER: tuple[str, ...] = (QUALITY_GOOD, QUALITY_RULE_BASED, QUALITY_GIST)


class TranslationError(NewsweaveError):
    """A backend that failed to translate (missing program, crashed engine)."""


@runtime_checkable
class Translator(Protocol):
    """A machine translation backend.

    ``name`` identifies the backend, ``quality`` labels its output for readers, and
    ``pairs()`` lists the ``(source, target)`` ISO 639-1 pairs it can translate here.
    ``translate`` returns one translation per input text, in order.
    """

    name: str
    quality: str

    def pairs(self) -> frozenset[tuple[str, str]]:
        """The language pairs this backend translates on this machine."""
        ...

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        """Translate ``texts`` from ``src`` to ``tgt``."""
        ...


def supports(translator: Translator, src: str, tgt: str) -> bool:
    """Whether ``translator`` covers ``src`` → ``tgt``."""
    return (src, tgt) in translator.pairs()


@dataclass(frozen=True, slots=True)
class Translation:
    """A text in a target language, or the original when nothing could translate it.

    ``machine_translated`` is True exactly when ``text`` came from a backend; then
    ``backend`` and ``quality`` say which one and how far to trust it. Otherwise ``text``
    is the original and ``note`` says why.
    """

    text: str
    original: str
    src: str
    tgt: str
    machine_translated: bool
    backend: str | None = None
    quality: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """How to mark the text where it is shown."""
        if self.machine_translated:
            return f"machine translation, {self.quality} [{self.backend}]"
        return self.note or "original"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field, plus ``label``."""
        out = asdict(self)
        out["label"] = self.label
        return out
