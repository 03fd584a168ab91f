"""The on-disk result cache: per-document findings keyed by content and configuration.

One SQLite database in the cache folder (default ``.lintnews_cache/``). A key is a hash of
the document's content plus a fingerprint of everything that can change its findings: the
selected rules and their options, the lintnews version and the loaded plugins' versions.
SQLite's locking keeps concurrent runs safe; a corrupt database is discarded and rebuilt.
Entries not used for ``MAX_AGE_DAYS`` are pruned, and the table is capped at ``MAX_ENTRIES``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from lintnews.rule import Applicability, Edit, Finding, Fix, Severity

DEFAULT_DIR = ".lintnews_cache"
DB_NAME = "results.sqlite3"
MAX_AGE_DAYS = 14
MAX_ENTRIES = 2_000_000
SCHEMA = 1


def content_key(fingerprint: str, content: bytes) -> str:
    h = hashlib.blake2b(content, digest_size=20, key=fingerprint.encode()[:64])
    return h.hexdigest()


def fingerprint(parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _finding_to_json(f: Finding) -> list[Any]:
    fix = None
    if f.fix is not None:
        fix = [f.fix.message, f.fix.applicability.value, [[e.start, e.end, e.content] for e in f.fix.edits]]
    return [f.code, f.name, int(f.severity), f.message, f.start, f.end, f.line, f.column,
            f.end_line, f.end_column, fix, f.extra.get("edits"), f.extra.get("snippet")]


def _finding_from_json(item: list[Any], path: str) -> Finding:
    code, name, sev, message, start, end, line, col, eline, ecol, fix, edits, snippet = item
    fix_obj = None
    if fix is not None:
        fix_obj = Fix(tuple(Edit(s, e, c) for s, e, c in fix[2]), fix[0], Applicability(fix[1]))
    f = Finding(code, name, Severity(sev), message, start, end, fix_obj, path, line, col, eline, ecol)
    if edits is not None:
        f.extra["edits"] = [tuple(e) for e in edits]
    if snippet is not None:
        f.extra["snippet"] = snippet
    return f


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self.hits = self.misses = 0
        self._pending: list[tuple[str, bytes, int]] = []
        self._touched: list[str] = []
        self._db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            gitignore = self.folder / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Created by lintnews: the cache is not for version control.\n*\n")
            return self._connect()
        except sqlite3.DatabaseError:
            for suffix in ("", "-wal", "-shm"):  # corrupt: start afresh
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            try:
                return self._connect()
            except (sqlite3.Error, OSError):
                return None
        except (sqlite3.Error, OSError):
            return None  # an unusable cache folder means no cache, not a failed run

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, payload BLOB NOT NULL, "
                   "used INTEGER NOT NULL)")
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        elif row[0] != str(SCHEMA):
            db.execute("DELETE FROM results")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        db.execute("SELECT count(*) FROM results LIMIT 1").fetchone()  # fails now if the file is corrupt
        return db

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def get(self, key: str, path: str) -> tuple[list[Finding], dict[int, str], str | None] | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT payload FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            self.misses += 1
            return None
        try:
            data = json.loads(row[0])
            findings = [_finding_from_json(item, path) for item in data["f"]]
            lines = {int(k): v for k, v in data["l"].items()}
        except (ValueError, KeyError, TypeError):
            self.misses += 1
            return None  # a damaged entry: lint again and overwrite it
        self.hits += 1
        self._touched.append(key)
        return findings, lines, data.get("n")

    def put(self, key: str, findings: list[Finding], lines: dict[int, str], note: str | None) -> None:
        if self._db is None:
            return
        payload = json.dumps({"f": [_finding_to_json(f) for f in findings], "l": lines, "n": note},
                             ensure_ascii=False, separators=(",", ":")).encode()
        self._pending.append((key, payload, _today()))
        if len(self._pending) >= 2000:
            self.flush()

    def flush(self) -> None:
        if self._db is None:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            if self._pending:
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", self._pending)
            if self._touched:
                today = _today()
                self._db.executemany("UPDATE results SET used = ? WHERE key = ? AND used < ?",
                                     [(today, k, today) for k in self._touched])
            self._db.execute("COMMIT")
        except sqlite3.Error:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        self._pending.clear()
        self._touched.clear()

    def close(self) -> None:
        if self._db is None:
            return
        self.flush()
        try:
            self._db.execute("DELETE FROM results WHERE used < ?", (_today() - MAX_AGE_DAYS,))
            count = self._db.execute("SELECT count(*) FROM results").fetchone()[0]
            if count > MAX_ENTRIES:
                self._db.execute("DELETE FROM results WHERE key IN (SELECT key FROM results "
                                 "ORDER BY used LIMIT ?)", (count - MAX_ENTRIES,))
        except sqlite3.Error:
            pass
        self._db.close()
        self._db = None


def _today() -> int:
    return int(time.time() // 86400)


def clean(folder: Path) -> bool:
    """Delete the cache folder; True if there was one."""
    import shutil

    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True
