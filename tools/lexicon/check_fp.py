"""False-positive check for the G101 tortured-phrase lexicon.

Loads ``rules/data/tortured_phrases.toml`` with tomllib, validates its shape (keys,
domains, duplicates, nested entries), then scans a body of ordinary English text that
ships with this machine and reports every ``spun`` phrase found there.  A spun phrase
that occurs in ordinary text is, by definition, something a writer could produce, so it
must not ship.

Both the lexicon and the text are normalised the same way: lowercase, hyphens as spaces,
possessive ``'s`` dropped, and a crude plural/-ed/-ing stripper on each word.  Text is cut
into segments at sentence punctuation, so a match never spans ``word. Word``.

Usage::

    python tools/lexicon/check_fp.py                  # scan, exit 1 on any hit
    python tools/lexicon/check_fp.py --cache /tmp/fp_corpus.txt   # reuse corpus
    python tools/lexicon/check_fp.py --hits-out /tmp/hits.txt     # one spun per line
"""
from __future__ import annotations

import argparse
import glob
import gzip
import io
import os
import re
import sys
import tokenize
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEXICON = ROOT / "rules" / "data" / "tortured_phrases.toml"
DOMAINS = (
    "general", "politics", "economy", "courts", "crime", "war", "health",
    "weather", "sport", "business", "science", "technology",
)
ENTRY_KEYS = {"spun", "expected", "note"}

# --------------------------------------------------------------------------- normalising
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SEGMENT_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”‘’<>|/\\=*#`~_+@$%^&]|\n\s*\n|\s'|'\s")
_stem_cache: dict[str, str] = {}
_CONS = set("bcdfghjklmnpqrstvwxz")


