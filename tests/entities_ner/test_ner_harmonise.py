"""A style corpus's conventions, learned from hand-made sentences: relabelling another
corpus to them, and the house style applied to a model's output."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from newsweave.entities.ner.corpus import Sentence
from newsweave.entities.ner.crf import CrfModel
from newsweave.entities.ner.features import FeatureExtractor
from newsweave.entities.ner.harmonise import Conventions, harmonise, learn_conventions
from newsweave.entities.ner.house_style import HouseStyle, apply_style, learn_style
from newsweave.entities.ner.recognize import recognize_with
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


# -- the house style ----------------------------------------------------------------
_EDGE_STYLE = [
    _s("Съезд/O партии/B-ORG «/I-ORG Яблоко/I-ORG »/O прошёл/O ./O"),
    _s("Решение/O правительства/B-ORG США/I-ORG известно/O ./O"),
    _s("Из/O Москвы/B-LOC приехал/O Иван/B-PER Петров/I-PER (/O Ivan/B-PER Petrov/I-PER )/O ./O"),
    _s("Приехали/O Нагибин/B-PER ,/O Петров/B-PER и/O Сидоров/B-PER ./O"),
    _s("Ответ/O мэрии/B-ORG Казани/I-ORG (/O МК/B-ORG )/O ,/O и/O Уфы/B-LOC ./O"),
    _s("В/O Москве/B-LOC ,/O Казани/B-LOC и/O Уфе/B-LOC тепло/O ./O"),
    _s("Ответ/O ООН/B-ORG (/O UN/B-ORG )/O ,/O НАТО/B-ORG и/O ЕС/B-ORG ./O"),
    _s("Сказал/O директор/O Газпрома/B-ORG (/O ГП/B-ORG )/O ./O"),
    _s("Пишет/O директор/O Сбербанка/B-ORG (/O СБ/B-ORG )/O ./O"),
]


def test_ner_house_style_learns_descriptors_by_root_and_marks_kept_apart() -> None:
    style = learn_style(_EDGE_STYLE, "ru", ["ORG"])
    # партии -> парти, правительства -> правительств, мэрии -> мэри: each heads an ORG once
    assert {"парти", "правительств", "мэри"} <= set(style.leads)
    assert set(style.leads.values()) == {"ORG"}
    # "директор" stands before organisation names and never heads one
    assert "директор" not in style.leads
    # brackets and commas stand beside names and never inside; "«" is inside a name
    assert {"(", ")", ","} <= style.apart
    assert "«" not in style.apart
    # a descriptor of a type not asked for is not learned
    assert learn_style(_EDGE_STYLE, "ru", []).leads == {}


def test_ner_house_style_counts_a_repeated_sentence_once() -> None:
    once = learn_style(_EDGE_STYLE, "ru", ["ORG"])
    assert learn_style(_EDGE_STYLE * 5, "ru", ["ORG"]) == once


def test_ner_house_style_widens_names_over_descriptors_in_another_case() -> None:
    style = HouseStyle({"парти": "ORG", "правительств": "ORG"})
    tokens = ["Лидер", "партией", "«", "Яблоко", "»", "и", "правительство", "США"]
    tags = ["O", "O", "O", "B-ORG", "O", "O", "O", "B-LOC"]
    out = apply_style(tokens, tags, style, "ru")
    assert out == ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "I-ORG"]
    # a person is never widened, and the descriptors can be left out
    assert apply_style(tokens, tags, style, "ru", descriptors=False) == tags
    per = ["O", "O", "O", "B-PER", "O", "O", "O", "O"]
    assert apply_style(tokens, per, style, "ru") == per


def test_ner_house_style_cuts_names_at_marks_kept_apart() -> None:
    style = HouseStyle({}, frozenset({"(", ")", ","}))
    tokens = [
        "сказал",
        "Барри",
        "Лоуенкрон",
        "(",
        "Barry",
        "Lowenkron",
        ")",
        "и",
        "Нагибин",
        ",",
        "Владимир",
    ]
    tags = ["O", "B-PER", "I-PER", "I-PER", "I-PER", "I-PER", "I-PER", "O"]
    tags += ["B-PER", "I-PER", "I-PER"]
    out = apply_style(tokens, tags, style, "ru")
    assert out == ["O", "B-PER", "I-PER", "O", "B-PER", "I-PER", "O", "O", "B-PER", "O", "B-PER"]
    # a piece without a capital or a digit is no name
    low = apply_style(
        ["Газпром", "(", "ао", ")"], ["B-ORG", "I-ORG", "I-ORG", "I-ORG"], style, "ru"
    )
    assert low == ["B-ORG", "O", "O", "O"]
    # an empty style changes nothing
    assert apply_style(tokens, tags, HouseStyle(), "ru") == tags


def test_ner_house_style_a_place_cut_off_a_name_becomes_a_place() -> None:
    style = HouseStyle({}, frozenset({"(", ")"}))
    tokens = ["Хорхе", "Ларрионда", "(", "Уругвай", ")"]
    tags = ["B-PER", "I-PER", "I-PER", "I-PER", "I-PER"]
    places = {("уругвай",)}

    def is_place(words: Sequence[str]) -> bool:
        return tuple(w.lower() for w in words) in places

    out = apply_style(tokens, tags, style, "ru", is_place=is_place)
    assert out == ["B-PER", "I-PER", "O", "B-LOC", "O"]
    # without a gazetteer the piece keeps the glued name's type
    assert apply_style(tokens, tags, style, "ru")[3] == "B-PER"


def test_ner_house_style_a_place_alone_between_marks_is_a_place() -> None:
    style = HouseStyle({}, frozenset({"(", ")", ","}))
    tokens = ["Иван", "Соколов", "(", "Нидерланды", ")", "и", "(", "Газпром", ")"]
    tags = ["B-PER", "I-PER", "O", "B-ORG", "O", "O", "O", "B-ORG", "O"]

    def is_place(words: Sequence[str]) -> bool:
        return [w.lower() for w in words] == ["нидерланды"]

    out = apply_style(tokens, tags, style, "ru", is_place=is_place)
    assert out[3] == "B-LOC" and out[7] == "B-ORG"
    # only between marks the style keeps apart
    quoted = ["«", "Нидерланды", "»"]
    assert apply_style(quoted, ["O", "B-ORG", "O"], style, "ru", is_place=is_place)[1] == "B-ORG"


def test_ner_house_style_drops_names_without_a_letter_when_the_style_has_none() -> None:
    style = learn_style(_EDGE_STYLE, "ru", ["ORG"])
    assert style.letters
    tokens = ["рейтинг", "—", "2804", ",", "Газпром"]
    tags = ["O", "O", "B-ORG", "O", "B-ORG"]
    assert apply_style(tokens, tags, style, "ru") == ["O", "O", "O", "O", "B-ORG"]
    # a style corpus that tags a name without a letter keeps them
    numbered = [*_EDGE_STYLE, _s("Канал/O 1+1/B-ORG вещает/O ./O")]
    assert not learn_style(numbered, "ru", ["ORG"]).letters
    assert apply_style(tokens, tags, HouseStyle({}, style.apart), "ru")[2] == "B-ORG"


def test_ner_features_is_place_knows_gazetteer_places_and_their_case_forms() -> None:
    fx = FeatureExtractor("ru", places=["казахстан", "коста-рика", "нижний новгород"])
    assert fx.is_place(["Казахстан"]) and fx.is_place(["Казахстана"])
    assert fx.is_place(["Нижний", "Новгород"])
    assert not fx.is_place(["казахстана"]) and not fx.is_place(["Нижний"])


def test_ner_house_style_round_trips_through_json() -> None:
    style = HouseStyle({"парти": "ORG"}, frozenset({"(", ","}), letters=True)
    data = json.loads(json.dumps(style.to_json()))
    assert HouseStyle.from_json(data) == style
    # lexicons written before names were checked for letters read as not checking
    assert not HouseStyle.from_json({"leads": {}, "apart": ["("]}).letters
    assert HouseStyle.from_json(None) == HouseStyle()
    assert not HouseStyle()
    with pytest.raises(ValueError):
        HouseStyle.from_json({"leads": ["парти"]})


def test_ner_train_learns_the_house_style_and_the_model_applies_it(tmp_path: Path) -> None:
    style = _write(tmp_path / "style.tsv", _EDGE_STYLE)
    other = _write(
        tmp_path / "other.tsv",
        [_s("Решение/O правительства/O Казани/B-LOC (/I-LOC РТ/I-LOC )/I-LOC известно/O ./O")] * 6,
    )
    opts = {"gazetteer": False, "max_iterations": 30, "harmonise_to": ["style.tsv"]}
    meta = train_ner("ru", [other, style], tmp_path / "m", house_style=["ORG"], **opts)
    assert meta["features"]["house_style"]["leads"] >= 3
    assert "(" in meta["features"]["house_style"]["apart"]
    model = CrfModel(tmp_path / "m")
    assert model.style.leads.get("правительств") == "ORG"
    words = ["Решение", "правительства", "Казани", "(", "РТ", ")", "известно", "."]
    raw = model.decoder.viterbi([words])[0]
    styled = model.tag_sentences([words])[0]
    assert styled == apply_style(words, raw, model.style, "ru")
    assert model.tag(words, with_confidence=False).tags == styled
    # articles keep names' cores: no descriptor, but the cut at the bracket
    plain = model.tag_many([words], descriptors=False)[0].tags
    assert plain == apply_style(words, raw, model.style, "ru", descriptors=False)
    spans = recognize_with(model, "Решение правительства Казани (РТ) известно.", "ru")
    assert all("(" not in s.text for s in spans)
    # no house style without a style corpus to learn it from
    with pytest.raises(InputError):
        train_ner("ru", [other], tmp_path / "x", house_style=["ORG"], gazetteer=False)
