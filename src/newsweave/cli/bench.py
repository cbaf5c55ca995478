"""`newsweave bench`: throughput, memory and time-to-add as the store grows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.app import JsonOption, app, console, err_console, fail, print_json


@app.command()
def bench(
    sizes: Annotated[
        str,
        typer.Option("--sizes", help="Store sizes for the time-to-add test (comma-separated)."),
    ] = "1000,10000,100000",
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", help="Articles to ingest and add (default: the demo corpus)."),
    ] = None,
    config: Annotated[str, typer.Option("--config", help="Similarity configuration.")] = "default",
    search_size: Annotated[
        int, typer.Option("--search-size", help="Store size for the search latency test (0: skip).")
    ] = 10_000,
    rounds: Annotated[
        int,
        typer.Option(
            "--rounds",
            help="Alternating throughput measurements; medians compared (0: skip them).",
        ),
    ] = 3,
    add_repeats: Annotated[
        int,
        typer.Option(
            "--add-repeats",
            help="Times the real articles are added to each store size, sizes alternating.",
        ),
    ] = 3,
    warm_files: Annotated[
        bool,
        typer.Option(
            "--warm-files/--no-warm-files",
            help="Read each store's files into the OS file cache before its timed adds.",
        ),
    ] = True,
    check_exact: Annotated[
        bool,
        typer.Option(
            "--check-exact/--no-check-exact",
            help="Also add the real articles with brute-force neighbour search to each store "
            "large enough for the approximate index, and count the same decisions.",
        ),
    ] = False,
    workdir: Annotated[
        Path | None, typer.Option("--workdir", help="Where the temporary databases go.")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Throughput end to end vs the raw embedder, peak memory, time to add an article.

    The time to add one article is measured at each --sizes store size (synthetic
    articles), and hybrid search latency at --search-size articles.
    """
    from newsweave.bench import run_bench

    try:
        size_list = [int(s.replace("_", "")) for s in sizes.split(",") if s.strip()]
    except ValueError:
        fail(f"--sizes {sizes}: expected comma-separated integers")
    for p in corpus or []:
        if not p.exists():
            fail(f"{p}: no such file or folder")

    def step(message: str) -> None:
        err_console.print(f"[dim]bench: {message}…[/dim]", highlight=False)

    report = run_bench(
        sizes=size_list,
        corpus=corpus,
        config=config,
        workdir=workdir,
        search_size=search_size,
        rounds=rounds,
        add_repeats=add_repeats,
        warm_files=warm_files,
        check_exact=check_exact,
        progress=step,
    )
    if json_out:
        print_json(report)
        return
    e2e, raw = report["end_to_end"], report["raw_embedder"]
    if e2e is None or raw is None:
        console.print("throughput: not measured (--rounds 0)", highlight=False)
    else:
        console.print(
            f"end to end: {e2e['articles_per_second']} articles/s ({e2e['articles']} "
            f"articles, {e2e['seconds']} s); raw embedder: {raw['articles_per_second']} "
            f"articles/s; ratio {report['end_to_end_vs_embedder']} (per round "
            f"{report['end_to_end_vs_embedder_per_round']}, median "
            f"{report['end_to_end_vs_embedder_round_median']})",
            highlight=False,
        )
        console.print(f"stage seconds: {e2e['stage_seconds']}", highlight=False)
        console.print(
            f"without the entity stage: "
            f"{report['end_to_end_without_entities']['articles_per_second']} articles/s; "
            f"entity extraction adds {report['entity_overhead']} of the ingest time",
            highlight=False,
        )
    for row in report["time_to_add"]:
        console.print(
            f"{row['stored']:>9,} stored: add {row['add_ms_median']} ms (median), "
            f"open {row['restore_seconds']} s (rebuild {row['rebuild_seconds']} s), "
            f"peak RSS {row['peak_rss_mb']} MB",
            highlight=False,
        )
        if check := row.get("exact_check"):
            console.print(
                f"{'':>9}  as with exact search: {check['same_story']}/{check['added']} "
                f"in the same story, {check['same_links']}/{check['added']} with the same links",
                highlight=False,
            )
    console.print(
        f"growth 1st→last size: {report['add_time_growth']} "
        f"(per repeat {report['add_time_growth_per_repeat']})",
        highlight=False,
    )
    if report["search"]:
        s = report["search"]
        console.print(
            f"search at {s['stored']:,} articles: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms",
            highlight=False,
        )
