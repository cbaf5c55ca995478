"""Language-identification accuracy on a folder of labelled samples.

The folder holds one UTF-8 file per language, named by its ISO 639-1 code (``ar.txt``), with one
sample per line: the layout of the lingua-py test data (sentences, word pairs, single words).
A prediction is right when newsweave's code equals the file's code; newsweave reports ISO 639-1
codes, with Norwegian as ``nb``/``nn`` (``no`` is read as ``nb``), so the two sides compare
directly.

Accuracy is computed per language, and ``mean_accuracy`` is their unweighted mean (every language
counts the same, however many samples it has).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsweave.errors import InputError
from newsweave.language.codes import canonical
from newsweave.language.detect import detect_language, detect_with_backend

ProgressCallback = Callable[[int, int, str], None]
"""Called as ``progress(done, total, language)`` after each sample."""

METHODS = ("combined", "fasttext", "py3langid", "cld2")


def read_samples(data_dir: Path) -> dict[str, list[str]]:
    """``{code: [sample, ...]}`` from a folder of ``<code>.txt`` files (blank lines skipped)."""
    if not data_dir.is_dir():
        raise InputError(str(data_dir), "not a folder; expected one <code>.txt file per language")
    samples: dict[str, list[str]] = {}
    for path in sorted(data_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = [line.strip() for line in lines if line.strip()]
        if rows:
            samples[canonical(path.stem)] = rows
    if not samples:
        raise InputError(str(data_dir), "no <code>.txt files with samples in this folder")
    return samples


def _predictor(method: str) -> Callable[[str], str]:
    if method == "combined":
        return lambda text: detect_language(text).lang
    if method in METHODS:
        return lambda text: detect_with_backend(text, method)
    raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")


def evaluate_langid(
    data_dir: Path,
    progress: ProgressCallback | None = None,
    *,
    method: str = "combined",
) -> dict[str, Any]:
    """Accuracy of language identification on ``data_dir``.

    ``method`` is ``"combined"`` (newsweave's detector) or one bundled model alone
    (``"fasttext"``, ``"py3langid"``, ``"cld2"``), for comparison.

    Returns ``{"mean_accuracy": float, "per_language": {code: accuracy}, "samples": int}``.
    """
    samples = read_samples(data_dir)
    predict = _predictor(method)
    total = sum(len(rows) for rows in samples.values())
    done = 0
    accuracy: dict[str, float] = {}
    for code, rows in samples.items():
        right = 0
        for text in rows:
            right += predict(text) == code
            done += 1
            if progress is not None:
                progress(done, total, code)
        accuracy[code] = right / len(rows)
    mean = sum(accuracy.values()) / len(accuracy)
    per_language = {code: round(value, 4) for code, value in accuracy.items()}
    return {"mean_accuracy": round(mean, 4), "per_language": per_language, "samples": total}
