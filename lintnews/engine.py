"""Selecting rules for a file and running them over a document.

The engine knows no rule by name: it asks the registry, instantiates the selected rules
once per effective configuration, and turns what they yield into positioned findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lintnews.config import ConfigError, Settings, resolve_selectors, rule_settings, validate_rule_tables
from lintnews.rule import Finding, Rule

if TYPE_CHECKING:
    from lintnews.document import Document
    from lintnews.plugins import Registry

CRASH_CODE = "E103"


@dataclass
class Overrides:
    """Selection given on the command line; it takes precedence over config files."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)


class Engine:
    def __init__(self, registry: Registry, overrides: Overrides | None = None) -> None:
        self.registry = registry
        self.overrides = overrides or Overrides()
        self._base: dict[int, frozenset[str]] = {}
        self._instances: dict[tuple[int, frozenset[str]], list[Rule]] = {}
        self._validated: set[int] = set()

    def validate(self, settings: Settings) -> None:
        """Raise ConfigError for unknown selectors or rule options in these settings."""
        if id(settings) in self._validated:
            return
        where = settings.where
        for key in ("select", "ignore", "extend_select"):
            value = getattr(settings, key)
            if value:
                resolve_selectors(value, self.registry, f"{where}: {settings.key_name(key.replace('_', '-'))}")
        for pattern, selectors in settings.per_file_ignores.items():
            resolve_selectors(selectors, self.registry, f"{where}: {settings.key_name('per-file-ignores')}.{pattern!r}")
        validate_rule_tables(settings, self.registry)
        self._validated.add(id(settings))

    def validate_overrides(self) -> None:
        o = self.overrides
        for flag, value in (("--select", o.select), ("--ignore", o.ignore), ("--extend-select", o.extend_select)):
            if value:
                resolve_selectors(value, self.registry, flag)

    def selected_codes(self, settings: Settings, path: Path | None = None) -> frozenset[str]:
        base = self._base.get(id(settings))
        if base is None:
            self.validate(settings)
            reg, o = self.registry, self.overrides
            if o.select is not None:
                codes = resolve_selectors(o.select, reg, "--select")
            elif settings.select is not None:
                codes = resolve_selectors(settings.select, reg, settings.where)
            else:
                codes = {code for code, rule in reg.rules.items() if rule.default_enabled}
            codes |= resolve_selectors(settings.extend_select + o.extend_select, reg, "extend-select")
            codes -= resolve_selectors(settings.ignore + o.ignore, reg, "ignore")
            base = self._base[id(settings)] = frozenset(codes)
        if path is not None and settings.per_file_ignores:
            ignored = settings.ignored_for(path)
            if ignored:
                return base - resolve_selectors(ignored, self.registry, "per-file-ignores")
        return base

    def rules_for(self, settings: Settings, codes: frozenset[str]) -> list[Rule]:
        key = (id(settings), codes)
        rules = self._instances.get(key)
        if rules is None:
            rules = []
            for code in sorted(codes):
                cls = self.registry.rules[code]
                try:
                    rules.append(cls(rule_settings(settings, cls, self.registry), settings.root))
                except Exception as err:
                    raise ConfigError(f"{settings.where}: rule {code} rejected its options: {err}") from None
            self._instances[key] = rules
        return rules

    def lint(self, doc: Document, rules: list[Rule], codes: frozenset[str]) -> list[Finding]:
        findings: list[Finding] = []
        for rule in rules:
            try:
                findings.extend(rule.check(doc))
            except Exception as err:  # one broken rule must not hide the others
                if CRASH_CODE in codes:
                    findings.append(self.crash_finding(rule, err))
        return resolve(doc, findings)

    def crash_finding(self, rule: Rule, err: BaseException) -> Finding:
        crash = self.registry.rules[CRASH_CODE]
        detail = str(err).splitlines()[0] if str(err) else ""
        message = f"rule {rule.code} ({rule.name}) crashed: {type(err).__name__}" + (f": {detail}" if detail else "")
        return Finding(crash.code, crash.name, crash.severity, message, 0, 0)


def resolve(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Fill in line and column, sort by position and drop exact duplicates."""
    size = len(doc.text)
    seen: set[tuple[str, int, int]] = set()
    result: list[Finding] = []
    for f in findings:
        key = (f.code, f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        f.start = min(max(f.start, 0), size)
        f.end = min(max(f.end, f.start), size)
        f.path = doc.path
        f.line, f.column = doc.position(f.start)
        f.end_line, f.end_column = doc.position(f.end)
        if f.fix is not None:
            f.extra["edits"] = [(*doc.position(e.start), *doc.position(e.end), e.content) for e in f.fix.edits]
        result.append(f)
    result.sort(key=Finding.sort_key)
    return result
