"""G: garbled text — lexical echoes, repeated words, mojibake and glued words.

Word lists live in ``data/garbled.toml``. Mojibake is judged by ftfy, imported only when a
cheap pattern finds the characters that UTF-8 read as Windows-1252 or Latin-1 leaves behind.
Patterns start with a literal space or a rare character so the regex engine can skip ahead.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

from lintnews.document import Document
from lintnews.rule import Finding, Fix, FixAvailability, Rule, Severity
from lintnews_rules._data import DataError, check_entries, data_path, load_table

LISTS = ("echo_pairs", "echo_agents", "echo_roots", "doubles", "reduplications", "intensifiers", "particles",
         "phrasal_verbs", "casing", "name_prefixes", "brand_parts", "speech_verbs", "speech_lookalikes", "speakers")
_CASED = ("casing", "name_prefixes", "brand_parts")


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The data file's lists as sets of words (G102 pairs written `first+second`)."""
    path = data_path("garbled.toml")
    data = load_table(path, {"version": int, **{name: list for name in LISTS}})
    if data.get("version") != 1:
        raise DataError(f"{path}: version must be 1")
    result = {}
    for name in LISTS:
        entries = check_entries(data.get(name, []), {"words"}, {"note"}, f"{path}: {name}")
        words = (w for e in entries for w in e["words"].split())
        result[name] = frozenset(w if name in _CASED else w.lower() for w in words)
    return result


def _in_quote(doc: Document, offset: int) -> bool:
    """Whether ``offset`` is inside quoted speech (quote starts bisected, shared per document)."""
    spans = doc.cache.get("garbled.quotes")
    if spans is None:
        spans = []  # quoted spans merged into disjoint runs, so one bisect answers
        for q in sorted(doc.quotes, key=lambda q: q.start) if any(m in doc.text for m in '"“‘') else ():
            if spans and q.start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], q.end))
            else:
                spans.append((q.start, q.end))
        doc.cache["garbled.quotes"] = spans
    index = bisect_right(spans, (offset, len(doc.text) + 1)) - 1
    return index >= 0 and offset < spans[index][1]


def _shown(text: str) -> str:
    return "".join(c if c.isprintable() and c != "\u00a0" else f"\\x{ord(c):02x}" for c in text)


def _pairs(patterns: tuple[re.Pattern[str], ...], text: str, start: int) -> Iterator[re.Match[str]]:
    for pattern in patterns:
        yield from pattern.finditer(text, start)


# Two words in a row: the first after a space (fast literal prefix) or after a line break,
# quote or bracket; the second is read in a lookahead so pairs can overlap.
_L, _U = "a-zà-öø-ÿ", "A-ZÀ-ÖØ-Þ"
_SEP = r"\s+"  # at most one line break: checked after the match
_AFTER = r"(?![\w'’-])"


def _both(body: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(lead + body) for lead in (" ", "[\n“\"‘(]"))


# -- G102 ------------------------------------------------------------------------------------
ECHO = _both(rf"([A-Za-z])([a-z]{{2}})[a-z]*(?={_SEP}((?i:\1)\2[a-z]*){_AFTER})")
_RELATIVE_NEXT = re.compile(r"\s+(?:by|for|in|at|to|during|since|under|last|next|earlier)\b")
# (ending, letters to strip, letters to add back, reading). "ers" reads agents (mourners),
# "nouns" derived nouns (blockades, settlements, elections).
_SUFFIXES = (("ies", 3, "y", "s"), ("es", 2, "", "s"), ("s", 1, "", "s"), ("ied", 3, "y", "ed"), ("ed", 2, "", "ed"),
             ("d", 1, "", "ed"), ("ing", 3, "", "ing"), ("ier", 3, "y", "er"), ("er", 2, "", "er"), ("r", 1, "", "er"),
             ("ers", 3, "", "ers"), ("ors", 3, "", "ers"), ("or", 2, "", "er"), ("ades", 4, "", "nouns"),
             ("ade", 3, "", "noun"), ("ments", 5, "", "nouns"), ("ment", 4, "", "noun"), ("ions", 4, "", "nouns"),
             ("ion", 3, "", "noun"), ("ations", 6, "", "nouns"), ("ation", 5, "", "noun"))
