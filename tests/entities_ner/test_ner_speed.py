"""The NER speed benchmark runs end to end on hand-made articles."""

from __future__ import annotations

from pathlib import Path

from newsweave.evals.ner import ner_speed


def test_ner_speed_reports_per_article_costs(tmp_path: Path) -> None:
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
    for key in ("ingest_ms_per_article", "ner_ms_per_article", "ner_ms_per_article_no_scores"):
        assert r[key] > 0
    assert r["overhead"] > 0 and r["sentences_per_second"] > 0
