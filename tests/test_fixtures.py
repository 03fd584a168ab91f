"""Every per-rule fixture case: exact positions, and byte-exact fixed text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.testing import load_fixture_file, matches, run_case

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
CASES = [case for path in sorted(FIXTURES.glob("*.toml")) for case in load_fixture_file(path)]


@pytest.mark.parametrize("case", CASES, ids=[c.test_id for c in CASES])
def test_rule_fixture(case, registry):
    assert registry.lookup(case.rule) is not None, f"{case.source}: unknown rule {case.rule}"
    got, fixed = run_case(registry, case)
    assert matches(got, case.expect), f"got {got}\nexpected {case.expect}"
    if case.fixed is not None:
        assert fixed == case.fixed
        again, refixed = run_case(registry, type(case)(**{**case.__dict__, "text": fixed}))
        assert refixed == fixed, "a second fix pass changed the text"
