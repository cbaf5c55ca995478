"""`evaluate_names` on a small hand-made table in ANETAC's layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import InputError
from newsweave.evals.names import evaluate_names

ROWS = [
    ("PERSON", "Petrov", "بيتروف"),
    ("PERSON", "Smith", "سميث"),
    ("PERSON", "Lavrov", "لافروف"),
    ("PERSON", "Lavroff", "لافروف"),
    ("LOCATION", "Berlin", "برلين"),
    ("LOCATION", "Madrid", "مدريد"),
    ("ORGANIZATION", "Sputnik", "سبوتنيك"),
]


def _write(path: Path, rows: list[tuple[str, str, str]], header: str = "type\ten\tar") -> Path:
    path.write_text(header + "\n" + "".join(f"{t}\t{e}\t{a}\n" for t, e, a in rows), "utf-8")
    return path


def test_entities_evaluate_names_reports_top1_and_mrr(tmp_path: Path) -> None:
    result = evaluate_names(_write(tmp_path / "names.tsv", ROWS))
    assert result["n"] == len(ROWS)
    assert result["top1"] == 1.0
    assert result["mrr"] == 1.0
    # "لافروف" is paired with two spellings: only one can be ranked first.
    assert result["top1_strict"] == pytest.approx(6 / 7, abs=1e-3)
    assert set(result["by_type"]) == {"PERSON", "LOCATION", "ORGANIZATION"}
    assert result["by_type"]["LOCATION"]["n"] == 2


def test_entities_evaluate_names_counts_misses(tmp_path: Path) -> None:
    wrong = [("PERSON", "Petrov", "سميث"), ("PERSON", "Smith", "بيتروف")]
    result = evaluate_names(_write(tmp_path / "swapped.tsv", wrong))
    assert result["top1"] == 0.0
    assert result["mrr"] == 0.5


def test_entities_evaluate_names_rejects_other_layouts(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing column"):
        evaluate_names(_write(tmp_path / "bad.tsv", ROWS, header="kind\tlatin\tarabic"))
