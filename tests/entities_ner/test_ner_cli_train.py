"""`newsweave train ner`: trains from given files, or fails clearly without data."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.entities.ner import recognize


def _corpus(path: Path) -> None:
    people = [["Runa", "Castell"], ["Ivo", "Marenko"], ["Lea", "Dostal"]]
    places = ["Brevia", "Ostmark", "Tallow"]
    lines: list[str] = []
    for i in range(45):
        person, place = people[i % 3], places[i % 3]
        tokens = [*person, "reached", place, "on", "Monday", "."]
        tags = ["B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"]
        lines += [f"{t}\t{g}" for t, g in zip(tokens, tags, strict=True)] + [""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ner_cli_train_with_data_writes_a_usable_model(tmp_path: Path) -> None:
    corpus = tmp_path / "train.tsv"
    _corpus(corpus)
    out = tmp_path / "model"
    args = ["train", "ner", "--lang", "en", "--data", str(corpus), "--dev", str(corpus)]
    res = CliRunner().invoke(app, [*args, "--out", str(out), "--shared", str(tmp_path), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["model_dir"] == str(out)
    assert report["scores"][str(corpus)]["f1"] > 0.9
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["train"]["sentences"] == 45
    found = {(s.text, s.label) for s in recognize("Ivo Marenko reached Tallow .", "en", out)}
    assert found == {("Ivo Marenko", "PER"), ("Tallow", "LOC")}


def test_ner_cli_train_without_corpora_fails_clearly(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["train", "ner", "--lang", "ro", "--shared", str(tmp_path)])
    assert res.exit_code == 2
    assert "no NER corpora found" in res.output
    assert not (tmp_path / "ro").exists()


def test_ner_cli_train_rejects_unknown_recipe(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["train", "ner", "--lang", "zz", "--shared", str(tmp_path)])
    assert res.exit_code == 2
    assert "no NER recipe 'zz'" in res.output
    res = CliRunner().invoke(app, ["train", "ner", "--lang", "en", "--recipe", "ro"])
    assert res.exit_code == 2
    assert "trains 'ro', not 'en'" in res.output
