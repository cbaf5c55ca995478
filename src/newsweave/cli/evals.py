"""`newsweave eval ...`: benchmarks over public data; each wraps a function in newsweave.evals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from newsweave.cli.app import JsonOption, console, err_console, eval_app, fail, print_json
from newsweave.errors import InputError, NewsweaveError

T = TypeVar("T")
DataOption = Annotated[Path, typer.Option("--data", exists=True, help="Benchmark data.")]


def _measured(data: object, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)``; data it cannot read ends the command with a one-line error
    naming the input (``data``)."""
    try:
        return fn(*args, **kwargs)
    except InputError as exc:
        fail(exc.line())
    except (NewsweaveError, ValueError, OSError) as exc:
        message = str(exc)
        fail(message if str(data) in message else f"{data}: {message}")


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

    _report(_measured(data, evaluate_langid, data), json_out, "mean_accuracy")


@eval_app.command("numbers")
def eval_numbers(data: DataOption, json_out: JsonOption = False) -> None:
    """Number/percent/currency accuracy on the Recognizers-Text spec layout."""
    from newsweave.evals.numbers import evaluate_numbers

    _report(_measured(data, evaluate_numbers, data), json_out, "mean_accuracy")


@eval_app.command("names")
def eval_names(data: DataOption, json_out: JsonOption = False) -> None:
    """Arabic→English name ranking on the ANETAC layout: top-1 accuracy and MRR."""
    from newsweave.evals.names import evaluate_names

    result = _measured(data, evaluate_names, data)
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

    result = _measured(data, evaluate_ner, lang, Path(data))
    if result["trained_on_this_file"]:
        err_console.print(
            f"note: the {lang} model was trained on (part of) {data.split('#')[0]}; "
            "this is not a held-out score (see its MODEL_CARD.md for cross-validated figures)",
            markup=False,
            highlight=False,
        )
    if json_out:
        print_json(result)
    else:
        console.print(
            f"P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}"
        )


@eval_app.command("similarity")
def eval_similarity(
    data: DataOption,
    model: Annotated[
        str, typer.Option("--model", help="Configuration: default, gemma+use, gemma, use, hashing.")
    ] = "default",
    no_fusion: Annotated[
        bool, typer.Option("--no-fusion", help="Cosine of the first embedder alone.")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="First pairs only.")] = None,
    json_out: JsonOption = False,
) -> None:
    """SemEval-2022 Task 8: Pearson with −Overall (all / original pairs), per pair, ROC AUC."""
    from newsweave.evals.similarity import evaluate_similarity

    result = _measured(
        data, evaluate_similarity, data, model=model, fusion=not no_fusion, limit=limit
    )
    if json_out:
        print_json(result)
        return
    for pair, value in sorted(result["per_pair"].items()):
        console.print(f"{pair:>8}  {value}", highlight=False)
    console.print(
        f"[bold]pearson[/bold] {result['pearson']}  [bold]pearson_originals[/bold] "
        f"{result['pearson_originals']}  [bold]auc[/bold] {result['auc']}  ({result['model']})"
    )


@eval_app.command("retrieval")
def eval_retrieval(
    data: DataOption,
    langs: Annotated[
        str | None, typer.Option("--langs", help="Comma-separated codes (ara,fra,...).")
    ] = None,
    model: Annotated[str, typer.Option("--model", help="Embedder name.")] = "default",
    limit: Annotated[int | None, typer.Option("--limit", help="Sentences per language.")] = None,
    scoring: Annotated[
        str, typer.Option("--scoring", help="cosine, or margin (ratio to the neighbourhoods).")
    ] = "cosine",
    json_out: JsonOption = False,
) -> None:
    """Tatoeba: accuracy@1 of finding each sentence's English translation."""
    from newsweave.evals.retrieval import SCORINGS, evaluate_retrieval

    if scoring not in SCORINGS:
        raise typer.BadParameter(f"use one of {', '.join(SCORINGS)}", param_hint="--scoring")
    codes = [c.strip() for c in langs.split(",") if c.strip()] if langs else None
    result = _measured(
        data, evaluate_retrieval, data, codes, model=model, limit=limit, scoring=scoring
    )
    _report(result, json_out, "mean_acc1")


@eval_app.command("linking")
def eval_linking(
    data: DataOption,
    limit: Annotated[int | None, typer.Option("--limit", help="Articles to link.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Entity linking with bounded registry reads against reading every block, on the
    distinct articles of a SemEval-2022 Task 8 CSV: same entity per mention, time."""
    from newsweave.evals.linking import evaluate_linking

    result = _measured(data, evaluate_linking, data, limit=limit)
    if json_out:
        print_json(result)
        return
    for d in result["differences"]:
        console.print(f"{d['text']!r}: {d['bounded']} (wide: {d['wide']})", highlight=False)
    times = result["ms_per_article"]
    console.print(f"ms per article, bounded: {times['bounded']}", highlight=False)
    console.print(f"ms per article, wide:    {times['wide']}", highlight=False)
    console.print(
        f"[bold]same_entity[/bold] {result['same_entity']} of {result['mentions']} mentions "
        f"({result['articles']} articles)"
    )


@eval_app.command("ledger")
def eval_ledger(
    config: Annotated[str, typer.Option("--config", help="Similarity configuration.")] = "default",
    json_out: JsonOption = False,
) -> None:
    """Claim-ledger verdicts against the annotated demo corpus (a pinned quality gate)."""
    from newsweave.evals.ledger import evaluate_ledger

    result = evaluate_ledger(config)
    if json_out:
        print_json(result)
        return
    for p in result["per_comparison"]:
        mark = "ok " if p["right"] else "-- "
        console.print(
            f"{mark}{p['event']} {p['fact']:<22} expected {p['expected']:<9} got {p['found']}",
            highlight=False,
        )
    console.print(
        f"[bold]found[/bold] {result['found']}  [bold]verdict_accuracy[/bold] "
        f"{result['verdict_accuracy']}  [bold]false_alarms[/bold] {result['false_alarms']}"
    )
