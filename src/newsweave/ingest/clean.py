"""Noise removal: drop scraped header, footer, "read also" and disclosure lines.

The cleaner works on whole lines and never edits inside one. ``article.text`` stays as
read; ``article.clean_text`` is the text without the noise lines (line endings made
``\\n``, runs of blank lines left by a removal collapsed) and ``article.removed`` lists
every dropped line with its kind, 0-based line number and the rule that matched, so a
later stage (the publication date, for one) can still read a scraped header.

All languages' rules run on every article: the clean stage runs before language
identification, and boilerplate is often in another language than the story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.article import Article, Removal
from newsweave.ingest.headline import headline_shaped
from newsweave.ingest.noise_rules import HEAD_LINES, RULES, TAIL_LINES, LineRule, fold

# How many non-empty lines at the top are checked for a repeated title.
TITLE_ZONE = 5
_TRAILING_SEPARATORS = " :-–—»|›>•▶►"
_BLANK_RUNS = re.compile(r"\n{3,}")


def clean_article(article: Article) -> Article:
    """Set ``clean_text`` and ``removed`` on the article and return it.

    article (Article): an article whose ``text`` is set.
    RETURNS (Article): the same article; ``text`` is untouched.
    """
    lines = split_lines(article.text)
    removals = find_noise(lines)
    dropped = {r.line for r in removals}
    kept = [line for i, line in enumerate(lines) if i not in dropped]
    article.clean_text = _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip()
    article.removed = removals
    return article


def split_lines(text: str) -> list[str]:
    """Lines of a text as the cleaner numbers them (``\\n``-separated, ``\\r`` dropped)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def find_noise(lines: Sequence[str]) -> list[Removal]:
    """Every noise line among ``lines``, in line order."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    head = set(filled[:HEAD_LINES])
    tail = set(filled[-TAIL_LINES:])
    found: dict[int, Removal] = {}
    for i, removal in _repeated_title_lines(lines, filled[:TITLE_ZONE]):
        found[i] = removal
    for i in filled:
        if i in found:
            continue
        match = match_line(lines[i], in_head=i in head, in_tail=i in tail)
        if match is None:
            continue
        rule, rest_is_empty = match
        found[i] = Removal(kind=rule.kind, text=lines[i], line=i, rule=rule.name)
        # A bare "Read also" line: the linked headline is the line right below it.
        target = i + 1
        if (
            rule.takes_next
            and rest_is_empty
            and target < len(lines)
            and target not in found
            and headline_shaped(lines[target])
        ):
            found[target] = Removal(
                kind=rule.kind, text=lines[target], line=target, rule=f"{rule.name}.target"
            )
    return [found[i] for i in sorted(found)]


def match_line(
    line: str, *, in_head: bool = False, in_tail: bool = False
) -> tuple[LineRule, bool] | None:
    """The first rule that marks ``line`` as noise, or None.

    line (str): one line of text.
    in_head, in_tail (bool): whether the line is among the first / last non-empty lines
        of its text; rules bound to the head or the tail only apply there.
    RETURNS: the rule, and whether the line holds nothing but the trigger phrase
        (a bare "Read also" whose headline is on the next line).
    """
    folded = fold(line)
    if not folded:
        return None
    words = len(line.split())
    for rule in RULES:
        if (rule.region == "head" and not in_head) or (rule.region == "tail" and not in_tail):
            continue
        if rule.max_words is not None and words > rule.max_words:
            continue
        found = rule.regex.search(folded)
        if found is not None:
            rest = folded[found.end() :].strip(_TRAILING_SEPARATORS)
            return rule, not rest
    return None


def _repeated_title_lines(lines: Sequence[str], zone: Sequence[int]) -> list[tuple[int, Removal]]:
    seen: set[str] = set()
    repeated: list[tuple[int, Removal]] = []
    for i in zone:
        if not headline_shaped(lines[i]):
            continue
        key = fold(lines[i]).casefold()
        if key in seen:
            removal = Removal(
                kind="duplicate_title",
                text=lines[i],
                line=i,
                rule="duplicate_title.*.repeated_top_line",
            )
            repeated.append((i, removal))
        seen.add(key)
    return repeated
