"""Place lookup across languages and the gazetteer mention finder, on hand-made text."""

from __future__ import annotations

import gzip
import json
from importlib import resources

import pytest

from newsweave.entities.gazetteer import PLACES_FILE, default_gazetteer, lookup_place
from newsweave.entities.scripts import match_key
from newsweave.entities.spotting import find_gazetteer_mentions, looks_like_surname


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("Kazakhstan", "en"),
        ("Cazaquistão", "pt"),
        ("Kazahstanului", "ro"),
        ("Казахстане", "ru"),
        ("Қазақстан", "kk"),
        ("كازاخستان", "ar"),
        ("لكازاخستان", "ar"),
        ("بكازاخستان", "ar"),
    ],
)
def test_entities_lookup_country_in_many_languages(name: str, lang: str) -> None:
    place = lookup_place(name, lang)
    assert place is not None
    assert (place.id, place.name) == ("iso:KZ", "Kazakhstan")


def test_entities_lookup_cities_and_adjectives() -> None:
    kyiv = lookup_place("Kiev", "pt")
    assert kyiv is not None and kyiv.name == "Kyiv"
    tashkent = lookup_place("Tașkent", "ro")
    assert tashkent is not None and tashkent.country == "UZ"
    assert lookup_place("Nur-Sultan") == lookup_place("Astana")
    assert lookup_place("الكازاخستاني", "ar") is None


def test_entities_shipped_keys_follow_match_key() -> None:
    """The shipped file stores precomputed keys; a change to match_key needs a rebuild."""
    ref = resources.files("newsweave").joinpath("data", "gazetteer", PLACES_FILE)
    with resources.as_file(ref) as path, gzip.open(path, "rt", encoding="utf-8") as fh:
        first = [json.loads(next(fh)) for _ in range(50)]
    for rec in first:
        assert rec["main"] == match_key(rec["name"])
        for key in rec["keys"]:
            assert match_key(key) == key


def test_entities_spotting_finds_inflected_places() -> None:
    text = "Delegația a plecat din Kazahstan spre capitala Uzbekistanului, apoi spre Rusia."
    found = [(m.text, m.place_id) for m in find_gazetteer_mentions(text, "ro", "a1")]
    assert ("Kazahstan", "iso:KZ") in found
    assert ("Uzbekistanului", "iso:UZ") in found
    assert ("Rusia", "iso:RU") in found
    for m in find_gazetteer_mentions(text, "ro", "a1"):
        assert text[m.start : m.end] == m.text


def test_entities_spotting_arabic_clitics_and_adjectives() -> None:
    text = "وصل الوفد لكازاخستان ثم عاد الرئيس الكازاخستاني إلى موسكو."
    found = find_gazetteer_mentions(text, "ar", "a2")
    assert [(m.text, m.place_id) for m in found][:1] == [("كازاخستان", "iso:KZ")]
    assert all(m.text != "الكازاخستاني" for m in found)
    assert any(m.place_id == "geonames:524901" for m in found)  # Moscow


def test_entities_spotting_skips_a_city_that_is_a_given_name() -> None:
    text = "استقبل نور سلطان نزارباييف الوفد في نور سلطان أمس."
    found = find_gazetteer_mentions(text, "ar", "a3")
    astana = default_gazetteer().lookup("Astana")[0]
    hits = [m for m in found if m.place_id == astana.id]
    assert len(hits) == 1
    assert hits[0].start > text.index("الوفد")
    assert looks_like_surname("نزارباييف")
    assert looks_like_surname("Nazarbayev")
    assert not looks_like_surname("nazarbayev")


def test_entities_spotting_leaves_generic_nouns_to_the_recognisers() -> None:
    # مدينة / المدينة ("city", "the city") are alternate names of Madinah, but begin the
    # names of many other places: in running text they are a noun before a name
    text = "انتشلت الفرق 14 جثة من لمدينة كلمير، ومقرها مدينة بورتو. وقالت المدينة إن..."
    assert [m.place_id for m in find_gazetteer_mentions(text, "ar")] == []
    found = [m.text for m in find_gazetteer_mentions("زار الوفد القاهرة والرياض", "ar")]
    assert found == ["القاهرة", "الرياض"]  # capitals and one-word city names stay


def test_entities_spotting_in_german_needs_more_than_a_capital_letter() -> None:
    # every German noun is capitalised: "Leck" (a leak) is also an alternate name of Liège
    assert find_gazetteer_mentions("Sie meldeten ein Leck in der Nordwand.", "de") == []
    found = [m.text for m in find_gazetteer_mentions("Sie reisten nach Lüttich und Köln.", "de")]
    assert "Köln" in found
    assert [m.text for m in find_gazetteer_mentions("Near Leck bridge.", "en")] == ["Leck"]
    # a word the German recogniser saw inside names is still looked for
    seen = {"Frankfurt"}.__contains__
    text = "Der Zug fuhr nach Frankfurt. Die Namen sind bekannt."
    assert [m.text for m in find_gazetteer_mentions(text, "de", name_word=seen)] == ["Frankfurt"]
    assert find_gazetteer_mentions(text, "de") == []


def test_entities_spotting_ignores_lowercase_words_and_common_arabic_words() -> None:
    assert find_gazetteer_mentions("the nice weather in mobile homes", "en") == []
    assert find_gazetteer_mentions("كان الطقس جميلا وكانت السلطات هناك", "ar") == []
