"""Extractive story summaries and story cards on hand-built articles."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from newsweave.article import Article, Paragraph
from newsweave.cli import app
from newsweave.embed.hashing import HashingEmbedder
from newsweave.embed.registry import available, get_embedder
from newsweave.facts.extract import extract_facts
from newsweave.pipeline import Pipeline
from newsweave.store import Store
from newsweave.stories.cluster import Decision
from newsweave.stories.store import save_decision
from newsweave.stories.summary import (
    centrality,
    figure_keys,
    mentioned_dates,
    sentence_candidates,
    story_card,
    summarize_story,
)
from newsweave.translate import QUALITY_GOOD, QUALITY_RULE_BASED


class Tagger:
    """A hand-made translation backend: tags each text with its source language."""

    def __init__(self, quality: str, pairs: set[tuple[str, str]]) -> None:
        self.name = f"tagger-{quality}"
        self.quality = quality
        self._pairs = frozenset(pairs)

    def pairs(self) -> frozenset[tuple[str, str]]:
        return self._pairs

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        return [f"[{src}→{tgt}] {t}" for t in texts]


EN = Article(
    text=(
        "Floods hit the northern province of Valea on Tuesday after three days of heavy rain. "
        "The health ministry said 120 people were killed in the floods across the province. "
        "Rescue teams reached the town of Ardel on Wednesday morning by boat. "
        "The government promised $50 million in emergency aid for the region. "
        "Ok."
    ),
    source="wire-en",
    lang="en",
    title="Floods kill 120 in Valea province",
    published="2024-03-12",
)
EN_COPY = Article(
    text=(
        "Floods hit the northern province of Valea on Tuesday after three days of heavy rain. "
        "Officials will meet in the capital on 15 March 2024 to plan the reconstruction work."
    ),
    source="copy-en",
    lang="en",
    title="Valea floods",
    published="2024-03-13",
)
PT = Article(
    text=(
        "As inundações atingiram a província de Valea na terça-feira depois de três dias de chuva. "
        "O ministério da saúde disse que 120 pessoas morreram nas inundações na província. "
        "Os agricultores da região perderam quase toda a colheita de milho deste ano."
    ),
    source="jornal-pt",
    lang="pt",
    title="Enchentes matam 120 em Valea",
    published="2024-03-13",
)
FR = Article(
    text=(
        "Des inondations ont frappé mardi la province de Valea après trois jours de pluie. "
        "Le ministère de la santé a indiqué que 120 personnes ont été tuées dans la province. "
        "Les écoles de la région resteront fermées jusqu'au 18 mars."
    ),
    source="journal-fr",
    lang="fr",
    title="Inondations meurtrières à Valea",
    published="2024-03-14",
)
STORY = [EN, EN_COPY, PT, FR]
TAGGERS = [Tagger(QUALITY_GOOD, {("pt", "en")}), Tagger(QUALITY_RULE_BASED, {("fr", "en")})]


def _summary(**kw: object) -> object:
    return summarize_story(STORY, HashingEmbedder(), **kw)  # type: ignore[arg-type]


def test_candidates_skip_fragments_and_keep_provenance() -> None:
    cands = sentence_candidates(STORY)
    texts = [c.text for c in cands]
    assert "Ok." not in texts
    assert {c.lang for c in cands} == {"en", "pt", "fr"}
    first = cands[0]
    assert (first.article.id, first.position) == (EN.id, 0)


def test_candidate_language_follows_paragraphs() -> None:
    mixed = Article(
        text="The mayor spoke to reporters on the steps of the hall.\n"
        "O prefeito falou com os jornalistas na escadaria da câmara.",
        source="mixed",
        lang="en",
    )
    cut = mixed.clean_text.index("\n")
    mixed.paragraphs = [
        Paragraph(mixed.clean_text[:cut], 0, cut, lang="en"),
        Paragraph(mixed.clean_text[cut + 1 :], cut + 1, len(mixed.clean_text), lang="pt"),
    ]
    assert [c.lang for c in sentence_candidates([mixed])] == ["en", "pt"]


def test_centrality_rewards_support_from_other_articles() -> None:
    sim = np.array(
        [
            [1.0, 0.1, 0.9, 0.2],
            [0.1, 1.0, 0.1, 0.1],
            [0.9, 0.1, 1.0, 0.3],
            [0.2, 0.1, 0.3, 1.0],
        ],
        dtype=np.float32,
    )
    scores = centrality(sim, [0, 0, 1, 1])
    assert scores[0] == pytest.approx(0.9)  # best match in article 1
    assert scores[1] == pytest.approx(0.1)
    assert scores[2] == pytest.approx(0.9)
    one_article = centrality(sim, [0, 0, 0, 0])
    assert one_article[1] == pytest.approx(0.1)


def test_summary_is_bounded_diverse_and_without_repeats() -> None:
    result = summarize_story(STORY, HashingEmbedder(), max_sentences=4, backends=TAGGERS)
    sents = result.sentences
    assert 0 < len(sents) <= 4
    assert {s.lang for s in sents} == {"en", "pt", "fr"}
    texts = [s.text for s in sents]
    assert len(set(texts)) == len(texts)  # the copied lead sentence appears once
    keys = [figure_keys(extract_facts(s.text, s.lang)) for s in sents]
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            assert not a & b  # no figure twice
    assert [s.score for s in sents] == sorted((s.score for s in sents), reverse=True)
    by_id = {a.id: a for a in STORY}
    for s in sents:
        assert s.text in " ".join(by_id[s.article_id].clean_text.split())
        assert s.source == by_id[s.article_id].source


@pytest.mark.skipif(not available("use"), reason="the use embedder is not installed")
def test_multilingual_embedder_drops_cross_language_duplicates() -> None:
    result = summarize_story(STORY, get_embedder("use"), max_sentences=5, backends=[])
    leads = [s for s in result.sentences if s.position == 0]
    assert len(leads) == 1  # the same lead in en, en, pt and fr is chosen once
    assert {s.lang for s in result.sentences} == {"en", "pt", "fr"}


def test_repeated_figure_and_duplicate_are_counted_as_skipped() -> None:
    result = summarize_story(STORY, HashingEmbedder(), max_sentences=10, backends=[])
    assert result.skipped.get("repeated_figure", 0) >= 2  # 120 in pt and fr after en
    assert result.skipped.get("duplicate", 0) >= 1  # the copied lead
    assert sum("120" in s.text for s in result.sentences) == 1


def test_translations_are_marked_and_only_for_other_languages() -> None:
    result = summarize_story(STORY, HashingEmbedder(), max_sentences=6, backends=TAGGERS)
    for s in result.sentences:
        if s.lang == "en":
            assert s.translation is None
            assert s.shown() == s.text
        else:
            assert s.translation is not None and s.translation.machine_translated
            assert s.shown() == f"[{s.lang}→en] {s.text}"
            assert s.translation.quality in (QUALITY_GOOD, QUALITY_RULE_BASED)


def test_without_a_backend_the_original_is_shown_with_a_note() -> None:
    result = summarize_story(STORY, HashingEmbedder(), max_sentences=6, backends=[])
    foreign = [s for s in result.sentences if s.lang != "en"]
    assert foreign
    for s in foreign:
        assert s.translation is not None and not s.translation.machine_translated
        assert s.shown() == s.text
        assert "no translation backend" in (s.translation.note or "")


def test_no_target_means_no_translation() -> None:
    result = summarize_story(STORY, HashingEmbedder(), max_sentences=3, target=None)
    assert all(s.translation is None for s in result.sentences)


def test_empty_story() -> None:
    result = summarize_story([], None)
    assert result.sentences == []
    assert result.n_candidates == 0
    assert result.to_dict()["sentences"] == []


def test_card_uses_inputs_and_marks_translations() -> None:
    summary = summarize_story(STORY, HashingEmbedder(), max_sentences=4, backends=TAGGERS)
    ledger = [
        {
            "verdict": "agree",
            "kind": "count",
            "subject": "person killed",
            "unit": "person",
            "reason": "the same value",
            "items": [
                {
                    "value": 120.0,
                    "unit": "person",
                    "raw": "120",
                    "source": "wire-en",
                    "lang": "en",
                    "published": "2024-03-12",
                },
                {
                    "value": 120.0,
                    "unit": "person",
                    "raw": "120",
                    "source": "jornal-pt",
                    "lang": "pt",
                    "published": "2024-03-13",
                },
            ],
        }
    ]
    entities = [("Ardel", "LOC", 2), ("Valea", "LOC", 7), ("Health Ministry", "ORG", 3)]
    card = story_card(
        STORY,
        target="en",
        entities=entities,
        ledger=ledger,
        summary=summary,
        backends=TAGGERS,
        max_entities=2,
    )
    assert card["title"]["text"] == "Floods kill 120 in Valea province"
    assert not card["title"]["machine_translated"]
    assert card["languages"][0] == "en" and set(card["languages"]) == {"en", "pt", "fr"}
    assert (card["first_date"], card["last_date"]) == ("2024-03-12", "2024-03-14")
    assert [e["name"] for e in card["entities"]] == ["Valea", "Health Ministry"]
    fig = card["figures"][0]
    assert (fig["subject"], fig["verdict"]) == ("person killed", "agree")
    assert fig["languages"] == ["en", "pt"]
    assert [v["source"] for v in fig["values"]] == ["wire-en", "jornal-pt"]
    assert len(card["summary"]) == len(summary.sentences)
    used = {m["backend"] for m in card["machine_translation"]}
    shown = {s["backend"] for s in card["summary"] if s["machine_translated"]}
    assert used == shown and used


def test_card_title_is_translated_when_no_article_is_in_the_target() -> None:
    card = story_card([PT, FR], target="en", backends=TAGGERS)
    assert card["title"]["machine_translated"]
    assert card["title"]["text"] == "[pt→en] Enchentes matam 120 em Valea"
    assert card["title"]["original"] == "Enchentes matam 120 em Valea"
    assert card["machine_translation"] == [{"backend": "tagger-good", "quality": QUALITY_GOOD}]
    untranslated = story_card([FR], target="en", backends=[])
    assert untranslated["title"]["text"] == FR.title
    assert "no translation backend" in untranslated["title"]["label"]


def test_card_in_another_target_prefers_a_native_title() -> None:
    card = story_card(STORY, target="pt", backends=[])
    assert card["title"]["text"] == PT.title
    assert card["summary"] == [] and card["entities"] == [] and card["figures"] == []


def test_mentioned_dates_resolve_partial_dates_with_the_publication_year() -> None:
    dates = mentioned_dates(STORY)
    by_date = {d["date"]: d for d in dates}
    assert by_date["2024-03-15"]["partial"] is False
    assert by_date["2024-03-18"]["partial"] is True  # "18 mars" in a 2024 article
    assert [d["date"] for d in dates] == sorted(by_date)


@pytest.fixture
def story_db(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "s.db"
    with Store(db) as store:
        for i, art in enumerate(STORY):
            fresh = Article(
                text=art.text,
                source=art.source,
                lang=art.lang,
                title=art.title,
                published=art.published,
            )
            store.save_article(Pipeline.from_names(["facts.extract.v1"])(fresh))
            decision = Decision(
                article_id=fresh.id,
                story_id="sfloods",
                new_story=i == 0,
                score=0.0 if i == 0 else 0.8,
            )
            store.write(lambda conn, d=decision: save_decision(conn, d))
    return db, "sfloods"


def test_cli_summary_json(story_db: tuple[Path, str]) -> None:
    db, story_id = story_db
    res = CliRunner().invoke(
        app, ["summary", story_id, "--db", str(db), "--json", "--embedder", "hashing", "-n", "3"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["story"] == story_id
    card = data["card"]
    assert card["n_articles"] == 4
    assert 0 < len(card["summary"]) <= 3
    assert any(f["subject"] == "person killed" for f in card["figures"])
    for s in card["summary"]:
        assert s["machine_translated"] == (s["text"] != s["original"])


def test_cli_summary_text_and_unknown_story(story_db: tuple[Path, str]) -> None:
    db, story_id = story_db
    runner = CliRunner()
    res = runner.invoke(app, ["summary", story_id[:4], "--db", str(db), "--embedder", "hashing"])
    assert res.exit_code == 0, res.output
    assert "Floods kill 120 in Valea province" in res.output
    missing = runner.invoke(app, ["summary", "nosuchstory", "--db", str(db)])
    assert missing.exit_code == 1
