"""``recognize(text, lang)``: named entities with character offsets.

The text is split into tokens and sentences by the language's conventions
(:mod:`.tokenizer`), each sentence is tagged by the language's model (or a borrowed one,
see :mod:`.models`), and IOB2 runs become :class:`EntitySpan` records whose offsets point
into ``text`` as given.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.article import Article
from newsweave.entities.ner.borrowed import confirm_borrowed
from newsweave.entities.ner.consistency import settle_document
from newsweave.entities.ner.crf import CrfModel
from newsweave.entities.ner.features import arabic_stems, normalise
from newsweave.entities.ner.models import load_model, load_model_dir, model_language
from newsweave.entities.ner.scoring import iob2_spans, name_core
from newsweave.entities.ner.span import EntityLabel, EntitySpan
from newsweave.entities.ner.tokenizer import sentence_bounds, token_columns

_LABELS: dict[str, EntityLabel] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def _arabic_trim(word: str, model: CrfModel) -> int:
    """How many leading characters of an Arabic entity's first token are proclitics.

    ANERcorp tags ``وإسرائيل`` whole; the span returned should be ``إسرائيل``. A prefix
    is cut only when the rest is a known name (a word seen inside entities in training, a
    place or a person-name token) and the whole is not a place or person-name token, so
    names that begin with the same letters (``لبنان``, ``كريم``) stay whole.
    """
    feats = model.features
    low = normalise(word, "ar")
    if low in feats.place_singles or low in feats.person_names:
        return 0  # the whole word is itself a name (لبنان, كريم)
    for prefix, rest in reversed(arabic_stems(low)):
        if rest in feats.entity_words or rest in feats.place_singles or rest in feats.person_names:
            return len(prefix)
    return 0


def _name_bounds(words: list[str], first: int, last: int, model: CrfModel) -> tuple[int, int]:
    """The tokens of a tagged span that make up the name (empty when there is none).

    Some training corpora also tag role nouns, descriptors and pronouns (RONEC: ``el``,
    ``președintele Ion Iliescu``; factRuEval: ``города Феникс``); the returned span is
    the proper-name core (:func:`name_core`, with the model's usually-lowercase words).
    A sentence's first word is also left out of a person's name of three or more words
    when it is no person name and the word after it is one (``Economistul Ilyas
    Ormanov``: capitalised only because it opens the sentence).
    """
    feats = model.features
    core = name_core(words, (first, last, ""), feats.common_lower)
    if core is None:
        return (first, first)
    start, end = core[0], core[1]
    if (
        start == 0
        and end - start >= 3
        and not feats.is_person_name(words[0])
        and feats.is_person_name(words[1])
    ):
        start = 1  # "Economistul Ilyas Ormanov": a capitalised role noun opens the sentence
    return (start, end)


def recognize_parts(
    model: CrfModel,
    text: str,
    parts: list[tuple[int, int]],
    lang: str,
    consistent: bool = True,
    scores: bool = True,
) -> list[EntitySpan]:
    """Entities in the ``(start, end)`` parts of ``text``, tagged in one batch.

    Offsets point into ``text``. With ``consistent``, names tagged somewhere in the parts
    are also tagged where they recur untagged, and a place tagged on its own is cut off
    the front of a person's name (:func:`settle_document`); such spans score 0.5.
    ``scores=False`` skips the tag probabilities (about a sixth of the time) and leaves
    ``score`` as ``None``.
    """
    flat: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    bounds: list[tuple[int, int]] = []
    for begin, finish in parts:
        w, s, e = token_columns(text, lang, begin, finish)
        base = len(flat)
        bounds.extend((lo + base, hi + base) for lo, hi in sentence_bounds(text, w, s, e))
        flat += w
        starts += s
        ends += e
    words = [flat[lo:hi] for lo, hi in bounds]
    # The house style's descriptors (``правительства США``) are left out: a mention keeps
    # the name's core (_name_bounds), where a descriptor would change nothing but the
    # type (США an organisation). Its cuts at punctuation are kept.
    tagged = model.tag_many(words, with_confidence=scores, descriptors=False)
    tags = [t.tags for t in tagged]
    feats = model.features
    if model.lang != lang:
        tags = confirm_borrowed(words, tags, lang, feats.is_known_name)
    if consistent:
        tags = settle_document(words, tags, lang, feats.repeat_form(), feats.is_person_name)
    spans: list[EntitySpan] = []
    for (offset, _), sentence_words, result, seq in zip(bounds, words, tagged, tags, strict=True):
        if seq.count("O") == len(seq):
            continue
        for tagged_first, tagged_last, kind in iob2_spans(seq):
            label = _LABELS.get(kind)
            if label is None:
                continue
            first, last = _name_bounds(sentence_words, tagged_first, tagged_last, model)
            if first >= last:
                continue
            start, end = starts[offset + first], ends[offset + last - 1]
            if model.lang == "ar":
                start += _arabic_trim(sentence_words[first], model)
            if start >= end:
                continue
            score: float | None = None
            if scores and result.tags[first:last] == seq[first:last]:
                score = round(sum(result.confidence[first:last]) / (last - first), 4)
            elif scores:
                score = 0.5
            spans.append(EntitySpan(start, end, text[start:end], label, score))
    return spans


def recognize_with(
    model: CrfModel, text: str, lang: str, consistent: bool = True
) -> list[EntitySpan]:
    """Entities in ``text`` found by a given model (tokenised by ``lang``'s rules)."""
    return recognize_parts(model, text, [(0, len(text))], lang, consistent)


def _base_lang(lang: str) -> str:
    return lang.lower().replace("_", "-").split("-")[0]  # "pt-BR" -> "pt"


def recognize(text: str, lang: str, model_dir: Path | None = None) -> list[EntitySpan]:
    """Named entities (PER, ORG, LOC, MISC) in ``text`` written in ``lang``.

    ``model_dir`` picks a model directory explicitly (e.g. one just trained); otherwise
    the shipped model for ``lang`` is used, or a related language's (see
    :func:`newsweave.entities.ner.models.ner_languages`). A region or script suffix is
    ignored (``pt-BR`` is Portuguese). A language no model serves yields an empty list.
    """
    lang = _base_lang(lang)
    if model_dir is not None:
        return recognize_with(load_model_dir(Path(model_dir)), text, lang)
    which = model_language(lang)
    if which is None:
        return []
    model = load_model(which)
    if isinstance(model, CrfModel):
        return recognize_with(model, text, lang)
    return model.recognize(text)


def recognize_article(article: Article, scores: bool = False) -> list[EntitySpan]:
    """Entities of an article's clean text, each paragraph tagged in its own language.

    Offsets point into ``article.clean_text``. Paragraphs without a detected language
    use the article's; an article with neither yields nothing. The paragraphs of one
    language are tagged together, so a name found in one is also found in the others.
    Span scores cost about a third more time and the ingest does not use them, so they
    are computed only with ``scores=True``; otherwise every ``score`` is ``None``.
    """
    text = article.clean_text
    by_lang: dict[str, list[tuple[int, int]]] = {}
    if not article.paragraphs and article.lang:
        by_lang[_base_lang(article.lang)] = [(0, len(text))]
    for para in article.paragraphs:
        lang = para.lang or article.lang
        if lang:
            by_lang.setdefault(_base_lang(lang), []).append((para.start, para.end))
    spans: list[EntitySpan] = []
    for lang, parts in by_lang.items():
        which = model_language(lang)
        if which is None:
            continue
        model = load_model(which)
        if isinstance(model, CrfModel):
            spans.extend(recognize_parts(model, text, parts, lang, scores=scores))
            continue
        for begin, finish in parts:
            for s in model.recognize(text[begin:finish]):
                spans.append(EntitySpan(s.start + begin, s.end + begin, s.text, s.label, s.score))
    spans.sort(key=lambda s: s.start)
    return spans
