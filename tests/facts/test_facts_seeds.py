"""The figures EXPECTED.md lists for the seed articles (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.facts import Fact, extract_facts

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.seeds


def seed_facts(prefix: str, lang: str) -> list[Fact]:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip("../shared/seeds is absent")
    return extract_facts(paths[0].read_text(encoding="utf-8"), lang)


def has(facts: list[Fact], kind: str, value: float, unit: str | None = None) -> Fact:
    for f in facts:
        if (
            f.kind == kind
            and abs(f.value - value) < 1e-6 * max(1.0, abs(value))
            and (unit is None or f.unit == unit)
        ):
            return f
    raise AssertionError(f"no {kind} {value} {unit or ''} in {[(f.kind, f.value) for f in facts]}")


def test_seed_001_arabic_crackdown() -> None:
    facts = seed_facts("001", "ar")
    assert has(facts, "count", 55, "farm")
    assert has(facts, "count", 51)
    pieces = has(facts, "count", 67e6, "equipment")
    assert "compound_scale" in pieces.flags
    money = has(facts, "money", 190e6, "USD")
    assert money.hedge == "approx"
    assert has(facts, "count", 25, "criminal case")
    assert has(facts, "quantity", 600, "MW")
    assert has(facts, "percent", 18, "%")


def test_seed_003_french_crackdown() -> None:
    facts = seed_facts("003", "fr")
    assert has(facts, "count", 55, "installation")
    assert has(facts, "count", 51, "installation")
    assert has(facts, "count", 67000, "equipment")
    assert has(facts, "money", 1e11, "KZT")
    assert has(facts, "money", 194e6, "USD")
    assert has(facts, "count", 25, "criminal case")
    assert has(facts, "quantity", 600, "MW")


def test_seed_000_arabic_unrest() -> None:
    facts = seed_facts("000", "ar")
    assert has(facts, "count", 164, "person killed")
    detained = has(facts, "count", 6000, "person detained")
    assert detained.hedge == "approx"
    assert has(facts, "count", 125, "investigation")
    assert has(facts, "year", 1989)
    assert has(facts, "count", 19e6)
    assert has(facts, "percent", 1)
    assert has(facts, "money", 412, "USD")
    assert has(facts, "money", 41500, "USD")
    assert has(facts, "money", 789.6e9, "USD")
    assert has(facts, "percent", 3.23)
    assert has(facts, "money", 104, "USD")
    assert has(facts, "money", 3111, "USD")


def test_seed_002_portuguese_death_toll_is_a_range() -> None:
    dead = has(seed_facts("002", "pt"), "count", 200, "person killed")
    assert (dead.hedge, dead.value_min, dead.value_max) == ("more_than", 200, None)


def test_seed_004_romanian_independence_year() -> None:
    assert has(seed_facts("004", "ro"), "year", 1991)
