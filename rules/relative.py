"""D105: relative time references ("yesterday", "last Tuesday"), resolved from the header."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from lintnews.document import Document
from lintnews.rule import Finding, Rule, Severity
from lintnews_rules._dateparse import HEADER_OPTIONS, header_of

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
RELATIVE = re.compile(
    # The lookahead names every possible first letter, so the scan skips other text fast.
    r"(?=[TtYyLlNnMWFS])\b(?:(?P<part>[Tt]his (?:morning|afternoon|evening)|[Ll]ast night|[Tt]omorrow night)"
    r"|(?P<day>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)"
    r"|(?P<wmod>[Tt]his|[Ll]ast|[Nn]ext) (?P<unit>week|weekend)"
    r"|(?:(?P<dmod>[Ll]ast|[Nn]ext|[Tt]his) )?(?P<weekday>" + "|".join(WEEKDAYS) + r"))\b"
)
_ABSOLUTE_AFTER = re.compile(rf",?\s+(?:the\s+)?(?:\d|(?:{_MONTHS})\b)")
# Named days and titles that contain a weekday but are not relative references.
_NAMED_BEFORE = frozenset(
    "black cyber good super ash easter palm holy maundy shrove fat bloody blue giving man girl ruby "
    "every".split()
)
_TITLE_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Independent|Star|Tribune|Review|"
    r"Night Football|Night Raw|Club|Show|People|Sport|League|Bloody Sunday)\b"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|[\"“‘(\[]\s*|\n)$")


_DAY_NAMES = "|".join(WEEKDAYS)
_RANGE_AFTER = re.compile(rf"\s*(?:to|through|thru|till|until|-|–|—)\s*(?:{_DAY_NAMES})\b")
_RANGE_BEFORE = re.compile(rf"(?:^|\W)(\w+\s+)?(?:{_DAY_NAMES})\s*(?:to|through|thru|till|until|-|–|—)\s*$")


def _is_schedule(text: str, m: re.Match[str], before: str) -> bool:
    """`open Monday to Friday`: a weekly schedule, not a date. `from Monday to Friday` is a date."""
    start = _RANGE_BEFORE.search(before)
    if start is None and not _RANGE_AFTER.match(text, m.end()):
        return False
    lead = start.group(1) if start else (re.search(r"(\w+)\s+$", before) or [None, None])[1]
    return (lead or "").strip().lower() not in {"from", "between", "on", "since", "by"}


def _weekday_dates(base: dt.date, weekday: int) -> tuple[dt.date, dt.date]:
    """The given weekday on or before ``base``, and the one after it."""
    back = (base.weekday() - weekday) % 7
    before = base - dt.timedelta(days=back)
    return before, before + dt.timedelta(days=7 if back == 0 else 7)


def resolve(match: re.Match[str], base: dt.date) -> str:
    g = match.groupdict()
    word = match.group().lower()
    one = dt.timedelta(days=1)
    if g["day"] or g["part"]:
        if word.startswith("yesterday") or word == "last night":
            return f"{base - one}"
        if word.startswith("tomorrow"):
            return f"{base + one}"
        return f"{base}"
    if g["unit"]:
        monday = base - dt.timedelta(days=base.weekday())
        shift = {"this": 0, "last": -7, "next": 7}[g["wmod"].lower()]
        start = monday + dt.timedelta(days=shift)
        if g["unit"] == "weekend":
            return f"{start + dt.timedelta(days=5)} to {start + dt.timedelta(days=6)}"
        return f"the week of {start} to {start + dt.timedelta(days=6)}"
    weekday = WEEKDAYS.index(g["weekday"])
    before, after = _weekday_dates(base, weekday)
    mod = (g["dmod"] or "").lower()
    if mod == "last":
        return f"{before if before < base else before - dt.timedelta(days=7)}"
    if mod == "next":
        return f"{after}"
    if before == base:
        return f"{base} (the header's own day), or {after} if it is still to come"
    return f"{before} if it has passed, or {after} if it is still to come"


class RelativeTimeReference(Rule):
    """A relative time reference such as "today", "yesterday", "last night", "this week" or
    a weekday used relatively ("on Tuesday", "last Friday").

    Quoted speech counts too: "yesterday" in a quote is as relative as in the prose.

    ## Why
    Relative dates lose their meaning once an article leaves its publication day: in a
    corpus, "yesterday" is only as good as the header date that resolves it. The message
    gives the absolute date so it can be checked or rewritten.

    ## Example
    Fires:  `The mayor resigned yesterday.` (with `date 2024-03-05`: 2024-03-04)
    Fires:  `Talks resume on Thursday.`
    Quiet:  `Talks resume on Thursday, March 7.` (an absolute date)
    Quiet:  `Shoppers queued for Black Friday deals.`
    Quiet:  `She told USA Today the plan was dead.`

    ## Fix
    None: whether to keep, rewrite or annotate a relative date is an editorial choice.
    """

    code = "D105"
    name = "relative-time-reference"
    severity = Severity.INFO
    options = HEADER_OPTIONS

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        header = header_of(doc, self.settings)
        base = header.date
        for m in RELATIVE.finditer(text, doc.body_start):
            if self._not_relative(text, m):
                continue
            phrase = m.group()
            if base is None:
                message = f"relative date `{phrase}` cannot be resolved: the article has no valid date header"
            else:
                message = f"relative date `{phrase}`; by the header date {base} it means {resolve(m, base)}"
            yield self.finding(m.start(), m.end(), message)

    @staticmethod
    def _not_relative(text: str, m: re.Match[str]) -> bool:
        before = text[max(0, m.start() - 40) : m.start()]
        if m.group("weekday"):
            if _ABSOLUTE_AFTER.match(text, m.end()) or _TITLE_AFTER.match(text, m.end()):
                return True
            prev = re.search(r"(\w+)\s+$", before)
            if not m.group("dmod") and prev and prev.group(1).lower() in _NAMED_BEFORE:
                return True
            if not m.group("dmod") and _is_schedule(text, m, before):
                return True
        if m.group("day") and m.group()[0].isupper() and not _SENTENCE_START.search(before):
            return True  # a name: USA Today, the Today programme, The Tonight Show
        return False


RULES = (RelativeTimeReference,)
