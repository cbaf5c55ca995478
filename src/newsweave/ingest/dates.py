"""The publication date of an article, with where it came from.

Order of evidence:

1. metadata (a feed's ``pubDate``, an HTML ``article:published_time``, a record's
   ``published``), normalised to ISO: ``published_from="metadata"``;
2. a scraped header line the cleaner removed (``date 2022-01 … edit``), at day or month
   precision: ``published_from="content"``;
3. the latest full date (day, month, year) in the cleaned text that is neither in the
   future nor before :data:`EARLIEST_YEAR`: ``published_from="content"``;
4. otherwise nothing: ``published=None``, ``published_from="unknown"``.

Nothing is invented: a weekday, "last week", a day without a year and a bare year are
not dates. ``article.meta["published_evidence"]`` holds the text that gave the date.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from newsweave.article import Article
from newsweave.ingest.date_candidates import DateCandidate, find_dates, supported_languages

# Languages tried when the article's language is unknown or unsupported by dateparser.
FALLBACK_LANGUAGES: tuple[str, ...] = ("en", "fr", "pt", "es", "ro", "de", "ru", "ar")
# A full date in running text older than this is history, not the publication date.
EARLIEST_YEAR = 1990
EVIDENCE_KEY = "published_evidence"

_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:$|[T\s])")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})\b")
_YEAR_ONLY = re.compile(r"^\d{4}$")
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],  # never "yesterday" or a timestamp
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def date_article(article: Article, *, today: date | None = None) -> Article:
    """Set ``published`` and ``published_from`` on the article and return it.

    article (Article): a cleaned article (``clean_text`` and ``removed`` set); ``lang``
        may be None.
    today (date | None): the reference for "not in the future"; defaults to today (UTC).
    RETURNS (Article): the same article.
    """
    languages = date_languages(article.lang or article.declared_lang)
    reference = today or datetime.now(UTC).date()
    article.meta.pop(EVIDENCE_KEY, None)
    if article.published and article.published_from != "content":
        normalised = normalise_date(article.published, languages=languages)
        if normalised is not None:
            article.meta[EVIDENCE_KEY] = article.published
            article.published = normalised
            article.published_from = "metadata"
            return article
        article.meta["published_unparsed"] = article.published
    found = date_from_content(article, languages=languages, today=reference)
    if found is None:
        article.published = None
        article.published_from = "unknown"
        return article
    article.published = found.value
    article.published_from = "content"
    article.meta[EVIDENCE_KEY] = found.span
    return article


def date_from_content(
    article: Article, *, languages: Sequence[str], today: date
) -> DateCandidate | None:
    """The publication date the content gives: a scraped header first, then the text."""
    for removal in article.removed:
        if removal.kind != "header":
            continue
        for candidate in find_dates(removal.text, languages, allow_month=True):
            if _plausible(candidate, today):
                return candidate
    in_text = [c for c in find_dates(article.clean_text, languages) if _plausible(c, today)]
    if not in_text:
        return None
    return max(in_text, key=lambda c: (c.as_date, -c.start))


def normalise_date(value: str, *, languages: Sequence[str] = FALLBACK_LANGUAGES) -> str | None:
    """A metadata date as ISO: ``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known.

    Accepts ISO 8601 (time and zone dropped, the date kept as written), ``YYYY/MM/DD``,
    ``YYYYMMDD``, RFC 822 feed dates and written dates in the given languages. A bare
    year, or anything unreadable, gives None.
    """
    text = value.strip()
    if not text or _YEAR_ONLY.match(text):
        return None
    for pattern in (_ISO_PREFIX, _COMPACT, _SLASHED):
        m = pattern.match(text)
        if m:
            return _checked(int(m.group(1)), int(m.group(2)), m.group(3))
    if any(ch.isalpha() for ch in text):
        parts = email.utils.parsedate_tz(text)
        if parts is not None and parts[0] > 0:
            return _checked(parts[0], parts[1], str(parts[2]))
    found = find_dates(text, languages, allow_month=True)
    if found:
        return found[0].value
    import dateparser

    parsed = dateparser.parse(text, languages=list(languages), settings=_DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed is not None else None


def date_languages(lang: str | None) -> tuple[str, ...]:
    """The dateparser languages for an article language (the fallback set when unknown)."""
    if lang:
        code = lang.lower()
        known = supported_languages()
        if code in known:
            return (code,)
        primary = code.split("-")[0]
        if primary in known:
            return (primary,)
    return FALLBACK_LANGUAGES


def _checked(year: int, month: int, day: str | None) -> str | None:
    try:
        checked = date(year, month, int(day) if day else 1)
    except ValueError:
        return None
    return checked.isoformat() if day else checked.isoformat()[:7]


def _plausible(candidate: DateCandidate, today: date) -> bool:
    when = candidate.as_date
    return when.year >= EARLIEST_YEAR and when <= today