_EXACT = {"ies", "es", "s", "ied", "d", "ier", "r"}  # endings after which no "e" or doubling is restored
# (reading of the first word, reading of the second) that a spinner's swap leaves behind.
ECHO_SHAPES = {("s", "ed"), ("ers", "ed"), ("er", "ed"), ("nouns", "ed"), ("noun", "ed"), ("ed", ""), ("s", "ing"),
               ("ers", "ing"), ("nouns", "ing"), ("ing", ""), ("", "ing"), ("", "er"), ("s", "er"), ("ed", "er"),
               ("ing", "er")}
_PLURAL_BEFORE_VERB = {("s", "ed"), ("ers", "ed"), ("nouns", "ed")}
_DOUBLED = re.compile(r"([bcdfgklmnprstvz])\1$")


@lru_cache(maxsize=8192)
def analyses(word: str) -> frozenset[tuple[str, str]]:
    """(stem, reading) pairs of a lowercase word under a careful inflection stemmer."""
    out = {(word, "")}
    for suffix, strip, extra, kind in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - strip < 3 or suffix == "s" and word.endswith(("ss", "us", "is")):
            continue
        stem = word[:-strip] + extra
        if suffix in ("d", "r") and not stem.endswith("e"):
            continue
        out.add((stem, kind))
        if suffix not in _EXACT:
            out.add((stem + "e", kind))  # lined -> line, mourner -> mourn(e)
            if _DOUBLED.search(stem):
                out.add((stem[:-1], kind))  # planned -> plan
    return frozenset((s, k) for s, k in out if len(s) >= 3)


class LexicalEcho(Rule):
    """Two adjacent words from the same root, as a spinner leaves when it swaps one of them.

    Fires on a noun before its own verb ("lines lined", "protests protested", "blockades
    blocked", "mourners mourned"), a participle before its own noun ("planned plan") and
    similar pairs found by a careful stemmer (-s, -es, -ies, -ed, -d, -ing, -er with consonant
    doubling; -ers/-ors, -ade, -ment, -ion for nouns). Quiet: agents whose verb is the
    ordinary word for what they do ("voters voted", "investors invested"), nouns and verbs
    of different senses ("forces forced", "funds funded"), cognate objects ("living lives"),
    "cuts cut", reduced relatives ("shipments shipped in March"), idioms whose repeated words
    are not adjacent ("more and more", "face to face"), names, and quoted speech.

    ## Why
    Spinners replace one word of a collocation with a synonym that happens to echo its
    neighbour ("queues lined the borders" becomes "lines lined the borders").

    ## Example
    Fires:  `as lines lined the borders`
    Fires:  `Protests protested across the capital.`
    Quiet:  `Voters voted on Sunday.`
    Quiet:  `people living lives of quiet hardship`

    ## Fix
    None: the original word cannot be recovered.
    """

    code = "G102"
    name = "lexical-echo"
    severity = Severity.WARNING
    fix = FixAvailability.NEVER

    def check(self, doc: Document) -> Iterator[Finding]:
        lists, text = word_lists(), doc.text
        for m in _pairs(ECHO, text, doc.body_start - 1):
            start, second = m.start(1), m.group(3)
            first = text[start : m.end()]
            a, b = first.lower(), second.lower()
            if a == b or f"{a}+{b}" in lists["echo_pairs"] or second[0].isupper() or \
                    text.count("\n", m.end(), m.start(3)) > 1:
                continue  # the same word (G103's), a listed pair, a name, or a paragraph break
            if first[0].isupper() and not _sentence_start(text, start):
                continue  # a name: "Jane Banks banked"
            shared = {(x, y, s) for s, x in analyses(a) for t, y in analyses(b) if s == t}
            shapes = {(x, y) for x, y, _ in shared} & ECHO_SHAPES
            if not shapes or any(s in lists["echo_roots"] or x in ("er", "ers") and s in lists["echo_agents"]
                                 for x, _, s in shared):
                continue
            if shapes <= _PLURAL_BEFORE_VERB and _RELATIVE_NEXT.match(text, m.end(3)):
                continue  # a reduced relative: "shipments shipped in March"
            if not _in_quote(doc, start):
                yield self.finding(start, m.end(3), f"lexical echo `{first} {second}`: two forms of one root "
                                   "side by side, as a spinner leaves when it swaps one word for a synonym")


