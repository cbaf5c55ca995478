"""The Typer application objects and the options every command shares."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from newsweave.errors import NewsweaveError
from newsweave.store import Store

app = typer.Typer(
    name="newsweave",
    help=(
        "Offline multilingual news intelligence: ingest, clean, identify language, store, explore."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    help="Measure newsweave against public benchmark data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="NEWSWEAVE_DB",
        help="SQLite database (default: ~/.local/share/newsweave/newsweave.db).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def open_store(db: Path | None) -> Store:
    try:
        return Store(db)
    except NewsweaveError as exc:
        fail(str(exc))


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error on stderr and exit."""
    err_console.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
