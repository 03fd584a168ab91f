"""Measure lintnews against a labelled corpus: per-rule precision and recall.

    python -m lintnews.evaluate fixtures/labelled [--quiet] [--json] [--min-precision 0.95]

A labelled corpus is a folder of articles (``NAME.txt``) each with a label file
(``NAME.toml``): ``kind = "clean"|"dirty"`` and ``findings = [{ line, code, note? }]``. A
finding counts as found when lintnews reports the same code starting on the same line.
Articles are linted with every rule (``ALL``) and the config found beside them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lintnews.config import ConfigError, ConfigFinder, read_toml
from lintnews.engine import Engine, Overrides
from lintnews.plugins import load
from lintnews.rule import Severity
from lintnews.runner import Input, Runner, RunOptions


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    disagreements: list[str] = field(default_factory=list)
    articles: int = 0
    clean: int = 0
    noisy_clean: list[str] = field(default_factory=list)

    def total(self) -> Score:
        total = Score()
        for s in self.scores.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total


def read_labels(path: Path, known: set[str]) -> tuple[str, set[tuple[int, str]]]:
    data = read_toml(path)
    extra = set(data) - {"kind", "findings", "note"}
    if extra or data.get("kind") not in ("clean", "dirty"):
        raise ConfigError(f"{path}: a label file has `kind = \"clean\"|\"dirty\"`, `findings` and `note` only")
    labels = set()
    for index, item in enumerate(data.get("findings", []), 1):
        if not isinstance(item, dict) or set(item) - {"line", "code", "note"} or not {"line", "code"} <= set(item):
            raise ConfigError(f"{path}: finding {index}: expected {{ line = N, code = \"CODE\", note = \"…\" }}")
        if item["code"] not in known:
            raise ConfigError(f"{path}: finding {index}: unknown rule code {item['code']!r}")
        labels.add((item["line"], item["code"]))
    return data["kind"], labels


def evaluate(folder: Path) -> Report:
    finder = ConfigFinder()
    articles = sorted(folder.rglob("*.txt"))
    if not articles:
        raise ConfigError(f"{folder}: no labelled articles (*.txt with a *.toml beside each)")
    settings = [finder.for_path(p) for p in articles]
    registry = load([(spec, s.root) for s in finder.all_settings() for spec in s.plugins], autoload=False)
    engine = Engine(registry, Overrides(select=["ALL"]))
    runner = Runner(engine, finder, RunOptions())
    report = Report()
    known = set(registry.rules)
    for path, _ in zip(articles, settings):
        label_path = path.with_suffix(".toml")
        if not label_path.exists():
            raise ConfigError(f"{path}: no label file {label_path.name}")
        kind, labels = read_labels(label_path, known)
        result = runner.process(Input(str(path), path))
        found = {(f.line, f.code) for f in result.findings}
        report.articles += 1
        if kind == "clean":
            report.clean += 1
            loud = [f for f in result.findings if f.severity >= Severity.WARNING]
            if loud:
                report.noisy_clean.append(f"{path.name}: " + ", ".join(f"{f.code}@{f.line}" for f in loud))
        messages = {(f.line, f.code): f.message for f in result.findings}
        for item in sorted(found | labels):
            line, code = item
            score = report.scores[code]
            if item in found and item in labels:
                score.tp += 1
            elif item in found:
                score.fp += 1
                report.disagreements.append(f"{path.name}:{line}: false positive {code}: {messages[item][:100]}")
            else:
                score.fn += 1
                report.disagreements.append(f"{path.name}:{line}: missed {code}")
    return report


def format_table(report: Report) -> str:
    rows = ["rule   labelled  found  tp  fp  fn  precision  recall"]
    for code in sorted(report.scores):
        s = report.scores[code]
        rows.append(f"{code:<6} {s.tp + s.fn:>8} {s.tp + s.fp:>6} {s.tp:>3} {s.fp:>3} {s.fn:>3} "
                    f"{s.precision:>10.2f} {s.recall:>7.2f}")
    t = report.total()
    rows.append(f"{'all':<6} {t.tp + t.fn:>8} {t.tp + t.fp:>6} {t.tp:>3} {t.fp:>3} {t.fn:>3} "
                f"{t.precision:>10.2f} {t.recall:>7.2f}")
    rows.append(f"articles: {report.articles}, clean: {report.clean}, "
                f"clean with warnings or errors: {len(report.noisy_clean)}")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lintnews.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--quiet", action="store_true", help="the table only, not each disagreement")
    parser.add_argument("--json", action="store_true", help="per-rule scores as JSON")
    parser.add_argument("--min-precision", type=float, default=0.0)
    parser.add_argument("--min-recall", type=float, default=0.0)
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.folder)
    except ConfigError as err:
        sys.stderr.write(f"error: {err}\n")
        return 2
    if args.json:
        json.dump({code: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                          "recall": round(s.recall, 4)} for code, s in sorted(report.scores.items())},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        if not args.quiet:
            for line in report.disagreements + [f"clean article flagged: {n}" for n in report.noisy_clean]:
                sys.stdout.write(line + "\n")
        sys.stdout.write(format_table(report))
    failing = [c for c, s in report.scores.items() if s.precision < args.min_precision or s.recall < args.min_recall]
    return 1 if failing or report.noisy_clean and (args.min_precision or args.min_recall) else 0


if __name__ == "__main__":
    sys.exit(main())
