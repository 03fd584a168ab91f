"""Q: quotes and their attribution, read from the document's quote scan and attribution model."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintnews.attribution import Attribution, Person, Referent, analyse, may_attribute_to_pronoun
from lintnews.document import Document, Quote
from lintnews.quotes import DOUBLE, GUILLEMET, family_of, scan_quotes
from lintnews.rule import Edit, Finding, Fix, FixAvailability, Option, Rule, Severity

# A closing mark forgotten before the attribution: “We are ready, she said. (…)
_DROPPED_CLOSE = re.compile(r"[,.!?]\s+(?:he|she|they)\s+(?:said|added|says|told\s+\w+)[.,]")
_WORD_RUN = re.compile(r"\w+")


class UnbalancedQuote(Rule):
    """A quote mark opened and never closed in its paragraph, or a closing mark with no opening.

    A quote that runs over several paragraphs leaves each paragraph open and reopens the next
    with an opening mark; only the last paragraph closes it. That convention is not flagged.
    Apostrophes (don’t, ’90s, rock ’n’ roll, the Smiths’) are not quote marks.

    ## Why
    A lost closing mark turns the rest of a paragraph into speech: the writer's words are then
    read as the speaker's, and quote-aware tools skip or misattribute them.

    ## Example
    Fires:  `“We will rebuild the bridge by spring, the mayor said.`
    Fires:  `The mayor said the bridge would reopen.” Work starts on Monday.`
    Quiet:  `“We will rebuild it,” the mayor said.` (and a quote reopened on each paragraph)

    ## Fix
    None: where the closing mark belongs is for a person to decide.
    """

    code = "Q101"
    name = "unbalanced-quote"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Finding]:
        scan = scan_quotes(doc)
        text = doc.text
        left_open: set[int] = set()  # paragraphs whose quote was left open at their end
        for q in scan.quotes:
            if q.closed or family_of(q.open_mark) not in (DOUBLE, GUILLEMET):
                continue
            if q.end >= doc.paragraphs[q.paragraph].end:
                left_open.add(q.paragraph)
            if q.start in scan.continued and not _DROPPED_CLOSE.search(text, q.start, q.end):
                continue
            yield self.finding(q.start, q.start + 1,
                               f"quote opened with {q.open_mark} is never closed in its paragraph")
        for mark in scan.marks:
            if mark.role != "stray" or mark.char not in "”»":
                continue
            para = doc.paragraph_at(mark.offset)
            if para is not None and para.index - 1 in left_open:
                continue  # the opening above is already reported
            yield self.finding(mark.offset, mark.offset + 1,
                               f"closing {mark.char} has no opening mark in its paragraph")


def _pronoun_attributions(doc: Document, status: str) -> Iterator[Attribution]:
    if not may_attribute_to_pronoun(doc):
        return  # no quote can be given to he or she: skip the whole analysis
    for attr in analyse(doc).attributions:
        if attr.pronoun in ("he", "she") and attr.quotes and attr.status == status:
            yield attr


def _line(doc: Document, offset: int) -> int:
    return doc.position(offset)[0]


class UnattributedQuote(Rule):
    """A quote attributed by a pronoun (“she said”) when no one the pronoun can refer to has
    been named earlier in the article.

    Named people, unnamed ones (“a spokeswoman”, “the 34-year-old”), earlier speakers and an
    earlier “he”/“his” (or “she”/“her”) in the writer's own prose all count; organisations,
    places and plural groups do not.

    ## Why
    Scrapers drop the paragraph that introduced a speaker, and spinners cut articles short:
    the quote is left with a pronoun that points at no one.

    ## Example
    Fires:  `Floods closed the coast road. “We lost everything,” she said.` (no one named)
    Quiet:  `Farmer Ruth Okafor lost her barn. “We lost everything,” she said.`

    ## Fix
    None: only the source can say who spoke.
    """

    code = "Q102"
    name = "unattributed-quote"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Finding]:
        for attr in _pronoun_attributions(doc, "unreferenced"):
            yield self.finding(attr.start, attr.end,
                               f"quote attributed to “{attr.text}”, but no one “{attr.text}” can refer to "
                               "is named earlier in the article")


class AmbiguousAttribution(Rule):
    """A pronoun attribution where two or more people it could refer to were named since the
    last attribution.

    ## Why
    “She said” after a paragraph naming two women leaves the reader, and any tool that counts
    who said what, to guess the speaker.

    ## Example
    Fires:  `Ana Ruiz met Lucia Gomez. “It went well,” she said.` (both could be “she”)
    Quiet:  `Ana Ruiz met Mr Gomez. “It went well,” she said.`

    ## Fix
    None: name the speaker in the attribution.
    """

    code = "Q103"
    name = "ambiguous-attribution"
    severity = Severity.INFO

    def check(self, doc: Document) -> Iterator[Finding]:
        for attr in _pronoun_attributions(doc, "ambiguous"):
            names = [c.name for c in attr.candidates]
            listed = ", ".join(names[:-1]) + f" or {names[-1]}"
            yield self.finding(attr.start, attr.end,
                               f"“{attr.text}” could be {listed}, all named since the last attribution")


class AttributionMismatch(Rule):
    """A pronoun attribution that contradicts what the article established about the only or
    nearest candidate speaker: “he said” for someone titled Ms or already called “she”.

    The candidates are the people named since the last attribution and the last speaker; the
    pronoun may also skip back to an earlier speaker it fits. Evidence is a title (Mr, Mrs,
    Ms, Sir, Dame), a gendered noun (his wife, a father of two) or a pronoun the article
    already used for that person (“she said”, “Amina Yusuf said she …”); never a first name.

    ## Why
    A pronoun that does not fit any earlier person is a typo, a spinner's swap or a sign that
    the quote was pasted under the wrong speaker.

    ## Example
    Fires:  `Ms Adeyemi chairs the board. “We will appeal,” he said.`
    Quiet:  `Ms Adeyemi spoke after Mr Bello. “We will appeal,” he said.`

    ## Fix
    None: check which speaker is meant.
    """

    code = "Q104"
    name = "attribution-mismatch"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Finding]:
        for attr in _pronoun_attributions(doc, "mismatch"):
            who = attr.candidates[0]
            if isinstance(who, Person):
                ev = next((e for e in who.evidence if e.gender != attr.gender), None)
                why = f"{ev.why} on line {_line(doc, ev.offset)}" if ev else "described otherwise"
                what = who.name
            elif isinstance(who, Referent):
                why = f"described on line {_line(doc, who.offset)}"
                what = f"“{who.text}”"
            else:  # pragma: no cover - candidates are people
                continue
            yield self.finding(attr.start, attr.end,
                               f"“{attr.text}” does not fit the nearest candidate speaker, {what} ({why})")


class ConflictingAttribution(Rule):
    """The same quoted words (at least four, compared without case and punctuation) are given
    to two different speakers in one article.

    Only direct attributions count (“…,” X said; X said: “…”), not quoted fragments inside
    reported speech, and only speakers the model identified as different named people.

    ## Why
    One of the two attributions is wrong: a copy-paste slip, a spun rewrite or a scraper that
    stitched two stories together.

    ## Example
    Fires:  `“The budget is dead on arrival,” Ms Rao said.` … `“The budget is dead on arrival,” Mr Tan said.`
    Quiet:  the same words said twice by Ms Rao

    ## Fix
    None: check the source for who said it.
    """

    code = "Q105"
    name = "conflicting-attribution"
    severity = Severity.ERROR
    options = {"min_words": Option(int, 4, "fewest words a quote needs before it is compared",
                                   check=lambda v: None if v >= 2 else "must be at least 2")}

    def check(self, doc: Document) -> Iterator[Finding]:
        min_words = self.settings["min_words"]
        if not _repeated_quote(doc, min_words):
            return  # no words are quoted twice: skip the whole analysis
        seen: dict[str, tuple[Person, int]] = {}
        items = []
        for attr in analyse(doc).attributions:
            if attr.form not in ("after", "inverted", "before") or not isinstance(attr.speaker, Person):
                continue
            if attr.pronoun and not attr.confident:
                continue
            items += [(q, attr.speaker) for q in attr.quotes]
        items.sort(key=lambda pair: pair[0].start)
        for q, person in items:
            key = _quote_key(doc, q, min_words)
            if key is None:
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = (person, q.start)
            elif first[0] is not person:
                yield self.finding(q.start, q.end,
                                   f"these words are attributed to {person.name} here and to {first[0].name} "
                                   f"on line {_line(doc, first[1])}")


def _quote_key(doc: Document, q: Quote, min_words: int) -> str | None:
    """The quoted words compared without case and punctuation; None when too few."""
    words = _WORD_RUN.findall(doc.text[q.start + 1 : q.end - 1 if q.closed else q.end].lower())
    return " ".join(words) if len(words) >= min_words else None


def _repeated_quote(doc: Document, min_words: int) -> bool:
    """Do two quotes of the article hold the same words? Q105 needs it before any analysis."""
    keys: set[str] = set()
    for q in scan_quotes(doc).quotes:
        key = _quote_key(doc, q, min_words)
        if key is not None:
            if key in keys:
                return True
            keys.add(key)
    return False


class MixedQuoteStyle(Rule):
    """Straight (") and curly (“ ”) double quotes mixed in one article.

    ## Why
    Mixed marks come from pasting between tools; they break quote matching in search and
    make the article look unedited.

    ## Example
    Fires:  `“We are ready,” she said. Her rival called it "a stunt".`
    Quiet:  `“We are ready,” she said. Her rival called it “a stunt”.`

    ## Fix
    Always safe: the marks in the minority style are rewritten in the article's dominant
    style (curly “ and ” by position when curly quotes dominate, " otherwise).
    """

    code = "Q106"
    name = "mixed-quote-style"
    severity = Severity.INFO
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        scan = scan_quotes(doc)
        marks = [m for m in scan.marks if m.char in "“”\"" and m.role in ("open", "close", "stray")]
        straight = sum(m.char == '"' for m in marks)
        curly = len(marks) - straight
        if not straight or not curly:
            return
        to_curly = curly >= straight
        minority = {m.offset: m for m in marks if (m.char == '"') == to_curly}
        done: set[int] = set()
        for q in scan.quotes:
            ends = [o for o in (q.start, q.end - 1 if q.closed else -1) if o in minority and o not in done]
            if ends:
                done.update(ends)
                yield self._finding(doc, [minority[o] for o in ends], to_curly)
        for offset, mark in minority.items():
            if offset not in done:
                yield self._finding(doc, [mark], to_curly)

    def _finding(self, doc: Document, marks: list, to_curly: bool) -> Finding:
        edits = []
        for m in marks:
            new = ("“" if m.role == "open" else "”") if to_curly else '"'
            edits.append(Edit(m.offset, m.offset + 1, new))
        written = "".join(e.content for e in edits)
        style = "curly" if to_curly else "straight"
        old = "".join(m.char for m in marks)
        what = "straight quote marks" if to_curly else "curly quote marks"
        message = f"{what} {old} in an article that mostly uses {style} quotes; the fix writes {written}"
        fix = Fix(tuple(edits), f"write {written}")
        return self.finding(marks[0].offset, marks[-1].offset + 1, message, fix)


RULES: tuple = (UnbalancedQuote, UnattributedQuote, AmbiguousAttribution, AttributionMismatch,
                ConflictingAttribution, MixedQuoteStyle)
