"""The Translator protocol, the per-pair chooser and the marking of every result."""

from __future__ import annotations

import pytest

from newsweave.translate import (
    QUALITY_GIST,
    QUALITY_GOOD,
    QUALITY_RULE_BASED,
    ApertiumBackend,
    FastTranslateBackend,
    GistBackend,
    Translation,
    TranslationError,
    Translator,
    available_pairs,
    translate_text,
    translate_texts,
    translator_for,
)


class Tagger:
    """A hand-made backend that tags its output with its name."""

    def __init__(self, name: str, quality: str, pairs: set[tuple[str, str]]) -> None:
        self.name = name
        self.quality = quality
        self._pairs = frozenset(pairs)
        self.calls: list[tuple[list[str], str, str]] = []

    def pairs(self) -> frozenset[tuple[str, str]]:
        return self._pairs

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        self.calls.append((list(texts), src, tgt))
        return [f"<{self.name}:{src}>{t}" for t in texts]


class Broken(Tagger):
    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        raise TranslationError("engine crashed")


def test_real_backends_follow_the_protocol() -> None:
    for backend in (FastTranslateBackend(), ApertiumBackend(), GistBackend()):
        assert isinstance(backend, Translator)
        assert backend.quality in (QUALITY_GOOD, QUALITY_RULE_BASED, QUALITY_GIST)


def test_chooser_prefers_the_better_quality_label() -> None:
    gist = Tagger("gist", QUALITY_GIST, {("ar", "en"), ("pt", "en")})
    rules = Tagger("rules", QUALITY_RULE_BASED, {("pt", "en"), ("fr", "en")})
    good = Tagger("good", QUALITY_GOOD, {("pt", "en")})
    pool = [gist, rules, good]
    assert translator_for("pt", "en", pool) is good
    assert translator_for("fr", "en", pool) is rules
    assert translator_for("ar", "en", pool) is gist
    assert translator_for("ja", "en", pool) is None


def test_chooser_folds_language_codes() -> None:
    good = Tagger("good", QUALITY_GOOD, {("pt", "en")})
    assert translator_for("pt-BR", "EN", [good]) is good
    assert translator_for("por", "eng", [good]) is good


def test_same_language_is_returned_untouched() -> None:
    good = Tagger("good", QUALITY_GOOD, {("en", "en")})
    result = translate_text("Hello there.", "en", "en", [good])
    assert result.text == "Hello there."
    assert not result.machine_translated
    assert good.calls == []


def test_translation_is_marked_as_machine_translation() -> None:
    rules = Tagger("rules", QUALITY_RULE_BASED, {("fr", "en")})
    result = translate_text("Bonjour.", "fr", "en", [rules])
    assert result.machine_translated
    assert result.text == "<rules:fr>Bonjour."
    assert result.original == "Bonjour."
    assert (result.backend, result.quality) == ("rules", QUALITY_RULE_BASED)
    assert "machine translation" in result.label
    assert result.to_dict()["label"] == result.label


def test_batch_keeps_order_and_calls_the_backend_once() -> None:
    good = Tagger("good", QUALITY_GOOD, {("pt", "en")})
    out = translate_texts(["um", "dois", "três"], "pt", "en", [good])
    assert [t.text for t in out] == ["<good:pt>um", "<good:pt>dois", "<good:pt>três"]
    assert len(good.calls) == 1


def test_no_backend_says_so_and_returns_the_original() -> None:
    result = translate_text("مرحبا", "ar", "en", [])
    assert result.text == "مرحبا"
    assert not result.machine_translated
    assert result.backend is None
    assert result.note is not None and "no translation backend for ar→en" in result.note
    assert result.label == result.note


def test_failing_backend_falls_back_to_the_original() -> None:
    broken = Broken("broken", QUALITY_GOOD, {("de", "en")})
    result = translate_text("Guten Tag.", "de", "en", [broken])
    assert result.text == "Guten Tag."
    assert not result.machine_translated
    assert result.note is not None and "broken failed" in result.note


def test_available_pairs_lists_every_backend_per_pair() -> None:
    rules = Tagger("rules", QUALITY_RULE_BASED, {("pt", "en")})
    good = Tagger("good", QUALITY_GOOD, {("pt", "en"), ("en", "pt")})
    rows = available_pairs([rules, good])
    assert [(r["src"], r["tgt"], r["backend"]) for r in rows] == [
        ("en", "pt", "good"),
        ("pt", "en", "good"),
        ("pt", "en", "rules"),
    ]


def test_translation_record_is_frozen() -> None:
    t = Translation("a", "a", "en", "en", machine_translated=False)
    with pytest.raises(AttributeError):
        t.text = "b"  # type: ignore[misc]
