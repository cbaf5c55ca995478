"""The performance benchmark behind ``newsweave bench``.

Three measurements, in one run (throughput rounds each in a fresh process):

- **end to end**: a fresh database ingests a corpus (default: the bundled demo corpus)
  through the full default pipeline and then clusters it into stories; articles per
  second of the whole, and seconds per stage; the same without the entity stage gives
  what entity extraction adds to the default ingest (``entity_overhead``);
- **raw embedder**: the same articles embedded by the default similarity configuration's
  embedders alone (every view the fusion reads, no cache), in articles per second: the
  ceiling end to end can approach;
- **time to add one article at scale**: databases holding ``sizes`` synthetic articles
  (random unit vectors stored in the embedding cache, grouped five to a story, each
  naming a made-up person filed in the entity registry) into
  which real articles are added one at a time. Their embeddings are computed once
  beforehand, so the figure is what grows with the store (search, scoring, writes), not
  the constant cost of the model.

Peak resident memory is the process's high-water mark (``ru_maxrss``) after each step.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from newsweave.article import Article
from newsweave.batch import ingest_articles
from newsweave.embed.cache import text_key
from newsweave.entities.mentions import MentionIn, ResolvedMention
from newsweave.pipeline import DEFAULT_STAGES, Pipeline, Stage
from newsweave.store import Store
from newsweave.stories.ann import HNSW_FROM
from newsweave.stories.cluster import Decision
from newsweave.stories.signals import VIEW_TEXT, DocFeatures

if TYPE_CHECKING:
    from newsweave.stories.engine import StoryEngine

ProgressFn = Callable[[str], None]
ENTITY_STAGE = "entities.recognize.v1"

#: Words of several languages and scripts for synthetic articles (their text is only
#: read for the cheap signals: numbers, names, words).
_WORD_LINES = (
    "government minister protest election market energy river city council report",
    "gouvernement ministre élection marché énergie rapport ville conseil",
    "governo ministro eleição mercado energia relatório cidade conselho",
    "guvern ministru alegeri piață energie raport oraș consiliu",
    "правительство министр выборы рынок энергия доклад город совет",
    "الحكومة وزير انتخابات سوق طاقة تقرير مدينة مجلس",
)
_WORDS = tuple(w for line in _WORD_LINES for w in line.split())
_NAMES = ("Almaty", "Porto", "Cluj", "Lyon", "Kazan", "Oran", "Mardin", "Graz", "Turku")
#: Syllables of synthetic people's names, in Latin and Arabic letters, and family-name endings.
_SYLLABLE_TEXT = {
    "Latn": "ka ri mo sa le van tor bek na zu el dar in ma shi ro ta gul nur fe",
    "Arab": "كا ري مو سا لي فان تور بيك نا زو ال دار ين ما شي رو تا غول نور في",
}
_SYLLABLES = {script: text.split() for script, text in _SYLLABLE_TEXT.items()}
_FAMILY_ENDINGS = {"Latn": ("", "ov", "son", "escu", "yev", "ini"), "Arab": ("", "وف", "يف")}


def peak_rss_mb() -> float:
    """The peak resident set size so far, in MB, of this process or of the largest of the
    processes it ran (the throughput rounds run in their own)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def _read_corpus(paths: Sequence[Path]) -> list[Article]:
    from newsweave.ingest.readers import iter_inputs

    return [a for a in iter_inputs(paths) if isinstance(a, Article)]


def _timed_pipeline(pipeline: Pipeline, timings: dict[str, float]) -> Pipeline:
    """The same stages, each adding its wall time to ``timings``."""

    def wrap(name: str, stage: Stage) -> Stage:
        def run(article: Article) -> Article:
            start = time.perf_counter()
            try:
                return stage(article)
            finally:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - start

        return run

    return Pipeline([(name, wrap(name, stage)) for name, stage in pipeline.stages])


