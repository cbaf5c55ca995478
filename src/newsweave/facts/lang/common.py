"""Helpers that keep the per-language tables short and readable."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def forms(label: str, *words: str) -> dict[str, str]:
    """Map every written form in ``words`` to one canonical ``label``."""
    return dict.fromkeys(words, label)


def merge(*tables: dict[str, str]) -> dict[str, str]:
    """One dict from many (later tables win on equal keys)."""
    out: dict[str, str] = {}
    for t in tables:
        out.update(t)
    return out


def numbered(words: Iterable[str], start: int, step: int = 1) -> dict[str, float]:
    """``{"one": 1, "two": 2, …}`` from a word list and its first value."""
    return {w: float(start + i * step) for i, w in enumerate(words)}


def ordinal_plurals(table: Mapping[str, float], suffixes: Iterable[str]) -> dict[str, float]:
    """``table`` plus each key with each plural/feminine suffix appended."""
    out = dict(table)
    for key, value in table.items():
        for suffix in suffixes:
            out.setdefault(key + suffix, value)
    return out


def gendered(table: Mapping[str, float]) -> dict[str, float]:
    """Romance ordinals in all four forms: "quinto" → quinto, quintos, quinta, quintas."""
    out = dict(table)
    for key, value in table.items():
        if key.endswith("o"):
            stem = key[:-1]
            for suffix in ("os", "a", "as"):
                out.setdefault(stem + suffix, value)
        else:
            out.setdefault(key + "s", value)
    return out


# Canonical labels of what a count counts, shared by every language's lexicon.
PERSON = "person"
PERSON_LABELS = frozenset(
    {
        "person",
        "civilian",
        "protester",
        "child",
        "woman",
        "man",
        "victim",
        "citizen",
        "migrant",
        "refugee",
        "worker",
        "inhabitant",
        "soldier",
        "police officer",
        "journalist",
    }
)
