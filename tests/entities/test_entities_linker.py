"""Linking hand-made mentions in several languages and scripts into entities."""

from __future__ import annotations

from collections import defaultdict

from newsweave.entities.linker import (
    KnownEntity,
    KnownForm,
    entity_id,
    full_names_match,
    link_mentions,
)
from newsweave.entities.mentions import EntityType, MentionIn, ResolvedMention
from newsweave.entities.spotting import find_gazetteer_mentions


def mention(
    article: str, lang: str, text: str, label: EntityType, needle: str, occurrence: int = 0
) -> MentionIn:
    """A mention of ``needle`` (its ``occurrence``-th appearance) in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return MentionIn(article, lang, needle, label, start, start + len(needle), 0, text)


def groups(resolved: list[ResolvedMention]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in resolved:
        out[r.entity_id].add(r.mention.text)
    return dict(out)


AR = "التقى الوزير جون سميث نظيره فيكتور بيتروف في الرياض، وقال بيتروف إن المحادثات مثمرة."
RO = "Ministrul John Smith s-a întâlnit cu Viktor Petrov la Riad; Petrov a salutat vizita."
RU = "Министр Джон Смит встретился с Виктором Петровым."


def test_entities_link_across_scripts_and_bare_surnames() -> None:
    mentions = [
        mention("ar1", "ar", AR, "PER", "جون سميث"),
        mention("ar1", "ar", AR, "PER", "فيكتور بيتروف"),
        mention("ar1", "ar", AR, "PER", "بيتروف", 1),
        mention("ro1", "ro", RO, "PER", "John Smith"),
        mention("ro1", "ro", RO, "PER", "Viktor Petrov"),
        mention("ro1", "ro", RO, "PER", "Petrov", 1),
        mention("ru1", "ru", RU, "PER", "Джон Смит"),
    ]
    resolved = link_mentions(mentions)
    g = groups(resolved)
    assert g[entity_id("PER", "John Smith")] == {"جون سميث", "John Smith", "Джон Смит"}
    assert g[entity_id("PER", "Viktor Petrov")] == {
        "فيكتور بيتروف",
        "بيتروف",
        "Viktor Petrov",
        "Petrov",
    }
    assert {r.name for r in resolved} == {"John Smith", "Viktor Petrov"}
    scripts = {r.script for r in resolved if r.name == "John Smith"}
    assert scripts == {"Arab", "Latn", "Cyrl"}


def test_entities_people_sharing_a_given_name_stay_apart() -> None:
    text1 = "Mukhtar Ablyazov said the plan came from abroad. Ablyazov lives in France."
    text2 = "Minister Mukhtar Tileuberdi met the delegation. Mukhtar thanked them."
    mentions = [
        mention("a", "en", text1, "PER", "Mukhtar Ablyazov"),
        mention("a", "en", text1, "PER", "Ablyazov", 1),
        mention("b", "en", text2, "PER", "Mukhtar Tileuberdi"),
        mention("b", "en", text2, "PER", "Mukhtar", 1),
    ]
    g = groups(link_mentions(mentions))
    assert g["per:mukhtar-ablyazov"] == {"Mukhtar Ablyazov", "Ablyazov"}
    assert g["per:mukhtar-tileuberdi"] == {"Mukhtar Tileuberdi", "Mukhtar"}
    assert not full_names_match(["Mukhtar", "Ablyazov"], ["Mukhtar", "Tileuberdi"])


def test_entities_given_name_alone_never_bridges_two_people() -> None:
    text = "Mukhtar Ablyazov and Mukhtar Tileuberdi never met; Mukhtar declined to comment."
    mentions = [
        mention("c", "en", text, "PER", "Mukhtar Ablyazov"),
        mention("c", "en", text, "PER", "Mukhtar Tileuberdi"),
        mention("c", "en", text, "PER", "Mukhtar", 2),
    ]
    g = groups(link_mentions(mentions))
    assert len(g) == 3


def test_entities_nour_sultan_is_a_given_name_before_a_surname() -> None:
    text = "وكان نور سلطان نزارباييف قد زار نور سلطان مرارا."
    spotted = find_gazetteer_mentions(text, "ar", "d")
    ner_like = [mention("d", "ar", text, "PER", "نزارباييف")]
    # Even a recogniser that tags the first name as the city must not split the person.
    city_as_loc = mention("d", "ar", text, "LOC", "نور سلطان")
    resolved = link_mentions([*spotted, *ner_like, city_as_loc])
    people = [r for r in resolved if r.type == "PER"]
    assert [r.mention.text for r in people] == ["نور سلطان نزارباييف"]
    places = [r for r in resolved if r.type == "LOC"]
    assert [r.name for r in places] == ["Astana"]
    assert places[0].mention.start > people[0].mention.end


def test_entities_a_place_before_a_full_name_stays_a_place() -> None:
    text = "Министр транспорта Вальдонии Хелена Марквардт подписала соглашение."
    place = mention("d", "ru", text, "LOC", "Вальдонии")
    person = mention("d", "ru", text, "PER", "Хелена Марквардт")
    resolved = link_mentions([place, person])
    assert sorted((r.type, r.mention.text) for r in resolved) == [
        ("LOC", "Вальдонии"),
        ("PER", "Хелена Марквардт"),
    ]


def test_entities_places_resolve_whatever_the_inflection() -> None:
    ro = "Vizita în Kazahstan a întărit relațiile Kazahstanului cu vecinii."
    ar = "وصل الوفد لكازاخستان أمس."
    pt = "O Cazaquistão respondeu."
    mentions = [
        mention("r", "ro", ro, "LOC", "Kazahstan"),
        mention("r", "ro", ro, "LOC", "Kazahstanului"),
        mention("s", "ar", ar, "LOC", "لكازاخستان"),
        mention("t", "pt", pt, "LOC", "Cazaquistão"),
    ]
    resolved = link_mentions(mentions)
    assert {r.entity_id for r in resolved} == {"loc:kazakhstan"}
    assert {r.name for r in resolved} == {"Kazakhstan"}
    assert {r.norm_key for r in resolved if r.mention.lang == "ro"} == {"kazahstan"}


def test_entities_arabic_particle_is_taken_off_a_name_when_attested() -> None:
    text = "قال جون سميث إن الاتفاق قريب، وأكد وسميث ذلك لاحقا."
    mentions = [
        mention("e", "ar", text, "PER", "جون سميث"),
        mention("e", "ar", text, "PER", "وسميث"),
    ]
    resolved = link_mentions(mentions)
    assert len({r.entity_id for r in resolved}) == 1
    assert {r.form for r in resolved} == {"جون سميث", "سميث"}


def test_entities_acronym_defined_in_parentheses() -> None:
    text = (
        "L'Agence nationale de l'énergie (ANE) a publié un rapport. Selon l'ANE, la demande baisse."
    )
    mentions = [
        mention("f", "fr", text, "ORG", "Agence nationale de l'énergie"),
        mention("f", "fr", text, "ORG", "ANE", 1),
    ]
    resolved = link_mentions(mentions)
    assert len({r.entity_id for r in resolved}) == 1
    assert resolved[0].name == "Agence nationale de l'énergie"


def test_entities_bare_surname_follows_its_story() -> None:
    a = "Viktor Petrov opened the talks."
    b = "Petrov later left the room."
    c = "Ivan Petrov won the race."
    mentions = [
        mention("a", "en", a, "PER", "Viktor Petrov"),
        mention("b", "en", b, "PER", "Petrov"),
        mention("c", "en", c, "PER", "Ivan Petrov"),
    ]
    with_stories = link_mentions(mentions, story_of={"a": "s1", "b": "s1", "c": "s2"})
    by_text = {r.mention.text: r.entity_id for r in with_stories}
    assert by_text["Petrov"] == by_text["Viktor Petrov"] != by_text["Ivan Petrov"]
    # Without stories the bare name is ambiguous between two people: it joins neither.
    alone = {r.mention.text: r.entity_id for r in link_mentions(mentions)}
    assert alone["Petrov"] not in {alone["Viktor Petrov"], alone["Ivan Petrov"]}


def test_entities_a_name_takes_the_type_most_of_its_mentions_have_in_the_article() -> None:
    text = "KELMIR — Floods hit Kelmir. Kelmir is calm now. Rescuers left Kelmir."
    mentions = [
        mention("a1", "en", text, "ORG", "KELMIR"),
        mention("a1", "en", text, "LOC", "Kelmir", 0),
        mention("a1", "en", text, "PER", "Kelmir", 1),
        mention("a1", "en", text, "LOC", "Kelmir", 2),
        mention("b1", "en", "Kelmir said no.", "PER", "Kelmir"),  # another article
    ]
    resolved = link_mentions(mentions)
    types = [(r.mention.article_id, r.type) for r in resolved]
    assert types == [("a1", "LOC")] * 4 + [("b1", "PER")]
    assert len({r.entity_id for r in resolved if r.mention.article_id == "a1"}) == 1


def test_entities_a_tie_leaves_each_mention_its_type() -> None:
    text = "Nexora grew. Then Nexora fell."
    mentions = [
        mention("a1", "en", text, "ORG", "Nexora", 0),
        mention("a1", "en", text, "LOC", "Nexora", 1),
    ]
    assert [r.type for r in link_mentions(mentions)] == ["ORG", "LOC"]


def test_entities_the_name_opening_a_dateline_is_a_place() -> None:
    en = "KELMIR, Valdonia — Floods hit the town. Kelmir's mayor left. Kelmir is calm."
    ru = "КЕЛЬМИР, 15 октября. Вода спала."
    fr = "Kelmir (Valdonie), de notre envoyé spécial. La ville est calme."
    mentions = [
        mention("en", "en", en, "ORG", "KELMIR"),
        mention("en", "en", en, "PER", "Kelmir", 0),
        mention("en", "en", en, "LOC", "Kelmir", 1),
        mention("ru", "ru", ru, "ORG", "КЕЛЬМИР"),
        mention("fr", "fr", fr, "PER", "Kelmir"),
    ]
    assert [r.type for r in link_mentions(mentions)] == ["LOC"] * 5
    # a dateline's place is one mention, whatever part of it a recogniser took
    es = "PUERTO CELESTE, 11 feb. (EHS) – La Unidad investiga."
    [r] = link_mentions([mention("es", "es", es, "PER", "PUERTO")])
    assert (r.type, r.mention.text) == ("LOC", "PUERTO CELESTE")
    ar = "بورتو سيليستي - أوقفت الشرطة تسعة أشخاص."
    two = [mention("ar", "ar", ar, "LOC", "بورتو"), mention("ar", "ar", ar, "PER", "سيليستي")]
    [r] = link_mentions(two)
    assert (r.type, r.mention.text) == ("LOC", "بورتو سيليستي")
    # not at the opening, not a dateline's shape, or an acronym before a comma
    for text, label, needle in [
        ("Floods hit KELMIR, 15 October.", "ORG", "KELMIR"),
        ("UNICEF, the UN agency, said more.", "ORG", "UNICEF"),
        ("Blinken, 62, arrived (late).", "PER", "Blinken"),
        ("Blinken (pictured) arrived.", "PER", "Blinken"),
        ("Nexora (NXR) shares fell.", "ORG", "Nexora"),
        ("Reuters - The company said.", "ORG", "Reuters"),
    ]:
        [r] = link_mentions([mention("x", "en", text, label, needle)])  # type: ignore[arg-type]
        assert r.type == label, text


def test_entities_a_name_known_in_capitals_takes_its_ordinary_spelling() -> None:
    known = KnownEntity("loc:x", "PUERTO CELESTE", "LOC", [KnownForm("PUERTO CELESTE", "es")])
    text = "Las lluvias llegaron a Puerto Celeste."
    [r] = link_mentions([mention("b", "es", text, "LOC", "Puerto Celeste")], [known])
    assert (r.entity_id, r.name) == ("loc:x", "Puerto Celeste")


def test_entities_a_name_joins_the_record_with_its_very_spelling_first() -> None:
    # "Porto Celeste" would also join the Spanish record through its Arabic spelling
    spanish = KnownEntity(
        "loc:puerto",
        "Puerto Celeste",
        "LOC",
        [KnownForm("Puerto Celeste", "es"), KnownForm("بورتو سيليستي", "ar")],
    )
    portuguese = KnownEntity(
        "loc:porto", "Porto Celeste", "LOC", [KnownForm("Porto Celeste", "pt")]
    )
    text = "Floods reached Porto Celeste."
    m = mention("c", "en", text, "LOC", "Porto Celeste")
    [r] = link_mentions([m], [spanish, portuguese])
    assert r.entity_id == "loc:porto"


def test_entities_a_currency_tagged_as_a_name_gets_its_english_name() -> None:
    text = "ارتفع سعر اليورو أمام الدولار، وبلغ يورو واحد 1.1 دولار أمريكي"
    resolved = link_mentions(
        [
            mention("a1", "ar", text, "MISC", "يورو"),
            mention("a1", "ar", text, "MISC", "دولار أمريكي"),
            mention("a1", "ar", text, "PER", "الدولار"),
        ]
    )
    names = {r.mention.text: (r.type, r.name) for r in resolved}
    assert names["يورو"] == ("MISC", "Euro") and names["دولار أمريكي"] == ("MISC", "US Dollar")
    # a person's name is never read as a currency
    assert names["الدولار"][0] == "PER" and names["الدولار"][1] != "US Dollar"


def test_entities_a_name_of_several_words_joins_its_spelling_in_another_script() -> None:
    ar = "وقع الحادث في بورتو سيليستي أمس"
    pt = "O acidente ocorreu em Porto Celeste ontem. Porto Alegre não foi afetada."
    resolved = link_mentions(
        [
            mention("a1", "ar", ar, "LOC", "بورتو سيليستي"),
            mention("b1", "pt", pt, "LOC", "Porto Celeste"),
            mention("b1", "pt", pt, "LOC", "Porto Alegre"),
        ]
    )
    ids = {r.mention.text: r.entity_id for r in resolved}
    assert ids["بورتو سيليستي"] == ids["Porto Celeste"] != ids["Porto Alegre"]


def test_entities_a_kazakh_place_made_a_modifier_is_no_given_name() -> None:
    # "Вальдониядағы Тарнов": "Tarnov in Valdonia", not a person called Valdonia Tarnov
    text = "Теміржол Ардабекті Вальдониядағы Тарнов портымен жалғайды."
    resolved = link_mentions(
        [
            mention("a1", "kk", text, "LOC", "Вальдониядағы"),
            mention("a1", "kk", text, "PER", "Тарнов"),
        ]
    )
    assert (resolved[0].mention.text, resolved[0].type) == ("Вальдониядағы", "LOC")


def test_entities_a_lone_surname_shaped_place_stays_a_place() -> None:
    text = "Магистраль соединит Ардабек с портом Тарнов. Борис Тарнов не комментировал."
    lone = "Магистраль соединит Ардабек с портом Тарнов."
    spots = [m for m in find_gazetteer_mentions(lone, "ru", "a1") if m.text == "Тарнов"]
    assert spots  # a GeoNames city
    resolved = link_mentions([*spots, mention("a1", "ru", lone, "PER", "Тарнов")])
    assert [(r.mention.text, r.type) for r in resolved] == [("Тарнов", "LOC")]
    # named in full in the same article: the recogniser's person stands
    spots = [m for m in find_gazetteer_mentions(text, "ru", "b1") if m.text == "Тарнов"]
    full = [
        mention("b1", "ru", text, "PER", "Тарнов"),
        mention("b1", "ru", text, "PER", "Борис Тарнов"),
    ]
    types = {(r.mention.start, r.type) for r in link_mentions([*spots[:1], *full])}
    assert (text.index("Тарнов"), "PER") in types


def test_entities_one_record_for_a_name_typed_differently_across_articles() -> None:
    a = "Nexora collapsed. Nexora owes millions."
    b = "Investors sued Nexora."
    c = "Jordan scored. Jordan won."
    mentions = [
        mention("a1", "en", a, "ORG", "Nexora", 0),
        mention("a1", "en", a, "ORG", "Nexora", 1),
        mention("b1", "en", b, "LOC", "Nexora"),
        mention("c1", "en", c, "PER", "Jordan", 0),
        mention("c1", "en", c, "PER", "Jordan", 1),
    ]
    resolved = link_mentions(mentions)
    nexora = {(r.entity_id, r.type) for r in resolved if r.mention.text == "Nexora"}
    assert nexora == {("org:nexora", "ORG")}  # the reading most mentions have
    assert {r.type for r in resolved if r.mention.text == "Jordan"} == {"PER"}


def test_entities_names_typed_apart_by_as_many_mentions_stay_apart() -> None:
    mentions = [
        mention("a1", "en", "Nexora fell.", "ORG", "Nexora"),
        mention("b1", "en", "Nexora rose.", "LOC", "Nexora"),
    ]
    assert len({r.entity_id for r in link_mentions(mentions)}) == 2
