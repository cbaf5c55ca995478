"""Walk files and folders and turn every input into articles or one-line errors.

:func:`iter_inputs` is the single entry point of ingestion: it never raises for a bad
input, it yields an :class:`~newsweave.errors.InputError` for it and goes on, so one
broken file in a folder of thousands costs one line on stderr.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsweave.article import Article
from newsweave.errors import InputError
from newsweave.ingest.decoding import DecodeError, decode_bytes
from newsweave.ingest.feed import iter_feed
from newsweave.ingest.html import read_html
from newsweave.ingest.jsonl import iter_json_array, iter_jsonl
from newsweave.ingest.sniff import sniff_kind
from newsweave.ingest.text import article_from_text

DEFAULT_MAX_BYTES = 50_000_000


def iter_inputs(
    paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Articles from files and folders, with an error for each input that cannot be read.

    paths: files and folders, in the order given. Folders are walked recursively in
        sorted order; hidden files and folders (``.git``, ``.DS_Store``) and the
        folder's own documentation (``README.md``, ``LICENSE``: :func:`is_folder_document`)
        are skipped;
        symbolic links are followed, but a folder or file already visited (a link loop,
        or two names for one file) is read once.
    max_bytes (int): larger files are refused without being read.
    RETURNS: ``Article`` objects (``input_kind`` says which reader made them) and
        ``InputError`` objects (``err.line()`` is ``"<source>: <reason>"``).
    """
    seen: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        yield from _iter_path(path, str(given), seen, max_bytes)


def read_file(
    path: Path, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Articles (or errors) from one file, whatever its kind.

    path (Path): the file.
    source (str): how to name it in articles and errors (the path as given).
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputError(source, f"file too large ({_size(size)} > {_size(max_bytes)} limit)")
            return
        data = path.read_bytes()
    except OSError as err:
        yield InputError(source, f"cannot read file: {err.strerror or err}")
        return
    yield from read_bytes(data, source, path=path)


def read_bytes(
    data: bytes, source: str, *, path: Path | None = None
) -> Iterator[Article | InputError]:
    """Articles (or errors) from the bytes of one input; ``path`` (its name) helps sniffing."""
    kind = sniff_kind(path or Path(source), data)
    try:
        if kind == "feed":
            if not data.strip():
                raise DecodeError("empty file")
            yield from iter_feed(source, data)
        elif kind == "html":
            yield read_html(source, data)
        elif kind == "jsonl":
            yield from iter_jsonl(source, decode_bytes(data))
        elif kind == "json":
            yield from iter_json_array(source, decode_bytes(data))
        else:
            yield article_from_text(source, decode_bytes(data))
    except DecodeError as err:
        yield InputError(source, str(err))
    except InputError as err:
        yield err


def _iter_path(
    path: Path, source: str, seen: set[tuple[int, int]], max_bytes: int
) -> Iterator[Article | InputError]:
    try:
        info = path.stat()
    except FileNotFoundError:
        kind = "broken symbolic link" if path.is_symlink() else "no such file or directory"
        yield InputError(source, kind)
        return
    except OSError as err:
        yield InputError(source, f"cannot read: {err.strerror or err}")
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return
    seen.add(key)
    if stat.S_ISDIR(info.st_mode):
        yield from _iter_folder(path, source, seen, max_bytes)
    elif stat.S_ISREG(info.st_mode):
        yield from read_file(path, source, max_bytes=max_bytes)
    else:
        yield InputError(source, "not a regular file or folder")


def _iter_folder(
    folder: Path, source: str, seen: set[tuple[int, int]], max_bytes: int
) -> Iterator[Article | InputError]:
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as err:
        yield InputError(source, f"cannot list folder: {err.strerror or err}")
        return
    for name in names:
        if name.startswith(".") or is_folder_document(name):
            continue
        yield from _iter_path(folder / name, str(Path(source) / name), seen, max_bytes)


#: Names of the files that describe a folder rather than hold news (README.md, LICENSE,
#: EXPECTED.md): an upper-case name with no extension or a documentation one.
_FOLDER_DOCUMENT = re.compile(r"[A-Z][A-Z0-9_-]*(\.(md|markdown|rst|txt))?")


def is_folder_document(name: str) -> bool:
    """Whether a file met while walking a folder is its documentation (skipped there;
    named on the command line it is read like any other file)."""
    return _FOLDER_DOCUMENT.fullmatch(name) is not None


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.0f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.0f} kB"
    return f"{n} bytes"
