"""Benchmark lintnews against its baselines in one run, and print the ratios.

    python bench/run.py --quick        # a smoke run of a minute or two
    python bench/run.py                # the full run: 10,000 and 100,000 articles

Every number comes from this one run on this one machine: lintnews and each baseline are
measured back to back on the same synthetic corpus (bench/generate.py), so the ratios hold
even on a noisy shared machine while the absolute numbers (marked *) do not travel. The
baselines are a pure-Python regex floor (bench/floor.py), proselint, lintnews at --jobs 1,
a cold cache, the bare ``import regex, pluggy`` start-up, and the H, D and W rules alone.
lintnews runs as a subprocess with --no-progress, streaming --output-format jsonl to a
file, --exit-zero, and --no-cache unless the cache is what is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Sizes:
    docs: int  # the main corpus: throughput, jobs, cache, rule families
    large: int  # the large corpus, for peak memory against the main one
    proselint_docs: int
    startup_runs: int
    repeat: int  # repeats of the cheap measurements (floor, warm cache); the median counts


QUICK = Sizes(docs=1000, large=5000, proselint_docs=200, startup_runs=5, repeat=1)
FULL = Sizes(docs=10_000, large=100_000, proselint_docs=1000, startup_runs=9, repeat=3)


@dataclass
class Measure:
    """One subprocess run: wall clock, CPU of the whole tree, peak memory, output lines."""

    label: str
    command: list[str]
    wall: float
    cpu: float
    peak_tree_kb: int  # the largest sum of RSS over the process and its descendants (sampled)
    peak_process_kb: int  # the largest RSS of any one process of the tree (sampled)
    returncode: int
    output_lines: int = 0
    walls: list[float] = field(default_factory=list)  # every repeat, when repeated

    @property
    def parallelism(self) -> float:
        return self.cpu / self.wall if self.wall else 0.0


def _proc_table() -> tuple[dict[int, list[int]], dict[int, int]]:
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        fields = data[data.rindex(b")") + 2:].split()
        pid = int(entry.name)
        children[int(fields[1])].append(pid)
        rss[pid] = int(fields[21]) * PAGE_KB
    return children, rss


def tree_rss_kb(root: int) -> tuple[int, int]:
    """The summed RSS of a process and its descendants, and the largest RSS among them."""
    children, rss = _proc_table()
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        todo.extend(children.get(pid, ()))
    return total, largest


class Sampler(threading.Thread):
    """Polls the RSS of a process tree until stopped; keeps the peaks.

    Sampling, not ``ru_maxrss``: a child's ``ru_maxrss`` starts from its parent's RSS at
    fork time on Linux, so it would report this runner's own memory for small commands.
    """

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak, self.largest = pid, interval, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            total, largest = tree_rss_kb(self.pid)
            self.peak, self.largest = max(self.peak, total), max(self.largest, largest)
            self.done.wait(self.interval)


def measure(label: str, command: list[str], out: Path | None, cwd: Path, sample: bool = True,
            ok: tuple[int, ...] = (0,)) -> Measure:
    log(f"  {label}: {shlex.join(command)}")
    stdout = open(out, "wb") if out is not None else subprocess.DEVNULL
    errors = cwd / "stderr.txt"
    try:
        with open(errors, "wb") as stderr:
            started = time.perf_counter()
            proc = subprocess.Popen(command, stdout=stdout, stderr=stderr, cwd=cwd)
            sampler = Sampler(proc.pid) if sample else None
            if sampler:
                sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)  # the CPU of the workers is in here too
            wall = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            if sampler:
                sampler.done.set()
                sampler.join()
    finally:
        if out is not None:
            stdout.close()  # type: ignore[union-attr]
    if proc.returncode not in ok:
        detail = errors.read_text(errors="replace").strip()[-2000:]
        raise SystemExit(f"{label} failed with exit code {proc.returncode}:\n{detail}")
    lines = 0
    if out is not None:
        with open(out, "rb") as handle:
            lines = sum(1 for _ in handle)
    return Measure(label, command, wall, usage.ru_utime + usage.ru_stime,
                   sampler.peak if sampler else 0, sampler.largest if sampler else 0, proc.returncode, lines)


def repeated(times: int, run: Callable[[], Measure]) -> Measure:
    """The run with the median wall time of ``times`` runs, holding every wall time."""
    runs = sorted((run() for _ in range(times)), key=lambda m: m.wall)
    middle = runs[len(runs) // 2]
    middle.walls = [m.wall for m in runs]
    return middle


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    info = {"cpu": f"{model}, {usable} usable cores", "memory": memory,
            "python": f"{platform.python_implementation()} {platform.python_version()}",
            "os": platform.platform()}
    try:
        import lintnews
        info["lintnews"] = lintnews.__version__
    except ImportError:
        info["lintnews"] = "not importable"
    repo = HERE.parent
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        info["commit"] = head + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        pass
    return info


def script(name: str) -> str:
    """A console script of this interpreter's environment: its real path, not a shim."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"cannot find the `{name}` command in this environment")
    return found


