"""Pinned-corpus quality gate: the claim ledger on the annotated demo corpus.

The bundled demo corpus carries its own annotations (which figures each article reports
and the verdict a careful reader gives), so this gate needs nothing outside the package.
The floors sit a little under the figures measured when they were set (found 1.0,
verdict accuracy 0.81 with the bundled USE configuration); a change that loses ground
fails here.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.evals.ledger import evaluate_ledger


def test_ledger_verdicts_on_the_demo_corpus(tmp_path: Path) -> None:
    result = evaluate_ledger("use", workdir=tmp_path)
    assert result["comparisons"] >= 25
    assert result["found"] >= 0.95, result["per_comparison"]
    assert result["verdict_accuracy"] >= 0.75, result["per_comparison"]
    assert result["false_alarms"] <= 3, result["alarms"]