def _sentence_start(text: str, offset: int) -> bool:
    before = text[max(0, offset - 3) : offset].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


# -- G103 ------------------------------------------------------------------------------------
REPEAT = _both(rf"([{_L}{_U}])([{_L}]*)({_SEP})((?i:\1)\2){_AFTER}")
_WH_BEFORE = re.compile(r"\b(?:what|where|who|how|why|whatever|all|which)\b[^.!?;]*$", re.IGNORECASE)
_LAST_WORD = re.compile(r"([A-Za-z]+)\s*$")


class RepeatedWord(Rule):
    """The same word twice in a row, as in "the the", including across a line break.

    Not flagged: grammatical doubles ("had had", "that that", "gave her her", "what it is
    is"), a particle after a phrasal verb ("checked in in Paris"), reduplications ("bye bye",
    "no no"; "so-so" is hyphenated and never matches), names whose both words are capitalised
    (Sirhan Sirhan, Bora Bora, Duran Duran, Boutros Boutros-Ghali), and intensifiers doubled
    for emphasis ("very very") inside quoted speech; in the writer's own prose they are flagged.

    ## Why
    Doubled words are typing slips or the seam where two scraped fragments were joined; they
    are noise in every downstream use of the text.

    ## Example
    Fires:  `The the court adjourned.`
    Fires:  `a vote on the` / `the budget` (across a line break)
    Quiet:  `She had had enough.`
    Quiet:  `Sirhan Sirhan was moved to another prison.`

    ## Fix
    Always safe: the second word and the whitespace before it are deleted.
    """

    code = "G103"
    name = "repeated-word"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        lists, text = word_lists(), doc.text
        for m in _pairs(REPEAT, text, doc.body_start - 1):
            start, end, second = m.start(1), m.end(4), m.group(4)
            first, word = text[start : m.end(2)], second.lower()
            if second[0].isupper() or m.group(3).count("\n") > 1:
                continue  # names (Sirhan Sirhan, Bora Bora), or a paragraph break between
            if word in lists["doubles"] or word in lists["reduplications"]:
                continue
            before = text[max(doc.body_start, start - 80) : start]
            if word in ("is", "was") and _WH_BEFORE.search(before):
                continue  # "what it is is"
            prev = _LAST_WORD.search(before) if word in lists["particles"] else None
            if prev and (prev.group(1).lower().endswith(("ed", "en", "ing")) or
                         prev.group(1).lower() in lists["phrasal_verbs"]):
                continue  # "checked in in Paris"
            if word in lists["intensifiers"] and _in_quote(doc, start):
                continue
            shown = f"{first} ⏎ {second}" if "\n" in m.group(3) else f"{first} {second}"
            yield self.finding(start, end, f"repeated word `{shown}`; the fix deletes the second `{second}`",
                               Fix.delete(m.end(2), end, f"delete the repeated `{second}`"))


# -- G104 ------------------------------------------------------------------------------------
# Characters whose Windows-1252 or Latin-1 byte is a UTF-8 continuation byte (0x80-0xBF).
_CONT = ("\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
         "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4](?:[{_CONT}]|(?<=[\u00c2\u00c3]) )")
