"""`newsweave train ...`: train models from public data; each wraps an importable function."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.app import JsonOption, app, console, fail, print_json
from newsweave.errors import NewsweaveError

train_app = typer.Typer(help="Train newsweave's models from annotated data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner_command(
    lang: Annotated[str, typer.Option("--lang", help="Language code (ISO 639-1).")],
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            help="token<TAB>IOB2 training file (FILE#LO-HI for a slice); repeat for more. "
            "Without it the language's recipe is used.",
        ),
    ] = None,
    dev: Annotated[
        list[str] | None,
        typer.Option("--dev", help="File to score the new model on (with --data); repeatable."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Model directory (default: the shipped model's folder for a recipe, "
            "./ner-LANG with --data).",
            show_default=False,
        ),
    ] = None,
    recipe: Annotated[
        str | None,
        typer.Option(
            "--recipe", help="Recipe name (default: the one for --lang).", show_default=False
        ),
    ] = None,
    shared: Annotated[
        Path | None,
        typer.Option(
            "--shared",
            envvar="NEWSWEAVE_SHARED",
            help="Shared data folder holding corpora/ner (default: ../shared beside the repo).",
            show_default=False,
        ),
    ] = None,
    cv: Annotated[
        int | None,
        typer.Option(
            "--cv",
            help="Folds of the cross-validation over the recipe's development file "
            "(default: the recipe's; 0 = none).",
            show_default=False,
        ),
    ] = None,
    cv_only: Annotated[
        bool,
        typer.Option("--cv-only", help="Only cross-validate the recipe; write no model."),
    ] = False,
    contextual: Annotated[
        bool,
        typer.Option(
            "--contextual",
            help="The language's contextual model (multilingual-e5-small's scores added; "
            "slower; Romanian's, the default for Romanian, fine-tunes e5, which needs torch; "
            "others are used when $NEWSWEAVE_NER_CONTEXTUAL names the language), in "
            "<lang>/contextual.",
        ),
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Train a CRF named-entity recogniser and print its scores on the development data.

    Without --data this reproduces the shipped model of --lang from its recipe (training
    files, settings, model card), cross-validated over its development file first where
    the recipe has one; with --data it trains on the given files.
    """
    from newsweave.entities.ner.models import DATA_DIR, contextual_dir
    from newsweave.entities.ner.recipes import (
        PERSON_NAMES,
        RECIPES,
        cross_validate_recipe,
        find_shared,
        train_recipe,
    )
    from newsweave.entities.ner.train import train_ner

    logging.basicConfig(level=logging.WARNING if json_out else logging.INFO, format="%(message)s")
    try:
        if data:
            if recipe is not None or cv is not None or cv_only or contextual:
                fail("--recipe, --cv, --cv-only and --contextual train from a recipe: drop --data")
            hyper: dict[str, object] = {"dev": [Path(d) for d in dev or []]}
            with contextlib.suppress(NewsweaveError):  # name features are optional here
                hyper["person_names"] = str(find_shared(shared) / PERSON_NAMES)
            target = out or Path(f"ner-{lang}")
            meta = train_ner(lang, [Path(d) for d in data], target, **hyper)
        else:
            name = recipe or lang
            chosen = RECIPES.get(name)
            if chosen is None:
                fail(f"no NER recipe {name!r}; recipes: {', '.join(sorted(RECIPES))}")
            if chosen.lang != lang:
                fail(f"recipe {name!r} trains {chosen.lang!r}, not {lang!r}")
            if cv_only:
                result = cross_validate_recipe(name, find_shared(shared), cv, contextual=contextual)
                _print_cv(result, json_out)
                return
            target = out or (contextual_dir(lang) if contextual else DATA_DIR / lang)
            meta = train_recipe(name, find_shared(shared), out, cv, contextual=contextual)
    except NewsweaveError as exc:
        fail(str(exc))
    if "cv" in meta and not json_out:
        _print_cv(meta["cv"], json_out)
    if json_out:
        print_json(
            {"model_dir": str(target), "scores": meta.get("scores", {}), "cv": meta.get("cv")}
        )
        return
    console.print(f"model written to {target}", highlight=False)
    for spec, result in meta.get("scores", {}).items():
        console.print(
            f"{spec}: P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}",
            highlight=False,
        )


def _print_cv(result: dict[str, object], json_out: bool) -> None:
    """Per-fold and mean scores of a cross-validation (as JSON with --json)."""
    if json_out:
        print_json(result)
        return
    rows = result["results"]
    assert isinstance(rows, list)
    for r in rows:
        console.print(f"fold {r['fold']} {r['eval']}: F1 {r['f1']:.3f}", highlight=False)
    console.print(
        f"{result['folds']}-fold cross-validation on {result['file']}: mean F1 "
        f"{result['f1']:.3f} (P {result['precision']:.3f} R {result['recall']:.3f}), "
        f"micro F1 {result['micro_f1']:.3f}",
        highlight=False,
    )
