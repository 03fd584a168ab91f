"""The built wheel, installed into a plain virtual environment, works on its own.

The development install is editable, and its import hooks map `lintnews_rules` to the
`rules/` folder of the checkout, so packaging mistakes (a module or data file missing from
the wheel, a top-level `rules` package leaking in) never show in the other tests. Here the
wheel is built from a copy of the working tree, checked file by file, and installed with its
dependencies (from PyPI) into a venv *without* system site-packages; the installed command is
then run from a directory outside the checkout.

Building from a copy keeps `build/` and `*.egg-info` out of the checkout, and keeps a stale
`build/lib` there from slipping deleted files into the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import lintnews

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 900  # seconds: building the wheel and installing dependencies use the network

pytestmark = pytest.mark.slow

DIRTY_ARTICLE = (
    "date 2024-05-14\n"
    "\n"
    "Volunteers planted four hundred oak saplings along the canal towpath.  \n"
    "<!\u2013\n"
    "\n"
    "The trust that looks after the canal hopes to double the number by autumn.\n"
)
FIXED_ARTICLE = (
    "date 2024-05-14\n"
    "\n"
    "Volunteers planted four hundred oak saplings along the canal towpath.\n"
    "\n"
    "The trust that looks after the canal hopes to double the number by autumn.\n"
)

_JUNK = {"__pycache__", ".DS_Store"}


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PIP_USER",
                        "PIP_TARGET", "PIP_PREFIX", "PIP_REQUIRE_VIRTUALENV")
           and not k.startswith("GIT_")}
    env["PYTHONNOUSERSITE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
         stdin: str | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env or _clean_env(),
                              capture_output=True, text=True, timeout=TIMEOUT,
                              input=stdin if stdin is not None else "")
    except subprocess.TimeoutExpired as err:
        pytest.fail(f"{cmd} did not finish in {TIMEOUT}s:\n{err.stdout or ''}{err.stderr or ''}")


def _ok(proc: subprocess.CompletedProcess, what: str) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, (f"{what} failed (exit {proc.returncode}):\n"
                                  f"--- stdout:\n{proc.stdout}\n--- stderr:\n{proc.stderr}")
    return proc


def _source_files(root: Path) -> list[str]:
    """Every file of the checkout that git does not ignore (tracked or not), relative paths."""
    if (root / ".git").exists() and shutil.which("git"):
        proc = _ok(_run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                        root), "git ls-files")
        return sorted({n for n in proc.stdout.split("\0") if n and (root / n).is_file()})
    skip = _JUNK | {".git", "build", "dist", ".venv", ".pytest_cache", ".mypy_cache", ".ruff_cache",
                    ".hypothesis", ".lintnews_cache"}
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and not any(part in skip or part.endswith(".egg-info")
                                             for part in p.relative_to(root).parts))


def _package_files(folder: Path, pattern: str) -> list[str]:
    """Files under folder matching pattern, as posix paths relative to it, without junk."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(pattern)
                  if p.is_file() and not (_JUNK & set(p.relative_to(folder).parts))
                  and not p.name.startswith("."))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("source")
    for name in _source_files(ROOT):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheelhouse")
    _ok(_run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, src], out),
        "pip wheel")
    wheels = list(out.glob("lintnews-*.whl"))
    assert len(wheels) == 1, f"expected one lintnews wheel in {out}, found {os.listdir(out)}"
    return wheels[0]