RUN = re.compile(f"(?:[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}})+")
# "”" is E2 80 9D; 0x9D is unassigned in Windows-1252, so many decoders dropped it or wrote "�".
LOST_QUOTE = re.compile(f"\u00e2\u20ac(?:\ufffd|(?![{_CONT}]))")
# An 0xA0 byte turned into a space: "voilÃ  tout" (à), "said.Â  The" (a no-break space).
SPACED = re.compile(r"(?<=[a-z])\u00c3 (?= ?[a-z])|(?<= )\u00c3 (?= [a-z])|(?<=[\w.,;:!?])\u00c2 ")
# A correct letter before typographic punctuation that happens to form valid UTF-8 ("Straß–Weg",
# "l’été…”"); the leads that real mojibake starts with (Ã Â Å Ä â Ð Ñ) are not taken for it.
LEGIT_PAIR = re.compile("[^\u00c2-\u00c5\u00d0\u00d1\u00e2][\u2013\u2014\u2019\u201d\u2026\u00bb\u20ac]+$")
_UTF8_STEPS = {"utf-8", "utf-8-variants", "decode_inconsistent_utf8"}


@lru_cache(maxsize=4096)
def _decode(run: str) -> tuple[str, int, str]:
    """Undo UTF-8-read-as-a-single-byte-codec as often as it applies: (text, times, codec)."""
    times, codec = 0, "Windows-1252"
    while True:
        for name, label in (("sloppy-windows-1252", "Windows-1252"), ("latin-1", "Latin-1")):
            try:
                decoded = run.encode(name).decode("utf-8")
            except UnicodeError:
                continue
            if decoded != run:
                codec = label if times == 0 else codec
                run, times = decoded, times + 1
                break
        else:
            return run, times, codec


class Mojibake(Rule):
    """UTF-8 text that was decoded as Windows-1252 or Latin-1 (`â€™`, `Ã©`, `Â£`), also twice.

    ftfy judges each line that holds such characters and only the garbled runs are reported,
    so correct French, German, Polish, Turkish, Icelandic, Vietnamese, Russian or Chinese
    text, "São Paulo", "€20" or the Romanian "Â" are never flagged. A `â€` whose last byte
    (0x9D, unassigned in Windows-1252) was dropped or replaced by `�` is read as `”`.

    ## Why
    Mojibake corrupts names, quotes and prices for every reader and every model trained on
    the text, and it is mechanically reversible.

    ## Example
    Fires:  `It wasnâ€™t the first time.`
    Fires:  `The cafÃ© reopened.`
    Quiet:  `Prices in São Paulo rose by €20.`

    ## Fix
    Safe: the run is decoded back to what was written. Unsafe for a `â€` whose last byte was
    lost, since `”` is the likely but not the only original.
    """

    code = "G104"
    name = "mojibake"
    severity = Severity.ERROR
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        lines = sorted({doc.position(m.start())[0] for m in MOJIBAKE_HINT.finditer(text, doc.body_start)})
        for number in lines:
            start, end = doc.line_span(number)
            yield from self._line(text[start:end], start)

    def _line(self, line: str, base: int) -> Iterator[Finding]:
        import ftfy  # imported here: importing it costs more than linting most documents
        from ftfy.badness import is_bad

        pieces, lost, inserted, last = [], [], [], 0
        for m in LOST_QUOTE.finditer(line):  # put the lost byte back so ftfy can decode the run
            pieces += [line[last : m.start()], "\u00e2\u20ac\u009d"]
            lost.append(m.start() + len(inserted))
            if m.end() - m.start() == 2:
                inserted.append(m.start() + len(inserted) + 2)
            last = m.end()
        work = "".join(pieces) + line[last:]
        fixed, steps = ftfy.fix_encoding_and_explain(work)
        names = {step[1] for step in steps or ()}
        if not names & _UTF8_STEPS:
            return
        piecewise = "decode_inconsistent_utf8" in names  # ftfy judged each run on its own

        def at(offset: int) -> int:
            return base + offset - bisect_left(inserted, offset)

        for m in RUN.finditer(work):
            run = m.group()
            decoded, times, codec = _decode(run)
            if times == 0:
                continue
            if not is_bad(run) and (LEGIT_PAIR.match(run) or piecewise and not is_bad(work[slice(*_token_at(work, m.start()))])):
                continue  # "Straß–Weg"; or, on a line ftfy fixed piece by piece, a run that looks fine in its word
            a, b = at(m.start()), at(m.end())
            was_lost = bisect_left(lost, m.end()) > bisect_left(lost, m.start())
            how = f"UTF-8 read as {codec}" + (" twice" if times > 1 else "") + (", last byte lost" if was_lost else "")
            message = f"mojibake `{_shown(line[a - base : b - base])}` ({how}); the fix writes `{_shown(decoded)}`"
            yield self.finding(a, b, message, Fix.replace(a, b, decoded, f"write `{_shown(decoded)}`", safe=not was_lost))
        for m in SPACED.finditer(line):
            target = "\u00e0" if line[m.start()] == "\u00c3" else "\u00a0"
            if fixed.count(target) <= work.count(target):
                continue  # ftfy did not restore this one
            shown = "`à`" if target == "\u00e0" else "a no-break space"
            a, b = base + m.start(), base + m.end()
            yield self.finding(a, b, f"mojibake `{_shown(m.group())}` (UTF-8 read as Windows-1252, its 0xA0 byte "
                               f"turned into a space); the fix writes {shown}", Fix.replace(a, b, target, f"write {shown}"))