def warm_up() -> Article:
    """Load, once and outside any clock, what a long-running ingest has loaded after its
    first articles: the pipeline's models, the NER model of every language (0.3-1.3 s
    each; each tags a word once, which loads the model a second opinion comes from:
    natasha for Russian, about 0.6 s), the name-word table and its Arabic letter classes
    (0.15 s), and dateparser's data for those languages (about 0.15 s per language on
    first use; the fact extractor's month names, read from CLDR, about 0.02 s). Returns the
    processed warm-up article."""
    import dateparser

    from newsweave.entities.blocking import family_query_keys
    from newsweave.entities.names import latin_tokens
    from newsweave.entities.ner.models import load_model, shipped_models
    from newsweave.facts.dates import find_dates
    from newsweave.ingest.date_candidates import supported_languages

    warm = Pipeline.from_names()(
        Article(text="Warm-up. Le modèle est chargé. Модель загружена.", source="warm-up")
    )
    latin_tokens()
    family_query_keys("Tokayev")  # reads the Arabic letter classes of 222k name words
    for lang in shipped_models():
        load_model(lang).tag_sentences([["Warm-up"]])
    for lang in sorted((set(shipped_models()) | {"tr", "uk"}) & supported_languages()):
        dateparser.parse("1 1 2020", languages=[lang])
    for lang in shipped_models():
        find_dates("", "", lang)
    return warm


def end_to_end(
    paths: Sequence[Path],
    workdir: Path,
    *,
    config: str = "default",
    name: str = "e2e.db",
    stages: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Ingest ``paths`` into a fresh database and cluster them; time the whole and its parts.

    ``stages``: the pipeline's stages (default: the default pipeline's)."""
    from newsweave.stories.engine import StoryEngine

    items = _read_corpus(paths)
    if not items:
        raise ValueError("the benchmark corpus holds no readable article")
    timings: dict[str, float] = {}
    pipeline = _timed_pipeline(Pipeline.from_names(stages), timings)
    warm = warm_up()
    with Store(workdir / name) as store:
        engine = StoryEngine(store, config=config)
        engine.featurizer.article_features([warm])
        start = time.perf_counter()
        # as `newsweave ingest` does: each stored article starts embedding in the background
        report = ingest_articles(items, store, pipeline=pipeline, on_stored=engine.embed_ahead)
        ingested = time.perf_counter()
        decisions = engine.add_pending()
        done = time.perf_counter()
    n = len(report.stored)
    total = done - start
    return {
        "articles": n,
        "failed": len(report.failed),
        "seconds": round(total, 2),
        "articles_per_second": round(n / total, 2) if total else None,
        "ingest_seconds": round(ingested - start, 2),
        "stories_seconds": round(done - ingested, 2),
        "stories": len({d.story_id for d in decisions}),
        "stage_seconds": {k: round(v, 3) for k, v in timings.items()},
        "configuration": engine.name,
        "peak_rss_mb": peak_rss_mb(),
    }


def raw_embedder(paths: Sequence[Path], *, config: str = "default") -> dict[str, Any]:
    """Articles per second of the configuration's embedders alone, on the same articles."""
    from newsweave.stories.signals import Featurizer

    clean = Pipeline.from_names(["clean.noise.v1"])
    articles = [clean(a) for a in _read_corpus(paths)]
    featurizer = Featurizer.from_config(config)
    featurizer.article_features(articles[:1])  # load the models outside the clock
    start = time.perf_counter()
    featurizer.article_features(articles)
    seconds = time.perf_counter() - start
    return {
        "articles": len(articles),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(articles) / seconds, 2) if seconds else None,
        "views": list(featurizer.views),
        "configuration": featurizer.name,
    }


def _synthetic_text(rng: random.Random, i: int) -> tuple[str, str]:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(60, 160))]
    for _ in range(3):
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 99999)))
    words.insert(rng.randrange(len(words)), rng.choice(_NAMES))
    title = " ".join(words[:8]).capitalize() + f" #{i}"
    return title, " ".join(words) + "."


