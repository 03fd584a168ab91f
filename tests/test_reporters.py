"""Output formats: golden files for one multi-file run, SARIF schema validation, and the escaping
each format needs.

The golden run uses the real ``lintnews`` command on articles written here, with a small local
plugin of rules owned by this test, so rewording a built-in rule does not churn the goldens.
Regenerate them with ``LINTNEWS_UPDATE_GOLDEN=1 python -m pytest tests/test_reporters.py``.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import lintnews
from lintnews import plugins
from lintnews.reporters.base import ReportContext, Summary
from lintnews.rule import Applicability, Edit, Finding, Fix, Severity
from lintnews.runner import FileResult

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
UPDATE = bool(os.environ.get("LINTNEWS_UPDATE_GOLDEN"))
FORMATS = ("text", "concise", "json", "jsonl", "sarif", "github", "junit")
GOLDEN_NAME = {"sarif": "run.sarif.json", "junit": "run.junit.xml"}

# Rules owned by this test, loaded by the run as a local plugin (``plugins = [...]`` in config).
PLUGIN = '''
"""Rules for the reporter golden run: one per severity and fix availability."""

import re

from lintnews.hookspecs import hookimpl
from lintnews.rule import Fix, FixAvailability, Option, Rule, Severity

MARKER = re.compile(r"\\[\\[(.*?)\\]\\]", re.DOTALL)
SHOUT = re.compile(r"\\b[A-Z]{4,}\\b")
CONTROL = re.compile(r"[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]")


class EditorMarker(Rule):
    """An editor's `[[...]]` marker left in the copy.

    ## Why
    Markers are notes for the desk, not for readers.

    ## Example
    Fires:  `The vote passed [[check count]].`
    Quiet:  `The vote passed.`

    ## Fix
    Always safe: the marker is deleted.
    """

    code = "Z901"
    name = "editor-marker"
    severity = Severity.ERROR
    fix = FixAvailability.ALWAYS

    def check(self, doc):
        for m in MARKER.finditer(doc.text):
            yield self.finding(m.start(), m.end(), f"editor marker `{m.group()}`; the fix deletes it",
                               Fix.delete(m.start(), m.end(), "delete the marker"))


class ShoutedWord(Rule):
    """A word in capitals for emphasis,
    such as `HISTORIC`.

    Acronyms are words too, so this is a warning.

    ## Why
    Capitals shout; house style uses plain words.

    ## Example
    Fires:  `It was HISTORIC.`
    Quiet:  `It was historic.`

    ## Fix
    Sometimes, and unsafe: words up to eight letters are written in title case.
    """

    code = "Z902"
    name = "shouted-word"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    options = {"min-length": Option(int, 4, "the shortest capitalised word reported")}

    def check(self, doc):
        for m in SHOUT.finditer(doc.text):
            word = m.group()
            if len(word) < self.settings["min-length"]:
                continue
            fix = None
            if len(word) <= 8:
                fix = Fix.replace(m.start(), m.end(), word.title(), f"write `{word.title()}`", safe=False)
            yield self.finding(m.start(), m.end(), f"shouted word `{word}`", fix)


class ControlCharacter(Rule):
    """A control character in the text.

    ## Why
    Control characters break parsers and XML.

    ## Example
    Fires:  a bell character (U+0007) after a sentence.
    Quiet:  the sentence alone.

    ## Fix
    None: the character may stand for something lost.
    """

    code = "Z903"
    name = "control-character"
    severity = Severity.INFO

    def check(self, doc):
        for m in CONTROL.finditer(doc.text):
            ch = m.group()
            yield self.finding(m.start(), m.end(), f"control character `{ch}` (U+{ord(ch):04X})")


@hookimpl
def lintnews_rules():
    return [EditorMarker, ShoutedWord, ControlCharacter]
'''

CONFIG = 'plugins = ["golden_rules.py"]\nselect = ["Z"]\n'

ARTICLES: dict[str, bytes] = {
    "council.txt": (
        b"date 2024-03-05\n"
        b"\n"
        b'The council met on Tuesday [[check: vote count, "final" <b>tally</b> & 100%]] and\n'
        b"approved the budget. The mayor called it HISTORIC.\n"
        b"\n"
        b"[[TODO: confirm the\n"
        b"quote]]\n"
        b"A resident said the plan was EXTRAORDINARILY bold.\x07\n"
    ),
    "clean.txt": b"date 2024-03-06\n\nThe library reopened after repairs to its roof.\n",
    "scan.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "desk notes/brief, part 2: 100%.txt": b"date 2024-03-07\n\nFerry services RESUME on the island route.\n",
}


def compare_golden(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual)
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: run with LINTNEWS_UPDATE_GOLDEN=1 to create it")
    expected = path.read_bytes()
    if actual != expected:
        # Compare as text first for a readable diff, then insist on the exact bytes.
        assert actual.decode("utf-8", "replace") == expected.decode("utf-8", "replace"), name
        assert actual == expected, name


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("golden run")
    (root / "golden_rules.py").write_text(PLUGIN, encoding="utf-8")
    (root / "lintnews.toml").write_text(CONFIG, encoding="utf-8")
    for name, data in ARTICLES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.fixture(scope="module")
def outputs(project: Path, lintnews_exe: list[str]) -> dict[str, bytes]:
    """Standard output of the same run in every format."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "LINTNEWS_DEBUG")}
    env.update(NO_COLOR="1", PYTHONIOENCODING="utf-8", LINTNEWS_DISABLE_PLUGIN_AUTOLOAD="1")
    result = {}
    for fmt in FORMATS:
        proc = subprocess.run([*lintnews_exe, "check", ".", "--output-format", fmt],
                              cwd=project, env=env, capture_output=True, timeout=60)
        stderr = proc.stderr.decode("utf-8", "replace")
        assert proc.returncode == 1, f"{fmt}: exit {proc.returncode}\n{stderr}"
        assert stderr == "note: scan.txt: binary file skipped\n", stderr
        result[fmt] = proc.stdout
    return result


