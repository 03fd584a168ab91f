"""Shared detection for the B rules: their data lists, and per-document views (captions,
navigation runs, metadata lines) computed once per document and kept in ``doc.cache``.

B103 asks the other detectors which trailing paragraphs are debris, so the article's real
last paragraph is judged, and the same line is not reported as both a caption and a cut.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING, NamedTuple

from lintnews_rules._data import check_entries, data_path, load_table

if TYPE_CHECKING:
    from lintnews.document import Document, Paragraph

DATA_FILE = data_path("boilerplate.toml")
_TOP = {"version": int, "caption-verbs": list, "caption-subjects": list, "caption-agencies": list,
        "caption-labels": list, "phrases": list, "sections": list, "navigation": list, "furniture": list}
QUOTE_CHARS = "\"“”‘’«»„"
CLOSERS = "\"'”’)]»*"
SECTION_WEIGHT = 0.6


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A getter that compiles ``pattern`` on first use: every ``lintnews`` start imports this
    module, and most runs never need most of its patterns (``NAME().search(…)`` at call sites)."""
    return cache(partial(re.compile, pattern, flags))


class Lists(NamedTuple):
    verbs: frozenset[str]
    base_verbs: frozenset[str]  # the base forms alone: what a plural subject takes ("Visitors look")
    subjects: frozenset[str]
    plural_subjects: frozenset[str]
    labels: tuple[str, ...]
    agencies: tuple[str, ...]
    lone_agencies: tuple[str, ...]
    line_phrases: tuple[str, ...]
    prefix_phrases: tuple[str, ...]
    sections: tuple[str, ...]
    navigation: dict[str, float]
    furniture: frozenset[str]


