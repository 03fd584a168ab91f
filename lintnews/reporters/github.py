"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

GitHub turns these lines into annotations on the pull request's diff. Nothing else is
written, so the command's whole output can go to the job log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lintnews.reporters.base import Reporter

if TYPE_CHECKING:
    from lintnews.rule import Finding
    from lintnews.runner import FileResult

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
_DATA_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def escape_data(text: str) -> str:
    """Escape a command's message (after ``::``)."""
    return text.translate(_DATA_ESCAPES)


def escape_property(text: str) -> str:
    """Escape a property value (``file=…``, ``title=…``), where ``:`` and ``,`` are separators."""
    return text.translate(_PROPERTY_ESCAPES)


def annotation(f: Finding) -> str:
    props = (
        ("file", f.path), ("line", f.line), ("col", f.column),
        ("endLine", f.end_line), ("endColumn", f.end_column), ("title", f.code),
    )
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    return f"::{_COMMAND[f.severity.label]} {fields}::{escape_data(f.message)}"


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions workflow annotations"

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            self.stream.write(annotation(f) + "\n")
        self.stream.flush()