@pytest.fixture(scope="module")
def golden_registry(project: Path):
    reg = plugins.load([("golden_rules.py", project)], autoload=False)
    assert not reg.errors, reg.errors
    return reg


# -- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "sarif"])
def test_golden(fmt: str, outputs: dict[str, bytes]) -> None:
    compare_golden(GOLDEN_NAME.get(fmt, f"run.{fmt}"), outputs[fmt])


def normalise_sarif(log: dict, project: Path, registry) -> dict:
    """Take out what depends on the machine, the release and the other plugins' rules."""
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["version"] == lintnews.__version__
    driver["version"] = "<version>"
    base = run["originalUriBaseIds"]["%SRCROOT%"]
    assert base["uri"] == project.resolve().as_uri() + "/"
    base["uri"] = "file:///SRCROOT/"
    # Every registered rule is described, in code order, and results index into that list.
    assert [rule["id"] for rule in driver["rules"]] == list(registry.rules)
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    # Keep only this test's rules, so built-in rules can change without touching the golden.
    driver["rules"] = [rule for rule in driver["rules"] if rule["id"].startswith("Z")]
    index = {rule["id"]: i for i, rule in enumerate(driver["rules"])}
    for result in run["results"]:
        result["ruleIndex"] = index[result["ruleId"]]
    return log


def test_golden_sarif(outputs: dict[str, bytes], project: Path, golden_registry) -> None:
    log = normalise_sarif(json.loads(outputs["sarif"]), project, golden_registry)
    text = json.dumps(log, indent=2, ensure_ascii=False) + "\n"
    assert str(project) not in text
    compare_golden("run.sarif.json", text.encode("utf-8"))


# -- SARIF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SCHEMA} (it comes with the shared/ folder beside the repo)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_golden_run_is_valid(outputs: dict[str, bytes], sarif_validator) -> None:
    log = json.loads(outputs["sarif"])
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"council.txt", "desk%20notes/brief%2C%20part%202%3A%20100%25.txt"}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["binary file skipped"]


def run_reporter(fmt: str, registry, results: list[FileResult]) -> str:
    stream = io.StringIO()
    reporter = registry.reporters[fmt](stream, ReportContext(registry))
    summary = Summary()
    reporter.start()
    for result in results:
        summary.add(result)
        reporter.file(result)
    reporter.finish(summary)
    return stream.getvalue()


def finding(code: str, message: str, path: str = "a.txt", *, severity: Severity = Severity.ERROR,
            line: int = 2, column: int = 3, end_line: int = 2, end_column: int = 7,
            fix: Fix | None = None, edits=()) -> Finding:
    f = Finding(code, "test-rule", severity, message, 0, 0, fix, path, line, column, end_line, end_column)
    if fix is not None:
        f.extra["edits"] = list(edits)
    return f


