"""`newsweave eval linking`: bounded against wide registry reads on hand-made articles."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.entities.mentions import MentionIn
from newsweave.evals.linking import distinct_articles, evaluate_linking, link_in_order

TEXTS = [
    ("en", "Kassym-Jomart Tokayev met Antony Blinken in Astana on Monday."),
    ("ro", "Antony Blinken s-a întâlnit cu Kassym-Jomart Tokaev la Astana."),
    ("en", "Blinken said Tokayev had promised reforms in Kazakhstan."),
]


def _write_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["pair_id", "lang1", "lang2", "text1", "text2", "Overall"])
        writer.writerow(["1_2", TEXTS[0][0], TEXTS[1][0], TEXTS[0][1], TEXTS[1][1], "1"])
        writer.writerow(["1_3", TEXTS[0][0], TEXTS[2][0], TEXTS[0][1], TEXTS[2][1], "1.5"])


def test_distinct_articles_keeps_each_text_once_in_order(tmp_path: Path) -> None:
    data = tmp_path / "pairs.csv"
    _write_csv(data)
    articles = distinct_articles(data)
    assert [(a.lang, a.text) for a in articles] == TEXTS
    assert len(distinct_articles(data, limit=2)) == 2


def _m(article: str, text: str, needle: str) -> MentionIn:
    start = text.index(needle)
    return MentionIn(
        article_id=article,
        lang="en",
        sentence_index=0,
        start=start,
        end=start + len(needle),
        text=needle,
        label="PER",
        article_text=text,
    )


def test_both_reads_agree_on_a_small_registry(tmp_path: Path) -> None:
    first = "Antony Blinken met Mukhtar Ablyazov."
    second = "Blinken and Mukhtar Tileuberdi spoke."
    mentions = [
        ("a1", [_m("a1", first, "Antony Blinken"), _m("a1", first, "Mukhtar Ablyazov")]),
        ("a2", [_m("a2", second, "Blinken"), _m("a2", second, "Mukhtar Tileuberdi")]),
    ]
    bounded, seconds = link_in_order(mentions, tmp_path / "b.db", bounded=True)
    wide, _ = link_in_order(mentions, tmp_path / "w.db", bounded=False)
    assert bounded == wide and len(seconds) == 2
    assert bounded[("a2", 0, 7)] == bounded[("a1", 0, 14)]  # Blinken joins Antony Blinken
    assert bounded[("a2", 12, 30)] != bounded[("a1", 19, 35)]  # two Mukhtars stay apart


def test_eval_linking_cli_reports_same_entities_and_times(tmp_path: Path) -> None:
    data = tmp_path / "pairs.csv"
    _write_csv(data)
    direct = evaluate_linking(data)
    assert direct["articles"] == 3 and direct["mentions"] >= 6
    assert direct["same_entity"] == direct["mentions"] and direct["differences"] == []
    result = CliRunner().invoke(app, ["eval", "linking", "--data", str(data), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["mentions"] == direct["mentions"]
    assert len(report["ms_per_article"]["bounded"]) == len(report["ms_per_article"]["wide"]) == 1


def test_eval_linking_cli_names_an_unreadable_file_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xb9\x00\xffnot a csv")
    result = CliRunner().invoke(app, ["eval", "linking", "--data", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.output and "Traceback" not in result.output
