"""`newsweave eval ...`: benchmarks over public data; each wraps a function in newsweave.evals."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from newsweave.cli.app import JsonOption, console, eval_app, print_json

DataOption = Annotated[Path, typer.Option("--data", exists=True, help="Benchmark data.")]


def _report(result: dict[str, Any], json_out: bool, headline: str) -> None:
    if json_out:
        print_json(result)
        return
    per = result.get("per_language", {})
    for key, value in sorted(per.items()):
        console.print(f"{key:>14}  {value}", highlight=False)
    console.print(f"[bold]{headline}[/bold] {result.get(headline)}")


@eval_app.command("langid")
def eval_langid(data: DataOption, json_out: JsonOption = False) -> None:
    """Language-ID accuracy per language (one file per ISO 639-1 code, one sample a line)."""
    from newsweave.evals.langid import evaluate_langid

    _report(evaluate_langid(data), json_out, "mean_accuracy")


@eval_app.command("numbers")
def eval_numbers(data: DataOption, json_out: JsonOption = False) -> None:
    """Number/percent/currency accuracy on the Recognizers-Text spec layout."""
    from newsweave.evals.numbers import evaluate_numbers

    _report(evaluate_numbers(data), json_out, "mean_accuracy")


@eval_app.command("names")
def eval_names(data: DataOption, json_out: JsonOption = False) -> None:
    """Arabic→English name ranking on the ANETAC layout: top-1 accuracy and MRR."""
    from newsweave.evals.names import evaluate_names

    result = evaluate_names(data)
    if json_out:
        print_json(result)
    else:
        console.print(f"top1 {result['top1']}  mrr {result['mrr']}")


@eval_app.command("ner")
def eval_ner(
    data: Annotated[str, typer.Option("--data", help="token<TAB>IOB2 file (FILE#LO-HI slices).")],
    lang: Annotated[str, typer.Option("--lang", help="Language code.")],
    json_out: JsonOption = False,
) -> None:
    """Exact-span micro precision/recall/F1 over PER/ORG/LOC."""
    from newsweave.evals.ner import evaluate_ner

    result = evaluate_ner(lang, Path(data))
    if json_out:
        print_json(result)
    else:
        console.print(
            f"P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}"
        )
