"""The benchmark command on tiny synthetic stores with the model-free configuration."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from newsweave.bench import (
    SyntheticVectors,
    fill_synthetic,
    read_through,
    run_bench,
    store_files,
)
from newsweave.cli import app as cli_app
from newsweave.store import Store
from newsweave.stories.signals import build_features


def _corpus(tmp_path: Path) -> Path:
    rows = [
        {
            "text": "A storm closed the port of Morvik on Sunday; 12 people were hurt.",
            "title": "Storm closes Morvik port",
            "lang": "en",
            "published": "2024-03-10",
        },
        {
            "text": "Une tempête a fermé le port de Morvik dimanche ; 12 blessés.",
            "title": "Tempête à Morvik",
            "lang": "fr",
            "published": "2024-03-10",
        },
        {
            "text": "Шторм закрыл порт Морвик в воскресенье, пострадали 12 человек.",
            "title": "Шторм в Морвике",
            "lang": "ru",
            "published": "2024-03-11",
        },
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_fill_synthetic_adds_articles_vectors_and_stories(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        fill_synthetic(store, 40, config="hashing")
        assert store.count_articles() == 40
        vectors = store.conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
        assigned = store.conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
        named = store.conn.execute(
            "SELECT COUNT(DISTINCT article_id) FROM entity_mentions m"
            " JOIN articles a ON a.id = m.article_id"
            " WHERE substr(a.clean_text, m.start + 1, m.end - m.start) = m.text"
        ).fetchone()[0]
        keyed = store.conn.execute(
            "SELECT COUNT(DISTINCT entity_id) FROM entity_keys WHERE key LIKE 'f:%'"
        ).fetchone()[0]
    assert vectors >= 40 and assigned == 40
    # each names a made-up person, filed in the registry like a real one
    assert named == 40 and keyed >= 35


def test_synthetic_vectors_lean_towards_the_real_articles_direction(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    towards = rng.standard_normal(1024)
    towards /= np.linalg.norm(towards)
    real = [build_features(f"r{i}", "t", "x", {"doc": towards}) for i in range(3)]
    with Store(tmp_path / "s.db") as store:
        fill_synthetic(store, 30, config="hashing", like=real)
        rows = [
            np.frombuffer(blob, dtype=np.float32)
            for (blob,) in store.conn.execute("SELECT vector FROM embeddings WHERE dim = 1024")
        ]
    cosines = np.stack(rows) @ towards
    # the shared part of every vector points where the real ones do (length 0.46)
    assert len(rows) == 60 and 0.3 < float(np.mean(cosines)) < 0.6  # "doc" and "head" views
    with Store(tmp_path / "random.db") as store:
        fill_synthetic(store, 30, config="hashing")
        rows = [
            np.frombuffer(blob, dtype=np.float32)
            for (blob,) in store.conn.execute("SELECT vector FROM embeddings WHERE dim = 1024")
        ]
    assert abs(float(np.mean(np.stack(rows) @ towards))) < 0.1
    with pytest.raises(ValueError, match="non-zero"):
        SyntheticVectors(4, rng, np.zeros(4))


def test_run_bench_reports_every_measurement(tmp_path: Path) -> None:
    report = run_bench(
        sizes=(20, 60),
        corpus=[_corpus(tmp_path)],
        config="hashing",
        workdir=tmp_path,
        search_size=50,
        rounds=2,
    )
    e2e = report["end_to_end"]
    assert e2e["articles"] == 3 and e2e["failed"] == 0
    assert set(e2e["stage_seconds"]) >= {"clean.noise.v1", "entities.recognize.v1"}
    assert report["raw_embedder"]["articles"] == 3
    assert [row["stored"] for row in report["time_to_add"]] == [20, 60]
    assert all(row["added"] == 3 * row["repeats"] == 9 for row in report["time_to_add"])
    assert all(len(row["add_ms_median_per_repeat"]) == 3 for row in report["time_to_add"])
    assert report["add_time_growth"] is not None and report["end_to_end_vs_embedder"] > 0
    assert len(report["end_to_end_vs_embedder_per_round"]) == len(
        report["rounds"]["end_to_end_articles_per_second"]
    )
    search = report["search"]
    assert search["stored"] == 50 and search["p50_ms"] <= search["p95_ms"] <= search["max_ms"]
    assert report["peak_rss_mb"] > 0
    rounds = report["rounds"]
    assert len(rounds["end_to_end_articles_per_second"]) == 2
    assert e2e["articles_per_second"] in rounds["end_to_end_articles_per_second"]
    bare = report["end_to_end_without_entities"]
    assert bare["articles"] == 3 and "entities.recognize.v1" not in bare["stage_seconds"]
    assert len(rounds["without_entities_articles_per_second"]) == 2
    assert report["entity_overhead"] is not None


def test_bench_cli_skips_search_when_asked(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli_app,
        [
            "bench",
            "--sizes",
            "15",
            "--config",
            "hashing",
            "--search-size",
            "0",
            "--corpus",
            str(_corpus(tmp_path)),
            "--workdir",
            str(tmp_path),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["search"] is None and len(report["time_to_add"]) == 1


def test_bench_cli_rejects_bad_sizes(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["bench", "--sizes", "ten"])
    assert result.exit_code != 0 and "--sizes" in result.output


def test_bench_cli_measures_only_the_time_to_add_with_no_rounds(tmp_path: Path) -> None:
    args = ["bench", "--sizes", "10,20", "--config", "hashing", "--search-size", "0"]
    args += ["--rounds", "0", "--corpus", str(_corpus(tmp_path)), "--workdir", str(tmp_path)]
    args += ["--add-repeats", "2"]
    as_json = CliRunner().invoke(cli_app, [*args, "--json"])
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.stdout)
    assert report["end_to_end"] is None and report["end_to_end_vs_embedder"] is None
    assert report["entity_overhead"] is None and report["end_to_end_vs_embedder_per_round"] == []
    assert [row["stored"] for row in report["time_to_add"]] == [10, 20]
    assert all(row["repeats"] == 2 and row["added"] == 6 for row in report["time_to_add"])
    assert report["add_time_growth"] is not None
    small, big = (row["add_ms_median_per_repeat"] for row in report["time_to_add"])
    assert report["add_time_growth_per_repeat"] == [
        round(b / s, 3) for s, b in zip(small, big, strict=True)
    ]
    table = CliRunner().invoke(cli_app, args)
    assert table.exit_code == 0, table.output
    assert "not measured" in table.output and "20 stored" in table.output


def test_store_files_are_the_database_and_what_lies_beside_it(tmp_path: Path) -> None:
    db = tmp_path / "scale-1000.db"
    names = ["scale-1000.db", "scale-1000.db-wal", "scale-1000.db.m.hnsw", "scale-10000.db"]
    for i, name in enumerate(names):
        (tmp_path / name).write_bytes(b"x" * (10 + i))
    (tmp_path / "scale-1000.db.d").mkdir()
    found = store_files(db)
    assert [p.name for p in found] == names[:3]
    assert read_through(found, chunk=4) == 10 + 11 + 12


def test_bench_checks_the_approximate_index_against_exact_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsweave import bench
    from newsweave.stories import ann
    from newsweave.stories import engine as engine_module

    for module in (ann, engine_module, bench):  # tiny stores count as large ones here
        monkeypatch.setattr(module, "HNSW_FROM", 12)
    args = ["bench", "--sizes", "10,20", "--config", "hashing", "--search-size", "0"]
    args += ["--rounds", "0", "--corpus", str(_corpus(tmp_path)), "--workdir", str(tmp_path)]
    args += ["--add-repeats", "1", "--check-exact", "--json"]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    small, large = json.loads(result.stdout)["time_to_add"]
    assert small["exact_check"] is None  # the exact index serves it anyway
    # 20 vectors: all among the newest ones searched exactly, so the same decisions
    assert large["exact_check"] == {"added": 3, "same_story": 3, "same_links": 3}
    plain = CliRunner().invoke(cli_app, [a for a in args if a != "--check-exact"])
    assert json.loads(plain.stdout)["time_to_add"][1]["exact_check"] is None
