"""Acceptance on the seed articles: names EXPECTED.md lists are found (with their type,
where one is given here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.entities.ner import recognize

# seed file prefix -> (language, names that must be found, with this type unless None)
FOUND: dict[str, tuple[str, list[tuple[str, str | None]]]] = {
    "000": ("ar", [("أنتوني بلينكن", "PER"), ("كريم ماسيموف", "PER"), ("كازاخستان", "LOC")]),
    "001": ("ar", [("كازاخستان", "LOC")]),
    "002": ("pt", [("Mukhtar Ablyazov", "PER"), ("Kiev", "LOC"), ("Cazaquistão", "LOC")]),
    "003": (
        "fr",
        [
            ("Kairat Itemgenov", "PER"),
            ("Tlegen Matkenov", None),
            ("FMA", "ORG"),
            ("Kazakhstan", "LOC"),
        ],
    ),
    "004": (
        "ro",
        [
            ("Antony Blinken", "PER"),
            ("Kassym-Jomart Tokayev", "PER"),
            ("Mukhtar Tileuberdi", "PER"),
            ("Vladimir Putin", "PER"),
            ("Astana", "LOC"),
        ],
    ),
}


@pytest.mark.seeds
@pytest.mark.parametrize("prefix", sorted(FOUND))
def test_ner_seeds_names_found(seeds_dir: Path, prefix: str) -> None:
    lang, expected = FOUND[prefix]
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    spans = recognize(text, lang)
    found = {(s.text, s.label) for s in spans} | {(s.text, None) for s in spans}
    missing = [e for e in expected if e not in found]
    assert not missing, f"{path.name}: not found {missing}"
