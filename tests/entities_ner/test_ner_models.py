"""Every shipped model loads and finds an obvious entity; languages and fallbacks are listed."""

from __future__ import annotations

import pytest

from newsweave.entities.ner import EntitySpan, ner_languages, recognize
from newsweave.entities.ner.models import (
    FALLBACKS,
    model_language,
    shipped_models,
    uses_contextual,
    uses_external,
)

# One sentence per language (written for these tests) and an entity it plainly contains.
OBVIOUS: dict[str, tuple[str, str, str]] = {
    "en": ("Yesterday the prime minister flew from London to Washington.", "Washington", "LOC"),
    "fr": ("Le président Emmanuel Macron a visité Marseille mardi.", "Emmanuel Macron", "PER"),
    "de": ("Bundeskanzler Olaf Scholz reiste am Montag nach Hamburg.", "Olaf Scholz", "PER"),
    "es": ("El presidente Pedro Sánchez viajó a Sevilla el lunes.", "Pedro Sánchez", "PER"),
    "pt": ("O presidente Lula da Silva chegou a Lisboa na segunda-feira.", "Lisboa", "LOC"),
    "it": ("Il presidente Sergio Mattarella è arrivato a Napoli.", "Sergio Mattarella", "PER"),
    "nl": ("Premier Mark Rutte sprak gisteren in Rotterdam.", "Mark Rutte", "PER"),
    "pl": ("Prezydent Andrzej Duda przyjechał wczoraj do Krakowa.", "Andrzej Duda", "PER"),
    "ro": ("Președintele Klaus Iohannis a ajuns ieri la Cluj.", "Klaus Iohannis", "PER"),
    "ru": ("Президент Владимир Путин прилетел вчера в Казань.", "Владимир Путин", "PER"),
    "kk": ("Президент Қасым-Жомарт Тоқаев бүгін Алматыға келді.", "Қасым-Жомарт Тоқаев", "PER"),
    "ar": ("وصل الرئيس الفرنسي إيمانويل ماكرون إلى القاهرة أمس.", "القاهرة", "LOC"),
}


@pytest.mark.parametrize("lang", sorted(shipped_models()))
def test_ner_models_shipped_model_finds_obvious_entity(lang: str) -> None:
    text, entity, label = OBVIOUS[lang]
    spans = recognize(text, lang)
    assert all(isinstance(s, EntitySpan) and text[s.start : s.end] == s.text for s in spans)
    assert (entity, label) in [(s.text, s.label) for s in spans], spans


def test_ner_models_every_required_language_is_shipped() -> None:
    required = {"ar", "fr", "pt", "ro", "ru", "es", "de", "en", "kk", "it", "nl", "pl"}
    assert required <= set(shipped_models())
    assert required <= set(OBVIOUS)


def test_ner_models_languages_describe_models_and_fallbacks() -> None:
    langs = ner_languages()
    for lang in shipped_models():
        if uses_external(lang):
            expected = "natasha"
        elif uses_contextual(lang):
            expected = "contextual (default): CRF trained on"
        else:
            expected = "CRF trained on"
        assert langs[lang].startswith(expected)
    for lang, other in FALLBACKS.items():
        if other in shipped_models():
            assert model_language(lang) == other
            assert f"({other})" in langs[lang]


def test_ner_models_unserved_language_yields_nothing() -> None:
    assert model_language("zz") is None
    assert recognize("Some Text Here", "zz") == []


def test_ner_models_arabic_span_drops_conjunction() -> None:
    if "ar" not in shipped_models():
        pytest.skip("no Arabic model shipped")
    text = "زار الوفد لبنان وسوريا الأسبوع الماضي."
    labels = {s.text: s.label for s in recognize(text, "ar")}
    assert labels.get("لبنان") == "LOC"
    assert labels.get("سوريا") == "LOC"  # "و" (and) is not part of the name


def test_ner_models_role_noun_opening_a_sentence_is_not_part_of_the_name() -> None:
    people = [s.text for s in recognize("Economistul Ilyas Ormanov a declarat asta.", "ro")]
    assert people == ["Ilyas Ormanov"]
    # a three-word name opening the sentence keeps its first word, a known given name
    names = [s.text for s in recognize("Juan Carlos Rodríguez dijo que no.", "es")]
    assert names == ["Juan Carlos Rodríguez"]


def test_ner_models_natasha_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsweave.entities.ner.models import EXTERNAL_ENV
    from newsweave.entities.ner.natasha_backend import natasha_available

    monkeypatch.delenv(EXTERNAL_ENV, raising=False)
    assert not uses_external("ru")
    monkeypatch.setenv(EXTERNAL_ENV, "kk, ru")
    assert uses_external("ru") == natasha_available()
    assert not uses_external("kk")  # no external model serves Kazakh


def test_contextual_model_by_default_or_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsweave.entities.ner import models
    from newsweave.entities.ner.crf import CrfModel
    from newsweave.entities.ner.models import (
        CONTEXTUAL_ENV,
        PLAIN_ENV,
        contextual_dir,
        load_model,
        ner_languages,
        uses_contextual,
    )

    monkeypatch.delenv(CONTEXTUAL_ENV, raising=False)
    monkeypatch.delenv(PLAIN_ENV, raising=False)
    load_model.cache_clear()
    try:
        assert uses_contextual("ro") and not uses_contextual("kk")  # kk has none
        chosen = load_model("ro")
        assert isinstance(chosen, CrfModel) and chosen.tuned is not None
        assert (contextual_dir("ro") / "e5_tuned.npz").is_file()
        assert ner_languages()["ro"].startswith("contextual (default)")
        assert f"${PLAIN_ENV}=ro" in ner_languages()["ro"]
        monkeypatch.setenv(PLAIN_ENV, "kk, ro")
        assert not uses_contextual("ro")
        load_model.cache_clear()
        plain = load_model("ro")
        assert isinstance(plain, CrfModel)
        assert plain.stacked is None and plain.tuned is None  # the plain CRF needs no e5
        monkeypatch.setenv(CONTEXTUAL_ENV, "ro, kk")
        assert not uses_contextual("ro")  # plain wins
        monkeypatch.delenv(PLAIN_ENV)
        assert uses_contextual("ro") and not uses_contextual("kk")
        # a contextual model that is not its language's default is used only when asked
        monkeypatch.setattr(models, "CONTEXTUAL_BY_DEFAULT", frozenset())
        assert uses_contextual("ro")
        monkeypatch.delenv(CONTEXTUAL_ENV)
        assert not uses_contextual("ro")
        assert ner_languages()["ro"].startswith("CRF trained on")
    finally:
        load_model.cache_clear()


def test_ner_models_only_a_contextual_card_lists_the_encoder() -> None:
    from newsweave.entities.ner.recipes import RECIPES, card_sources

    def names(contextual: bool) -> list[str]:
        return [s.name for s in card_sources(RECIPES["ro"], contextual)]

    assert not any("e5" in n for n in names(False))
    assert any("multilingual-e5-small" in n for n in names(True))
    assert names(True)[: len(names(False))] == names(False)
