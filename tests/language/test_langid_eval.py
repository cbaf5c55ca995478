"""The language-identification benchmark runner on hand-made data (and public data if present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import InputError
from newsweave.evals.langid import evaluate_langid, read_samples

REPO_ROOT = Path(__file__).resolve().parents[2]
LANGID = REPO_ROOT.parent / "shared" / "bench" / "langid" / "sentences"


def _write(folder: Path, samples: dict[str, list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for code, lines in samples.items():
        (folder / f"{code}.txt").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return folder


def test_evaluate_langid_counts_per_language(tmp_path: Path) -> None:
    data = _write(
        tmp_path / "data",
        {
            "en": [
                "The minister resigned on Friday after weeks of pressure from his own party.",
                "Heavy rain flooded several streets in the city centre overnight.",
            ],
            "de": [
                "Der Minister ist am Freitag nach wochenlangem Druck zurückgetreten.",
                # An English line in the German file: counted as a German miss.
                "This sentence is written in English and will not count as German.",
            ],
        },
    )
    calls: list[tuple[int, int, str]] = []
    result = evaluate_langid(
        data, progress=lambda done, total, code: calls.append((done, total, code))
    )
    assert set(result) == {"mean_accuracy", "per_language", "samples"}
    assert result["samples"] == 4
    assert result["per_language"] == {"de": 0.5, "en": 1.0}
    assert result["mean_accuracy"] == 0.75
    assert calls[-1][:2] == (4, 4)
    assert [c[0] for c in calls] == [1, 2, 3, 4]


def test_evaluate_langid_single_backend(tmp_path: Path) -> None:
    data = _write(tmp_path / "d", {"fr": ["Le gouvernement a annoncé de nouvelles mesures hier."]})
    for method in ("fasttext", "py3langid", "cld2"):
        assert evaluate_langid(data, method=method)["per_language"] == {"fr": 1.0}
    with pytest.raises(ValueError, match="unknown method"):
        evaluate_langid(data, method="oracle")


def test_read_samples_maps_codes_and_rejects_bad_folders(tmp_path: Path) -> None:
    data = _write(tmp_path / "n", {"no": ["Regjeringen sier at det ikke er nok penger."]})
    assert list(read_samples(data)) == ["nb"]
    with pytest.raises(InputError):
        read_samples(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError):
        read_samples(tmp_path / "empty")


@pytest.mark.skipif(not LANGID.is_dir(), reason="../shared/bench/langid is absent")
def test_evaluate_langid_public_sentences_sample(tmp_path: Path) -> None:
    """A slice of the public sentences for the seed languages (the full run is `newsweave eval`)."""
    sample = {
        code: (LANGID / f"{code}.txt").read_text(encoding="utf-8").splitlines()[:40]
        for code in ("ar", "fr", "pt", "ro", "ru", "en", "es", "de")
    }
    result = evaluate_langid(_write(tmp_path / "slice", sample))
    assert result["samples"] == 320
    assert result["mean_accuracy"] >= 0.95