def _synthetic_person(rng: random.Random) -> str:
    """A made-up person's full name (one in five in Arabic letters)."""
    script = "Arab" if rng.random() < 0.2 else "Latn"
    parts = _SYLLABLES[script]

    def word(syllables: int) -> str:
        text = "".join(rng.choice(parts) for _ in range(syllables))
        return text.capitalize() if script == "Latn" else text

    family = word(rng.randint(2, 3)) + rng.choice(_FAMILY_ENDINGS[script])
    return f"{word(2)} {family}"


def _synthetic_people(
    batch: Sequence[tuple[Article, str]], people: Sequence[str]
) -> list[ResolvedMention]:
    """One registry mention per synthetic article: the person its text names."""
    from newsweave.entities.scripts import match_key, script_of

    out = []
    for (article, _), name in zip(batch, people, strict=True):
        start = article.clean_text.find(name)
        mention = MentionIn(article.id, "xx", name, "PER", start, start + len(name), 0)
        slug = match_key(name).replace(" ", "-")
        out.append(
            ResolvedMention(
                mention, f"per:syn-{slug}", name, "PER", name, match_key(name), script_of(name)
            )
        )
    return out


class SyntheticVectors:
    """Unit vectors shaped like text embeddings, for the articles of synthetic stories.

    Text embeddings are far from isotropic: EmbeddingGemma's vectors of 14.8k SemEval
    articles have a mean pairwise cosine of 0.21 (a shared direction of length 0.46) and
    half their variance in 62 of 768 directions. Isotropic random vectors are the HNSW
    index's worst case instead: at 14k vectors they cost 0.55 ms to add and 0.61 ms to
    search, real ones 0.16 and 0.23 ms. Here every story has a centre drawn around a
    shared mean direction with variances decaying as k^-0.8 along a random basis, and its
    articles scatter around the centre (cosine about 0.7 within a story, 0.16 between
    stories): 0.32 and 0.38 ms at 14k.

    ``towards``: the shared direction, taken from real articles' vectors (their mean), so
    that real articles added later lie inside the synthetic cloud as they would among
    real neighbours. A random one leaves them nearly orthogonal to every synthetic vector
    (cosine about 0.1), an island the HNSW graph search seldom reaches: at 100k stored,
    real articles were then mostly not found by their nearest real neighbours.
    """

    MEAN_LENGTH = 0.46
    DECAY = 0.8
    SPREAD = 0.7

    def __init__(
        self, dim: int, rng: np.random.Generator, towards: np.ndarray | None = None
    ) -> None:
        self.rng = rng
        self.basis = np.linalg.qr(rng.standard_normal((dim, dim)))[0].astype(np.float32)
        mean = rng.standard_normal(dim) if towards is None else np.asarray(towards, np.float64)
        if mean.shape != (dim,) or not np.linalg.norm(mean) > 0:
            raise ValueError(f"the shared direction must be a non-zero vector of {dim} values")
        self.mean = (mean * self.MEAN_LENGTH / np.linalg.norm(mean)).astype(np.float32)
        scale = np.arange(1, dim + 1, dtype=np.float64) ** (-self.DECAY / 2)
        scale *= np.sqrt((1 - self.MEAN_LENGTH**2) / np.sum(scale**2))
        self.scale = scale.astype(np.float32)
        self._centres: dict[str, np.ndarray] = {}

    def _draw(self, n: int) -> np.ndarray:
        z = self.rng.standard_normal((n, len(self.scale))).astype(np.float32)
        return np.asarray((z * self.scale) @ self.basis.T, dtype=np.float32)

    def centre(self, story: str) -> np.ndarray:
        """The centre of ``story`` (stories come in order: older centres are dropped)."""
        if story not in self._centres:
            if len(self._centres) > 64:
                self._centres.clear()
            self._centres[story] = self._draw(1)[0] + self.mean
        return self._centres[story]

    def vectors(self, stories: Sequence[str]) -> np.ndarray:
        """One unit vector per article, each near the centre of its story."""
        centres = np.stack([self.centre(s) for s in stories])
        vecs = centres + self.SPREAD * self._draw(len(stories))
        return np.asarray(vecs / np.linalg.norm(vecs, axis=1, keepdims=True), dtype=np.float32)


