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
    items: Iterable[Input], job: Job, jobs: int, lookup: Lookup | None = None, store: Store | None = None,
    scheduler: str | None = None,
) -> Iterator[tuple[Input, FileResult]]:
    """Lint every item; yield (item, result) in input order.

    ``lookup`` answers from the cache (or None to lint); ``store`` saves what was linted.
    With ``scheduler`` (a Dask scheduler's address) the batches run on that cluster.
    """
    if scheduler is not None:
        yield from _on_dask(items, job, scheduler, lookup, store)
        return
    if jobs <= 1:
        for batch in batches(items):
            yield from _serial(batch, job, lookup, store)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_sigint)
    yield from _windowed(items, job, pool.submit, jobs * WINDOW_PER_WORKER, lookup, store,
                         on_abort=lambda: _stop_pool(pool))
    pool.shutdown(wait=True)


def _stop_pool(pool: Any) -> None:
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _on_dask(items: Iterable[Input], job: Job, scheduler: str, lookup: Lookup | None,
             store: Store | None) -> Iterator[tuple[Input, FileResult]]:
    """Batches on a Dask cluster. Documents travel with their bytes, so workers need no
    access to the files; they need lintnews (and any plugins the configs name) installed."""
    from lintnews.config import ConfigError

    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("--dask-scheduler needs Dask's distributed scheduler: "
                          "pip install 'lintnews[dask]'") from None
    try:
        client = Client(scheduler, timeout=float(os.environ.get("LINTNEWS_DASK_TIMEOUT", "20")))
    except (OSError, TimeoutError, ValueError) as err:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(function: Any, batch: list[Input], job_: Job) -> Any:
            return client.submit(function, batch, job_, pure=False)

        yield from _windowed(_with_bytes(items), job, submit, workers * WINDOW_PER_WORKER, lookup, store,
                             on_abort=lambda: None)
    finally:
        client.close()


def _with_bytes(items: Iterable[Input]) -> Iterator[Input]:
    for item in items:
        if item.data is None and item.text is None and item.path is not None and item.error is None:
            try:
                item.data = item.path.read_bytes()
            except OSError:
                pass  # the worker reports E102 when it cannot read the file either
        yield item


def _windowed(items: Iterable[Input], job: Job, submit: Any, window: int, lookup: Lookup | None,
              store: Store | None, on_abort: Callable[[], None]) -> Iterator[tuple[Input, FileResult]]:
    """Submit batches, keeping at most ``window`` in flight, and yield results in order."""
    pending: deque[tuple[list[Input], list[FileResult | None], Any]] = deque()
    try:
        for batch in batches(items):
            answers = [lookup(item) if lookup else None for item in batch]
            todo = [item for item, answer in zip(batch, answers) if answer is None]
            future = submit(lint_batch, todo, job) if todo else None
            pending.append((batch, answers, future))
            while len(pending) >= window:
                yield from _collect(pending.popleft(), store)
        while pending:
            yield from _collect(pending.popleft(), store)
    except BaseException:
        for _, _, future in pending:
            if future is not None:
                future.cancel()
        on_abort()
        raise


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
