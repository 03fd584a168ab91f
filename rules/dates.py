"""D: the `date YYYY-MM-DD` header, impossible and implausible dates, relative dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from lintnews.document import Document
from lintnews.rule import Finding, Fix, FixAvailability, Rule, Severity
from lintnews_rules._dateparse import HEADER_OPTIONS, MONTHS, header_of, real_date, reference_date


class MissingDateHeader(Rule):
    """The first line is not a date header at all.

    ## Why
    Every article starts with `date YYYY-MM-DD`; without it, an article cannot be placed in
    time, relative dates cannot be resolved, and date-partitioned corpora lose it.

    ## Example
    Fires:  an article whose first line is `Storm closes schools across the region`
    Quiet:  `date 2024-02-11`

    ## Fix
    None: lintnews cannot know the date. Re-scrape it or take it from the source's metadata.
    """

    code = "D101"
    name = "missing-date-header"
    severity = Severity.ERROR
    options = HEADER_OPTIONS

    def check(self, doc: Document) -> Iterator[Finding]:
        header = header_of(doc, self.settings)
        if header.looks_like_header:
            return
        line = doc.header_line
        end = len(line)
        what = "the file is empty" if not doc.text else f"line 1 is `{line.strip()[:40]}`"
        yield self.finding(0, end, f"missing `{self.settings['keyword']} YYYY-MM-DD` header: {what}")


class MalformedDateHeader(Rule):
    """The date header is there but not in the canonical `date YYYY-MM-DD` form.

    Catches leading or trailing whitespace, debris after the date, the wrong keyword case or
    separator (`Date: …`, `date=…`) and other date formats (`24/09/2022`,
    `24 September 2022`, `Sep 24, 2022`, `2022-09-24T08:30:00Z`).

    ## Why
    Tools that partition or filter a corpus by date parse the header strictly; a header
    they cannot read drops the article from every date-based query.

    ## Example
    Fires:  `Date: 14 March 2023`
    Fires:  ` date 2023-03-14 <!–`
    Quiet:  `date 2023-03-14`

    ## Fix
    Safe when the date is unambiguous and real: the line is rewritten in the canonical form.
    A day/month that could be read both ways (`03/04/2022`) is fixed only when
    `day-month-order` is configured.
    """

    code = "D102"
    name = "malformed-date-header"
    severity = Severity.ERROR
    fix = FixAvailability.SOMETIMES
    options = HEADER_OPTIONS

    def check(self, doc: Document) -> Iterator[Finding]:
        header = header_of(doc, self.settings)
        if header.canonical or not header.looks_like_header:
            return
        if header.parts is not None and not header.problems:
            return  # the canonical form, but a date that does not exist: D103 reports it
        line = doc.header_line
        problems = "; ".join(header.problems) or "no recognisable date"
        fix = None
        if header.date is not None and not header.ambiguous:
            canonical = f"{self.settings['keyword']} {header.date.strftime(self.settings['format'])}"
            fix = Fix.replace(0, len(line), canonical, f"rewrite the line as `{canonical}`")
            problems += f"; the fix writes `{canonical}`"
        yield self.finding(0, len(line), f"malformed date header: {problems}", fix)


_MONTH_NAMES = "|".join(calendar.month_name[i] for i in range(1, 13)) + "|Sept"
_BODY_DATES = re.compile(
    # The lookahead names every possible first character, so the scan skips other text fast.
    r"(?=[\dADFJMNOS])(?:(?<![\d-])(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?![\d-])"
    rf"|\b(?P<mon>{_MONTH_NAMES})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<my>\d{{4}})\b)?"
    rf"|\b(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmon>{_MONTH_NAMES})\b(?:,?\s+(?P<dy>\d{{4}})\b)?)"
)
# Only a day 29-31 after a month name, or an ISO date, can be impossible: most articles have neither.
_CANDIDATE = re.compile(r"(?<!\d)(?:29|3[01])(?!\d)|\d{4}-\d\d-\d\d")


class InvalidDate(Rule):
    """A date that does not exist, such as `2023-06-31`, `February 30` or month 13.

    Checks the header and full dates written in the body.

    ## Why
    An impossible date is always a defect, from a template, a bad conversion or a typo, and
    date parsers either crash on it or silently shift it.

    ## Example
    Fires:  `date 2023-06-31`
    Fires:  `The hearing is set for April 31, 2024.`
    Quiet:  `The hearing is set for April 30, 2024.`

    ## Fix
    None: the intended date cannot be known.
    """

    code = "D103"
    name = "invalid-date"
    severity = Severity.ERROR
    options = HEADER_OPTIONS

    def check(self, doc: Document) -> Iterator[Finding]:
        header = header_of(doc, self.settings)
        if header.parts is not None and header.date is None and header.date_span is not None:
            y, m, d = header.parts
            a, b = header.date_span
            yield self.finding(a, b, f"invalid date in header `{header.written}`: {_why_invalid(y, m, d)}")
        text = doc.text
        if _CANDIDATE.search(text, doc.body_start) is None:
            return
        for match in _BODY_DATES.finditer(text, doc.body_start):
            g = match.groupdict()
            if g["iy"]:
                y, m, d = int(g["iy"]), int(g["im"]), int(g["id"])
            else:
                name = g["mon"] or g["dmon"]
                m = MONTHS[name.lower().rstrip(".")]
                d = int(g["md"] or g["dd"])
                year = g["my"] or g["dy"]
                y = int(year) if year else 2000  # a leap year: February 29 is fine without a year
            if g["iy"] is None and not 29 <= d <= 31:
                continue  # other numbers after a month name are not days ("March 45 miles")
            if g["mon"] and not g["my"] and re.search(r"\b[Ii]n\s+$", text[max(0, match.start() - 4) : match.start()]):
                continue  # "In February 30 patients were admitted": a month, then a count
            if real_date((y, m, d)) is None:
                yield self.finding(match.start(), match.end(),
                                   f"invalid date `{match.group()}`: {_why_invalid(y, m, d)}")


def _why_invalid(y: int, m: int, d: int) -> str:
    if not 1 <= m <= 12:
        return f"there is no month {m}"
    if d == 0:
        return "there is no day 0"
    if m == 2 and d == 29:
        return f"{y} is not a leap year"
    days = calendar.monthrange(y, m)[1]
    return f"{calendar.month_name[m]} has {days} days"


class ImplausibleDate(Rule):
    """The header date is in the future, or before the earliest plausible year.

    ## Why
    A future date or a date decades back usually means a parse of the wrong field (an event
    date, a copyright year) or a clock error in the scraper.

    ## Example
    Fires:  `date 2091-05-02` (with the reference date 2024-06-01)
    Fires:  `date 1970-01-01` (the Unix epoch: a zero timestamp)
    Quiet:  `date 2024-05-02`

    ## Fix
    None. The reference date is today by default (one day of slack for time zones); set
    `reference-date` for a fixed corpus and `earliest-year` for an archive.
    """

    code = "D104"
    name = "implausible-date"
    severity = Severity.WARNING
    options = HEADER_OPTIONS

    def check(self, doc: Document) -> Iterator[Finding]:
        header = header_of(doc, self.settings)
        date = header.date
        if date is None or header.date_span is None and not header.canonical:
            return
        a, b = header.date_span or (len(self.settings["keyword"]) + 1, len(doc.header_line))
        reference, is_today = reference_date(self.settings)
        slack = dt.timedelta(days=1 if is_today else 0)
        if date > reference + slack:
            ref = f"today ({reference})" if is_today else str(reference)
            yield self.finding(a, b, f"header date {date} is after the reference date {ref}")
        elif date.year < self.settings["earliest-year"]:
            yield self.finding(a, b, f"header date {date} is before {self.settings['earliest-year']}, "
                               "the earliest plausible year")


RULES = (MissingDateHeader, MalformedDateHeader, InvalidDate, ImplausibleDate)
