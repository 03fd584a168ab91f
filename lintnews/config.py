"""Configuration: where it is found, what keys it may have, and how selectors resolve.

Config lives in ``[tool.lintnews]`` of ``pyproject.toml``, in ``lintnews.toml`` or in
``.lintnews.toml``. For each file the nearest config above it wins; ``--config`` overrides
discovery. Every mistake is a :class:`ConfigError` that names the file and the key and,
where it can, suggests what was meant.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lintnews.rule import CODE_RE, Severity

if TYPE_CHECKING:
    from lintnews.plugins import Registry
    from lintnews.rule import Rule

CONFIG_NAMES = (".lintnews.toml", "lintnews.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt",)
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".lintnews_cache", "build", "dist",
    "site-packages",
)


class ConfigError(Exception):
    """A configuration or selection mistake; the message is shown to the user as is."""


@dataclass
class Settings:
    """One config file's settings (or the defaults, when ``path`` is None)."""

    root: Path
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    fail_on: str = "error"
    plugins: list[str] = field(default_factory=list)
    text_field: str = "text"
    id_field: str = "id"
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "the defaults"

    def key_name(self, key: str) -> str:
        if self.path is not None and self.path.name == "pyproject.toml":
            return f"tool.lintnews.{key}"
        return key

    def relative(self, path: Path) -> str:
        # abspath, not resolve: no file system calls on the per-file path of a big walk.
        absolute = os.path.abspath(path)
        root = self._root_prefix
        if absolute.startswith(root):
            return absolute[len(root):].replace(os.sep, "/")
        return path.as_posix()

    @property
    def _root_prefix(self) -> str:
        root = os.path.join(os.path.abspath(self.root), "")
        return root

    def is_excluded(self, path: Path) -> bool:
        return _matches(self.exclude + self.extend_exclude, self.relative(path), path.name)

    def is_included(self, path: Path) -> bool:
        return _matches(self.include, self.relative(path), path.name)

    def ignored_for(self, path: Path) -> list[str]:
        rel = self.relative(path)
        found: list[str] = []
        for pattern, selectors in self.per_file_ignores.items():
            if _matches([pattern], rel, path.name):
                found.extend(selectors)
        return found


def _matches(patterns: list[str], rel: str, name: str) -> bool:
    rx = _compiled(tuple(patterns))
    if rx.match(name) or rx.match(rel):
        return True
    return "/" in rel and any(rx.match(part) for part in rel.split("/")[:-1])


