"""Reading article bytes into text and writing fixed text back without losing anything.

Rules see text with ``\\n`` line ends; the original encoding, byte-order mark and line
endings are remembered so a fixed file is written back exactly as it came, but for the
edits. Writes are atomic: a temporary file in the same folder, then a rename.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BINARY_SNIFF = 8192


class NotText(Exception):
    """The input is binary; it is skipped with a note."""


class Undecodable(Exception):
    """The input is not valid in its encoding. ``offset`` is the first bad byte."""

    def __init__(self, encoding: str, offset: int, byte: int, line: int, column: int) -> None:
        super().__init__(encoding, offset)
        self.encoding = encoding
        self.offset = offset
        self.byte = byte
        self.line = line
        self.column = column


@dataclass(slots=True)
class SourceText:
    """Decoded text of one input plus what is needed to write it back faithfully."""

    raw: str
    encoding: str = "utf-8"
    bom: bool = False
    text: str = field(init=False)
    newline: str = field(init=False)
    crlf: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.text, self.crlf = normalise_newlines(self.raw)
        self.newline = "\r\n" if self.crlf and len(self.crlf) * 2 >= self.text.count("\n") else "\n"

    def raw_offset(self, offset: int) -> int:
        """Map an offset in ``text`` to the same place in ``raw``."""
        return offset + bisect_left(self.crlf, offset)

    def with_edits(self, edits: list[tuple[int, int, str]]) -> SourceText:
        """Apply non-overlapping (start, end, content) edits given in ``text`` offsets."""
        raw = self.raw
        pieces: list[str] = []
        last = 0
        for start, end, content in sorted(edits):
            rs, re_ = self.raw_offset(start), self.raw_offset(end)
            pieces.append(raw[last:rs])
            pieces.append(content.replace("\n", self.newline) if self.newline != "\n" else content)
            last = re_
        pieces.append(raw[last:])
        return SourceText("".join(pieces), self.encoding, self.bom)

    def encode(self) -> bytes:
        data = self.raw.encode(self.encoding)
        if not self.bom:
            return data
        if self.encoding == "utf-8":
            return codecs.BOM_UTF8 + data
        return _utf16_bom(self.encoding) + data


def _utf16_bom(encoding: str) -> bytes:
    return codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE


def normalise_newlines(raw: str) -> tuple[str, list[int]]:
    """Return the text with CRLF turned into LF, and where (in the new text) each CRLF was."""
    if "\r\n" not in raw:
        return raw, []
    parts = raw.split("\r\n")
    positions: list[int] = []
    pos = -1
    for part in parts[:-1]:
        pos += len(part) + 1
        positions.append(pos)
    return "\n".join(parts), positions


def decode(data: bytes) -> SourceText:
    """Decode article bytes. Raises :class:`NotText` or :class:`Undecodable`."""
    if data.startswith(codecs.BOM_UTF8):
        return SourceText(_decode(data[3:], "utf-8", 3), "utf-8", True)
    if data.startswith(codecs.BOM_UTF16_LE):
        return SourceText(_decode(data[2:], "utf-16-le", 2), "utf-16-le", True)
    if data.startswith(codecs.BOM_UTF16_BE):
        return SourceText(_decode(data[2:], "utf-16-be", 2), "utf-16-be", True)
    if b"\x00" in data[:BINARY_SNIFF]:
        raise NotText("contains NUL bytes")
    return SourceText(_decode(data, "utf-8", 0), "utf-8", False)


def _decode(data: bytes, encoding: str, skipped: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        good = data[: err.start].decode(encoding, errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        raise Undecodable(encoding, err.start + skipped, data[err.start], line, column) from None


@contextmanager
def atomic_replacement(path: str | os.PathLike[str]) -> Iterator[tuple[Path, Path]]:
    """Yield (target, temporary path) for writing a replacement of ``path``.

    The temporary file is in the same folder; on a normal exit it takes the target's mode
    and replaces it in one rename; on any error or interrupt it is removed and the target
    is untouched. Symlinks are followed, so a link keeps pointing at the fixed file.
    """
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".lintnews-tmp")
    os.close(fd)
    try:
        yield target, Path(tmp)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its mode; follows symlinks."""
    with atomic_replacement(path) as (_, tmp), open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
