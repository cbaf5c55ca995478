"""Named, versioned, swappable stages and the ordered pipeline that runs them.

A stage is any callable ``Article -> Article`` registered under a versioned name
(``"clean.noise.v1"``). The pipeline is built from a list of names, so a user can
drop or swap a stage without touching code::

    pipe = Pipeline.from_names(["clean.noise.v1", "language.detect.v1"])
    article = pipe(article)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from newsweave.article import Article
from newsweave.errors import PipelineError


@runtime_checkable
class Stage(Protocol):
    """Anything that takes an article and returns it extended."""

    def __call__(self, article: Article) -> Article: ...


@dataclass(frozen=True, slots=True)
class StageInfo:
    name: str
    factory: Callable[[], Stage]
    assigns: tuple[str, ...]
    requires: tuple[str, ...]
    doc: str


_REGISTRY: dict[str, StageInfo] = {}

# The stages an ingest runs when nothing else is configured, in order.
DEFAULT_STAGES: list[str] = [
    "clean.noise.v1",
    "language.detect.v1",
    "dates.published.v1",
    "entities.recognize.v1",
    "facts.extract.v1",
    "quotes.extract.v1",
]


def register_stage(
    name: str,
    *,
    assigns: Iterable[str] = (),
    requires: Iterable[str] = (),
) -> Callable[[Callable[[], Stage]], Callable[[], Stage]]:
    """Register a stage factory under a versioned name.

    The factory is called once per pipeline, so heavy models load lazily and only
    when their stage is used.
    """

    def deco(factory: Callable[[], Stage]) -> Callable[[], Stage]:
        if name in _REGISTRY and _REGISTRY[name].factory is not factory:
            raise PipelineError(f"stage {name!r} is registered twice")
        _REGISTRY[name] = StageInfo(
            name=name,
            factory=factory,
            assigns=tuple(assigns),
            requires=tuple(requires),
            doc=(factory.__doc__ or "").strip().splitlines()[0] if factory.__doc__ else "",
        )
        return factory

    return deco


def _load_builtin_stages() -> None:
    # Importing these modules registers their stages.
    import newsweave.stages  # noqa: F401


def registered_stages() -> dict[str, StageInfo]:
    _load_builtin_stages()
    return dict(_REGISTRY)


class Pipeline:
    """An ordered list of named stages; calling it runs each stage on the article."""

    def __init__(self, stages: list[tuple[str, Stage]]) -> None:
        self.stages = stages

    @classmethod
    def from_names(cls, names: Iterable[str] | None = None) -> Pipeline:
        reg = registered_stages()
        built: list[tuple[str, Stage]] = []
        for name in names if names is not None else DEFAULT_STAGES:
            if name not in reg:
                known = ", ".join(sorted(reg))
                raise PipelineError(f"unknown stage {name!r}; known stages: {known}")
            built.append((name, reg[name].factory()))
        return cls(built)

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.stages]

    def __call__(self, article: Article) -> Article:
        with one_blas_thread():
            for name, stage in self.stages:
                result = stage(article)
                if not isinstance(result, Article):
                    kind = type(result).__name__
                    raise PipelineError(f"stage {name!r} returned {kind}, not Article")
                result.stages.append(name)
                article = result
        return article


def one_blas_thread() -> AbstractContextManager[Any]:
    """numpy's BLAS held to one thread for the length of a ``with`` block.

    The stages' matrix products are small, and after each one OpenBLAS's worker threads
    spin, waiting for more, for about a tenth of a second. Running the default stages
    over the demo articles and the seeds, that doubled the CPU time of every stage
    (wall-clock time unchanged) and took a core from the embedder working beside them.
    Every BLAS library loaded at the time is limited (a tenth of a millisecond to find
    them: libraries loaded later, such as SciPy's own, are found too).
    """
    from threadpoolctl import threadpool_limits

    limit: AbstractContextManager[Any] = threadpool_limits(limits=1, user_api="blas")
    return limit
