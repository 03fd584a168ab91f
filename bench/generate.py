"""Generate a deterministic synthetic corpus that looks like scraped news, for the benchmark.

    python bench/generate.py --count 10000 --seed 7 --format dir --out /tmp/corpus
    python bench/generate.py --count 10000 --seed 7 --format jsonl --out /tmp/corpus.jsonl

Each article is a ``date YYYY-MM-DD`` header, a blank line and 2-6 KB of paragraphs
separated by one blank line, ending in a newline: reporting sentences, quotes with named and
pronoun attributions, numbers and places. About 60% of the articles carry one to four
injected defects of the kinds lintnews knows (markup debris, broken headers and dates,
whitespace, spun and garbled text, quote problems, boilerplate). Article ``i`` depends only
on the seed and ``i``, so a corpus of 10,000 is the first 10,000 articles of one of 100,000,
and the same seed gives byte-identical output (given the same phrase list in
``rules/data/tortured_phrases.toml``, which supplies the spun phrases).

A directory corpus is sharded into folders of 1,000 files; a JSONL record holds ``id``,
``url``, ``source``, ``defects`` (the injected rule codes) and ``text``.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import multiprocessing
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocab as V  # noqa: E402  (bench/ is not a package)

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

PHRASES = Path(__file__).resolve().parent.parent / "rules" / "data" / "tortured_phrases.toml"
DEFECT_SHARE = 0.6
SHARD = 1000
T = TypeVar("T")
R = TypeVar("R")


@functools.cache
def spun_phrases(path: Path = PHRASES) -> tuple[str, ...]:
    """The spun phrases of the G101 lexicon, in file order."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return tuple(e["spun"] for d in data.get("domain", []) for e in d.get("entries", []))


class Slots(dict):  # type: ignore[type-arg]
    """Template slots filled on first use, so a template pays only for the fields it names.

    Draws use ``random()`` scaled by hand: several times cheaper than ``choice``/``randint``,
    and just as deterministic.
    """

    def __init__(self, rng: random.Random, year: int) -> None:
        super().__init__()
        self.rnd = rng.random
        self.year = year  # the article's year: "year" is before it, "year2" after it

    def __missing__(self, key: str) -> str:
        rnd = self.rnd
        if key == "n":
            value = f"{120 + int(rnd() * 97880):,}"
        elif key == "n_small":
            value = str(2 + int(rnd() * 18))
        elif key == "pct":
            value = f"{1 + int(rnd() * 60)}.{int(rnd() * 10)}"
        elif key == "money":
            value = _pick(rnd, V.CURRENCIES).format(n=3 + int(rnd() * 898))
        elif key == "year":
            value = str(self.year - 1 - int(rnd() * 8))
        elif key == "year2":
            value = str(self.year + 1 + int(rnd() * 5))
        elif key == "month":
            value = _pick(rnd, V.MONTHS)
        elif key == "day":
            value = str(1 + int(rnd() * 28))
        elif key in ("city", "city2"):
            value = _pick(rnd, V.CITIES)
        elif key in ("country", "country2"):
            value = _pick(rnd, V.COUNTRIES)
        elif key == "org":
            value = _pick(rnd, V.ORGS).format(city=_pick(rnd, V.CITIES), country=_pick(rnd, V.COUNTRIES))
        elif key == "thing":
            value = _pick(rnd, V.THINGS)
        elif key == "people":
            value = _pick(rnd, V.PEOPLE)
        elif key == "first":
            value = _pick(rnd, V.FEMALE if rnd() < 0.5 else V.MALE)
        elif key == "surname":
            value = _pick(rnd, V.SURNAMES)
        else:
            raise KeyError(key)
        self[key] = value
        return value


def _pick(rnd: Callable[[], float], seq: tuple[str, ...]) -> str:
    return seq[int(rnd() * len(seq))]


def _coprimes(n: int) -> tuple[int, ...]:
    return tuple(k for k in range(1, n) if math.gcd(k, n) == 1)


class Deck:
    """The items of a sequence in a random order without repeats, until all are used.

    A random start and a stride coprime with the length visit every item once: O(1) to set
    up, unlike a shuffle.
    """

    __slots__ = ("items", "rnd", "strides", "at", "stride", "left")

    def __init__(self, rnd: Callable[[], float], items: tuple[str, ...], strides: tuple[int, ...]) -> None:
        self.items, self.rnd, self.strides, self.left = items, rnd, strides, 0

    def draw(self) -> str:
        n = len(self.items)
        if not self.left:
            self.at, self.left = int(self.rnd() * n), n
            self.stride = self.strides[int(self.rnd() * len(self.strides))]
        self.at = (self.at + self.stride) % n
        self.left -= 1
        return self.items[self.at]


