"""Built-in output formats, registered through the ``lintnews_reporters`` hook.

Each format lives in its own module and is imported only when it is used.
"""

from __future__ import annotations

from lintnews.hookspecs import hookimpl
from lintnews.reporters.base import LazyReporter


@hookimpl
def lintnews_reporters():
    return [
        LazyReporter.make("text", "lintnews.reporters.text:TextReporter",
                          "source line with a caret underline, then a summary (default)"),
        LazyReporter.make("concise", "lintnews.reporters.text:ConciseReporter", "one line per finding"),
        LazyReporter.make("json", "lintnews.reporters.json:JsonReporter", "a JSON list of findings"),
        LazyReporter.make("jsonl", "lintnews.reporters.json:JsonLinesReporter", "one JSON finding per line, streamed"),
        LazyReporter.make("sarif", "lintnews.reporters.sarif:SarifReporter", "SARIF 2.1.0 for code-scanning tools"),
        LazyReporter.make("github", "lintnews.reporters.github:GithubReporter", "GitHub Actions workflow annotations"),
        LazyReporter.make("junit", "lintnews.reporters.junit:JunitReporter", "JUnit XML: a test suite per file"),
    ]
