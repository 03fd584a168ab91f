from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# Third-party plugins installed on the machine must not change what the tests see.
os.environ.setdefault("LINTNEWS_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture(scope="session")
def registry():
    from lintnews import plugins

    reg = plugins.load(autoload=False)
    assert not reg.errors, reg.errors
    return reg


@pytest.fixture(scope="session")
def lintnews_exe() -> list[str]:
    """The installed `lintnews` command (tests run it as a real subprocess)."""
    exe = shutil.which("lintnews")
    if exe is None:
        exe_dir = Path(sys.executable).parent
        candidate = exe_dir / "lintnews"
        if not candidate.exists():
            pytest.fail("the lintnews command is not installed: run `pip install -e '.[test]'`")
        exe = str(candidate)
    return [exe]


class CliResult:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout.decode("utf-8", "replace") if isinstance(proc.stdout, bytes) else proc.stdout
        self.err = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else proc.stderr
        self.raw_out = proc.stdout

    def __repr__(self) -> str:
        return f"<exit {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}>"


@pytest.fixture
def cli(lintnews_exe, tmp_path):
    """Run the installed lintnews as a subprocess, by default in a fresh temporary folder."""
    import subprocess

    def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None):
        full_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
        full_env.update(env or {})
        proc = subprocess.run(
            [*lintnews_exe, *args], cwd=cwd or tmp_path, input=stdin if stdin is not None else b"",
            capture_output=True, env=full_env, timeout=120,
        )
        return CliResult(proc)

    return run


CLEAN = """date 2024-05-14

The county council approved the new bus timetable on a split vote.

Services on the northern routes will run every twenty minutes.
"""

DIRTY = (
    "date 2024-05-14\n"
    "<!–\n"
    "\n"
    "The county council approved the new bus timetable on a split vote.   \n"
    "\n"
    "Services on the northern routes will run every twenty minutes.\n"
)


@pytest.fixture
def articles(tmp_path):
    def write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode("utf-8"))
        return path

    return write
