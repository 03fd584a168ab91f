"""Tests about the rules and fixtures themselves: coverage, metadata, docs, fix promises."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from lintnews.docs import REQUIRED_SECTIONS, reference, sections
from lintnews.document import Document
from lintnews.engine import Engine
from lintnews.plugins import validate_rule_class
from lintnews.rule import FixAvailability
from lintnews.testing import load_fixture_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "rules"


def all_cases():
    return [case for path in sorted(FIXTURES.glob("*.toml")) for case in load_fixture_file(path)]


def lintable(registry):
    return [rule for rule in registry.rules.values() if not getattr(rule, "engine_only", False)]


def test_every_rule_has_firing_and_quiet_fixtures(registry):
    firing, quiet = defaultdict(int), defaultdict(int)
    for case in all_cases():
        (firing if case.expect else quiet)[case.rule] += 1
    missing = [r.code for r in lintable(registry) if not firing[r.code] or not quiet[r.code]]
    assert not missing, f"rules without both firing and quiet fixture cases: {missing}"


def test_every_fixture_names_a_registered_rule_in_its_own_file(registry):
    for path in sorted(FIXTURES.glob("*.toml")):
        cases = load_fixture_file(path)
        assert cases, f"{path.name} has no cases"
        for case in cases:
            assert case.rule == path.stem, f"{path.name}: rule {case.rule} belongs in {case.rule}.toml"
            assert registry.lookup(case.rule) is not None, f"{path.name}: no rule {case.rule}"


def test_fixture_case_ids_are_unique_per_rule():
    seen = set()
    for case in all_cases():
        assert case.test_id not in seen, f"duplicate fixture id {case.test_id}"
        seen.add(case.test_id)


def test_rule_metadata_is_valid(registry):
    names = [r.name for r in registry.rules.values()]
    assert len(names) == len(set(names))
    for rule in registry.rules.values():
        assert validate_rule_class(rule) is None, rule


def test_docstrings_have_their_sections(registry):
    for rule in registry.rules.values():
        secs = sections(rule)
        missing = [s for s in REQUIRED_SECTIONS if not secs.get(s)]
        assert not missing, f"{rule.code}: docstring lacks sections {missing}"
        assert "Fires:" in secs["Example"] and "Quiet:" in secs["Example"], f"{rule.code}: examples"


def test_rule_reference_is_up_to_date(registry):
    path = ROOT / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == reference(registry), (
        "docs/rules.md is stale: run `lintnews rules --format markdown > docs/rules.md`"
    )


def test_fix_availability_matches_behaviour(registry):
    """NEVER yields no fixes; ALWAYS fixes every finding; SOMETIMES shows both in fixtures."""
    with_fix, without_fix = defaultdict(int), defaultdict(int)
    engine = Engine(registry)
    for case in all_cases():
        rule_cls = registry.lookup(case.rule)
        rule = rule_cls(case.options)
        doc = Document(case.text, "case.txt")
        for finding in engine.lint(doc, [rule], frozenset({rule.code})):
            if finding.fix is None:
                without_fix[rule.code] += 1
            else:
                with_fix[rule.code] += 1
                assert finding.fix.message, f"{rule.code}: a fix must say what it does"
    for rule in lintable(registry):
        if rule.fix is FixAvailability.NEVER:
            assert not with_fix[rule.code], f"{rule.code} declares no fix but offered one"
        elif rule.fix is FixAvailability.ALWAYS:
            assert with_fix[rule.code] and not without_fix[rule.code], f"{rule.code} declares always"
        else:
            assert with_fix[rule.code] and without_fix[rule.code], f"{rule.code}: show both kinds"


@pytest.mark.parametrize("case", [c for c in all_cases() if c.expect], ids=lambda c: c.test_id)
def test_fixable_firing_cases_show_the_fixed_text(registry, case):
    rule = registry.lookup(case.rule)
    if rule.fix is FixAvailability.ALWAYS:
        assert case.fixed is not None, f"{case.test_id}: a firing case of a fixable rule needs `fixed`"
