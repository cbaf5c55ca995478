from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.search.query import (
    MAX_TERMS,
    SearchQueryError,
    normalise_term,
    parse_query,
    spelling_variants,
)
from newsweave.search.snippets import MARK_END, MARK_START, lead, marked_html, split_marked


def test_search_query_quotes_every_term() -> None:
    fts = parse_query("kaldera OR NEAR(port) title:x ^y z*").to_fts()
    assert fts == '"kaldera" AND "OR" AND "NEAR(port)" AND "title:x" AND "^y" AND "z*"'


def test_search_query_phrases_exclusions_and_inner_quotes() -> None:
    parsed = parse_query('"harbour reopens" -storm ab"cd')
    assert parsed.to_fts() == '("harbour reopens" AND "ab""cd") NOT ("storm")'
    assert parsed.to_fts("any") == '("harbour reopens" OR "ab""cd") NOT ("storm")'


def test_search_query_keeps_hyphenated_names_whole() -> None:
    assert parse_query("Kassym-Jomart").to_fts() == '"Kassym-Jomart"'


@pytest.mark.parametrize("text", ["", "   ", '""', "-- ** ()", "-storm"])
def test_search_query_without_words_is_refused(text: str) -> None:
    with pytest.raises(SearchQueryError):
        parse_query(text)


def test_search_query_arabic_marks_are_dropped() -> None:
    assert normalise_term("مِينَاء") == "ميناء"
    assert normalise_term("كـــالديرا") == "كالديرا"


def test_search_query_arabic_spelling_variants() -> None:
    variants = spelling_variants("اعادة")
    assert variants[0] == "اعادة"
    assert "إعادة" in variants and "أعادة" in variants and "اعاده" in variants
    assert spelling_variants("Kaldera") == ["Kaldera"]
    assert len(spelling_variants("ابا ابا ابا ابا ابة ابة ابة")) <= 32


def test_search_snippet_markers_become_escaped_marks() -> None:
    text, spans = split_marked(f"a <b>{MARK_START}port{MARK_END}</b> & {MARK_START}x{MARK_END}")
    assert text == "a <b>port</b> & x"
    assert spans == [(5, 9), (16, 17)]
    assert marked_html(text, spans) == "a &lt;b&gt;<mark>port</mark>&lt;/b&gt; &amp; <mark>x</mark>"


def test_search_snippet_ignores_unbalanced_markers() -> None:
    text, spans = split_marked(f"{MARK_END}a{MARK_START}{MARK_START}b{MARK_END}c{MARK_START}")
    assert text == "abc" and spans == [(1, 2)]
    assert marked_html("<x>", [(0, 9), (2, 1)]) == "&lt;x&gt;"


def test_search_lead_cuts_at_a_word() -> None:
    assert lead("short  text\n") == "short text"
    long = "word " * 100
    cut = lead(long, 50)
    assert cut.endswith("…") and len(cut) <= 51 and not cut[:-1].endswith(" ")


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_search_query_never_reaches_fts5_as_syntax(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, title, body)")
    conn.execute("INSERT INTO f VALUES ('1', 'a title', 'some body text')")
    try:
        parsed = parse_query(text)
    except SearchQueryError:
        return
    for mode in ("all", "any"):
        conn.execute("SELECT count(*) FROM f WHERE f MATCH ?", (parsed.to_fts(mode),)).fetchone()


def test_search_query_counts_a_bounded_number_of_terms() -> None:
    parsed = parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS + 10)))
    assert len(parsed.include) == MAX_TERMS