def fill_synthetic(
    store: Store,
    n: int,
    *,
    config: str = "default",
    seed: int = 7,
    group: int = 5,
    around: Sequence[str] = (),
    like: Sequence[DocFeatures] = (),
) -> None:
    """Add ``n`` synthetic articles, their cached vectors and story assignments to ``store``.

    Articles come in stories of ``group``; their vectors are shaped like text embeddings
    (:class:`SyntheticVectors`), each near its story's centre, around the mean direction
    of the real articles ``like`` (of each model's "doc" view) when given.

    Their dates spread over the 60 days around the dates in ``around`` (default: 2024),
    so that the articles added later find synthetic neighbours inside their time window
    and every neighbour is really scored. Each names a made-up person, stored in the
    entity registry with its block keys, so that linking a real article meets a registry
    as large as the store, and has its signals saved as clustering would save them.
    """
    from newsweave.entities.registry import save_resolved
    from newsweave.stories.signal_store import save_signals
    from newsweave.stories.signals import Featurizer, build_features

    featurizer = Featurizer.from_config(config, fitted=True)
    embedders = {"": featurizer.embedder, "aux_": featurizer.aux}
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    shapes = {
        prefix: SyntheticVectors(embedder.dim, nprng, _mean_of(like, f"{prefix}doc"))
        for prefix, embedder in embedders.items()
        if embedder is not None
    }
    now = datetime.now(UTC).isoformat(timespec="seconds")
    start_seq = store.count_articles()
    batch: list[tuple[Article, str]] = []
    people: list[str] = []

    def flush() -> None:
        def write(conn: Any) -> None:
            save_resolved(conn, _synthetic_people(batch, people))
            save_signals(
                conn,
                [
                    (build_features(a.id, a.title, a.clean_text, {}), a.title, a.clean_text)
                    for a, _ in batch
                ],
            )
            for view in featurizer.views:
                prefix = "aux_" if view.startswith("aux_") else ""
                embedder = embedders[prefix]
                if embedder is None:
                    continue
                make = VIEW_TEXT[view.removeprefix(prefix)]
                vecs = shapes[prefix].vectors([sid for _, sid in batch])
                conn.executemany(
                    "INSERT OR REPLACE INTO embeddings (key, model, dim, dtype, vector) "
                    "VALUES (?, ?, ?, 'float32', ?)",
                    [
                        (
                            text_key(make(a.title, a.clean_text), "clustering"),
                            embedder.name,
                            embedder.dim,
                            v.tobytes(),
                        )
                        for (a, _), v in zip(batch, vecs, strict=True)
                    ],
                )
            for a, sid in batch:
                conn.execute(
                    "INSERT OR IGNORE INTO stories (id, title, created_at) VALUES (?, ?, ?)",
                    (sid, a.title, now),
                )
                conn.execute(
                    """INSERT INTO story_articles (article_id, story_id, score, new_story,
                           evidence, decided_at, decision_seq)
                       SELECT ?, ?, 0.5, 0, '[]', ?, COALESCE(MAX(decision_seq), 0) + 1
                       FROM story_articles""",
                    (a.id, sid, now),
                )

        store.write(write)
        batch.clear()
        people.clear()

    days = sorted(date.fromisoformat(d[:10]).toordinal() for d in around if len(d) >= 10)
    first, last = (days[0], days[-1]) if days else (date(2024, 1, 1).toordinal(),) * 2
    for i in range(n):
        title, body = _synthetic_text(rng, start_seq + i)
        person = _synthetic_person(rng)
        body = f"{person} {body}"
        people.append(person)
        day = rng.randint(first - 30, last + 30)
        published = date.fromordinal(day).isoformat()
        article = Article(
            text=body,
            title=title,
            source=f"synthetic:{start_seq + i}",
            lang="xx",
            published=published,
            published_from="metadata",
        )
        store.save_article(article)
        batch.append((article, f"syn{(start_seq + i) // group}"))
        if len(batch) >= 500:
            flush()
    if batch:
        flush()


