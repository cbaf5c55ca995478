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
