"""JSON Lines corpora: one article per record, read as a stream and rewritten atomically.

Plain ``.jsonl``, gzip-compressed ``.jsonl.gz`` and zstandard-compressed ``.jsonl.zst``
(the last only when the ``zstandard`` module is installed) are supported. Records are never
all in memory: they are read line by line and written back line by line.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lintnews.source import atomic_replacement

SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst")


class CorpusError(Exception):
    """The corpus as a whole cannot be read (not a record-level problem)."""


def is_corpus(path: str | os.PathLike[str]) -> bool:
    return str(path).lower().endswith(SUFFIXES)


def _zstd():
    try:
        import zstandard
    except ImportError:
        raise CorpusError("reading .jsonl.zst needs the zstandard module: pip install 'lintnews[zstd]'") from None
    return zstandard


def open_binary(path: Path) -> Any:
    name = str(path).lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".zst"):
        raw = open(path, "rb")
        return _zstd().ZstdDecompressor().stream_reader(raw, closefd=True)  # type: ignore[no-any-return]
    return open(path, "rb")


@dataclass(slots=True)
class Record:
    """One line of a corpus: its text, or why it could not be read."""

    index: int  # 0-based record number (the line number minus one)
    raw: bytes  # the line as it was, without its newline
    ident: str
    text: str | None = None
    error: str | None = None


def read_records(path: Path, text_field: str, id_field: str) -> Iterator[Record]:
    """Records in file order. A malformed record is yielded with ``error`` set, never raised."""
    try:
        handle = open_binary(path)
    except OSError as err:
        raise CorpusError(f"cannot read: {err.strerror or err}") from None
    with handle:
        stream = handle if isinstance(handle, io.BufferedReader) else io.BufferedReader(handle)
        index = 0
        try:
            for line in stream:
                raw = line.rstrip(b"\r\n")
                if raw.strip():
                    yield parse_record(index, raw, text_field, id_field)
                index += 1
        except (OSError, EOFError, ValueError) as err:  # a truncated or corrupt compressed stream
            raise CorpusError(f"stopped at record {index + 1}: {err}") from None


def parse_record(index: int, raw: bytes, text_field: str, id_field: str) -> Record:
    fallback = f"#{index + 1}"
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return Record(index, raw, fallback, error=f"record {index + 1} is not valid JSON: {err}")
    if not isinstance(value, dict):
        return Record(index, raw, fallback, error=f"record {index + 1} is not a JSON object")
    ident = value.get(id_field)
    ident_text = str(ident) if isinstance(ident, (str, int)) and not isinstance(ident, bool) else fallback
    if text_field not in value:
        return Record(index, raw, ident_text, error=f"record {ident_text} has no {text_field!r} field")
    text = value[text_field]
    if not isinstance(text, str):
        return Record(index, raw, ident_text,
                      error=f"record {ident_text}: field {text_field!r} is {type(text).__name__}, not a string")
    return Record(index, raw, ident_text, text=text)


def replace_text(raw: bytes, text_field: str, new_text: str) -> bytes:
    """The record with its text replaced; other fields and their order are kept."""
    value: dict[str, Any] = json.loads(raw)
    value[text_field] = new_text
    ascii_only = all(b < 0x80 for b in raw)
    compact = b'":' in raw and b'": ' not in raw
    separators = (",", ":") if compact else (", ", ": ")
    return json.dumps(value, ensure_ascii=ascii_only, separators=separators).encode("utf-8")


def rewrite(path: Path, changes: dict[int, bytes]) -> None:
    """Write the corpus again with some records replaced (by index), atomically.

    Unchanged records are copied byte for byte, line endings included.
    """
    with atomic_replacement(path) as (target, tmp):
        with open_binary(target) as source, _open_out(tmp, str(target)) as out:
            lines = source if isinstance(source, io.BufferedReader) else io.BufferedReader(source)
            for index, line in enumerate(lines):
                new = changes.get(index)
                if new is None:
                    out.write(line)
                else:
                    ending = line[len(line.rstrip(b"\r\n")):]
                    out.write(new + ending)


def _open_out(tmp: Path, name: str) -> Any:
    lower = name.lower()
    if lower.endswith(".gz"):
        return gzip.open(tmp, "wb")
    if lower.endswith(".zst"):
        return _zstd().ZstdCompressor().stream_writer(open(tmp, "wb"), closefd=True)  # type: ignore[no-any-return]
    return open(tmp, "wb")
