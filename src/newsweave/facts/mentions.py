"""Find every number in a text: digits, scale words, spelled-out numbers and fractions.

:func:`find_numbers` returns :class:`NumberMention` records (value and span) before any
interpretation as money, percentage or count; :mod:`newsweave.facts.extract` classifies
them. The grammar is the same for every language; what differs (number words, scales,
connectors, fraction words, separators) comes from the language's tables:

* integers accumulate left to right: small numbers add while each is smaller than the
  last ("ninety" + "nine"), a hundred-word multiplies, a scale word closes a group
  ("two hundred and two thousand"), a larger scale swallows the smaller groups before it
  (Spanish "cinco mil doscientos millones");
* ``N`` followed by a fraction word is ``N`` divided by it ("three fifths"), "X and a half"
  adds one half (of the last scale when it ended on one: "3 million and a half");
* "N over M", "N point D", "N dozen", digits with a scale ("2.33 k", "190 مليون").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.facts.lang import get_tables
from newsweave.facts.lang.base import LanguageTables
from newsweave.facts.normalize import ascii_digits
from newsweave.facts.tokens import Token, tokenize

_HYPHENS = "-‐‑–—"

# Currency signs: a number right after one is money, never the numerator of "N sur M".
CURRENCY_SIGNS = "$€£¥₽₸₹₩₺₴₪₡₭₦₱₫฿¢﷼"


@dataclass(slots=True)
class NumberMention:
    """A number found in the text, with its span and how it was written."""

    start: int
    end: int
    value: float
    tok_start: int
    tok_end: int
    scale: float = 1.0
    spelled: bool = False
    fraction: bool = False
    compound_scale: bool = False
    glued: str | None = None  # letters glued after the last digit and not read as a scale
    plain_int: bool = False  # one integer numeral without separators ("1989")
    digits: int = 0
    negative: bool = False
    # a denominator without numerator ("twenty-firsts"), waiting for the number before it
    pending_denominator: float | None = None
    numerator_words: bool = False  # the numerator of a fraction was spelled without a scale
    ordinal_scale_den: bool = False  # the denominator was a scale ordinal ("milésimos")
    flags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Int:
    value: float
    end: int
    comps: list[tuple[int, str, float]]  # (token index, role, value)
    max_scale: float
    spelled: bool
    compound: bool
    last_role: str


class _Parser:
    def __init__(self, text: str, toks: list[Token], tables: LanguageTables) -> None:
        self.text = text
        self.toks = toks
        self.t = tables
        self.n = len(toks)
        self.starters = _starters(tables)

    # ---- helpers -------------------------------------------------------------------
    def joinable(self, a: int, b: int) -> bool:
        """Whether tokens a and b are separated by spaces or a hyphen only."""
        if b >= self.n or a < 0:
            return False
        gap = self.text[self.toks[a].end : self.toks[b].start]
        if not gap:
            return True
        if "\n" in gap:
            return False
        stripped = gap.strip()
        return stripped == "" or (len(stripped) == 1 and stripped in _HYPHENS)

    def key(self, i: int) -> str:
        return self.toks[i].key if i < self.n else ""

    def phrase_at(self, i: int) -> tuple[int, float]:
        """Longest multi-word cardinal starting at token i: (token count, value)."""
        if not self.t.phrases:
            return 0, 0.0
        for size in (3, 2):
            if i + size > self.n:
                continue
            keys = tuple(self.toks[i + k].key for k in range(size))
            if keys in self.t.phrases and all(
                self.joinable(i + k, i + k + 1) for k in range(size - 1)
            ):
                return size, self.t.phrases[keys]
        return 0, 0.0

    def abbrev_at(self, i: int, *, after_currency: bool = False) -> tuple[int, float]:
        """A case-sensitive scale abbreviation at token i (with its dot): (count, scale).

        After a currency sign, "m" is millions too ("$45m", "€43m"); elsewhere it is metres.
        """
        if i >= self.n or self.toks[i].kind != "word":
            return 0, 0.0
        word = self.toks[i].text
        if after_currency and word in CURRENCY_ABBREV_SCALES:
            return 1, CURRENCY_ABBREV_SCALES[word]
        nxt_dot = (
            i + 1 < self.n
            and self.toks[i + 1].text == "."
            and self.toks[i + 1].start == self.toks[i].end
        )
        if nxt_dot and word + "." in self.t.abbrev_scales:
            return 2, self.t.abbrev_scales[word + "."]
        if word in self.t.abbrev_scales:
            return 1, self.t.abbrev_scales[word]
        return 0, 0.0

    def role(self, i: int) -> tuple[str, float, int]:
        """(role, value, tokens) of token i as part of an integer."""
        tok = self.toks[i]
        if tok.kind == "num":
            return "num", tok.num.value if tok.num else 0.0, 1
        if tok.kind != "word":
            return "", 0.0, 0
        size, value = self.phrase_at(i)
        if size:
            return "card", value, size
        k = tok.key
        if k in self.t.cardinals:
            return "card", self.t.cardinals[k], 1
        if k in self.t.hundreds:
            return "hund", 100.0, 1
        if k in self.t.scales:
            return "scale", self.t.scales[k], 1
        if k in self.t.dozens:
            return "dozen", self.t.dozens[k], 1
        return "", 0.0, 0

    # ---- integers ------------------------------------------------------------------
    def parse_int(self, i: int, stop: int | None = None) -> _Int | None:
        stop = self.n if stop is None else stop
        stack: list[tuple[float, float]] = []
        current = 0.0
        last = float("inf")
        comps: list[tuple[int, str, float]] = []
        max_scale = 1.0
        compound = False
        spelled = False
        last_role = ""
        idx = i
        after_connector = False
        while idx < stop:
            tok = self.toks[idx]
            if comps and not self.joinable(idx - 1, idx):
                break
            connector = tok.kind == "word" and tok.key in self.t.connectors
            if comps and connector and not after_connector:
                if (
                    idx + 1 < stop
                    and self.joinable(idx, idx + 1)
                    and self.continues(idx + 1, current, last, last_role)
                ):
                    idx += 1
                    after_connector = True
                    continue
                break
            if (
                comps
                and tok.kind == "word"
                and tok.key in self.t.scale_links
                and idx + 1 < stop
                and self.role(idx + 1)[0] == "scale"
                and self.joinable(idx, idx + 1)
            ):
                idx += 1  # Romanian "20 de milioane"
                continue
            role, value, size = self.role(idx)
            if not role and comps and last_role == "num":
                count, scale = self.abbrev_at(
                    idx, after_currency=i > 0 and self.toks[i - 1].text in CURRENCY_SIGNS
                )
                if count:
                    role, value, size = "scale", scale, count
            if not role and not comps and tok.kind == "word" and tok.key in self.t.articles_one:
                nxt_role = self.role(idx + 1)[0] if idx + 1 < stop else ""
                if nxt_role in ("hund", "scale", "dozen") and self.joinable(idx, idx + 1):
                    role, value, size = "art", 1.0, 1
            if not role:
                break
            if role == "num":
                num = tok.num
                if comps and (
                    last_role not in ("scale", "hund")
                    or num is None
                    or not num.is_int
                    or value >= last
                ):
                    break
                if num is not None and comps == [] and (num.fraction or num.exponent):
                    return _Int(value, idx + 1, [(idx, "num", value)], 1.0, False, False, "numx")
                if comps:
                    current += value
                else:
                    current = value
                last = value if value > 0 else 1.0
            elif role in ("card", "art"):
                if not comps:
                    current = value
                    last = value if value > 0 else 0.5
                elif last_role == "num":
                    break
                elif value < last and not (
                    value < 20
                    and last < 20
                    and last_role == "card"
                    and not _tens_then_unit(last, value)
                ):
                    current += value
                    last = value if value > 0 else 0.5
                elif (
                    self.t.units_before_tens
                    and after_connector
                    and last < 10
                    and value >= 20
                    and value < 100
                    and value % 10 == 0
                    and current % 100 < 10
                ):
                    current += value
                    last = 10.0
                else:
                    break
                spelled = spelled or role == "card"
            elif role == "hund":
                minor = (tok.key,) in self.t.minor_currency
                if last_role == "num" and minor:
                    break
                if not comps or current == 0:
                    current = 100.0
                elif (last_role in ("card", "art") and current < 100) or (
                    last_role == "num" and current < 1000
                ):
                    current *= 100
                else:
                    break
                last = 100.0
                spelled = True
            elif role == "scale":
                if comps and last_role == "scale" and value <= comps[-1][2]:
                    break
                acc = current
                popped = False
                while stack and stack[-1][1] < value:
                    acc += stack.pop()[0]
                    popped = True
                if acc == 0:
                    if comps and not popped:
                        break
                    acc = 1.0
                if last_role == "num" and current >= 1000 and value >= 1000:
                    compound = True
                stack.append((acc * value, value))
                nxt_tok = idx + size
                if (
                    tok.kind == "word"
                    and tok.text + "." in self.t.abbrev_scales
                    and nxt_tok < stop
                    and self.toks[nxt_tok].text == "."
                    and self.toks[nxt_tok].start == tok.end
                    and size == 1
                ):
                    size += 1  # "Mrd." keeps its dot
                current = 0.0
                last = value
                max_scale = max(max_scale, value)
                spelled = spelled or tok.kind == "word"
            elif role == "dozen":
                if comps and last_role in ("card", "num", "art") and not after_connector:
                    current *= value
                elif not comps or value < last:
                    current += value
                else:
                    break
                last = min(last, value)
                spelled = True
            comps.append((idx, role, value))
            last_role = role
            after_connector = False
            idx += size
        if not comps:
            return None
        if last_role == "art":
            return None
        total = sum(v for v, _ in stack) + current
        return _Int(total, idx, comps, max_scale, spelled, compound, last_role)

    def continues(self, idx: int, current: float, last: float, last_role: str) -> bool:
        """Whether an integer may go on at token idx after a connector."""
        role, value, size = self.role(idx)
        after = idx + size
        if (
            role in ("card", "num")
            and after < self.n
            and self.joinable(after - 1, after)
            and (
                self.key(after) in self.t.denominators
                or self.key(after) in self.t.compound_ordinals
            )
        ):
            # "and two thirds" starts a fraction, unless the connector is part of the number
            joins = self.t.connector_joins
            tens_units = 20 <= last < 100 and last % 10 == 0 and value < 10
            if not (joins == "integer" or (joins == "tens_units" and tens_units)):
                return False
        if role == "card":
            if value < last:
                return True
            return self.t.units_before_tens and last < 10 and 20 <= value < 100 and value % 10 == 0
        if role == "num":
            tok = self.toks[idx]
            return (
                last_role in ("scale", "hund")
                and tok.num is not None
                and tok.num.is_int
                and value < last
            )
        return role == "dozen"

    # ---- fractions and decimals ------------------------------------------------------
    def denominator_at(self, i: int) -> float | None:
        if i >= self.n:
            return None
        return self.t.denominators.get(self.toks[i].key)

    def split_compound(self, ir: _Int, den_idx: int) -> tuple[float | None, float] | None:
        """English-style compound ordinal: "one hundred thirty fifths" = 100 / 35.

        Returns (numerator or None when there is none, denominator).
        """
        ordv = self.t.compound_ordinals.get(self.key(den_idx))
        if ordv is None or ordv >= 10:
            return None
        comps = ir.comps
        # candidate denominator prefixes, longest first: [one|a] hundred|thousand [tens], tens
        for s in [*range(1, len(comps)), 0]:
            suffix = comps[s:]
            roles = [r for _, r, _ in suffix]
            vals = [v for _, _, v in suffix]
            ok = False
            if (roles == ["card"] and vals[0] >= 20 and vals[0] % 10 == 0 and vals[0] < 100) or (
                len(roles) in (2, 3)
                and roles[0] in ("card", "art")
                and vals[0] == 1
                and roles[1] in ("hund", "scale")
                and (
                    len(roles) == 2
                    or (roles[2] == "card" and vals[2] % 10 == 0 and 20 <= vals[2] < 100)
                )
            ):
                ok = True
            if not ok:
                continue
            pre = self.parse_int(ir.comps[0][0], suffix[0][0]) if s else None
            den_prefix = self.parse_int(suffix[0][0], ir.end)
            if den_prefix is None:
                continue
            if s and (pre is None or pre.end != suffix[0][0]):
                continue
            return (pre.value if pre else None), den_prefix.value + ordv
        return None

    def parse_fraction_tail(self, ir: _Int, k: int) -> tuple[float, int, bool, bool] | None:
        """A denominator right after an integer: (value, end, numerator spelled, scale den)."""
        den = self.denominator_at(k)
        comp_ord = self.t.compound_ordinals.get(self.key(k))
        if (den is None and comp_ord is None) or not self.joinable(k - 1, k):
            return None
        if any(role == "num" for _, role, _ in ir.comps):
            return None  # "100 millionths": digits are not read as a numerator
        if self.t.compound_ordinals:
            split = self.split_compound(ir, k)
            if split is not None:
                numer, denom = split
                if numer is None:
                    return None  # a bare compound ordinal: handled by the caller
                return numer / denom, k + 1, True, False
        if den is None:
            return None
        return ir.value / den, k + 1, ir.spelled and ir.max_scale == 1, den >= 1000

    def parse_small_fraction(
        self, i: int, after_connector: bool = False
    ) -> tuple[float, int] | None:
        """At token i: "a half", "three fifths", "un quart", "ثلاثة أخماس" → (value, end)."""
        if i >= self.n:
            return None
        key = self.key(i)
        if key in self.t.half_words or key in self.t.fraction_nouns:
            return self.t.fraction_nouns.get(key, 0.5), i + 1
        if after_connector and key in self.t.connector_fractions:
            return self.t.connector_fractions[key], i + 1
        if key in self.t.articles_one and self.joinable(i, i + 1):
            nk = self.key(i + 1)
            if nk in self.t.half_words or nk in self.t.fraction_nouns:
                return self.t.fraction_nouns.get(nk, 0.5), i + 2
            if nk in self.t.denominators:
                return 1.0 / self.t.denominators[nk], i + 2
        ir = self.parse_int(i)
        if ir is None:
            return None
        tail = self.parse_fraction_tail(ir, ir.end)
        if tail is None:
            return None
        return tail[0], tail[1]

    def read_decimal_digits(self, i: int) -> tuple[str, int] | None:
        """Spelled digits after a decimal word: "nought four" → ("04", end)."""
        digits = ""
        j = i
        while j < self.n and self.toks[j].kind == "word" and self.joinable(j - 1, j):
            v = self.t.cardinals.get(self.key(j))
            if v is None or v >= 10:
                break
            digits += str(int(v))
            j += 1
        if len(digits) >= 2 or (digits and not self._more_number(j)):
            return digits, j
        ir = self.parse_int(i)
        if ir is None:
            return None
        return str(int(ir.value)), ir.end

    def _more_number(self, j: int) -> bool:
        return j < self.n and self.joinable(j - 1, j) and bool(self.role(j)[0])

    # ---- a whole number ------------------------------------------------------------
    def parse_at(self, i: int) -> NumberMention | None:
        negative = False
        j = i
        if self.key(i) in self.t.negative_words and self.joinable(i, i + 1):
            j = i + 1
            negative = True
        m = self.parse_value(j)
        if m is None:
            return None
        if negative:
            m.value = -m.value
            m.start = self.toks[i].start
            m.tok_start = i
            m.negative = True
        return m

    def over_at(self, k: int) -> int:
        """Tokens of an "over" phrase ("out of", "sur", "على") starting at k, else 0."""
        for phrase in self.t.over_phrases:
            size = len(phrase)
            if (
                k + size <= self.n
                and all(self.key(k + q) == phrase[q] for q in range(size))
                and all(self.joinable(k + q - 1, k + q) for q in range(1, size))
            ):
                return size
        return 0

    def parse_value(self, i: int) -> NumberMention | None:
        toks = self.toks
        ir = self.parse_int(i)
        if ir is None:
            small = self.parse_small_fraction(i)
            if small is None:
                return self.implied_over(i)
            value, end = small
            # "half million", "media docena": a fraction noun before a scale or a dozen
            role, mult, size = self.role(end) if end < self.n else ("", 0.0, 0)
            scale = 1.0
            if role in ("scale", "dozen") and self.joinable(end - 1, end):
                value *= mult
                scale = mult if role == "scale" else 1.0
                end += size
            if self.key(i) in self.t.fraction_nouns and end == i + 1:
                # a bare "half"/"نصف" counts only when it stands as a noun, not an adjective
                pass
            return self.mention(i, end, value, scale=scale, spelled=True, fraction=True)
        value = ir.value
        end = ir.end
        fraction = False
        numerator_words = False
        scale_den = False
        scale = ir.max_scale
        spelled = ir.spelled
        if ir.last_role == "numx":
            return self.mention(i, end, value, fraction=True)
        # a compound ordinal without numerator ("twenty-first"): needs a number before it
        if (
            self.t.compound_ordinals
            and self.key(end) in self.t.connectors
            and self.key(end + 1) in self.t.compound_ordinals
            and self.joinable(end - 1, end)
            and self.joinable(end, end + 1)
            and ir.last_role == "card"
            and 20 <= ir.value < 100
        ):
            # "vingt et unième": a compound ordinal joined by the connector
            ordv = self.t.compound_ordinals[self.key(end + 1)]
            m = self.mention(i, end + 2, 0.0, spelled=True, fraction=True)
            m.pending_denominator = ir.value + ordv
            return m
        if (
            self.t.compound_ordinals
            and self.key(end) in self.t.compound_ordinals
            and (self.joinable(end - 1, end))
        ):
            split = self.split_compound(ir, end)
            if split is not None and split[0] is None:
                m = self.mention(i, end + 1, 0.0, spelled=True, fraction=True)
                m.pending_denominator = split[1]
                return m
        if self.key(end) in self.t.half_suffixes and self.joinable(end - 1, end):
            value += 0.5  # German "zweieinhalb"
            end += 1
            fraction = True
        tail = self.parse_fraction_tail(ir, end) if not fraction else None
        if tail is not None:
            value, end, numerator_words, scale_den = tail
            fraction = True
            scale = 1.0
        elif end < self.n and self.key(end) in self.t.decimal_words and self.joinable(end - 1, end):
            dec = self.read_decimal_digits(end + 1)
            if dec is not None:
                digits, end = dec
                value = value + float("0." + digits) if digits else value
                spelled = True
        elif (
            end < self.n and self.key(end) in self.t.decimal_joiners and self.joinable(end - 1, end)
        ):
            small = self.parse_small_fraction(end + 1)
            if small is not None and self.toks[small[1] - 1].key not in self.t.cardinals:
                unit = ir.max_scale if ir.last_role == "scale" else 1.0
                value += small[0] * unit
                end = small[1]
                fraction = unit == 1.0
            else:
                dec = self.read_decimal_digits(end + 1)
                if dec is not None:
                    digits, end = dec
                    value = value + float("0." + digits)
        # "X and a half", "X and three fifths", "cinco y medio", "واحد ونصف"
        if (
            not fraction
            and end < self.n
            and self.key(end) in self.t.connectors
            and self.joinable(end - 1, end)
            and self.joinable(end, end + 1)
        ):
            small = self.parse_small_fraction(end + 1, after_connector=True)
            if small is not None:
                part, new_end = small
                unit = ir.max_scale if ir.last_role == "scale" and ir.max_scale >= 1000 else 1.0
                value += part * unit
                end = new_end
                fraction = unit == 1.0
                if end < self.n and self.role(end)[0] == "scale" and self.joinable(end - 1, end):
                    big = self.role(end)[1]
                    # "one billion and a half million" / "sechs und zwei Drittel Millionen"
                    value = ir.value + part * big if unit > 1 else (ir.value + part) * big
                    end += 1
                    fraction = False
        # "N over M", "N sur M", "N على M"
        over = self.over_at(end) if end < self.n and self.joinable(end - 1, end) else 0
        money = self.toks[i].start > 0 and self.text[self.toks[i].start - 1] in CURRENCY_SIGNS
        if over and not fraction and not money:
            den_ir = self.parse_int(end + over)
            if den_ir is not None and den_ir.value:
                value = value / den_ir.value
                end = den_ir.end
                fraction = True
                scale = 1.0
        m = self.mention(i, end, value, scale=scale, spelled=spelled, fraction=fraction)
        m.compound_scale = ir.compound
        m.numerator_words = numerator_words
        m.ordinal_scale_den = scale_den
        first = toks[i]
        if len(ir.comps) == 1 and ir.last_role == "num" and end == i + 1 and first.num is not None:
            num = first.num
            m.plain_int = num.is_int and not num.grouped and not num.negative
            m.digits = num.digits
            m.negative = num.negative
            if end < self.n and toks[end].kind == "word" and toks[end].start == first.end:
                m.glued = toks[end].text
            elif (
                i > 0
                and toks[i - 1].kind == "word"
                and toks[i - 1].end == first.start
                and (toks[i - 1].text[-1:].isascii())
            ):
                m.glued = toks[i - 1].text  # "G7", "A4", "USD115": a code, not a count
        elif ir.last_role == "scale" and end == ir.end and toks[end - 1].kind == "word":
            nxt = end
            if nxt < self.n and toks[nxt].kind == "word" and toks[nxt].start == toks[end - 1].end:
                m.glued = toks[nxt].text
        return m

    def implied_over(self, i: int) -> NumberMention | None:
        """Arabic "جزء من مئة": a part of N, with the numerator implied."""
        over = self.over_at(i)
        if not over or len(self.t.over_phrases[0]) < 1:
            return None
        phrase = tuple(self.key(i + q) for q in range(over))
        if len(phrase) < 2:
            return None
        den = self.parse_int(i + over)
        if den is None or not den.value:
            return None
        return self.mention(i, den.end, 1.0 / den.value, spelled=True, fraction=True)

    def mention(
        self,
        i: int,
        end: int,
        value: float,
        *,
        scale: float = 1.0,
        spelled: bool = False,
        fraction: bool = False,
    ) -> NumberMention:
        first = self.toks[i]
        last = self.toks[end - 1]
        return NumberMention(
            start=first.start,
            end=last.end,
            value=value,
            tok_start=i,
            tok_end=end,
            scale=scale,
            spelled=spelled,
            fraction=fraction,
            negative=bool(first.num and first.num.negative),
        )


_STARTERS: dict[int, frozenset[str]] = {}


#: After a currency sign (:data:`CURRENCY_SIGNS`), "m" means millions.
CURRENCY_ABBREV_SCALES = {"m": 1e6}


def _starters(t: LanguageTables) -> frozenset[str]:
    """Folded words that can begin a number (everything else is skipped quickly)."""
    cached = _STARTERS.get(id(t))
    if cached is None:
        cached = frozenset(
            [
                *t.cardinals,
                *t.hundreds,
                *t.scales,
                *t.dozens,
                *t.articles_one,
                *t.negative_words,
                *t.fraction_nouns,
                *t.half_words,
                *t.denominators,
                *(p[0] for p in t.phrases),
                *(p[0] for p in t.over_phrases),
            ]
        )
        _STARTERS[id(t)] = cached
    return cached


def _tens_then_unit(last: float, value: float) -> bool:
    """French "dix-sept", "soixante-dix-neuf": ten followed by a unit."""
    return last == 10 and value < 10


def _merge_pending(text: str, parser: _Parser, out: list[NumberMention]) -> list[NumberMention]:
    """Join split fractions: "three twenty-firsts", "tres dois milésimos", "um vinte e um avos"."""
    merged: list[NumberMention] = []
    t = parser.t
    for m in out:
        prev = merged[-1] if merged else None
        adjacent = (
            prev is not None
            and parser.joinable(prev.tok_end - 1, m.tok_start)
            and (prev.tok_end == m.tok_start)
        )
        if m.pending_denominator is not None:
            art = (
                m.tok_start > 0
                and parser.key(m.tok_start - 1) in t.articles_one
                and (parser.joinable(m.tok_start - 1, m.tok_start))
            )
            if adjacent and prev is not None and not prev.fraction:
                prev.value = prev.value / m.pending_denominator
                prev.end = m.end
                prev.tok_end = m.tok_end
                prev.fraction = True
                prev.spelled = True
            elif art:
                m.value = 1.0 / m.pending_denominator
                m.start = parser.toks[m.tok_start - 1].start
                m.tok_start -= 1
                m.pending_denominator = None
                merged.append(m)
            continue
        if (
            adjacent
            and prev is not None
            and m.fraction
            and m.ordinal_scale_den
            and m.numerator_words
            and not prev.fraction
            and prev.value
            and m.value
        ):
            # "tres dois milésimos" = 3 / 2000
            numer = parser.parse_int(m.tok_start)
            if numer is not None and numer.value:
                den = numer.value * (numer.value / m.value)
                prev.value = prev.value / den
                prev.end = m.end
                prev.tok_end = m.tok_end
                prev.fraction = True
                continue
        if (
            adjacent
            and prev is not None
            and m.fraction
            and m.numerator_words
            and t.compound_ordinals
            and not prev.fraction
            and prev.value
        ):
            # "one one hundred fifth" = 1 / 105; "twenty twenty fifths" = 20 / 25
            numer = parser.parse_int(m.tok_start)
            ordv = t.compound_ordinals.get(parser.key(m.tok_end - 1))
            if numer is not None and ordv is not None and ordv < 10 and numer.value >= 20:
                prev.value = prev.value / (numer.value + ordv)
                prev.end = m.end
                prev.tok_end = m.tok_end
                prev.fraction = True
                continue
        if (
            m.tok_end < parser.n
            and parser.key(m.tok_end) in t.avos_markers
            and (parser.joinable(m.tok_end - 1, m.tok_end))
        ):
            # Portuguese/Spanish "N avos": the number is a denominator
            den = m.value
            if adjacent and prev is not None and not prev.fraction and den:
                prev.value = prev.value / den
                prev.end = parser.toks[m.tok_end].end
                prev.tok_end = m.tok_end + 1
                prev.fraction = True
                continue
            if parser.key(m.tok_start) in t.articles_one and m.tok_end - m.tok_start > 1:
                # "un cientocincoavos": the article is the numerator
                rest = parser.parse_int(m.tok_start + 1)
                if rest is not None and rest.value:
                    m.value = 1.0 / rest.value
                    m.end = parser.toks[m.tok_end].end
                    m.tok_end += 1
                    m.fraction = True
        merged.append(m)
    return merged


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Every number in ``text`` read with the tables of ``lang``, in text order."""
    return scan(text, lang)[0]


