"""Find quoted spans in a document's paragraphs.

Double quotes (curly or straight) delimit speech; curly single quotes are quotes only when
they open at a word start and close at a word end, so apostrophes (don’t, ’90s, rock ’n’
roll, the Smiths’) are never taken for quote marks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintnews.document import Document, Quote


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(doc: Document) -> list[Quote]:
    from lintnews.document import Quote

    result: list[Quote] = []
    for para in doc.paragraphs:
        text = para.text
        n = len(text)
        stack: list[tuple[int, str]] = []  # (offset in paragraph, opening mark)
        found: list[Quote] = []
        for i, ch in enumerate(text):
            if ch not in "“”\"‘’":
                continue
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < n else " "
            if ch == "“":
                stack.append((i, ch))
            elif ch == "”":
                _close(stack, found, para, i, ch, ("“", '"'))
            elif ch == '"':
                if stack and stack[-1][1] in ('"', "“") and not (_is_word(nxt) and not _is_word(prev)):
                    _close(stack, found, para, i, ch, ('"', "“"))
                else:
                    stack.append((i, ch))
            elif ch == "‘":
                stack.append((i, ch))
            else:  # ’ : an apostrophe unless it closes an open single quote at a word end
                if _is_word(nxt) or not stack or stack[-1][1] != "‘":
                    continue
                _close(stack, found, para, i, ch, ("‘",))
        for start, mark in stack:
            if mark == "‘":
                continue  # an unmatched opening single mark is most likely an apostrophe
            found.append(Quote(para.start + start, para.end, mark, "", False, para.index))
        found.sort(key=lambda q: q.start)
        result.extend(found)
    return result


def _close(stack, found, para, i, ch, openers) -> None:
    from lintnews.document import Quote

    for depth in range(len(stack) - 1, -1, -1):
        start, mark = stack[depth]
        if mark in openers:
            del stack[depth:]
            found.append(Quote(para.start + start, para.start + i + 1, mark, ch, True, para.index))
            return