def build_corpora(work: Path, sizes: Sizes, seed: int) -> dict[str, Path]:
    phrases = generate.spun_phrases()
    paths = {
        "main_dir": work / f"dir-{sizes.docs}", "main_jsonl": work / f"corpus-{sizes.docs}.jsonl",
        "large_dir": work / f"dir-{sizes.large}", "large_jsonl": work / f"corpus-{sizes.large}.jsonl",
        "proselint_dir": work / f"dir-{sizes.proselint_docs}",
    }
    for key, count in (("main_dir", sizes.docs), ("large_dir", sizes.large), ("proselint_dir", sizes.proselint_docs)):
        started = time.perf_counter()
        size = generate.write_dir(paths[key], seed, count)
        log(f"generated {count:,} articles ({size / 1e6:.1f} MB) in {paths[key].name} "
            f"in {time.perf_counter() - started:.1f}s")
    for key, count in (("main_jsonl", sizes.docs), ("large_jsonl", sizes.large)):
        started = time.perf_counter()
        size = generate.write_jsonl(paths[key], seed, count)
        log(f"generated {count:,} records ({size / 1e6:.1f} MB) in {paths[key].name} "
            f"in {time.perf_counter() - started:.1f}s")
    one = work / "one"
    one.mkdir()
    (one / "article.txt").write_bytes(generate.article(seed, 0, phrases).render().encode("utf-8"))
    paths["one"] = one / "article.txt"
    return paths


def corpus_bytes(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*.txt"))
    return path.stat().st_size


@dataclass
class Row:
    what: str
    measured: str
    baseline: str
    ratio: float | None
    target: str
    met: str


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}x" if value < 10 else f"{value:.1f}x"


def table(rows: list[Row]) -> str:
    head = ("what", "measured", "baseline", "ratio", "target", "met")
    cells = [head] + [(r.what, r.measured, r.baseline, fmt_ratio(r.ratio), r.target, r.met) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in cells[1:]]
    return "\n".join(lines)


