"""The NER speed benchmark runs end to end on hand-made articles."""

from __future__ import annotations

from pathlib import Path

from newsweave.entities.ner.speed import base_stages, ner_speed
from newsweave.pipeline import DEFAULT_STAGES


def test_ner_speed_reports_ingest_with_and_without_ner(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "The minister Anna Berg met officials in Lisbon on Monday.\n\n"
        "Berg said the talks in Lisbon went well.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Heavy rain closed roads around Glasgow, the council said on Friday.\n",
        encoding="utf-8",
    )
    r = ner_speed([tmp_path], repeats=1)
    assert r["articles"] == 2
    assert r["sentences"] >= 3
    assert set(r["languages"]) == {"en"}
    for key in (
        "ingest_ms_per_article",
        "ingest_with_ner_ms_per_article",
        "default_ingest_ms_per_article",
        "ner_ms_per_article",
        "ner_ms_per_article_with_scores",
    ):
        assert r[key] > 0
    assert r["overhead"] > -1.0 and r["sentences_per_second"] > 0
    assert r["base_stages"] == base_stages()


def test_ner_speed_base_stages_stop_before_entities() -> None:
    stages = base_stages()
    assert "entities.recognize.v1" not in stages
    assert stages == DEFAULT_STAGES[: len(stages)]
    assert "clean.noise.v1" in stages and "language.detect.v1" in stages
