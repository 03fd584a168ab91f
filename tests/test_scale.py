"""Corpus-scale behaviour: the cache, baselines, parallel runs, Ctrl-C and the progress bar."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time

from conftest import CLEAN, DIRTY

COUNTER_PLUGIN = '''
from pathlib import Path
from lintnews.hookspecs import hookimpl
from lintnews.rule import Rule, Severity

class Counted(Rule):
    """Counts how often it runs.

    ## Why
    Test.

    ## Example
    Fires:  `x`
    Quiet:  `y`

    ## Fix
    None.
    """
    code = "X900"
    name = "counted"
    severity = Severity.INFO

    def check(self, doc):
        with open(Path(__file__).with_name("runs.log"), "a") as log:
            log.write(doc.path + "\\n")
        return iter(())

@hookimpl
def lintnews_rules():
    return [Counted]
'''


def corpus(articles, n=30):
    for i in range(n):
        articles(f"c/a{i:03d}.txt", DIRTY if i % 2 else CLEAN)


def test_cache_hit_equals_miss_and_skips_linting(cli, articles, tmp_path):
    corpus(articles)
    articles("counter.py", COUNTER_PLUGIN)
    articles("lintnews.toml", 'plugins = ["counter.py"]\nextend-select = ["X900"]\n')
    cold = cli("check", "c", "--output-format", "json", "-j", "1")
    warm = cli("check", "c", "--output-format", "json", "-j", "1")
    assert cold.out == warm.out and cold.code == warm.code == 1
    assert len((tmp_path / "runs.log").read_text().splitlines()) == 30  # the warm run linted nothing
    text_cold = cli("check", "c", "--no-cache")
    text_warm = cli("check", "c")
    assert text_cold.out == text_warm.out
    db = sqlite3.connect(tmp_path / ".lintnews_cache" / "results.sqlite3")
    assert db.execute("select count(*) from results").fetchone()[0] == 2  # two distinct contents


def test_cache_invalidated_by_content_and_config(cli, articles):
    path = articles("a.txt", DIRTY)
    assert "H101" in cli("check", "a.txt").out
    path.write_text(CLEAN)
    assert cli("check", "a.txt").code == 0
    path.write_text(DIRTY)
    assert "H101" not in cli("check", "a.txt", "--ignore", "H101").out
    articles("lintnews.toml", '[rules.H101]\nseverity = "info"\n')
    assert cli("check", "a.txt", "--output-format", "json").out.count('"severity": "info"') == 2


def test_no_cache_cache_dir_and_clean(cli, articles, tmp_path):
    articles("a.txt", DIRTY)
    cli("check", "a.txt", "--no-cache")
    assert not (tmp_path / ".lintnews_cache").exists()
    cli("check", "a.txt", "--cache-dir", "elsewhere")
    assert (tmp_path / "elsewhere" / "results.sqlite3").exists()
    assert cli("clean", "--cache-dir", "elsewhere").out == "Removed elsewhere\n"
    assert not (tmp_path / "elsewhere").exists()
    assert cli("clean").out == "No cache at .lintnews_cache\n"


def test_corrupt_cache_is_rebuilt(cli, articles, tmp_path):
    articles("a.txt", DIRTY)
    first = cli("check", "a.txt")
    db = tmp_path / ".lintnews_cache" / "results.sqlite3"
    for suffix in ("-wal", "-shm"):
        (tmp_path / ".lintnews_cache" / f"results.sqlite3{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    second = cli("check", "a.txt")
    assert second.out == first.out and "Traceback" not in second.err
    assert sqlite3.connect(db).execute("select count(*) from results").fetchone()[0] == 1


def test_entries_for_vanished_content_are_pruned(cli, articles, tmp_path):
    path = articles("a.txt", DIRTY)
    cli("check", "a.txt")
    path.write_text(CLEAN)
    cli("check", "a.txt")
    db = sqlite3.connect(tmp_path / ".lintnews_cache" / "results.sqlite3")
    assert db.execute("select count(*) from results").fetchone()[0] == 2
    db.execute("update results set used = used - 30")  # both entries unused for a month
    db.commit()
    db.close()
    cli("check", "a.txt")  # touches the CLEAN entry again; the DIRTY one has vanished
    db = sqlite3.connect(tmp_path / ".lintnews_cache" / "results.sqlite3")
    assert db.execute("select count(*) from results").fetchone()[0] == 1


def test_concurrent_runs_share_the_cache(lintnews_exe, articles, tmp_path):
    corpus(articles, 60)
    procs = [subprocess.Popen([*lintnews_exe, "check", "c", "--output-format", "json", "-j", "1"],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 1 for p in procs), [o[1] for o in outs]
    assert len({o[0] for o in outs}) == 1
    db = sqlite3.connect(tmp_path / ".lintnews_cache" / "results.sqlite3")
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_jobs_give_the_same_output_in_input_order(cli, articles):
    corpus(articles, 120)
    one = cli("check", "c", "-j", "1", "--no-cache", "--output-format", "json")
    two = cli("check", "c", "-j", "2", "--no-cache", "--output-format", "json")
    assert one.out == two.out
    paths = [f["path"] for f in json.loads(one.out)]
    assert paths == sorted(paths)
    assert cli("check", "c", "-j", "0").code == 2


def test_baseline_survives_inserted_paragraphs(cli, articles, tmp_path):
    path = articles("a.txt", DIRTY + "\nIt rained yesterday.\n")
    articles("b.txt", DIRTY)
    written = cli("check", ".", "--write-baseline", "base.json", "--no-cache")
    assert written.code == 1 and "Wrote 5 findings to the baseline base.json." in written.err
    data = json.loads((tmp_path / "base.json").read_text())
    assert data["findings"] == sorted(data["findings"], key=lambda e: (e["document"], e["code"], e["snippet"], e["occurrence"]))
    assert cli("check", ".", "--baseline", "base.json").code == 0
    text = path.read_text().replace("date 2024-05-14\n", "date 2024-05-14\n\nA new first paragraph.\n\nAnother one.\n")
    path.write_text(text)
    result = cli("check", ".", "--baseline", "base.json", "--output-format", "json")
    assert json.loads(result.out) == [] and result.code == 0
    path.write_text(text + "\n<p>\n")
    result = cli("check", ".", "--baseline", "base.json", "--output-format", "json")
    assert [f["code"] for f in json.loads(result.out)] == ["H102"] and result.code == 1


def test_rewritten_baseline_drops_fixed_findings_and_is_deterministic(cli, articles, tmp_path):
    articles("a.txt", DIRTY)
    cli("check", ".", "--write-baseline", "one.json")
    cli("check", ".", "--write-baseline", "two.json", "-j", "2", "--no-cache")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    cli("check", ".", "--fix", "--select", "H101")
    cli("check", ".", "--write-baseline", "one.json")
    assert [e["code"] for e in json.loads((tmp_path / "one.json").read_text())["findings"]] == ["W101"]


def test_bad_baseline_is_a_clear_error(cli, articles):
    articles("a.txt", DIRTY)
    articles("base.json", "{not json")
    result = cli("check", ".", "--baseline", "base.json")
    assert result.code == 2 and "base.json: not a lintnews baseline" in result.err
    result = cli("check", ".", "--baseline", "missing.json")
    assert result.code == 2 and "no such baseline" in result.err


def test_ctrl_c_stops_cleanly(lintnews_exe, articles, tmp_path):
    for i in range(4000):
        articles(f"big/a{i:04d}.txt", DIRTY)
    proc = subprocess.Popen([*lintnews_exe, "check", "big", "--fix", "-j", "2"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(1.5)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err and err.decode().strip().endswith("lintnews: interrupted")
    leftovers = [p for p in (tmp_path / "big").iterdir() if not p.name.endswith(".txt")]
    assert leftovers == []
    for p in (tmp_path / "big").iterdir():  # every file is either untouched or fully fixed
        assert p.read_text() in (DIRTY, CLEAN)
    time.sleep(0.5)
    alive = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert alive == [], "worker processes outlived the run"


def test_progress_bar_only_on_a_terminal(lintnews_exe, articles, tmp_path):
    import pty

    corpus(articles, 60)
    master, slave = pty.openpty()
    proc = subprocess.run([*lintnews_exe, "check", "c", "-j", "1", "--no-cache"], cwd=tmp_path,
                          stdout=subprocess.PIPE, stderr=slave, env={**os.environ, "TERM": "xterm"}, timeout=120)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    err = b"".join(chunks).decode()
    assert "docs/s" in err and "findings" in err
    assert "docs/s" not in proc.stdout.decode() and "\r" not in proc.stdout.decode()
    plain = subprocess.run([*lintnews_exe, "check", "c", "-j", "1", "--no-cache"], cwd=tmp_path,
                           capture_output=True, timeout=120)
    assert b"docs/s" not in plain.stderr


def test_unit_of_work_is_a_picklable_pure_function(articles, tmp_path, monkeypatch):
    """Another executor (a Dask worker, say) gets a pickled batch and job in a fresh process
    and must produce exactly what the local run produces."""
    import multiprocessing
    import pickle
    from pathlib import Path

    from lintnews import pipeline
    from lintnews.runner import Input, RunOptions

    monkeypatch.chdir(tmp_path)
    paths = [articles(f"p/a{i}.txt", DIRTY if i % 2 else CLEAN) for i in range(6)]
    batch = [Input(str(p.relative_to(tmp_path)), Path(p.relative_to(tmp_path))) for p in paths]
    batch.append(Input("record", None, text=DIRTY, record="r1", record_index=0, config_path=Path("c.jsonl")))
    job = pipeline.Job(str(tmp_path), RunOptions(), autoload=False)
    local = pipeline.lint_batch(pickle.loads(pickle.dumps(batch)), job)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        remote = pool.apply(pipeline.lint_batch, (batch, job))

    def view(results):
        return [(r.path, r.record, [(f.code, f.line, f.column, f.message, f.extra.get("snippet")) for f in r.findings])
                for r in results]

    assert view(remote) == view(local)
    assert [code for _, _, fs in view(local) for code, *_ in fs].count("H101") == 4


def test_dask_cluster_gives_the_same_results(cli, articles, tmp_path):
    distributed = __import__("pytest").importorskip("distributed")
    corpus(articles, 40)
    (tmp_path / "c.jsonl").write_text("".join(json.dumps({"id": f"r{i}", "text": DIRTY}) + "\n" for i in range(5)))
    local = cli("check", "c", "c.jsonl", "--output-format", "json", "-j", "1", "--no-cache")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = cli("check", "c", "c.jsonl", "--output-format", "json", "--no-cache",
                     "--dask-scheduler", cluster.scheduler_address)
    assert remote.code == local.code == 1, remote.err
    assert remote.out == local.out
    refused = cli("check", "c", "--fix", "--dask-scheduler", "tcp://127.0.0.1:9")
    assert refused.code == 2 and "--fix and --diff run locally" in refused.err
    unreachable = cli("check", "c", "--no-cache", "--dask-scheduler", "tcp://127.0.0.1:9",
                      env={"LINTNEWS_DASK_TIMEOUT": "2"})
    assert unreachable.code == 2 and "cannot reach the Dask scheduler" in unreachable.err
