"""From paths to per-file results: discovery, reading, linting, fixing and writing.

Every failure that concerns one input becomes a finding or a note on that input, so one bad
file never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lintnews.document import Document
from lintnews.engine import Engine, resolve
from lintnews.fixer import fix_source, wanted
from lintnews.rule import Finding
from lintnews.source import NotText, SourceText, Undecodable, write_atomic

if TYPE_CHECKING:
    from lintnews.config import ConfigFinder


@dataclass
class Input:
    display: str
    path: Path | None  # None for standard input
    data: bytes | None = None


@dataclass
class FileResult:
    path: str
    findings: list[Finding]
    lines: dict[int, str] = field(default_factory=dict)
    fixed: int = 0
    changed: bool = False
    diff: str | None = None
    note: str | None = None
    error: str | None = None  # a failure the run must exit 2 for (fixes not written)
    fixed_text: bytes | None = None  # for standard input with --fix


@dataclass
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    force_exclude: bool = False


def discover(paths: list[str], finder: ConfigFinder, force_exclude: bool = False) -> tuple[list[Input], list[str]]:
    """Expand paths into inputs in a stable order; returns the inputs and error messages."""
    inputs: list[Input] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not os.path.lexists(path):
            errors.append(f"{given}: no such file or directory")
            continue
        if path.is_dir():
            for file in sorted(_walk(path, finder), key=lambda p: p.parts):
                key = file.resolve()
                if key not in seen:
                    seen.add(key)
                    inputs.append(Input(os.path.normpath(file), file))
            continue
        if force_exclude and finder.for_path(path).is_excluded(path):
            continue
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            inputs.append(Input(given, path))
    return inputs, errors


def _walk(root: Path, finder: ConfigFinder) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        settings = finder.for_path(here)
        dirnames[:] = sorted(d for d in dirnames if not settings.is_excluded(here / d))
        for name in sorted(filenames):
            file = here / name
            file_settings = finder.for_path(file)
            if file_settings.is_included(file) and not file_settings.is_excluded(file):
                yield file


class Runner:
    def __init__(self, engine: Engine, finder: ConfigFinder, options: RunOptions) -> None:
        self.engine = engine
        self.finder = finder
        self.options = options
        self.hook = engine.registry.manager.hook

    def process(self, item: Input) -> FileResult:
        config_path = item.path if item.path is not None else Path(item.display)
        settings = self.finder.for_path(config_path)
        codes = self.engine.selected_codes(settings, config_path)
        rules = self.engine.rules_for(settings, codes)

        data = item.data
        if data is None:
            try:
                data = item.path.read_bytes()  # type: ignore[union-attr]
            except OSError as err:
                return self._engine_finding(item, codes, "E102", f"cannot read file: {err.strerror or err}")
        try:
            source = self.hook.lintnews_read_source(path=item.display, data=data)
        except NotText:
            return FileResult(item.display, [], note="binary file skipped")
        except Undecodable as err:
            message = (
                f"not valid {err.encoding.upper()}: byte 0x{err.byte:02X} at byte offset {err.offset} "
                f"cannot be decoded; the file was not linted and will not be rewritten"
            )
            return self._engine_finding(item, codes, "E101", message, err.line, err.column)
        except Exception as err:
            return self._engine_finding(item, codes, "E102", f"cannot read file: {type(err).__name__}: {err}")

        def lint(doc: Document) -> list[Finding]:
            return self.engine.lint(doc, rules, codes)

        opts = self.options
        if opts.fix or opts.diff:
            outcome = fix_source(source, lint, item.display, unsafe=opts.unsafe_fixes)
            result = self._result(item, Document(outcome.source.text, item.display), outcome.findings)
            if outcome.changed:
                result.fixed, result.changed = outcome.applied, True
                if opts.diff:
                    result.diff = _unified_diff(item.display, source, outcome.source)
                elif item.path is None:
                    result.fixed_text = outcome.source.encode()
                else:
                    try:
                        write_atomic(item.path, outcome.source.encode())
                    except OSError as err:
                        result.fixed, result.changed = 0, False
                        result.error = f"cannot write fixes: {err.strerror or err}; the file is unchanged"
            elif item.path is None and opts.fix and not opts.diff:
                result.fixed_text = data
            return result
        doc = Document(source.text, item.display)
        return self._result(item, doc, lint(doc))

    def _result(self, item: Input, doc: Document, findings: list[Finding]) -> FileResult:
        lines = {}
        for f in findings:
            if f.line not in lines and 0 < f.line <= len(doc.lines):
                lines[f.line] = doc.lines[f.line - 1]
        return FileResult(item.display, findings, lines)

    def _engine_finding(
        self, item: Input, codes: frozenset[str], code: str, message: str, line: int = 1, column: int = 1
    ) -> FileResult:
        if code not in codes:
            return FileResult(item.display, [])
        rule = self.engine.registry.rules[code]
        finding = Finding(rule.code, rule.name, rule.severity, message, 0, 0, path=item.display,
                          line=line, column=column, end_line=line, end_column=column)
        return FileResult(item.display, [finding])

    def fixable(self, finding: Finding) -> bool:
        return wanted(finding.fix, self.options.unsafe_fixes)


def _unified_diff(path: str, before: SourceText, after: SourceText) -> str:
    import difflib

    diff = difflib.unified_diff(
        before.text.splitlines(keepends=True),
        after.text.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in diff:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


__all__ = ["Input", "FileResult", "RunOptions", "Runner", "discover", "resolve"]
