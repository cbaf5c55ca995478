"""Facts from hand-written news sentences in each language."""

from __future__ import annotations

import pytest

from newsweave.article import Article
from newsweave.facts import Fact, extract_facts, facts_article


def by_kind(facts: list[Fact], kind: str) -> list[Fact]:
    return [f for f in facts if f.kind == kind]


def test_extract_english_mixed_sentence() -> None:
    text = (
        "Officials said at least 40 people were killed and about 1,200 detained. "
        "The plant, worth $3.2bn, produces 450 MW; inflation rose 7.5% in 2019."
    )
    facts = extract_facts(text, "en")
    [killed, detained] = by_kind(facts, "count")
    assert (killed.value, killed.unit, killed.hedge, killed.value_max) == (
        40,
        "person killed",
        "at_least",
        None,
    )
    assert (detained.value, detained.unit, detained.hedge) == (1200, "person detained", "approx")
    assert detained.value_min == pytest.approx(1080)
    [money] = by_kind(facts, "money")
    assert (money.value, money.unit, money.scale) == (3.2e9, "USD", 1e9)
    [qty] = by_kind(facts, "quantity")
    assert (qty.value, qty.unit) == (450, "MW")
    [pct] = by_kind(facts, "percent")
    assert pct.value == 7.5
    [year] = by_kind(facts, "year")
    assert year.value == 2019
    assert killed.sentence_index == 0 and pct.sentence_index == 1
    assert text[money.start : money.end] == money.raw


def test_extract_french_money_and_cases() -> None:
    text = (
        "Le parquet a ouvert 12 affaires pénales et saisi 3 400 machines "
        "d'une valeur de 2,5 milliards de tenges (près de 5 millions d'euros)."
    )
    facts = extract_facts(text, "fr")
    counts = {f.unit: f.value for f in by_kind(facts, "count")}
    assert counts == {"criminal case": 12, "equipment": 3400}
    money = {f.unit: (f.value, f.hedge) for f in by_kind(facts, "money")}
    assert money == {"KZT": (2.5e9, None), "EUR": (5e6, "approx")}


def test_extract_spanish_portuguese_hedges() -> None:
    [es] = extract_facts("Murieron más de 300 personas.", "es")
    assert (es.value, es.hedge, es.value_min, es.value_max) == (300, "more_than", 300, None)
    [pt] = extract_facts("Cerca de 1.500 manifestantes foram detidos.", "pt")
    assert (pt.value, pt.hedge, pt.unit) == (1500, "approx", "person detained")


def test_extract_german_romanian_russian() -> None:
    de = extract_facts("Rund 2,4 Mrd. Euro und mehr als 15 Prozent.", "de")
    assert [(f.kind, f.value, f.hedge) for f in de] == [
        ("money", 2.4e9, "approx"),
        ("percent", 15, "more_than"),
    ]
    ro = extract_facts("Peste 20 de milioane de lei au fost alocați în 2004.", "ro")
    assert [(f.kind, f.value, f.unit, f.hedge) for f in ro] == [
        ("money", 2e7, "RON", "more_than"),
        ("year", 2004, None, None),
    ]
    ru = extract_facts("Около 7 млрд рублей и 25 уголовных дел.", "ru")
    assert [(f.kind, f.value, f.unit, f.hedge) for f in ru] == [
        ("money", 7e9, "RUB", "approx"),
        ("count", 25, "criminal case", None),
    ]


def test_extract_arabic_counts_money_percent() -> None:
    text = (
        "أعلنت الشرطة اعتقال نحو ٣٠٠ شخص، وصادرت أكثر من 12,000 ألف قطعة من المعدات "
        "قيمتها 45 مليون دولار، وارتفع الإنتاج بنسبة 12.5% في عام ٢٠٢٠."
    )
    facts = extract_facts(text, "ar")
    [people, pieces] = by_kind(facts, "count")
    assert (people.value, people.unit, people.hedge) == (300, "person detained", "approx")
    assert (pieces.value, pieces.unit, pieces.hedge) == (12e6, "equipment", "more_than")
    assert "compound_scale" in pieces.flags
    [money] = by_kind(facts, "money")
    assert (money.value, money.unit) == (45e6, "USD")
    assert by_kind(facts, "percent")[0].value == 12.5
    assert by_kind(facts, "year")[0].value == 2020


def test_extract_dates() -> None:
    [d] = extract_facts("The talks began on 15 March 2022.", "en")
    assert (d.kind, d.unit) == ("date", "2022-03-15")
    [p] = extract_facts("La réunion a eu lieu le 3 avril.", "fr")
    assert (p.unit, p.flags) == ("--04-03", ["partial_date"])


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("بدأت المحادثات في 15 آذار 2022.", "2022-03-15"),  # Levantine
        ("بدأت المحادثات في 15 جوان 2022.", "2022-06-15"),  # Maghreb
        ("بدأت المحادثات في 15 يونيه 2022.", "2022-06-15"),  # Egyptian spelling
    ],
)
def test_extract_regional_arabic_month_names(text: str, iso: str) -> None:
    [d] = extract_facts(text, "ar")
    assert (d.kind, d.unit) == ("date", iso)


def test_extract_skips_ordinals_codes_and_urls() -> None:
    assert extract_facts("Le 17e homme le plus riche.", "fr") == []
    assert extract_facts("See https://example.com/a/2020/30 now", "en") == []


def test_extract_unknown_language_reads_digits_and_signs() -> None:
    facts = extract_facts("€ 12 000", "xx")
    assert [(f.kind, f.unit) for f in facts] == [("money", "EUR")]


def test_extract_fact_round_trips_through_dict() -> None:
    [fact] = extract_facts("about 5 million people", "en")
    assert Fact.from_dict(fact.to_dict()) == fact


def test_facts_article_stage_fills_article() -> None:
    article = Article(text="Wind farms added 300 MW.", source="test", lang="en")
    out = facts_article(article)
    assert out is article
    assert [(f.kind, f.value, f.unit) for f in out.facts] == [("quantity", 300, "MW")]
