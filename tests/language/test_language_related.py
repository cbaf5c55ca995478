"""Marker words, word parts and patterns that tell close relatives apart."""

from __future__ import annotations

import pytest

from newsweave.language.related import (
    CZECH_SLOVAK,
    GROUPS,
    MALAY_INDONESIAN,
    NGUNI,
    NORWEGIAN_DANISH,
    SERBIAN_MACEDONIAN,
    SERBO_CROATIAN,
    _group,
    groups_of,
    resolve,
    words_of,
)


def test_word_markers_vote_for_their_members() -> None:
    votes = SERBO_CROATIAN.marker_votes(words_of("Tijekom tjedna tisuću ljudi"), "")
    assert votes == {"hr": 3, "bs": 0, "sr": 0}


def test_markers_are_case_blind() -> None:
    # Listed with a capital, found in lower case and the other way round.
    votes = SERBO_CROATIAN.marker_votes(words_of("ŠVAJCARSKA i Španija"), "")
    assert votes["bs"] == votes["sr"] == 2
    assert votes["hr"] == 0


def test_word_endings_and_beginnings() -> None:
    text = "Muligheden for en sikkerhed"
    assert NORWEGIAN_DANISH.marker_votes(words_of(text), text)["da"] == 2
    text = "Ein moglegheit og ein tryggleik"
    assert NORWEGIAN_DANISH.marker_votes(words_of(text), text)["nn"] >= 3
    # A word beginning counts only with letters after it: "ngi" alone is no marker.
    assert NGUNI.marker_votes(["ngiyahamba"], "")["zu"] == 1
    assert NGUNI.marker_votes(["ngi"], "")["zu"] == 0
    assert NGUNI.marker_votes(["iindawo"], "")["xh"] == 1


def test_patterns_over_the_text() -> None:
    # "da li" and "sa" before a non-sibilant are Bosnian/Serbian; "sa sobom" is Croatian too.
    text = "Da li je došao sa prijateljem?"
    votes = SERBO_CROATIAN.marker_votes(words_of(text), text)
    assert votes["bs"] == votes["sr"] == 2
    assert votes["hr"] == 0
    text = "Došao je sa sestrom."
    assert SERBO_CROATIAN.marker_votes(words_of(text), text)["sr"] == 0
    text = "Je li došao?"
    assert SERBO_CROATIAN.marker_votes(words_of(text), text)["hr"] == 1


def test_letters_of_one_language() -> None:
    text = "Ќе дојде утре."
    assert SERBIAN_MACEDONIAN.marker_votes(words_of(text), text)["mk"] >= 1
    text = "Ђак је дошао."
    votes = SERBIAN_MACEDONIAN.marker_votes(words_of(text), text)
    assert votes["sr"] >= 2
    assert votes["mk"] == 0
    text = "Přijel s dítětem."
    assert CZECH_SLOVAK.marker_votes(words_of(text), text)["cs"] >= 1


def test_a_marker_listed_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        _group("x", {"aa": "one two", "bb": "Two three"})


def test_groups_of_knows_every_member() -> None:
    for group in GROUPS:
        for member in group.members:
            assert group in groups_of(member)
    assert [g.name for g in groups_of("sr")] == ["hbs", "sr-mk"]
    assert groups_of("en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vlada je u četvrtak objavila da će tisuću obitelji dobiti pomoć.", {"hr"}),
        ("Predsednik je rekao da će uskoro doneti odluku o tome.", {"sr"}),
        ("Historija ovog grada je duga, a predsjednik je to potvrdio.", {"bs"}),
        ("Ljudi su došli rano ujutro.", None),
    ],
)
def test_resolve_serbo_croatian(text: str, expected: set[str] | None) -> None:
    assert resolve(SERBO_CROATIAN, text, ["bs", "hr", "sr"]) == expected


def test_resolve_malay_indonesian_spelling() -> None:
    members = ["id", "ms"]
    text = "Kesihatan rakyat menjadi keutamaan kerajaan kerana kos ubat semakin tinggi."
    assert resolve(MALAY_INDONESIAN, text, members) == {"ms"}
    text = "Kesehatan rakyat menjadi prioritas pemerintah karena biaya obat makin tinggi."
    assert resolve(MALAY_INDONESIAN, text, members) == {"id"}
    text = "Pemain sepak bola itu dibawa ke rumah sakit."
    assert resolve(MALAY_INDONESIAN, text, members) == {"id"}
