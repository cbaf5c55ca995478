"""How much named-entity recognition adds to ingesting articles.

:func:`ner_speed` times the ingest (read, run the pipeline, store into a fresh SQLite
file) of some files with the default pipeline's stages that come before entity
recognition (cleaning, language, dates: :func:`base_stages`), once as is and once with
:func:`recognize_article` run on every article after them; ``overhead`` is the share of
time recognition adds. The full default pipeline (``DEFAULT_STAGES``: entities with
gazetteer spotting and linking, facts, quotes) is timed too, for context. Every variant
is warmed up first (language and NER models loaded, as in a long ingest), then all are
timed in turn, ``repeats`` times; medians are reported. Run it from a shell::

    python -m newsweave.entities.ner.speed \
        src/newsweave/data/demo/articles.jsonl ../shared/seeds/*.txt
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsweave.article import Article
from newsweave.errors import MissingModelError


def base_stages() -> list[str]:
    """The default pipeline's stages before entity recognition (cleaning, language, dates)."""
    from newsweave.pipeline import DEFAULT_STAGES

    names = list(DEFAULT_STAGES)
    cut = names.index("entities.recognize.v1") if "entities.recognize.v1" in names else len(names)
    return names[:cut]


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    cpu, wall = _clock()
    return cpu - start[0], wall - start[1]


def _timed_ingest(paths: list[Path], pipeline: Any) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one ingest of ``paths`` into a fresh store."""
    from newsweave.batch import ingest_paths
    from newsweave.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "speed.db")
        try:
            started = _clock()
            ingest_paths(paths, store, pipeline=pipeline)
            return _since(started)
        finally:
            store.close()


def ner_speed(paths: list[Path], repeats: int = 5) -> dict[str, Any]:
    """What recognising entities adds to a default ingest of ``paths`` (files or folders).

    Returns the number of articles and sentences, milliseconds per article for the
    ingest without and with NER (``ingest_ms_per_article``,
    ``ingest_with_ner_ms_per_article``), ``overhead`` (the share of time NER adds:
    0.3 = 30 % longer; ``ner_alone_over_ingest`` is the steadier estimate of the same from
    NER timed on its own), the full default ingest (``default_ingest_ms_per_article``) and
    NER's share of it, NER alone on already-pipelined articles (default settings, and
    with span scores), sentences per second, the seconds the first pass took while loading the
    models (``first_pass_seconds``), and the paragraphs per language. Times are CPU
    time of this process (steady on a shared machine); ``overhead_wall_clock`` is the
    same ratio in elapsed time.
    """
    from newsweave.entities.ner.recognize import recognize_article
    from newsweave.entities.ner.tokenizer import split_sentences, tokenize
    from newsweave.errors import InputError
    from newsweave.ingest.readers import iter_inputs
    from newsweave.pipeline import DEFAULT_STAGES, Pipeline, one_blas_thread

    plain = Pipeline.from_names(base_stages())
    default = Pipeline.from_names(DEFAULT_STAGES)
    found: list[int] = []

    def recognise(article: Article) -> Article:
        found.append(len(recognize_article(article)))
        return article

    with_ner = Pipeline([*plain.stages, ("entities.ner.speed", recognise)])
    articles = [plain(a) for a in iter_inputs(paths) if not isinstance(a, InputError)]
    if not articles:
        raise MissingModelError(f"no article could be read from {', '.join(map(str, paths))}")
    langs: Counter[str] = Counter()
    for a in articles:
        langs.update([p.lang or a.lang or "?" for p in a.paragraphs] or [a.lang or "?"])
    sentences = sum(
        len(split_sentences(a.clean_text, tokenize(a.clean_text, a.lang or "xx"))) for a in articles
    )
    started = _clock()
    with one_blas_thread():
        for a in articles:
            recognize_article(a)  # loads every model these articles need
    first_pass = _since(started)[1]
    _timed_ingest(paths, plain)
    _timed_ingest(paths, with_ner)
    _timed_ingest(paths, default)
    bare: list[tuple[float, float]] = []
    full: list[tuple[float, float]] = []
    shipped: list[tuple[float, float]] = []
    ner: list[tuple[float, float]] = []
    ner_scored: list[tuple[float, float]] = []
    for _ in range(repeats):
        bare.append(_timed_ingest(paths, plain))
        full.append(_timed_ingest(paths, with_ner))
        shipped.append(_timed_ingest(paths, default))
        with one_blas_thread():  # as a pipeline runs its stages
            started = _clock()
            for a in articles:
                recognize_article(a)
            ner.append(_since(started))
            started = _clock()
            for a in articles:
                recognize_article(a, scores=True)
            ner_scored.append(_since(started))
    n = len(articles)
    t_bare, t_full, t_ner, t_scored, t_default = (
        statistics.median(c for c, _ in x) for x in (bare, full, ner, ner_scored, shipped)
    )
    w_bare, w_full = (statistics.median(w for _, w in x) for x in (bare, full))
    return {
        "articles": n,
        "sentences": sentences,
        "languages": dict(langs.most_common()),
        "ingest_ms_per_article": round(t_bare / n * 1000, 2),
        "ingest_with_ner_ms_per_article": round(t_full / n * 1000, 2),
        "overhead": round(t_full / t_bare - 1.0, 3),
        "overhead_wall_clock": round(w_full / w_bare - 1.0, 3),
        "ner_alone_over_ingest": round(t_ner / t_bare, 3),
        "base_stages": plain.names,
        "default_ingest_ms_per_article": round(t_default / n * 1000, 2),
        "ner_share_of_default_ingest": round(t_ner / t_default, 3),
        "ner_ms_per_article": round(t_ner / n * 1000, 2),
        "ner_ms_per_article_with_scores": round(t_scored / n * 1000, 2),
        "sentences_per_second": round(sentences / t_ner, 1) if t_ner else 0.0,
        "first_pass_seconds": round(first_pass, 2),
        "repeats": repeats,
    }


def _fresh_ingest(paths: list[Path], stages: list[str]) -> tuple[float, float]:
    """One ingest of ``paths`` through ``stages`` in a process that has loaded its models
    (:func:`newsweave.bench.warm_up`) but met none of these articles' words yet."""
    from newsweave.bench import warm_up
    from newsweave.pipeline import Pipeline

    warm_up()
    return _timed_ingest(paths, Pipeline.from_names(stages))


