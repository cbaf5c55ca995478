"""Reading IOB2 NER corpora and mapping their entity types onto ours.

Two layouts are read, detected line by line:

- ``token<TAB>tag`` with blank lines between sentences (the corpora in
  ``shared/corpora/ner``);
- ``token tag`` separated by one space, as ANERcorp ships it. ANERcorp has no blank
  lines, so a sentence ends after a ``.``, ``!``, ``?`` or ``؟`` token.

Tags may be IOB2 (``B-PER``), IOB1 or bare IO (``PER``, ``I-PER`` opening an entity);
they are repaired to IOB2. Types are mapped onto PER, ORG, LOC and MISC by
:data:`TYPE_MAP` (events, facilities, products, works, nationalities → MISC); every
other type (dates, numbers, GermEval's ``-deriv``/``-part`` types, KazNERD's POSITION,
…) becomes ``O``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsweave.entities.ner.features import normalise
from newsweave.errors import InputError

LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")

# Corpus type -> our type. Anything absent maps to O.
TYPE_MAP: dict[str, str] = {
    "PER": "PER",
    "PERS": "PER",  # ANERcorp
    "PERSON": "PER",  # RONEC, KazNERD
    "PESSOA": "PER",  # HAREM
    "ORG": "ORG",
    "ORGANIZATION": "ORG",  # RONEC v1
    "ORGANISATION": "ORG",  # KazNERD
    "ORGANIZACAO": "ORG",  # HAREM
    "MEDIA": "ORG",  # Collection5
    "LOC": "LOC",
    "LOCATION": "LOC",  # KazNERD
    "LOCAL": "LOC",  # HAREM
    "GPE": "LOC",  # RONEC, KazNERD
    "GEOPOLIT": "LOC",  # Collection5
    "LOCORG": "LOC",  # factRuEval
    "MISC": "MISC",
    "MISCELLANEOUS": "MISC",  # KazNERD
    "OTH": "MISC",  # GermEval 2014
    # Other named things become MISC, as CoNLL annotates them: a model then learns that
    # "Cupa României" is one name and not a place inside an event.
    "EVENT": "MISC",  # RONEC, KazNERD
    "FACILITY": "MISC",  # RONEC, KazNERD
    "PRODUCT": "MISC",  # RONEC, KazNERD
    "WORK_OF_ART": "MISC",  # RONEC
    "ART": "MISC",  # KazNERD
    "PROJECT": "MISC",  # KazNERD
    "LAW": "MISC",  # KazNERD
    "NAT_REL_POL": "MISC",  # RONEC: nationalities, religions, political groups
    "NORP": "MISC",  # KazNERD: same
}

_SENTENCE_END = frozenset({".", "!", "?", "؟"})


@dataclass(slots=True)
class Sentence:
    """One tagged sentence: tokens and their IOB2 tags over :data:`LABELS`."""

    tokens: list[str]
    tags: list[str]


def map_tag(raw: str) -> tuple[str, str]:
    """Split a corpus tag into (prefix, our type); ``("O", "")`` when it maps to nothing."""
    raw = raw.strip()
    if not raw or raw == "O":
        return "O", ""
    prefix, sep, kind = raw.partition("-")
    if not sep or prefix.upper() not in ("B", "I", "E", "S"):
        prefix, kind = "I", raw  # bare IO tag such as "PESSOA"
    ours = TYPE_MAP.get(kind.upper())
    if ours is None:
        return "O", ""
    return ("B" if prefix.upper() in ("B", "S") else "I"), ours


def repair_iob2(raw_tags: Iterable[str]) -> list[str]:
    """Map raw corpus tags to IOB2 over our types; an ``I-`` that cannot continue opens."""
    out: list[str] = []
    prev = ""
    for raw in raw_tags:
        prefix, kind = map_tag(raw)
        if not kind:
            out.append("O")
            prev = ""
            continue
        if prefix == "I" and prev != kind:
            prefix = "B"
        out.append(f"{prefix}-{kind}")
        prev = kind
    return out


def _split_line(line: str) -> tuple[str, str] | None:
    if "\t" in line:
        parts = line.split("\t")
        return parts[0], parts[-1]
    parts = line.rsplit(" ", 1)
    if len(parts) == 2 and parts[0]:
        return parts[0], parts[1]
    return None


def iter_sentences(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of one corpus file (either layout, see the module docstring)."""
    tokens: list[str] = []
    raw: list[str] = []
    saw_blank = False
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise InputError(str(path), f"cannot read NER data: {err.strerror}") from err
    with handle:
        for lineno, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                saw_blank = True
                if tokens:
                    yield Sentence(tokens, repair_iob2(raw))
                    tokens, raw = [], []
                continue
            if line.startswith("-DOCSTART-"):
                continue
            pair = _split_line(line)
            if pair is None:
                raise InputError(
                    f"{path}:{lineno}", "expected 'token<TAB>tag' or 'token tag' on this line"
                )
            tokens.append(pair[0])
            raw.append(pair[1])
            if not saw_blank and pair[0] in _SENTENCE_END and "\t" not in line:
                yield Sentence(tokens, repair_iob2(raw))
                tokens, raw = [], []
    if tokens:
        yield Sentence(tokens, repair_iob2(raw))


