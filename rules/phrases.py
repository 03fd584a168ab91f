"""G101: tortured phrases, the wrong-synonym swaps of article spinners, from a lexicon."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lintnews.document import Document
from lintnews.rule import Finding, Fix, FixAvailability, Option, Rule, Severity
from lintnews_rules._data import DataError, check_entries, data_path, load_table

LEXICON = "tortured_phrases.toml"
DOMAINS = ("general", "politics", "economy", "courts", "crime", "war", "health", "weather", "sport",
           "business", "science", "technology")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
# The words after a candidate first word: joined only by spaces or hyphens, never punctuation.
_FOLLOW = re.compile(r"(?:(?:[ \t]+|[ \t]*[-‐‑–][ \t]*|[ \t]*\n[ \t]*)[A-Za-z]+(?:['’][A-Za-z]+)?){1,5}")
_SPLIT = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_NEXT = re.compile(r"(?:[ \t]+|[ \t]*[-‐‑–][ \t]*|[ \t]*\n[ \t]*)([A-Za-z]+(?:['’][A-Za-z]+)?)")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude inflection stem, applied alike to the lexicon and the text (memoised: news
    text repeats its words, so most calls are a dictionary hit)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith(("ies", "ied")):
        w = w[:-3] + "i"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 4 and w.endswith("es"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("y"):
        w = w[:-1] + "i"
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


def surface_forms(word: str) -> set[str]:
    """Inflected forms a first word can take in text (for the cheap prefilter)."""
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "'s", w + "’s"}
    if w.endswith("y"):
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w[:-1] + "ed"}
    if len(w) > 2 and w[-1] not in "aeiouwy" and w[-2] in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return forms


@dataclass(frozen=True, slots=True)
class Entry:
    spun: str
    expected: str
    stems: tuple[str, ...]


def _words(text: str) -> list[str]:
    return _SPLIT.findall(text)


def read_lexicon(path: Path | str, label: str | None = None) -> list[dict[str, Any]]:
    data = load_table(path, {"version": int, "domain": list}, label)
    entries: list[dict[str, Any]] = []
    where = label or str(path)
    for index, domain in enumerate(data.get("domain", []), 1):
        if not isinstance(domain, dict) or set(domain) - {"name", "entries", "note"}:
            raise DataError(f"{where}: domain {index}: expected `name` and `entries`")
        if domain.get("name") not in DOMAINS:
            raise DataError(f"{where}: domain {index}: name {domain.get('name')!r} is not one of {', '.join(DOMAINS)}")
        entries += check_entries(domain.get("entries"), {"spun", "expected"}, {"note"},
                                 f"{where}: domain {domain['name']!r}")
    return entries


def _check_extend(value: list) -> str | None:
    for item in value:
        if not (isinstance(item, dict) and set(item) <= {"spun", "expected", "note"} and {"spun", "expected"} <= set(item)):
            return "expected a list of tables like { spun = \"…\", expected = \"…\" }"
    return None


class TorturedPhrase(Rule):
    """A tortured phrase: a fixed expression whose words an article spinner or a bad machine
    translation swapped for wrong synonyms, such as "tear-jerking divorces" for "tearful
    goodbyes" or "counterfeit consciousness" for "artificial intelligence".

    Matching ignores case, hyphens and inflection ("Tear-Jerking Divorce" matches). The
    lexicon ships in `rules/data/tortured_phrases.toml`; quoted speech is checked too,
    because spinners rewrite quotes as well.

    ## Why
    Spun text is plagiarised or machine-mangled: its facts cannot be trusted, and it poisons
    search indexes and training data. One tortured phrase is strong evidence for the whole
    article.

    ## Example
    Fires:  `Stations became the scene of tear-jerking divorces.`
    Fires:  `The firm invests in counterfeit consciousness.`
    Quiet:  `Stations became the scene of tearful goodbyes.`
    Quiet:  `The couple's divorce was finalised in June.`

    ## Fix
    Unsafe: the phrase is replaced by the expected wording (keeping capitals and a plural
    ending). Review it: the spinner may have changed more than this phrase.
    """

    code = "G101"
    name = "tortured-phrase"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS
    options = {
        "extend-phrases": Option(list, [], "more entries: [{ spun = \"…\", expected = \"…\" }]", check=_check_extend),
        "ignore-phrases": Option(list, [], "spun phrases of the lexicon not to report",
                                 check=lambda v: None if all(isinstance(x, str) for x in v) else "a list of strings"),
        "lexicon": Option(str, "", "a TOML file of your own, used instead of the built-in lexicon "
                          "(same schema; relative to the config file)"),
    }

    def setup(self) -> None:
        source = self.settings["lexicon"]
        path = Path(source) if source else data_path(LEXICON)
        if not path.is_absolute():
            path = self.config_root / path
        self.lexicon_path = path
        entries = read_lexicon(path)
        ignored = {tuple(stem(w) for w in _words(p)) for p in self.settings["ignore-phrases"]}
        self.index: dict[str, list[Entry]] = {}
        self.first_forms: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()  # the first two stems of every phrase
        self.short: set[tuple[str, str]] = set()  # two-word phrases
        self.triples: set[tuple[str, str, str]] = set()  # the first three stems of longer ones
        for raw in [*entries, *self.settings["extend-phrases"]]:
            words = _words(raw["spun"])
            stems = tuple(stem(w) for w in words)
            if len(stems) < 2 or stems in ignored:
                continue
            self.index.setdefault(stems[0], []).append(Entry(raw["spun"], raw["expected"], stems))
            self.first_forms |= surface_forms(words[0])
            self.pairs.add(stems[:2])
            if len(stems) == 2:
                self.short.add(stems)
            else:
                self.triples.add(stems[:3])
        for candidates in self.index.values():
            candidates.sort(key=lambda e: -len(e.stems))  # the longest phrase wins

    def cache_token(self) -> Any:
        try:
            stat = self.lexicon_path.stat()
        except OSError:
            return str(self.lexicon_path)
        return [str(self.lexicon_path), stat.st_mtime_ns, stat.st_size]

    def _may_match(self, lower: str, start: int) -> bool:
        """A cheap pass over plain word strings: is any phrase's first pair of words here?"""
        forms, pairs, short, triples = self.first_forms, self.pairs, self.short, self.triples
        tokens = _WORD.findall(lower, start)
        last = len(tokens) - 1
        for i, token in enumerate(tokens[:-1]):
            if token not in forms:
                continue
            pair = (stem(token), stem(tokens[i + 1]))
            if pair not in pairs:
                continue
            if pair in short or (i + 1 < last and (*pair, stem(tokens[i + 2])) in triples):
                return True  # ("over the" starts phrases but is everywhere: its third word decides)
        return False

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        lower = text.lower()
        if not self._may_match(lower, doc.body_start):
            return
        forms = self.first_forms
        index = self.index
        pairs = self.pairs
        pos = doc.body_start
        for m in _WORD.finditer(lower, pos):
            if m.start() < pos or m.group() not in forms:
                continue
            first = stem(m.group())
            candidates = index.get(first)
            if not candidates:
                continue
            second = _NEXT.match(lower, m.end())
            if second is None or (first, stem(second.group(1))) not in pairs:
                continue
            follow = _FOLLOW.match(text, m.end())
            if follow is None:
                continue
            spans = [(m.start(), m.end())] + [(m.end() + f.start(), m.end() + f.end())
                                              for f in _SPLIT.finditer(follow.group())]
            stems = [stem(text[a:b]) for a, b in spans]
            for entry in candidates:
                n = len(entry.stems)
                if tuple(stems[:n]) == entry.stems:
                    start, end = spans[0][0], spans[n - 1][1]
                    found = text[start:end]
                    wanted = _inflect_like(entry.expected, found, entry.spun)
                    yield self.finding(
                        start, end,
                        f"tortured phrase `{' '.join(found.split())}`: likely a spun `{wanted}`; the fix writes it",
                        Fix.replace(start, end, wanted, f"write `{wanted}`", safe=False),
                    )
                    pos = end
                    break


def _inflect_like(expected: str, found: str, spun: str) -> str:
    """Carry the found phrase's plural ending and capitals over to the expected wording."""
    words = expected.split()
    last_found = _words(found)[-1].lower()
    last_spun = _words(spun)[-1].lower()
    if last_found.endswith("s") and not last_spun.endswith("s") and not words[-1].endswith("s"):
        last = words[-1]
        if last.endswith(("s", "x", "z", "ch", "sh")):
            words[-1] = last + "es"
        elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
            words[-1] = last[:-1] + "ies"
        else:
            words[-1] = last + "s"
    result = " ".join(words)
    if found.isupper() and len(found) > 3:
        return result.upper()
    if found[:1].isupper():
        if all(w[:1].isupper() for w in _words(found)):
            return " ".join(w[:1].upper() + w[1:] for w in result.split())
        return result[:1].upper() + result[1:]
    return result


RULES = (TorturedPhrase,)