def test_sarif_builtin_rules_and_absolute_paths(registry, sarif_validator, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    absolute = str(tmp_path / "in box" / "a.txt")
    fix = Fix((Edit(0, 4, ""), Edit(9, 9, "\n")), "two edits", Applicability.UNSAFE)
    results = [
        FileResult(absolute, [finding("H102", "tag `<p>`", absolute, fix=fix,
                                      edits=[(2, 3, 2, 7, ""), (3, 1, 3, 1, "\n")])]),
        FileResult("../up/ü.txt", [finding("W101", "space", "../up/ü.txt", severity=Severity.INFO)]),
    ]
    log = json.loads(run_reporter("sarif", registry, results))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(registry.rules)
    for descriptor, rule in zip(rules, registry.rules.values()):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"].startswith(rule.summary())
        assert descriptor["help"]["markdown"].startswith(rule.documentation())
        assert descriptor["properties"] == {"fix": rule.fix.value, "defaultEnabled": rule.default_enabled}
    first, second = run["results"]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": (tmp_path / "in box" / "a.txt").as_uri()}
    assert "%20" in first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    change = first["fixes"][0]["artifactChanges"][0]
    assert [r["deletedRegion"] for r in change["replacements"]] == [
        {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 7},
        {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 1},
    ]
    assert first["fixes"][0]["properties"] == {"applicability": "unsafe"}
    assert second["level"] == "note"
    assert second["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "../up/%C3%BC.txt", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_sarif_with_no_input(registry, sarif_validator) -> None:
    log = json.loads(run_reporter("sarif", registry, []))
    assert not list(sarif_validator.iter_errors(log))
    assert log["runs"][0]["results"] == []


# -- GitHub annotations ------------------------------------------------------------------------


def test_github_output_is_annotations_only(outputs: dict[str, bytes]) -> None:
    lines = outputs["github"].decode("utf-8").splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert len(lines) == len(json.loads(outputs["json"]))
    brief = [line for line in lines if "desk notes" in line]
    assert brief == [
        "::warning file=desk notes/brief%2C part 2%3A 100%25.txt,line=3,col=16,endLine=3,endColumn=22,"
        "title=Z902::shouted word `RESUME`"
    ]
    # A marker that spans two lines puts a newline in the message.
    assert any(line.endswith("::editor marker `[[TODO: confirm the%0Aquote]]`; the fix deletes it")
               for line in lines)


def test_github_escaping(registry) -> None:
    results = [FileResult("dir,x/a:b%.txt", [
        finding("H101", "50% off\r\nnow: a, b", "dir,x/a:b%.txt", severity=Severity.WARNING),
        finding("W101", "plain", "dir,x/a:b%.txt", severity=Severity.INFO, line=4, column=1,
                end_line=5, end_column=1),
    ])]
    assert run_reporter("github", registry, results) == (
        "::warning file=dir%2Cx/a%3Ab%25.txt,line=2,col=3,endLine=2,endColumn=7,title=H101::"
        "50%25 off%0D%0Anow: a, b\n"
        "::notice file=dir%2Cx/a%3Ab%25.txt,line=4,col=1,endLine=5,endColumn=1,title=W101::plain\n"
    )


# -- JUnit XML ---------------------------------------------------------------------------------


def test_junit_counts(outputs: dict[str, bytes]) -> None:
    data = outputs["junit"]
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(data)
    findings = json.loads(outputs["json"])
    suites = root.findall("testsuite")
    # One suite per input, clean and skipped ones included, in the order the run took them.
    assert sorted(s.get("name") for s in suites) == sorted(ARTICLES)
    by_name = {s.get("name"): s for s in suites}
    assert root.get("tests") == str(sum(len(s.findall("testcase")) for s in suites))
    assert root.get("failures") == str(len(findings)) == str(len(root.findall(".//failure")))
    assert root.get("errors") == "0"
    for suite in suites:
        cases = suite.findall("testcase")
        failures = [f for c in cases for f in c.findall("failure")]
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(len(failures))
        assert suite.get("failures") == str(sum(f["path"] == suite.get("name") for f in findings))
        assert suite.get("errors") == "0"
    clean = by_name["clean.txt"].findall("testcase")
    assert [(c.get("name"), len(c)) for c in clean] == [("lintnews", 0)]
    skipped = by_name["scan.txt"].find("testcase/skipped")
    assert skipped is not None and skipped.get("message") == "binary file skipped"
    assert (root.get("skipped"), by_name["scan.txt"].get("skipped")) == ("1", "1")
    council = by_name["council.txt"]
    names = [c.get("name") for c in council.findall("testcase")]
    assert names == [f"{f['code']} {f['line']}:{f['column']}" for f in findings if f["path"] == "council.txt"]
    assert all(c.get("classname") == "council.txt" for c in council.findall("testcase"))


def test_junit_survives_hostile_text(registry) -> None:
    message = 'tag <b> & "quotes" \'single\' ]]> bell\x07 nul\x00 esc\x1b fffe\ufffe ok\ttab\nline'
    path = 'odd <&> "dir"/a\x01.txt'
    results = [FileResult(path, [finding("H102", message, path, fix=Fix.delete(0, 1, "drop <it>"),
                                         edits=[(2, 3, 2, 7, "")])]),
               FileResult("b.txt", [], error="cannot write fixes: disk full; the file is unchanged")]
    root = ET.fromstring(run_reporter("junit", registry, results).encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    expected = 'tag <b> & "quotes" \'single\' ]]> bell nul esc fffe ok\ttab\nline'
    assert failure.get("message") == expected
    assert failure.get("type") == "H102"
    assert failure.text == (f'odd <&> "dir"/a.txt:2:3: H102 test-rule (error)\n{expected}\n'
                            "fix (safe): drop <it>")
    assert root.find("testsuite").get("name") == 'odd <&> "dir"/a.txt'
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "1")
    error = root.find("testsuite[@name='b.txt']/testcase/error")
    assert error is not None and error.get("message").startswith("cannot write fixes")
