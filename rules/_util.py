"""Helpers shared by the built-in rules: removing debris without leaving holes behind."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintnews.document import Document

_SPACE = " \t"


def is_blank(text: str) -> bool:
    return not text.strip(" \t\u00a0\u3000\u200b\ufeff")


def line_removal(doc: Document, line: int) -> tuple[int, int]:
    """The span that removes ``line`` whole: its text and its newline, nothing else.

    Design rule: a fix never reaches outside the lines of its finding. Blank lines that
    pile up once debris lines are gone are W102's to collapse, in the next fix pass.
    """
    return doc.line_span_with_newline(line)


def merge_runs(spans: Iterable[tuple[int, int]], text: str) -> list[tuple[int, int, int]]:
    """Merge spans separated only by spaces or tabs: (start, end, how many were merged)."""
    runs: list[list[int]] = []
    for start, end in sorted(spans):
        if runs and start >= runs[-1][1] and text[runs[-1][1] : start].strip(_SPACE) == "":
            runs[-1][1] = max(runs[-1][1], end)
            runs[-1][2] += 1
        else:
            runs.append([start, end, 1])
    return [(a, b, n) for a, b, n in runs]


def run_removal(doc: Document, start: int, end: int, *, keep_space: bool = False) -> tuple[int, int, str, bool]:
    """How to delete ``text[start:end]`` cleanly: (start, end, content, whole_line).

    A run that is all the line holds removes the line; a run at the end of a line takes the
    spaces before it; a run between words takes one neighbouring space, or leaves one space
    when ``keep_space`` says the words must stay apart.
    """
    text = doc.text
    line, _ = doc.position(start)
    line_start, line_end = doc.line_span(line)
    end_line, _ = doc.position(end)
    if end_line != line:
        line_end = doc.line_span(end_line)[1]
    if is_blank(text[line_start:start]) and is_blank(text[end:line_end]):
        if end_line == line:
            a, b = line_removal(doc, line)
        else:
            a, b = line_start, doc.line_span_with_newline(end_line)[1]
        return a, b, "", True
    s, e = start, end
    while e < line_end and text[e] in _SPACE:
        e += 1
    if e == line_end:  # at the end of the line: take the spaces before it too
        while s > line_start and text[s - 1] in _SPACE:
            s -= 1
        return s, e, "", False
    if s == line_start:  # at the start of the line: take the spaces after it too
        return s, e, "", False
    e = end
    if s > line_start and text[s - 1] in _SPACE and e < line_end and text[e] in _SPACE:
        return s, e + 1, "", False  # between words: drop one of the two spaces
    if keep_space and s > line_start and e < line_end and not text[s - 1].isspace() and not text[e].isspace():
        return s, e, " ", False
    return s, e, "", False
