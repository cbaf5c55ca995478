"""NER benchmark: exact-span micro precision/recall/F1 of a recogniser on an IOB2 file.

``evaluate_ner(lang, data)`` tags the file's own tokens with the model serving ``lang``
and compares entities with the gold ones.

Input: ``token<TAB>tag`` lines with blank lines between sentences (the corpora in
``shared/corpora/ner``), or ANERcorp's ``token tag`` lines (sentences end at ``.``,
``!``, ``?``, ``؟``). ``FILE#LO-HI`` scores a fraction range of the file's sentences,
e.g. ``ANERCorp_dev.txt#0.8-1``.

What is scored:

- Types are mapped as the corpus READMEs suggest (see
  :data:`newsweave.entities.ner.corpus.TYPE_MAP`): PERSON/PERS/PESSOA → PER;
  ORGANIZATION/ORGANISATION/ORGANIZACAO/MEDIA → ORG; GPE/GEOPOLIT/LOCATION/LOCAL/LocOrg
  → LOC; MISC/OTH → MISC. Only PER, ORG and LOC are scored: MISC and every other type
  (dates, numbers, KazNERD's POSITION, GermEval's -deriv/-part, RONEC's FACILITY …) are
  left out on both sides.
- A predicted entity is correct when its first token, last token and type equal a gold
  entity's (CoNLL exact match); scores are micro-averaged over the three types.
- The recogniser tags the file's own tokens. As :func:`newsweave.entities.ner.recognize`
  does within an article, a name it tagged once is also tagged where it recurs untagged;
  the corpora carry no document boundaries, so ``document_window`` consecutive sentences
  (default 40) stand for a document. ``document_window=0`` scores sentence by sentence.
- ``names_only=True`` (off by default) first reduces gold and predicted entities to their
  proper-name core: in cased scripts leading/trailing tokens that do not start with a
  capital are trimmed and entities without one are dropped. It shows how much of the
  error is RONEC-style annotation of role nouns and pronouns as PERSON (``el``, ``cei``,
  ``președintele Ion Iliescu``); ``n_changed_gold`` counts the gold entities it touched.

The JSON keys are ``precision``, ``recall``, ``f1``, ``per_type`` (each with
``precision``, ``recall``, ``f1``, ``support``, ``predicted``), plus ``n_sentences``,
``n_changed_gold``, ``model``, ``data``, ``names_only``, ``document_window`` and
``sentences_per_second`` (tagging only, corpus tokens given).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from newsweave.entities.ner.consistency import settle_document
from newsweave.entities.ner.corpus import parse_data_spec, read_spec
from newsweave.entities.ner.crf import CrfModel
from newsweave.entities.ner.models import (
    DATA_DIR,
    Recogniser,
    describe,
    load_model,
    load_model_dir,
    model_language,
)
from newsweave.entities.ner.natasha_backend import NatashaModel
from newsweave.entities.ner.scoring import score_tagger
from newsweave.entities.ner.speed import ner_speed
from newsweave.errors import MissingModelError

__all__ = ["evaluate_ner", "ner_speed"]


def _model_for(lang: str, model_dir: Path | None, backend: str) -> Recogniser:
    if model_dir is not None:
        return load_model_dir(Path(model_dir))
    if backend == "crf":
        return CrfModel(DATA_DIR / lang)
    if backend == "natasha":
        return NatashaModel()
    which = model_language(lang)
    if which is None:
        raise MissingModelError(
            f"no NER model serves {lang!r}; train one with "
            f"`newsweave train ner --lang {lang} --data FILE...` and pass --model DIR"
        )
    return load_model(which)


def evaluate_ner(
    lang: str,
    data: Path,
    model_dir: Path | None = None,
    names_only: bool = False,
    limit: int | None = None,
    backend: str = "auto",
    document_window: int = 40,
) -> dict[str, Any]:
    """Score the recogniser for ``lang`` (or the one in ``model_dir``) on ``data``.

    ``limit`` scores only the first ``limit`` sentences. ``backend="crf"`` scores the
    shipped CRF model even where an external package's model serves the language;
    ``backend="natasha"`` scores natasha's Russian model (see
    :data:`newsweave.entities.ner.models.EXTERNAL`). See the module docstring for what
    is scored and the keys of the result. ``document_window`` groups that many
    consecutive sentences into a pseudo-document within which names found once are
    spread to their repeats, as :func:`newsweave.entities.ner.recognize.recognize` does
    within an article (0 = off; the corpora carry no document boundaries).
    """
    sentences = read_spec(data)
    if limit is not None:
        sentences = sentences[:limit]
    model = _model_for(lang, model_dir, backend)
    started = time.perf_counter()
    predicted = model.tag_sentences([s.tokens for s in sentences])
    if document_window and isinstance(model, CrfModel):
        feats = model.features
        form = feats.repeat_form()
        spread: list[list[str]] = []
        for k in range(0, len(sentences), document_window):
            block = sentences[k : k + document_window]
            spread += settle_document(
                [s.tokens for s in block],
                predicted[k : k + len(block)],
                model.lang,
                form,
                feats.is_person_name,
            )
        predicted = spread
    elapsed = time.perf_counter() - started
    by_id = {id(s.tokens): tags for s, tags in zip(sentences, predicted, strict=True)}
    pairs = [(s.tokens, s.tags) for s in sentences]
    result = score_tagger(lambda toks: by_id[id(toks)], pairs, names_only=names_only)
    label = describe(model.meta) if isinstance(model, CrfModel) else model.meta["description"]
    return {
        **result,
        "model": f"{model.lang}: {label}",
        "trained_on_this_file": trained_on(model.meta, data),
        "data": str(data),
        "names_only": names_only,
        "document_window": document_window,
        "sentences_per_second": round(len(sentences) / elapsed, 1) if elapsed > 0 else 0.0,
    }


def trained_on(meta: dict[str, Any], data: Path | str) -> bool:
    """Whether a model's training data (its meta's ``train.data``) overlaps ``data``: the
    same file, and sentence ranges (``FILE#LO-HI``) that meet. Its score on ``data`` is
    then no held-out figure."""
    file, lo, hi = parse_data_spec(data)
    train = meta.get("train", {}) if isinstance(meta, dict) else {}
    for source in [*train.get("data", []), *train.get("silver", [])]:
        src_file, src_lo, src_hi = parse_data_spec(source)
        if file.as_posix().endswith(src_file.as_posix()) and src_lo < hi and lo < src_hi:
            return True
    return False
