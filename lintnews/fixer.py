"""Applying fixes: pick non-overlapping fixes, apply them, re-lint, repeat until stable.

A fix is all-or-nothing: if any of its edits overlaps an edit already chosen in this pass,
the whole fix waits for the next pass, where it is recomputed on the new text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lintnews.document import Document
from lintnews.rule import Finding, Fix
from lintnews.source import SourceText

MAX_PASSES = 16


@dataclass
class FixOutcome:
    source: SourceText
    findings: list[Finding]
    applied: int
    passes: int
    converged: bool

    @property
    def changed(self) -> bool:
        return self.applied > 0


def wanted(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and (unsafe or fix.is_safe)


def choose(findings: list[Finding], unsafe: bool) -> list[Fix]:
    """Non-overlapping fixes in text order; the rest wait for the next pass."""
    fixes = sorted(
        (f.fix for f in findings if f.fix is not None and wanted(f.fix, unsafe)),
        key=lambda fx: (fx.start, fx.end),
    )
    taken: list[tuple[int, int]] = []
    chosen: list[Fix] = []
    for fix in fixes:
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_overlaps(a, b) for a in spans for b in taken):
            continue
        taken.extend(spans)
        chosen.append(fix)
    return chosen


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # an insertion conflicts with anything touching its point
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def fix_source(
    source: SourceText,
    lint: Callable[[Document], list[Finding]],
    path: str,
    *,
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
) -> FixOutcome:
    applied = 0
    for passes in range(1, max_passes + 1):
        doc = Document(source.text, path)
        findings = lint(doc)
        fixes = choose(findings, unsafe)
        if not fixes:
            return FixOutcome(source, findings, applied, passes, True)
        edits = [(e.start, e.end, e.content) for fix in fixes for e in fix.edits]
        new = source.with_edits(edits)
        if new.raw == source.raw:
            return FixOutcome(source, findings, applied, passes, True)
        applied += len(fixes)
        source = new
    doc = Document(source.text, path)
    return FixOutcome(source, lint(doc), applied, max_passes, False)
