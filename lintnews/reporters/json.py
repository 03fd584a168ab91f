"""JSON output: a list of findings, or one finding per line for streaming consumers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from lintnews.reporters.base import Reporter, Summary, finding_dict

if TYPE_CHECKING:
    from lintnews.runner import FileResult


class JsonReporter(Reporter):
    name = "json"
    description = "a JSON list of findings"

    def start(self) -> None:
        self.items: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        self.items.extend(finding_dict(f) for f in result.findings)

    def finish(self, summary: Summary) -> None:
        if self.context.statistics:
            rules = self.context.registry.rules
            stats = [
                {"code": code, "name": rules[code].name if code in rules else "", "count": n,
                 "fixable": code in rules and rules[code].fix.value != "never"}
                for code, n in sorted(summary.by_code.items(), key=lambda kv: (-kv[1], kv[0]))
            ]
            json.dump(stats, self.stream, indent=2, ensure_ascii=False)
        else:
            json.dump(self.items, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


class JsonLinesReporter(Reporter):
    name = "jsonl"
    description = "one JSON finding per line, streamed"

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            self.stream.write(json.dumps(finding_dict(f), ensure_ascii=False) + "\n")
        self.stream.flush()
