"""Which recogniser serves which language, and loading them lazily.

Shipped models live in ``newsweave/data/ner/<lang>/`` (weights, word lists,
``meta.json`` and ``MODEL_CARD.md``). A language without its own model borrows a
related language's (:data:`FALLBACKS`); :func:`ner_languages` says which is used.
Each model is loaded once per process, when a text in its language first needs it, and
kept (an LRU cache larger than the number of shipped models), so a multilingual batch
never reloads one; a model takes about 30-60 MB in memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsweave.entities.ner.crf import META_FILE, CrfModel, read_meta
from newsweave.entities.ner.features import normalise
from newsweave.entities.ner.natasha_backend import DESCRIPTION as NATASHA
from newsweave.entities.ner.natasha_backend import NatashaModel, natasha_available

Recogniser = CrfModel | NatashaModel

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "ner"

# Languages without a model of their own -> the shipped model that serves them, chosen
# for a shared script and close names/orthography; the description says it is borrowed.
FALLBACKS: dict[str, str] = {
    "ca": "es",  # Catalan
    "gl": "pt",  # Galician
    "oc": "fr",  # Occitan
    "lb": "de",  # Luxembourgish
    "af": "nl",  # Afrikaans
    "uk": "ru",  # Ukrainian
    "be": "ru",  # Belarusian
    "bg": "ru",  # Bulgarian
    "ky": "kk",  # Kyrgyz
    "mo": "ro",  # Moldavian (Romanian)
    # No Turkish training data is available offline: the English news model finds
    # Turkish names by shape, context and the gazetteers, and ``borrowed.py`` checks
    # what it finds against the document (sentence openers, apostrophe suffixes).
    "tr": "en",
}

LANGUAGE_NAMES: dict[str, str] = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "kk": "Kazakh",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "tr": "Turkish",
}


@lru_cache(maxsize=8)
def shipped_models(data_dir: Path = DATA_DIR) -> dict[str, Path]:
    """Language -> directory of every model shipped in ``data_dir`` (read once)."""
    if not data_dir.is_dir():
        return {}
    return {
        d.name: d for d in sorted(data_dir.iterdir()) if d.is_dir() and (d / META_FILE).is_file()
    }


def model_language(lang: str) -> str | None:
    """The language whose model tags ``lang`` text, or ``None`` when none fits."""
    shipped = shipped_models()
    if lang in shipped or uses_external(lang):
        return lang
    borrowed = FALLBACKS.get(lang)
    return borrowed if borrowed in shipped else None


def describe(meta: dict[str, Any]) -> str:
    """One line about a model: kind, training data, and its headline score."""
    train = meta.get("train", {})
    names = (
        ", ".join(meta.get("card", {}).get("train_names", []))
        or f"{train.get('sentences')} sentences"
    )
    text = f"CRF trained on {names}"
    if meta.get("e5_tuned"):
        text += " + fine-tuned multilingual-e5-small"
    if meta.get("second_opinion"):
        text += f", with {meta['second_opinion']}'s second opinion on people"
    primary = meta.get("card", {}).get("eval")
    scores = meta.get("scores", {})
    cv = meta.get("cv")
    if cv:
        text += (
            f"; mean F1 {cv['f1']:.3f} (PER/ORG/LOC) in {cv['folds']}-fold cross-validation "
            f"on {cv['file']}"
        )
    elif primary and primary in scores:
        name = meta["card"].get("eval_name", primary)
        text += f"; F1 {scores[primary]['f1']:.3f} (PER/ORG/LOC) on {name}"
    return text


# Languages an installed package's model can serve instead of our CRF. natasha is slower
# than the CRF and scores lower on factRuEval, so it is used only when asked for, by
# listing the language in the environment variable NEWSWEAVE_NER_EXTERNAL (``ru``).
EXTERNAL: dict[str, str] = {"ru": "natasha"}
EXTERNAL_ENV = "NEWSWEAVE_NER_EXTERNAL"


def uses_external(lang: str) -> bool:
    """Whether ``lang`` is tagged by an external package's model rather than ours.

    Only when ``$NEWSWEAVE_NER_EXTERNAL`` names the language (comma-separated) and the
    package is installed.
    """
    return _named_in(EXTERNAL_ENV, lang) and EXTERNAL.get(lang) == "natasha" and natasha_available()


def _named_in(variable: str, lang: str) -> bool:
    """Whether the environment ``variable`` (comma-separated codes) names ``lang``."""
    return lang in {x.strip() for x in os.environ.get(variable, "").split(",")}


# A language's contextual model (``<lang>/contextual/``: its CRF with scores from
# multilingual-e5-small added, from a fine-tuned copy of its upper blocks, see
# :mod:`.e5_tuned`, or a classifier over its token states, see :mod:`.e5_stack`) is more
# accurate and slower to tag. Romanian's is the default (its fine-tuned blocks run in
# 8 bits through onnxruntime, about three times the CRF's cost per article; the plain CRF
# misses the F1 target by far); NEWSWEAVE_NER_PLAIN names languages to tag with the plain
# CRF instead, and NEWSWEAVE_NER_CONTEXTUAL languages whose contextual model is not the
# default but is wanted.
CONTEXTUAL_ENV = "NEWSWEAVE_NER_CONTEXTUAL"
PLAIN_ENV = "NEWSWEAVE_NER_PLAIN"
CONTEXTUAL_BY_DEFAULT = frozenset({"ro"})


def contextual_dir(lang: str, data_dir: Path = DATA_DIR) -> Path:
    """Where ``lang``'s contextual model lives (it may not exist)."""
    return data_dir / lang / "contextual"