def verb_forms(verb: str) -> set[str]:
    """A verb's base, third-person and -ing forms (regular spelling rules only)."""
    forms = {verb}
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(verb + "es")
    elif len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        forms.add(verb[:-1] + "ies")
    else:
        forms.add(verb + "s")
    if verb.endswith("ie"):
        forms.add(verb[:-2] + "ying")
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        forms.add(verb[:-1] + "ing")
    elif (len(re.findall(r"[aeiou]+", verb)) == 1 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", verb)):
        forms.add(verb + verb[-1] + "ing")  # sit -> sitting, hug -> hugging
    else:
        forms.add(verb + "ing")
    return forms


_DIGIT = lazy_pattern(r"\d")


def norm(text: str) -> str:
    """A line as looked up in the lists: lowercase, straight apostrophes, no counts or arrows."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    if _DIGIT().search(text):
        text = re.sub(r"\(\d+\)|\b\d+\b", " ", text)
    return " ".join(text.split()).strip(" :.!»›>→…|-–—")


@cache
def lists() -> Lists:
    where = str(DATA_FILE)
    data = load_table(DATA_FILE, _TOP, where)

    def entries(key: str, required: set[str], optional: frozenset[str] | set[str] = frozenset(), types=None):
        return check_entries(data.get(key, []), required, {"note", *optional}, f"{where}: {key}", types)

    verbs: set[str] = set()
    base: set[str] = set()
    for e in entries("caption-verbs", {"verb"}, {"forms"}, {"forms": list}):
        base.add(e["verb"])
        verbs |= verb_forms(e["verb"]) | {f.lower() for f in e.get("forms", [])}
    subjects: set[str] = set()
    plurals: set[str] = set()
    for e in entries("caption-subjects", {"word"}, {"plural"}):
        plurals.add(e.get("plural", e["word"] + "s"))
        subjects |= {e["word"], e.get("plural", e["word"] + "s")}
    agencies = entries("caption-agencies", {"name", "alone"}, types={"alone": bool})
    phrases = entries("phrases", {"text", "match"})
    for e in phrases:
        if e["match"] not in ("line", "prefix"):
            from lintnews_rules._data import DataError

            raise DataError(f"{where}: phrases: {e['text']!r}: match must be \"line\" or \"prefix\"")
    sections = tuple(e["word"] for e in entries("sections", {"word"}))
    navigation = {norm(s): SECTION_WEIGHT for s in sections}
    for e in entries("navigation", {"text"}, {"weight"}, {"weight": float}):
        navigation[norm(e["text"])] = e.get("weight", 1.0)
    return Lists(
        verbs=frozenset(verbs),
        base_verbs=frozenset(base),
        subjects=frozenset(subjects),
        plural_subjects=frozenset(plurals),
        labels=tuple(e["label"] for e in entries("caption-labels", {"label"})),
        agencies=tuple(e["name"] for e in agencies),
        lone_agencies=tuple(e["name"] for e in agencies if e["alone"]),
        line_phrases=tuple(e["text"] for e in phrases if e["match"] == "line"),
        prefix_phrases=tuple(e["text"] for e in phrases if e["match"] == "prefix"),
        sections=sections,
        navigation=navigation,
        furniture=frozenset(norm(e["text"]) for e in entries("furniture", {"text"})),
    )


def _atoms(phrase: str, fold: bool) -> list[str]:
    """A phrase as regex atoms: one per character, flexible spaces and apostrophes."""
    atoms: list[str] = []
    for index, word in enumerate((phrase.lower() if fold else phrase).split()):
        if index:
            atoms.append(r"[ \t]+")
        atoms.extend("['’]" if ch in "'’" else re.escape(ch) for ch in word)
    if phrase[-1:].isalnum():
        atoms.append(r"\b")
    return atoms


def alternation(phrases: tuple[str, ...] | list[str], fold: bool = True) -> str:
    """The phrases as one regex shaped like a trie: each attempt costs a few steps, not one
    step per phrase (a list of a hundred phrases is tried at every sentence end)."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for atom in _atoms(phrase, fold):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [atom + emit(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


# -- paragraph and line shapes ------------------------------------------------------------------
BULLET = lazy_pattern(r"^\s*(?:[-*•·▪●◦‣–—+>]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_WORD = lazy_pattern(r"[A-Za-zÀ-ÿ0-9][\w’'&.-]*")


def last_char(text: str) -> str:
    """The last character that is not a space, closing quote or bracket, stray tag or control
    character; "" when a symbol or emoji ends the text (prose that closes itself that way)."""
    tail = text[-400:].rstrip()
    while tail:
        c = tail[-1]
        if c.isalnum() or c in ".!?…,;:":
            return c  # the common case
        kind = unicodedata.category(c)
        if kind[0] == "S" and c not in "<>":
            return ""
        if c == ">" and "<" in tail[-200:]:
            tail = tail[: tail.rfind("<")].rstrip()  # a stray tag such as </p>
        elif c in CLOSERS or kind[0] in "CZ":
            tail = tail[:-1].rstrip()
        else:
            return c
    return ""


def word_count(text: str) -> int:
    return len(_WORD().findall(text))


def body_lines(doc: Document) -> range:
    return range(2, doc.line_count + 1)


def line_lengths(doc: Document) -> list[int]:
    """Length of every line (index = line number - 1), from the line starts alone."""
    key = "boilerplate:line-lengths"
    if key not in doc.cache:
        starts = doc.line_starts
        doc.cache[key] = [b - a - 1 for a, b in zip(starts, starts[1:])] + [len(doc.text) - starts[-1]]
    return doc.cache[key]


def in_quote(doc: Document, para: Paragraph) -> bool:
    """A paragraph that opens with a quote mark, or that continues a quote left open in the
    paragraph before it (checked on the marks alone, without the full quote parser)."""
    if para.text.lstrip()[:1] in QUOTE_CHARS:
        return True
    if para.index == 0:
        return False
    prev = doc.paragraphs[para.index - 1].text
    return prev.rfind("“") > prev.rfind("”") or prev.count('"') % 2 == 1


# -- B104: navigation runs -----------------------------------------------------------------------
_SEPARATORS = lazy_pattern(r"\s+[|•·]\s+")
_TITLE_WORD = lazy_pattern(r"[A-Z0-9]")
_NOT_AN_ITEM = lazy_pattern(r"[\"“”‘’«»„.!?;,:]")


def _nav_item(item: str, table: dict[str, float]) -> float | None:
    """The weight of one menu item, or None when it cannot be a menu item at all."""
    item = item.strip().rstrip("»›>→ ")
    if not item or len(item) > 40 or BULLET().match(item) or _NOT_AN_ITEM().search(item):
        return None
    words = item.split()
    if len(words) > 5:
        return None
    weight = table.get(norm(item))
    if weight is not None:
        return weight
    if words[0] in ("By", "BY") or _DIGIT().search(item):
        return None  # "By Jane Doe" is a byline, "Labour 24" a result
    if not all(_TITLE_WORD().match(w) for w in words if len(w) > 3):
        return None
    return 0.0 if item[0].isupper() else None


class NavRun(NamedTuple):
    first_line: int
    last_line: int
    items: tuple[str, ...]


def nav_runs(doc: Document) -> list[NavRun]:
    key = "boilerplate:nav-runs"
    if key in doc.cache:
        return doc.cache[key]
    text, lines, table = doc.text, doc.lines, lists().navigation
    # Only short lines, and lines that hold a menu split by bars or bullets, can be menu items.
    lengths = line_lengths(doc)
    numbers = [n for n in body_lines(doc) if 0 < lengths[n - 1] <= 44]
    if "|" in text or "•" in text or "·" in text:
        numbers = sorted(set(numbers) | {n for n in body_lines(doc) if lengths[n - 1] <= 400 and _SEPARATORS().search(lines[n - 1])})
    runs: list[NavRun] = []
    if len(numbers) < 3 and not any(_SEPARATORS().search(lines[n - 1]) for n in numbers):
        doc.cache[key] = runs
        return runs
    current: list[tuple[int, list[str], list[float]]] = []
    seen: dict[str, float | None] = {}  # menus repeat their items: judge each distinct one once

    def close() -> None:
        if current and _is_navigation(doc, current):
            runs.append(NavRun(current[0][0], current[-1][0], tuple(i for _, its, _ in current for i in its)))
        current.clear()

    for number in numbers:
        line = lines[number - 1]
        if not line.strip():
            continue
        if current and (number - current[-1][0] > 3 or any(lines[k].strip() for k in range(current[-1][0], number - 1))):
            close()  # something other than blank lines came between
        items = _SEPARATORS().split(line.strip()) if "|" in line or "•" in line or "·" in line else [line]
        weights = []
        for item in items:
            if item not in seen:
                seen[item] = _nav_item(item, table)
            weights.append(seen[item])
        if any(w is None for w in weights):
            close()
            continue
        current.append((number, items, [w for w in weights if w is not None]))
    close()
    doc.cache[key] = runs
    return runs


def _is_navigation(doc: Document, run: list[tuple[int, list[str], list[float]]]) -> bool:
    weights = [w for _, _, ws in run for w in ws]
    total, n = sum(weights), len(weights)
    if n < 3:
        return False
    before = run[0][0] - 1
    while before >= 2 and not doc.lines[before - 1].strip():
        before -= 1
    if before >= 2 and doc.lines[before - 1].rstrip().endswith(":"):
        return False  # a list's lead-in
    if max(weights) >= 1.0:  # at least one sure menu word
        if total >= 1.8 and total / n >= 0.5:
            return True
        return total >= 1.8 and total / n >= 0.4 and _at_edge(doc, run[0][0], run[-1][0])
    # Only section or month names: a menu at the top or the bottom of the body (where
    # extractors leave them), or a long run of them; a short list mid-article is content.
    if n >= 5 and total / n >= 0.6:
        return True
    known = sum(w > 0 for w in weights)
    return known >= 3 and total / n >= 0.45 and _at_edge(doc, run[0][0], run[-1][0])


def _prose_line(line: str) -> bool:
    return last_char(line) in (".", "!", "?", "…") and word_count(line[:400]) >= 6


def _at_edge(doc: Document, first: int, last: int) -> bool:
    """Whether lines ``first``..``last`` come before the article's first line of prose or
    after its last one (a byline, a tag or markup debris is not prose)."""
    key = "boilerplate:prose-edges"
    if key not in doc.cache:
        lines, body = doc.lines, body_lines(doc)
        if not doc.header_line.startswith("date"):
            body = range(1, doc.line_count + 1)  # no header: the first line is the article's
        top = next((n for n in body if _prose_line(lines[n - 1])), doc.line_count + 1)
        bottom = next((n for n in reversed(body) if n >= top and _prose_line(lines[n - 1])), 0)
        doc.cache[key] = (top, bottom)
    top, bottom = doc.cache[key]
    return last < top or first > bottom


def nav_lines(doc: Document) -> frozenset[int]:
    key = "boilerplate:nav-lines"
    if key not in doc.cache:
        doc.cache[key] = frozenset(n for r in nav_runs(doc) for n in range(r.first_line, r.last_line + 1))
    return doc.cache[key]


# -- B102 and B105: phrases that fill a line, or end one after a sentence ------------------------
class PhraseRegexes(NamedTuple):
    only: re.Pattern[str]  # a newline, then a line that holds only boilerplate (group "p")
    tail: re.Pattern[str]  # after a sentence end to the end of its line: groups line, prefix, section, furniture


@lru_cache(maxsize=16)
def phrase_regexes(extra_line: tuple[str, ...] = (), extra_prefix: tuple[str, ...] = ()) -> PhraseRegexes:
    data = lists()
    line = alternation(data.line_phrases + extra_line)
    prefix = alternation(data.prefix_phrases + extra_prefix)
    sections = alternation([form for s in data.sections for form in (s, s.upper())], fold=False)
    furniture = alternation(sorted(data.furniture))
    return PhraseRegexes(
        re.compile(rf"\n[ \t]*+(?P<p>(?:{line})[ \t]*[:.!»›>→…|–—-]*|(?:{prefix})[^\n]*?)[ \t]*(?=\n|\Z)", re.I),
        re.compile(rf"[.!?…][{re.escape(CLOSERS)}]*+[ \t]++(?:(?P<line>(?i:{line})[ \t]*[:.!]?)"
                   rf"|(?P<prefix>(?i:{prefix})[^\n]*?)|(?P<section>(?:{sections})\.?)"
                   rf"|(?P<furniture>(?i:{furniture})[ \t]*[:!.]?))[ \t]*(?=\n|\Z)"),
    )


def only_lines(doc: Document, regexes: PhraseRegexes) -> dict[int, tuple[int, int]]:
    """Line number -> (start, end) of each body line that holds only boilerplate."""
    key = ("boilerplate:only", id(regexes))
    if key not in doc.cache:
        found = {}
        for m in regexes.only.finditer(doc.text, max(doc.body_start - 1, 0)):
            found[doc.position(m.start("p"))[0]] = (m.start("p"), m.end("p"))
        doc.cache[key] = found
    return doc.cache[key]


def tail_matches(doc: Document, regexes: PhraseRegexes) -> list[re.Match[str]]:
    key = ("boilerplate:tails", id(regexes))
    if key not in doc.cache:
        doc.cache[key] = list(regexes.tail.finditer(doc.text, doc.body_start))
    return doc.cache[key]


# -- B101: captions -------------------------------------------------------------------------------
class Caption(NamedTuple):
    start: int
    end: int
    kind: str  # "caption", "credit" (a paragraph that is only a credit) or "glued-credit" (the credit only)
    paragraph: int


_TOK = r"[A-Z0-9][\w&'’-]*(?:\.[a-z]{2,4})?"
_CSEP = r"(?:[ \t]*/[ \t]*|[ \t]+(?:via|for|and|&|de|van|der|da|di|del|le|la|von)[ \t]+|[ \t]+|,[ \t]*)"


@cache
def _CREDIT_HOOK() -> re.Pattern[str]:  # noqa: N802 - a lazily built constant
    """Every credit holds one of these (lowercased): a cheap test before the credit regex."""
    return re.compile("/|" + alternation(["via", "photo", "image", "pic", "credit", "illustration", "getty",
                                          "shutterstock", "alamy", "istock", "wire", "rex", "epa", "sopa",
                                          "nurphoto", "zuma", "lightrocket"]).replace(r"\b", ""))


_CAPTION_LABEL = lazy_pattern(r"^(?:(?:Image|Media|Photo|Video)[ \t]+)?caption[ \t]*[,:]", re.I)


@lru_cache(maxsize=1)
def credit_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a credit that ends a line, a line that is only a picture agency's name)."""
    data = lists()
    body = rf"{_TOK}(?:{_CSEP}{_TOK}){{0,7}}"
    agency = rf"(?i:{alternation(data.agencies)})"
    names = rf"{_TOK}(?:[ \t]+{_TOK}){{0,3}}"
    labelled = rf"[(\[]?[ \t]*(?i:{alternation(data.labels)})[ \t]*(?::|\bby\b|[–—-])[ \t]*{body}[ \t]*[)\]]?"
    slashed = (rf"[(\[]?(?:{names}[ \t]*/[ \t]*{agency}(?:[ \t]+via[ \t]+{agency})?"
               rf"|{agency}(?:[ \t]+Photo)?[ \t]*/[ \t]*{names}|(?:{names}[ \t]+)?via[ \t]+{agency})[)\]]?")
    tail = re.compile(rf"(?:^|(?<=[\s.!?…]))(?P<credit>{labelled}|{slashed})[ \t]*$")
    lone = re.compile(rf"[ \t]*[(\[]?(?i:{alternation(data.lone_agencies)})[)\]]?[ \t]*")
    return tail, lone


_PICTURED = lazy_pattern(r"\b(?:pictured|is seen|are seen|seen here|poses|posing)\b|\bfile photo\b|"
                         r"\((?:left|right|centre|center|above|below|pictured|top|bottom|inset|file|front)\)", re.I)
_AS = lazy_pattern(r"(?<!\bsuch)(?<!\bas well) as (?!well\b|a result\b|part of\b|much\b|many\b|soon\b|long\b|if\b|though\b)")
_LOC = lazy_pattern(r"\b(?:in|at|outside|inside|near|from|during|across|along|through|towards?|into)\s+(?:the\s+)?[A-Z][a-z]"
                    r"|\b(?:outside|inside|near|beside|alongside|amid|among|in front of)\b"
                    r"|\b(?:today|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b")
_NOT_A_SCENE = lazy_pattern(r"\b(?:I|we|We|you|You|my|My|our|Our|me|us|said|says|told|tells|according|will|would|"
                            r"could|should|must|might|may)\b")
_PROSE_START = frozenset("and but or so because although though while if unless since how why what when where who "
                         "which here there this that these those it they he she its".split())
_DETERMINERS = frozenset("a an the his her their its our my your this that these those to of for each every "
                         "another one some any no".split())
# "The woman who walks…" is a noun phrase (a heading), not a scene: skip relative-clause verbs.
_DETERMINERS_RELATIVES = _DETERMINERS | {"who", "which", "that", "whose"}
_NOT_VERBS = frozenset("was has is does its this his hers theirs yours ours always perhaps across towards as plus "
                       "thus less unless whereas besides was".split())
_TOKENS = lazy_pattern(r"(?:[^\W\d_]|['’-])+")


def headline_case(text: str) -> bool:
    """Headline Style Capitals: most words of four letters or more start with a capital."""
    long_words = [t for t in _TOKENS().findall(text[:300]) if len(t) > 3]
    return len(long_words) >= 4 and sum(t[0].isupper() for t in long_words) >= 0.8 * len(long_words)


# Words that cannot be the verb after a plural subject ("Women in Kabul…", "Voters who…").
_NOT_BASE_VERBS = _DETERMINERS_RELATIVES | _PROSE_START | frozenset(
    "in on at by with from into onto over under after before during about against among between through "
    "without within near and nor yet are were have had will would can could may might must should shall do did "
    "been being be also still now then not never always just only even already often all both".split())
# Words that end like plurals but are not ("-men": Yemen, Bremen; "-s": news, series).
_NOT_PLURALS = frozenset("yemen bremen carmen omen amen abdomen specimen regimen acumen stamen hymen news series "
                         "species means whereas perhaps thus plus this his its was has does yes".split())


def _plural_noun(word: str, plurals: frozenset[str]) -> bool:
    low = word.lower()
    if low in plurals:
        return True
    if len(low) < 4 or low in _NOT_PLURALS or not low.isalpha():
        return False
    return low.endswith("men") or low.endswith("s") and not low.endswith(("ss", "us", "is"))


def _plural_head(tokens: list[str], plurals: frozenset[str]) -> int | None:
    """Where the plural noun that opens a line stands: "Visitors look…" (0), "Aid workers
    unload…" (1, after a capitalised modifier); None when the line does not open on one."""
    if tokens[0].lower() not in _NOT_BASE_VERBS and tokens[1][0].islower() and _plural_noun(tokens[1], plurals):
        return 1
    return 0 if _plural_noun(tokens[0], plurals) else None


def _agreeing_verb(tokens: list[str], head: int, base_verbs: frozenset[str]) -> int | None:
    """The base-form verb that a plural head takes: right after it ("Visitors look"), or after
    a participle phrase ("Trucks carrying food aid wait")."""
    nxt = head + 1
    if tokens[nxt] in base_verbs:
        return nxt
    if tokens[nxt].endswith("ing") and tokens[nxt][0].islower():
        for k in range(nxt + 1, min(len(tokens), nxt + 5)):
            if tokens[k] in base_verbs and tokens[k - 1].lower() not in _DETERMINERS_RELATIVES:
                return k
    return None


def scene_score(text: str) -> int:
    """How much a short unpunctuated line reads like a photo caption; 0 without a scene verb.

    A scene verb weighs 2 (1 when it is only guessed from its shape after a person); an
    opening "A", or a plural subject that takes a base-form verb, a person as subject, an
    "as" clause and a place or time weigh 1 each; first-person or reported speech takes 2 off.
    """
    data = lists()
    tokens = _TOKENS().findall(text[:300])[:14]
    if len(tokens) < 5 or tokens[0].lower() in _PROSE_START:
        return 0
    if headline_case(text):
        return 0  # a heading or title, not a caption
    verb = 0
    subject = next((i for i, t in enumerate(tokens[:6]) if t.lower() in data.subjects), None)
    for i in range(1, min(len(tokens), 12)):
        word = tokens[i]
        if word[0].islower() and word in data.verbs and tokens[i - 1].lower() not in _DETERMINERS_RELATIVES:
            verb = 2
            break
    head = _plural_head(tokens, data.plural_subjects)
    agrees = head is not None and _agreeing_verb(tokens, head, data.base_verbs) is not None
    person = head is not None and (tokens[head].lower() in data.plural_subjects or tokens[head].endswith("men"))
    if not verb and subject is not None and subject + 1 < len(tokens):
        nxt = tokens[subject + 1]
        if (nxt[0].islower() and len(nxt) > 3 and nxt.endswith("s") and not nxt.endswith(("ss", "us", "is"))
                and nxt not in _NOT_VERBS):
            verb = 1  # "A firefighter battles…": a present-tense verb after a person
    if not verb and person and head is not None:
        nxt = tokens[head + 1]
        if (nxt[0].islower() and len(nxt) > 2 and not nxt.endswith(("s", "ed", "ly", "ing"))
                and nxt.lower() not in _NOT_BASE_VERBS):
            verb, agrees = 1, True  # "Fishermen pull…": a base-form verb after people
    if verb < 2 and _PICTURED().search(text):
        verb = 2
    if not verb:
        return 0
    score = verb + (tokens[0] in ("A", "An") or agrees) + (subject is not None or person)
    score += bool(_AS().search(text)) + bool(_LOC().search(text))
    return score - 2 * bool(_NOT_A_SCENE().search(text))


def _unpunctuated(para: Paragraph) -> bool:
    return para.first_line == para.last_line and last_char(para.text) not in (".", "!", "?", "…", ":", ";", ",")


def list_paragraphs(doc: Document) -> set[int]:
    """Unpunctuated one-line paragraphs that form a list: after a lead-in, or short and many."""
    key = "boilerplate:list-paragraphs"
    if key in doc.cache:
        return doc.cache[key]
    paras = doc.paragraphs
    listed: set[int] = set()
    i = 0
    while i < len(paras):
        if not _unpunctuated(paras[i]):
            i += 1
            continue
        j = i
        while j < len(paras) and _unpunctuated(paras[j]):
            j += 1
        run = range(i, j)
        lead_in = i > 0 and paras[i - 1].text.rstrip().endswith(":")
        counts = sorted(word_count(paras[k].text) for k in run)
        if lead_in or (len(run) >= 3 and counts[len(counts) // 2] <= 5):
            listed.update(run)
        i = j
    doc.cache[key] = listed
    return listed


def captions(doc: Document) -> list[Caption]:
    key = "boilerplate:captions"
    if key in doc.cache:
        return doc.cache[key]
    found: list[Caption] = []
    tail_re, lone_re = credit_regexes()
    for para in doc.paragraphs:
        text = para.text.rstrip()
        labelled = "aption" in text[:24] and _CAPTION_LABEL().match(text)
        if not text or text[-1] in ".!?…:;,\"”’'" and not labelled:
            continue  # prose ends in punctuation: the common case, decided cheaply
        if para.first_line in nav_lines(doc) or in_quote(doc, para):
            continue
        if labelled or len(text) <= 60 and lone_re.fullmatch(text):
            kind = "caption" if labelled else "credit"
            found.append(Caption(para.start, para.start + len(text), kind, para.index))
            continue
        tail_from = max(text.rfind("\n") + 1, len(text) - 160)
        m = tail_re.search(text, tail_from) if _CREDIT_HOOK().search(text[tail_from:].lower()) else None
        if m:
            rest = text[: m.start("credit")].strip()
            if not rest or (word_count(rest) <= 30 and "\n" not in rest and not re.search(r"[.!?]\s", rest)):
                kind = "caption" if rest else "credit"
                found.append(Caption(para.start, para.start + len(text), kind, para.index))
            else:
                found.append(Caption(para.start + m.start("credit"), para.start + m.end("credit"),
                                     "glued-credit", para.index))
            continue
        if (_unpunctuated(para) and not BULLET().match(text) and text[0].isupper() and len(text) <= 320
                and 5 <= word_count(text) <= 45 and scene_score(text) >= 4 and para.index not in list_paragraphs(doc)):
            found.append(Caption(para.start, para.start + len(text), "caption", para.index))
    doc.cache[key] = found
    return found


# -- B105: metadata lines -------------------------------------------------------------------------
class Metadata(NamedTuple):
    start: int
    end: int
    line: int
    whole_line: bool
    what: str


_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
                      "fri sat sun".split())
_DATE_WORDS = _MONTHS | _WEEKDAYS | frozenset(
    "gmt bst utc et est edt ct cst cdt pt pst pdt mt mst cet cest eet ist aest aedt jst hkt sgt msk am pm "
    "at on ago hour hours hr hrs minute minutes min mins day days week weeks".split())
_DT_TOKEN = lazy_pattern(r"[ \t]*(?:(?P<ampm>[AaPp]\.[Mm]\.)|(?P<num>\d{1,4}(?:[:.]\d{2})?(?:st|nd|rd|th)?)"
                         r"|(?P<word>[A-Za-z]+)\.?|(?P<punct>[,|/·•()+–—-]))")
_STAMP_KEY = lazy_pattern(r"[ \t]*(?:Last[ \t]+)?(?:Updated|Published|Posted|Modified|First[ \t]+published|Created|"
                          r"Originally[ \t]+published)(?:[ \t]+(?:on|at))?[ \t]*:?", re.I)
_READ_TIME = lazy_pattern(r"[ \t]*(?:(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)[ \t-]*"
                          r"min(?:ute)?s?\.?[ \t]+read|(?:Estimated[ \t]+)?reading[ \t]+time:?[ \t]*\d{1,3}[ \t]*"
                          r"min(?:ute)?s?)\b", re.I)
_COPYRIGHT = lazy_pattern(r"[ \t]*(?:©|\([cC]\)[ \t]*\d{4}|Copyright[ \t]*(?:©[ \t]*)?\d{4}|Copyright[ \t]+©)")
_PARTICLES = r"(?:de|van|der|von|da|di|del|al|el|bin|le|la)"


@cache
def _CASED() -> tuple[str, str]:  # noqa: N802 - a lazily built constant
    """Regex class bodies of the capital and the small letters of the Latin, Greek and Cyrillic
    alphabets: bylines name people from every culture (Lucía, Łukasz, Şebnem, Ngọc)."""
    upper: list[int] = []
    lower: list[int] = []
    for code in (*range(0x41, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00)):
        char = chr(code)
        if char.isalpha():
            (upper if char.isupper() else lower if char.islower() else []).append(code)

    def ranges(codes: list[int]) -> str:
        spans: list[list[int]] = []
        for code in codes:
            if spans and code == spans[-1][1] + 1:
                spans[-1][1] = code
            else:
                spans.append([code, code])
        return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in spans)

    return ranges(upper), ranges(lower)


@cache
def _BYLINE() -> re.Pattern[str]:  # noqa: N802 - a lazily built constant
    up, low = _CASED()
    name = rf"(?:[{up}][{low}'’-]*(?:[{up}][{low}'’-]+)?|[{up}]\.|[{up}]{{2,}}|{_PARTICLES})"
    more = rf"(?:[ \t]+{name}){{1,4}}"
    role = rf"(?:[{up}][\w'’.&-]*|in|for|of|and|the|at|on|&)"
    return re.compile(
        rf"[ \t]*(?:By|BY)[ \t]+(?P<first>[{up}{low}]+){more}"
        rf"(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+){name}{more}){{0,3}}"
        rf"(?:(?:[ \t]*[,|·•][ \t]*|[ \t]+[–—-][ \t]+|[ \t]+(?:for|in)[ \t]+){role}(?:[ \t]+{role}){{0,7}})?[ \t]*")


_DATE_PREFIXES = frozenset(w[:3] for w in _MONTHS | _WEEKDAYS)
_NOT_NAMES = _MONTHS | _WEEKDAYS | frozenset("christmas easter new now then this that far night day noon midnight "
                                             "tonight tomorrow order law contrast comparison".split())


def _date_run(text: str, pos: int) -> tuple[int, set[str]]:
    """Consume date and time tokens from ``pos``: (end of the last one, kinds seen). Right
    after a time, two to five capitals are a time zone ("10:41 AM BRT", "09:30 WIB")."""
    end, after_time = pos, False
    kinds: set[str] = set()
    while True:
        m = _DT_TOKEN().match(text, pos)
        if not m or m.end() == pos:
            return end, kinds
        if m.group("word") is not None:
            raw = m.group("word")
            word = raw.lower()
            if word in _DATE_WORDS:
                kinds.add("month" if word in _MONTHS else "weekday" if word in _WEEKDAYS else "word")
                after_time = word in ("am", "pm")
            elif after_time and 2 <= len(raw) <= 5 and raw.isupper():
                kinds.add("word")
                after_time = False
            else:
                return end, kinds
        elif m.group("num") is not None:
            num = m.group("num")
            after_time = ":" in num or "." in num
            kinds.add("time" if after_time else "day" if int(re.sub(r"\D", "", num)) <= 31 else "year")
            kinds.add("digit")
        elif m.group("ampm") is not None:
            kinds.add("word")
            after_time = True
        else:
            kinds.add("slash" if m.group("punct") == "/" else "punct")
            pos = m.end()
            continue  # punctuation never ends a run on its own
        pos = end = m.end()


def _is_date(kinds: set[str]) -> bool:
    return ("month" in kinds and "day" in kinds) or ("slash" in kinds and "day" in kinds and "year" in kinds) or (
        "time" in kinds and bool(kinds & {"month", "weekday", "word"}))


# A line can be metadata only if it is short, or opens with one of these (a byline, a
# copyright line, a reading time or a timestamp glued to the text).
_META_FIRST = frozenset("0123456789©(BUPMFCOLRE")


def metadata(doc: Document) -> list[Metadata]:
    key = "boilerplate:metadata"
    if key in doc.cache:
        return doc.cache[key]
    found: list[Metadata] = []
    lone_dates: list[Metadata] = []
    lines, lengths, nav = doc.lines, line_lengths(doc), nav_lines(doc)
    for number in body_lines(doc):
        size = lengths[number - 1]
        if not size or size > 400:
            continue
        line = lines[number - 1]
        if size > 60 and line[0] not in _META_FIRST and not (
                size <= 200 and ("|" in line or "·" in line or "•" in line) and _SEPARATORS().search(line)):
            continue
        if line.strip() and number not in nav:
            item = _metadata_line(doc, number, line)
            if item is not None and not doc.in_quote(item.start):
                (lone_dates if item.what == "lone date" else found).append(item)
    flagged = {item.line for item in found}
    for m in tail_matches(doc, phrase_regexes()):
        if m.group("furniture") and m.group("furniture")[0].isupper() and not doc.in_quote(m.start("furniture")):
            number = doc.position(m.start())[0]
            if number not in flagged and number not in nav:
                found.append(Metadata(m.start("furniture"), m.end("furniture"), number, False, "page furniture"))
    if len(lone_dates) == 1:  # two or more bare dates are a timeline's headings
        found.append(lone_dates[0]._replace(what="date line"))
    found.sort(key=lambda item: item.start)
    doc.cache[key] = found
    return found


def _metadata_line(doc: Document, number: int, line: str) -> Metadata | None:
    """What metadata a line holds, if any (the line alone, or items joined by bars or dots)."""
    found = _classify(line)
    if found is None and ("|" in line or "·" in line or "•" in line) and len(line) <= 200:
        found = _joined(line)
    if found is None:
        return None
    a, b, what = found
    at = doc.line_starts[number - 1]
    return Metadata(at + a, at + b, number, not line[:a].strip() and not line[b:].strip(), what)


def _classify(line: str) -> tuple[int, int, str] | None:
    """(start, end, what) of the metadata that opens ``line``; checks are picked by its first character."""
    lead = len(line) - len(line.lstrip())
    stripped = line.strip()
    first = stripped[0]
    if len(stripped) <= 60 and _furniture_start(stripped) and norm(stripped) in lists().furniture:
        return lead, len(line.rstrip()), "page furniture"
    if first == "B" and stripped[:3] in ("By ", "BY ") and len(line) <= 160:
        m = _BYLINE().fullmatch(line)
        if m and m.group("first").lower() not in _NOT_NAMES:
            return lead, len(line.rstrip()), "byline"
    if first in "©(C" and len(stripped) <= 120 and _COPYRIGHT().match(line):
        return lead, len(line.rstrip()), "copyright line"
    if first.isdigit() or first in "OTFSENRreotfsn":
        m = _READ_TIME().match(line)
        if m and (not line[m.end():].strip() or line[m.end():].lstrip()[:1].isupper()):
            return lead, m.end(), "reading time"
    if first in "UPMFCOLupmfcol":
        m = _STAMP_KEY().match(line)
        if m:
            end, kinds = _date_run(line, m.end())
            rest = line[end:].strip()
            if "digit" in kinds and (not rest or rest[0].isupper() and kinds & {"month", "time"}):
                return lead, end, "timestamp"
    if len(stripped) <= 60 and (first.isdigit() or stripped[:3].lower() in _DATE_PREFIXES):
        end, kinds = _date_run(line, 0)
        if not line[end:].strip() and _is_date(kinds):
            return lead, end, "date line" if "time" in kinds else "lone date"
    return None


_STRONG = ("byline", "timestamp", "reading time", "copyright line")


def _joined(line: str) -> tuple[int, int, str] | None:
    """Several items joined by `|`, `·` or `•` ("By Jane Doe | 5 min read"): metadata when
    every item is metadata on its own, or a menu word next to a byline, timestamp or reading time."""
    parts = [p.strip() for p in _SEPARATORS().split(line)]
    if len(parts) < 2 or not all(parts):
        return None
    kinds: list[str] = []
    menu = False
    for part in parts:
        found = _classify(part)
        if found is not None and found[0] == 0 and found[1] == len(part):
            what = "date" if found[2] in ("lone date", "date line") else found[2]
            if what not in kinds:
                kinds.append(what)
        elif lists().navigation.get(norm(part), 0) > 0 and not _NOT_AN_ITEM().search(part):
            menu = True
        else:
            return None
    if menu and not any(k in _STRONG for k in kinds) or not kinds:
        return None
    what = kinds[-1] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    return len(line) - len(line.lstrip()), len(line.rstrip()), what


def _furniture_start(text: str) -> bool:
    word = text.split(None, 1)[0]
    if word[0].isdigit() and " " in text:
        word = text.split(None, 2)[1]
    return word.lower().replace("’", "'").strip(":!.") in _FURNITURE_FIRST_WORDS()


@cache
def _FURNITURE_FIRST_WORDS() -> frozenset[str]:  # noqa: N802 - a lazily built constant
    return frozenset(entry.split()[0] for entry in lists().furniture)


# -- B103: where the article really ends ----------------------------------------------------------
SIGN_OFF = lazy_pattern(r"[ \t(\[]*(?:[–—-][ \t]*)?(?:(?:Additional[ \t]+)?reporting|Writing|Editing|Compiled|Produced|"
                        r"Contributing|Research)[ \t]+(?:by|from)\b|[ \t]*Follow[ \t]+\S+[ \t]+on\b|.*(?:@\w+|https?://\S+)\s*$",
                        re.I)


def is_debris(doc: Document, para: Paragraph) -> bool:
    """A paragraph that the B rules take for debris (or a credit line such as "Reporting by…")."""
    key = "boilerplate:debris-views"
    if key not in doc.cache:
        doc.cache[key] = ({c.paragraph for c in captions(doc) if c.kind != "glued-credit"},
                          {m.line for m in metadata(doc) if m.whole_line} | nav_lines(doc))
    caption_paras, debris_lines = doc.cache[key]
    if para.index in caption_paras:
        return True
    only = only_lines(doc, phrase_regexes())
    return all(n in debris_lines or n in only or SIGN_OFF().match(doc.lines[n - 1])
               for n in range(para.first_line, para.last_line + 1))