def scan(text: str, lang: str) -> tuple[list[NumberMention], list[Token], str]:
    """Numbers, tokens and the digit-normalised text they were read from."""
    tables = get_tables(lang)
    work = ascii_digits(text)
    toks = tokenize(work, tables)
    parser = _Parser(work, toks, tables)
    out: list[NumberMention] = []
    i = 0
    while i < parser.n:
        tok = toks[i]
        if tok.kind == "sym":
            i += 1
            continue
        if tok.kind == "word" and (tok.key not in parser.starters or _skip_pronoun(parser, i)):
            i += 1
            continue
        m = parser.parse_at(i)
        if m is None or m.tok_end <= i:
            i += 1
            continue
        out.append(m)
        i = m.tok_end
    out = _merge_pending(work, parser, out)
    kept = [m for m in out if m.pending_denominator is None and not _bare_article(parser, m)]
    return kept, toks, work


def _bare_article(parser: _Parser, m: NumberMention) -> bool:
    """ "un", "una", "ein" alone are articles, not the number one."""
    return (
        m.tok_end - m.tok_start == 1
        and parser.key(m.tok_start) in parser.t.articles_one
        and not m.fraction
    )


def _skip_pronoun(parser: _Parser, i: int) -> bool:
    """ "that one", "this one": a pronoun, not the number one."""
    if i == 0 or parser.t.cardinals.get(parser.key(i)) != 1.0:
        return False
    prev = parser.key(i - 1)
    if prev not in parser.t.not_number_after:
        return False
    return not (i + 1 < parser.n and parser.role(i + 1)[0] in ("hund", "scale"))