def verdict(ratio: float | None, target: float, at_most: bool = False) -> str:
    if ratio is None:
        return "skipped"
    return "yes" if (ratio <= target if at_most else ratio >= target) else "no"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of a minute or two")
    parser.add_argument("--docs", type=int, help=f"main corpus size (default {FULL.docs}, quick {QUICK.docs})")
    parser.add_argument("--large", type=int, help=f"large corpus for peak memory (default {FULL.large})")
    parser.add_argument("--proselint-docs", type=int, help=f"articles given to proselint (default {FULL.proselint_docs})")
    parser.add_argument("--startup-runs", type=int, help="runs of each start-up command (median)")
    parser.add_argument("--repeat", type=int, help="repeats of the floor and the warm cache run (median)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--json", type=Path, help="also write every measurement to this JSON file")
    args = parser.parse_args(argv)

    base = QUICK if args.quick else FULL
    sizes = Sizes(args.docs or base.docs, args.large or base.large, args.proselint_docs or base.proselint_docs,
                  args.startup_runs or base.startup_runs, args.repeat or base.repeat)
    sizes.proselint_docs = min(sizes.proselint_docs, sizes.docs)
    command_line = "python " + shlex.join([os.path.relpath(sys.argv[0]) if argv is None else "bench/run.py",
                                           *(sys.argv[1:] if argv is None else argv)])
    info = machine()
    load_before = os.getloadavg()
    started = time.perf_counter()

    work = Path(tempfile.mkdtemp(prefix="lintnews-bench-", dir=args.workdir))
    try:
        log(f"work folder {work}")
        corpora = build_corpora(work, sizes, args.seed)
        results = measure_all(work, corpora, sizes)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()
    rows = make_rows(results, corpora_sizes(results), sizes)

    print(f"$ {command_line}")
    print()
    for key, value in info.items():
        print(f"{key}: {value}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in load_before)}; "
          f"after: {' '.join(f'{x:.2f}' for x in load_after)}")
    print(f"corpus: seed {args.seed}, {sizes.docs:,} articles (main), {sizes.large:,} (large), "
          f"{sizes.proselint_docs:,} (proselint); run took {(time.perf_counter() - started) / 60:.1f} min")
    print()
    print(table(rows))
    print()
    print("* absolute numbers: machine-dependent, comparable only within this run.")
    print()
    print(details(results, work))
    if args.json:
        args.json.write_text(json.dumps({"command": command_line, "machine": info, "sizes": asdict(sizes),
                                         "load_before": load_before, "load_after": load_after,
                                         "rows": [asdict(r) for r in rows],
                                         "runs": {k: asdict(v) if isinstance(v, Measure) else v
                                                  for k, v in results.items()}}, indent=2))
    return 0


