"""JUnit XML: a test suite per input file and a failing test case per finding.

CI systems that understand JUnit (GitLab, Jenkins, Azure) then show each finding as a failed
test. Every input gets a suite, so a clean file shows as one passing case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from lintnews.reporters.base import Reporter, Summary

if TYPE_CHECKING:
    from lintnews.rule import Finding
    from lintnews.runner import FileResult

CLEAN_CASE = "lintnews"
# Characters XML 1.0 does not allow anywhere, not even as character references.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _FORBIDDEN.sub("", text)


def failure_text(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.code} {f.name} ({f.severity.label})", f.message]
    if f.fix is not None:
        lines.append(f"fix ({f.fix.applicability.value}): {f.fix.message}")
    return "\n".join(lines)


class JunitReporter(Reporter):
    name = "junit"
    description = "JUnit XML: a test suite per file"

    def start(self) -> None:
        self.root = ET.Element("testsuites", name="lintnews")
        self.tests = self.failures = self.errors = self.skipped = 0

    def file(self, result: FileResult) -> None:
        path = xml_text(result.path)
        suite = ET.SubElement(self.root, "testsuite", name=path)
        for f in result.findings:
            case = ET.SubElement(suite, "testcase", name=f"{f.code} {f.line}:{f.column}", classname=path)
            failure = ET.SubElement(case, "failure", message=xml_text(f.message), type=f.code)
            failure.text = xml_text(failure_text(f))
        failures = len(result.findings)
        errors = skipped = 0
        if result.error:
            case = ET.SubElement(suite, "testcase", name=CLEAN_CASE, classname=path)
            ET.SubElement(case, "error", message=xml_text(result.error))
            errors = 1
        elif result.note and not failures:
            case = ET.SubElement(suite, "testcase", name=CLEAN_CASE, classname=path)
            ET.SubElement(case, "skipped", message=xml_text(result.note))
            skipped = 1
        elif not failures:
            ET.SubElement(suite, "testcase", name=CLEAN_CASE, classname=path)
        tests = len(suite)
        suite.attrib.update(tests=str(tests), failures=str(failures), errors=str(errors), skipped=str(skipped))
        self.tests += tests
        self.failures += failures
        self.errors += errors
        self.skipped += skipped

    def finish(self, summary: Summary) -> None:
        self.root.attrib.update(tests=str(self.tests), failures=str(self.failures),
                                errors=str(self.errors), skipped=str(self.skipped))
        ET.indent(self.root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(self.root, encoding="unicode"))
        self.stream.write("\n")