def read_sentences(paths: Path | Iterable[Path]) -> list[Sentence]:
    """All sentences of one or more corpus files, in order."""
    if isinstance(paths, Path):
        paths = [paths]
    out: list[Sentence] = []
    for p in paths:
        out.extend(iter_sentences(Path(p)))
    return out


def parse_data_spec(spec: str | Path) -> tuple[Path, float, float]:
    """Split ``FILE`` or ``FILE#LO-HI`` into the file and a fraction range of its sentences.

    ``ANERCorp_dev.txt#0-0.8`` is the first 80 % of the file's sentences and
    ``ANERCorp_dev.txt#0.8-1`` the rest, so a corpus with a single file can be split into
    training and evaluation parts that never share a sentence.
    """
    text = str(spec)
    path, sep, frac = text.rpartition("#")
    if not sep or Path(text).exists():
        return Path(text), 0.0, 1.0
    lo_s, dash, hi_s = frac.partition("-")
    try:
        lo, hi = float(lo_s), float(hi_s)
    except ValueError:
        lo, hi = -1.0, -1.0
    if not dash or not 0.0 <= lo < hi <= 1.0:
        raise InputError(text, "a data range must look like FILE#0.8-1 (fractions, low < high)")
    return Path(path), lo, hi


def read_spec(spec: str | Path) -> list[Sentence]:
    """The sentences a data spec (see :func:`parse_data_spec`) names."""
    path, lo, hi = parse_data_spec(spec)
    sentences = read_sentences(path)
    n = len(sentences)
    return sentences[round(lo * n) : round(hi * n)]


def names_only(sentence: Sentence, common_lower: frozenset[str] = frozenset()) -> Sentence:
    """The sentence with each entity reduced to its proper-name core (see ``name_core``)."""
    from newsweave.entities.ner.scoring import iob2_spans, name_core

    tags = ["O"] * len(sentence.tokens)
    for span in iob2_spans(sentence.tags):
        core = name_core(sentence.tokens, span, common_lower)
        if core is None:
            continue
        start, end, kind = core
        tags[start] = f"B-{kind}"
        for i in range(start + 1, end):
            tags[i] = f"I-{kind}"
    return Sentence(sentence.tokens, tags)


def common_lowercase_words(sentences: Iterable[Sentence], lang: str, limit: int) -> list[str]:
    """Normalised words the text mostly writes in lowercase when not sentence-initial.

    At most ``limit`` of them, the most frequent first.
    """
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for s in sentences:
        for tok in s.tokens[1:]:
            if not tok[:1].isalpha():
                continue
            key = normalise(tok, lang)
            if tok[:1].isupper():
                upper[key] += 1
            else:
                lower[key] += 1
    keep = [w for w, n in lower.items() if n >= 2 and n >= 3 * upper[w]]
    keep.sort(key=lambda w: -lower[w])
    return sorted(keep[:limit])
