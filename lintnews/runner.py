"""From inputs to per-document results: discovery, reading, linting, fixing and writing.

An :class:`Input` is one document: a text file, standard input, or one record of a JSON
Lines corpus. Every failure that concerns one input becomes a finding or a note on that
input, so one bad document never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lintnews.document import Document
from lintnews.engine import Engine
from lintnews.fixer import fix_source, wanted
from lintnews.rule import Finding
from lintnews.source import NotText, SourceText, Undecodable, write_atomic

if TYPE_CHECKING:
    from lintnews.config import ConfigFinder

SNIPPET_CHARS = 120


@dataclass(slots=True)
class Input:
    """One document to lint. Files carry ``path`` (and ``data`` once read); corpus records
    carry ``text``, ``record`` (their id) and ``record_index``; ``error`` marks a malformed
    record. ``config_path`` is where configuration is looked up from."""

    display: str
    path: Path | None = None
    data: bytes | None = None
    text: str | None = None
    record: str | None = None
    record_index: int | None = None
    error: str | None = None
    config_path: Path | None = None

    def config_location(self) -> Path:
        if self.config_path is not None:
            return self.config_path
        return self.path if self.path is not None else Path(self.display)


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
    fixed_text: bytes | None = None  # standard input with --fix: the fixed bytes
    fixed_record: str | None = None  # a corpus record with --fix: its fixed text
    record: str | None = None
    record_index: int | None = None
    cached: bool = False


@dataclass(frozen=True)
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    force_exclude: bool = False


class Discovery:
    """The documents named by the command line's paths, streamed in a stable order.

    Creating it walks the folders once, counting the files and finding every config on
    the way (so plugins and options are known before linting starts), but keeps no list of
    files: iterating walks again and yields them one by one, so memory does not grow with
    the size of a corpus.
    """

    def __init__(self, paths: list[str], finder: ConfigFinder, force_exclude: bool = False) -> None:
        self.paths = paths
        self.finder = finder
        self.force_exclude = force_exclude
        self.errors: list[str] = []
        self.count = 0
        self.has_corpus = False
        for item in self._inputs():
            self.count += 1
            finder.for_file(item.config_location())  # every config is known before linting
            if item.path is not None and str(item.path).lower().endswith(CORPUS_SUFFIXES):
                self.has_corpus = True

    def __iter__(self) -> Iterator[Input]:
        self.errors = []
        return self._inputs()

    def __len__(self) -> int:
        return self.count

    def _inputs(self) -> Iterator[Input]:
        seen: set[str] | None = set() if len(self.paths) > 1 else None  # overlap needs several paths
        for given in self.paths:
            path = Path(given)
            if not os.path.lexists(path):
                self.errors.append(f"{given}: no such file or directory")
                continue
            if path.is_dir():
                found: Iterator[Path] = _walk(path, self.finder)
            elif self.force_exclude and self.finder.for_path(path).is_excluded(path):
                continue
            else:
                found = iter([path])
            for file in found:
                if seen is not None:
                    key = os.path.abspath(file)
                    if key in seen:
                        continue
                    seen.add(key)
                yield Input(given if file is path else os.path.normpath(file), file)


CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst")


def discover(paths: list[str], finder: ConfigFinder, force_exclude: bool = False) -> tuple[list[Input], list[str]]:
    """Every input as a list (small runs and tests); see :class:`Discovery` for streams."""
    discovery = Discovery(paths, finder, force_exclude)
    return list(discovery), discovery.errors


def _walk(folder: Path, finder: ConfigFinder) -> Iterator[Path]:
    """Files below ``folder`` in path order (a folder's entries sorted by name, folders
    entered where they sort), pruning excluded folders; nothing is held but the path."""
    settings = finder.for_path(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = folder / entry.name
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            if not settings.is_excluded(path):
                yield from _walk(path, finder)
        elif entry.is_symlink() and os.path.isdir(path):
            continue  # links to folders are not followed, as folders are not walked twice
        elif settings.is_included(path) and not settings.is_excluded(path):
            yield path


class Runner:
    def __init__(self, engine: Engine, finder: ConfigFinder, options: RunOptions) -> None:
        self.engine = engine
        self.finder = finder
        self.options = options
        self.hook = engine.registry.manager.hook

    def process(self, item: Input) -> FileResult:
        location = item.config_location()
        settings = self.finder.for_file(location)
        codes = self.engine.selected_codes(settings, location)
        rules = self.engine.rules_for(settings, codes)

        if item.error is not None:
            return self._engine_finding(item, codes, "E104", item.error)
        if item.text is not None:
            return self._lint(item, SourceText(item.text), rules, codes, None)
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
        return self._lint(item, source, rules, codes, data)

    def _lint(self, item: Input, source: SourceText, rules, codes: frozenset[str], data: bytes | None) -> FileResult:
        def lint(doc: Document) -> list[Finding]:
            return self.engine.lint(doc, rules, codes)

        opts = self.options
        if not (opts.fix or opts.diff):
            doc = Document(source.text, item.display)
            return self._result(item, doc, lint(doc))
        outcome = fix_source(source, lint, item.display, unsafe=opts.unsafe_fixes)
        result = self._result(item, Document(outcome.source.text, item.display), outcome.findings)
        if outcome.changed:
            result.fixed, result.changed = outcome.applied, True
            if opts.diff:
                result.diff = _unified_diff(item.display, source, outcome.source)
            elif item.text is not None:
                result.fixed_record = outcome.source.raw
            elif item.path is None:
                result.fixed_text = outcome.source.encode()
            else:
                try:
                    write_atomic(item.path, outcome.source.encode())
                except OSError as err:
                    result.fixed, result.changed = 0, False
                    result.error = f"cannot write fixes: {err.strerror or err}; the file is unchanged"
        elif item.path is None and item.text is None and opts.fix and not opts.diff:
            result.fixed_text = data
        return result

    def _result(self, item: Input, doc: Document, findings: list[Finding]) -> FileResult:
        lines: dict[int, str] = {}
        text = doc.text
        contexts: dict[int, str] = {}  # folded once per line: a huge line may hold many findings
        for f in findings:
            if f.line not in lines and 0 < f.line <= len(doc.lines):
                lines[f.line] = doc.lines[f.line - 1]
            # Content, not position, identifies a finding for baselines: the span's text with
            # its line, whitespace folded, so inserted paragraphs above do not change it.
            span = " ".join(text[f.start : f.start + 4 * SNIPPET_CHARS][: f.end - f.start].split())[:SNIPPET_CHARS]
            context = contexts.get(f.line)
            if context is None:
                head = lines.get(f.line, "")[: 4 * SNIPPET_CHARS]
                context = contexts[f.line] = " ".join(head.split())[:SNIPPET_CHARS]
            f.extra["snippet"] = f"{span}|{context}"
            self._mark_record(item, f)
        return FileResult(item.display, findings, lines, record=item.record, record_index=item.record_index)

    @staticmethod
    def _mark_record(item: Input, finding: Finding) -> None:
        if item.record is not None:
            finding.extra["record"] = item.record
            finding.extra["record_index"] = item.record_index

    def _engine_finding(
        self, item: Input, codes: frozenset[str], code: str, message: str, line: int = 1, column: int = 1
    ) -> FileResult:
        result = FileResult(item.display, [], record=item.record, record_index=item.record_index)
        if code not in codes:
            return result
        rule = self.engine.registry.rules[code]
        finding = Finding(rule.code, rule.name, rule.severity, message, 0, 0, path=item.display,
                          line=line, column=column, end_line=line, end_column=column)
        finding.extra["snippet"] = f"|{message}"
        self._mark_record(item, finding)
        result.findings.append(finding)
        return result

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


__all__ = ["Discovery", "Input", "FileResult", "RunOptions", "Runner", "discover"]
