"""Acceptance on the seed articles: every entity group of EXPECTED.md is one record.

Mention spans are located at test time by searching the seed texts for the spellings
EXPECTED.md lists (whole words, so inflected and particle-bearing forms are included),
as a recogniser would deliver them; places also come from the gazetteer spotter.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import regex

from newsweave.entities.linker import link_mentions
from newsweave.entities.mentions import EntityType, MentionIn, ResolvedMention
from newsweave.entities.spotting import find_gazetteer_mentions

pytestmark = pytest.mark.seeds

LANGS = {"000": "ar", "001": "ar", "002": "pt", "003": "fr", "004": "ro"}
SPELLINGS: dict[EntityType, list[str]] = {
    "PER": [
        "أنتوني بلينكن",
        "بلينكن",
        "Antony Blinken",
        "قاسم جومارت توكاييف",
        "قاسم جومرت توكاييف",
        "Kassym-Jomart Tokayev",
        "كريم ماسيموف",
        "ماسيموف",
        "نور سلطان نزارباييف",
        "نزارباييف",
        "Mukhtar Ablyazov",
        "Ablyazov",
        "Mukhtar Tileuberdi",
        "Kairat Itemgenov",
        "Tlegen Matkenov",
        "Yerzhan Saltybaev",
        "Vladimir Putin",
    ],
    "ORG": ["Agence de surveillance financière", "FMA", "Sputnik", "Euractiv", "ABC"],
    "LOC": [
        "كازاخستان",
        "Cazaquistão",
        "Kazakhstan",
        "Kazahstan",
        "روسيا",
        "Rusia",
        "Kiev",
        "Astana",
    ],
}


def _mentions(seeds: Path) -> list[MentionIn]:
    out: list[MentionIn] = []
    for prefix, lang in LANGS.items():
        text = next(seeds.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
        taken: list[tuple[int, int]] = []
        for label, spellings in SPELLINGS.items():
            for spelling in sorted(spellings, key=len, reverse=True):
                word = regex.compile(r"[\p{L}\p{M}]*" + regex.escape(spelling) + r"[\p{L}\p{M}]*")
                for m in word.finditer(text):
                    if m.group().endswith(("ي", "ية")) and spelling == "كازاخستان":
                        continue  # the adjective "Kazakh", not the country
                    if any(m.start() < e and s < m.end() for s, e in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    out.append(
                        MentionIn(prefix, lang, m.group(), label, m.start(), m.end(), 0, text)
                    )
        out += find_gazetteer_mentions(text, lang, prefix)
    return out


@pytest.fixture(scope="module")
def resolved(request: pytest.FixtureRequest) -> list[ResolvedMention]:
    seeds = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    if not (seeds / "EXPECTED.md").exists():
        pytest.skip("../shared/seeds is absent")
    return link_mentions(_mentions(seeds))


def _entity_of(resolved: list[ResolvedMention], text: str) -> set[str]:
    return {r.entity_id for r in resolved if r.mention.text == text}


def _texts(resolved: list[ResolvedMention], entity: str) -> set[tuple[str, str]]:
    return {(r.mention.article_id, r.mention.text) for r in resolved if r.entity_id == entity}


@pytest.mark.parametrize(
    ("spellings", "articles"),
    [
        (["أنتوني بلينكن", "بلينكن", "Antony Blinken"], {"000", "004"}),
        (["قاسم جومارت توكاييف", "قاسم جومرت توكاييف", "Kassym-Jomart Tokayev"], {"000", "004"}),
        (
            ["كازاخستان", "Cazaquistão", "Kazakhstan", "Kazahstan", "Kazahstanului"],
            {"000", "001", "002", "003", "004"},
        ),
        (["كريم ماسيموف", "ماسيموف"], {"000"}),
        (["نور سلطان نزارباييف", "نزارباييف"], {"000"}),
        (["Mukhtar Ablyazov", "Ablyazov"], {"002"}),
        (["روسيا", "Rusia", "Rusiei"], {"000", "004"}),
        (["Agence de surveillance financière", "FMA"], {"003"}),
    ],
)
def test_entities_seed_groups_are_one_record(
    resolved: list[ResolvedMention], spellings: list[str], articles: set[str]
) -> None:
    ids = set().union(*(_entity_of(resolved, s) for s in spellings))
    assert len(ids) == 1, ids
    (entity,) = ids
    assert {a for a, _ in _texts(resolved, entity)} == articles


def test_entities_seed_canonical_names(resolved: list[ResolvedMention]) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for r in resolved:
        names[r.mention.text].add(r.name)
    assert names["بلينكن"] == {"Antony Blinken"}
    assert names["قاسم جومرت توكاييف"] == {"Kassym-Jomart Tokayev"}
    assert names["Kazahstanului"] == {"Kazakhstan"}
    assert names["Kiev"] == {"Kyiv"}
    assert names["ماسيموف"] == {"Karim Massimov"}


def test_entities_seed_two_mukhtars_stay_apart(resolved: list[ResolvedMention]) -> None:
    ablyazov = _entity_of(resolved, "Mukhtar Ablyazov")
    tileuberdi = _entity_of(resolved, "Mukhtar Tileuberdi")
    assert len(ablyazov) == len(tileuberdi) == 1
    assert ablyazov != tileuberdi


def test_entities_seed_nour_sultan_is_a_person_not_the_city(
    resolved: list[ResolvedMention],
) -> None:
    in_000 = [r for r in resolved if r.mention.article_id == "000"]
    assert not any(r.name == "Astana" for r in in_000)
    assert any(r.mention.text == "نور سلطان نزارباييف" and r.type == "PER" for r in in_000)
