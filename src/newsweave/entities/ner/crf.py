"""A trained CRF recogniser on disk: its weights, word lists and metadata.

A model directory holds

- ``weights.npz``: the CRF's state and transition weights (see :mod:`.decode`); training
  also leaves CRFsuite's own ``model.crfsuite``, which tagging does not need;
- ``lexicon.json.gz``: the word lists the features use (see :class:`FeatureExtractor`);
- ``meta.json``: language, feature settings, training data, licence notes and scores, and
  the recogniser asked for a second opinion on people (``second_opinion``, see
  :mod:`.second_opinion`);
- ``e5_head.npz`` (models trained with ``e5_states``): the tag classifier over e5 token
  states whose probabilities are features of the CRF (see :mod:`.e5_stack`).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsweave.entities.ner.decode import Array, CrfDecoder, CrfWeights
from newsweave.entities.ner.features import FeatureExtractor
from newsweave.entities.ner.house_style import HouseStyle, apply_style
from newsweave.entities.ner.second_opinion import (
    held_places,
    opinion_scores,
    second_opinion,
    take_people,
)
from newsweave.errors import MissingModelError

if TYPE_CHECKING:
    from newsweave.entities.ner.e5_stack import StackedScores
    from newsweave.entities.ner.e5_tuned import TunedScores

MODEL_FILE = "model.crfsuite"
WEIGHTS_FILE = "weights.npz"
LEXICON_FILE = "lexicon.json.gz"
META_FILE = "meta.json"
FORMAT = "newsweave.ner.crf.v1"


@dataclass(slots=True)
class TaggedSentence:
    """IOB2 tags for one sentence and, per token, the probability of its tag."""

    tags: list[str]
    confidence: list[float]


def read_meta(model_dir: Path) -> dict[str, Any]:
    """The ``meta.json`` of a model directory."""
    path = model_dir / META_FILE
    try:
        meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise MissingModelError(f"{model_dir}: no NER model here ({META_FILE} missing)") from err
    return meta


def write_lexicon(
    model_dir: Path,
    common_lower: list[str],
    places: list[str],
    person_names: list[str],
    entity_words: list[str],
    clusters: dict[str, str] | None = None,
    typed_names: dict[str, str] | None = None,
    style: HouseStyle | None = None,
) -> None:
    """Store the feature word lists (and word clusters, if any) next to the weights;
    ``style`` (see :mod:`.house_style`) is applied to what the model tags."""
    lexicon: dict[str, object] = {
        "common_lower": common_lower,
        "places": places,
        "person_names": person_names,
        "entity_words": entity_words,
    }
    if clusters:
        lexicon["clusters"] = clusters
    if typed_names:
        lexicon["typed_names"] = typed_names
    if style:
        lexicon["house_style"] = style.to_json()
    payload = json.dumps(lexicon, ensure_ascii=False)
    with gzip.open(model_dir / LEXICON_FILE, "wt", encoding="utf-8") as fh:
        fh.write(payload)


def read_lexicon(model_dir: Path) -> dict[str, Any]:
    """The word lists of a model directory."""
    with gzip.open(model_dir / LEXICON_FILE, "rt", encoding="utf-8") as fh:
        lexicon: dict[str, Any] = json.load(fh)
    return lexicon


def extractor_for(
    model_dir: Path, meta: dict[str, Any], lexicon: dict[str, Any] | None = None
) -> FeatureExtractor:
    """Rebuild the feature extractor a model was trained with."""
    if lexicon is None:
        lexicon = read_lexicon(model_dir)
    return FeatureExtractor(
        meta["lang"],
        common_lower=lexicon["common_lower"],
        places=lexicon["places"],
        suffix_len=int(meta.get("features", {}).get("suffix_len", 4)),
        person_names=lexicon.get("person_names", []),
        entity_words=lexicon.get("entity_words", []),
        char_ngrams=int(meta.get("features", {}).get("char_ngrams", 0)),
        clusters=lexicon.get("clusters"),
        typed_names=lexicon.get("typed_names"),
    )


class CrfModel:
    """A loaded CRF recogniser; tagging is safe to call from several threads."""

    def __init__(self, model_dir: Path) -> None:
        self.model_dir = model_dir
        self.meta = read_meta(model_dir)
        if self.meta.get("format") != FORMAT:
            raise MissingModelError(
                f"{model_dir}: unsupported NER model format {self.meta.get('format')!r}; "
                f"retrain it with `newsweave train ner`"
            )
        self.lang: str = self.meta["lang"]
        lexicon = read_lexicon(model_dir)
        self.features = extractor_for(model_dir, self.meta, lexicon)
        #: how the model's style corpus draws names' edges, learned in training
        self.style = HouseStyle.from_json(lexicon.get("house_style"))
        if (model_dir / WEIGHTS_FILE).is_file():
            weights = CrfWeights.load(model_dir / WEIGHTS_FILE)
        else:
            weights = CrfWeights.from_crfsuite(model_dir / MODEL_FILE)
        self.decoder = CrfDecoder(weights, self.features)
        self.stacked: StackedScores | None = None
        if self.meta.get("e5_head"):
            from newsweave.entities.ner.e5_stack import StackedScores

            self.stacked = StackedScores(model_dir, weights.labels, weights.features, weights.state)
        self.tuned: TunedScores | None = None
        if self.meta.get("e5_tuned"):
            from newsweave.entities.ner.e5_tuned import MATRICES, TunedScores

            tuned = self.meta["e5_tuned"]
            self.tuned = TunedScores(
                model_dir,
                weights.labels,
                float(tuned["weight"]),
                int8=tuned.get("int8", MATRICES),
            )

    def _opinion(self, sentences: list[list[str]]) -> list[list[str]] | None:
        """The second opinion's tags of ``sentences`` (None: the model asks none, or its
        package is missing)."""
        name = self.meta.get("second_opinion")
        other = second_opinion(str(name)) if name else None
        return other.tag_sentences(sentences) if other is not None and sentences else None

    def _extra(
        self, sentences: list[list[str]], theirs: list[list[str]] | None = None
    ) -> Array | None:
        """Label scores for all tokens of ``sentences`` from outside the CRF's own
        features: the e5 head's, the fine-tuned e5 tagger's, and the second opinion's tags
        ``theirs`` where the model was trained to read them (None: none of them)."""
        extra = self.stacked.scores(sentences) if self.stacked is not None else None
        if theirs is not None and self.meta.get("features", {}).get("opinion_features"):
            weights = self.decoder.weights
            opinion = opinion_scores(theirs, weights.features, weights.state)
            extra = opinion if extra is None else extra + opinion
        if self.tuned is not None:
            tuned = self.tuned.scores(sentences)
            extra = tuned if extra is None else extra + tuned
        return extra

    def tag_many(
        self, sentences: list[list[str]], with_confidence: bool = True, descriptors: bool = True
    ) -> list[TaggedSentence]:
        """Tag tokenised sentences in one batch; confidence = marginal of each tag.

        The model's house style (:attr:`style`) is applied, without its descriptors when
        ``descriptors`` is false, and its second opinion's people are taken in; a token
        either relabels gets its new tag's marginal as confidence.
        """
        theirs = self._opinion(sentences)
        paths, probs = self.decoder.decode(
            sentences, with_marginals=with_confidence, extra=self._extra(sentences, theirs)
        )
        paths = self._finished(sentences, paths, theirs, descriptors)
        if not with_confidence:
            return [TaggedSentence(p, [1.0] * len(p)) for p in paths]
        index = {label: i for i, label in enumerate(self.decoder.weights.labels)}
        out: list[TaggedSentence] = []
        for path, p in zip(paths, probs, strict=True):
            conf = [float(p[i, index[t]]) if t != "O" else 1.0 for i, t in enumerate(path)]
            out.append(TaggedSentence(path, conf))
        return out

    def tag(self, words: list[str], with_confidence: bool = True) -> TaggedSentence:
        """Tag one tokenised sentence."""
        return self.tag_many([words], with_confidence)[0]

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """IOB2 tags for each pre-tokenised sentence (no confidences), batched."""
        out: list[list[str]] = []
        for k in range(0, len(sentences), 256):
            chunk = sentences[k : k + 256]
            theirs = self._opinion(chunk)
            paths = self.decoder.viterbi(chunk, self._extra(chunk, theirs))
            out.extend(self._finished(chunk, paths, theirs))
        return out

    def _finished(
        self,
        sentences: list[list[str]],
        paths: list[list[str]],
        theirs: list[list[str]] | None,
        descriptors: bool = True,
    ) -> list[list[str]]:
        """``paths`` in the model's house style (see :mod:`.house_style`), with the people
        of its second opinion's tags ``theirs`` (see :mod:`.second_opinion`)."""
        if self.style:
            paths = [
                apply_style(words, tags, self.style, self.lang, descriptors, self.features.is_place)
                for words, tags in zip(sentences, paths, strict=True)
            ]
        if theirs is not None:
            held = held_places(sentences, paths, theirs, self.lang)
            paths = [
                take_people(p, t, words, held)
                for words, p, t in zip(sentences, paths, theirs, strict=True)
            ]
        return paths
