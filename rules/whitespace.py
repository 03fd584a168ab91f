"""W: whitespace and invisible characters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintnews.document import Document
from lintnews.rule import Finding, Fix, FixAvailability, Rule, Severity

TRAILING = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+$", re.MULTILINE)


class TrailingWhitespace(Rule):
    """Whitespace at the end of a line.

    The header line is left to the D rules, which rewrite it whole.

    ## Why
    Invisible padding changes hashes and diffs and hides real edits in a corpus.

    ## Example
    Fires:  `The minister resigned.␠␠`
    Quiet:  `The minister resigned.`

    ## Fix
    Always safe: the spaces are deleted.
    """

    code = "W101"
    name = "trailing-whitespace"
    severity = Severity.INFO
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in TRAILING.finditer(doc.text, doc.body_start):
            n = m.end() - m.start()
            what = "trailing whitespace" if n == 1 else f"{n} trailing whitespace characters"
            yield self.finding(m.start(), m.end(), f"{what}; the fix deletes them",
                               Fix.delete(m.start(), m.end(), "delete the trailing whitespace"))


_BLANK = re.compile(r"[ \t\u00a0\u3000]*$")


class ExcessBlankLines(Rule):
    """More than one blank line between paragraphs, or blank lines at the start of the body
    or the end of the file.

    ## Why
    Paragraphs are split by exactly one blank line. Extra blank lines are left by removed
    ads and widgets; they inflate diffs and make paragraph counts disagree across tools.

    ## Example
    Fires:  two blank lines between paragraphs
    Fires:  a blank line after the final paragraph
    Quiet:  one blank line between the header and the first paragraph

    ## Fix
    Always safe: the extra blank lines are deleted.
    """

    code = "W102"
    name = "excess-blank-lines"
    severity = Severity.INFO
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        lines = doc.lines
        count = doc.line_count
        blank = [_BLANK.match(line) is not None and not line.strip() for line in lines[:count]]
        run_start = None
        for index in range(1, count + 1):
            if index < count and blank[index]:
                if run_start is None:
                    run_start = index
                continue
            if run_start is not None:
                first, last = run_start + 1, index  # 1-based line numbers of the blank run
                at_end = index == count
                keep = 0 if at_end else 1
                if last - first + 1 > keep:
                    yield self._finding(doc, first + keep, last, at_end, first == 2)
                run_start = None
        if count and blank[0]:
            pass  # a blank first line is a missing header: D101 reports it

    def _finding(self, doc: Document, first: int, last: int, at_end: bool, after_header: bool) -> Finding:
        start = doc.line_starts[first - 1]
        end = doc.line_span_with_newline(last)[1]
        n = last - first + 1
        if at_end:
            where = "at the end of the file"
        elif after_header:
            where = "after the header"
        else:
            where = "between paragraphs"
        lines = "blank line" if n == 1 else f"{n} extra blank lines"
        message = f"{'extra ' if n == 1 else ''}{lines} {where}; the fix deletes {'it' if n == 1 else 'them'}"
        line_end = doc.line_span(last)[1]
        return self.finding(doc.line_starts[first - 1], line_end, message,
                            Fix.delete(start, end, "delete the extra blank lines"))


_LATIN = "A-Za-z\u00c0-\u024f"
# One character class finds every candidate fast; context decides the ones that need it.
INVISIBLE = re.compile("[\u200b\u2060\u180e\u2061-\u2064\ufeff\u00ad\ufff9-\ufffb"  # zero-width, soft hyphen, BOM
                       "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\r"  # control characters
                       "\u200c-\u200f\u00a0]")  # joiners, direction marks, no-break space: in context
_LATIN_CHARS = re.compile(f"[{_LATIN}]")
_CONTEXTUAL = {"\u200c", "\u200d", "\u200e", "\u200f"}


def _needs_flag(text: str, start: int, ch: str) -> bool:
    """Joiners and marks count only between Latin letters; a no-break space only between
    letters of running words (in any script)."""
    if ch not in _CONTEXTUAL and ch != "\u00a0":
        return True
    if start == 0 or start + 1 >= len(text):
        return False
    before, after = text[start - 1], text[start + 1]
    if ch == "\u00a0":
        return before.isalpha() and after.isalpha()
    return bool(_LATIN_CHARS.match(before) and _LATIN_CHARS.match(after))


_NAMES = {
    "\u200b": "zero-width space", "\u2060": "word joiner", "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark", "\u200f": "right-to-left mark", "\u00a0": "no-break space",
    "\u180e": "Mongolian vowel separator", "\r": "carriage return",
}


class InvisibleCharacter(Rule):
    """An invisible character: zero-width spaces, soft hyphens, a stray byte-order mark,
    control characters, or a no-break space between the letters of running words.

    Joiners and direction marks count only between Latin letters, so Persian, Indic and
    emoji text, where they do work, is left alone.

    ## Why
    Invisible characters split words for search and tokenisers ("elec\u00adtion" no longer
    matches "election"), break deduplication and are impossible to spot by eye.

    ## Example
    Fires:  `elec` + soft hyphen + `tion`
    Fires:  `the` + no-break space + `minister`
    Quiet:  `10` + no-break space + `km` (a typographic no-break space)

    ## Fix
    Always safe: the character is deleted; a no-break space becomes a plain space.
    """

    code = "W103"
    name = "invisible-character"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in INVISIBLE.finditer(text):
            ch = m.group()
            if not _needs_flag(text, m.start(), ch):
                continue
            name = _NAMES.get(ch) or f"control character U+{ord(ch):04X}"
            if ch == "\r":
                between = 0 < m.start() and m.end() < len(text) and not text[m.start() - 1].isspace() \
                    and not text[m.end()].isspace()
                fix = Fix.replace(m.start(), m.end(), " " if between else "",
                                  "write a space" if between else "delete the character")
                message = f"stray carriage return (U+000D); the fix {'writes a space' if between else 'deletes it'}"
            elif ch == "\u00a0":
                fix = Fix.replace(m.start(), m.end(), " ", "write a plain space")
                message = f"{name} inside running text (U+00A0); the fix writes a plain space"
            else:
                fix = Fix.delete(m.start(), m.end(), "delete the character")  # invisible: nothing to keep
                message = f"invisible {name} (U+{ord(ch):04X}); the fix deletes it"
            yield self.finding(m.start(), m.end(), message, fix)


class MissingFinalNewline(Rule):
    """The file does not end with a newline.

    ## Why
    Line-oriented tools (`wc -l`, `cat` of many files, diff) treat the last line as
    incomplete, and concatenated articles run into each other.

    ## Example
    Fires:  a file whose last byte is the `.` of the last sentence
    Quiet:  the same file with a final newline

    ## Fix
    Always safe: a newline is added (CRLF in a CRLF file).
    """

    code = "W104"
    name = "missing-final-newline"
    severity = Severity.INFO
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if text and not text.endswith("\n"):
            end = len(text)
            yield self.finding(end, end, "no newline at end of file; the fix adds one",
                               Fix.replace(end, end, "\n", "add a newline"))


RULES = (TrailingWhitespace, ExcessBlankLines, InvisibleCharacter, MissingFinalNewline)
