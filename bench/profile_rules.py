"""Where lintnews spends its time: per-rule cost on a corpus, and optionally a cProfile.

    python bench/profile_rules.py CORPUS [--limit 1000] [--select ALL] [--cprofile 25]

CORPUS is a folder of .txt files or a .jsonl (as bench/generate.py writes). Each rule is
timed twice, in process and on one core:

- *in sequence*: all selected rules run over each document in the engine's order, so a
  shared view of the document (paragraphs, sentences, quotes, attributions) is charged to
  the first rule that asks for it;
- *alone*: the rule runs by itself on a fresh document, so it pays for every view it needs.

The engine's own cost per document (reading, the Document, resolving positions) is the
difference between a full run and the sum of the rules.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from lintnews.config import ConfigFinder
from lintnews.document import Document
from lintnews.engine import Engine, Overrides
from lintnews.plugins import load
from lintnews.runner import Input, Runner, RunOptions


def texts(corpus: Path, limit: int) -> list[str]:
    def every() -> Iterator[str]:
        if corpus.is_dir():
            for dirpath, dirnames, filenames in os.walk(corpus):
                dirnames.sort()
                for name in sorted(filenames):
                    if name.endswith(".txt"):
                        yield Path(dirpath, name).read_bytes().decode("utf-8")
        else:
            with open(corpus, "rb") as handle:
                for line in handle:
                    yield json.loads(line)["text"]

    out = []
    for text in every():
        out.append(text)
        if len(out) >= limit:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=1000, help="articles to use (default 1000)")
    parser.add_argument("--select", default=None, help="rules, as for lintnews check (default: the default set)")
    parser.add_argument("--cprofile", type=int, default=0, metavar="N", help="also print the top N functions")
    args = parser.parse_args(argv)

    docs = texts(args.corpus, args.limit)
    size = sum(len(t) for t in docs)
    registry = load([], autoload=True)
    engine = Engine(registry, Overrides(args.select.split(",") if args.select else None))
    finder = ConfigFinder(None, Path.cwd())
    settings = finder.for_file(Path.cwd() / "x.txt")
    codes = engine.selected_codes(settings)
    rules = engine.rules_for(settings, codes)
    runner = Runner(engine, finder, RunOptions())

    # A full run through the runner, as `lintnews check --jobs 1` does per document.
    started = time.perf_counter()
    for i, text in enumerate(docs):
        runner.process(Input(f"doc{i}.txt", None, data=text.encode("utf-8")))
    full = time.perf_counter() - started

    in_sequence = dict.fromkeys((r.code for r in rules), 0.0)
    for text in docs:
        doc = Document(text, "doc.txt")
        for rule in rules:
            t = time.perf_counter()
            list(rule.check(doc))
            in_sequence[rule.code] += time.perf_counter() - t
    alone = dict.fromkeys(in_sequence, 0.0)
    for rule in rules:
        t = time.perf_counter()
        for text in docs:
            list(rule.check(Document(text, "doc.txt")))
        alone[rule.code] = time.perf_counter() - t
    bare = time.perf_counter()
    for text in docs:
        Document(text, "doc.txt")
    bare = time.perf_counter() - bare

    n = len(docs)
    print(f"{n} articles, {size / 1e6:.1f} M characters, {len(rules)} rules; one core, in process")
    print(f"full run through the runner: {full:.2f} s = {full / n * 1000:.2f} ms/article "
          f"({n / full:.0f} articles/s, {size / full / 1e6:.2f} M chars/s)")
    print(f"sum of rules in sequence: {sum(in_sequence.values()):.2f} s; "
          f"engine and runner overhead: {full - sum(in_sequence.values()):.2f} s")
    print()
    print(f"{'rule':<6} {'in sequence ms/art':>18} {'share':>6} {'alone ms/art':>13}")
    total = sum(in_sequence.values()) or 1.0
    for code, spent in sorted(in_sequence.items(), key=lambda kv: -kv[1]):
        print(f"{code:<6} {spent / n * 1000:>18.3f} {spent / total:>6.1%} {(alone[code] - bare) / n * 1000:>13.3f}")
    families: dict[str, float] = {}
    for code, spent in in_sequence.items():
        families[code[0]] = families.get(code[0], 0.0) + spent
    print()
    print("by family (in sequence): " + ", ".join(f"{f} {s / n * 1000:.2f} ms" for f, s in
                                                   sorted(families.items(), key=lambda kv: -kv[1])))
    print(f"a bare Document costs {bare / n * 1000:.3f} ms/article ('alone' is net of it)")

    if args.cprofile:
        profile = cProfile.Profile()
        profile.enable()
        for i, text in enumerate(docs):
            runner.process(Input(f"doc{i}.txt", None, data=text.encode("utf-8")))
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("tottime").print_stats(args.cprofile)
        stats.sort_stats("cumulative").print_stats(args.cprofile)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
