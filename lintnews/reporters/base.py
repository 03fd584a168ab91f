"""What a reporter is given and must do.

A reporter receives file results in input order through :meth:`Reporter.file` and the run's
totals through :meth:`Reporter.finish`. Streaming formats write as they go; formats that
need the whole list keep findings only, never documents.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from lintnews.plugins import Registry
    from lintnews.rule import Finding
    from lintnews.runner import FileResult


@dataclass
class ReportContext:
    registry: Registry
    color: bool = False
    unsafe_fixes: bool = False
    fix_mode: bool = False
    statistics: bool = False
    quiet: bool = False


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    fixable: int = 0
    unsafe_fixable: int = 0
    fixed: int = 0
    files_fixed: int = 0
    skipped: int = 0
    files_with_findings: int = 0
    records: int = 0  # how many of the documents were records of JSON Lines corpora
    by_code: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.fixed += result.fixed
        self.files_fixed += bool(result.changed)
        self.skipped += result.note is not None
        self.files_with_findings += bool(result.findings)
        self.records += result.record is not None
        for f in result.findings:
            sev = f.severity.label
            if sev == "error":
                self.errors += 1
            elif sev == "warning":
                self.warnings += 1
            else:
                self.infos += 1
            self.by_code[f.code] = self.by_code.get(f.code, 0) + 1
            if f.fix is not None:
                if f.fix.is_safe:
                    self.fixable += 1
                else:
                    self.unsafe_fixable += 1


class Reporter:
    """Base class for output formats. ``name`` is what ``--output-format`` selects."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, stream: IO[str], context: ReportContext) -> None:
        self.stream = stream
        self.context = context

    def start(self) -> None:
        """Called once before the first file."""

    def file(self, result: FileResult) -> None:
        """Called once per input, in input order."""

    def finish(self, summary: Summary) -> None:
        """Called once after the last file."""


class LazyReporter(Reporter):
    """Registers a format by name and imports its module only when it is chosen."""

    target: ClassVar[str] = ""

    @classmethod
    def make(cls, name: str, target: str, description: str) -> type[Reporter]:
        return type(f"Lazy_{name}", (cls,), {"name": name, "target": target, "description": description})

    def __new__(cls, stream: IO[str], context: ReportContext) -> Any:  # type: ignore[misc]
        module, _, attr = cls.target.partition(":")
        real = getattr(importlib.import_module(module), attr)
        return real(stream, context)


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as the JSON formats show it: exactly these fields, in this order."""
    fix = None
    if f.fix is not None:
        fix = {
            "applicability": f.fix.applicability.value,
            "message": f.fix.message,
            "edits": [
                {"start_line": sl, "start_column": sc, "end_line": el, "end_column": ec, "content": content}
                for sl, sc, el, ec, content in f.extra.get("edits", ())
            ],
        }
    data: dict[str, Any] = {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "code": f.code,
        "name": f.name,
        "severity": f.severity.label,
        "message": f.message,
        "fix": fix,
    }
    if "record" in f.extra:  # a record of a JSON Lines corpus
        data["record"] = f.extra["record"]
        data["record_index"] = f.extra["record_index"]
    return data
