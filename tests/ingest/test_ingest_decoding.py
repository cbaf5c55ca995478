"""Decoding text files: Unicode, legacy code pages, and refusing what is not text."""

from __future__ import annotations

import pytest

from newsweave.ingest.decoding import DecodeError, decode_bytes, decode_with_declared

ARABIC = "أعلنت البلدية أمس عن افتتاح حديقة عامة جديدة في وسط المدينة بمساحة عشرة هكتارات."
RUSSIAN = "Городской совет утвердил строительство нового моста через реку до конца года."
FRENCH = "Le conseil municipal a voté à l’unanimité la rénovation de l’école élémentaire."
PORTUGUESE = "A prefeitura anunciou a construção de três creches e a reforma do mercado."
GERMAN = "Der Stadtrat beschloss gestern den Bau einer größeren Brücke über den Fluss."


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (ARABIC, "cp1256", "cp1256"),
        (RUSSIAN, "cp1251", "cp1251"),
        (FRENCH, "cp1252", "cp1252"),
        (PORTUGUESE, "latin-1", "cp1252"),
        (GERMAN, "cp1252", "cp1252"),
        (RUSSIAN, "utf-8", "utf-8"),
        (ARABIC, "utf-8-sig", "utf-8-sig"),
        (ARABIC, "utf-16", "utf-16"),
        (RUSSIAN, "utf-16-le", "utf-16-le"),
        (FRENCH, "utf-16-be", "utf-16-be"),
        (ARABIC, "utf-16-le", "utf-16-le"),
        (RUSSIAN, "utf-32", "utf-32"),
    ],
)
def test_decoding_round_trips(text: str, codec: str, expected: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == expected


def test_decoding_prefers_utf8_when_valid() -> None:
    # Valid UTF-8 is never reinterpreted as a legacy code page.
    data = "Ça coûte 5 €".encode()
    assert decode_bytes(data).encoding == "utf-8"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (NUL bytes)"),
        (bytes(range(256)) * 8, "binary file (NUL bytes)"),
        (b"\x01\x02\x03\x04 abc \x05\x06\x07\x08" * 20, "binary file"),
    ],
)
def test_decoding_refuses_non_text(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(data)
    assert str(err.value).startswith(reason)


def test_decoding_trusts_declared_charset_only_when_not_utf8() -> None:
    legacy = RUSSIAN.encode("cp1251")
    assert decode_with_declared(legacy, "windows-1251").encoding == "cp1251"
    assert decode_with_declared(RUSSIAN.encode(), "windows-1251").encoding == "utf-8"
    # An unknown declaration falls back to detection.
    assert decode_with_declared(legacy, "no-such-charset").text == RUSSIAN
