"""The Recognizers-Text spec scorer, on a tiny hand-made spec tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.evals.numbers import cases_to_score, evaluate_numbers, parse_spec_value


def _case(text: str, *values: str, **extra: str) -> dict[str, object]:
    results = [{"Text": v, "TypeName": "number", "Resolution": {"value": v}} for v in values]
    return {"Input": text, "Results": results, **extra}


def _write(root: Path, family: str, lang: str, model: str, cases: list[dict[str, object]]) -> None:
    folder = root / family / lang
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{model}.json").write_text(json.dumps(cases), encoding="utf-8")


def test_eval_numbers_scores_and_skips(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "Number",
        "English",
        "NumberModel",
        [
            _case("twenty one", "21"),
            _case("about 1,500 people", "1500"),
            _case("three quarters", "0.75"),
            _case("seven", "8"),  # a wrong expectation: counts as a miss
            _case("unsupported here", "5", NotSupported="python, java"),
        ],
    )
    _write(tmp_path, "Number", "French", "NumberModel", [_case("vingt et un", "21")])
    _write(
        tmp_path,
        "NumberWithUnit",
        "English",
        "CurrencyModel",
        [
            {
                "Input": "it costs $ 3.5 million",
                "Results": [{"Resolution": {"value": "3500000", "unit": "Dollar"}}],
            },
        ],
    )
    _write(tmp_path, "Number", "Klingon", "NumberModel", [_case("1", "1")])
    out = evaluate_numbers(tmp_path)
    assert out["per_language"] == {
        "English": {"NumberModel": 0.75, "CurrencyModel": 1.0},
        "French": {"NumberModel": 1.0},
    }
    assert out["mean_accuracy"] == pytest.approx((0.75 + 1.0 + 1.0) / 3, abs=1e-4)
    assert out["cases"]["English"]["NumberModel"]["skipped"] == 1


def test_eval_numbers_language_without_python_port_uses_dotnet_marks() -> None:
    cases = [
        _case("a", "1", NotSupportedByDesign="javascript, python"),
        _case("b", "2", NotSupported="dotnet", NotSupportedByDesign="python"),
    ]
    kept, skipped = cases_to_score(cases)
    assert [c["Input"] for c in kept] == ["a"] and skipped == 1


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("0,2", 0.2),
        ("1E-12", 1e-12),
        ("100%", 100.0),
        ("1,232E+15", 1.232e15),
        ("null", None),
        (None, None),
        ("6666666,66666667", 6666666.66666667),
    ],
)
def test_eval_numbers_parse_spec_value(raw: str | None, value: float | None) -> None:
    assert parse_spec_value(raw) == value


def test_eval_numbers_on_a_folder_without_specs_says_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsweave.cli import app

    with pytest.raises(ValueError, match="no Recognizers-Text spec files"):
        evaluate_numbers(tmp_path)
    result = CliRunner().invoke(app, ["eval", "numbers", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "no Recognizers-Text spec files" in result.output