STATEMENT_STRIDES = _coprimes(len(V.STATEMENTS))
QUOTE_STRIDES = _coprimes(len(V.QUOTES))


@dataclass(slots=True)
class Person:
    first: str
    surname: str
    role: str
    pronoun: str  # "she" or "he"
    honorific: str  # "Ms" or "Mr"


@dataclass(slots=True)
class Article:
    header: str | None  # None: the article has lost its header (D101)
    paras: list[str]
    people: list[Person]
    year: int
    final_newline: bool = True
    defects: list[str] = field(default_factory=list)

    def render(self) -> str:
        head = f"{self.header}\n\n" if self.header is not None else ""
        return head + "\n\n".join(self.paras) + ("\n" if self.final_newline else "")


def _person(rng: random.Random) -> Person:
    female = rng.random() < 0.5
    first = rng.choice(V.FEMALE if female else V.MALE)
    role = rng.choice(V.ROLES).format(org=rng.choice(V.ORGS), city=rng.choice(V.CITIES))
    role = role.format(city=rng.choice(V.CITIES), country=rng.choice(V.COUNTRIES))
    return Person(first, rng.choice(V.SURNAMES), role, "she" if female else "he", "Ms" if female else "Mr")


def _quote(rng: random.Random) -> str:
    return rng.choice(V.QUOTES).format(city=rng.choice(V.CITIES), month=rng.choice(V.MONTHS))


class Writer:
    """Sentences for one article, drawn from decks so that none repeats in it."""

    def __init__(self, rng: random.Random, year: int) -> None:
        self.rng, self.year = rng, year
        self.statements = Deck(rng.random, V.STATEMENTS, STATEMENT_STRIDES)
        self.quotes = Deck(rng.random, V.QUOTES, QUOTE_STRIDES)

    def statements_(self, k: int) -> str:
        draw, rng, year = self.statements.draw, self.rng, self.year
        return " ".join(draw().format_map(Slots(rng, year)) for _ in range(k))

    def quote(self) -> str:
        rnd = self.rng.random
        return self.quotes.draw().format(city=_pick(rnd, V.CITIES), month=_pick(rnd, V.MONTHS))

    def quote_paragraph(self, who: Person) -> str:
        """A named quote, sometimes followed by a pronoun quote or reported speech by the same person."""
        rnd = self.rng.random
        style = rnd()
        if style < 0.4:
            text = f"“{self.quote()},” said {who.first} {who.surname}, {who.role}."
        elif style < 0.7:
            text = f"{who.first} {who.surname}, {who.role}, said: “{self.quote()}.”"
        else:
            text = f"“{self.quote()},” {who.first} {who.surname}, {who.role}, told reporters."
        more = rnd()
        if more < 0.35:
            text += f" “{self.quote()},” {who.pronoun} added."
        elif more < 0.6:
            text += f" {who.surname} said {_pick(rnd, V.THINGS)} had been discussed at length."
        return text


def _date(rng: random.Random) -> tuple[int, int, int]:
    year, month = rng.randint(2012, 2024), rng.randint(1, 12)
    return year, month, rng.randint(1, V.MONTH_DAYS[month - 1])


