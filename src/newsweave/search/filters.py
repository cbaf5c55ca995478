"""Filters over articles (language, date range, story, entity) as SQL conditions.

Language and dates are columns of ``articles``. Story and entity filters join tables that
other capabilities create; each is a :class:`RelationFilter` that names the table and
columns it needs, and applies only when they exist. A capability whose tables differ
registers its own with :func:`register_relation_filter`.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.search.schema import has_columns

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_LANG = re.compile(r"^[a-z]{2,3}$")


class FilterError(NewsweaveError):
    """A filter value that cannot be used (a malformed date or language code)."""


class FilterUnavailableError(FilterError):
    """A filter whose data this database does not hold yet (no story or entity tables)."""


@dataclass(frozen=True, slots=True)
class RelationFilter:
    """A filter that keeps articles related to one record of another table.

    ``condition`` is SQL over the article alias ``{a}`` with one ``?`` for the value.
    """

    name: str
    table: str
    columns: tuple[str, ...]
    condition: str
    unavailable: str

    def available(self, conn: sqlite3.Connection) -> bool:
        return has_columns(conn, self.table, self.columns)


RELATION_FILTERS: dict[str, RelationFilter] = {}


def register_relation_filter(spec: RelationFilter) -> None:
    """Add or replace the relation filter called ``spec.name``."""
    RELATION_FILTERS[spec.name] = spec


register_relation_filter(
    RelationFilter(
        name="story",
        table="story_articles",
        columns=("article_id", "story_id"),
        condition="{a}.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
        unavailable="filtering by story needs stories, and this database has none yet "
        "(cluster the articles first)",
    )
)
register_relation_filter(
    RelationFilter(
        name="entity",
        table="entity_mentions",
        columns=("article_id", "entity_id"),
        condition="{a}.id IN (SELECT article_id FROM entity_mentions WHERE entity_id = ?)",
        unavailable="filtering by entity needs entity mentions, and this database has none "
        "yet (ingest with the entity stages first)",
    )
)


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    """What a reader narrowed a listing or a search to; ``None`` means no constraint.

    Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. An article whose date is partial
    (``2022-01``) is kept when its period overlaps the range. Articles without a date are
    left out as soon as a date bound is given.
    """

    lang: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    story: str | None = None

    def validate(self) -> None:
        """Raise :class:`FilterError` naming the first malformed value."""
        if self.lang is not None and not _LANG.match(self.lang):
            raise FilterError(f"{self.lang!r}: not a language code (use ISO 639-1, e.g. 'fr')")
        for label, value in (("from", self.date_from), ("to", self.date_to)):
            if value is not None and not _DATE.match(value):
                raise FilterError(f"{label} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        if self.date_from and self.date_to and self.date_from[:10] > self.date_to[:10] + "\uffff":
            raise FilterError(f"from {self.date_from} is after to {self.date_to}")

    def sql(self, conn: sqlite3.Connection, alias: str = "a") -> tuple[list[str], list[Any]]:
        """SQL conditions on the article alias and their parameters (validated first)."""
        self.validate()
        where: list[str] = []
        params: list[Any] = []
        if self.lang:
            where.append(f"{alias}.lang = ?")
            params.append(self.lang)
        if self.date_from:
            # the article's period ends on or after the bound
            where.append(f"substr(?, 1, length({alias}.published)) <= {alias}.published")
            params.append(self.date_from)
        if self.date_to:
            # the article's period starts on or before the bound
            where.append(f"substr({alias}.published, 1, length(?)) <= ?")
            params.extend([self.date_to, self.date_to])
        for name, value in (("story", self.story), ("entity", self.entity)):
            if value is None:
                continue
            spec = RELATION_FILTERS[name]
            if not spec.available(conn):
                raise FilterUnavailableError(spec.unavailable)
            where.append(spec.condition.format(a=alias))
            params.append(value)
        return where, params

    @property
    def active(self) -> bool:
        values = (self.lang, self.date_from, self.date_to, self.entity, self.story)
        return any(v is not None for v in values)