def _mean_of(features: Sequence[DocFeatures], view: str) -> np.ndarray | None:
    """The mean of the unit ``view`` vectors of ``features`` (None without any)."""
    rows = [np.asarray(f.vectors[view], np.float64) for f in features if view in f.vectors]
    if not rows:
        return None
    matrix = np.stack(rows)
    mean: np.ndarray = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).mean(axis=0)
    return mean


def time_to_add(
    sizes: Sequence[int],
    paths: Sequence[Path],
    workdir: Path,
    *,
    config: str = "default",
    progress: ProgressFn | None = None,
    repeats: int = 3,
    warm_files: bool = True,
    check_exact: bool = False,
) -> list[dict[str, Any]]:
    """Milliseconds to add one real article to stores of growing size.

    One store is grown with synthetic articles and copied at each size. Then, ``repeats``
    times, the real articles are added one by one to each size's store in turn and taken
    out again: the sizes alternate, so that a slow minute of a shared machine falls on all
    of them alike. The median is over all adds of a size.

    Each time is made as cold as the arrival of new articles: a fresh database connection
    (its page cache empty) and engine, and no memory of names compared before (a new
    article's names meet registry names they were never compared with; without this, a
    repeat would find every comparison of the first one remembered, which at 100k stored
    halved its time).

    With ``warm_files`` (the default) each store's files (database, write-ahead log, saved
    index and view files) are read through once before its adds, so that every size
    starts with them in the operating system's file cache, as a running service or a
    store just written has them. Without it the 100k store's 2 GB of files are in that
    cache only as far as the machine kept them, and the time measures the disk as much
    as the engine; ``files_read_seconds`` tells how long the read took.

    With ``check_exact``, each store large enough for the approximate (HNSW) index also
    has the real articles added once more with brute-force neighbour search, untimed, and
    ``exact_check`` tells in how many of the adds the article went to the same story (and
    was linked to the same articles) as in the first timed repeat.
    """
    from newsweave.entities.linker import forget_compared_words
    from newsweave.stories.engine import StoryEngine

    real = _read_corpus(paths)
    pipeline = Pipeline.from_names()
    processed = [pipeline(a) for a in real]
    # add the real articles once to a scratch store, so that every size measures the same
    # work with the same warm per-process caches (entity linking, transliteration, models)
    with Store(workdir / "scale-warm.db") as scratch:
        for article in processed:
            scratch.save_article(article)
        StoryEngine(scratch, config=config).add(processed)
    stores: dict[int, Path] = {}
    ordered = sorted(sizes)
    with Store(workdir / "scale.db") as store:
        # embed the real articles once so that every size measures the same work
        real_features = StoryEngine(store, config=config).features(processed)
        for size in ordered:
            if progress:
                progress(f"filling {size:,} synthetic articles")
            fill_synthetic(
                store,
                size - store.count_articles(),
                config=config,
                around=[a.published for a in processed if a.published],
                like=real_features,
            )
            if size == ordered[-1]:
                stores[size] = store.path  # the largest is the grown store itself
                continue
            stores[size] = workdir / f"scale-{size}.db"
            with sqlite3.connect(stores[size]) as copy:
                store.conn.backup(copy)
    rebuilds = {size: _rebuild_seconds(path, config) for size, path in stores.items()}
    # the stores and indexes just written (gigabytes at 100k) reach the disk now, not
    # while the adds are timed
    os.sync()
    per_add: dict[int, list[float]] = {size: [] for size in stores}
    per_repeat: dict[int, list[float]] = {size: [] for size in stores}
    restores: dict[int, list[float]] = {size: [] for size in stores}
    reads: dict[int, list[float]] = {size: [] for size in stores}
    peaks: dict[int, float] = {}
    first_decisions: dict[int, list[tuple[str, list[str]]]] = {}
    for _ in range(max(1, repeats)):
        for size, path in stores.items():
            if warm_files:
                start = time.perf_counter()
                read_through(store_files(path))
                reads[size].append(time.perf_counter() - start)
            forget_compared_words()
            with Store(path) as fresh:
                engine = StoryEngine(fresh, config=config)
                start = time.perf_counter()
                engine.clusterer()
                restores[size].append(time.perf_counter() - start)
                these, decided = _add_one_by_one(fresh, engine, processed)
            per_add[size].extend(these)
            first_decisions.setdefault(size, decided)
            per_repeat[size].append(round(statistics.median(these), 2))
            peaks.setdefault(size, peak_rss_mb())  # the process's peak so far
    checks = {
        size: _exact_check(path, processed, first_decisions[size], config)
        for size, path in stores.items()
        if check_exact and size > HNSW_FROM
    }
    return [
        {
            "stored": size,
            "add_ms_median": round(statistics.median(per_add[size]), 2),
            "add_ms_mean": round(statistics.fmean(per_add[size]), 2),
            "added": len(per_add[size]),
            "repeats": max(1, repeats),
            "add_ms_median_per_repeat": per_repeat[size],
            "restore_seconds": round(statistics.median(restores[size]), 2),
            "files_warmed": warm_files,
            "files_read_seconds": (
                round(statistics.median(reads[size]), 2) if reads[size] else None
            ),
            "rebuild_seconds": round(rebuilds[size], 2),
            "peak_rss_mb": peaks[size],
            "exact_check": checks.get(size),
        }
        for size in stores
    ]


