"""Language-independent tokens and the signal fusion on hand-made articles."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from newsweave.stories.signals import (
    DocFeatures,
    SignalWeight,
    SimilarityModel,
    ascii_digits,
    build_features,
    extract_names,
    extract_numbers,
    extract_words,
    name_key,
    raw_signals,
    set_overlap,
    similarity,
)


def test_signals_numbers_match_across_locales_and_digits() -> None:
    english = extract_numbers("Some 67,000 people marched; 55 were hurt and 600 held.")
    german = extract_numbers("Etwa 67.000 Menschen; 55 Verletzte, 600 Festnahmen.")
    french = extract_numbers("Quelque 67\u202f000 personnes ; 55 blessés et 600 arrestations.")
    arabic = extract_numbers("نحو ٦٧٬٠٠٠ شخص، و٥٥ جريحا و٦٠٠ معتقل")
    for found in (english, german, french, arabic):
        assert {"67000", "55", "600"} <= found


def test_signals_numbers_decimals_scales_and_dates() -> None:
    assert "2.5" in extract_numbers("inflation at 2,5 %")
    assert "2500000" in extract_numbers("2,5 Mio. Euro")
    assert "2500000" in extract_numbers("2.5 million dollars")
    assert "2500000" in extract_numbers("2,5 млн рублей")
    dates = extract_numbers("on 24.04.2020 and 2020-04-24")
    assert "date:2020-04-24" in dates
    assert "2020" not in dates  # years alone are too common in news of one period
    assert "1" not in extract_numbers("1 person")  # nor are ones
    assert ascii_digits("٢٠٢٢ और २०२२") == "2022 और 2022"


def test_signals_names_match_across_scripts() -> None:
    assert name_key("Putin") == name_key("Путин") == name_key("بوتين")
    latin = extract_names("On Monday President Putin met Macron in Paris.")
    cyrillic = extract_names("В понедельник президент Путин встретился с Макроном в Париже.")
    assert {name_key("Putin"), name_key("Paris")} <= latin & cyrillic


def test_signals_words_are_transliterated_prefixes() -> None:
    assert extract_words("Valenciana Путина") == {"valen", "putin"}
    assert "the" not in extract_words("the floods")


def test_signals_names_skip_sentence_starts() -> None:
    names = extract_names("Yesterday it rained. Tomorrow Valencia expects sun.")
    assert name_key("Yesterday") not in names
    assert name_key("Valencia") in names


def _vec(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_signals_raw_values() -> None:
    a = DocFeatures(
        "a",
        {"doc": _vec(1, 0), "head": _vec(1, 1)},
        numbers=frozenset({"55", "600"}),
        names=frozenset({"btn"}),
        words=frozenset({"valen", "flood"}),
        lang="en",
        entities=frozenset({"Q1", "Q2"}),
        date=dt.date(2024, 1, 1),
    )
    b = DocFeatures(
        "b",
        {"doc": _vec(1, 1)},
        numbers=frozenset({"55"}),
        words=frozenset({"valen"}),
        lang="ru",
        entities=frozenset({"Q1"}),
        date=dt.date(2024, 1, 4),
    )
    values = raw_signals(a, b)
    assert math.isclose(values["emb_doc"] or 0, math.sqrt(0.5), rel_tol=1e-5)
    assert values["emb_head"] is None  # b has no head vector
    assert math.isclose(values["numbers"] or 0, 1 / math.sqrt(2))
    assert values["names"] == 0.0
    assert math.isclose(values["words"] or 0, 1 / math.sqrt(2))
    assert values["same_lang"] == 0.0
    assert values["entities"] == 0.5
    assert math.isclose(values["time"] or 0, math.exp(-1.0))


def test_signals_similarity_explains_its_score() -> None:
    model = SimilarityModel(
        model="hand",
        intercept=0.1,
        threshold=0.5,
        weights={
            "emb_doc": SignalWeight(1.0, 0.2),
            "numbers": SignalWeight(0.5),
            "time": SignalWeight(0.3, 0.5, fitted=False),
        },
    )
    vec = {"doc": _vec(1, 0)}
    text_a = "Floods in Valencia: 223 dead, 67,000 homes damaged"
    text_b = "Inondations à Valence : 223 morts, 67 000 logements touchés"
    a = build_features("a", None, text_a, vec, model="hand", date="2024-11-01")
    b = build_features("b", None, text_b, vec, model="hand")
    result = similarity(a, b, model)
    parts = [v for k, v in result.signals.items() if k.endswith(".contribution")]
    assert math.isclose(result.score, 0.1 + sum(parts))
    assert math.isclose(result.signals["emb_doc.contribution"], 0.8, rel_tol=1e-5)
    assert result.signals["numbers"] == 1.0
    assert math.isnan(result.signals["time"])  # only one date known: no contribution
    assert result.signals["time.contribution"] == 0.0
    assert result.same_story


def test_signals_set_overlap_edges() -> None:
    assert set_overlap(frozenset(), frozenset({"1"})) == 0.0
    assert set_overlap(frozenset({"1"}), frozenset({"1"})) == 1.0


def test_signals_featurize_articles_with_chosen_views() -> None:
    from newsweave.article import Article
    from newsweave.embed.hashing import HashingEmbedder
    from newsweave.stories.signals import featurize_articles

    arts = [
        Article(
            text="Floods in Valencia killed 223.",
            source="a",
            title="Floods",
            lang="en",
            published="2024-11-01",
        ),
        Article(text="Las inundaciones en Valencia: 223 muertos.", source="b", lang="es"),
    ]
    fa, fb = featurize_articles(HashingEmbedder(dim=64), arts, views=("doc",))
    assert set(fa.vectors) == {"doc"}
    assert fa.date == dt.date(2024, 11, 1) and fb.date is None
    assert fa.model == fb.model
    values = raw_signals(fa, fb)
    assert values["numbers"] == 1.0
    assert values["same_lang"] == 0.0
    assert values["emb_head"] is None


def test_signals_square_term_and_json_round_trip() -> None:
    sw = SignalWeight(weight=1.0, neutral=0.5, square=2.0, neutral_square=0.25)
    assert math.isclose(sw.contribution(1.0), 0.5 + 2.0 * 0.75)
    assert sw.contribution(None) == 0.0
    model = SimilarityModel("m", 0.1, {"emb_doc": sw}, threshold=0.4)
    assert SimilarityModel.from_json(model.to_json()) == model


def test_signals_two_embedder_configuration() -> None:
    from newsweave.stories.signals import Featurizer

    feat = Featurizer.from_config("hashing+hashing:64", fitted=False)
    assert feat.name == "hashing-char35-d1024+hashing-char35-d64"
    a, b = feat.features([("a", None, "Valencia floods, 223 dead"), ("b", None, "Valencia: 223")])
    assert set(a.vectors) == {"doc", "head", "aux_doc", "aux_head"}
    assert a.vectors["aux_doc"].shape == (64,)
    values = raw_signals(a, b)
    assert values["emb_aux_doc"] is not None and values["emb_doc"] is not None


def test_signals_packaged_weights_explain_a_pair() -> None:
    from newsweave.stories.signals import Featurizer, load_weights

    models = load_weights()
    assert {"use-multilingual-v3", "hashing-char35-d1024"} <= set(models)
    for fitted in models.values():
        assert fitted.meta["cv"]["folds"] == 5
    feat = Featurizer.from_config("hashing")
    a, b = feat.features(
        [
            ("a", "Floods in Valencia", "223 people died in Valencia."),
            ("b", "Chess", "Magnus Carlsen won in Oslo."),
        ],
        langs=["en", "en"],
    )
    result = feat.compare(a, a)
    other = feat.compare(a, b)
    assert result.score > other.score
    assert result.same_story and not other.same_story
