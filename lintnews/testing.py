"""Running one rule over a text, for fixture tests of built-in and plugin rules alike.

``load_fixture_file`` reads a per-rule TOML fixture file; ``run_case`` lints a case with
only that rule selected and, when asked, applies its fixes until the text is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lintnews.config import Settings, read_toml
from lintnews.document import Document
from lintnews.engine import Engine
from lintnews.fixer import fix_source
from lintnews.plugins import Registry
from lintnews.source import SourceText

CASE_KEYS = {"id", "text", "expect", "fixed", "options", "unsafe", "note"}
EXPECT_KEYS = {"line", "column", "end_line", "end_column", "message"}


@dataclass
class Case:
    rule: str
    id: str
    text: str
    expect: list[dict[str, Any]]
    fixed: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    unsafe: bool = False
    source: str = ""

    @property
    def test_id(self) -> str:
        return f"{self.rule}::{self.id}"


def load_fixture_file(path: Path) -> list[Case]:
    """Cases from one fixture file; raises ValueError naming the file for any schema slip."""
    data = read_toml(path)
    unknown = set(data) - {"rule", "case"}
    if unknown or not isinstance(data.get("rule"), str) or not isinstance(data.get("case"), list):
        raise ValueError(f"{path}: a fixture file has `rule = \"CODE\"` and [[case]] tables only")
    cases = []
    for number, raw in enumerate(data["case"], 1):
        where = f"{path}: case {number}"
        extra = set(raw) - CASE_KEYS
        if extra:
            raise ValueError(f"{where}: unknown keys {sorted(extra)}")
        for key in ("id", "text", "expect"):
            if key not in raw:
                raise ValueError(f"{where}: missing `{key}`")
        for item in raw["expect"]:
            if set(item) - EXPECT_KEYS or not {"line", "column"} <= set(item):
                raise ValueError(f"{where} ({raw['id']}): expect entries take {sorted(EXPECT_KEYS)}")
        cases.append(Case(data["rule"], raw["id"], raw["text"], raw["expect"], raw.get("fixed"),
                          raw.get("options", {}), raw.get("unsafe", False), str(path)))
    return cases


def run_case(registry: Registry, case: Case) -> tuple[list[dict[str, Any]], str | None]:
    """Findings as dicts shaped like the case's expectations, and the fixed text if asked."""
    settings = Settings(root=Path.cwd(), select=[case.rule], rules={case.rule: case.options} if case.options else {})
    engine = Engine(registry)
    codes = engine.selected_codes(settings)
    rules = engine.rules_for(settings, codes)
    source = SourceText(case.text)  # CRLF and friends are read as they would be from a file
    doc = Document(source.text, "case.txt")
    findings = engine.lint(doc, rules, codes)
    keys = set().union(*(set(e) for e in case.expect)) if case.expect else {"line", "column", "end_line", "end_column"}
    got: list[dict[str, Any]] = []
    for f in findings:
        item: dict[str, Any] = {"line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column}
        item = {k: v for k, v in item.items() if k in keys}
        if "message" in keys:
            item["message"] = f.message
        got.append(item)
    fixed = None
    if case.fixed is not None:
        outcome = fix_source(source, lambda d: engine.lint(d, rules, codes), "case.txt", unsafe=case.unsafe)
        fixed = outcome.source.raw
    return got, fixed


def matches(got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> bool:
    """Positions equal; an expected `message` is a fragment the real message contains."""
    if len(got) != len(expected):
        return False
    for g, e in zip(got, expected):
        if "message" in e and e["message"] not in g.get("message", ""):
            return False
        if {k: g[k] for k in e if k != "message"} != {k: v for k, v in e.items() if k != "message"}:
            return False
    return True
