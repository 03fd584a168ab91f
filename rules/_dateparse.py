"""Parsing the `date YYYY-MM-DD` header line and dates written in other ways."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from lintnews.rule import Option

MONTHS = {
    name: index
    for index, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s+)?"
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?"

DATE_FORMS = [
    ("iso", re.compile(rf"(?P<year>\d{{4}})(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}}){_TIME}(?!\d)")),
    ("numeric", re.compile(r"(?<!\d)(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)")),
    ("day-month", re.compile(rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})(?!\d)", re.I)),
    ("month-day", re.compile(rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.I)),
    ("compact", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>0[1-9]|1[0-2])(?P<day>[0-3]\d)(?!\d)")),
]
_KEYWORD_SEP = r"\s*[:=]?\s*"
_DEBRIS = re.compile(r"<!?[-\u2013\u2014]*|[-\u2013\u2014]*>|&[a-z]+;|[\s|:;,=]+")


def _check_format(fmt: str) -> str | None:
    if not all(part in fmt for part in ("%Y", "%d")) or not any(p in fmt for p in ("%m", "%b", "%B")):
        return "the format needs %Y, %d and one of %m, %b, %B"
    try:
        dt.date(2001, 2, 3).strftime(fmt)
    except ValueError as err:
        return f"not a valid strftime format: {err}"
    return None


def _check_reference(value: str) -> str | None:
    if value == "today":
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return "expected \"today\" or a date like \"2024-06-30\""
    return None


HEADER_OPTIONS = {
    "keyword": Option(str, "date", "the word that starts the header line",
                      check=lambda v: None if re.fullmatch(r"\S+", v) else "a single word without spaces"),
    "format": Option(str, "%Y-%m-%d", "strftime format of the date in the header", check=_check_format),
    "day-month-order": Option(str, "", "how to read an ambiguous numeric date like 03/04/2022: "
                              "\"dmy\", \"mdy\", or \"\" to leave it unfixed", choices=("", "dmy", "mdy")),
    "earliest-year": Option(int, 1990, "dates before this year are implausible",
                            check=lambda v: None if 1000 <= v <= 9999 else "a four-digit year"),
    "reference-date": Option(str, "today", "dates after this are implausible: \"today\" or an ISO date",
                             check=_check_reference),
}


@dataclass
class Header:
    """What line 1 says. ``date`` is set only for a real calendar date."""

    line: str
    canonical: bool = False
    looks_like_header: bool = False
    date: dt.date | None = None
    parts: tuple[int, int, int] | None = None  # (year, month, day) as written, maybe invalid
    ambiguous: bool = False
    problems: list[str] = field(default_factory=list)
    date_span: tuple[int, int] | None = None  # columns (0-based) of the date in the line
    written: str = ""


def find_date(text: str, order: str) -> tuple[str, re.Match[str], tuple[int, int, int] | None, bool] | None:
    """The first date-like match in text: (form, match, (y, m, d) or None, ambiguous)."""
    best = None
    for form, pattern in DATE_FORMS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[1].start()):
            best = (form, m)
    if best is None:
        return None
    form, m = best
    ambiguous = False
    if form == "numeric":
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        elif a == b:
            day = month = a
        elif order == "dmy":
            day, month = a, b
        elif order == "mdy":
            month, day = a, b
        else:
            return form, m, None, True
        return form, m, (year, month, day), ambiguous
    month_text = m.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
    return form, m, (int(m.group("year")), month, int(m.group("day"))), ambiguous


def real_date(parts: tuple[int, int, int] | None) -> dt.date | None:
    if parts is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def parse_header(line: str, options: dict[str, Any]) -> Header:
    keyword: str = options["keyword"]
    fmt: str = options["format"]
    header = Header(line)
    if line.startswith(keyword + " "):
        try:
            parsed = dt.datetime.strptime(line[len(keyword) + 1 :], fmt).date()
        except ValueError:
            parsed = None
        if parsed is not None and line == f"{keyword} {parsed.strftime(fmt)}":
            header.canonical = header.looks_like_header = True
            header.date = parsed
            header.parts = (parsed.year, parsed.month, parsed.day)
            return header
    found = find_date(line, options["day-month-order"])
    stripped = line.strip()
    kw = re.match(rf"{re.escape(keyword)}\b{_KEYWORD_SEP}", stripped, re.I)
    if found is None:
        header.looks_like_header = kw is not None and len(stripped.split()) <= 3
        return header
    form, m, parts, ambiguous = found
    rest = (line[: m.start()] + " " + line[m.end() :]).strip()
    if kw:
        rest = re.sub(rf"^{re.escape(keyword)}\b", "", rest, count=1, flags=re.I)
    leftover_words = [w for w in _DEBRIS.sub(" ", rest).split() if re.search(r"[A-Za-z]{2,}", w)]
    before_date = [w for w in _DEBRIS.sub(" ", line[: m.start()]).split() if re.search(r"[A-Za-z]{2,}", w)]
    allowed = 2 if kw else (1 if len(before_date) == 1 == len(leftover_words) else 0)  # `Published: …`
    if len(leftover_words) > allowed:
        # A sentence or headline that mentions a date is not a header: rewriting it would
        # delete text. Without the keyword, only a bare date (and debris) counts as one.
        return header
    header.looks_like_header = True
    header.parts, header.ambiguous = parts, ambiguous
    header.date = real_date(parts)
    header.date_span = m.span()
    header.written = m.group()
    if line != line.lstrip():
        header.problems.append("leading whitespace")
    if kw is None:
        header.problems.append(f"no `{keyword}` keyword")
    elif stripped[: kw.end()].rstrip() != keyword:
        header.problems.append(f"`{stripped[: kw.end()].strip()}` instead of `{keyword}`")
    elif line[: m.start()].strip() != keyword:
        header.problems.append(f"text before the date `{line[: m.start()].strip()[kw.end():].strip()[:30]}`")
    elif stripped[: kw.end()] != keyword + " ":
        header.problems.append(f"`{keyword}` is not followed by exactly one space")
    tail = line[m.end() :]
    if tail.strip():
        header.problems.append(f"text after the date `{tail.strip()[:30]}`")
    elif tail:
        header.problems.append("trailing whitespace")
    if header.date is not None and m.group() != header.date.strftime(fmt):
        header.problems.append(f"date written `{m.group()}`, expected the form `{header.date.strftime(fmt)}`")
    elif header.date is None and not ambiguous and m.group() != _in_format(parts, fmt):
        header.problems.append(f"date written `{m.group()}`")
    if ambiguous:
        header.problems.append(f"`{m.group()}` could be day/month or month/day")
    return header


def _in_format(parts: tuple[int, int, int], fmt: str) -> str:
    """How (year, month, day) look written in ``fmt``, even when they are no real date."""
    y, m, d = parts
    out = fmt.replace("%Y", f"{y:04d}").replace("%m", f"{m:02d}").replace("%d", f"{d:02d}")
    if 1 <= m <= 12:
        out = out.replace("%B", calendar.month_name[m]).replace("%b", calendar.month_abbr[m])
    return out


def header_of(doc: Any, options: dict[str, Any]) -> Header:
    """Parse line 1 once per document and option set."""
    key = ("date-header", options["keyword"], options["format"], options["day-month-order"])
    header = doc.cache.get(key)
    if header is None:
        header = doc.cache[key] = parse_header(doc.header_line, options)
    return header


def reference_date(options: dict[str, Any]) -> tuple[dt.date, bool]:
    value = options["reference-date"]
    if value == "today":
        return dt.date.today(), True
    return dt.date.fromisoformat(value), False
