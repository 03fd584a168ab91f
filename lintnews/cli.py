"""The ``lintnews`` command: ``check``, ``rule``, ``rules``.

Exit codes: 0 nothing at or above the fail-on severity; 1 findings at or above it (or, with
``--diff``, something would change); 2 a usage, config or internal error, or a missing path.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lintnews import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lintnews",
        description="A text-quality linter for scraped news articles.",
    )
    parser.add_argument("--version", action="version", version=f"lintnews {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint articles (the default command)",
                           description="Lint articles; directories are walked for *.txt files.")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; - reads standard input")
    sel = check.add_argument_group("rule selection (codes, prefixes like H or D10, names, or ALL)")
    sel.add_argument("--select", action="append", metavar="RULES", help="only these rules (replaces config)")
    sel.add_argument("--extend-select", action="append", metavar="RULES", help="these rules as well")
    sel.add_argument("--ignore", action="append", metavar="RULES", help="not these rules")
    out = check.add_argument_group("output")
    out.add_argument("--output-format", default="text", metavar="FORMAT",
                     help="text (default), concise, json, jsonl, sarif, github, junit, or a plugin's")
    out.add_argument("--output-file", metavar="FILE", help="write the report to FILE instead of standard output")
    out.add_argument("--statistics", action="store_true", help="show counts per rule instead of each finding")
    out.add_argument("-q", "--quiet", action="store_true", help="findings only: no summary or notes")
    fixes = check.add_argument_group("fixes")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes and report what remains")
    fixes.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    fixes.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    beh = check.add_argument_group("behaviour")
    beh.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run")
    beh.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    beh.add_argument("--config", metavar="FILE", help="use this config file for every path")
    beh.add_argument("--stdin-filename", metavar="NAME", help="the name to report (and find config by) for -")
    beh.add_argument("--force-exclude", action="store_true", help="apply exclude patterns to paths given explicitly")
    scale = check.add_argument_group("corpora, speed and legacy findings")
    scale.add_argument("-j", "--jobs", type=int, metavar="N",
                       help="worker processes (default: the usable cores; 1 lints in this process)")
    scale.add_argument("--dask-scheduler", metavar="ADDRESS",
                       help="run batches on a Dask cluster (tcp://host:8786); needs lintnews[dask]")
    scale.add_argument("--text-field", metavar="NAME", help="JSON Lines corpora: the field holding the article (default text)")
    scale.add_argument("--id-field", metavar="NAME", help="JSON Lines corpora: the field naming the record (default id)")
    scale.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    scale.add_argument("--cache-dir", metavar="DIR", help="where the result cache lives (default .lintnews_cache)")
    scale.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    scale.add_argument("--baseline", metavar="FILE", help="report only findings that this baseline does not hold")
    scale.add_argument("--write-baseline", metavar="FILE", help="record every current finding in a baseline file")

    rule = sub.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("rule", metavar="CODE|NAME")
    rule.add_argument("--config", metavar="FILE", help="load the plugins this config names")

    clean = sub.add_parser("clean", help="delete the result cache")
    clean.add_argument("--cache-dir", metavar="DIR", help="the cache folder (default .lintnews_cache)")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="markdown prints the full rule reference")
    rules.add_argument("--config", metavar="FILE", help="load the plugins this config names")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if argv and argv[0] not in ("check", "rule", "rules", "clean", "-h", "--help", "--version"):
        argv.insert(0, "check")  # `lintnews path ...` means `lintnews check path ...`
    if not argv:
        argv = ["check"]
    try:
        args = parser.parse_args(argv)
        if args.command == "rule":
            return cmd_rule(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "clean":
            return cmd_clean(args)
        return cmd_check(args)
    except KeyboardInterrupt:
        sys.stderr.write("lintnews: interrupted\n")
        return 130
    except BrokenPipeError:
        _silence_broken_pipe()
        return EXIT_OK
    except SystemExit as exit_:
        return int(exit_.code or 0) if isinstance(exit_.code, int) else EXIT_ERROR
    except Exception as err:  # the last line of defence: a message, never a traceback
        if os.environ.get("LINTNEWS_DEBUG"):
            raise
        sys.stderr.write(
            f"lintnews: internal error: {type(err).__name__}: {err}\n"
            "Set LINTNEWS_DEBUG=1 for a traceback, and please report it.\n"
        )
        return EXIT_ERROR


def _silence_broken_pipe() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def _error(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")


def _load_registry(config: str | None, settings_list=None):
    from lintnews import plugins
    from lintnews.config import ConfigFinder

    if settings_list is None:
        finder = ConfigFinder(Path(config) if config else None)
        settings_list = [finder.for_path(Path.cwd())] if not config else [finder.forced]
    local: list[tuple[str, Path]] = []
    for settings in settings_list:
        for spec in settings.plugins:
            local.append((spec, settings.root))
    registry = plugins.load(local)
    for problem in registry.errors:
        sys.stderr.write(f"warning: {problem}\n")
    return registry


def cmd_rule(args: argparse.Namespace) -> int:
    from lintnews.config import ConfigError, suggest

    try:
        registry = _load_registry(args.config)
    except ConfigError as err:
        _error(str(err))
        return EXIT_ERROR
    rule = registry.lookup(args.rule)
    if rule is None:
        _error(f"unknown rule {args.rule!r}{suggest(args.rule, list(registry.rules) + list(registry.by_name))}")
        return EXIT_ERROR
    from lintnews.docs import rule_text

    sys.stdout.write(rule_text(rule))
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from lintnews.config import ConfigError

    try:
        registry = _load_registry(args.config)
    except ConfigError as err:
        _error(str(err))
        return EXIT_ERROR
    from lintnews import docs

    if args.format == "markdown":
        sys.stdout.write(docs.reference(registry))
    elif args.format == "json":
        import json

        json.dump(docs.rules_table(registry), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(docs.rules_listing(registry))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from lintnews import check
    from lintnews.config import ConfigError

    try:
        return check.run(args)
    except ConfigError as err:  # configuration met only mid-run (a config file found late)
        _error(str(err))
        return EXIT_ERROR


def cmd_clean(args: argparse.Namespace) -> int:
    from lintnews.cache import DEFAULT_DIR, clean

    folder = Path(args.cache_dir or os.environ.get("LINTNEWS_CACHE_DIR") or DEFAULT_DIR)
    removed = clean(folder)
    sys.stdout.write(f"Removed {folder}\n" if removed else f"No cache at {folder}\n")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
