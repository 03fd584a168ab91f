"""Human-readable output: the finding, the source line with a caret underline, a summary."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from lintnews.reporters.base import Reporter, Summary

if TYPE_CHECKING:
    from lintnews.rule import Finding
    from lintnews.runner import FileResult

WINDOW = 100  # characters of a long line shown around the finding

_SEVERITY_COLOUR = {"error": "31", "warning": "33", "info": "34"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def display_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _visible(text: str) -> str:
    """Make control and invisible characters printable so the caret lines up."""
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch == "\u00ad":
            out.append("\u2423" if ch == " " else "\u00b7")
        else:
            out.append(ch)
    return "".join(out)


def _one_line(message: str) -> str:
    """Keep a message on its line: newlines and control characters are shown escaped."""
    if message.isprintable():
        return message
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in message)


class _Base(Reporter):
    def _paint(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.context.color else text

    def _marker(self, f: Finding) -> str:
        if f.fix is not None and (f.fix.is_safe or self.context.unsafe_fixes):
            return self._paint("36", "[*]") + " "
        return ""

    def _headline(self, f: Finding) -> str:
        record = f.extra.get("record")
        location = f"{f.path}:{record}" if record is not None else f.path
        where = self._paint("1", f"{location}:{f.line}:{f.column}:")
        code = self._paint(_SEVERITY_COLOUR.get(f.severity.label, "0") + ";1", f.code)
        return f"{where} {code} {self._marker(f)}{_one_line(f.message)}"

    def file(self, result: FileResult) -> None:
        if self.context.statistics:
            return
        for f in result.findings:
            self.finding(f, result)

    def finding(self, f: Finding, result: FileResult) -> None:
        self.stream.write(self._headline(f) + "\n")

    def finish(self, summary: Summary) -> None:
        if self.context.statistics:
            self._statistics(summary)
        if self.context.quiet:
            return
        self.stream.write(self.summary_text(summary))

    def _statistics(self, summary: Summary) -> None:
        rules = self.context.registry.rules
        rows = sorted(summary.by_code.items(), key=lambda kv: (-kv[1], kv[0]))
        width = max((len(str(n)) for _, n in rows), default=1)
        for code, count in rows:
            rule = rules.get(code)
            name = rule.name if rule else ""
            fixable = "[*]" if rule is not None and rule.fix.value != "never" else "   "
            self.stream.write(f"{count:>{width}}  {code}  {fixable} {name}\n")

    def summary_text(self, s: Summary) -> str:
        unit = "document" if s.records else "file"
        lines = []
        if self.context.fix_mode and s.fixed:
            lines.append(f"Fixed {_plural(s.fixed, 'finding')} in {_plural(s.files_fixed, unit)}"
                         f" ({s.total} remaining).")
        if s.total == 0:
            if not (self.context.fix_mode and s.fixed):
                lines.append(f"All checks passed! ({_plural(s.files, unit)} checked)")
            return "\n".join(lines) + "\n"
        parts = [_plural(n, w) for n, w in ((s.errors, "error"), (s.warnings, "warning"), (s.infos, "info")) if n]
        lines.append(f"Found {_plural(s.total, 'finding')} in {s.files_with_findings} of "
                     f"{_plural(s.files, unit)}: {', '.join(parts)}.")
        fixable = s.fixable + (s.unsafe_fixable if self.context.unsafe_fixes else 0)
        if fixable:
            flag = "--fix --unsafe-fixes" if self.context.unsafe_fixes and s.unsafe_fixable else "--fix"
            lines.append(f"[*] {fixable} fixable with `lintnews check {flag}`.")
        if s.unsafe_fixable and not self.context.unsafe_fixes:
            lines.append(f"{s.unsafe_fixable} more fixable with `--unsafe-fixes` (suggestions: review them).")
        return "\n".join(lines) + "\n"


class ConciseReporter(_Base):
    name = "concise"
    description = "one line per finding"


class TextReporter(_Base):
    name = "text"
    description = "source line with a caret underline, then a summary"

    def finding(self, f: Finding, result: FileResult) -> None:
        out = self.stream
        out.write(self._headline(f) + "\n")
        source = result.lines.get(f.line)
        if source is None:
            out.write("\n")
            return
        gutter = " " * len(str(f.line))
        start = f.column - 1
        end = f.end_column - 1 if f.end_line == f.line else len(source)
        end = max(end, start + 1)
        prefix, suffix = "", ""
        view_start = 0
        if len(source) > WINDOW:
            view_start = max(0, min(start - 20, len(source) - WINDOW))
            view_end = view_start + WINDOW
            prefix = "…" if view_start > 0 else ""
            suffix = "…" if view_end < len(source) else ""
            source = source[view_start:view_end]
        before = prefix + _visible(source[: start - view_start])
        marked = _visible(source[start - view_start : end - view_start]) or " "
        shown = prefix + _visible(source) + suffix
        carets = " " * display_width(before) + "^" * max(1, display_width(marked))
        out.write(f" {gutter} |\n")
        out.write(f" {f.line} | {shown}\n")
        out.write(f" {gutter} | {self._paint('31', carets)}\n\n")