@pytest.fixture(scope="module")
def wheel_names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A plain venv (no system site-packages) with the wheel and its dependencies."""
    path = tmp_path_factory.mktemp("venv") / "env"
    _ok(_run([sys.executable, "-m", "venv", path], path.parent), "python -m venv")
    _ok(_run([_bin(path, "python"), "-m", "pip", "install", wheel], path.parent),
        "pip install of the wheel")
    return path


@pytest.fixture
def outside(tmp_path) -> Path:
    """A working directory away from the checkout, so nothing is imported from it."""
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    return cwd


def _bin(venv: Path, name: str) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return venv / scripts / f"{name}{suffix}"


# --- the wheel's contents --------------------------------------------------------------------


def test_wheel_has_every_module(wheel_names):
    for folder, package in ((ROOT / "lintnews", "lintnews"), (ROOT / "rules", "lintnews_rules")):
        modules = _package_files(folder, "*.py")
        assert modules, f"no modules found under {folder}"
        missing = [f"{package}/{m}" for m in modules if f"{package}/{m}" not in wheel_names]
        assert not missing, f"modules missing from the wheel: {missing}"
    assert "lintnews_rules/__init__.py" in wheel_names
    assert "lintnews/py.typed" in wheel_names, "the wheel lacks the py.typed marker"


def test_wheel_has_rule_data(wheel_names):
    data = _package_files(ROOT / "rules" / "data", "*")
    missing = [f"lintnews_rules/data/{d}" for d in data
               if f"lintnews_rules/data/{d}" not in wheel_names]
    assert not missing, (f"rules/data files missing from the wheel (see "
                         f"[tool.setuptools.package-data] in pyproject.toml): {missing}")


def test_wheel_has_no_top_level_rules_package(wheel_names):
    leaked = sorted(n for n in wheel_names if n.split("/", 1)[0] == "rules")
    assert not leaked, f"the wheel has a top-level `rules` package: {leaked}"
    tops = {n.split("/", 1)[0] for n in wheel_names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert tops == {"lintnews", "lintnews_rules"}, f"unexpected top-level names in the wheel: {tops}"


def test_wheel_metadata(wheel_names, wheel):
    with zipfile.ZipFile(wheel) as zf:
        entry_points = next((zf.read(n).decode() for n in wheel_names
                             if n.endswith(".dist-info/entry_points.txt")), "")
        metadata = next(zf.read(n).decode() for n in wheel_names if n.endswith(".dist-info/METADATA"))
    assert "lintnews = lintnews.cli:main" in entry_points, entry_points
    assert f"Version: {lintnews.__version__}\n" in metadata, metadata[:500]
    for dep in ("regex", "pluggy"):
        assert f"Requires-Dist: {dep}" in metadata, f"{dep} is not a dependency:\n{metadata[:1500]}"


# --- the installed command -------------------------------------------------------------------


def test_installed_modules_come_from_the_venv(venv, outside):
    proc = _ok(_run([_bin(venv, "python"), "-c",
                     "import sysconfig, lintnews, lintnews_rules; "
                     "print(sysconfig.get_paths()['purelib']); "
                     "print(lintnews.__file__); print(lintnews_rules.__file__)"], outside),
               "importing lintnews_rules in the venv")
    purelib, lintnews_file, rules_file = (Path(line).resolve() for line in proc.stdout.splitlines())
    assert purelib.is_relative_to(venv.resolve()), f"site-packages {purelib} is not in {venv}"
    for name, file in (("lintnews", lintnews_file), ("lintnews_rules", rules_file)):
        assert file.is_relative_to(purelib), f"{name} was imported from {file}, not from {purelib}"
        assert not file.is_relative_to(ROOT), f"{name} was imported from the checkout: {file}"


def test_installed_version(venv, outside):
    proc = _ok(_run([_bin(venv, "lintnews"), "--version"], outside), "lintnews --version")
    assert proc.stdout.strip() == f"lintnews {lintnews.__version__}", proc.stdout


def test_installed_command_lists_every_rule(venv, outside, registry):
    proc = _ok(_run([_bin(venv, "lintnews"), "rules", "--format", "json"], outside),
               "lintnews rules --format json")
    assert not proc.stderr.strip(), f"warnings while loading plugins:\n{proc.stderr}"
    listed = {row["code"] for row in json.loads(proc.stdout)}
    missing = sorted(set(registry.rules) - listed)
    assert not missing, f"rules the checkout has but the installed wheel lacks: {missing}"


def test_installed_command_checks_and_fixes(venv, outside):
    article = outside / "article.txt"
    article.write_bytes(DIRTY_ARTICLE.encode("utf-8"))
    exe = _bin(venv, "lintnews")
    check = _run([exe, "check", article.name], outside)
    assert check.returncode == 1, f"expected findings (exit 1):\n{check.stdout}{check.stderr}"
    assert "H101" in check.stdout, check.stdout
    _ok(_run([exe, "check", "--fix", article.name], outside), "lintnews check --fix")
    assert article.read_bytes() == FIXED_ARTICLE.encode("utf-8")
    _ok(_run([exe, "check", article.name], outside), "lintnews check of the fixed article")


def test_venv_does_not_see_the_checkout(venv):
    """Guard for the tests above: the venv must not fall back on the editable install."""
    cfg = (venv / "pyvenv.cfg").read_text(encoding="utf-8")
    assert "include-system-site-packages = false" in cfg, cfg
