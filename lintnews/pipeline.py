"""Running documents through the linter: in process or on worker processes, with a cache.

The unit of work is :func:`lint_batch`, a pure function: a batch of documents and the
effective run configuration (:class:`Job`) go in, results come out. The local executor
below calls it on a process pool; any other executor (a Dask cluster, say) can call the
same function. Results always come back in input order, whatever the number of workers.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lintnews.runner import FileResult, Input, Runner, RunOptions

BATCH_DOCS = 64
BATCH_BYTES = 512 * 1024
WINDOW_PER_WORKER = 3  # batches in flight per worker: enough to keep them busy, bounded memory


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to lint like the main process, and nothing heavy."""

    cwd: str
    options: RunOptions = field(default_factory=RunOptions)
    config: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    local_plugins: tuple[tuple[str, str], ...] = ()
    autoload: bool = True


_RUNNERS: dict[Job, Runner] = {}


def runner_for(job: Job) -> Runner:
    """A runner for this job, built once per process."""
    runner = _RUNNERS.get(job)
    if runner is None:
        from lintnews import plugins
        from lintnews.config import ConfigFinder
        from lintnews.engine import Engine, Overrides

        registry = plugins.load([(s, Path(b)) for s, b in job.local_plugins], autoload=job.autoload)
        overrides = Overrides(list(job.select) if job.select is not None else None,
                              list(job.ignore), list(job.extend_select))
        finder = ConfigFinder(Path(job.config) if job.config else None, Path(job.cwd))
        runner = _RUNNERS[job] = Runner(Engine(registry, overrides), finder, job.options)
    return runner


def lint_batch(batch: list[Input], job: Job) -> list[FileResult]:
    """Lint a batch of documents: the pure unit of work that every executor calls."""
    runner = runner_for(job)
    return [runner.process(item) for item in batch]


def batches(items: Iterable[Input], docs: int = BATCH_DOCS, size: int = BATCH_BYTES) -> Iterator[list[Input]]:
    batch: list[Input] = []
    weight = 0
    for item in items:
        batch.append(item)
        weight += len(item.data or b"") + len(item.text or "")
        if len(batch) >= docs or weight >= size:
            yield batch
            batch, weight = [], 0
    if batch:
        yield batch


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C for everyone


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


Lookup = Callable[[Input], FileResult | None]
Store = Callable[[Input, FileResult], None]


def run(
    items: Iterable[Input], job: Job, jobs: int, lookup: Lookup | None = None, store: Store | None = None
) -> Iterator[tuple[Input, FileResult]]:
    """Lint every item; yield (item, result) in input order.

    ``lookup`` answers from the cache (or None to lint); ``store`` saves what was linted.
    """
    if jobs <= 1:
        for batch in batches(items):
            yield from _serial(batch, job, lookup, store)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_sigint)
    pending: deque[tuple[list[Input], list[FileResult | None], Any]] = deque()
    try:
        for batch in batches(items):
            answers = [lookup(item) if lookup else None for item in batch]
            todo = [item for item, answer in zip(batch, answers) if answer is None]
            future = pool.submit(lint_batch, todo, job) if todo else None
            pending.append((batch, answers, future))
            while len(pending) >= jobs * WINDOW_PER_WORKER:
                yield from _collect(pending.popleft(), store)
        while pending:
            yield from _collect(pending.popleft(), store)
    except BaseException:
        for _, _, future in pending:
            if future is not None:
                future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    pool.shutdown(wait=True)


def _serial(batch: list[Input], job: Job, lookup: Lookup | None, store: Store | None) -> Iterator[tuple[Input, FileResult]]:
    runner = runner_for(job)
    for item in batch:
        result = lookup(item) if lookup else None
        if result is None:
            result = runner.process(item)
            if store:
                store(item, result)
        yield item, result


def _collect(entry: tuple[list[Input], list[FileResult | None], Any], store: Store | None) -> Iterator[tuple[Input, FileResult]]:
    batch, answers, future = entry
    linted = iter(future.result() if future is not None else ())
    for item, answer in zip(batch, answers):
        if answer is None:
            answer = next(linted)
            if store:
                store(item, answer)
        yield item, answer
