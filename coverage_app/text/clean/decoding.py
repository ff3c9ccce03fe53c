"""Uploaded bytes to text: the encoding found (BOM, declared charset, UTF-8, Windows-1252...)
and a readable name for it, or a clear reason why the bytes are no text (an image, a binary
file, an empty file)."""

from __future__ import annotations

import re
from dataclasses import dataclass


class UnreadableInput(ValueError):
    """The upload is not text we can read (binary, an image, an unknown encoding, empty)."""


_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\x1f\x8b": "a gzip archive",
    b"RIFF": "a RIFF (WebP/WAV/AVI) file",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"\x7fELF": "a program",
    b"BM": None,  # too short to trust alone
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


# Names a person recognises, for the encodings we report.
ENCODING_NAMES = {
    "utf_8": "UTF-8",
    "utf-8": "UTF-8",
    "utf_16": "UTF-16",
    "cp1252": "Windows-1252 (Western European)",
    "windows-1252": "Windows-1252 (Western European)",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "iso-8859-1": "ISO-8859-1 (Latin-1)",
    "iso8859-1": "ISO-8859-1 (Latin-1)",
    "iso8859_15": "ISO-8859-15 (Latin-9)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8_r": "KOI8-R (Cyrillic)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "shift_jis": "Shift JIS (Japanese)",
    "cp932": "Shift JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "gb2312": "GB2312 (Chinese)",
    "gb18030": "GB18030 (Chinese)",
    "big5": "Big5 (Chinese)",
    "euc_kr": "EUC-KR (Korean)",
}
# Declared charsets that browsers read as Windows-1252 (the WHATWG Encoding Standard does too):
# a page saying "iso-8859-1" with curly quotes in 0x93/0x94 means Windows-1252.
_READ_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
# A word of four or more letters none of which is ASCII: normal in Cyrillic, Greek or CJK text
# wrongly read as Windows-1252 ("Ïðèâåò"), rare in Western European text ("élèves", "Café").
_ALL_NON_ASCII_WORD = re.compile(r"\b[^\W\d_a-zA-Z]{4,}\b")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a readable name: "UTF-8", "Windows-1252 (Western European)", ...


def encoding_name(codec: str) -> str:
    key = codec.lower().replace(" ", "")
    return ENCODING_NAMES.get(key) or ENCODING_NAMES.get(key.replace("-", "_")) or codec.upper()


def decode(data: bytes) -> str:
    """Bytes of an uploaded text/HTML/Markdown file as text (see `decode_with_encoding`)."""
    return decode_with_encoding(data).text


# Control characters no article holds: C0 but tab, line feed, vertical tab, form feed and
# carriage return. NUL cannot be stored in PostgreSQL text at all; U+0002/U+0003 are what
# search snippets mark matches with.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")


def without_control_characters(text: str) -> str:
    """The text without control characters (see _CONTROL_CHARACTERS): every text a person
    gives, a file past its first 64 KiB and UTF-16 included, goes through this."""
    return _CONTROL_CHARACTERS.sub("", text)


def decode_with_encoding(data: bytes) -> Decoded:
    """Bytes as text without control characters (`without_control_characters`), and the
    encoding used (see `_decode`)."""
    decoded = _decode(data)
    return Decoded(without_control_characters(decoded.text), decoded.encoding)


def _decode(data: bytes) -> Decoded:
    """Bytes of an uploaded text/HTML/Markdown file as text, and the encoding that was used.

    In this order: UTF-16 with a BOM; UTF-8 (with or without BOM); an HTML `<meta charset>`
    (ISO-8859-1 and ASCII read as Windows-1252, as browsers do); then Windows-1252, the
    commonest single-byte encoding of news copy, unless its reading is clearly wrong (bytes
    Windows-1252 does not define, or words made only of accented letters, as Cyrillic or Greek
    text gives), when the encoding is detected. Binary data (images, archives, anything with
    NUL bytes or many control characters) raises UnreadableInput.
    """
    if not data.strip():
        raise UnreadableInput("The file is empty.")
    for magic, what in _MAGIC.items():
        if what and data.startswith(magic):
            raise UnreadableInput(f"This is {what}, not text.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "UTF-16")
        except UnicodeDecodeError as exc:
            raise UnreadableInput("The file says it is UTF-16 but cannot be read so.") from exc
    if b"\x00" in data[:65536]:
        raise UnreadableInput("This looks like a binary file (it contains NUL bytes), not text.")
    control = sum(1 for b in data[:65536] if b < 32 and b not in (9, 10, 12, 13))
    if control > max(2, len(data[:65536]) // 100):
        raise UnreadableInput("This looks like a binary file, not text.")
    try:
        return Decoded(data.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        codec = declared.group(1).decode("ascii").lower()
        if codec in _READ_AS_CP1252:
            codec = "cp1252"
        try:
            return Decoded(data.decode(codec), encoding_name(codec))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and not _reads_as_another_script(western):
        return Decoded(western, encoding_name("cp1252"))
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        if western is not None:
            return Decoded(western, encoding_name("cp1252"))
        try:  # every byte is a Latin-1 character: readable, if not always right
            return Decoded(data.decode("latin-1"), encoding_name("latin_1"))
        except UnicodeDecodeError:
            pass
        raise UnreadableInput(
            "The text is not UTF-8 and its encoding could not be recognised; "
            "save it as UTF-8 and upload it again."
        )
    return Decoded(str(best), encoding_name(best.encoding))


def _reads_as_another_script(text: str) -> bool:
    """Whether a Windows-1252 reading looks like text of another script read wrongly."""
    words = re.findall(r"\w+", text[:200_000])
    if not words:
        return False
    strange = len(_ALL_NON_ASCII_WORD.findall(text[:200_000]))
    return strange >= 3 and strange / len(words) > 0.05
