"""`lintnews check`: discovery, configuration, the pipeline, caching, baselines and reporting."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from lintnews.config import ConfigError, ConfigFinder, suggest
from lintnews.corpus import is_corpus
from lintnews.runner import Discovery, FileResult, Input, RunOptions

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _error(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")


def _selectors(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def use_color(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def expand(inputs: Iterable[Input], finder: ConfigFinder, args: argparse.Namespace,
           problems: list[str]) -> Iterator[Input]:
    """Files as they are; each JSON Lines corpus as a stream of its records."""
    from lintnews.corpus import CorpusError, read_records

    for item in inputs:
        if item.path is None or not is_corpus(item.path):
            yield item
            continue
        settings = finder.for_path(item.path)
        text_field = args.text_field or settings.text_field
        id_field = args.id_field or settings.id_field
        try:
            for record in read_records(item.path, text_field, id_field):
                yield Input(item.display, item.path, text=record.text, record=record.ident,
                            record_index=record.index, error=record.error, config_path=item.path,
                            data=None if record.error is None else record.raw)
        except CorpusError as err:
            problems.append(f"{item.display}: {err}")


def run(args: argparse.Namespace) -> int:
    from lintnews import pipeline
    from lintnews.engine import Engine, Overrides
    from lintnews.plugins import load
    from lintnews.reporters.base import ReportContext, Summary
    from lintnews.rule import Severity

    paths = args.paths or ["."]
    if args.fix and args.diff:
        _error("--fix and --diff cannot be combined: --diff writes nothing")
        return EXIT_ERROR
    if "-" in paths and len(paths) > 1:
        _error("- (standard input) cannot be combined with other paths")
        return EXIT_ERROR
    if args.dask_scheduler and (args.fix or args.diff):
        _error("--fix and --diff run locally: drop --dask-scheduler to fix files")
        return EXIT_ERROR
    if args.jobs is not None and args.jobs < 1:
        _error("--jobs takes a number of processes, 1 or more")
        return EXIT_ERROR
    try:
        finder = ConfigFinder(Path(args.config) if args.config else None)
        inputs: Discovery | list[Input]
        if paths == ["-"]:
            inputs = [Input(args.stdin_filename or "-", None, sys.stdin.buffer.read(),
                            config_path=Path(args.stdin_filename) if args.stdin_filename else None)]
            finder.for_path(inputs[0].config_location())
            path_errors: list[str] = []
            has_corpus = False
        else:
            inputs = Discovery(paths, finder, args.force_exclude)
            path_errors = list(inputs.errors)
            has_corpus = inputs.has_corpus
    except ConfigError as err:
        _error(str(err))
        return EXIT_ERROR
    failed = bool(path_errors)
    for message in path_errors:
        _error(message)

    local = tuple((spec, str(s.root)) for s in finder.all_settings() for spec in s.plugins)
    registry = load([(spec, Path(root)) for spec, root in local])
    for problem in registry.errors:
        sys.stderr.write(f"warning: {problem}\n")
    overrides = Overrides(_selectors(args.select) if args.select else None,
                          _selectors(args.ignore), _selectors(args.extend_select))
    engine = Engine(registry, overrides)
    try:
        engine.validate_overrides()
        for settings in finder.all_settings():
            engine.validate(settings)
            engine.rules_for(settings, engine.selected_codes(settings))  # options rejected now, not mid-run
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
        names = sorted(registry.reporters)
        _error(f"unknown output format {args.output_format!r}{suggest(args.output_format, names)}; "
               f"choose from {', '.join(names)}")
        return EXIT_ERROR

    options = RunOptions(args.fix, args.unsafe_fixes, args.diff, args.force_exclude)
    job = pipeline.Job(os.getcwd(), options, args.config, tuple(overrides.select) if overrides.select is not None else None,
                       tuple(overrides.ignore), tuple(overrides.extend_select), local,
                       autoload=not os.environ.get("LINTNEWS_DISABLE_PLUGIN_AUTOLOAD"))
    from lintnews.runner import Runner

    pipeline._RUNNERS[job] = Runner(engine, finder, options)  # workers forked later inherit it

    from lintnews.baseline import Baseline, BaselineError

    baseline = None
    if args.baseline:
        try:
            baseline = Baseline.read(Path(args.baseline))
        except BaselineError as err:
            _error(str(err))
            return EXIT_ERROR
    writing_baseline = Baseline() if args.write_baseline else None

    cache = None
    use_cache = not (args.no_cache or args.fix or args.diff or paths == ["-"])
    if use_cache:
        from lintnews.cache import DEFAULT_DIR, Cache

        cache = Cache(Path(args.cache_dir or os.environ.get("LINTNEWS_CACHE_DIR") or DEFAULT_DIR))
        if not cache.enabled:
            cache = None
    keys = _Keys(engine, finder, registry) if cache else None

    stdin_fix = paths == ["-"] and args.fix
    if args.output_file:
        try:
            report_stream: IO[str] = open(args.output_file, "w", encoding="utf-8", newline="\n")
        except OSError as err:
            _error(f"cannot write {args.output_file}: {err.strerror or err}")
            return EXIT_ERROR
    else:
        report_stream = sys.stderr if stdin_fix else sys.stdout
    context = ReportContext(registry, color=use_color(report_stream) and not args.output_file,
                            unsafe_fixes=args.unsafe_fixes, fix_mode=args.fix,
                            statistics=args.statistics, quiet=args.quiet)
    reporter = reporter_cls(report_stream, context)
    jobs = args.jobs or pipeline.usable_cores()
    if paths == ["-"] or (args.jobs is None and len(inputs) <= pipeline.BATCH_DOCS and not has_corpus):
        jobs = 1  # starting workers costs more than a batch of documents takes to lint

    from lintnews.progress import Progress

    progress = Progress.create(enabled=not (args.quiet or args.no_progress), total=len(inputs))
    summary = Summary()
    failing = changed = False
    would_fix = files_changed = 0
    corpus_changes: dict[str, dict[int, str]] = {}
    corpus_problems: list[str] = []

    def lookup(item: Input) -> FileResult | None:
        assert cache is not None and keys is not None
        return keys.lookup(cache, item)

    def store(item: Input, result: FileResult) -> None:
        assert cache is not None and keys is not None
        keys.store(cache, item, result)

    try:
        reporter.start()
        stream = pipeline.run(expand(inputs, finder, args, corpus_problems), job, jobs,
                              lookup if cache else None, store if cache else None, args.dask_scheduler)
        for item, result in stream:
            if result.note and not args.quiet:
                progress.clear()
                sys.stderr.write(f"note: {result.path}: {result.note}\n")
            if result.error:
                progress.clear()
                _error(f"{result.path}: {result.error}")
                failed = True
            if result.fixed_record is not None and item.record_index is not None:
                corpus_changes.setdefault(str(item.path), {})[item.record_index] = result.fixed_record
            if writing_baseline is not None:
                writing_baseline.add(result)
            if baseline is not None:
                result.findings = baseline.filter(result)
            progress.advance(len(result.findings))
            if args.diff:
                if result.diff:
                    progress.clear()
                    sys.stdout.write(_diff_header(item) + result.diff)
                    changed = True
                    would_fix += result.fixed
                    files_changed += 1
                continue
            if result.fixed_text is not None:
                sys.stdout.buffer.write(result.fixed_text)
                sys.stdout.flush()
            settings = finder.for_file(item.config_location())
            threshold = Severity.parse(args.fail_on or settings.fail_on)
            if any(f.severity >= threshold for f in result.findings):
                failing = True
            summary.add(result)
            progress.clear()
            reporter.file(result)
        progress.close()
        for message in corpus_problems:
            _error(message)
            failed = True
        if corpus_changes:
            failed |= _rewrite_corpora(corpus_changes, finder, args)
        if args.diff:
            if not args.quiet:
                sys.stderr.write(f"Would fix {would_fix} finding{'s' if would_fix != 1 else ''} in "
                                 f"{files_changed} file{'s' if files_changed != 1 else ''}.\n")
        else:
            reporter.finish(summary)
    finally:
        progress.close()
        if cache is not None:
            cache.close()
        if args.output_file:
            report_stream.close()
    if writing_baseline is not None:
        writing_baseline.write(Path(args.write_baseline))
        if not args.quiet:
            sys.stderr.write(f"Wrote {writing_baseline.count} findings to the baseline {args.write_baseline}.\n")
    if failed:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    if args.diff:
        return EXIT_FINDINGS if changed else EXIT_OK
    return EXIT_FINDINGS if failing else EXIT_OK


def _diff_header(item: Input) -> str:
    return f"# record {item.record}\n" if item.record is not None else ""


def _rewrite_corpora(changes: dict[str, dict[int, str]], finder: ConfigFinder,
                     args: argparse.Namespace) -> bool:
    """Write fixed records back into their corpora; True if any write failed."""
    from lintnews.corpus import CorpusError, read_records, replace_text, rewrite

    failed = False
    for path_text, records in changes.items():
        path = Path(path_text)
        settings = finder.for_path(path)
        text_field = args.text_field or settings.text_field
        id_field = args.id_field or settings.id_field
        try:
            raw_by_index = {r.index: r.raw for r in read_records(path, text_field, id_field) if r.index in records}
            encoded = {i: replace_text(raw_by_index[i], text_field, new) for i, new in records.items()}
            rewrite(path, encoded)
        except (OSError, CorpusError, KeyError, ValueError) as err:
            _error(f"{path}: cannot write fixes: {err}; the corpus is unchanged")
            failed = True
    return failed


class _Keys:
    """Cache keys: a document's content plus the fingerprint of what would lint it."""

    def __init__(self, engine, finder: ConfigFinder, registry) -> None:
        from lintnews import __version__

        self.engine = engine
        self.finder = finder
        self.base = {"lintnews": __version__, "plugins": sorted(registry.versions.items())}
        self._fingerprints: dict[tuple[int, frozenset[str]], str] = {}

    def _fingerprint(self, item: Input) -> str:
        from lintnews.cache import fingerprint
        from lintnews.config import rule_settings

        location = item.config_location()
        settings = self.finder.for_file(location)
        codes = self.engine.selected_codes(settings, location)
        key = (id(settings), codes)
        found = self._fingerprints.get(key)
        if found is None:
            rules = self.engine.registry.rules
            options = {c: rule_settings(settings, rules[c], self.engine.registry) for c in sorted(codes)}
            tokens = {r.code: r.cache_token() for r in self.engine.rules_for(settings, codes)}
            found = self._fingerprints[key] = fingerprint(
                {**self.base, "codes": sorted(codes), "options": options, "tokens": tokens})
        return found

    def _content(self, item: Input) -> bytes | None:
        if item.error is not None:
            return None
        if item.text is not None:
            return item.text.encode("utf-8", "surrogatepass")
        if item.data is None and item.path is not None:
            try:
                item.data = item.path.read_bytes()
            except OSError:
                return None
        return item.data

    def lookup(self, cache, item: Input) -> FileResult | None:
        from lintnews.cache import content_key

        content = self._content(item)
        if content is None:
            return None
        answer = cache.get(content_key(self._fingerprint(item), content), item.display)
        if answer is None:
            return None
        findings, lines, note = answer
        for f in findings:
            if item.record is not None:
                f.extra["record"], f.extra["record_index"] = item.record, item.record_index
        return FileResult(item.display, findings, lines, note=note, record=item.record,
                          record_index=item.record_index, cached=True)

    def store(self, cache, item: Input, result: FileResult) -> None:
        from lintnews.cache import content_key

        if result.error or any(f.code == "E102" for f in result.findings):
            return  # a failure to read is not a property of the content
        content = self._content(item)
        if content is not None:
            cache.put(content_key(self._fingerprint(item), content), result.findings, result.lines, result.note)
