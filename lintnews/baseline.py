"""Baselines for legacy corpora: record today's findings, then report only new ones.

An entry is keyed by content, not position: the document (path, and record id in a
corpus), the rule code, a normalised snippet of the finding's text and its line, and the
occurrence index of that key in the document. Inserting paragraphs above a known finding
changes its line number but not its key, so it stays known. The file is sorted,
deterministic JSON, friendly to diffs and code review.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lintnews.source import write_atomic

if TYPE_CHECKING:
    from lintnews.rule import Finding
    from lintnews.runner import FileResult

VERSION = 1


class BaselineError(Exception):
    pass


Key = tuple[str, str, str, int]  # (document, code, snippet, occurrence)


def _document(result: FileResult) -> str:
    path = Path(result.path).as_posix()
    return f"{path}#{result.record}" if result.record is not None else path


def keys_of(result: FileResult) -> list[tuple[Key, Finding]]:
    document = _document(result)
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in result.findings:
        snippet = f.extra.get("snippet", "")
        occurrence = seen[(f.code, snippet)]
        seen[(f.code, snippet)] += 1
        out.append(((document, f.code, snippet, occurrence), f))
    return out


@dataclass
class Baseline:
    keys: set[Key] = field(default_factory=set)

    @property
    def count(self) -> int:
        return len(self.keys)

    def add(self, result: FileResult) -> None:
        self.keys.update(key for key, _ in keys_of(result))

    def filter(self, result: FileResult) -> list[Finding]:
        """The findings of a result that the baseline does not know."""
        return [f for key, f in keys_of(result) if key not in self.keys]

    def write(self, path: Path) -> None:
        entries = [
            {"document": d, "code": c, "snippet": s, "occurrence": o}
            for d, c, s, o in sorted(self.keys)
        ]
        text = json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False) + "\n"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o644)
        write_atomic(path, text.encode("utf-8"))

    @classmethod
    def read(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline (create it with --write-baseline {path})") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise BaselineError(f"{path}: not a lintnews baseline: {err}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{path}: not a lintnews baseline (version {VERSION} expected)")
        keys = set()
        for entry in data["findings"]:
            try:
                keys.add((entry["document"], entry["code"], entry["snippet"], int(entry["occurrence"])))
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: a baseline entry lacks document, code, snippet or occurrence") from None
        return cls(keys)


__all__ = ["Baseline", "BaselineError", "keys_of"]