def stem(word: str) -> str:
    """Crude inflection stripper: plurals, -ed, -ing, possessive, trailing e."""
    hit = _stem_cache.get(word)
    if hit is not None:
        return hit
    w = word
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("es") and w[-3] in "sxz" or w.endswith(("ches", "shes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    stripped = False
    if len(w) > 5 and w.endswith("ing"):
        w, stripped = w[:-3], True
    elif len(w) > 4 and w.endswith("ed"):
        w, stripped = w[:-2], True
    if stripped and len(w) > 2 and w[-1] == w[-2] and w[-1] in _CONS:
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    _stem_cache[word] = w
    return w


def norm_tokens(text: str) -> list[str]:
    """Lowercase, hyphens as spaces, stemmed word tokens."""
    text = text.lower().replace("-", " ").replace("\u2019", "'")
    return [stem(t) for t in _WORD.findall(text)]


def norm_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(norm_tokens(phrase))


# --------------------------------------------------------------------------- corpus
STDLIB = "/root/.pyenv/versions/3.11.7/lib/python3.11"
_ROFF_ESC = re.compile(r"\\f[A-Z1-9PR]|\\f\([A-Z]{2}|\\\(..|\\[&|^e0-]|\\s[-+]?\d")


def _python_text(path: str) -> str:
    """Comments and string literals (docstrings) of one Python file."""
    try:
        with open(path, "rb") as fh:
            toks = tokenize.tokenize(fh.readline)
            parts = []
            for tok in toks:
                if tok.type == tokenize.COMMENT:
                    parts.append(tok.string.lstrip("#"))
                elif tok.type == tokenize.STRING:
                    parts.append(tok.string)
            return "\n\n".join(parts)
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError, IndentationError, OSError):
        return ""


def _read(path: str) -> str:
    try:
        if path.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except (OSError, EOFError, gzip.BadGzipFile):
        return ""
    if b"\0" in data[:4096]:
        return ""
    return data.decode("utf-8", "replace")


def _roff(text: str) -> str:
    out = []
    for line in text.splitlines():
        if line.startswith(('.\\"', "'\\\"")):
            continue
        if line.startswith("."):
            parts = line.split(None, 1)
            line = parts[1] if len(parts) > 1 else ""
            if not line:
                out.append("")  # a bare macro breaks the paragraph
                continue
        out.append(_ROFF_ESC.sub(" ", line))
    return "\n".join(out)


def corpus_sources():
    """(label, iterator of paths, reader) for every offline text source."""
    site = f"{STDLIB}/site-packages"
    py = (p for p in glob.iglob(f"{STDLIB}/**/*.py", recursive=True) if not p.startswith(site))
    yield "python stdlib comments+docstrings", py, _python_text
    yield "common-licenses", glob.iglob("/usr/share/common-licenses/*"), _read
    yield "/usr/share/doc copyright", glob.iglob("/usr/share/doc/**/copyright", recursive=True), _read
    docs = (
        p for p in glob.iglob("/usr/share/doc/**/*", recursive=True)
        if os.path.isfile(p) and not p.endswith("copyright")
        and re.search(r"(\.(txt|md|rst|gz)$|/[A-Z][A-Za-z_.-]*$)", p)
        and not re.search(r"\.(png|gif|jpg|html?\.gz)$", p)
    )
    yield "/usr/share/doc text (README, NEWS, changelogs)", docs, _read
    man = (p for p in glob.iglob("/usr/share/man/man*/*") if os.path.isfile(p))
    yield "man pages (English)", man, lambda p: _roff(_read(p))
    yield "info manuals", glob.iglob("/usr/share/info/*.gz"), _read
    sp = (
        p for ext in ("txt", "md", "rst")
        for p in glob.iglob(f"{site}/**/*.{ext}", recursive=True)
    )
    yield "site-packages .txt/.md/.rst", sp, _read
    yield "vim help", glob.iglob("/usr/share/vim/vim*/doc/*.txt"), _read
    yield "perl pod", glob.iglob("/usr/share/perl/**/*.pod", recursive=True), _read
    fort = (
        p for p in glob.iglob("/usr/share/games/fortunes/*")
        if not p.endswith((".dat", ".u8")) and os.path.isfile(p)
    )
    yield "fortunes (if installed)", fort, _read


def iter_segments(text: str):
    for seg in _SEGMENT_BREAK.split(text):
        toks = norm_tokens(seg)
        if len(toks) >= 2:
            yield toks


def build_corpus(cache: str | None, verbose: bool = True):
    """Yield token segments; write/read a cache of normalised segments when asked."""
    if cache and os.path.exists(cache):
        with open(cache, encoding="utf-8") as fh:
            for line in fh:
                yield line.split()
        return
    out = open(cache, "w", encoding="utf-8") if cache else None
    stats = []
    for label, paths, reader in corpus_sources():
        nfiles = ntoks = 0
        for path in paths:
            text = reader(path)
            if not text:
                continue
            nfiles += 1
            for toks in iter_segments(text):
                ntoks += len(toks)
                if out:
                    out.write(" ".join(toks) + "\n")
                yield toks
        stats.append((label, nfiles, ntoks))
    if out:
        out.close()
    if verbose:
        for label, nfiles, ntoks in stats:
            print(f"  corpus: {label:48s} {nfiles:6d} files {ntoks:11,d} words", file=sys.stderr)


# --------------------------------------------------------------------------- lexicon
def load_lexicon(path: Path):
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    errors = []
    if set(data) - {"version", "domain"}:
        errors.append(f"unknown top-level keys: {sorted(set(data) - {'version', 'domain'})}")
    if data.get("version") != 1:
        errors.append("version must be 1")
    entries = []
    seen_domains = set()
    for dom in data.get("domain", []):
        if set(dom) - {"name", "entries"}:
            errors.append(f"unknown domain keys: {sorted(set(dom) - {'name', 'entries'})}")
        name = dom.get("name")
        if name not in DOMAINS:
            errors.append(f"bad domain name {name!r}")
        if name in seen_domains:
            errors.append(f"domain {name!r} appears twice")
        seen_domains.add(name)
        spuns = [e.get("spun", "") for e in dom.get("entries", [])]
        if spuns != sorted(spuns):
            errors.append(f"domain {name!r} is not sorted by spun")
        for e in dom.get("entries", []):
            if set(e) - ENTRY_KEYS or not {"spun", "expected"} <= set(e):
                errors.append(f"bad entry keys {sorted(e)} in {name}")
                continue
            entries.append((name, e))
    return entries, errors


def validate(entries):
    errors = []
    by_norm: dict[tuple, list[str]] = defaultdict(list)
    for _, e in entries:
        spun, exp = e["spun"], e["expected"]
        if spun != spun.lower() or exp != exp.lower():
            errors.append(f"not lowercase: {spun!r} -> {exp!r}")
        if not re.fullmatch(r"[a-z'’ -]+", spun):
            errors.append(f"{spun!r}: only letters, spaces, hyphens and apostrophes "
                          "(the G101 matcher's words are letters only)")
        if spun.strip() != spun or "  " in spun:
            errors.append(f"stray whitespace: {spun!r}")
        n = len(spun.replace("-", " ").split())
        if not 2 <= n <= 5:
            errors.append(f"{spun!r}: {n} words (need 2-5)")
        if norm_phrase(spun) == norm_phrase(exp):
            errors.append(f"spun equals expected: {spun!r}")
        by_norm[norm_phrase(spun)].append(spun)
    for key, spuns in by_norm.items():
        if len(spuns) > 1:
            errors.append(f"duplicate spun (after normalising): {spuns}")
    keys = set(by_norm)
    for key in keys:
        for n in range(2, len(key)):
            for i in range(len(key) - n + 1):
                sub = key[i:i + n]
                if sub in keys:
                    errors.append(f"{by_norm[key][0]!r} contains {by_norm[sub][0]!r}")
    return errors


def scan(phrases: set[tuple[str, ...]], segments):
    first = defaultdict(set)
    for p in phrases:
        first[p[0]].add(len(p))
    hits: Counter = Counter()
    examples: dict[tuple, str] = {}
    nwords = 0
    for toks in segments:
        nwords += len(toks)
        for i, tok in enumerate(toks):
            lens = first.get(tok)
            if not lens:
                continue
            for n in lens:
                cand = tuple(toks[i:i + n])
                if cand in phrases:
                    hits[cand] += 1
                    if cand not in examples:
                        examples[cand] = " ".join(toks[max(0, i - 6):i + n + 6])
    return hits, examples, nwords


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lexicon", default=str(LEXICON))
    ap.add_argument("--cache", help="file of normalised corpus segments (built on first use)")
    ap.add_argument("--hits-out", help="write each hit spun phrase to this file")
    ap.add_argument("--phrases", help="check a plain list (one phrase per line) instead")
    args = ap.parse_args(argv)

    if args.phrases:
        raw = [l.strip() for l in open(args.phrases, encoding="utf-8") if l.strip()]
        errors = []
        by_key = {norm_phrase(p): p for p in raw}
        nentries = len(raw)
    else:
        entries, errors = load_lexicon(Path(args.lexicon))
        errors += validate(entries)
        by_key = {norm_phrase(e["spun"]): e["spun"] for _, e in entries}
        nentries = len(entries)
        counts = Counter(d for d, _ in entries)
        print(f"lexicon: {nentries} entries; " + ", ".join(f"{d} {counts[d]}" for d in DOMAINS))
    for err in errors:
        print("ERROR:", err)

    hits, examples, nwords = scan(set(by_key), build_corpus(args.cache))
    print(f"scanned {nwords:,} words of ordinary text")
    for key, n in hits.most_common():
        print(f"HIT {n:5d}  {by_key[key]!r:40s} … {examples[key]}")
    if args.hits_out:
        with open(args.hits_out, "w", encoding="utf-8") as fh:
            for key in hits:
                fh.write(by_key[key] + "\n")
    print(f"{len(hits)} spun phrases found in ordinary text, {len(errors)} validation errors")
    return 1 if hits or errors else 0


if __name__ == "__main__":
    sys.exit(main())
