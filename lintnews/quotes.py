"""Find quoted spans in a document's paragraphs and say what every quote mark is.

Double quotes (curly “ ”, straight ", low „, guillemets « ») delimit speech. Single quotes
(‘ ’ and ') are quotes only when they open at a word start and a matching mark closes at a
word end, so apostrophes (don’t, ’90s, rock ’n’ roll, the Smiths’) are never quote marks.
A quote left open at the end of a paragraph is *continued* when the next paragraph reopens
with an opening mark, the convention for quotes that run over several paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintnews.document import Document, Paragraph, Quote

QUOTE_CHARS = frozenset("“”\"‘’'„‚«»")
_QUOTE_CHAR = re.compile("[“”\"‘’'„‚«»]")
DOUBLE = "d"
SINGLE = "s"
GUILLEMET = "g"
# Closing punctuation and dashes that may follow a closing mark, or precede an opening one.
_AFTER_CLOSE = frozenset(".,;:!?)]}…—–-/")
_BEFORE_OPEN = frozenset("([{—–-/")
# Words an apostrophe opens: ’em, ’cause, ’til, ’tis, ’twas, ’n’ (rock ’n’ roll), ’90s.
_ELISIONS = ("em ", "em,", "em.", "cause ", "til ", "tis ", "twas ", "n ", "n’", "n'", "bout ", "round ")


@dataclass(frozen=True, slots=True)
class Mark:
    """One quote character and its role: open, close, apostrophe, measure or stray."""

    offset: int
    char: str
    role: str
    family: str


@dataclass(slots=True)
class QuoteScan:
    """Everything the quote finder learnt about a document, computed once per document."""

    quotes: list[Quote] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    #: Offsets of opening marks whose quote is left open and reopened by the next paragraph.
    continued: set[int] = field(default_factory=set)
    #: Quotes of one utterance over several paragraphs: lists of indices into ``quotes``.
    groups: list[list[int]] = field(default_factory=list)


def family_of(mark: str) -> str:
    if mark in "“”\"„":
        return DOUBLE
    if mark in "«»":
        return GUILLEMET
    return SINGLE


_FAMILY = {ch: family_of(ch) for ch in QUOTE_CHARS}


def _is_elision(text: str, i: int) -> bool:
    nxt = text[i + 1 : i + 8].lower() + " "
    return nxt[:1].isdigit() or nxt.startswith(_ELISIONS)


class _Scanner:
    def __init__(self, para: Paragraph) -> None:
        self.para = para
        self.base = para.start
        self.text = para.text
        self.stack: list[tuple[int, str, str]] = []  # (offset in paragraph, mark, family)
        self.found: list[tuple[int, int, str, str, bool]] = []  # start, end, open, close, closed
        self.marks: list[Mark] = []

    def mark(self, i: int, ch: str, role: str) -> None:
        self.marks.append(Mark(self.base + i, ch, role, _FAMILY[ch]))

    def top(self) -> tuple[int, str, str] | None:
        return self.stack[-1] if self.stack else None

    def open_index(self, family: str) -> int:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][2] == family:
                return depth
        return -1

    def close(self, depth: int, i: int, ch: str) -> None:
        start, mark, _ = self.stack[depth]
        for inner_start, inner_mark, inner_family in self.stack[depth + 1 :]:
            if inner_family == SINGLE:
                self.demote(inner_start)  # an inner single mark never closed: an apostrophe
            else:
                self.found.append((inner_start, i, inner_mark, "", False))
        del self.stack[depth:]
        self.found.append((start, i + 1, mark, ch, True))
        self.mark(i, ch, "close")

    def demote(self, start: int) -> None:
        offset = self.para.start + start
        for k in range(len(self.marks) - 1, -1, -1):
            m = self.marks[k]
            if m.offset == offset:
                self.marks[k] = Mark(m.offset, m.char, "apostrophe", m.family)
                return

    def push(self, i: int, ch: str, family: str) -> None:
        top = self.top()
        if family == DOUBLE and top is not None and top[2] == DOUBLE and (top[1] == ch or ch == "“" and top[1] == "”"):
            # A double quote does not nest in a double quote: the one before was left open.
            start, mark, _ = self.stack.pop()
            end = i
            while end > start + 1 and self.text[end - 1].isspace():
                end -= 1
            self.found.append((start, end, mark, "", False))
        self.stack.append((i, ch, family))
        self.mark(i, ch, "open")

    def scan(self) -> None:
        text = self.text
        skip = -1
        for match in _QUOTE_CHAR.finditer(text):
            i = match.start()
            if i <= skip:
                continue
            ch = text[i]
            if ch in "’'" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
                self.marks.append(Mark(self.base + i, ch, "apostrophe", SINGLE))  # don’t, O’Brien
                continue
            if ch in "\"'" and i and text[i - 1] == "=":
                # An HTML attribute left in the text (<a href="…">): markup, not a quote.
                close = text.find(ch, i + 1, i + 500)
                if close > 0:
                    self.mark(i, ch, "markup")
                    self.mark(close, ch, "markup")
                    skip = close
                    continue
            self.step(i, ch)
        for start, mark, family in self.stack:
            if family == SINGLE:
                self.demote(start)  # an unmatched opening single mark is an apostrophe after all
                continue
            self.found.append((start, len(text), mark, "", False))
        self.stack.clear()

    def step(self, i: int, ch: str) -> None:  # noqa: C901 - one branch per kind of mark
        text = self.text
        # Left-flanking (could open) and right-flanking (could close), from the neighbours.
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        prev_space, next_space = prev.isspace(), nxt.isspace()
        left = not next_space and (prev_space or prev in _BEFORE_OPEN or prev in QUOTE_CHARS)
        right = not prev_space and (next_space or nxt in _AFTER_CLOSE or nxt in QUOTE_CHARS)
        stack = self.stack
        top = stack[-1] if stack else None
        double_open = -1
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][2] == DOUBLE:
                double_open = depth
                break
        if ch == "“":
            if top is not None and top[1] == "„":
                self.close(len(self.stack) - 1, i, ch)
            elif double_open >= 0 and right and not left:
                self.close(double_open, i, ch)  # a closing mark typed the wrong way round
            else:
                self.push(i, ch, DOUBLE)
        elif ch == "”":
            if double_open >= 0:
                self.close(double_open, i, ch)
            elif left and not right:
                self.push(i, ch, DOUBLE)  # ”…” (Swedish style, or a wrong-way opener)
            else:
                self.mark(i, ch, "stray")
        elif ch == "„":
            if left:
                self.push(i, ch, DOUBLE)
            else:
                self.mark(i, ch, "other")  # inside a word: mojibake (â€ž), not a quote
        elif ch == '"':
            prev = text[i - 1] if i else " "
            if double_open < 0 and prev.isdigit():
                self.mark(i, ch, "measure")  # 6'2", a 12" pizza
            elif double_open >= 0 and (right or not left):
                self.close(double_open, i, ch)
            elif left or not right:
                self.push(i, ch, DOUBLE)
            else:
                self.mark(i, ch, "stray")
        elif ch in "«»":
            g = self.open_index(GUILLEMET)
            if g >= 0 and ch != self.stack[g][1]:
                self.close(g, i, ch)
            else:
                self.stack.append((i, ch, GUILLEMET))
                self.mark(i, ch, "open")
        elif ch in "‘‚":
            if ch == "‚" and not left:
                self.mark(i, ch, "other")
            elif top is not None and top[1] == "‚" and ch == "‘":
                self.close(len(self.stack) - 1, i, ch)
            elif left and not _is_elision(text, i):
                self.stack.append((i, ch, SINGLE))
                self.mark(i, ch, "open")
            elif top is not None and top[2] == SINGLE and right:
                self.close(len(self.stack) - 1, i, ch)
            else:
                self.mark(i, ch, "apostrophe")
        else:  # ’ or '
            self.single_close_or_apostrophe(i, ch, left, right, top)

    def single_close_or_apostrophe(self, i: int, ch: str, left: bool, right: bool, top) -> None:
        text = self.text
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if prev.isalnum() and nxt.isalnum():
            self.mark(i, ch, "apostrophe")  # don’t, O’Brien
        elif left and not right:
            if ch == "'" and not _is_elision(text, i) and (top is None or top[2] != SINGLE):
                self.stack.append((i, ch, SINGLE))
                self.mark(i, ch, "open")
            else:
                self.mark(i, ch, "apostrophe")  # ’90s, ’n’, ’em
        elif right and top is not None and top[2] == SINGLE and (ch == "’" or top[1] == "'"):
            if self.possessive(i):
                self.mark(i, ch, "apostrophe")
            else:
                self.close(len(self.stack) - 1, i, ch)
        else:
            self.mark(i, ch, "apostrophe")  # the Smiths’, rock ’n’ roll

    def possessive(self, i: int) -> bool:
        """A plural possessive (the Smiths’ album) inside a single quote that closes later."""
        text = self.text
        if text[i - 1] not in "sz" or text[i + 1 : i + 2] != " " or not text[i + 2 : i + 3].islower():
            return False
        ch = text[i]
        for j in range(i + 1, len(text)):
            c = text[j]
            if c in "“”\"„«»":
                return False
            if c == ch and not text[j - 1].isspace() and not text[j + 1 : j + 2].isalnum():
                return True
        return False


def scan_quotes(doc: Document) -> QuoteScan:
    """The quote scan of ``doc``, computed once and kept in ``doc.cache``."""
    cached = doc.cache.get("lintnews.quotes")
    if cached is None:
        cached = doc.cache["lintnews.quotes"] = _scan(doc)
    return cached


def _scan(doc: Document) -> QuoteScan:
    from lintnews.document import Quote

    result = QuoteScan()
    text = doc.text
    if not _has_quote_char(text):
        return result
    paragraphs = doc.paragraphs
    pending: dict[str, int] = {}  # family -> index of a quote left open in the previous paragraph
    for para in paragraphs:
        if not _has_quote_char(para.text):
            pending = {}
            continue
        scanner = _Scanner(para)
        scanner.scan()
        result.marks.extend(scanner.marks)
        found = sorted(scanner.found)
        base = len(result.quotes)
        for start, end, open_mark, close_mark, closed in found:
            result.quotes.append(Quote(para.start + start, para.start + end, open_mark, close_mark, closed, para.index))
        # A quote opening this paragraph continues the one the previous paragraph left open.
        first = base if found and found[0][0] == _first_visible(para.text) else -1
        if first >= 0:
            family = family_of(result.quotes[first].open_mark)
            prev = pending.get(family)
            if prev is not None:
                result.continued.add(result.quotes[prev].start)
                for group in result.groups:
                    if group[-1] == prev:
                        group.append(first)
                        break
                else:
                    result.groups.append([prev, first])
        pending = {}
        last_open = [k for k in range(base, len(result.quotes)) if not result.quotes[k].closed]
        if last_open:
            q = result.quotes[last_open[-1]]
            if q.end == para.end:
                pending[family_of(q.open_mark)] = last_open[-1]
    return result


def _has_quote_char(text: str) -> bool:
    # Ten substring tests are cheaper than one search with a class of non-ASCII characters.
    return ("’" in text or '"' in text or "“" in text or "”" in text or "'" in text or "‘" in text
            or "„" in text or "‚" in text or "«" in text or "»" in text)


def _first_visible(text: str) -> int:
    i = 0
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def find_quotes(doc: Document) -> list[Quote]:
    return scan_quotes(doc).quotes