def clean_article(rng: random.Random) -> Article:
    year, month, day = _date(rng)
    writer = Writer(rng, year)
    target = rng.randint(2100, 5300)
    people = [_person(rng) for _ in range(rng.randint(2, 4))]
    paras = [writer.statements_(2)]
    size, turn = len(paras[0]), 0
    while size < target:
        turn += 1
        if turn % 3 == 1:
            para = writer.quote_paragraph(people[(turn // 3) % len(people)])
        else:
            para = writer.statements_(1 + int(rng.random() * 3))
        paras.append(para)
        size += len(para) + 2
    return Article(f"date {year:04d}-{month:02d}-{day:02d}", paras, people, year)


# --- defect injectors: each edits an article in place and names the rule it targets -----------

def _para(rng: random.Random, art: Article) -> int:
    return rng.randrange(len(art.paras))


def _quote_index(art: Article) -> int | None:
    for i, p in enumerate(art.paras):
        if "“" in p and "”" in p:
            return i
    return None


def h101(rng: random.Random, art: Article) -> None:
    if rng.random() < 0.5 and art.header is not None:
        art.header += " <!–"  # as scraped pages leave it; D102 fires on the header too
        art.paras[0:0] = ["<!–", "<!– <!–"]
    else:
        i = _para(rng, art)
        art.paras[i] += " <!-- end of article body -->"


def h102(rng: random.Random, art: Article) -> None:
    i = _para(rng, art)
    if rng.random() < 0.5 or " the " not in art.paras[i]:
        art.paras[i] = rng.choice(V.TAGS) + art.paras[i]
    else:
        art.paras[i] = art.paras[i].replace(" the ", " <strong>the</strong> ", 1)


def h103(rng: random.Random, art: Article) -> None:
    i = _para(rng, art)
    entity = rng.choice(V.ENTITIES)
    art.paras[i] = art.paras[i].replace(" ", f"{entity}" if entity == "&nbsp;" else f" {entity} ", 1)


def h104(rng: random.Random, art: Article) -> None:
    art.paras.insert(_para(rng, art), rng.choice(V.SCRIPT_LINES))


def d101(rng: random.Random, art: Article) -> None:
    art.header = None


def d102(rng: random.Random, art: Article) -> None:
    assert art.header is not None
    y, m, d = art.header[5:9], art.header[10:12], art.header[13:15]
    forms = (f"Date: {int(d)} {V.MONTHS[int(m) - 1]} {y}", f"date {y}/{m}/{d}", f" date {y}-{m}-{d}",
             f"DATE {y}-{m}-{d}", f"date: {y}-{m}-{d}", f"Published {V.MONTHS[int(m) - 1]} {int(d)}, {y}")
    art.header = rng.choice(forms)


def d103(rng: random.Random, art: Article) -> None:
    if rng.random() < 0.5:
        art.header = f"date {rng.randint(2012, 2024)}-{rng.choice(('02-30', '04-31', '06-31', '09-31', '13-02'))}"
    else:
        month = rng.choice(("April", "June", "September", "November"))
        art.paras.insert(_para(rng, art), f"The hearing has been set for {month} 31, {rng.randint(2013, 2025)}.")


def d104(rng: random.Random, art: Article) -> None:
    art.header = rng.choice(("date 2091-05-02", "date 1970-01-01", "date 2107-11-19", "date 1899-03-08"))


def d105(rng: random.Random, art: Article) -> None:
    i = _para(rng, art)
    art.paras[i] += f" The figures were released {rng.choice(V.RELATIVE)}."


def w101(rng: random.Random, art: Article) -> None:
    for _ in range(rng.randint(1, 3)):
        i = _para(rng, art)
        art.paras[i] += rng.choice(("  ", " ", "\t"))


def w102(rng: random.Random, art: Article) -> None:
    art.paras.insert(1 + _para(rng, art), "")


def w103(rng: random.Random, art: Article) -> None:
    i = _para(rng, art)
    char = rng.choice(("\u200b", "\u00ad", "\u00a0", "\ufeff", "\u2060"))
    p = art.paras[i]
    if char == "\u00a0" and " the " in p:  # a no-break space between running words
        art.paras[i] = p.replace(" the ", "\u00a0the ", 1)
    else:  # an invisible character inside a word
        at = max(p.find(" ", len(p) // 3), 3)
        art.paras[i] = p[:at - 2] + char + p[at - 2:]


def w104(rng: random.Random, art: Article) -> None:
    art.final_newline = False


def g101(rng: random.Random, art: Article, phrases: tuple[str, ...] = ()) -> None:
    frame = rng.choice(("Critics said the {} had been ignored for years.",
                        "The report raised fresh questions about the {}.",
                        "Officials promised a review of the {} by the end of the year."))
    art.paras.insert(_para(rng, art), frame.format(rng.choice(phrases)))


def g102(rng: random.Random, art: Article) -> None:
    city = rng.choice(V.CITIES)
    art.paras.insert(_para(rng, art), rng.choice((
        f"Protests protested outside the assembly in {city} for a third day.",
        f"Long lines lined the roads out of {city} as families tried to leave.",
        f"Mourners mourned outside the cathedral in {city}.",
        f"Blockades blocked the main roads into {city} before dawn.")))


def g103(rng: random.Random, art: Article) -> None:
    i = _para(rng, art)
    word = rng.choice(V.REPEATABLE)
    if f" {word} " in art.paras[i]:
        art.paras[i] = art.paras[i].replace(f" {word} ", f" {word} {word} ", 1)
    else:
        art.paras[i] = art.paras[i].replace(" ", " the the ", 1)


def g104(rng: random.Random, art: Article) -> None:
    for i, p in enumerate(art.paras):
        if "’" in p:
            art.paras[i] = p.replace("’", "’".encode().decode("cp1252", "replace"))
            return
    art.paras.append("Itâ€™s the third closure this year, according to the cafÃ© owners.")


def g106(rng: random.Random, art: Article) -> None:
    who = art.people[0]
    if rng.random() < 0.5:  # a link's hover card flattened into the text
        middle = rng.choice(V.FEMALE if who.pronoun == "she" else V.MALE)
        card = f"{who.first} {who.surname}{who.first} {middle} {who.surname}{rng.choice(V.CITIES)} council member"
        art.paras.insert(1, f"{card} was among those who spoke at the meeting.")
    else:
        office = rng.choice(("governor", "mayor", "chairman", "minister"))
        art.paras.append(f"The {office} of {rng.choice(V.CITIES)} opened the session. "
                         f"Later the {office}said the vote would go ahead as planned.")


def q101(rng: random.Random, art: Article) -> None:
    i = _quote_index(art)
    if i is None:
        art.paras.append(f"“{_quote(rng)}, the organisers said in a statement.")
    else:
        art.paras[i] = art.paras[i].replace("”", "", 1)


def q102(rng: random.Random, art: Article) -> None:
    art.paras.insert(0, f"“{_quote(rng)},” {rng.choice(('she', 'he'))} said.")


def q103(rng: random.Random, art: Article) -> None:
    a, b = _person(rng), _person(rng)
    b.pronoun = a.pronoun
    b.first = rng.choice(V.FEMALE if a.pronoun == "she" else V.MALE)
    art.paras.append(f"{a.first} {a.surname}, {a.role}, met {b.first} {b.surname}, {b.role}, in {rng.choice(V.CITIES)}. "
                     f"“{_quote(rng)},” {a.pronoun} said.")


def q104(rng: random.Random, art: Article) -> None:
    who = _person(rng)
    wrong = "he" if who.pronoun == "she" else "she"
    art.paras.insert(0, f"{who.honorific} {who.surname}, {who.role}, spoke after the vote. “{_quote(rng)},” {wrong} said.")


def q105(rng: random.Random, art: Article) -> None:
    a, b = art.people[0], art.people[1]
    words = _quote(rng)
    art.paras.insert(1, f"“{words},” said {a.first} {a.surname}, {a.role}.")
    art.paras.append(f"“{words},” said {b.first} {b.surname}, {b.role}.")


def q106(rng: random.Random, art: Article) -> None:
    i = _quote_index(art)
    if i is None:
        art.paras.append(f'"{_quote(rng)}," a spokesperson said.')
    else:
        art.paras[i] = art.paras[i].replace("“", '"').replace("”", '"')


def b101(rng: random.Random, art: Article) -> None:
    caption = rng.choice(V.CAPTIONS).format_map(Slots(rng, art.year))
    art.paras.insert(1 + _para(rng, art), caption)


def b102(rng: random.Random, art: Article) -> None:
    kind = rng.random()
    if kind < 0.6:
        art.paras.insert(1 + _para(rng, art), rng.choice(V.BOILERPLATE).format(thing=rng.choice(V.THINGS).capitalize()))
    else:
        i = _para(rng, art)
        art.paras[i] += " " + rng.choice(V.SECTION_LABELS)


def b103(rng: random.Random, art: Article) -> None:
    if rng.random() < 0.5:
        last = art.paras[-1]
        cut = last.rfind(" ", 0, max(1, len(last) * 2 // 3))
        art.paras[-1] = last[:cut] if cut > 0 else last + " and the"
    else:
        art.paras.append("Continue reading")


def b104(rng: random.Random, art: Article) -> None:
    run = rng.sample(V.NAV, rng.randint(3, 6))
    where = rng.choice((0, len(art.paras)))
    art.paras.insert(where, "\n".join(run))


def b105(rng: random.Random, art: Article) -> None:
    art.paras.insert(0 if rng.random() < 0.6 else _para(rng, art), rng.choice(V.BYLINES).format_map(Slots(rng, art.year)))


INJECTORS: dict[str, Callable[..., None]] = {
    "H101": h101, "H102": h102, "H103": h103, "H104": h104,
    "D101": d101, "D102": d102, "D103": d103, "D104": d104, "D105": d105,
    "W101": w101, "W102": w102, "W103": w103, "W104": w104,
    "G101": g101, "G102": g102, "G103": g103, "G104": g104, "G106": g106,
    "Q101": q101, "Q102": q102, "Q103": q103, "Q104": q104, "Q105": q105, "Q106": q106,
    "B101": b101, "B102": b102, "B103": b103, "B104": b104, "B105": b105,
}
CODES = tuple(INJECTORS)
HEADER_CODES = ("D101", "D102", "D103", "D104")  # they replace the header: at most one per article
DEFECT_COUNTS = (1, 1, 1, 2, 2, 3, 4)
# Applied after the others: truncation must stay at the end, D102 reads the header.
LATE = dict.fromkeys(CODES, 0) | {"B103": 1, "W104": 2} | dict.fromkeys(HEADER_CODES, 3)


def article(seed: int, index: int, phrases: tuple[str, ...]) -> Article:
    """Article ``index`` of the corpus for ``seed``: a function of both and nothing else."""
    rng = random.Random(seed * 1_000_003 + index)
    art = clean_article(rng)
    if rng.random() < DEFECT_SHARE:
        codes = rng.sample(CODES, rng.choice(DEFECT_COUNTS))
        headers = [c for c in codes if c in HEADER_CODES]
        codes = [c for c in codes if c not in HEADER_CODES] + headers[:1]
        for code in sorted(codes, key=LATE.__getitem__):
            if code == "G101":
                g101(rng, art, phrases)
            else:
                INJECTORS[code](rng, art)
            art.defects.append(code)
    return art


def _dir_chunk(task: tuple[str, int, int, int]) -> int:
    """Write articles start..stop-1 (one shard) as files; returns the bytes written."""
    out, seed, start, stop = task
    phrases = spun_phrases()
    shard = os.path.join(out, f"{start // SHARD:04d}")
    os.makedirs(shard, exist_ok=True)
    total = 0
    for i in range(start, stop):
        data = article(seed, i, phrases).render().encode("utf-8")
        fd = os.open(os.path.join(shard, f"a{i:07d}.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        total += len(data)
    return total


def _jsonl_chunk(task: tuple[int, int, int]) -> bytes:
    """Records start..stop-1 as JSON Lines."""
    seed, start, stop = task
    phrases = spun_phrases()
    lines = []
    for i in range(start, stop):
        art = article(seed, i, phrases)
        record = {"id": f"a{i:07d}", "url": f"https://news.example.org/{i // SHARD:04d}/a{i:07d}",
                  "source": V.CITIES[i % len(V.CITIES)].lower(), "defects": art.defects, "text": art.render()}
        lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    lines.append(b"")
    return b"\n".join(lines)


def _ranges(count: int) -> Iterator[tuple[int, int]]:
    for start in range(0, count, SHARD):
        yield start, min(start + SHARD, count)


def _map(function: Callable[[T], R], tasks: list[T], jobs: int | None) -> Iterator[R]:
    """``function`` over ``tasks`` in order, on ``jobs`` processes (default: the usable cores)."""
    jobs = jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(function, tasks)
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(min(jobs, len(tasks))) as pool:
        yield from pool.imap(function, tasks)


def write_dir(out: Path, seed: int, count: int, jobs: int | None = None) -> int:
    """Write the corpus as ``out/NNNN/aNNNNNNN.txt``; returns the bytes written."""
    tasks = [(str(out), seed, start, stop) for start, stop in _ranges(count)]
    return sum(_map(_dir_chunk, tasks, jobs))


def write_jsonl(out: Path, seed: int, count: int, jobs: int | None = None) -> int:
    """Write the corpus as one JSON Lines file; returns the bytes written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    total = 0
    with open(out, "wb") as handle:
        for blob in _map(_jsonl_chunk, [(seed, start, stop) for start, stop in _ranges(count)], jobs):
            handle.write(blob)
            total += len(blob)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--format", choices=("dir", "jsonl"), default="dir", help="a folder of .txt files or one .jsonl")
    parser.add_argument("--out", required=True, type=Path, help="folder (dir) or file (jsonl) to write")
    parser.add_argument("--jobs", type=int, help="processes (default: the usable cores); the output is the same")
    parser.add_argument("--quiet", action="store_true", help="no summary line")
    args = parser.parse_args(argv)
    if args.format == "dir" and args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty: give a new folder")
    started = time.perf_counter()
    writer = write_dir if args.format == "dir" else write_jsonl
    size = writer(args.out, args.seed, args.count, args.jobs)
    if not args.quiet:
        print(f"wrote {args.count:,} articles ({size / 1e6:.1f} MB) to {args.out} "
              f"in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
