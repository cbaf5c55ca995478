"""The :class:`Fact` record: one figure found in an article, normalised.

A fact keeps what was written (``raw``, its character span and sentence) next to what it
means (``value`` scaled to units, a range for hedged figures, a unit or currency code, and
for counts the thing counted). Later stages compare facts across sources, so every
field that a comparison needs is explicit here rather than re-derived from text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

FactKind = Literal["count", "money", "percent", "quantity", "year", "date"]
Hedge = Literal["approx", "more_than", "less_than", "up_to", "at_least"]

FACT_KINDS: tuple[str, ...] = ("count", "money", "percent", "quantity", "year", "date")

# Flags a fact may carry (documented here so consumers know the vocabulary).
FLAG_COMPOUND_SCALE = "compound_scale"  # two scale words stacked ("67,000 ألف"): value is unusual
FLAG_GLUED = "glued_unit"  # letters glued to the digits ("600MW", "10000دولار")
FLAG_SPELLED = "spelled"  # the number is written in words ("twenty-one")
FLAG_FRACTION = "fraction"  # a fraction or a mixed number ("two thirds", "3/4")
FLAG_MINOR_UNIT = "minor_currency_unit"  # cents, pence, kopecks: value is in the minor unit
FLAG_NEGATIVE = "negative"
FLAG_RELATIVE_DATE = "partial_date"  # a date without a year ("le 15 mars")


@dataclass(slots=True)
class Fact:
    """One normalised figure with its provenance in the article.

    ``value`` is the figure in base units (``190 million`` → ``190e6``); ``scale`` is the
    scale that was written (1, 1e3, 1e6, 1e9, 1e12). Hedged figures ("more than 200",
    "نحو 6000") carry a range in ``value_min``/``value_max`` (``None`` = open end).
    For ``money`` the unit is an ISO 4217 code, for ``percent`` it is ``"%"``, for
    ``quantity`` a short SI-style symbol (``"MW"``, ``"km"``, ``"t"``), for ``count`` the
    canonical English label of what is counted when the lexicon knows it (``"farm"``,
    ``"person killed"``), otherwise the raw noun; for ``date`` an ISO 8601 (possibly
    partial, ``"--03-15"``) date and for ``year`` ``None``.
    ``start``/``end`` are character offsets of ``raw`` in the text that was analysed
    (for an article, its ``clean_text``).
    """

    kind: FactKind
    value: float
    raw: str
    start: int
    end: int
    lang: str
    unit: str | None = None
    counted: str | None = None
    scale: float = 1.0
    value_min: float | None = None
    value_max: float | None = None
    hedge: Hedge | None = None
    sentence: str = ""
    sentence_index: int = 0
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        """Rebuild a fact from :meth:`to_dict` output."""
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        known["flags"] = list(known.get("flags") or [])
        return cls(**known)