# -- G106 ------------------------------------------------------------------------------------
# A capital after a lowercase letter, or after a closing bracket glued to a word (charset first: fast).
GLUE_HINT = re.compile(f"[{_U}](?=[{_L}]{{2}})(?:(?<=[{_L}][{_U}])|(?<=[{_L}]\\)[{_U}]))")
BRACKET_GLUE = re.compile(f"(?<=[{_L}])\\)(?=[{_U}][{_L}]{{2}})")  # "(entrepreneur)Nigerian"
LETTERS = re.compile(r"[^\W\d_]+")
JUNCTION = re.compile(f"(?<=[{_L}])(?=[{_U}][{_L}]{{2}})")
STANDALONE = re.compile(f"(?<![^\\W\\d_])[{_U}]?[{_L}]+(?![^\\W\\d_])")
_NOT_PROSE = re.compile(r"://|www\.|[@#/\\_=<>|~]|\.[A-Za-z]|\d")
_EDGE = ".,;:!?\"'“”‘’()[]"


class GluedWords(Rule):
    """Words glued together by scraping: "the governorsaid", or a link's hover card flattened
    into the text, "Kristi NoemKristi Lynn NoemSouth Dakota governor".

    Signals, for a lowercase-to-uppercase junction inside a token: the second part repeats
    the word just before it (a name repeated without a space); the first part starts another
    glued token too; the token starts with a lowercase word ("spokeswomanKatarina"); or both
    parts are words the article also uses on their own. Also a bracketed label glued to the
    next word ("(entrepreneur)Nigerian"), and a speech verb glued to a speaker ("governorsaid",
    "ministertold") but not real words (unsaid, aforesaid, foretold, devastated). Not flagged:
    brand and name casing (iPhone, YouTube, McDonald, MacArthur, eBay, PhD, DeSantis, LeBron
    and the list in `data/garbled.toml`), name prefixes (Mc, Mac, De, Di, Le, La, Van, Von),
    brand endings (SoftBank, PepsiCo), O'Neill, URLs, hashtags and @handles.

    ## Why
    Glued words break search, tokenisers and readability, and show that page furniture was
    merged into the article.

    ## Example
    Fires:  `Kristi NoemKristi Lynn NoemSouth Dakota governor`
    Fires:  `the governorsaid on Monday`
    Quiet:  `She bought an iPhone and posted on YouTube.`
    Quiet:  `Ron DeSantis met Mitch McConnell.`

    ## Fix
    Unsafe: a space is inserted at the junction.
    """

    code = "G106"
    name = "glued-words"
    severity = Severity.WARNING
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        text, body = doc.text, doc.body_start
        lists = word_lists()
        hits = [m.start() for m in GLUE_HINT.finditer(text, body)]
        for verb in lists["speech_verbs"]:  # str.find is many times faster than a regex here
            at = text.find(verb, body)
            while at != -1:
                if text[at - 1].islower() and not text[at + len(verb) : at + len(verb) + 1].isalpha():
                    hits.append(at)
                at = text.find(verb, at + len(verb))
        tokens = [t for t in sorted({_token_at(text, h) for h in hits}) if not _NOT_PROSE.search(text, *t)]
        if not tokens:
            return
        runs = [(lm.group(), lm.start(), a) for a, b in tokens for lm in LETTERS.finditer(text, a, b)
                if lm.group() not in lists["casing"] and lm.group().rstrip("s") not in lists["casing"]]
        lefts: dict[str, set[str]] = {}  # first part of a junction -> the glued tokens it starts
        for run, _, _ in runs:
            parts = JUNCTION.split(run)
            if len(parts) > 1:
                lefts.setdefault(parts[0], set()).add(run)
        vocabulary = _Vocabulary(text, body)
        for a, b in tokens:
            for bm in BRACKET_GLUE.finditer(text, a, b):
                yield self._finding(a, b, bm.end(), text[a : bm.end()], text[bm.end() : b])
        for run, start, token_start in runs:
            prev = text[max(body, token_start - 60) : token_start].split()
            prev_word = prev[-1].strip(_EDGE) if prev else ""
            yield from self._run(run, start, prev_word, vocabulary, lefts, lists)

    def _run(self, run: str, start: int, prev_word: str, vocabulary: _Vocabulary, lefts: dict[str, set[str]],
             lists: dict[str, frozenset[str]]) -> Iterator[Finding]:
        parts = JUNCTION.split(run)
        offset = start
        for index, (left, right) in enumerate(zip(parts, parts[1:])):
            offset += len(left)
            if index == 0 and (len(left) < 2 or left in lists["name_prefixes"]):
                continue
            if right.rstrip("s") in lists["brand_parts"]:
                continue
            if (right == prev_word  # "Kristi NoemKristi": a name repeated without a space
                    or len(lefts.get(parts[0], ())) > 1  # "NoemKristi ... NoemSouth"
                    or index == 0 and left[0].islower() and len(left) >= 3  # "spokeswomanKatarina"
                    or len(left) >= 3 and left in vocabulary.exact and right in vocabulary.exact):
                yield self._finding(offset - len(left), offset + len(right), offset, left, right)
        verb = next((v for v in lists["speech_verbs"] if run.endswith(v) and len(run) > len(v)), None)
        if verb and run.lower() not in lists["speech_lookalikes"]:
            left = run[: -len(verb)]
            if left.lower() in lists["speakers"] or (len(left) >= 3 and left.lower() in vocabulary.lower):
                yield self._finding(start, start + len(run), start + len(left), left, verb)

    def _finding(self, a: int, b: int, at: int, left: str, right: str) -> Finding:
        return self.finding(a, b, f"glued words `{left}{right}`; the fix writes `{left} {right}`",
                            Fix.replace(at, at, " ", f"insert a space: `{left} {right}`", safe=False))


class _Vocabulary:
    """The words an article uses on their own, collected on first use."""

    def __init__(self, text: str, start: int) -> None:
        self.text, self.start = text, start
        self._exact: set[str] | None = None
        self._lower: set[str] | None = None

    @property
    def exact(self) -> set[str]:
        if self._exact is None:
            self._exact = set(STANDALONE.findall(self.text, self.start))
        return self._exact

    @property
    def lower(self) -> set[str]:
        if self._lower is None:
            self._lower = {w.lower() for w in self.exact}
        return self._lower


def _token_at(text: str, offset: int, reach: int = 120) -> tuple[int, int]:
    """The token around ``offset``, between spaces or line breaks, looking at most ``reach``
    characters either way (a bounded window keeps one-line megabyte articles linear)."""
    low, high = max(0, offset - reach), min(len(text), offset + reach)
    a = max(text.rfind(" ", low, offset), text.rfind("\n", low, offset), low - 1) + 1
    ends = [e for e in (text.find(" ", offset, high), text.find("\n", offset, high)) if e != -1]
    return a, min(ends, default=high)


RULES = (LexicalEcho, RepeatedWord, Mojibake, GluedWords)
