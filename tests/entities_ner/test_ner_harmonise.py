"""Relabelling one corpus to another's conventions, learned from hand-made sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.entities.ner.corpus import Sentence
from newsweave.entities.ner.harmonise import Conventions, harmonise, learn_conventions
from newsweave.entities.ner.train import train_ner
from newsweave.errors import InputError


def _s(pairs: str) -> Sentence:
    """``"el/B-PER a/O spus/O"`` → a sentence (tags after the last slash)."""
    tokens, tags = [], []
    for item in pairs.split():
        token, _, tag = item.rpartition("/")
        tokens.append(token)
        tags.append(tag)
    return Sentence(tokens, tags)


_STYLE = [
    _s("Ieri el/B-PER a/O plecat/O ./O"),
    _s("Apoi el/B-PER a/O revenit/O ./O"),
    _s("Au/O venit/O ministrul/B-PER și/O copii/B-PER ./O"),
    _s("Aici/O ministrul/B-PER și/O copii/B-PER vorbesc/O ./O"),
    _s("A/O vorbit/O domnul/B-PER Ion/I-PER Pop/I-PER ./O"),
    _s("L-/O a/O văzut/O domnul/B-PER Dan/I-PER Radu/I-PER ./O"),
    _s("Uniunea/B-ORG Europeană/I-ORG a/O decis/O ./O"),
    _s("Uniunea/B-ORG Europeană/I-ORG a/O votat/O ./O"),
    _s("Firma/O „/B-ORG Alfa/I-ORG ”/I-ORG a/O crescut/O ./O"),
    _s("Firma/O „/B-ORG Beta/I-ORG ”/I-ORG a/O scăzut/O ./O"),
    _s("Banca/B-ORG Națională/I-ORG (/I-ORG BN/I-ORG )/I-ORG a/O anunțat/O ./O"),
    _s("Curtea/B-ORG de/I-ORG Conturi/I-ORG (/I-ORG CC/I-ORG )/I-ORG a/O anunțat/O ./O"),
]


def test_ner_harmonise_learns_the_style_conventions() -> None:
    conv = learn_conventions(_STYLE, "ro")
    assert {"el", "ministrul", "copii"} <= conv.person_words
    assert "domnul" in conv.prefixes and "a" not in conv.person_words
    assert conv.types[("uniunea", "europeană")] == "ORG"
    assert conv.quoted == {"ORG"} and conv.acronyms == {"ORG"}


def test_ner_harmonise_counts_a_repeated_sentence_once() -> None:
    conv = learn_conventions([_s("Ieri el/B-PER a/O plecat/O")] * 3, "ro")
    assert "el" not in conv.person_words


def test_ner_harmonise_relabels_persons() -> None:
    conv = learn_conventions(_STYLE, "ro")
    out = harmonise(_s("Spune/O el/O că/O domnul/O Ion/B-PER Pop/I-PER a/O plecat/O"), conv, "ro")
    assert out.tags == ["O", "B-PER", "O", "B-PER", "I-PER", "I-PER", "O", "O"]
    cut = harmonise(_s("Vine/O fostul/B-PER ministrul/I-PER ./O"), conv, "ro")
    assert cut.tags == ["O", "O", "B-PER", "O"]


def test_ner_harmonise_retypes_and_widens_names() -> None:
    conv = learn_conventions(_STYLE, "ro")
    retyped = harmonise(_s("Uniunea/B-LOC Europeană/I-LOC a/O decis/O"), conv, "ro")
    assert retyped.tags == ["B-ORG", "I-ORG", "O", "O"]
    quoted = harmonise(_s("Firma/O „/O Gama/B-ORG ”/O a/O"), conv, "ro")
    assert quoted.tags == ["O", "B-ORG", "I-ORG", "I-ORG", "O"]
    acronym = harmonise(_s("Garda/B-ORG Verde/I-ORG (/O GV/B-ORG )/O a/O"), conv, "ro")
    assert acronym.tags == ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]


_RU_STYLE = [
    _s("Заявила/O мэрия/B-ORG Москвы/I-ORG ./O"),
    _s("Ответила/O мэрия/B-ORG Казани/I-ORG ./O"),
    _s("Сказал/O глава/O Google/B-ORG ./O"),
    _s("Решило/O правительство/B-ORG ./O"),
    _s("Ушло/O правительство/B-ORG ./O"),
    _s("Пишет/O глава/O Apple/B-ORG ./O"),
    _s("Пишет/O глава/O Yandex/B-ORG ./O"),
    _s("Сказал/O глава/B-ORG Минфина/I-ORG ./O"),
    _s("Ответил/O глава/B-ORG Минздрава/I-ORG ./O"),
]


def test_ner_harmonise_learns_lead_words_and_lone_mentions_for_the_types_asked() -> None:
    conv = learn_conventions(_RU_STYLE, "ru", kinds=("ORG", "LOC"))
    assert conv.leads == {"мэрия": "ORG"}  # "глава" heads 2 of the 5 names it meets
    assert conv.lone == {"правительство": "ORG"}
    assert learn_conventions(_RU_STYLE, "ru").leads == {}


def test_ner_harmonise_takes_lead_words_into_names_and_tags_lone_words() -> None:
    conv = learn_conventions(_RU_STYLE, "ru", kinds=("ORG", "LOC"))
    town = harmonise(_s("Вчера/O мэрия/O Самары/B-LOC и/O правительство/O ./O"), conv, "ru")
    assert town.tags == ["O", "B-ORG", "I-ORG", "O", "B-ORG", "O"]
    quoted = harmonise(_s("мэрия/O «/O Город/B-LOC »/O"), conv, "ru")
    assert quoted.tags == ["B-ORG", "I-ORG", "I-ORG", "O"]
    capital = harmonise(_s("Мэрия/O «/O Город/B-LOC »/O"), conv, "ru")
    assert capital.tags == ["O", "O", "B-LOC", "O"]
    # never in front of a person's name, never a capitalised word
    person = harmonise(_s("мэрия/O Ивана/B-PER Мэрия/O Самары/B-LOC"), conv, "ru")
    assert person.tags == ["O", "B-PER", "O", "B-LOC"]


_RU_NESTED = [
    _s("Сообщил/O МИД/B-ORG России/I-ORG ./O"),
    _s("Сообщило/O посольство/B-ORG России/I-ORG ./O"),
    _s("Мы/O в/O России/B-LOC ./O"),
    _s("Они/O из/O России/B-LOC ./O"),
    _s("Работает/O Курская/B-ORG АЭС/I-ORG (/O КуАЭС/B-ORG )/O ./O"),
    _s("Стоит/O Кольская/B-ORG АЭС/I-ORG (/O КАЭС/B-ORG )/O ./O"),
]


def test_ner_harmonise_learns_nested_names_and_detached_acronyms() -> None:
    conv = learn_conventions(_RU_NESTED, "ru", kinds=("ORG", "LOC"))
    assert conv.absorbs == {"ORG": "LOC"} and conv.detached == {"ORG"}
    out = harmonise(
        _s("Глава/O МВД/B-ORG Киргизии/B-LOC и/O Банк/B-ORG (/I-ORG ЦБ/I-ORG )/I-ORG"), conv, "ru"
    )
    assert out.tags == ["O", "B-ORG", "I-ORG", "O", "B-ORG", "O", "B-ORG", "O"]
    # a style that keeps the two names apart teaches nothing of the kind
    apart = [_s(f"{verb}/O МИД/B-ORG России/B-LOC ./O") for verb in ("Сказал", "Заявил", "Ответил")]
    assert learn_conventions(_RU_NESTED + apart, "ru", kinds=("ORG",)).absorbs == {}


def test_ner_harmonise_without_conventions_changes_nothing() -> None:
    sentence = _s("Spune/O el/O că/O Ion/B-PER Pop/I-PER din/O Cluj/B-LOC")
    assert harmonise(sentence, Conventions(), "ro") == sentence


def _write(path: Path, sentences: list[Sentence]) -> Path:
    blocks = [
        "\n".join(f"{t}\t{g}" for t, g in zip(s.tokens, s.tags, strict=True)) for s in sentences
    ]
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def test_ner_train_harmonises_only_when_asked(tmp_path: Path) -> None:
    style = _write(tmp_path / "style.tsv", _STYLE)
    other = _write(tmp_path / "other.tsv", [_s("Ieri el/O a/O plecat/O la/O Cluj/B-LOC ./O")] * 4)
    opts = {"gazetteer": False, "max_iterations": 5}
    plain = train_ner("ro", [other, style], tmp_path / "plain", **opts)
    assert "harmonise_to" not in plain["train"] and "harmonise_rate" not in plain["hyper"]
    # a file is named as given or by the end of its path, as recipes name shared files
    meta = train_ner("ro", [other, style], tmp_path / "h", harmonise_to=["style.tsv"], **opts)
    assert meta["train"]["harmonised_sentences"] == 4
    assert json.loads((tmp_path / "h" / "meta.json").read_text())["train"]["harmonise_to"]
    assert meta["train"]["entities_by_type"]["PER"] > plain["train"]["entities_by_type"]["PER"]
    with pytest.raises(InputError):
        train_ner("ro", [other], tmp_path / "none", harmonise_to=[style], **opts)