def entity_overhead(paths: list[Path], rounds: int = 3) -> dict[str, Any]:
    """What the entity stage (NER, gazetteer spotting, linking into the registry) adds to
    the default ingest of ``paths``, each article seen once.

    The default pipeline and the same pipeline without ``entities.recognize.v1`` ingest
    ``paths`` in turn, ``rounds`` times each, every run in a fresh process with its
    models loaded and its per-word caches empty, so that names are met for the first
    time as in a real ingest of new articles (:func:`ner_speed` repeats the same articles
    and so times warm caches). CPU seconds, medians; ``overhead`` 0.3 = 30 % longer.
    """
    from newsweave.bench import in_fresh_process
    from newsweave.ingest.readers import iter_inputs
    from newsweave.pipeline import DEFAULT_STAGES

    default = list(DEFAULT_STAGES)
    without = [s for s in default if s != "entities.recognize.v1"]
    runs: dict[str, list[tuple[float, float]]] = {"default": [], "without": []}
    for _ in range(max(1, rounds)):
        runs["default"].append(in_fresh_process(_fresh_ingest, paths, default))
        runs["without"].append(in_fresh_process(_fresh_ingest, paths, without))
    n = sum(1 for a in iter_inputs(paths) if isinstance(a, Article))
    cpu = {k: statistics.median(c for c, _ in v) for k, v in runs.items()}
    wall = {k: statistics.median(w for _, w in v) for k, v in runs.items()}
    return {
        "articles": n,
        "default_ms_per_article": round(cpu["default"] / n * 1000, 2),
        "without_entities_ms_per_article": round(cpu["without"] / n * 1000, 2),
        "overhead": round(cpu["default"] / cpu["without"] - 1.0, 3),
        "overhead_wall_clock": round(wall["default"] / wall["without"] - 1.0, 3),
        "rounds": max(1, rounds),
        "stages_without_entities": without,
    }


_USAGE = "usage: python -m newsweave.entities.ner.speed [--repeats N | --fresh ROUNDS] PATH..."


def main(argv: list[str] | None = None) -> None:
    """Print :func:`ner_speed` (or, with ``--fresh``, :func:`entity_overhead`) of the
    files named on the command line as JSON."""
    args = sys.argv[1:] if argv is None else argv
    repeats, fresh = 5, 0
    if args[:1] == ["--repeats"]:
        repeats, args = int(args[1]), args[2:]
    elif args[:1] == ["--fresh"]:
        fresh, args = int(args[1]), args[2:]
    if not args:
        raise SystemExit(_USAGE)
    paths = [Path(a) for a in args]
    result = entity_overhead(paths, fresh) if fresh else ner_speed(paths, repeats)
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
