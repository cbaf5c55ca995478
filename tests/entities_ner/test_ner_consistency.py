"""Document-level passes over tagged sentences: repeats tagged, places cut off names."""

from __future__ import annotations

from newsweave.entities.ner.consistency import settle_document, split_leading_places
from newsweave.entities.ner.recognize import recognize

_DOC = [
    ["Вальдония", "и", "Сарытау", "подписали", "соглашение"],
    ["Министр", "транспорта", "Вальдонии", "Хелена", "Марквардт", "выступила", "."],
]


def test_a_place_named_alone_is_cut_off_the_front_of_a_full_name() -> None:
    tags = [["B-LOC", "O", "B-LOC", "O", "O"], ["O", "O", "B-PER", "I-PER", "I-PER", "O", "O"]]
    out = split_leading_places(_DOC, tags, "ru")
    assert out[1] == ["O", "O", "B-LOC", "B-PER", "I-PER", "O", "O"]
    assert out[0] == tags[0] and tags[1][2] == "B-PER"  # the input is left as it was


def test_organisations_are_cut_off_too_and_take_their_type() -> None:
    words = [["Газпром", "сообщил"], ["глава", "Газпрома", "Алексей", "Миллер"]]
    tags = [["B-ORG", "O"], ["O", "B-PER", "I-PER", "I-PER"]]
    assert split_leading_places(words, tags, "ru")[1] == ["O", "B-ORG", "B-PER", "I-PER"]


def test_names_are_left_whole_when_nothing_says_the_first_word_is_a_place() -> None:
    two_words = [["Вальдония"], ["Вальдонии", "Марквардт"]]
    assert split_leading_places(two_words, [["B-LOC"], ["B-PER", "I-PER"]], "ru")[1] == [
        "B-PER",
        "I-PER",
    ]
    unknown = [["Сарытау"], ["Вальдонии", "Хелена", "Марквардт"]]
    tags = [["B-LOC"], ["B-PER", "I-PER", "I-PER"]]
    assert split_leading_places(unknown, tags, "ru")[1] == tags[1]
    lower_next = [["Pline"], ["Pline", "l'", "Ancien"]]
    assert split_leading_places(lower_next, [["B-LOC"], ["B-PER", "I-PER", "I-PER"]], "fr")[1] == [
        "B-PER",
        "I-PER",
        "I-PER",
    ]


def test_a_given_name_that_is_also_a_city_stays_in_the_name() -> None:
    words = [["Nursultan"], ["Nursultan", "Abishevich", "Nazarbayev"]]
    tags = [["B-LOC"], ["B-PER", "I-PER", "I-PER"]]
    given = {"nursultan"}.__contains__
    assert split_leading_places(words, tags, "en", lambda w: given(w.lower()))[1] == tags[1]
    assert split_leading_places(words, tags, "en")[1] == ["B-LOC", "B-PER", "I-PER"]


def test_settle_document_spreads_repeats_before_cutting() -> None:
    words = [["Вальдония", "."], ["Вальдония", "и", "министр", "Вальдонии", "Хелена", "Марквардт"]]
    tags = [["B-LOC", "O"], ["O", "O", "O", "B-PER", "I-PER", "I-PER"]]
    out = settle_document(words, tags, "ru")
    assert out[1] == ["B-LOC", "O", "O", "B-LOC", "B-PER", "I-PER"]


def test_the_shipped_russian_model_keeps_the_country_apart() -> None:
    # the demo article's sentences: natasha, the model's second opinion on people, reads
    # the first as two people signing; the last shows the country as a place
    text = (
        "Вальдония и Сарытау подписали соглашение.\n\n"
        "Министр транспорта Вальдонии Хелена Марквардт подписала его во вторник.\n\n"
        "Сарытау возьмёт на себя 1,4 млрд долларов, Вальдония — 1 млрд."
    )
    spans = recognize(text, "ru")
    people = [s.text for s in spans if s.label == "PER"]
    assert "Хелена Марквардт" in people
    assert not any(p.startswith("Вальдони") for p in people)
    assert {s.text for s in spans if s.label == "LOC"} >= {"Вальдония", "Вальдонии"}


def test_a_kazakh_place_made_a_modifier_is_cut_off_a_two_word_name() -> None:
    # "Вальдониядағы Тарнов" = "Tarnov in Valdonia": the suffix never ends a name's word
    words = [["Сарытау", "мен", "Вальдония", "келісті"], ["Вальдониядағы", "Тарнов", "порты"]]
    tags = [["B-LOC", "O", "B-LOC", "O"], ["B-PER", "I-PER", "O"]]
    assert split_leading_places(words, tags, "kk")[1] == ["B-LOC", "B-PER", "O"]
    two_words = [["Вальдония"], ["Вальдонии", "Марквардт"]]
    assert split_leading_places(two_words, [["B-LOC"], ["B-PER", "I-PER"]], "kk")[1] == [
        "B-PER",
        "I-PER",
    ]
