"""One name, one reading per document: tag repeats of names the model found once, and
cut a place the document names on its own off the front of a person's name.

A news article names a person in full once and then repeats the name in contexts that
give the tagger less evidence ("…, Massimov said"). After each sentence has been
tagged, every word sequence tagged as an entity somewhere in the document is tagged
(with its most frequent type) wherever else it occurs untagged; the last word of a
person's full name is spread as a person too (the surname). Single tokens shorter than
three characters are not spread. Words can be compared by a form (for Arabic: without
the conjunction or preposition glued to them, so ``وبغداد`` repeats ``بغداد``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsweave.entities.inflection import base_forms, is_place_attribute
from newsweave.entities.ner.scoring import iob2_spans


def propagate_entities(
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    form: Callable[[str], str] | None = None,
) -> list[list[str]]:
    """Tags of a document's sentences with entity readings spread to repeats.

    ``sentences`` are token lists and ``tags`` their IOB2 tags; returns new tag lists.
    Longer names are placed first; only tokens tagged ``O`` are ever changed. ``form``
    maps a word to what it is compared by (default: the word itself).
    """
    if form is not None:
        sentences = [[form(w) for w in words] for words in sentences]
    counts: dict[tuple[str, ...], dict[str, int]] = {}
    for words, seq in zip(sentences, tags, strict=True):
        if seq.count("O") == len(seq):
            continue
        for start, end, kind in iob2_spans(seq):
            name = tuple(words[start:end])
            if len(name) == 1 and len(name[0]) < 3:
                continue
            by_kind = counts.setdefault(name, {})
            by_kind[kind] = by_kind.get(kind, 0) + 1
            if kind == "PER" and len(name) > 1 and len(name[-1]) >= 4:
                surname = counts.setdefault(name[-1:], {})  # "Massimov" after "Karim Massimov"
                surname["PER"] = surname.get("PER", 0) + 1
    out = [list(seq) for seq in tags]
    if not counts:
        return out
    names = sorted(counts, key=len, reverse=True)
    first_words = {name[0] for name in names}
    for words, seq in zip(sentences, out, strict=True):
        for i, word in enumerate(words):
            if word not in first_words or seq[i] != "O":
                continue
            for name in names:
                n = len(name)
                if tuple(words[i : i + n]) != name or any(t != "O" for t in seq[i : i + n]):
                    continue
                kinds = counts[name]
                kind = max(kinds, key=lambda k: kinds[k])
                seq[i] = f"B-{kind}"
                for j in range(i + 1, i + n):
                    seq[j] = f"I-{kind}"
                if i + n < len(seq) and seq[i + n].startswith("I-"):
                    seq[i + n] = "B-" + seq[i + n][2:]  # keep the next entity apart
                break
    return out


def split_leading_places(
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    lang: str,
    given_name: Callable[[str], bool] | None = None,
) -> list[list[str]]:
    """Tags of a document's sentences with a place or organisation cut off the front of
    a person's name.

    "министр транспорта Вальдонии Хелена Марквардт": a country in the genitive just
    before a full name is easily read as part of it. When a person span of three or more
    words starts with a word that the same document tags alone as a place or an
    organisation (compared by dictionary form, so ``Вальдонии`` matches ``Вальдония``),
    that word gets the other type and the rest stays a person; a span of two words is
    cut too when its first word is a place made a modifier (Kazakh ``Вальдониядағы
    Тарнов``, see :func:`~newsweave.entities.inflection.is_place_attribute`). A first word that
    ``given_name`` accepts is left alone (``Nour Sultan Nazarbayev``), and so is a span
    whose second word is lowercase (``Pline l' Ancien``).
    """

    def keys(word: str) -> set[str]:
        return {f.lower() for f in base_forms(word, lang)}  # the word's own form among them

    alone: dict[str, str] = {}
    for words, seq in zip(sentences, tags, strict=True):
        for start, end, kind in iob2_spans(seq):
            if end - start == 1 and kind in ("LOC", "ORG"):
                for key in keys(words[start]):
                    alone.setdefault(key, kind)
    out = [list(seq) for seq in tags]
    if not alone:
        return out
    for words, seq in zip(sentences, out, strict=True):
        for start, end, kind in iob2_spans(seq):
            first = words[start]
            if kind != "PER" or end - start < (2 if is_place_attribute(first, lang) else 3):
                continue
            if words[start + 1][:1].islower() or (given_name is not None and given_name(first)):
                continue  # "Pline l' Ancien": what is left would not start a name
            found = next((alone[k] for k in sorted(keys(first)) if k in alone), None)
            if found is not None:
                seq[start] = f"B-{found}"
                seq[start + 1] = "B-PER"
    return out


def settle_document(
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    lang: str,
    form: Callable[[str], str] | None = None,
    given_name: Callable[[str], bool] | None = None,
) -> list[list[str]]:
    """A document's tags after both passes: :func:`propagate_entities`, then
    :func:`split_leading_places`."""
    spread = propagate_entities(sentences, tags, form)
    return split_leading_places(sentences, spread, lang, given_name)
