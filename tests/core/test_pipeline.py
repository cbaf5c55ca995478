from __future__ import annotations

import pytest

from newsweave.article import Article
from newsweave.errors import PipelineError
from newsweave.pipeline import DEFAULT_STAGES, Pipeline, registered_stages


def test_pipeline_default_stages_are_registered() -> None:
    reg = registered_stages()
    for name in DEFAULT_STAGES:
        assert name in reg
        assert reg[name].doc


def test_pipeline_unknown_stage_names_the_known_ones() -> None:
    with pytest.raises(PipelineError, match=r"clean\.noise\.v1"):
        Pipeline.from_names(["no.such.v9"])


def test_pipeline_records_stage_names_and_checks_type() -> None:
    def upper(a: Article) -> Article:
        a.clean_text = a.clean_text.upper()
        return a

    pipe = Pipeline([("upper.v1", upper)])
    out = pipe(Article(text="abc", source="s"))
    assert out.clean_text == "ABC"
    assert out.stages == ["upper.v1"]

    bad = Pipeline([("bad.v1", lambda a: "nope")])  # type: ignore[list-item,arg-type,return-value]
    with pytest.raises(PipelineError, match=r"bad\.v1"):
        bad(Article(text="abc", source="s"))


def test_stages_run_with_numpy_blas_on_one_thread() -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    seen: list[list[int]] = []

    def blas_threads() -> list[int]:
        info = threadpoolctl.threadpool_info()
        return [int(i["num_threads"]) for i in info if i["user_api"] == "blas"]

    def probe(article: Article) -> Article:
        seen.append(blas_threads())
        return article

    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        if not blas_threads():
            pytest.skip("numpy uses no BLAS library threadpoolctl can see")
        Pipeline([("probe", probe)])(Article(text="Some text.", source="test"))
        assert seen == [[1] * len(blas_threads())]
        assert set(blas_threads()) == {2}  # restored after the stages