def uses_contextual(lang: str) -> bool:
    """Whether ``lang`` is tagged by its contextual model: the model is shipped,
    ``$NEWSWEAVE_NER_PLAIN`` does not name the language, and it is the language's default
    (:data:`CONTEXTUAL_BY_DEFAULT`) or ``$NEWSWEAVE_NER_CONTEXTUAL`` names it (both
    variables comma-separated codes)."""
    if _named_in(PLAIN_ENV, lang) or not (contextual_dir(lang) / META_FILE).is_file():
        return False
    return lang in CONTEXTUAL_BY_DEFAULT or _named_in(CONTEXTUAL_ENV, lang)


def ner_languages() -> dict[str, str]:
    """Every language :func:`recognize` serves, with the model it uses.

    Languages with a shipped model say what it was trained on and how it scores;
    borrowed ones say whose model they use. Languages absent here get no entities.
    """
    out: dict[str, str] = {}
    shipped = shipped_models()
    for lang, path in shipped.items():
        out[lang] = describe(read_meta(path))
        if uses_external(lang):
            out[lang] = f"{NATASHA} (${EXTERNAL_ENV}); without it: {out[lang]}"
        elif uses_contextual(lang):
            contextual = describe(read_meta(contextual_dir(lang)))
            how = "default" if lang in CONTEXTUAL_BY_DEFAULT else f"${CONTEXTUAL_ENV}"
            out[lang] = (
                f"contextual ({how}): {contextual}; the plain CRF (${PLAIN_ENV}={lang}): "
                f"{out[lang]}"
            )
    for lang, other in sorted(FALLBACKS.items()):
        if other in shipped and lang not in shipped:
            name = LANGUAGE_NAMES.get(other, other)
            out[lang] = f"no model of its own; uses the {name} ({other}) model"
            if lang == "tr":
                out[lang] += " (no Turkish training data; untested on Turkish)"
    return out


@lru_cache(maxsize=16)
def load_model(lang: str) -> Recogniser:
    """The recogniser for exactly ``lang`` (loaded once per process).

    An external package's model where :data:`EXTERNAL` names one and it is installed,
    the contextual model where :func:`uses_contextual` says so, else the shipped CRF
    model.
    """
    if uses_external(lang):
        return NatashaModel()
    if uses_contextual(lang):
        return CrfModel(contextual_dir(lang))
    return CrfModel(DATA_DIR / lang)


@lru_cache(maxsize=4)
def load_model_dir(model_dir: Path) -> CrfModel:
    """A model from any directory, such as one ``train_ner`` just wrote (cached)."""
    return CrfModel(model_dir)


def name_word_test(lang: str) -> Callable[[str], bool] | None:
    """Whether a word was seen inside a name in the training text of the model that
    tags ``lang`` (None when no trained model serves it). Loads that model."""
    which = model_language(lang)
    if which is None or uses_external(which):
        return None
    model = load_model(which)
    if not isinstance(model, CrfModel):
        return None
    feats = model.features
    words = feats.entity_words
    return lambda word: normalise(word, feats.lang) in words
