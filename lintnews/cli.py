"""The ``lintnews`` command: ``check``, ``rule``, ``rules``.

Exit codes: 0 nothing at or above the fail-on severity; 1 findings at or above it (or, with
``--diff``, something would change); 2 a usage, config or internal error, or a missing path.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO

from lintnews import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _selectors(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


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

    rule = sub.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("rule", metavar="CODE|NAME")
    rule.add_argument("--config", metavar="FILE", help="load the plugins this config names")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="markdown prints the full rule reference")
    rules.add_argument("--config", metavar="FILE", help="load the plugins this config names")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if argv and argv[0] not in ("check", "rule", "rules", "-h", "--help", "--version"):
        argv.insert(0, "check")  # `lintnews path ...` means `lintnews check path ...`
    if not argv:
        argv = ["check"]
    try:
        args = parser.parse_args(argv)
        if args.command == "rule":
            return cmd_rule(args)
        if args.command == "rules":
            return cmd_rules(args)
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


def _use_color(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def cmd_check(args: argparse.Namespace) -> int:
    from lintnews.config import ConfigError, ConfigFinder
    from lintnews.engine import Engine, Overrides
    from lintnews.reporters.base import ReportContext, Summary
    from lintnews.rule import Severity
    from lintnews.runner import FileResult, Input, Runner, RunOptions, discover

    paths = args.paths or ["."]
    if args.fix and args.diff:
        _error("--fix and --diff cannot be combined: --diff writes nothing")
        return EXIT_ERROR
    if "-" in paths and len(paths) > 1:
        _error("- (standard input) cannot be combined with other paths")
        return EXIT_ERROR

    try:
        finder = ConfigFinder(Path(args.config) if args.config else None)
    except ConfigError as err:
        _error(str(err))
        return EXIT_ERROR
    failed = False
    if paths == ["-"]:
        display = args.stdin_filename or "-"
        inputs = [Input(display, None, sys.stdin.buffer.read())]
        path_errors: list[str] = []
    else:
        try:
            inputs, path_errors = discover(paths, finder, args.force_exclude)
        except ConfigError as err:
            _error(str(err))
            return EXIT_ERROR
    for message in path_errors:
        _error(message)
        failed = True

    try:
        settings_by_input = [finder.for_path(item.path or Path(item.display)) for item in inputs]
    except ConfigError as err:
        _error(str(err))
        return EXIT_ERROR
    registry = _load_registry(args.config, finder.all_settings())
    overrides = Overrides(_selectors(args.select) if args.select else None,
                          _selectors(args.ignore), _selectors(args.extend_select))
    engine = Engine(registry, overrides)
    try:
        engine.validate_overrides()
        for settings in finder.all_settings():
            engine.validate(settings)
    except ConfigError as err:
        _error(str(err))
        return EXIT_ERROR

    for settings in finder.all_settings():
        try:
            registry.manager.hook.lintnews_configure(settings=settings)
        except Exception as err:  # a plugin's bug must not stop the run
            sys.stderr.write(f"warning: a plugin's lintnews_configure failed: {type(err).__name__}: {err}\n")

    reporter_cls = registry.reporters.get(args.output_format)
    if reporter_cls is None:
        from lintnews.config import suggest

        names = sorted(registry.reporters)
        _error(f"unknown output format {args.output_format!r}{suggest(args.output_format, names)}; "
               f"choose from {', '.join(names)}")
        return EXIT_ERROR

    stdin_fix = paths == ["-"] and args.fix
    report_stream: IO[str]
    close_stream = False
    if args.output_file:
        try:
            report_stream = open(args.output_file, "w", encoding="utf-8", newline="\n")
        except OSError as err:
            _error(f"cannot write {args.output_file}: {err.strerror or err}")
            return EXIT_ERROR
        close_stream = True
    else:
        report_stream = sys.stderr if stdin_fix else sys.stdout
    context = ReportContext(registry, color=_use_color(report_stream) and not args.output_file,
                            unsafe_fixes=args.unsafe_fixes, fix_mode=args.fix,
                            statistics=args.statistics, quiet=args.quiet)
    reporter = reporter_cls(report_stream, context)
    runner = Runner(engine, finder, RunOptions(args.fix, args.unsafe_fixes, args.diff, args.force_exclude))
    summary = Summary()
    failing = False
    changed = False
    would_fix = files_changed = 0
    try:
        reporter.start()
        for item, settings in zip(inputs, settings_by_input):
            try:
                result = runner.process(item)
            except ConfigError as err:
                _error(str(err))
                return EXIT_ERROR
            except Exception as err:
                if os.environ.get("LINTNEWS_DEBUG"):
                    raise
                result = FileResult(item.display, [], error=f"internal error: {type(err).__name__}: {err} (skipped)")
            if result.note and not args.quiet:
                sys.stderr.write(f"note: {result.path}: {result.note}\n")
            if result.error:
                _error(f"{result.path}: {result.error}")
                failed = True
            if args.diff:
                if result.diff:
                    sys.stdout.write(result.diff)
                    changed = True
                    would_fix += result.fixed
                    files_changed += 1
                continue
            if result.fixed_text is not None:
                sys.stdout.buffer.write(result.fixed_text)
                sys.stdout.flush()
            threshold = Severity.parse(args.fail_on or settings.fail_on)
            if any(f.severity >= threshold for f in result.findings):
                failing = True
            summary.add(result)
            reporter.file(result)
        if args.diff:
            if not args.quiet:
                sys.stderr.write(f"Would fix {would_fix} finding{'s' if would_fix != 1 else ''} in "
                                 f"{files_changed} file{'s' if files_changed != 1 else ''}.\n")
        else:
            reporter.finish(summary)
    finally:
        if close_stream:
            report_stream.close()
    if failed:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    if args.diff:
        return EXIT_FINDINGS if changed else EXIT_OK
    return EXIT_FINDINGS if failing else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
