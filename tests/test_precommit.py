"""The pre-commit hooks in .pre-commit-hooks.yaml, run by the real `pre-commit` program.

Each hook is tried with `pre-commit try-repo` against a snapshot of this repository's
working tree, on articles committed to a throwaway git repository, exactly as a user would.

Why a snapshot instead of the checkout itself: `try-repo` on a repository with uncommitted
changes builds a shadow clone from HEAD plus *tracked* modifications only, so a file not yet
committed (a new rule module, or .pre-commit-hooks.yaml itself) would silently be missing.
The snapshot is a fresh git repository holding every file of the working tree that git does
not ignore: what a commit of the current state would contain. Nothing in the checkout is
changed (only `git ls-files` is run there).

Note on caching: `try-repo` always installs the hook environment into a store of its own in a
temporary directory (pre-commit's try_repo uses `Store(tempdir)`), so PRE_COMMIT_HOME does not
make it reuse an environment; each `try-repo` call pip-installs lintnews afresh (a few seconds
with PyPI reachable). PRE_COMMIT_HOME is still pointed at a module-wide temporary directory so
nothing touches the user's cache, and the `pre-commit run` test below does use (and fill) it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 900  # seconds for one pre-commit call: it may pip-install the hook environment

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None,
                       reason="pre-commit is not installed: pip install -e '.[test]'"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

CLEAN_ARTICLE = (
    "date 2024-05-14\n"
    "\n"
    "The river council voted to rebuild the old stone footbridge near the mill, which has\n"
    "been closed to walkers since floodwater cracked two of its arches in the spring.\n"
    "\n"
    "Engineers expect the work to take about eight months. A temporary ferry will carry\n"
    "pedestrians across the water while the crossing is shut, the council said.\n"
)

# Comment debris (`<!` and an en dash) on a line of its own, plus trailing spaces and a tab.
DIRTY_ARTICLE = (
    "date 2024-05-14\n"
    "\n"
    "The river council voted to rebuild the old stone footbridge near the mill.   \n"
    "<!\u2013\n"
    "\n"
    "Engineers expect the work to take about eight months, the council said. \t\n"
)

# What `lintnews check --fix` makes of DIRTY_ARTICLE: the debris line is removed and the
# trailing whitespace deleted; everything else is left byte for byte.
FIXED_ARTICLE = (
    "date 2024-05-14\n"
    "\n"
    "The river council voted to rebuild the old stone footbridge near the mill.\n"
    "\n"
    "Engineers expect the work to take about eight months, the council said.\n"
)


def _git_env(base: dict[str, str]) -> dict[str, str]:
    """The environment minus anything that would point git at another repository or config
    (as when the tests themselves run inside a git hook)."""
    env = {k: v for k, v in base.items() if not k.startswith("GIT_")}
    env["GIT_CONFIG_GLOBAL"] = os.devnull
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def _git(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, f"git {' '.join(args)} failed in {cwd}:\n{proc.stdout}{proc.stderr}"
    return proc.stdout


def _init_repo(path: Path, env: dict[str, str]) -> None:
    path.mkdir(parents=True, exist_ok=True)
    _git(["init", "-q"], path, env)
    _git(["config", "user.name", "lintnews tests"], path, env)
    _git(["config", "user.email", "tests@lintnews.invalid"], path, env)
    _git(["config", "commit.gpgsign", "false"], path, env)
    _git(["config", "core.autocrlf", "false"], path, env)


def _working_tree_files(root: Path, env: dict[str, str]) -> list[str]:
    """Every file of the checkout that git does not ignore (tracked or not), relative paths."""
    if (root / ".git").exists():
        out = _git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root, env)
        return sorted({name for name in out.split("\0") if name and (root / name).is_file()})
    skip = {".git", "__pycache__", "build", "dist", ".venv", ".pytest_cache", ".mypy_cache",
            ".ruff_cache", ".hypothesis", ".lintnews_cache"}
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*")
        if p.is_file() and not any(part in skip or part.endswith(".egg-info")
                                   for part in p.relative_to(root).parts)
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    env = _git_env(dict(os.environ))
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env["PRE_COMMIT_COLOR"] = "never"
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    env.pop("PRE_COMMIT_ALLOW_NO_CONFIG", None)
    env.pop("SKIP", None)  # a user's SKIP=lintnews would make every hook "Skipped"
    return env


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """A committed snapshot of the working tree; returns (path, commit)."""
    snap = tmp_path_factory.mktemp("hook-repo")
    for name in _working_tree_files(ROOT, env):
        dest = snap / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest)
    assert (snap / ".pre-commit-hooks.yaml").is_file(), "the snapshot has no .pre-commit-hooks.yaml"
    _init_repo(snap, env)
    _git(["add", "-A"], snap, env)
    _git(["commit", "-q", "-m", "snapshot of the lintnews working tree"], snap, env)
    return snap, _git(["rev-parse", "HEAD"], snap, env).strip()


@pytest.fixture
def articles(tmp_path, env) -> Path:
    """A git repository holding a clean and a dirty article, both staged."""
    repo = tmp_path / "articles"
    _init_repo(repo, env)
    (repo / "clean.txt").write_bytes(CLEAN_ARTICLE.encode("utf-8"))
    (repo / "dirty.txt").write_bytes(DIRTY_ARTICLE.encode("utf-8"))
    _git(["add", "clean.txt", "dirty.txt"], repo, env)
    return repo


def _pre_commit(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as err:
        pytest.fail(f"pre-commit {' '.join(args)} did not finish in {TIMEOUT}s:\n"
                    f"{err.stdout or ''}{err.stderr or ''}")


def _try_repo(hook_repo: tuple[Path, str], hook: str, file: str, cwd: Path,
              env: dict[str, str]) -> subprocess.CompletedProcess:
    return _pre_commit(["try-repo", str(hook_repo[0]), hook, "--color", "never",
                        "--verbose", "--files", file], cwd, env)


def _show(proc: subprocess.CompletedProcess) -> str:
    return (f"\n--- pre-commit exit code {proc.returncode}; stdout:\n{proc.stdout}"
            f"\n--- stderr:\n{proc.stderr}")


def test_manifest_is_valid(env):
    proc = _pre_commit(["validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], ROOT, env)
    assert proc.returncode == 0, "pre-commit rejects .pre-commit-hooks.yaml" + _show(proc)


def test_check_hook_fails_on_dirty_article(hook_repo, articles, env):
    proc = _try_repo(hook_repo, "lintnews", "dirty.txt", articles, env)
    assert proc.returncode != 0, "the lintnews hook passed an article with comment debris" + _show(proc)
    assert "Failed" in proc.stdout, "pre-commit did not report the hook as failed" + _show(proc)
    assert "H101" in proc.stdout, "the hook's output does not name the comment-debris rule" + _show(proc)
    assert "W101" in proc.stdout, "the hook's output does not name trailing whitespace" + _show(proc)
    assert (articles / "dirty.txt").read_bytes() == DIRTY_ARTICLE.encode("utf-8"), \
        "the check-only hook changed the file" + _show(proc)


def test_check_hook_passes_clean_article(hook_repo, articles, env):
    proc = _try_repo(hook_repo, "lintnews", "clean.txt", articles, env)
    assert proc.returncode == 0, "the lintnews hook failed a clean article" + _show(proc)
    assert "Passed" in proc.stdout, "pre-commit did not report the hook as passed" + _show(proc)
    assert (articles / "clean.txt").read_bytes() == CLEAN_ARTICLE.encode("utf-8")


def test_fix_hook_rewrites_dirty_article(hook_repo, articles, env):
    proc = _try_repo(hook_repo, "lintnews-fix", "dirty.txt", articles, env)
    fixed = (articles / "dirty.txt").read_bytes()
    assert fixed == FIXED_ARTICLE.encode("utf-8"), (
        f"the fix hook left {fixed!r}, expected {FIXED_ARTICLE.encode('utf-8')!r}" + _show(proc))
    # pre-commit fails any hook that modifies files, so the user re-stages and commits again.
    assert proc.returncode != 0, "pre-commit did not fail a hook that modified a file" + _show(proc)
    assert "files were modified by this hook" in proc.stdout, _show(proc)

    # The fixed article is now clean for the check-only hook, and the fix hook leaves it alone.
    _git(["add", "dirty.txt"], articles, env)
    again = _try_repo(hook_repo, "lintnews", "dirty.txt", articles, env)
    assert again.returncode == 0, "the check hook still fails the fixed article" + _show(again)


def test_fix_hook_leaves_clean_article_alone(hook_repo, articles, env):
    proc = _try_repo(hook_repo, "lintnews-fix", "clean.txt", articles, env)
    assert proc.returncode == 0, "the fix hook failed a clean article" + _show(proc)
    assert (articles / "clean.txt").read_bytes() == CLEAN_ARTICLE.encode("utf-8"), _show(proc)


def test_files_can_be_overridden_in_config(hook_repo, tmp_path, env):
    """A project's .pre-commit-config.yaml replaces the hook's `files` pattern: here the
    articles are *.article files, and *.txt files are left alone. This goes through
    `pre-commit run`, which installs into (and caches in) PRE_COMMIT_HOME."""
    repo = tmp_path / "override"
    _init_repo(repo, env)
    (repo / "story.article").write_bytes(DIRTY_ARTICLE.encode("utf-8"))
    (repo / "notes.txt").write_bytes(DIRTY_ARTICLE.encode("utf-8"))
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"-   repo: {hook_repo[0].as_posix()}\n"
        f"    rev: {hook_repo[1]}\n"
        "    hooks:\n"
        "    -   id: lintnews\n"
        "        files: \\.article$\n",
        encoding="utf-8",
    )
    _git(["add", "-A"], repo, env)
    proc = _pre_commit(["run", "lintnews", "--color", "never", "--verbose",
                        "--files", "story.article", "notes.txt"], repo, env)
    assert proc.returncode != 0, "the hook passed a dirty *.article file" + _show(proc)
    assert "story.article" in proc.stdout, "the hook did not lint the *.article file" + _show(proc)
    assert "notes.txt" not in proc.stdout, "the hook linted a *.txt file despite `files`" + _show(proc)
    assert any(Path(env["PRE_COMMIT_HOME"]).iterdir()), \
        "pre-commit run did not use PRE_COMMIT_HOME" + _show(proc)
