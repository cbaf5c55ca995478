"""Bytes to text: Unicode first, then a confident legacy code page, else a clear refusal.

The order of trust is deliberate:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) says what the bytes are;
2. NUL bytes are either BOM-less UTF-16 (NULs on one parity only) or binary data;
3. bytes that are valid UTF-8 are UTF-8 (a legacy code page almost never is by accident);
4. otherwise charset-normalizer proposes a code page; when its text is mostly Latin,
   Windows-1252 is preferred unless it produces characters Western text does not use
   (þ, ð, ³, ¹ …): on short texts the detector often answers with a Baltic or
   Central-European code page that garbles French or Portuguese accents.

Decoded text with many control characters is refused as binary.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Share of characters that may be control characters (other than tab, newlines, form feed).
MAX_CONTROL_RATIO = 0.02
# Characters that show a Latin text was decoded with the wrong Western code page.
_UNLIKELY_WESTERN = re.compile("[þÞðÐ¤¦¨¯¸¹²³¼½¾×÷¬±µ¶¢¥¡]")
_LETTER = re.compile(r"[^\W\d_]")
# C0/C1 controls except tab, line feed, vertical tab, form feed, carriage return; U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF16_SAMPLE = 8192


class DecodeError(ValueError):
    """Bytes that are not text newsweave can read; ``str(err)`` is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and the name of the encoding it was decoded from."""

    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode the bytes of a text file, or raise :class:`DecodeError` saying why not.

    data (bytes): the whole file.
    RETURNS (Decoded): the text (BOM removed) and a codec name such as ``"utf-8"``,
        ``"utf-16-le"`` or ``"cp1256"``.
    """
    if not data:
        raise DecodeError("empty file")
    decoded = _decode_with_bom(data)
    if decoded is None and b"\x00" in data:
        decoded = _decode_bomless_utf16(data)
        if decoded is None:
            raise DecodeError("binary file (NUL bytes)")
    if decoded is None:
        decoded = _decode_utf8(data)
    if decoded is None:
        decoded = _decode_legacy(data)
    _refuse_binary(decoded.text)
    if not decoded.text.strip():
        raise DecodeError("empty file (only whitespace)")
    return decoded


def decode_with_declared(data: bytes, declared: str | None) -> Decoded:
    """Decode bytes whose container declared an encoding (an HTML meta charset).

    A BOM or valid UTF-8 still wins over the declaration; a declaration that is unknown
    or does not decode the bytes is ignored.
    """
    if not declared or not data or b"\x00" in data or _decode_with_bom(data) is not None:
        return decode_bytes(data)
    utf8 = _decode_utf8(data)
    if utf8 is not None:
        return utf8
    try:
        name = codecs.lookup(declared).name
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return decode_bytes(data)
    _refuse_binary(text)
    if not text.strip():
        raise DecodeError("empty file (only whitespace)")
    return Decoded(text, name)


def _decode_with_bom(data: bytes) -> Decoded | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise DecodeError(
                    f"cannot decode text (byte-order mark says {codec}, "
                    f"but byte {err.start} is invalid)"
                ) from err
            return Decoded(text.removeprefix("\ufeff"), codec)
    return None


def _decode_bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: NUL bytes (high bytes of ASCII) sit on one parity only."""
    sample = data[: _UTF16_SAMPLE - (_UTF16_SAMPLE % 2)]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    dominant, other = max(even_nuls, odd_nuls), min(even_nuls, odd_nuls)
    if dominant < max(2, len(sample) // 2 // 50) or other > dominant // 50:
        return None
    codec = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    if len(data) % 2:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        return None
    return Decoded(text, codec)


def _decode_utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return None


def _decode_legacy(data: bytes) -> Decoded:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise DecodeError("cannot decode text (not UTF-8/16 and no confident legacy encoding)")
    best_text = str(best)
    name = codecs.lookup(best.encoding).name
    if name != "cp1252" and _mostly_latin(best_text):
        western = _decode_cp1252(data)
        if western is not None and _unlikely_western(western) <= _unlikely_western(best_text):
            return Decoded(western, "cp1252")
    return Decoded(best_text, name)


def _decode_cp1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _mostly_latin(text: str) -> bool:
    """Whether most letters of a sample are Latin (ASCII letters count as Latin)."""
    sample = text[:20_000]
    letters = _LETTER.findall(sample)
    if not letters:
        return False
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    return latin >= 0.8 * len(letters)


def _unlikely_western(text: str) -> int:
    return len(_UNLIKELY_WESTERN.findall(text))


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _refuse_binary(text: str) -> None:
    ratio = _control_ratio(text)
    if ratio > MAX_CONTROL_RATIO:
        raise DecodeError(f"binary file ({ratio:.0%} control characters)")
