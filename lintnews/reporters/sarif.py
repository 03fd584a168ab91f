"""SARIF 2.1.0 output for code-scanning tools (GitHub code scanning, IDE viewers).

Every registered rule is described in the run's driver; results point at their rule by id and
index. Results are collected as plain dictionaries and the log is written once, at the end.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from lintnews import __version__
from lintnews.docs import option_lines, rule_text, sections
from lintnews.reporters.base import Reporter, Summary

if TYPE_CHECKING:
    from lintnews.rule import Finding, Rule
    from lintnews.runner import FileResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/lintnews/"
SRCROOT = "%SRCROOT%"

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: relative paths hang off %SRCROOT%, absolute ones are file URIs."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def region(start_line: int, start_column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of docstring prose, each unwrapped onto one line."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    """A reportingDescriptor: the summary, the introduction and the full documentation."""
    intro = _paragraphs(sections(rule).get("", "")) or [rule.summary()]
    markdown = rule.documentation()
    options = option_lines(rule)
    if options:
        markdown += f"\n\n## Options\n\nSet under `[tool.lintnews.rules.{rule.code}]`:\n\n" + "\n".join(options)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": intro[0]},
        "fullDescription": {"text": "\n\n".join(intro)},
        "help": {"text": rule_text(rule), "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.label], "enabled": rule.default_enabled},
        "properties": {"fix": rule.fix.value, "defaultEnabled": rule.default_enabled},
    }


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 for code-scanning tools"

    def start(self) -> None:
        root = Path.cwd().resolve().as_uri()
        self.srcroot = root if root.endswith("/") else root + "/"
        self.rules = list(self.context.registry.rules.values())
        self.index = {rule.code: i for i, rule in enumerate(self.rules)}
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self.successful = True

    def file(self, result: FileResult) -> None:
        self.results.extend(self._result(f) for f in result.findings)
        for text, level in ((result.note, "note"), (result.error, "error")):
            if text:
                self.notifications.append({
                    "level": level,
                    "message": {"text": text},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
                })
        if result.error:
            self.successful = False

    def _result(self, f: Finding) -> dict[str, Any]:
        location = artifact_location(f.path)
        physical: dict[str, Any] = {"artifactLocation": location}
        if f.line >= 1:
            physical["region"] = region(f.line, f.column, f.end_line, f.end_column)
        data: dict[str, Any] = {"ruleId": f.code}
        if f.code in self.index:
            data["ruleIndex"] = self.index[f.code]
        data["level"] = _LEVEL[f.severity.label]
        data["message"] = {"text": f.message}
        data["locations"] = [{"physicalLocation": physical}]
        if f.fix is not None:
            data["fixes"] = [{
                "description": {"text": f.fix.message},
                "artifactChanges": [{
                    "artifactLocation": location,
                    "replacements": [
                        {"deletedRegion": region(sl, sc, el, ec), "insertedContent": {"text": content}}
                        for sl, sc, el, ec, content in f.extra.get("edits", ())
                    ],
                }],
                "properties": {"applicability": f.fix.applicability.value},
            }]
        return data

    def finish(self, summary: Summary) -> None:
        invocation: dict[str, Any] = {"executionSuccessful": self.successful}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        log = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "lintnews",
                    "version": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [rule_descriptor(rule) for rule in self.rules],
                }},
                "originalUriBaseIds": {SRCROOT: {"uri": self.srcroot}},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        }
        json.dump(log, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
