"""The bundled demo corpus: its shape, its coverage, and its agreement with expected.json."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any
from urllib.parse import urlsplit

import pytest

from newsweave.article import content_id

DEMO: Traversable = resources.files("newsweave") / "data" / "demo"
KEYS = {"title", "text", "published", "source", "url"}
REQUIRED_LANGS = {"ar", "ru", "en", "fr", "es", "de", "pt"}
SCRIPT_OF_LANG = {"ar": "Arab", "ru": "Cyrl", "kk": "Cyrl"}  # every other language: Latn
UNICODE_SCRIPT = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "ARABIC": "Arab"}
ARABIC_INDIC = re.compile("[\u0660-\u0669]")

Record = dict[str, Any]


def dominant_script(text: str) -> str:
    """ISO 15924 code of the script most letters of ``text`` belong to (per unicodedata)."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            counts[unicodedata.name(ch, "?").split(" ")[0]] += 1
    name, _ = counts.most_common(1)[0]
    return UNICODE_SCRIPT.get(name, name)


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return DEMO.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def articles(lines: list[str]) -> list[Record]:
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def expected() -> Record:
    data: Record = json.loads(DEMO.joinpath("expected.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def notes(expected: Record) -> list[Record]:
    per_article: list[Record] = expected["articles"]
    return per_article


def figures_of(notes: list[Record], fact: str, indices: list[int]) -> list[tuple[Record, str]]:
    """The figures for ``fact`` in the given articles, each with its article's date."""
    return [
        (f, notes[i]["published"])
        for i in indices
        for f in notes[i]["figures"]
        if f["fact"] == fact
    ]


def bounds(figure: Record) -> tuple[float, float]:
    value = figure["value"]
    if isinstance(value, list):
        return float(value[0]), float(value[1])
    if figure["hedge"] == "up_to":
        return 0.0, float(value)
    return float(value), float(value)


def test_demo_corpus_lines_are_json_objects_with_the_documented_keys(lines: list[str]) -> None:
    for n, line in enumerate(lines):
        record = json.loads(line)
        assert isinstance(record, dict), n
        assert set(record) == KEYS, (n, sorted(record))
        for key in KEYS:
            assert isinstance(record[key], str), (n, key)
            assert record[key].strip(), (n, key)


def test_demo_corpus_has_at_least_sixteen_articles(articles: list[Record]) -> None:
    assert len(articles) >= 16


def test_demo_corpus_dates_are_iso_and_in_publication_order(articles: list[Record]) -> None:
    dates = [date.fromisoformat(a["published"]) for a in articles]
    assert dates == sorted(dates)


def test_demo_corpus_urls_are_unique_and_on_the_reserved_tld(articles: list[Record]) -> None:
    for a in articles:
        assert a["source"] == a["url"]
        parts = urlsplit(a["url"])
        assert parts.scheme == "https"
        assert (parts.hostname or "").endswith(".invalid")
    assert len({a["url"] for a in articles}) == len(articles)


def test_demo_corpus_articles_are_short_news_pieces(
    articles: list[Record], notes: list[Record]
) -> None:
    for a, note in zip(articles, notes, strict=True):
        words = len(a["text"].split())
        assert 120 <= words <= 300, (note["index"], words)
        assert note["words"] == words


def test_demo_corpus_sidecar_describes_every_article(
    articles: list[Record], notes: list[Record]
) -> None:
    assert [n["index"] for n in notes] == list(range(len(articles)))
    for a, note in zip(articles, notes, strict=True):
        assert note["published"] == a["published"]
        assert note["url"] == a["url"]


def test_demo_corpus_covers_four_events_in_several_languages(
    expected: Record, notes: list[Record]
) -> None:
    events: dict[str, Record] = expected["events"]
    assert len(events) >= 4
    by_event: dict[str, list[int]] = defaultdict(list)
    for note in notes:
        by_event[note["event"]].append(note["index"])
    assert {k: v["articles"] for k, v in events.items()} == dict(by_event)
    for key, indices in by_event.items():
        assert len({notes[i]["lang"] for i in indices}) >= 3, key


def test_demo_corpus_covers_at_least_seven_languages(notes: list[Record]) -> None:
    langs = {n["lang"] for n in notes}
    assert len(langs) >= 7
    assert langs >= REQUIRED_LANGS


def test_demo_corpus_scripts_match_the_declared_languages(
    articles: list[Record], notes: list[Record]
) -> None:
    scripts = set()
    for a, note in zip(articles, notes, strict=True):
        script = dominant_script(a["text"])
        assert script == SCRIPT_OF_LANG.get(note["lang"], "Latn"), note["index"]
        assert note["script"] == script
        assert dominant_script(a["title"]) == script, note["index"]
        scripts.add(script)
    assert scripts == {"Latn", "Cyrl", "Arab"}


def test_demo_corpus_has_no_duplicates(articles: list[Record]) -> None:
    assert len({a["title"] for a in articles}) == len(articles)
    assert len({a["text"] for a in articles}) == len(articles)
    assert len({content_id(a["title"], a["text"]) for a in articles}) == len(articles)
    seen: dict[str, int] = {}
    for n, a in enumerate(articles):
        for paragraph in a["text"].split("\n\n"):
            if len(paragraph) > 80:
                assert paragraph not in seen, (seen.get(paragraph), n)
                seen[paragraph] = n


def test_demo_corpus_annotations_occur_verbatim(
    articles: list[Record], notes: list[Record]
) -> None:
    for a, note in zip(articles, notes, strict=True):
        text = a["text"]
        for mention in note["entities"]:
            assert mention["surface"] in text, (note["index"], mention)
        for figure in note["figures"]:
            assert figure["surface"] in text, (note["index"], figure)
        for quote in note["quotes"]:
            assert quote["snippet"] in text, (note["index"], quote)
        for noise in note["noise"]:
            assert noise["line"] in text.split("\n"), (note["index"], noise)


def test_demo_corpus_entity_registry_matches_the_articles(
    expected: Record, notes: list[Record]
) -> None:
    registry: dict[str, Record] = expected["entities"]
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for note in notes:
        for mention in note["entities"]:
            seen[mention["entity"]][note["lang"]].add(mention["surface"])
        for quote in note["quotes"]:
            assert quote["speaker"] is None or quote["speaker"] in registry
            assert quote["speaker"] is not None or quote.get("note")
    assert set(seen) == set(registry)
    for key, record in registry.items():
        assert record["type"] in {"PER", "ORG", "GPE", "LOC", "FAC"}
        spelled = {lang: set(forms) for lang, forms in record["spellings"].items()}
        assert spelled == dict(seen[key]), key


def test_demo_corpus_entities_recur_across_scripts(expected: Record, notes: list[Record]) -> None:
    script_of = {n["lang"]: n["script"] for n in notes}
    registry: dict[str, Record] = expected["entities"]
    in_three_scripts = [
        key
        for key, record in registry.items()
        if len({script_of[lang] for lang in record["spellings"]}) == 3
    ]
    people = [k for k in in_three_scripts if registry[k]["type"] == "PER"]
    assert len(in_three_scripts) >= 8
    assert len(people) >= 3


def test_demo_corpus_quotes_come_direct_and_reported(notes: list[Record]) -> None:
    kinds_by_speaker: dict[str, set[str]] = defaultdict(set)
    for note in notes:
        for quote in note["quotes"]:
            assert quote["kind"] in {"direct", "reported"}
            if quote["speaker"]:
                kinds_by_speaker[quote["speaker"]].add(quote["kind"])
    both = [s for s, kinds in kinds_by_speaker.items() if kinds == {"direct", "reported"}]
    assert len(both) >= 3


def test_demo_corpus_noise_lines_cover_every_kind(notes: list[Record]) -> None:
    kinds = Counter(n["kind"] for note in notes for n in note["noise"])
    assert all(note["noise"] for note in notes)
    assert set(kinds) == {
        "read_also",
        "related",
        "footer",
        "disclosure",
        "header",
        "duplicate_title",
    }


def test_demo_corpus_comparisons_cover_every_verdict(expected: Record) -> None:
    verdicts = {c["verdict"] for c in expected["comparisons"]}
    assert verdicts <= set(expected["verdicts"])
    assert verdicts == set(expected["verdicts"])


def test_demo_corpus_comparisons_hold_on_the_annotated_figures(
    expected: Record, notes: list[Record]
) -> None:
    hedges = set(expected["hedges"])
    for comparison in expected["comparisons"]:
        indices: list[int] = comparison["articles"]
        label = (comparison["event"], comparison["fact"])
        assert {notes[i]["event"] for i in indices} == {comparison["event"]}, label
        assert {i for i in indices if figures_of(notes, comparison["fact"], [i])} == set(indices)
        figures = figures_of(notes, comparison["fact"], indices)
        assert {f["hedge"] for f, _ in figures} <= hedges, label
        units = {f["unit"] for f, _ in figures}
        main = Counter(f["unit"] for f, _ in figures).most_common(1)[0][0]
        values = [
            float(f["value"])
            for f, _ in figures
            if f["unit"] == main and not isinstance(f["value"], list)
        ]
        verdict = comparison["verdict"]
        if verdict == "agree":
            assert len(units) == 1 and len(set(values)) == 1, label
        elif verdict == "conversion":
            assert len(units) == 2, label
        elif verdict == "rounding":
            assert len(set(values)) > 1 and max(values) / min(values) < 1.05, label
        elif verdict == "range":
            spans = [bounds(f) for f, _ in figures]
            assert any(low != high for low, high in spans), label
            assert max(low for low, _ in spans) <= min(high for _, high in spans), label
        elif verdict == "revision":
            by_day: dict[str, set[float]] = defaultdict(set)
            for f, day in figures:
                by_day[day].add(float(f["value"]))
            assert len(by_day) >= 2 and all(len(v) == 1 for v in by_day.values()), label
            assert len(set().union(*by_day.values())) >= 2, label
        elif verdict == "conflict":
            assert len(units) == 1 and len(set(values)) == 2, label
            assert all(f["hedge"] == "exact" for f, _ in figures), label
        elif verdict == "scale_error":
            assert max(values) / min(values) >= 1000, label


def test_demo_corpus_writes_numbers_and_quotes_natively(
    articles: list[Record], notes: list[Record]
) -> None:
    texts: dict[str, str] = defaultdict(str)
    for a, note in zip(articles, notes, strict=True):
        texts[note["lang"]] += a["text"] + "\n"
    assert ARABIC_INDIC.search(texts["ar"])
    assert re.search(r"\d", texts["ar"])
    assert re.search("\\d\u202f\\d{3}", texts["fr"])
    assert "«\u00a0" in texts["fr"] and "\u00a0»" in texts["fr"]
    assert "„" in texts["de"] and "“" in texts["de"]
    assert "„" in texts["ro"] and "”" in texts["ro"]
    assert "«" in texts["ru"] and "»" in texts["ru"]
    assert re.search(r"\d\.\d{3}", texts["de"]) and re.search(r"\d,\d", texts["de"])
    assert re.search(r"\d,\d{3}", texts["en"])
