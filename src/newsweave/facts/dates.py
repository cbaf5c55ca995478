"""Dates written with month names ("15 mars", "March 15, 2022", "أغسطس 2021") or in ISO form.

Month names come from CLDR through ``babel`` (wide and abbreviated, format and
stand-alone forms) plus the regional Arabic month names of
:mod:`newsweave.language.months`, so every language babel knows is covered. Numeric
dates like ``17/05/2018`` are left to the number reader: their order (day/month or
month/day) cannot be told from the text alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsweave.facts.normalize import fold
from newsweave.language.months import EXTRA_MONTHS

_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?![\d-])")


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    year: int | None
    month: int
    day: int | None

    @property
    def iso(self) -> str:
        """ISO 8601, partial when a part is missing ("2021-08", "--03-15")."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def value(self) -> float:
        """A sortable number: YYYYMMDD with zeros for missing parts."""
        return float((self.year or 0) * 10000 + self.month * 100 + (self.day or 0))


@lru_cache(maxsize=32)
def month_names(lang: str) -> dict[str, int]:
    """Folded month names of ``lang`` → month number."""
    from babel import Locale, UnknownLocaleError

    out: dict[str, int] = {}
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return out
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for num, name in locale.months[context][width].items():
                key = fold(name).rstrip(".")
                if len(key) >= 3:
                    out[key] = int(num)
    if lang in EXTRA_MONTHS:
        out.update({fold(k): v for k, v in EXTRA_MONTHS.get(lang, {}).items()})
    return out


@lru_cache(maxsize=32)
def _month_regex(lang: str) -> re.Pattern[str] | None:
    names = month_names(lang)
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    day = r"(?:(?P<d1>[0-3]?\d)(?:er|st|nd|rd|th|º|\.)?\s+(?:de\s+)?)"
    year = r"(?:,?\s+(?:de\s+|del\s+)?(?P<y>(?:1[6-9]|20|21)\d\d)(?!\d))"
    pattern = (
        r"(?<![\w])(?:" + day + r")?(?P<m>" + alternatives + r")\.?"
        r"(?:\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]\d))?" + year + r"?(?![\w])"
    )
    return re.compile(pattern)


def find_dates(text: str, folded: str, lang: str) -> list[DateMention]:
    """Dates in ``text``; ``folded`` is ``text`` folded character for character."""
    out: list[DateMention] = []
    regex = _month_regex(lang)
    if regex is not None:
        for m in regex.finditer(folded):
            month = month_names(lang)[m.group("m")]
            day_s = m.group("d1") or m.group("d2")
            day = int(day_s) if day_s and 1 <= int(day_s) <= 31 else None
            year = int(m.group("y")) if m.group("y") else None
            if day is None and year is None:
                continue
            start, end = m.start(), m.end()
            if day is None and m.group("d1") is None:
                start = m.start("m")
            out.append(DateMention(start, end, year, month, day))
    for m in _ISO.finditer(text):
        day = int(m.group(3)) if m.group(3) else None
        out.append(DateMention(m.start(), m.end(), int(m.group(1)), int(m.group(2)), day))
    out.sort(key=lambda d: d.start)
    return out


def fold_same_length(text: str) -> str:
    """``text`` folded character by character, keeping its length (for regex offsets)."""
    chars = []
    for ch in text:
        f = fold(ch)
        chars.append(f if len(f) == 1 else ch.lower() if len(ch.lower()) == 1 else ch)
    return "".join(chars)
