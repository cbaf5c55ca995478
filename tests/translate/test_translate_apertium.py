"""Apertium modes, pivot routes, and (when installed) real rule-based translation."""

from __future__ import annotations

import shutil

import pytest

from newsweave.translate import ApertiumBackend, TranslationError
from newsweave.translate.apertium import parse_modes, plan_routes

LISTING = """\
  eco-fr-es
  es-fr
  es-pt
  es-pt_BR
  fr-es
  pt-es
  ro-es
  spa-eng
  spa-eng_US
"""

needs_apertium = pytest.mark.skipif(shutil.which("apertium") is None, reason="no apertium")


def test_parse_modes_keeps_plain_pairs_and_folds_codes() -> None:
    modes = parse_modes(LISTING)
    assert modes[("es", "en")] == "spa-eng"
    assert modes[("fr", "es")] == "fr-es"
    assert ("es", "pt") in modes
    assert all("_" not in m and not m.startswith("eco") for m in modes.values())


def test_routes_chain_through_spanish() -> None:
    routes = plan_routes(parse_modes(LISTING))
    assert routes[("fr", "en")] == ("fr-es", "spa-eng")
    assert routes[("ro", "en")] == ("ro-es", "spa-eng")
    assert routes[("ro", "pt")] == ("ro-es", "es-pt")
    assert routes[("fr", "es")] == ("fr-es",)
    assert ("en", "fr") not in routes  # no eng-spa mode in the listing
    assert all(src != tgt for src, tgt in routes)


def test_missing_program_offers_nothing() -> None:
    backend = ApertiumBackend(program="/nonexistent/apertium")
    assert backend.pairs() == frozenset()
    with pytest.raises(TranslationError):
        backend.translate(["Bonjour."], "fr", "en")


@needs_apertium
def test_french_to_english_via_spanish() -> None:
    backend = ApertiumBackend()
    if ("fr", "en") not in backend.pairs():
        pytest.skip("apertium fr-es or eng-spa pair not installed")
    out = backend.translate(
        ["Le chat est noir.", "", "Il y a 3 maisons\ndans le village."], "fr", "en"
    )
    assert len(out) == 3
    assert "cat" in out[0].lower() and "black" in out[0].lower()
    assert out[1] == ""
    assert "3" in out[2] and "houses" in out[2].lower()


@needs_apertium
def test_unknown_pair_is_refused() -> None:
    with pytest.raises(TranslationError):
        ApertiumBackend().translate(["x"], "xx", "en")