def measure_all(work: Path, corpora: dict[str, Path], sizes: Sizes) -> dict[str, object]:
    lintnews = script("lintnews")
    common = ["--no-progress", "--output-format", "jsonl", "--exit-zero"]
    out = work / "findings.jsonl"
    r: dict[str, object] = {"bytes_main": corpus_bytes(corpora["main_dir"]),
                            "bytes_proselint": corpus_bytes(corpora["proselint_dir"])}

    def check(label: str, target: Path, *extra: str, sample: bool = True) -> Measure:
        return measure(label, [lintnews, "check", *common, *extra, str(target)], out, work, sample)

    log("floor (pure-Python regex alternation, one process)")
    r["floor"] = repeated(sizes.repeat, lambda: measure(
        "floor", [sys.executable, str(HERE / "floor.py"), str(corpora["main_dir"])], None, work))

    log("lintnews, default rules and jobs, cold (--no-cache)")
    r["default"] = check("default", corpora["main_dir"], "--no-cache")
    log("lintnews --jobs 1")
    r["jobs1"] = check("jobs1", corpora["main_dir"], "--no-cache", "--jobs", "1")
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if usable == 2:
        r["jobs2"] = r["default"]
    else:
        log("lintnews --jobs 2")
        r["jobs2"] = check("jobs2", corpora["main_dir"], "--no-cache", "--jobs", "2")
    log("lintnews --select H,D,W")
    r["hdw"] = check("select H,D,W", corpora["main_dir"], "--no-cache", "--select", "H,D,W")

    log("cache: a cold run into an empty cache folder, then warm re-runs")
    cache = work / "cache"
    r["cache_cold"] = check("cache cold", corpora["main_dir"], "--cache-dir", str(cache))
    r["cache_warm"] = repeated(sizes.repeat, lambda: check("cache warm", corpora["main_dir"], "--cache-dir", str(cache)))

    log("proselint on the first articles of the same corpus")
    beside = Path(sys.executable).parent / "proselint"
    proselint = str(beside) if beside.exists() else shutil.which("proselint")
    if proselint is None:
        r["proselint"] = "proselint is not installed in this environment (pip install proselint)"
    else:  # exit code 1 means it found something
        r["proselint"] = measure("proselint", [proselint, "check", "-o", "json", str(corpora["proselint_dir"])],
                                 work / "proselint.json", work, ok=(0, 1))
        r["lintnews_same"] = check("lintnews same articles", corpora["proselint_dir"], "--no-cache")

    log(f"start-up, {sizes.startup_runs} interleaved runs each")
    starts: dict[str, list[Measure]] = {"lintnews": [], "imports": []}
    for _ in range(sizes.startup_runs):
        starts["imports"].append(measure("import regex, pluggy", [sys.executable, "-c", "import regex, pluggy"],
                                         None, work, sample=False))
        starts["lintnews"].append(measure("lintnews one article",
                                          [lintnews, "check", *common, "--no-cache", str(corpora["one"])],
                                          None, work, sample=False))
    for key, runs in starts.items():
        runs.sort(key=lambda m: m.wall)
        median = runs[len(runs) // 2]
        median.walls = [m.wall for m in runs]
        r[f"start_{key}"] = median

    log("peak memory: main and large corpora, folder and JSONL")
    r["rss_main_dir"] = r["default"]
    r["rss_main_jsonl"] = check("main jsonl", corpora["main_jsonl"], "--no-cache")
    r["rss_large_dir"] = check("large dir", corpora["large_dir"], "--no-cache")
    r["rss_large_jsonl"] = check("large jsonl", corpora["large_jsonl"], "--no-cache")
    return r


def corpora_sizes(results: dict[str, object]) -> dict[str, int]:
    return {k: v for k, v in results.items() if isinstance(v, int)}


def make_rows(r: dict[str, object], sizes_bytes: dict[str, int], sizes: Sizes) -> list[Row]:
    def m(key: str) -> Measure:
        value = r[key]
        assert isinstance(value, Measure)
        return value

    n, mb = sizes.docs, sizes_bytes["bytes_main"] / 1e6
    rows: list[Row] = []
    floor, default = m("floor"), m("default")
    ratio = floor.wall / default.wall
    rows.append(Row(f"throughput vs pure-Python floor, {n:,} articles",
                    f"{mb / default.wall:.2f} MB/s*", f"{mb / floor.wall:.2f} MB/s*", ratio, ">= 3x",
                    verdict(ratio, 3)))
    prose = r.get("proselint")
    if isinstance(prose, Measure):
        p = sizes.proselint_docs
        mine, theirs = n / default.wall, p / prose.wall
        rows.append(Row(f"per-article throughput vs proselint ({p:,} articles)", f"{mine:.0f} docs/s*",
                        f"{theirs:.1f} docs/s*", mine / theirs, ">= 80x", verdict(mine / theirs, 80)))
        same = m("lintnews_same")
        rows.append(Row(f"  the same {p:,} articles, start-up included", f"{p / same.wall:.0f} docs/s*",
                        f"{theirs:.1f} docs/s*", prose.wall / same.wall, "(info)", "-"))
    else:
        rows.append(Row("per-article throughput vs proselint", "-", "-", None, ">= 80x", f"skipped: {prose}"))
    jobs1, jobs2 = m("jobs1"), m("jobs2")
    ratio = jobs1.wall / jobs2.wall
    rows.append(Row("--jobs 2 vs --jobs 1", f"{n / jobs2.wall:.0f} docs/s*", f"{n / jobs1.wall:.0f} docs/s*",
                    ratio, ">= 1.8x", verdict(ratio, 1.8)))
    cold, warm = m("cache_cold"), m("cache_warm")
    ratio = cold.wall / warm.wall
    rows.append(Row("warm cache re-run vs cold run into an empty cache", f"{warm.wall:.2f} s*",
                    f"{cold.wall:.2f} s*", ratio, ">= 10x", verdict(ratio, 10)))
    rows.append(Row("  warm cache re-run vs --no-cache", f"{warm.wall:.2f} s*", f"{default.wall:.2f} s*",
                    default.wall / warm.wall, "(info)", "-"))
    start, imports = m("start_lintnews"), m("start_imports")
    ratio = start.wall / imports.wall
    rows.append(Row("start-up: `lintnews check` one article vs `import regex, pluggy`",
                    f"{start.wall * 1000:.0f} ms*", f"{imports.wall * 1000:.0f} ms*", ratio, "<= 3x",
                    verdict(ratio, 3, at_most=True)))
    for kind in ("dir", "jsonl"):
        small, big = m(f"rss_main_{kind}"), m(f"rss_large_{kind}")
        growth = big.peak_tree_kb / small.peak_tree_kb if small.peak_tree_kb else None
        label = "folder" if kind == "dir" else "JSONL"
        rows.append(Row(f"peak RSS, {label} corpus: {sizes.large:,} vs {n:,} articles",
                        f"{big.peak_tree_kb / 1024:.0f} MB*", f"{small.peak_tree_kb / 1024:.0f} MB*", growth,
                        "<= 1.2x", verdict(growth, 1.2, at_most=True)))
    hdw = m("hdw")
    ratio = default.wall / hdw.wall
    rows.append(Row("default rule set vs --select H,D,W (issue 3)", f"{default.wall:.1f} s*", f"{hdw.wall:.1f} s*",
                    ratio, "<= 2x", verdict(ratio, 2, at_most=True)))
    return rows


def details(r: dict[str, object], work: Path) -> str:
    lines = ["Runs (wall = elapsed; cpu = user+sys of the whole process tree; cpu/wall = cores kept busy; "
             "RSS tree = peak of the summed RSS of the process and its workers, sampled every 50 ms; "
             "RSS max = largest single process, sampled; findings = lines of jsonl output):", ""]
    head = f"{'run':<24} {'wall s':>8} {'cpu s':>8} {'cpu/wall':>8} {'RSS tree MB':>11} {'RSS max MB':>10} {'findings':>9}"
    lines += [head, "-" * len(head)]
    seen: set[int] = set()
    for value in r.values():
        if not isinstance(value, Measure) or id(value) in seen:
            continue
        seen.add(id(value))
        walls = f"  (runs: {', '.join(f'{w:.3f}' for w in value.walls)})" if len(value.walls) > 1 else ""
        tree = f"{value.peak_tree_kb / 1024:.0f}" if value.peak_tree_kb else "-"
        largest = f"{value.peak_process_kb / 1024:.0f}" if value.peak_process_kb else "-"
        lines.append(f"{value.label:<24} {value.wall:>8.3f} {value.cpu:>8.2f} {value.parallelism:>8.2f} "
                     f"{tree:>11} {largest:>10} "
                     f"{value.output_lines or '-':>9}{walls}")
    lines += ["", "Commands (the work folder is a temp folder):"]
    seen.clear()
    for value in r.values():
        if isinstance(value, Measure) and id(value) not in seen:
            seen.add(id(value))
            lines.append(f"  {value.label}: {shlex.join(_short(value.command, work))}")
    cold, warm, nocache = r["cache_cold"], r["cache_warm"], r["default"]
    assert isinstance(cold, Measure) and isinstance(warm, Measure) and isinstance(nocache, Measure)
    if not cold.output_lines == warm.output_lines == nocache.output_lines:
        lines += ["", f"WARNING: findings differ: {nocache.output_lines} without the cache, {cold.output_lines} "
                      f"on the cold cache run, {warm.output_lines} on the warm one. If the rules were being edited "
                      f"during the run, that explains it; otherwise a cache hit changed the output."]
    return "\n".join(lines)


def _short(command: list[str], work: Path) -> list[str]:
    """The command with the work folder and environment paths shortened for reading."""
    out = []
    for part in command:
        if part.startswith(str(work)):
            part = "$WORK" + part[len(str(work)):]
        elif part == sys.executable:
            part = "python"
        elif os.path.isabs(part) and Path(part).parent == Path(sys.executable).parent:
            part = Path(part).name
        elif part.startswith(str(HERE)):
            part = "bench/" + Path(part).name
        out.append(part)
    return out


if __name__ == "__main__":
    sys.exit(main())
