"""Exact-span micro precision/recall/F1 on hand-made gold and predictions."""

from __future__ import annotations

import pytest

from newsweave.entities.ner.scoring import SpanScorer, iob2_spans, name_core, score_tagger


def test_ner_scoring_iob2_spans() -> None:
    tags = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "B-MISC"]
    assert iob2_spans(tags) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
        (6, 7, "MISC"),
    ]


def test_ner_scoring_exact_span_micro_scores() -> None:
    scorer = SpanScorer()
    # sentence 1: PER exact (tp), LOC with wrong boundary (fp + fn)
    scorer.add_tags(
        ["B-PER", "I-PER", "O", "B-LOC", "I-LOC"], ["B-PER", "I-PER", "O", "B-LOC", "O"]
    )
    # sentence 2: ORG predicted as LOC (fp + fn), an extra PER (fp), MISC ignored
    scorer.add_tags(["B-ORG", "O", "O", "B-MISC"], ["B-LOC", "O", "B-PER", "O"])
    r = scorer.result()
    # tp=1, predicted=4, gold=3
    assert r["precision"] == pytest.approx(0.25)
    assert r["recall"] == pytest.approx(0.3333, abs=1e-4)
    assert r["f1"] == pytest.approx(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3), abs=1e-4)
    per_type = r["per_type"]
    assert isinstance(per_type, dict)
    assert per_type["PER"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "support": 1,
        "predicted": 2,
    }
    assert per_type["ORG"]["support"] == 1 and per_type["ORG"]["f1"] == 0.0
    assert "MISC" not in per_type


def test_ner_scoring_empty_is_zero_not_error() -> None:
    r = SpanScorer().result()
    assert (r["precision"], r["recall"], r["f1"]) == (0.0, 0.0, 0.0)


def test_ner_scoring_name_core() -> None:
    toks = ["domnul", "viceprimar", "Adrian", "Orza", "a", "spus"]
    assert name_core(toks, (0, 4, "PER")) == (2, 4, "PER")
    assert name_core(toks, (4, 6, "PER")) is None
    assert name_core(["قال", "بلينكن"], (0, 2, "PER")) == (0, 2, "PER")  # no case: kept


def test_ner_scoring_score_tagger_names_only_switch() -> None:
    data = [(["el", "a", "venit", "la", "Cluj"], ["B-PER", "O", "O", "O", "B-LOC"])]

    def tagger(tokens: list[str]) -> list[str]:
        return ["O", "O", "O", "O", "B-LOC"]

    strict = score_tagger(tagger, data, names_only=False)
    names = score_tagger(tagger, data, names_only=True)
    assert strict["recall"] == 0.5 and names["recall"] == 1.0
    assert names["n_changed_gold"] == 1 and names["n_sentences"] == 1


def test_ner_scoring_name_core_trims_sentence_initial_common_word() -> None:
    toks = ["Președintele", "Klaus", "Iohannis", "a", "spus", "că", "El", "vine"]
    common = frozenset({"președintele", "el"})
    assert name_core(toks, (0, 3, "PER"), common) == (1, 3, "PER")
    assert name_core(toks, (0, 3, "PER")) == (0, 3, "PER")
    assert name_core(["El", "vine"], (0, 1, "PER"), common) is None
    assert name_core(toks, (6, 7, "PER"), common) == (6, 7, "PER")  # not sentence-initial


def test_trained_on_sees_overlapping_files_and_ranges() -> None:
    from newsweave.evals.ner import trained_on

    meta = {
        "train": {
            "data": ["corpora/ner/wikineural/fr/val.tsv#0-0.8", "corpora/ner/europeana_ner/fr.tsv"]
        }
    }
    shared = "../shared/corpora/ner"
    assert not trained_on(meta, f"{shared}/wikineural/fr/val.tsv#0.8-1")  # the held-out part
    assert trained_on(meta, f"{shared}/wikineural/fr/val.tsv")  # the whole file
    assert trained_on(meta, f"{shared}/wikineural/fr/val.tsv#0.5-0.9")
    assert trained_on(meta, f"{shared}/europeana_ner/fr.tsv#0.5-1")
    assert not trained_on(meta, f"{shared}/conll/en/val.tsv")
    assert not trained_on({}, f"{shared}/conll/en/val.tsv")