@lru_cache(maxsize=128)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression for a list of globs (they are matched once per file)."""
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("|".join(fnmatch.translate(p.rstrip("/")) for p in patterns))


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib


def read_toml(path: Path) -> dict[str, Any]:
    tomllib = _toml()
    try:
        data = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise ConfigError(f"{path}: cannot read config: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path}: config is not valid UTF-8 (byte offset {err.start})") from None
    try:
        return tomllib.loads(data)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None


def suggest(word: str, options: list[str] | tuple[str, ...]) -> str:
    candidates = list(options)
    normal = word.replace("_", "-").lower()
    if normal != word and normal in candidates:
        return f" (did you mean {normal!r}?)"
    close = difflib.get_close_matches(normal, candidates, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_STR_LIST_KEYS = {"ignore", "extend-select", "include", "exclude", "extend-exclude", "plugins", "select"}
VALID_KEYS = sorted(_STR_LIST_KEYS | {"per-file-ignores", "fail-on", "rules", "text-field", "id-field"})


def settings_from_table(table: dict[str, Any], path: Path) -> Settings:
    """Validate one ``[tool.lintnews]`` (or top-level lintnews.toml) table."""
    settings = Settings(root=path.parent, path=path)

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: {settings.key_name(key)}: {problem}")

    for key, value in table.items():
        if key not in VALID_KEYS:
            raise fail(key, "unknown key" + suggest(key, VALID_KEYS))
        if key in _STR_LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(key, "expected a list of strings, like [\"H\", \"D102\"]")
            setattr(settings, key.replace("-", "_"), list(value))
        elif key == "fail-on":
            if value not in ("error", "warning", "info"):
                raise fail(key, f"expected \"error\", \"warning\" or \"info\", got {value!r}")
            settings.fail_on = value
        elif key in ("text-field", "id-field"):
            if not isinstance(value, str) or not value:
                raise fail(key, "expected the name of a JSON field, like \"text\"")
            setattr(settings, key.replace("-", "_"), value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(s, str) for s in v) for v in value.values()
            ):
                raise fail(key, "expected a table of glob = [selectors], like {\"drafts/*\" = [\"D\"]}")
            settings.per_file_ignores = {k: list(v) for k, v in value.items()}
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise fail(key, "expected tables like [tool.lintnews.rules.D102]")
            settings.rules = {k: dict(v) for k, v in value.items()}
    return settings


def load_file(path: Path) -> Settings | None:
    """Settings from a config file; None for a pyproject.toml without [tool.lintnews]."""
    data = read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "lintnews" not in tool:
            return None
        table = tool["lintnews"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.lintnews: expected a table")
        return settings_from_table(table, path)
    return settings_from_table(data, path)


class ConfigFinder:
    """Finds the nearest config for each path, caching per directory."""

    def __init__(self, forced: Path | None = None, cwd: Path | None = None) -> None:
        self.cwd = Path(os.path.abspath(cwd or Path.cwd()))
        self.forced = load_file(forced) if forced else None
        if forced and self.forced is None:
            self.forced = Settings(root=forced.resolve().parent, path=forced)
        self._by_dir: dict[Path, Settings] = {}
        self.default = Settings(root=self.cwd)

    def for_path(self, path: Path) -> Settings:
        """The settings for a file or folder: the nearest config in its folder or above."""
        if self.forced is not None:
            return self.forced
        absolute = os.path.abspath(path)
        cached = self._by_dir.get(Path(absolute))  # a folder already seen
        if cached is not None:
            return cached
        directory = Path(absolute) if os.path.isdir(absolute) else Path(os.path.dirname(absolute))
        return self._for_dir(directory)

    def for_file(self, path: Path) -> Settings:
        """Like :meth:`for_path` for a path known to be a file: no file system calls when the
        folder was seen before."""
        if self.forced is not None:
            return self.forced
        return self._for_dir(Path(os.path.dirname(os.path.abspath(path))))

    def _for_dir(self, directory: Path) -> Settings:
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        found: Settings | None = None
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                found = load_file(candidate)
                if found is not None:
                    break
        if found is None:
            parent = directory.parent
            found = self.default if parent == directory else self._for_dir(parent)
        self._by_dir[directory] = found
        return found

    def all_settings(self) -> list[Settings]:
        seen: dict[int, Settings] = {}
        for s in [self.forced, self.default, *self._by_dir.values()]:
            if s is not None:
                seen.setdefault(id(s), s)
        return list(seen.values())


# -- selectors -------------------------------------------------------------------------------


def resolve_selectors(selectors: list[str], registry: Registry, where: str) -> set[str]:
    """Codes matched by selectors (codes, prefixes, names, ``ALL``); unknown ones are errors."""
    codes: set[str] = set()
    all_codes = list(registry.rules)
    for selector in selectors:
        matched = match_selector(selector, registry)
        if not matched:
            hint = suggest(selector, all_codes + list(registry.by_name)) if len(selector) > 2 else ""
            raise ConfigError(f"{where}: unknown rule selector {selector!r}{hint}")
        codes.update(matched)
    return codes


def match_selector(selector: str, registry: Registry) -> list[str]:
    s = selector.strip()
    if s.upper() == "ALL":
        return list(registry.rules)
    rule = registry.lookup(s)
    if rule is not None:
        return [rule.code]
    upper = s.upper()
    if 1 <= len(upper) <= 3 and upper[0].isalpha() and (len(upper) == 1 or upper[1:].isdigit()):
        return [code for code in registry.rules if code.startswith(upper)]
    return []


def rule_settings(settings: Settings, rule: type[Rule], registry: Registry) -> dict[str, Any]:
    """The options for one rule: tables matching it, the more specific ones last."""
    values: dict[str, Any] = {}
    matching = []
    for selector, table in settings.rules.items():
        if rule.code in match_selector(selector, registry):
            specificity = 0 if selector.upper() == "ALL" else (4 if registry.lookup(selector) else len(selector))
            matching.append((specificity, table))
    for _, table in sorted(matching, key=lambda item: item[0]):
        for key, value in table.items():
            if key == "severity" or key in rule.options:
                values[key] = value
    return values


def validate_rule_tables(settings: Settings, registry: Registry) -> None:
    """Check every ``rules.<selector>`` table against the options the rules declare."""
    for selector, table in settings.rules.items():
        where = f"{settings.where}: {settings.key_name('rules.' + selector)}"
        codes = match_selector(selector, registry)
        if not codes:
            hint = suggest(selector, list(registry.rules) + list(registry.by_name))
            raise ConfigError(f"{where}: no rule matches {selector!r}{hint}")
        rules = [registry.rules[c] for c in codes]
        known: dict[str, Any] = {}
        for rule in rules:
            known.update(rule.options)
        for key, value in table.items():
            if key == "severity":
                if value not in ("error", "warning", "info"):
                    raise ConfigError(f"{where}.severity: expected \"error\", \"warning\" or \"info\", got {value!r}")
                continue
            option = known.get(key)
            if option is None:
                names = sorted(known) + ["severity"]
                raise ConfigError(
                    f"{where}: unknown option {key!r}{suggest(key, names)}; "
                    f"options here: {', '.join(names)}"
                )
            problem = option.validate(value)
            if problem:
                raise ConfigError(f"{where}.{key}: {problem}")


def is_code(text: str) -> bool:
    return bool(CODE_RE.match(text))


def severity_threshold(value: str) -> Severity:
    return Severity.parse(value)
