"""B: boilerplate glued into the body: captions, stock phrases, cut-off endings, menus and
page metadata that extractors leave between the paragraphs of an article.

The detection lives in ``_boilerplate_util`` (shared with B103, which skips trailing debris
to judge the article's real last paragraph); the lists are ``data/boilerplate.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lintnews.document import Document, Paragraph
from lintnews.rule import Finding, Fix, FixAvailability, Option, Rule, Severity
from lintnews_rules._boilerplate_util import (
    BULLET,
    captions,
    headline_case,
    is_debris,
    last_char,
    lazy_pattern,
    list_paragraphs,
    metadata,
    nav_lines,
    nav_runs,
    only_lines,
    phrase_regexes,
    tail_matches,
    word_count,
)
from lintnews_rules._util import line_removal, run_removal


def _shown(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _paragraph_removal(doc: Document, index: int) -> tuple[int, int]:
    para = doc.paragraphs[index]
    return para.start, doc.line_span_with_newline(para.last_line)[1]


class CaptionDebris(Rule):
    """An image caption or photo credit left in the body as if it were a paragraph.

    A caption is a short line without final punctuation that describes a scene in the
    present tense ("A woman looks on as…", "Families bid farewell…"), weighed on a scene
    verb, a person as subject, an opening "A" (or a plural subject that takes a base-form
    verb: "Visitors look…", "Trucks carrying aid wait…"), an "as" clause and a place or
    time; or a credit such as `(Image: Reuters)`, `Photo: AP/Getty Images`, `Jane Doe/AFP
    via Getty Images`. Lines that end in a full stop, headings in title case, list items (bullets, or
    several short lines after a lead-in) and lines inside quotes are not captions.

    ## Why
    Captions describe pictures the text no longer has: they break the narrative, confuse
    summarisers and put invented present-tense "events" into training data.

    ## Example
    Fires:  `A young woman looks on as the convoy leaves the square`
    Fires:  `Photo: Jane Doe/Getty Images`
    Fires:  `Buses carrying evacuees queue at a petrol station outside the city`
    Quiet:  `Soldiers were seen leaving the base on Monday.` (a sentence)
    Quiet:  `Families Face A Hard Winter As Prices Climb` (a heading)

    ## Fix
    Unsafe: the paragraph is deleted (a credit glued to a long paragraph: only the credit).
    Review it, since a caption can carry the only mention of a fact.
    """

    code = "B101"
    name = "caption-debris"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        for cap in captions(doc):
            shown = _shown(doc.text[cap.start : cap.end])
            if cap.kind == "glued-credit":
                a, b, content, _ = run_removal(doc, cap.start, cap.end)
                message = f"photo credit `{shown}` glued to the paragraph; the fix deletes the credit (unsafe)"
                yield self.finding(cap.start, cap.end, message,
                                   Fix.replace(a, b, content, "delete the photo credit", safe=False))
                continue
            what = "image caption" if cap.kind == "caption" else "photo credit"
            a, b = _paragraph_removal(doc, cap.paragraph)
            yield self.finding(cap.start, cap.end, f"{what} `{shown}` in the body; the fix deletes the paragraph (unsafe)",
                               Fix.delete(a, b, f"delete the {what}", safe=False))


def _check_phrases(value: Any) -> str | None:
    if all(isinstance(item, str) and item.strip() for item in value):
        return None
    return "expected a list of non-empty strings"


_PROSE_TAIL = lazy_pattern(r"[“”\"]|\b(?:said|says|added|told|according)\b")
_ANSWER_SETUP = lazy_pattern(r"\b(?:one|only|single|answer|reason|word|thing|things|topic|subject)\b", re.I)


class BoilerplatePhrase(Rule):
    """Stock web-page phrases in the body, and section labels stuck onto a paragraph.

    Catches "Advertisement", "Read more: …", "Scroll down for video", "Share this article",
    "Sign up to our newsletter", "Click here to…", "RELATED ARTICLES", cookie and JavaScript
    notices, and a section label ending a paragraph ("… he said. Politics."). A phrase
    counts when it is all its line holds, or when it follows a sentence end and runs to the
    end of the line; "Read more about it on the council's site." in prose is quiet. Section
    labels count only as a single word after a full stop, not after a question ("The
    reason? Money.") or a sentence that sets up a one-word answer. The `extend-phrases`
    option adds phrases; one ending in `:` or `…` takes the rest of its line.

    ## Why
    Page chrome is not article text: it repeats across a corpus, skews word counts and
    teaches models to end paragraphs with "Politics." or "Advertisement".

    ## Example
    Fires:  `Advertisement` (a line of its own)
    Fires:  `“We will appeal,” she said. Politics.`
    Quiet:  `Readers can read more about it on the council's site.`
    Quiet:  `The advertisement ran for three weeks.`

    ## Fix
    Safe when the line is only boilerplate: the line is removed. Unsafe inside a paragraph:
    the phrase (and the rest of its line, for "Read more: …" and the like) is deleted.
    """

    code = "B102"
    name = "boilerplate-phrase"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    options = {
        "extend-phrases": Option(list, [], "more boilerplate phrases (strings); one ending in ':' or '…' takes "
                             "the rest of its line, others must fill their line or end it after a sentence",
                             check=_check_phrases),
    }

    def setup(self) -> None:
        line, prefix = [], []
        for phrase in self.settings["extend-phrases"]:
            phrase = phrase.strip()
            if phrase.endswith(("…", "...")):
                prefix.append(phrase.rstrip(".…").rstrip())
            elif phrase.endswith(":"):
                prefix.append(phrase)
            else:
                line.append(phrase)
        self.regexes = phrase_regexes(tuple(line), tuple(prefix))

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        nav = nav_lines(doc)
        flagged: set[int] = set()
        for line, (start, end) in only_lines(doc, self.regexes).items():
            if line in nav or doc.in_quote(start):
                continue
            flagged.add(line)
            a, b = line_removal(doc, line)
            shown = _shown(text[start:end])
            yield self.finding(start, end, f"boilerplate `{shown}`; the fix removes the line",
                               Fix.delete(a, b, f"remove the line `{shown}`"))
        for m in tail_matches(doc, self.regexes):
            if m.group("line"):
                yield from self._glued(doc, m, "line", "boilerplate", flagged)
            elif m.group("prefix"):
                # Prose can start a sentence with "We use cookies": glued text must end its
                # paragraph and carry no quotes or attribution.
                para = doc.paragraph_at(m.start("prefix"))
                if para and m.end() >= para.end and not _PROSE_TAIL().search(m.group("prefix")):
                    yield from self._glued(doc, m, "prefix", "boilerplate", flagged)
            elif m.group("section") and text[m.start()] == "." and text[m.start() - 1].isalnum():
                line_start = doc.line_starts[doc.position(m.start())[0] - 1]
                before = text[max(line_start, m.start() - 100) : m.start()]
                if not _ANSWER_SETUP().search(re.split(r"[.!?]\s", before)[-1]):
                    yield from self._glued(doc, m, "section", "section label", flagged)

    def _glued(self, doc: Document, m: re.Match[str], group: str, what: str, flagged: set[int]) -> Iterator[Finding]:
        start, end = m.span(group)
        line = doc.position(start)[0]
        if line in flagged or doc.in_quote(start):
            return
        flagged.add(line)
        a, b, content, _ = run_removal(doc, start, end)
        shown = _shown(m.group(group))
        yield self.finding(start, end, f"{what} `{shown}` stuck onto the paragraph; the fix deletes it (unsafe)",
                           Fix.replace(a, b, content, f"delete `{shown}`", safe=False))


_CUT_MARK = lazy_pattern(r"(?:…|\.{3}|\[[ \t]*(?:…|\.{3})[ \t]*\]|\([ \t]*(?:…|\.{3})[ \t]*\)|\b(?:Continue|Keep)[ \t]+"
                         r"reading\b[ \t]*(?:…|\.{3}|→|»|>)?|\bRead[ \t]+the[ \t]+(?:full|rest[ \t]+of[ \t]+the)[ \t]+"
                         r"(?:story|article)\b[ \t]*(?:…|\.{3}|→|»|>)?)$", re.I)


class TruncatedArticle(Rule):
    """The article stops mid-sentence, or ends with "…", "[…]" or "Continue reading".

    The last paragraph that is prose is judged: trailing captions, menus, metadata and
    credit lines ("Reporting by …") are skipped, so a line is not reported both as a
    caption and as a cut. An ending such as `.”` (a closing quote after the full stop) is
    complete; short unpunctuated closing lines (taglines, headings) are not taken as cuts.

    ## Why
    Feeds and paywalls hand out the first part of a story. A truncated article misleads
    readers and models about how the story ends, and should be refetched or dropped.

    ## Example
    Fires:  an article whose last paragraph is `The council said it would review the`
    Fires:  an article that ends with `Continue reading…`
    Quiet:  an article that ends with `“We will be back,” she said.`

    ## Fix
    None: the missing text has to be fetched again.
    """

    code = "B103"
    name = "truncated-article"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Finding]:
        paras = doc.paragraphs
        if not paras:
            return
        last = paras[-1]
        text = last.text.rstrip()
        m = _CUT_MARK().search(text, max(0, len(text) - 60))
        if m:
            yield self.finding(last.start + m.start(), last.start + m.end(),
                               f"the article ends with `{_shown(m.group())}`: it looks cut off")
            return
        index = len(paras) - 1
        floor = max(0, index - 40)  # trailing debris is a few lines; past that, give up cheaply
        while index >= floor and (is_debris(doc, paras[index]) or self._tagline(paras[index])):
            index -= 1
        if index < floor:
            return
        para = paras[index]
        end_char = last_char(para.text)
        if not (end_char.isalnum() or end_char in (",", ";", ":", "–", "—", "-", "(")) or word_count(para.text) < 6:
            return  # complete, or ending in something that is not prose (code, a symbol)
        lines = para.text.split("\n")
        if BULLET().match(para.text) or para.index in list_paragraphs(doc) or len(lines) > 1 and all(
                word_count(line) <= 6 or last_char(line) not in (".", "!", "?", "…") for line in lines):
            return  # a list (names, results, a timeline), not a sentence
        sentence = next(s for s in reversed(doc.sentences) if s.paragraph == para.index)
        end = para.start + len(para.text.rstrip())
        yield self.finding(sentence.start, end, f"the article ends mid-sentence: `…{_shown(doc.text[max(sentence.start, end - 40):end], 41)}`")

    @staticmethod
    def _tagline(para: Paragraph) -> bool:
        """A short or Title Case closing line without punctuation: a tagline or heading, not a cut."""
        if "\n" in para.text or last_char(para.text) in (".", "!", "?", "…", ",", ";", ":", "–", "—", "-", "("):
            return False
        return word_count(para.text) < 6 or headline_case(para.text)


class NavigationDebris(Rule):
    """A run of three or more short lines that are a site's menu, social links or sections.

    Items such as "Home", "News", "Politics", "Facebook", "Twitter", "Subscribe", "Privacy
    Policy", "Back To Main Menu" or month names. The lines may be one paragraph or
    consecutive one-line paragraphs, and one line may hold a menu split by `|` or `•`. A
    run counts when most of its items are known navigation words and none reads like a
    sentence; section and month names weigh less than sure menu words, so genuine lists of
    countries, results, key points or names stay quiet, as does any list after a lead-in
    ending in a colon. Position counts: before the article's first line of prose or after
    its last, three section names make a menu (`Markets` / `Bonds` / `Funds`); between
    paragraphs, section names alone need a run of five.

    ## Why
    Extractors leave page navigation at the top and bottom of articles. It is not text,
    it repeats across every article of a site, and it pollutes word statistics.

    ## Example
    Fires:  `Home` / `News` / `Politics` / `Sport` on consecutive lines
    Fires:  `Business` / `Companies` / `Economy` above the first paragraph
    Quiet:  `Chelsea` / `Arsenal` / `Liverpool` (a list of names)

    ## Fix
    Always safe: the run of lines is deleted.
    """

    code = "B104"
    name = "navigation-debris"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        for run in nav_runs(doc):
            start = doc.line_starts[run.first_line - 1]
            end = doc.line_span(run.last_line)[1]
            items = ", ".join(f"`{i}`" for i in run.items[:3]) + (", …" if len(run.items) > 3 else "")
            yield self.finding(start, end, f"navigation debris: {len(run.items)} menu items ({items}); "
                               "the fix deletes the run",
                               Fix.delete(start, doc.line_span_with_newline(run.last_line)[1], "delete the menu lines"))


class MetadataDebris(Rule):
    """Bylines, timestamps and page furniture left inside the body.

    Catches `By Jane Doe, Political Correspondent` (names in any Latin, Greek or Cyrillic
    spelling), `Updated 10:32 AM ET, Tue November 19, 2019` (two to five capitals after a
    time are its zone), `5 min read`, `Comments (12)`, `Sharing is caring!`, `DON'T MISS`,
    copyright lines, a lone date line, and such items joined by `|`, `·` or `•` on one line
    (`By Jane Doe | 5 min read`). A dateline that opens the first paragraph ("LONDON
    (Reuters) - …") is article text, and several bare date lines are a timeline's headings.

    ## Why
    Page metadata is not article text: it duplicates the header, pollutes the first
    paragraph that summarisers and deduplicators rely on, and leaks names into the prose.

    ## Example
    Fires:  `By Jane Doe, Political Correspondent` (a line of its own)
    Fires:  `5 min read`
    Fires:  `By Zoë Ferreira · 4 min read`
    Quiet:  `By the time the polls closed, turnout had reached 61%.`
    Quiet:  `LONDON (Reuters) - Britain's inflation rate rose in March.`

    ## Fix
    Safe when the line is only metadata: the line is removed. Unsafe when it is glued to
    text on its line: only the metadata is deleted.
    """

    code = "B105"
    name = "metadata-debris"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        for item in metadata(doc):
            shown = _shown(doc.text[item.start : item.end])
            if item.whole_line:
                a, b = line_removal(doc, item.line)
                yield self.finding(item.start, item.end, f"{item.what} `{shown}` in the body; the fix removes the line",
                                   Fix.delete(a, b, f"remove the {item.what}"))
            else:
                a, b, content, _ = run_removal(doc, item.start, item.end)
                yield self.finding(item.start, item.end,
                                   f"{item.what} `{shown}` glued to the text; the fix deletes it (unsafe)",
                                   Fix.replace(a, b, content, f"delete the {item.what}", safe=False))


RULES = (CaptionDebris, BoilerplatePhrase, TruncatedArticle, NavigationDebris, MetadataDebris)
