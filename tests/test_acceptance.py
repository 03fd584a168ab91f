"""The shared seed acceptance check and the labelled corpus targets, as tests: once a
finding is caught it stays caught, and precision does not slip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "acceptance"


@pytest.mark.skipif(not (SEED / "seed.toml").exists(), reason="the shared/ folder is not beside the repository")
def test_seed_acceptance(lintnews_exe):
    proc = subprocess.run([sys.executable, str(SEED / "check_expected.py"), str(SEED / "seed.toml"),
                           "--lintnews", lintnews_exe[0], "--min-recall", "1.0"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "recall 19/19 (100%), false positives 0 of 12 clean lines"


def test_labelled_corpus_meets_its_targets():
    from lintnews.evaluate import evaluate, format_table

    report = evaluate(ROOT / "fixtures" / "labelled")
    table = format_table(report)
    assert report.articles >= 80
    assert not report.noisy_clean, table
    weak = {code: (round(s.precision, 2), round(s.recall, 2)) for code, s in report.scores.items()
            if s.precision < 0.95 or s.recall < 0.90}
    assert not weak, f"rules below precision 0.95 / recall 0.90: {weak}\n{table}"


def test_evaluate_command_reports_disagreements(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-01-02\n<!–\n\nThe mayor spoke yesterday.\n")
    (tmp_path / "a.toml").write_text('kind = "dirty"\nfindings = [{ line = 2, code = "H101" }, { line = 4, code = "W101" }]\n')
    proc = subprocess.run([sys.executable, "-m", "lintnews.evaluate", str(tmp_path)], capture_output=True, text=True)
    lines = proc.stdout.splitlines()
    assert "a.txt:4: false positive D105: relative date `yesterday`; by the header date 2024-01-02 it means 2024-01-01" in lines
    assert "a.txt:4: missed W101" in lines
    assert any(line.startswith("H101") and line.split()[-2:] == ["1.00", "1.00"] for line in lines)
    assert proc.returncode == 0
    bad = subprocess.run([sys.executable, "-m", "lintnews.evaluate", str(tmp_path), "--min-recall", "0.9"],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    (tmp_path / "a.toml").write_text('kind = "dirty"\nfindings = [{ line = 2, code = "H999" }]\n')
    broken = subprocess.run([sys.executable, "-m", "lintnews.evaluate", str(tmp_path)], capture_output=True, text=True)
    assert broken.returncode == 2 and "unknown rule code 'H999'" in broken.stderr
