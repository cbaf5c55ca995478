"""Find absolute dates in text: candidate spans by regular expression, parsed by dateparser.

Only spans that name a year and a month (and, in running text, a day) are candidates, so a
weekday ("on Tuesday"), a relative phrase ("last week"), a day without a year ("le 15
mars") or a bare year ("in 1991") never becomes a date. Month names come from dateparser's
own locale data for the languages asked for, plus the Levantine/Iraqi and Maghrebi Arabic
month names that dateparser's Arabic locale lacks. A span with month words is parsed with
``dateparser.parse(span, languages=...)``; numeric spans are read directly.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from newsweave.language.months import EXTRA_MONTHS

Precision = Literal["day", "month"]

MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DAY_SUFFIX = r"(?:er|º|°|\.|-?(?:st|nd|rd|th|го|е|ого))?"
_PARSE_SETTINGS: dict[str, Any] = {
    "PARSERS": ["absolute-time"],
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_MONTH_SETTINGS: dict[str, Any] = {
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_ISO_DAY = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
_ISO_MONTH = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})(?![\d-])")
_NUMERIC = re.compile(r"(?<![\d./])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d])")


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """An absolute date found in a text, with the span that says it."""

    value: str  # ISO: "2022-03-15", or "2022-03" at month precision
    precision: Precision
    span: str
    start: int

    @property
    def as_date(self) -> date:
        """The date (first of the month at month precision), for ordering."""
        year, month, *day = (int(part) for part in self.value.split("-"))
        return date(year, month, day[0] if day else 1)


def supported_languages() -> frozenset[str]:
    """Language codes dateparser knows."""
    from dateparser.data.languages_info import language_order

    return frozenset(language_order)


def find_dates(
    text: str, languages: Sequence[str], *, allow_month: bool = False
) -> list[DateCandidate]:
    """Absolute dates in ``text``, in text order.

    text (str): the text to search.
    languages (Sequence[str]): dateparser language codes (month names and parsing).
    allow_month (bool): also return month-and-year dates ("2022-01", "janvier 2022"),
        for metadata and scraped header lines; running text needs a full date.
    RETURNS (list[DateCandidate]): the dates found, overlapping spans removed.
    """
    found: list[DateCandidate] = []
    taken: list[tuple[int, int]] = []

    def add(candidate: DateCandidate | None, start: int, end: int) -> None:
        if candidate is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(candidate)

    for m in _ISO_DAY.finditer(text):
        add(_from_parts(m.group(1), m.group(2), m.group(3), m), m.start(), m.end())
    for m in _NUMERIC.finditer(text):
        add(_from_numeric(m, languages), m.start(), m.end())
    day_first, month_first, month_year = _month_patterns(tuple(languages))
    for pattern in (day_first, month_first):
        for m in pattern.finditer(text):
            add(_from_words(m, languages), m.start(), m.end())
    if allow_month:
        for m in _ISO_MONTH.finditer(text):
            add(_from_parts(m.group(1), m.group(2), None, m), m.start(), m.end())
        for m in month_year.finditer(text):
            add(_from_words(m, languages, month_only=True), m.start(), m.end())
    return sorted(found, key=lambda c: c.start)


def _from_parts(year: str, month: str, day: str | None, m: re.Match[str]) -> DateCandidate | None:
    value = _iso(int(year), int(month), int(day) if day is not None else None)
    if value is None:
        return None
    return DateCandidate(value, "day" if day is not None else "month", m.group(0), m.start())


def _from_numeric(m: re.Match[str], languages: Sequence[str]) -> DateCandidate | None:
    first, sep, second, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
    if sep == "/" and first <= 12 and second <= 12 and first != second and "en" in languages:
        return None  # 03/04/2022 is March in the US, April elsewhere: no guess
    day, month = (second, first) if (sep == "/" and second > 12) else (first, second)
    value = _iso(year, month, day)
    return None if value is None else DateCandidate(value, "day", m.group(0), m.start())


def _from_words(
    m: re.Match[str], languages: Sequence[str], *, month_only: bool = False
) -> DateCandidate | None:
    import dateparser

    span = m.group(0)
    parts = m.groupdict()
    # Day, month word and year only: dateparser stumbles on "1-го", "1er", "de" links.
    readable = " ".join(parts[key] for key in ("day", "month", "year") if parts.get(key)).translate(
        _ARABIC_DIGITS
    )
    settings = _MONTH_SETTINGS if month_only else _PARSE_SETTINGS
    parsed = dateparser.parse(readable, languages=list(languages), settings=settings)
    if parsed is not None:
        value = _iso(parsed.year, parsed.month, None if month_only else parsed.day)
    else:
        value = _from_extra_months(m, languages, month_only=month_only)
    if value is None:
        return None
    return DateCandidate(value, "month" if month_only else "day", span, m.start())


def _from_extra_months(
    m: re.Match[str], languages: Sequence[str], *, month_only: bool
) -> str | None:
    """Month names dateparser lacks (see EXTRA_MONTHS), read from the table."""
    groups = m.groupdict()
    word = groups.get("month") or ""
    number = None
    for lang in languages:
        number = EXTRA_MONTHS.get(lang, {}).get(word)
        if number is not None:
            break
    if number is None:
        return None
    year = int(groups["year"].translate(_ARABIC_DIGITS))
    if month_only:
        return _iso(year, number, None)
    return _iso(year, number, int(groups["day"].translate(_ARABIC_DIGITS)))


def _iso(year: int, month: int, day: int | None) -> str | None:
    try:
        checked = date(year, month, day or 1)
    except ValueError:
        return None
    return checked.isoformat() if day is not None else checked.isoformat()[:7]


@lru_cache(maxsize=64)
def _month_patterns(
    languages: tuple[str, ...],
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = sorted(set(_month_words(languages)), key=len, reverse=True)
    months = "|".join(re.escape(w) for w in words) or r"(?!x)x"
    month = rf"(?P<month>{months})\.?"
    day = rf"(?P<day>\d{{1,2}}){_DAY_SUFFIX}"
    year = r"(?P<year>\d{4})(?!\d)"
    link = r"(?:\s+(?:de|del|of|من)\s+|,?\s+)"
    day_first = rf"(?<!\w){day}{link}{month}{link}{year}"
    month_first = rf"(?<!\w){month}\s+{day},?\s+{year}"
    month_year = rf"(?<!\w){month}{link}{year}"
    flags = re.IGNORECASE
    return (
        re.compile(day_first, flags),
        re.compile(month_first, flags),
        re.compile(month_year, flags),
    )


def _month_words(languages: Iterable[str]) -> Iterable[str]:
    for lang in languages:
        yield from EXTRA_MONTHS.get(lang, {})
        info = _locale_info(lang)
        for key in MONTH_KEYS:
            for word in info.get(key, []):
                if len(word) >= 3 and "." not in word:
                    yield word


@lru_cache(maxsize=64)
def _locale_info(lang: str) -> dict[str, Any]:
    try:
        module = importlib.import_module(f"dateparser.data.date_translation_data.{lang}")
    except ImportError:
        return {}
    info: dict[str, Any] = module.info
    return info