def _outcome(decision: Decision) -> tuple[str, list[str]]:
    """A decision as compared between indexes: its story and the articles behind it."""
    return decision.story_id, sorted(link.other for link in decision.links)


def _add_one_by_one(
    store: Store, engine: StoryEngine, articles: Sequence[Article]
) -> tuple[list[float], list[tuple[str, list[str]]]]:
    """Store and cluster ``articles`` one at a time, then take them out again (the next
    repeat starts from synthetic data only, with the index saved before they came); the
    milliseconds of each add and the decisions."""
    times: list[float] = []
    decided: list[tuple[str, list[str]]] = []
    for article in articles:
        start = time.perf_counter()
        store.save_article(article)
        decisions = engine.add([article])
        times.append((time.perf_counter() - start) * 1000)
        decided.extend(_outcome(d) for d in decisions)
    store.write(partial(_forget, ids=[a.id for a in articles]))
    return times, decided


def _exact_check(
    path: Path,
    articles: Sequence[Article],
    approximate: Sequence[tuple[str, list[str]]],
    config: str,
) -> dict[str, Any]:
    """Add ``articles`` to the store at ``path`` with brute-force neighbour search (then
    take them out again) and compare the decisions with ``approximate``."""
    from newsweave.entities.linker import forget_compared_words
    from newsweave.stories.engine import StoryEngine

    forget_compared_words()
    with Store(path) as store:
        _, exact = _add_one_by_one(
            store, StoryEngine(store, config=config, exact_index=True), articles
        )
    pairs = list(zip(approximate, exact, strict=True))
    return {
        "added": len(pairs),
        "same_story": sum(a[0] == b[0] for a, b in pairs),
        "same_links": sum(a == b for a, b in pairs),
    }


