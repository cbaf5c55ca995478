"""Number, percentage and money extraction scored on Microsoft Recognizers-Text specs.

The specs are JSON lists of cases ``{"Input": ..., "Results": [{"Resolution": {"value":
...}}]}`` under ``Number/<Language>/<Model>.json`` and ``NumberWithUnit/<Language>/
<Model>.json``. Each case is run through :func:`newsweave.facts.extract_facts` (the
extractor used on articles) and counts as right when the set of values the spec resolves
equals the set of values we extract for that model:

* ``NumberModel``: every fact except numbers with letters glued to the digits ("180ml",
  which the spec does not read as a number); a date contributes its day and year;
* ``PercentModel``: ``percent`` facts; ``CurrencyModel``: ``money`` facts.

Values are compared to nine significant digits; results without a value (a bare
"dollar") are ignored. Skipped cases: those whose ``NotSupported`` or
``NotSupportedByDesign`` field names ``python`` (the reference's own Python port does not
produce the expected output), except in files where *every* case names python, i.e. the
language is absent from the Python port altogether: there the case is skipped only when
it names ``dotnet``, the reference implementation. Language folders without newsweave
tables are left out unless ``languages`` names them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newsweave.facts.extract import extract_facts
from newsweave.facts.lang import is_supported
from newsweave.facts.model import FLAG_GLUED, Fact

# Spec folder name → ISO 639-1 code. "SpanishMexican" is left out: its decimal point and
# thousands comma are a regional convention the Spanish tables do not model.
FOLDER_LANG: dict[str, str] = {
    "Arabic": "ar",
    "Bulgarian": "bg",
    "Chinese": "zh",
    "Dutch": "nl",
    "English": "en",
    "EnglishOthers": "en",
    "French": "fr",
    "German": "de",
    "Hindi": "hi",
    "Italian": "it",
    "Japanese": "ja",
    "Korean": "ko",
    "Portuguese": "pt",
    "Spanish": "es",
    "Swedish": "sv",
    "Turkish": "tr",
    "Romanian": "ro",
    "Russian": "ru",
}

# Model file stem → (spec family folder, fact kinds scored; None = every number).
MODELS: dict[str, tuple[str, frozenset[str] | None]] = {
    "NumberModel": ("Number", None),
    "PercentModel": ("Number", frozenset({"percent"})),
    "CurrencyModel": ("NumberWithUnit", frozenset({"money"})),
}
DEFAULT_MODELS: tuple[str, ...] = ("NumberModel", "PercentModel", "CurrencyModel")

SKIP_POLICY = (
    "skip a case whose NotSupported/NotSupportedByDesign names python; in a file where every "
    "case names python (language absent from the Python port), skip only cases naming dotnet"
)


def _platforms(case: dict[str, Any]) -> str:
    return f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()


def cases_to_score(cases: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The cases of one spec file that are scored, and how many were skipped."""
    all_python = bool(cases) and all("python" in _platforms(c) for c in cases)
    marker = "dotnet" if all_python else "python"
    kept = [c for c in cases if marker not in _platforms(c)]
    return kept, len(cases) - len(kept)


def _canon(value: float) -> float:
    return float(f"{value:.9g}")


def parse_spec_value(raw: object) -> float | None:
    """A spec value ("1,5", "1E-12", "100%", "6666666,66666667") as a float, or None."""
    if raw is None:
        return None
    text = str(raw).strip().rstrip("%").strip()
    if not text or text.lower() == "null":
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def expected_values(case: dict[str, Any]) -> set[float]:
    """The resolved values a spec case expects."""
    out: set[float] = set()
    for result in case.get("Results") or []:
        value = parse_spec_value((result.get("Resolution") or {}).get("value"))
        if value is not None:
            out.add(_canon(value))
    return out


def fact_values(facts: Iterable[Fact], kinds: frozenset[str] | None) -> set[float]:
    """The values of ``facts`` as one spec model sees them."""
    out: set[float] = set()
    for fact in facts:
        if kinds is not None:
            if fact.kind in kinds:
                out.add(_canon(fact.value))
            continue
        if FLAG_GLUED in fact.flags:
            continue
        if fact.kind == "date":
            iso = fact.unit or ""
            year, _, _rest = iso.partition("-")
            if year.isdigit():
                out.add(float(year))
            day = iso.rsplit("-", 1)[-1] if iso.count("-") >= 2 else ""
            if day.isdigit():
                out.add(float(int(day)))
            continue
        out.add(_canon(fact.value))
    return out


def score_file(
    path: Path, lang: str, kinds: frozenset[str] | None, failures: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """Accuracy of one spec file: {"accuracy", "correct", "evaluated", "skipped"}."""
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    kept, skipped = cases_to_score(cases)
    correct = 0
    for case in kept:
        expected = expected_values(case)
        got = fact_values(extract_facts(case["Input"], lang), kinds)
        if got == expected:
            correct += 1
        elif failures is not None:
            failures.append(
                {
                    "file": str(path),
                    "input": case["Input"],
                    "expected": sorted(expected),
                    "got": sorted(got),
                }
            )
    evaluated = len(kept)
    return {
        "accuracy": round(correct / evaluated, 4) if evaluated else None,
        "correct": correct,
        "evaluated": evaluated,
        "skipped": skipped,
    }


def evaluate_numbers(
    data_dir: Path,
    languages: Sequence[str] | None = None,
    models: Sequence[str] = DEFAULT_MODELS,
    failures: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Score fact extraction on the Recognizers-Text specs under ``data_dir``.

    ``languages`` are spec folder names ("English") or ISO codes ("en"); by default every
    folder whose language has newsweave tables. Returns ``{"per_language": {folder:
    {model: accuracy}}, "mean_accuracy": float, "cases": {...}, "skip_policy": str}``;
    mismatches are appended to ``failures`` when a list is given.
    """
    data_dir = Path(data_dir)
    wanted = {w.lower() for w in languages} if languages else None
    per_language: dict[str, dict[str, float]] = {}
    cases: dict[str, dict[str, dict[str, Any]]] = {}
    for model in models:
        if model not in MODELS:
            known = ", ".join(MODELS)
            raise ValueError(f"unknown spec model {model!r}; known models: {known}")
        family, kinds = MODELS[model]
        family_dir = data_dir / family
        if not family_dir.is_dir():
            continue
        for folder in sorted(p for p in family_dir.iterdir() if p.is_dir()):
            lang = FOLDER_LANG.get(folder.name)
            if lang is None:
                continue
            if wanted is not None:
                if folder.name.lower() not in wanted and lang not in wanted:
                    continue
            elif not is_supported(lang):
                continue
            path = folder / f"{model}.json"
            if not path.is_file():
                continue
            result = score_file(path, lang, kinds, failures)
            if result["accuracy"] is None:
                continue
            per_language.setdefault(folder.name, {})[model] = result["accuracy"]
            cases.setdefault(folder.name, {})[model] = result
    if not per_language:
        raise ValueError(
            f"{data_dir}: no Recognizers-Text spec files found (expected folders such as "
            "Number/English/NumberModel.json)"
        )
    scores = [acc for by_model in per_language.values() for acc in by_model.values()]
    return {
        "per_language": per_language,
        "mean_accuracy": round(sum(scores) / len(scores), 4) if scores else 0.0,
        "cases": cases,
        "skip_policy": SKIP_POLICY,
    }
