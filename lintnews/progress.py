"""A progress bar on stderr for long runs: documents per second, findings so far, ETA.

It appears only on a terminal, for more than a handful of documents, and never mixes with
the report: it erases itself before anything else is written.
"""

from __future__ import annotations

import os
import sys
import time

MIN_DOCUMENTS = 20
INTERVAL = 0.1


class Progress:
    def __init__(self, total: int | None, stream) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.findings = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    @classmethod
    def create(cls, enabled: bool, total: int | None) -> Progress:
        stream = sys.stderr
        if not enabled or not (hasattr(stream, "isatty") and stream.isatty()) or os.environ.get("TERM") == "dumb":
            return _Silent(total, stream)
        return cls(total, stream)

    def advance(self, findings: int) -> None:
        self.done += 1
        self.findings += findings
        now = time.monotonic()
        if now - self.last >= INTERVAL and self.done >= MIN_DOCUMENTS:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-6)
        rate = self.done / elapsed
        text = f"{self.done} docs  {rate:,.0f} docs/s  {self.findings} findings"
        if self.total and self.total >= self.done and rate > 0:
            fraction = self.done / self.total
            bar = "#" * int(fraction * 20)
            eta = (self.total - self.done) / rate
            text = f"[{bar:<20}] {self.done}/{self.total} docs  {rate:,.0f} docs/s  {self.findings} findings  ETA {eta:,.0f}s"
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False

    def close(self) -> None:
        self.clear()


class _Silent(Progress):
    def advance(self, findings: int) -> None:
        pass