def store_files(db: Path) -> list[Path]:
    """The files of the store at ``db``: the database, its write-ahead log and shared
    memory, and what the story engine saves beside it (index, note, view files)."""
    return sorted(p for p in db.parent.glob(f"{db.name}*") if p.is_file())


def read_through(paths: Sequence[Path], *, chunk: int = 1 << 23) -> int:
    """Read ``paths`` once from start to end (so that they sit in the operating system's
    file cache); the bytes read."""
    total = 0
    for path in paths:
        with path.open("rb", buffering=0) as f:
            while block := f.read(chunk):
                total += len(block)
    return total


def _rebuild_seconds(path: Path, config: str) -> float:
    """Seconds to open the store at ``path`` with no saved index (rebuilt from the
    vectors); the index is then saved beside the database for later openings."""
    from newsweave.stories.engine import StoryEngine

    with Store(path) as opened:
        engine = StoryEngine(opened, config=config)
        start = time.perf_counter()
        engine.clusterer()
        seconds = time.perf_counter() - start
        engine.save_index()
    return seconds


def search_latency(
    size: int, workdir: Path, *, config: str = "default", queries: int = 60, seed: int = 11
) -> dict[str, Any]:
    """Hybrid (keyword + semantic) search latency over a store of ``size`` articles."""
    from newsweave.search.engine import search_page
    from newsweave.search.semantic import EmbeddingSearcher

    path = workdir / "search.db"
    with Store(path) as store:
        fill_synthetic(store, size - store.count_articles(), config=config)
    searcher = EmbeddingSearcher(path)
    rng = random.Random(seed)
    times: list[float] = []
    try:
        with Store(path) as store:
            searcher.search("warm-up", 1)  # model and vector matrix load outside the clock
            for _ in range(queries):
                words = " ".join(rng.sample(_WORDS, rng.randint(1, 3)))
                start = time.perf_counter()
                search_page(store, words, limit=10, semantic=searcher)
                times.append((time.perf_counter() - start) * 1000)
    finally:
        searcher.close()
    times.sort()
    return {
        "stored": size,
        "queries": len(times),
        "p50_ms": round(times[len(times) // 2], 1),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
        "max_ms": round(times[-1], 1),
        "semantic_model": searcher.embedder.name,
    }


def _forget(conn: Any, *, ids: Sequence[str]) -> None:
    from newsweave.entities.registry import forget_article

    for article_id in ids:
        forget_article(conn, article_id)
    marks = ",".join("?" * len(ids))
    for sql in (
        f"DELETE FROM story_links WHERE a IN (SELECT story_id FROM story_articles "
        f"WHERE article_id IN ({marks})) OR b IN (SELECT story_id FROM story_articles "
        f"WHERE article_id IN ({marks}))",
        f"DELETE FROM story_articles WHERE article_id IN ({marks})",
        f"DELETE FROM articles_fts WHERE id IN ({marks})",
        f"DELETE FROM articles WHERE id IN ({marks})",
    ):
        params = list(ids) * sql.count(f"({marks})")
        conn.execute(sql, params)


def run_bench(
    *,
    sizes: Sequence[int] = (1_000, 10_000, 100_000),
    corpus: Sequence[Path] | None = None,
    config: str = "default",
    workdir: Path | None = None,
    search_size: int = 10_000,
    rounds: int = 3,
    add_repeats: int = 3,
    warm_files: bool = True,
    check_exact: bool = False,
    progress: ProgressFn | None = None,
) -> dict[str, Any]:
    """Every measurement of this module as one JSON-ready report."""
    from newsweave.demo import demo_corpus_path

    paths = list(corpus) if corpus else [demo_corpus_path()]
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        work = Path(tmp)
        # the two throughputs alternate, `rounds` times each, and the medians are
        # compared: on a shared machine one measurement of each can be 20 % apart. Each
        # runs in a fresh process, so no round finds the texts of an earlier one cached.
        # A third run per round leaves the entity stage out: what entity extraction adds
        # to the default ingest (stories included).
        raws: list[dict[str, Any]] = []
        e2es: list[dict[str, Any]] = []
        bare: list[dict[str, Any]] = []
        without = [s for s in DEFAULT_STAGES if s != ENTITY_STAGE]
        for r in range(max(0, rounds)):
            if progress:
                progress(f"raw embedder and end to end, round {r + 1} of {rounds}")
            raws.append(in_fresh_process(raw_embedder, paths, config=config))
            e2es.append(
                in_fresh_process(end_to_end, paths, work, config=config, name=f"e2e-{r}.db")
            )
            bare.append(
                in_fresh_process(
                    end_to_end, paths, work, config=config, name=f"bare-{r}.db", stages=without
                )
            )
        raw, e2e, e2e_bare = _median_run(raws), _median_run(e2es), _median_run(bare)
        scale = (
            time_to_add(
                sizes,
                paths,
                work,
                config=config,
                progress=progress,
                repeats=add_repeats,
                warm_files=warm_files,
                check_exact=check_exact,
            )
            if sizes
            else []
        )
        if search_size and progress:
            progress(f"search latency at {search_size:,} articles")
        search = search_latency(search_size, work, config=config) if search_size else None
    ratio = _ratio(e2e, raw)
    # each round measures both throughputs minutes apart, under the same machine load
    per_round = [x for e, r in zip(e2es, raws, strict=True) if (x := _ratio(e, r)) is not None]
    growth = (
        round(scale[-1]["add_ms_median"] / scale[0]["add_ms_median"], 3)
        if len(scale) >= 2 and scale[0]["add_ms_median"]
        else None
    )
    # the sizes of one repeat run minutes apart, under the same machine load
    growth_per_repeat = (
        [
            round(big / small, 3)
            for small, big in zip(
                scale[0]["add_ms_median_per_repeat"],
                scale[-1]["add_ms_median_per_repeat"],
                strict=True,
            )
            if small
        ]
        if len(scale) >= 2
        else []
    )
    bare_ratio = _ratio(e2e_bare, e2e)
    entity_overhead = round(bare_ratio - 1.0, 3) if bare_ratio is not None else None
    return {
        "end_to_end": e2e,
        "raw_embedder": raw,
        "end_to_end_vs_embedder": ratio,
        "end_to_end_vs_embedder_per_round": per_round,
        "end_to_end_vs_embedder_round_median": (
            round(statistics.median(per_round), 3) if per_round else None
        ),
        "end_to_end_peak_rss_mb": e2e.get("peak_rss_mb") if e2e else None,
        "end_to_end_without_entities": e2e_bare,
        "entity_overhead": entity_overhead,
        "rounds": {
            "end_to_end_articles_per_second": [x["articles_per_second"] for x in e2es],
            "raw_embedder_articles_per_second": [x["articles_per_second"] for x in raws],
            "without_entities_articles_per_second": [x["articles_per_second"] for x in bare],
        },
        "time_to_add": scale,
        "add_time_growth": growth,
        "add_time_growth_per_repeat": growth_per_repeat,
        "search": search,
        "peak_rss_mb": peak_rss_mb(),
        "corpus": [str(p) for p in paths],
    }


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The run whose throughput is the median of ``runs`` (the lower middle one); None
    when there was no round."""
    if not runs:
        return None
    ranked = sorted(runs, key=lambda x: x["articles_per_second"] or 0.0)
    return ranked[(len(ranked) - 1) // 2]


def _ratio(a: dict[str, Any] | None, b: dict[str, Any] | None) -> float | None:
    """Throughput of run ``a`` over run ``b``, when both ran and have one."""
    if not a or not b or not a["articles_per_second"] or not b["articles_per_second"]:
        return None
    return round(float(a["articles_per_second"]) / float(b["articles_per_second"]), 3)


def in_fresh_process(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` run in a new Python process (a module-level function)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(fn, *args, **kwargs).result()
