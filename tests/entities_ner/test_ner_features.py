"""Feature extraction: word clusters, Arabic normalisation and typed-name features."""

from __future__ import annotations

import numpy as np

from newsweave.entities.ner.clusters import kmeans
from newsweave.entities.ner.features import (
    FeatureExtractor,
    arabic_stems,
    normalise,
    romanian_root,
)


def test_ner_features_word_clusters_mark_word_and_neighbours() -> None:
    fx = FeatureExtractor("ru", clusters={"сборной": "3 41", "команды": "3 40"})
    own = fx.word_features("Сборной")
    assert "cl=3" in own and "cf=41" in own
    before, after = fx.context_features("команды")[1], fx.context_features("команды")[2]
    assert "-1:cl=3" in before and "+1:cl=3" in after
    feats = fx.sentence(["игроки", "сборной", "России"])
    assert "-1:cl=3" in feats[2] and "+1:cl=3" in feats[0]
    assert not any(f.startswith("cl=") for f in fx.word_features("России"))


def test_ner_features_arabic_normalisation_and_typed_names() -> None:
    assert normalise("مَكّةَ", "ar") == normalise("مكه", "ar")
    assert normalise("إسرائيل", "ar") == "اسرائيل"
    assert ("و", "بكازاخستان") in arabic_stems("وبكازاخستان")
    fx = FeatureExtractor("ar", typed_names={"كازاخستان": "L", "ماسيموف": "P"})
    assert "tn=L" in fx.word_features("وبكازاخستان")  # proclitics stripped
    assert "tn=P" in fx.word_features("ماسيموف")
    assert "na=كازاخستان" in fx.word_features("والكازاخستان")  # article stripped too
    assert not any(f.startswith("tn=") for f in fx.word_features("الوزير"))


def test_ner_features_kmeans_separates_clear_groups() -> None:
    rng = np.random.default_rng(1)
    centres = np.eye(4, dtype=np.float32)[:2]
    points = np.concatenate([c + 0.05 * rng.standard_normal((30, 4)) for c in centres])
    points = (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)
    assign, cents = kmeans(points, 2, iterations=5)
    assert len(set(assign[:30].tolist())) == 1 and len(set(assign[30:].tolist())) == 1
    assert assign[0] != assign[30]
    assert cents.shape == (2, 4)


def test_ner_features_romanian_cedilla_and_roots() -> None:
    assert normalise("Timişoara", "ro") == normalise("Timișoara", "ro") == "timișoara"
    assert normalise("Ţară", "ro") == "țară"
    assert normalise("Timişoara", "tr") == "timişoara"  # other languages keep the cedilla
    for forms, root in (
        (("ministrul", "ministrului", "ministru"), "ministr"),
        (("elevilor", "elevii", "elevi"), "elev"),
        (("persoanele", "persoane", "persoanelor"), "persoan"),
    ):
        assert {romanian_root(f) for f in forms} == {root}
    assert romanian_root("el") == "el" and romanian_root("cei") == "cei"  # too short to cut
    ro = FeatureExtractor("ro")
    assert "rt=ministr" in ro.word_features("Ministrului")
    assert "rt=ministr" in ro.word_features("ministrul")
    assert not [f for f in FeatureExtractor("en").word_features("ministrul") if f[:3] == "rt="]
