"""Loading the rules' word and phrase lists (TOML files in ``data/``) with a strict schema.

Every list entry is a table whose keys are checked: an unknown or missing key is a
:class:`DataError` that names the file, the entry and the key. Files are parsed once per
process and cached.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


class DataError(ValueError):
    """A data file that breaks its schema; the message names the file and the key."""


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


@cache
def _parse(path: str) -> dict[str, Any]:
    cached = _compiled_copy(path)
    if cached is not None:
        try:
            with open(cached, "rb") as handle:
                return json.load(handle)  # type: ignore[no-any-return]
        except (OSError, ValueError):
            pass
    tomllib = _toml()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as err:
        raise DataError(f"{path}: cannot read: {err.strerror or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise DataError(f"{path}: invalid TOML: {err}") from None
    if cached is not None:
        _store(cached, data)
    return data


def _compiled_copy(path: str) -> Path | None:
    """Where a built-in data file's parsed form is kept, as Python keeps bytecode: in
    ``data/__pycache__``, named by the file's size and modification time. Parsing the
    TOML lexicon takes ~100 ms; loading its JSON copy a few. User files are never cached."""
    source = Path(path)
    if source.parent != DATA_DIR:
        return None
    try:
        stat = source.stat()
    except OSError:
        return None
    return DATA_DIR / "__pycache__" / f"{source.stem}.{stat.st_size}.{stat.st_mtime_ns}.json"


def _store(target: Path, data: dict[str, Any]) -> None:
    try:
        target.parent.mkdir(exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        pass  # a read-only install just parses the TOML every time


def data_path(name: str) -> Path:
    return DATA_DIR / name


def load_table(path: Path | str, top: dict[str, type], where: str | None = None) -> dict[str, Any]:
    """Parse a data file and check its top-level keys and their types."""
    data = _parse(str(path))
    label = where or str(path)
    for key, value in data.items():
        if key not in top:
            raise DataError(f"{label}: unknown key {key!r} (expected {', '.join(sorted(top))})")
        if not isinstance(value, top[key]):
            raise DataError(f"{label}: {key}: expected {top[key].__name__}")
    return data


def check_entries(
    entries: Any, required: set[str], optional: set[str], where: str, types: dict[str, type] | None = None
) -> list[dict[str, Any]]:
    """Validate a list of entry tables: required and optional keys, values of the right type."""
    if not isinstance(entries, list):
        raise DataError(f"{where}: expected a list of tables")
    types = types or {}
    checked = []
    for index, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise DataError(f"{where}: entry {index}: expected a table like {{ {', '.join(sorted(required))} = ... }}")
        unknown = set(entry) - required - optional
        if unknown:
            raise DataError(f"{where}: entry {index}: unknown key {sorted(unknown)[0]!r} "
                            f"(allowed: {', '.join(sorted(required | optional))})")
        missing = required - set(entry)
        if missing:
            raise DataError(f"{where}: entry {index}: missing key {sorted(missing)[0]!r}")
        for key, value in entry.items():
            if not isinstance(value, types.get(key, str)):
                raise DataError(f"{where}: entry {index}: {key}: expected {types.get(key, str).__name__}")
        checked.append(entry)
    return checked
