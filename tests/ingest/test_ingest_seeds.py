"""Acceptance on the seed corpus (../shared/seeds): the scraped noise is gone, nothing else.

Skipped when the shared folder is absent. The seeds are read, never copied: the checks
use rule names, kinds and line numbers, not the seeds' sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.article import Article
from newsweave.ingest.clean import clean_article, split_lines
from newsweave.ingest.dates import date_article
from newsweave.ingest.noise_rules import fold
from newsweave.ingest.readers import iter_inputs

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"

pytestmark = [
    pytest.mark.seeds,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent"),
]

# Language of each seed as the spec table gives it (the language stage is another module).
LANGS = {"000": "ar", "001": "ar", "002": "pt", "003": "fr", "004": "ro"}
EXPECTED_REMOVALS = {
    "000": [],
    "001": [("related", "related.ar.topic")],
    "002": [("header", "header.*.date_stamp")],
    "003": [
        ("duplicate_title", "duplicate_title.*.repeated_top_line"),
        ("read_also", "read_also.fr.imperative"),
        ("disclosure", "disclosure.fr.label"),
    ],
    "004": [],
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles: dict[str, Article] = {}
    for item in iter_inputs(sorted(SEEDS.glob("0*.txt"))):
        assert isinstance(item, Article), item
        key = Path(item.source).name[:3]
        item.lang = LANGS[key]
        articles[key] = date_article(clean_article(item))
    assert sorted(articles) == sorted(LANGS)
    return articles


@pytest.mark.parametrize("key", sorted(LANGS))
def test_seeds_exactly_the_noise_is_removed(seeds: dict[str, Article], key: str) -> None:
    article = seeds[key]
    assert [(r.kind, r.rule) for r in article.removed] == EXPECTED_REMOVALS[key]
    # Every other non-empty line survives, in order and unchanged.
    dropped = {r.line for r in article.removed}
    kept = [
        line
        for i, line in enumerate(split_lines(article.text))
        if line.strip() and i not in dropped
    ]
    assert [line for line in article.clean_text.split("\n") if line.strip()] == kept


def test_seeds_noise_lines_are_gone(seeds: dict[str, Article]) -> None:
    def lines(key: str) -> list[str]:
        return [fold(line).casefold() for line in seeds[key].clean_text.split("\n")]

    assert not any(line.startswith("date 20") for line in lines("002"))
    assert seeds["002"].removed[0].line == 0
    assert not any("lire aussi" in line for line in lines("003"))
    assert not any(line.startswith("divulgation") for line in lines("003"))
    assert not any("ذو علاقة" in line for line in lines("001"))
    # The repeated title is dropped once; the title itself stays.
    assert seeds["003"].title is not None
    assert sum(line == fold(seeds["003"].title).casefold() for line in lines("003")) == 1


def test_seeds_titles_are_conservative(seeds: dict[str, Article]) -> None:
    assert {k for k, a in seeds.items() if a.title} == {"001", "003"}


def test_seeds_publication_dates(seeds: dict[str, Article]) -> None:
    found = {k: (a.published, a.published_from) for k, a in seeds.items()}
    assert found == {
        "000": (None, "unknown"),  # "last week" and a year-end are not a date
        "001": (None, "unknown"),  # a weekday and months without a day
        "002": ("2022-01", "content"),  # the scraped header line
        "003": (None, "unknown"),  # "le 15 mars" has no year: none is invented
        "004": (None, "unknown"),  # a weekday only
    }
    assert seeds["002"].meta["published_evidence"] == "2022-01"
