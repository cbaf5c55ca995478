from __future__ import annotations

from newsweave.facts.ledger import LedgerItem, build_ledger, entry_view, subjects_of
from newsweave.facts.model import FLAG_COMPOUND_SCALE, Fact


def fact(
    kind: str,
    value: float,
    raw: str,
    sentence: str,
    *,
    unit: str | None = None,
    counted: str | None = None,
    hedge: str | None = None,
    vmin: float | None = None,
    vmax: float | None = None,
    idx: int = 0,
    flags: list[str] | None = None,
    lang: str = "en",
) -> Fact:
    start = sentence.find(raw)
    return Fact(
        kind=kind,
        value=value,
        raw=raw,
        start=start,
        end=start + len(raw),
        lang=lang,  # type: ignore[arg-type]
        unit=unit,
        counted=counted,
        hedge=hedge,
        value_min=vmin,
        value_max=vmax,  # type: ignore[arg-type]
        sentence=sentence,
        sentence_index=idx,
        flags=flags or [],
    )


def item(f: Fact, art: str, published: str | None = None) -> LedgerItem:
    return LedgerItem(fact=f, article_id=art, source=f"src-{art}", lang=f.lang, published=published)


def verdicts(items: list[LedgerItem]) -> dict[str, str]:
    return {e.subject: e.verdict for e in build_ledger(items)}


def test_ledger_subjects_across_languages() -> None:
    en = fact("year", 1990, "1990", "The republic declared independence in 1990.")
    ro = fact("year", 1992, "1992", "Țara și-a câștigat independența în 1992.", lang="ro")
    assert "independence" in subjects_of(en)
    assert "independence" in subjects_of(ro)


def test_ledger_year_conflict_and_unrelated_years_stay_apart() -> None:
    a = fact("year", 1990, "1990", "The republic declared independence in 1990.")
    b = fact("year", 1992, "1992", "Țara și-a câștigat independența în 1992.", lang="ro")
    c = fact("year", 2019, "2019", "Prices have doubled since 2019.")
    out = verdicts([item(a, "A"), item(b, "B"), item(c, "B")])
    assert out == {"independence": "conflict"}


def test_ledger_currency_conversion_is_rounding() -> None:
    s = "Equipment worth 50 billion tenge (98 million dollars) was seized."
    kzt = fact("money", 50e9, "50 billion tenge", s, unit="KZT", idx=3)
    usd = fact("money", 98e6, "98 million dollars", s, unit="USD", idx=3)
    other = fact(
        "money",
        95e6,
        "95 million dollars",
        "The seized equipment is valued at about 95 million dollars.",
        unit="USD",
    )
    entries = build_ledger(
        [item(kzt, "A", "2022-03-15"), item(usd, "A", "2022-03-15"), item(other, "B", "2022-03-16")]
    )
    assert len(entries) == 1
    e = entries[0]
    assert e.verdict == "rounding"
    view = entry_view(e)
    assert {i["source"] for i in view["items"]} == {"src-A", "src-B"}
    assert all(i["sentence"] for i in view["items"])


def test_ledger_toll_revision_ordered_by_date() -> None:
    early = fact(
        "count",
        40,
        "40",
        "At least 40 people were killed in the flood.",
        unit="person killed",
        counted="people killed",
    )
    later = fact(
        "count",
        60,
        "more than 60",
        "The death toll rose to more than 60 killed.",
        unit="person killed",
        counted="killed",
        hedge="more_than",
        vmin=60,
    )
    entries = build_ledger([item(later, "B", "2024-05-03"), item(early, "A", "2024-05-01")])
    assert [e.verdict for e in entries] == ["revision"]
    assert [i.article_id for i in entries[0].items] == ["A", "B"]


def test_ledger_range_consistent_with_exact() -> None:
    exact = fact("count", 120, "120", "Police detained 120 protesters.", unit="detainee")
    hedged = fact(
        "count",
        100,
        "more than 100",
        "More than 100 protesters were detained.",
        unit="detainee",
        hedge="more_than",
        vmin=100,
    )
    assert verdicts([item(exact, "A"), item(hedged, "B")]) == {"detainee": "range"}


def test_ledger_stacked_scale_is_suspect() -> None:
    a = fact(
        "count",
        12_000_000,
        "12,000 thousand",
        "Police seized 12,000 thousand devices.",
        unit="equipment",
        flags=[FLAG_COMPOUND_SCALE],
    )
    b = fact("count", 12_000, "12,000", "Some 12,000 devices were seized.", unit="equipment")
    entries = build_ledger([item(a, "A"), item(b, "B")])
    assert entries[0].verdict == "suspect"
    assert entries[0].details["suspect_item"] == "A"


def test_ledger_single_article_groups_are_not_shown() -> None:
    a = fact("count", 5, "5", "Five farms closed.", unit="farm")
    b = fact("count", 5, "5", "Again: 5 farms closed.", unit="farm", idx=1)
    assert build_ledger([item(a, "A"), item(b, "A")]) == []
