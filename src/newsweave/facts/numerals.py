"""Numbers written with digits, read with the separators of the text's language.

Separators are ambiguous between languages: ``1.234`` is one thousand two hundred and
thirty-four in German and one point two three four in English. The rules:

* Spaces (normal, no-break, narrow no-break, thin) group thousands in every language
  when each group after the first has exactly three digits (``40 000``, ``1 234 567``).
* In decimal-point languages (``en``, ``ar``) ``,`` and ``٬`` group thousands when the
  next group has exactly three digits, otherwise ``,`` is a decimal comma (``1,3``);
  ``.`` and ``٫`` are decimal marks.
* In decimal-comma languages (``de``, ``fr``, ``es``, ``pt``, ``ro``, ``ru`` …) ``.``
  groups thousands when the next group has exactly three digits, otherwise it is a
  decimal point (``5.00``); ``,`` and ``٫`` are decimal marks.
* A separator repeated with groups that are not all three digits long makes a list
  (``22,24,26``; ``192.168.1.2``), not one number.

Digits of any script are read after :func:`~newsweave.facts.normalize.ascii_digits`,
so offsets are those of the original text.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

from newsweave.facts.normalize import GROUP_SPACES, INVISIBLE

_SEP_CHARS = ".,'\u066b\u066c\u060c" + GROUP_SPACES
_INV = "[" + INVISIBLE + "]*"
_RUN = re.compile(r"\d+(?:" + _INV + "[" + re.escape(_SEP_CHARS) + "]" + _INV + r"\d+)*")
_LEAD_DECIMAL = re.compile(r"(?<![\w.,\u066b\u066c])[.,\u066b](\d+)")
_EXPONENT = re.compile(r"[eE]([+-]?)(\d+)(?![\w])")
_POWER = re.compile(r"\^([+-]*)(\d+(?:[.,]\d+)?)")
_RTL_POWER = re.compile(r"(-+)\^(\d+(?:[.,]\d+)?)")
_SLASH = re.compile(r"[ \t]*[/⁄][ \t]*(\d+)(?![\d/⁄])")
_SIGN_GLUED = re.compile(r"(?:^|(?<=[\s(\[«\"“]))[-−]$")
_SIGN_SPACED = re.compile(r"(?:^|(?<=\n))[ \t]*[-−][ \t]+$")

_POINT_LANGS = frozenset({"en", "ar", "he", "zh", "ja", "ko", "hi", "fa", "ur", "th"})


@dataclass(slots=True)
class Numeral:
    """One number written with digits."""

    start: int
    end: int
    value: float
    is_int: bool  # written without a fractional part
    grouped: bool  # written with thousands separators
    digits: int  # digits before the decimal mark (for year detection)
    fraction: bool = False  # "3/4", "2 1/4"
    exponent: bool = False  # "1e10", "1.1^23"
    negative: bool = False


def _seps(lang: str) -> tuple[str, str]:
    """(thousands characters, decimal characters) of a language, spaces aside."""
    if lang in _POINT_LANGS:
        return ",\u066c\u060c", ".\u066b,"
    return ".\u066c'", ",\u066b."


def _split_run(text: str, start: int, end: int) -> tuple[list[str], list[str], list[int]]:
    groups: list[str] = []
    seps: list[str] = []
    starts: list[int] = []
    i = start
    while i < end:
        j = i
        while j < end and text[j].isdigit():
            j += 1
        groups.append(text[i:j])
        starts.append(i)
        if j < end:
            # one separator, possibly wrapped in invisible bidi controls
            k = j
            while k < end and not text[k].isdigit():
                k += 1
            visible = [c for c in text[j:k] if c not in INVISIBLE]
            seps.append(visible[0] if visible else "")
            i = k
        else:
            i = j
    return groups, seps, starts


def _list_seps(groups: list[str], seps: list[str]) -> set[str]:
    """Separators used as list commas: repeated, with groups that are not all 3 digits."""
    out: set[str] = set()
    for sep in set(seps):
        if sep in GROUP_SPACES:
            continue
        idx = [k for k, s in enumerate(seps) if s == sep]
        if len(idx) >= 2 and any(len(groups[k + 1]) != 3 for k in idx):
            out.add(sep)
    return out


def _read_run(
    text: str, start: int, end: int, lang: str
) -> list[tuple[int, int, float, bool, bool, int]]:
    """Split one digit run into numbers: (start, end, value, is_int, grouped, int digits)."""
    groups, seps, starts = _split_run(text, start, end)
    thousands, decimals = _seps(lang)
    listed = _list_seps(groups, seps)
    out: list[tuple[int, int, float, bool, bool, int]] = []
    i = 0
    m = len(groups) - 1
    while i <= m:
        int_digits = groups[i]
        frac = ""
        group_sep: str | None = None
        j = i
        while j < m:
            sep, nxt = seps[j], groups[j + 1]
            first_ok = j > i or len(groups[i]) <= 3
            if sep in listed:
                break
            if sep in GROUP_SPACES:
                if len(nxt) == 3 and first_ok and group_sep in (None, " "):
                    group_sep = " "
                    int_digits += nxt
                    j += 1
                    continue
                break
            if sep in thousands and len(nxt) == 3 and first_ok and group_sep in (None, sep):
                group_sep = sep
                int_digits += nxt
                j += 1
                continue
            if (
                sep in decimals
                and sep != group_sep
                and not (sep == "." and lang not in _POINT_LANGS and len(nxt) == 3)
            ):
                frac = nxt
                j += 1
            break
        s = starts[i]
        e = starts[j] + len(groups[j])
        value = float(f"{int(int_digits)}.{frac}") if frac else float(int(int_digits))
        out.append((s, e, value, not frac, group_sep is not None, len(int_digits)))
        i = j + 1
    return out


_RTL = frozenset({"ar", "fa", "ur", "he"})


def scan_numerals(text: str, lang: str) -> list[Numeral]:
    """Every number written with digits in ``text`` (digits already ASCII), in order."""
    found: list[Numeral] = []
    taken_until = 0
    for m in _RUN.finditer(text):
        if m.start() < taken_until:
            continue
        for s, e, value, is_int, grouped, ndig in _read_run(text, m.start(), m.end(), lang):
            found.append(Numeral(s, e, value, is_int, grouped, ndig))
    for m in _LEAD_DECIMAL.finditer(text):
        if any(n.start <= m.start() < n.end for n in found):
            continue
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        found.append(Numeral(m.start(), m.end(), float("0." + m.group(1)), False, False, 0))
    found.sort(key=lambda n: n.start)
    out: list[Numeral] = []
    k = 0
    while k < len(found):
        num = found[k]
        k = _extend(text, found, k, num, out, lang in _RTL)
    return out


def _extend(
    text: str, found: list[Numeral], k: int, num: Numeral, out: list[Numeral], rtl: bool
) -> int:
    """Attach sign, exponent, power and slash fractions to ``found[k]``; return next index.

    In right-to-left text a mixed number may come fraction first ("١/٤ ٢" = 2 1/4).
    """
    nxt = k + 1
    # right-to-left power written in visual order: "-١-^٢٥٠٠" is -(2500^-1)
    rev = _RTL_POWER.match(text, num.end) if rtl else None
    if rev and nxt < len(found) and found[nxt].start == rev.start(2):
        _apply_sign(text, num)
        mantissa = found[nxt].value
        exponent = abs(num.value) * (-1 if rev.group(1).count("-") % 2 else 1)
        sign = -1.0 if num.negative else 1.0
        try:
            num.value = sign * mantissa**exponent
        except (OverflowError, ZeroDivisionError):
            num.value = sign * mantissa
        num.end = found[nxt].end
        num.exponent = True
        num.is_int = False
        out.append(num)
        return nxt + 1
    # exponent and power
    m = _EXPONENT.match(text, num.end)
    if m and nxt < len(found) and found[nxt].start == m.start(2):
        exp = int(m.group(2)) * (-1 if m.group(1) == "-" else 1)
        num.value = num.value * (10.0**exp)
        num.end = m.end()
        num.exponent = True
        num.is_int = num.value.is_integer()
        nxt += 1
    else:
        p = _POWER.match(text, num.end)
        if p and nxt < len(found) and found[nxt].start == p.start(2):
            exp_val = float(p.group(2).replace(",", "."))
            sign = -1 if p.group(1).count("-") % 2 else 1
            with contextlib.suppress(OverflowError, ZeroDivisionError):
                num.value = num.value ** (sign * exp_val)
            num.end = found[nxt].end
            num.exponent = True
            num.is_int = False
            nxt += 1
    # slash fractions: "3/4"; mixed numbers "2 1/4"; a chain "5/17/2018" stays three numbers
    if num.is_int and not num.exponent:
        before_slash = num.start > 0 and text[num.start - 1] in "/⁄"
        s = _SLASH.match(text, num.end)
        if s and not before_slash and nxt < len(found) and found[nxt].start == s.start(1):
            den = found[nxt]
            if den.is_int and 0 < num.value < den.value <= 1000:
                num.value = num.value / den.value
                num.end = den.end
                num.fraction = True
                num.is_int = False
                nxt += 1
                whole = found[nxt] if nxt < len(found) else None
                gap = text[num.end : whole.start] if whole else ""
                if (
                    rtl
                    and whole is not None
                    and whole.is_int
                    and gap.strip(" \t") == ""
                    and 0 < len(gap) <= 2
                    and not _SLASH.match(text, whole.end)
                ):
                    num.value += whole.value
                    num.end = whole.end
                    nxt += 1
        elif nxt < len(found):
            # mixed number: integer, spaces, small fraction
            cand = found[nxt]
            gap = text[num.end : cand.start]
            s2 = _SLASH.match(text, cand.end)
            if (
                gap.strip(" \t") == ""
                and len(gap) > 0
                and cand.is_int
                and s2
                and nxt + 1 < len(found)
                and found[nxt + 1].start == s2.start(1)
                and found[nxt + 1].is_int
                and 0 < cand.value < found[nxt + 1].value <= 1000
                and not _SLASH.match(text, found[nxt + 1].end)
            ):
                num.value = num.value + cand.value / found[nxt + 1].value
                num.end = found[nxt + 1].end
                num.fraction = True
                num.is_int = False
                nxt += 2
    _apply_sign(text, num)
    out.append(num)
    return nxt


def _apply_sign(text: str, num: Numeral) -> None:
    """Make ``num`` negative when a minus sign stands before it.

    "-1" counts after a space or at the start; "- 1" only at the start of a line.
    """
    head = text[max(0, num.start - 12) : num.start]
    glued = _SIGN_GLUED.search(head)
    spaced = _SIGN_SPACED.search(head) if not glued else None
    if glued or spaced:
        dash = head.rfind("-") if "-" in head else head.rfind("−")
        if dash >= 0:
            num.value = -num.value
            num.negative = True
            num.start = num.start - len(head) + dash
