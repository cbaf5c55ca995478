"""IOB2 reader: both layouts, type mapping, tag repair, sentence ranges."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.entities.ner.corpus import (
    Sentence,
    map_tag,
    names_only,
    parse_data_spec,
    read_sentences,
    read_spec,
    repair_iob2,
)
from newsweave.errors import InputError


def test_ner_corpus_reads_tab_layout_with_blank_lines(tmp_path: Path) -> None:
    f = tmp_path / "c.tsv"
    f.write_text(
        "Anna\tB-PERSON\nvisited\tO\nNew\tB-GPE\nYork\tI-GPE\n\nOn\tO\nMonday\tB-DATE\n\n\n",
        encoding="utf-8",
    )
    sents = read_sentences(f)
    assert [s.tokens for s in sents] == [["Anna", "visited", "New", "York"], ["On", "Monday"]]
    assert sents[0].tags == ["B-PER", "O", "B-LOC", "I-LOC"]
    assert sents[1].tags == ["O", "O"]  # dates are not scored types


def test_ner_corpus_reads_space_layout_and_splits_at_full_stops(tmp_path: Path) -> None:
    f = tmp_path / "anercorp.txt"
    f.write_text(
        "زار B-PERS\nبيروت B-LOC\n. O\nوقال O\nعمرو B-PERS\nموسى I-PERS\n. O\n", encoding="utf-8"
    )
    sents = read_sentences(f)
    assert [len(s.tokens) for s in sents] == [3, 4]
    assert sents[0].tags == ["B-PER", "B-LOC", "O"]
    assert sents[1].tags == ["O", "B-PER", "I-PER", "O"]


def test_ner_corpus_maps_types_and_drops_others() -> None:
    assert map_tag("B-ORGANISATION") == ("B", "ORG")
    assert map_tag("I-GEOPOLIT") == ("I", "LOC")
    assert map_tag("PESSOA") == ("I", "PER")
    assert map_tag("B-LOCderiv") == ("O", "")
    assert map_tag("B-CARDINAL") == ("O", "")
    assert map_tag("O") == ("O", "")


def test_ner_corpus_repairs_io_and_stray_inside_tags() -> None:
    assert repair_iob2(["PESSOA", "PESSOA", "O", "I-LOC", "B-ORG", "I-ORG", "I-PER"]) == [
        "B-PER",
        "I-PER",
        "O",
        "B-LOC",
        "B-ORG",
        "I-ORG",
        "B-PER",
    ]


def test_ner_corpus_rejects_lines_without_tag(tmp_path: Path) -> None:
    f = tmp_path / "bad.tsv"
    f.write_text("Anna\tB-PER\nlonely\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_sentences(f)
    assert err.value.source.endswith("bad.tsv:2")


def test_ner_corpus_sentence_ranges(tmp_path: Path) -> None:
    f = tmp_path / "c.tsv"
    f.write_text("".join(f"w{i}\tO\n\n" for i in range(10)), encoding="utf-8")
    assert parse_data_spec(f"{f}#0.8-1") == (f, 0.8, 1.0)
    head = read_spec(f"{f}#0-0.8")
    tail = read_spec(f"{f}#0.8-1")
    assert [s.tokens[0] for s in tail] == ["w8", "w9"]
    assert len(head) + len(tail) == 10
    with pytest.raises(InputError):
        parse_data_spec(f"{f}#0.9-0.1")


def test_ner_corpus_names_only_trims_role_nouns_and_drops_pronouns() -> None:
    s = Sentence(
        ["el", "și", "președintele", "Ion", "Iliescu", "au", "venit"],
        ["B-PER", "O", "B-PER", "I-PER", "I-PER", "O", "O"],
    )
    assert names_only(s).tags == ["O", "O", "O", "B-PER", "I-PER", "O", "O"]
