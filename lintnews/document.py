"""The document model: one article parsed once into header, lines and paragraphs.

Offsets are indices into ``Document.text`` (Unicode code points, newlines normalised to
``\\n``). Lines and columns are 1-based. Derived views such as sentences and quotes are
computed on first use and kept, so rules that share them pay once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lintnews.attribution import Attribution

_BLANK_LINE = re.compile(r"[ \t\u00a0\u3000\u200b\ufeff]*")
# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before a space
# and an opening capital, digit or quote. Abbreviations are handled by a small stop list.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Þ])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt st jr sr inc ltd co corp no vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e etc approx est".split()
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of non-blank body lines. ``end`` excludes the final newline."""

    start: int
    end: int
    first_line: int
    last_line: int
    text: str
    index: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted span: ``start`` at the opening mark, ``end`` just past the closing mark.

    ``closed`` is False when no closing mark was found before the paragraph ended.
    """

    start: int
    end: int
    open_mark: str
    close_mark: str
    closed: bool
    paragraph: int

    @property
    def inner(self) -> tuple[int, int]:
        return (self.start + 1, self.end - 1 if self.closed else self.end)


class Document:
    """One article. Build it with :meth:`from_text`; treat it as immutable."""

    def __init__(self, text: str, path: str = "<text>") -> None:
        self.text = text
        self.path = path
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.line_starts = starts
        #: Scratch space for rules to memoise derived data for this document.
        self.cache: dict[Any, Any] = {}

    # -- lines ------------------------------------------------------------------------------
    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def line_count(self) -> int:
        """Number of lines; a trailing newline does not open another line."""
        n = len(self.line_starts)
        if self.text.endswith("\n"):
            n -= 1
        return n if self.text else 0

    def line_text(self, line: int) -> str:
        return self.lines[line - 1]

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a line's content, excluding its newline."""
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return start, (len(self.text) if end == -1 else end)

    def line_span_with_newline(self, line: int) -> tuple[int, int]:
        start, end = self.line_span(line)
        return start, min(end + 1, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of an offset, both 1-based."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line - 1] + column - 1

    # -- header and body --------------------------------------------------------------------
    @property
    def header_line(self) -> str:
        """The first line, where the ``date YYYY-MM-DD`` header belongs."""
        return self.lines[0] if self.text else ""

    @property
    def body_start(self) -> int:
        """Offset where the body begins (the line after the header)."""
        return self.line_starts[1] if len(self.line_starts) > 1 else len(self.text)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Body paragraphs: runs of lines that are not blank, after the header line."""
        result: list[Paragraph] = []
        text = self.text
        starts = self.line_starts
        para_first = 0
        n_lines = len(starts)
        blank = _BLANK_LINE.fullmatch
        for index in range(1, n_lines + 1):
            if index < n_lines:
                s = starts[index]
                e = starts[index + 1] - 1 if index + 1 < n_lines else len(text)
                is_blank = blank(text, s, e) is not None
            else:
                is_blank = True
            if not is_blank:
                if not para_first:
                    para_first = index + 1
            elif para_first:
                last = index
                s = starts[para_first - 1]
                e = starts[last] - 1 if last < n_lines else len(text)
                result.append(Paragraph(s, e, para_first, last, text[s:e], len(result)))
                para_first = 0
        return result

    def paragraph_at(self, offset: int) -> Paragraph | None:
        for para in self.paragraphs:
            if para.start <= offset <= para.end:
                return para
            if para.start > offset:
                break
        return None

    # -- sentences and quotes ----------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        result: list[Sentence] = []
        for para in self.paragraphs:
            text = para.text
            begin = 0
            for m in _SENTENCE_END.finditer(text):
                word = re.search(r"([\w.]+)\.$", text[begin : m.start() + 1])
                if m.group().startswith(".") and word and word.group(1).lower() in _ABBREVIATIONS:
                    continue
                end = m.end()
                result.append(self._sentence(para, begin, end))
                begin = end
                while begin < len(text) and text[begin].isspace():
                    begin += 1
            if begin < len(text):
                result.append(self._sentence(para, begin, len(text)))
        return result

    @staticmethod
    def _sentence(para: Paragraph, begin: int, end: int) -> Sentence:
        return Sentence(para.start + begin, para.start + end, para.text[begin:end], para.index)

    @cached_property
    def quotes(self) -> list[Quote]:
        """Quoted spans per paragraph, in curly (“…”, ‘…’) and straight ("…") marks."""
        from lintnews.quotes import find_quotes

        return find_quotes(self)

    @cached_property
    def attributions(self) -> list[Attribution]:
        """Speaker attributions of quotes and reported speech, with pronouns resolved."""
        from lintnews.attribution import attributions

        return attributions(self)

    def in_quote(self, offset: int) -> bool:
        for q in self.quotes:
            if q.start <= offset < q.end:
                return True
            if q.start > offset:
                break
        return False
