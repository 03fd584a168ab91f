"""Who said what: the people an article names and the speaker each quote is attributed to.

The model reads the paragraphs once, with quoted words masked so that names and verbs inside
speech are not taken for the writer's own. It finds capitalised name runs (with titles,
particles and hyphens, so names from any culture work), unnamed people (“the minister”, “a
witness”), and attributions: ``“…,” X said``, ``“…,” said X``, ``X said: “…”``, ``X said
that …``, ``according to X``, appositives (“the health minister, Anna Kowalski,”) and
pronouns. Pronouns are resolved in reading order against the people named since the last
attribution. Gender is never guessed from a first name: only titles (Mr, Ms, Dame), gendered
nouns (“his wife”, “a mother of two”) and pronouns already used for a person count.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import regex

from lintnews.quotes import QUOTE_CHARS, scan_quotes

if TYPE_CHECKING:
    from lintnews.document import Document, Quote


class _lazy:  # noqa: N801 - used like regex.compile
    """A ``regex`` pattern compiled on first use, so that importing the module stays cheap; the
    compiled pattern's methods are then kept on the instance and found directly."""

    def __init__(self, source: str) -> None:
        self._source = source

    def __getattr__(self, name: str) -> Any:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = regex.compile(self._source)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


MASK = "\ue000"
LISTS = ("speech_verbs", "male_titles", "female_titles", "neutral_titles", "male_nouns", "female_nouns",
         "person_nouns", "org_nouns", "non_name_words", "leading_words", "title_cues", "adverbs")
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}
PRONOUNS = {"he": "m", "she": "f", "they": "", "we": "", "i": "", "it": "", "you": ""}
DETERMINERS = frozenset("a an the one another this that his her their its our my your every each".split())
PREPOSITIONS = frozenset("of for at in from with to on by who whose which that as".split())
BOUNDARY_WORDS = frozenset("and but or so yet while as because when after before since although "
                           "though if that where whereas whether then".split())
_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Rev",
                  "Jr", "Sr", "St", "Fr", "Det", "Supt", "Cllr", "Hon", "Mme")
_ABBR = rf"(?:{'|'.join(_ABBREVIATIONS)})\."
_WORD = r"(?:(?:al|el|ad|ash|bin|ben|ibn|abu)-)?\p{Lu}[\p{L}\p{M}]*(?:[’'\-]\p{L}[\p{L}\p{M}]*)*"
_NAMEWORD = rf"(?:{_ABBR}|\p{{Lu}}\.(?:\p{{Lu}}\.)*(?!\w)|{_WORD})"
_PARTICLE = r"(?:de|da|das|do|dos|del|della|der|den|di|du|la|le|van|von|ten|ter|bin|bint|binti|ibn|abu|al|el|y|zu)"
NAME_RUN = _lazy(rf"(?<![\p{{L}}\p{{M}}\d])(?:{_NAMEWORD})(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAMEWORD})*")
WORDS = _lazy(r"[\p{L}\p{M}\d][\p{L}\p{M}\d’'\-]*")
SENTENCE_END = _lazy(r"[.!?…][”\"’»)]*[ \t\n]+(?=[\p{Lu}“\"‘«(\d])")
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Most paragraphs hold only Latin letters and common punctuation. For them NAME_RUN, WORDS and
# SENTENCE_END also exist as plain ``re`` patterns (much faster), with the Unicode classes
# spelled out for those characters as the regex module itself reads them: same matches.
_FAST_EXTRA = "\ue000“”‘’„‚«»—–…"
_NOT_FAST = re.compile("[^\\x00-\\u024f" + _FAST_EXTRA + "]")
_PREFIXED = re.compile(r"(?:al|el|ad|ash|bin|ben|ibn|abu)-")  # al-Sayed: a name that starts in lowercase


@lru_cache(maxsize=1)
def _fast_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """NAME_RUN, WORDS and SENTENCE_END for text that ``_NOT_FAST`` finds nothing in."""
    chars = "".join(map(chr, range(0x250))) + _FAST_EXTRA

    def members(prop: str) -> str:
        """The characters with the property, as ranges for a character class."""
        codes = [ord(c) for c in regex.findall(prop, chars)]
        out = []
        k = 0
        while k < len(codes):
            j = k
            while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
                j += 1
            out.append(f"\\u{codes[k]:04x}" + (f"-\\u{codes[j]:04x}" if j > k else ""))
            k = j + 1
        return "".join(out)

    upper, letter, mark_letter = members(r"\p{Lu}"), members(r"\p{L}"), members(r"[\p{L}\p{M}]")
    word_start, word_char, digit = members(r"[\p{L}\p{M}\d]"), members(r"\w"), members(r"\d")
    lu, lm, w = f"[{upper}]", f"[{mark_letter}]", f"[{word_char}]"
    name_word = (rf"(?:{_ABBR}|{lu}\.(?:{lu}\.)*(?!{w})"
                 rf"|(?:(?:al|el|ad|ash|bin|ben|ibn|abu)-)?{lu}{lm}*(?:[’'\-][{letter}]{lm}*)*)")
    # The first word starts with a capital (no al- in the text): matched first, so that re
    # skips ahead to capitals, and the rest of each alternative checked behind it.
    abbrs: dict[str, list[str]] = {}
    for abbr in _ABBREVIATIONS:
        abbrs.setdefault(abbr[0], []).append(abbr[1:])
    abbr_rest = "|".join(f"(?<={first})(?:{'|'.join(rest)})" for first, rest in abbrs.items())
    first_word = (rf"{lu}(?<![{word_start}].)(?:(?:{abbr_rest})\.|\.(?:{lu}\.)*(?!{w})"
                  rf"|{lm}*(?:[’'\-][{letter}]{lm}*)*)")
    name_run = re.compile(rf"{first_word}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{name_word})*")
    words = re.compile(rf"[{word_start}][{word_start}’'\-]*")
    sentence_end = re.compile(rf"[.!?…][”\"’»)]*[ \t\n]+(?=[{upper}“\"‘«({digit}])")
    return name_run, words, sentence_end


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """The word lists the model reads; loaded from ``rules/data/attribution.toml``."""

    words: dict[str, frozenset[str]]
    male: frozenset[str] = frozenset()
    female: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()  # nouns for a person, gendered or not
    titles: frozenset[str] = frozenset()  # words that may stand before a name
    watch: frozenset[str] = frozenset()  # speech verbs and nouns for people, with possessives

    @classmethod
    def build(cls, words: dict[str, frozenset[str]]) -> Lexicon:
        male = words["male_titles"] | words["male_nouns"]
        female = words["female_titles"] | words["female_nouns"]
        people = words["person_nouns"] | words["male_nouns"] | words["female_nouns"]
        titles = words["male_titles"] | words["female_titles"] | words["neutral_titles"] | people
        watch = people | {w + s for w in people for s in ("’s", "'s")} | words["speech_verbs"]
        return cls(words, male, female, people, titles, frozenset(watch))

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.words[name]


@lru_cache(maxsize=65536)
def _word_facts(lex: Lexicon, word: str) -> tuple[str | None, bool, bool]:
    """(gender, names a person, may stand before a name as a title) for one word, cached."""
    w = _lower_head(word)
    head = w.split("-", 1)[0]
    gender = None
    if w in lex.male or (w not in lex.female and head in lex.male):
        gender = "m"
    elif w in lex.female or head in lex.female or w.startswith(("mother-of", "grandmother-of")):
        gender = "f"
    person = w in lex.people
    title = w in lex.titles or head in lex.titles
    return gender, person, title


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    from lintnews_rules._data import data_path

    return load_lexicon(data_path("attribution.toml"))


def load_lexicon(path) -> Lexicon:
    """Read a lexicon file; a missing or unknown list or key is a DataError naming the file."""
    from lintnews_rules._data import DataError, check_entries, load_table

    data = load_table(path, {"version": int, "list": list})
    words: dict[str, frozenset[str]] = {}
    for entry in check_entries(data.get("list"), {"name", "words"}, {"note"}, str(path), {"words": list}):
        if entry["name"] not in LISTS:
            raise DataError(f"{path}: unknown list {entry['name']!r} (expected {', '.join(LISTS)})")
        if not all(isinstance(w, str) for w in entry["words"]):
            raise DataError(f"{path}: {entry['name']}: words must be strings")
        words[entry["name"]] = frozenset(w.lower() for w in entry["words"])
    missing = [name for name in LISTS if name not in words]
    if missing:
        raise DataError(f"{path}: missing list {missing[0]!r}")
    return Lexicon.build(words)


@dataclass(slots=True)
class Evidence:
    gender: str
    offset: int
    why: str


@dataclass(eq=False, slots=True)
class Person:
    """Someone the article names; ``tokens`` is the fullest form of the name seen."""

    tokens: tuple[str, ...]
    first_offset: int
    evidence: list[Evidence] = field(default_factory=list)
    last_offset: int = 0
    genders: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def gender(self) -> str | None:
        """The gender the evidence agrees on; None when there is none or it conflicts."""
        return self.genders[0] if len(self.genders) == 1 else None

    def add_evidence(self, evidence: Evidence) -> None:
        """Keep the first two pieces of evidence of each gender (enough to explain a finding)."""
        if evidence.gender not in self.genders:
            self.genders = (*self.genders, evidence.gender)
        if sum(e.gender == evidence.gender for e in self.evidence) < 2:
            self.evidence.append(evidence)

    def evidence_for(self, gender: str) -> Evidence | None:
        return next((e for e in self.evidence if e.gender == gender), None)


@dataclass(eq=False, slots=True)
class Referent:
    """Someone unnamed (“the minister”, “a spokeswoman”), or an organisation when ``org``."""

    text: str
    offset: int
    gender: str | None = None
    org: bool = False

    @property
    def name(self) -> str:
        return self.text


Speaker = Person | Referent


@dataclass(eq=False, slots=True)
class Attribution:
    """One speaker expression and the quotes it attributes (none for indirect speech).

    ``form`` is after (“…,” X said), inverted (“…,” said X), before (X said: “…”), partial
    (a quote inside reported speech), according (according to X) or indirect (X said that …).
    For a pronoun, ``status`` says how it resolved: resolved, ambiguous, mismatch or
    unreferenced; ``candidates`` are the people it could refer to, or the one it contradicts.
    """

    start: int
    end: int
    form: str
    text: str
    verb: str = ""
    quotes: list[Quote] = field(default_factory=list)
    pronoun: str = ""
    speaker: Speaker | None = None
    status: str = ""
    confident: bool = True
    candidates: list[Speaker] = field(default_factory=list)

    @property
    def gender(self) -> str:
        return PRONOUNS.get(self.pronoun, "")


@dataclass(slots=True)
class Analysis:
    people: list[Person] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    speech: set[int] = field(default_factory=set)  # start offsets of quotes that are speech
    quote_attribution: dict[int, Attribution] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class Run:
    """A capitalised run of words: a name (with its title), a bare title, or another proper noun."""

    start: int  # global offsets of the name part (or of the whole run for titles and others)
    end: int
    kind: str  # person, single, title, other
    tokens: tuple[str, ...]
    title_gender: str | None = None
    title: str = ""
    speaker: bool = False
    person: Person | None = None
    full_start: int = -1  # global offset of the run with its title
    context: tuple[Lexicon, str, int, int] | None = None  # masked paragraph and the run's span in it
    _near: tuple[str | None, bool] | None = None

    def near(self) -> tuple[str | None, bool]:
        """(gender of a noun for a person next to the name, whether such a noun introduces it:
        his wife, Mona), read from the paragraph on first use."""
        if self._near is None:
            self._near = _near_gender(*self.context) if self.context is not None else (None, False)
        return self._near


@dataclass(slots=True)
class Phrase:
    """A parsed speaker expression (paragraph-local offsets)."""

    start: int
    end: int
    kind: str  # pronoun, name, role, org
    text: str
    run: Run | None = None
    gender: str | None = None


def analyse(doc: Document, lexicon: Lexicon | None = None) -> Analysis:
    """The attribution analysis of ``doc``, computed once and kept in ``doc.cache``."""
    cached = doc.cache.get("lintnews.attribution")
    if cached is None:
        if not scan_quotes(doc).quotes:
            cached = Analysis()
        else:
            cached = _Reader(doc, lexicon or default_lexicon()).read()
        doc.cache["lintnews.attribution"] = cached
    return cached


def attributions(doc: Document) -> list[Attribution]:
    return analyse(doc).attributions


_LOWER_RUN = re.compile(r"[a-z]+")
# He or she as a word. Only ASCII letters and digits are tested around it: a few more matches
# than the masked text's words can give (after é, before ñ), never fewer.
_PRONOUN_HERE = re.compile(r"(?<![A-Za-z0-9])(?:[Hh][Ee]|[Ss][Hh][Ee])(?![A-Za-z0-9’'\-])")
_NOT_A_WORD = r"[^\p{L}\p{M}\d,.;:!?()\[\]“”\"«»„\ue000]*"  # no word and no boundary (_BOUND)
_ADVERB = r"[\p{L}\p{M}][\p{L}\p{M}’'\-]*[ \t\n]+"


def may_attribute_to_pronoun(doc: Document, lexicon: Lexicon | None = None) -> bool:
    """False when ``analyse(doc)`` cannot give a quote to “he” or “she”, so that rules about
    pronoun attributions can skip the analysis.

    A speaker phrase “he” or “she” is found before a speech verb (she said; she quietly said;
    she, like many, said) or right after one (said she), in a paragraph with a quote. The test
    looks for those shapes in the raw text, a superset of what the masked text can give."""
    cached = doc.cache.get("lintnews.attribution.pronoun")
    if cached is None:
        cached = doc.cache["lintnews.attribution.pronoun"] = _may_attribute_to_pronoun(doc, lexicon)
    return cached


@lru_cache(maxsize=8)
def _pronoun_shapes(lex: Lexicon) -> tuple[frozenset[str], regex.Pattern] | None:
    """The speech verbs and a pattern for what may follow a pronoun that speaks (a comma, or
    adverbs and a verb); None when some verb is not a plain lowercase word (a run of a-z)."""
    verbs = lex["speech_verbs"]
    if not all(_LOWER_RUN.fullmatch(v) for v in verbs):
        return None
    verb = "(?:" + "|".join(sorted(verbs, key=lambda v: (-len(v), v))) + ")"
    return verbs, regex.compile(rf"{_NOT_A_WORD}(?:(,)|(?:{_ADVERB}){{0,4}}{verb})")


def _may_attribute_to_pronoun(doc: Document, lexicon: Lexicon | None) -> bool:
    quotes = scan_quotes(doc).quotes
    if not quotes:
        return False
    found = _pronoun_shapes(lexicon or default_lexicon())
    if found is None:
        return True
    verbs, after = found
    paragraphs = doc.paragraphs
    for index in sorted({q.paragraph for q in quotes}):
        text = paragraphs[index].text
        has_verb: bool | None = None
        for match in _PRONOUN_HERE.finditer(text):
            shape = after.match(text, match.end())
            if shape is not None:
                if shape.group(1) is None:
                    return True  # she said, she quietly said
                if has_verb is None:
                    has_verb = not verbs.isdisjoint(_LOWER_RUN.findall(text))
                if has_verb:
                    return True  # she, like many, said
            end = match.start()
            while end > 0 and text[end - 1] in " \t\n":
                end -= 1
            start = end
            while start > 0 and "a" <= text[start - 1] <= "z":
                start -= 1
            if text[start:end] in verbs or text.endswith("according to", 0, end):
                return True  # said she
    return False


_PLURAL_VERBS = frozenset("say tell add warn claim argue insist believe think agree admit deny note explain "
                          "predict estimate".split())
_AUXILIARIES = frozenset("was were is are be been being has have had do does did will would can could should "
                         "may might must".split())


def _plural(noun: str, people: frozenset[str]) -> bool:
    """Officials, lawmakers, measures: a group, not one person a pronoun like she can take."""
    if noun in people:
        return False
    return noun.endswith(("men", "people", "children")) or (
        noun.endswith("s") and not noun.endswith(("ss", "us", "is", "’s", "'s")))


def _lower_head(word: str) -> str:
    w = word.lower().rstrip(".")
    for suffix in ("’s", "'s"):
        if w.endswith(suffix):
            return w[: -len(suffix)]
    return w.rstrip("’'")


_EVENT_ORDER = itemgetter(0, 1)  # events sort by offset, then names and people before attributions


class _Reader:
    def __init__(self, doc: Document, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lex = lexicon
        self.scan = scan_quotes(doc)
        self.person_words = lexicon.people
        self.watch = lexicon.watch
        self.verbs = lexicon["speech_verbs"]
        self.analysis = Analysis()
        self.runs: list[Run] = []
        self.referents: list[Referent] = []
        self.by_np: dict[tuple[int, int], Attribution] = {}
        self.echoes: dict[int, tuple[str, int]] = {}
        # (offset, masked text, unmasked spans) of each paragraph read, in order
        self.masked: list[tuple[int, str, list[tuple[int, int]]]] = []
        self.paragraph_starts: list[int] = []
        self._pronouns: dict[int, dict[str, list[int]]] = {}  # he/his/him, she/her by paragraph
        self.sentence_ends: list[int] = []  # global offsets where sentences end, in order

    # -- small helpers ---------------------------------------------------------------------
    def gender_of(self, word: str) -> str | None:
        return _word_facts(self.lex, word)[0]

    def is_person_word(self, word: str) -> bool:
        return _word_facts(self.lex, word)[1]

    def is_title(self, word: str) -> bool:
        return _word_facts(self.lex, word)[2]

    # -- reading ---------------------------------------------------------------------------
    def read(self) -> Analysis:
        quotes_by_para: dict[int, list[Quote]] = {}
        for q in self.scan.quotes:
            quotes_by_para.setdefault(q.paragraph, []).append(q)
        events: list[tuple[int, int, object]] = []
        last = self.scan.quotes[-1].paragraph  # nothing after the last quote changes who said it
        for para in self.doc.paragraphs[: last + 1]:
            quotes = quotes_by_para.get(para.index, [])
            _Paragraph(self, para, quotes).read(events)
        self._groups()
        events.sort(key=_EVENT_ORDER)
        _Resolver(self).run(events)
        self.analysis.attributions.sort(key=lambda a: a.start)
        return self.analysis

    def _groups(self) -> None:
        """A quote running over several paragraphs shares the attribution of any of its parts."""
        quotes = self.scan.quotes
        qa = self.analysis.quote_attribution
        for group in self.scan.groups:
            attr = next((qa[quotes[k].start] for k in group if quotes[k].start in qa), None)
            if attr is None:
                continue
            for k in group:
                q = quotes[k]
                if q.start not in qa:
                    qa[q.start] = attr
                    attr.quotes.append(q)
                    self.analysis.speech.add(q.start)
            attr.quotes.sort(key=lambda q: q.start)

    def pronoun_between(self, gender: str, lo: int, hi: int) -> bool:
        """Is there a he/his/him (gender m) or she/her (f) outside quotes between the offsets?
        Each paragraph is searched once, when first asked about."""
        if gender not in ("m", "f"):
            # A pronoun phrase like “she -” has no gender and always raised here; kept as it was.
            raise KeyError(gender)
        k = max(0, bisect.bisect_right(self.paragraph_starts, lo) - 1)
        while k < len(self.masked) and self.paragraph_starts[k] < hi:
            found = self._pronouns.get(k)
            if found is None:
                found = self._pronouns[k] = _gendered_pronouns(*self.masked[k])
            offsets = found[gender]
            j = bisect.bisect_left(offsets, lo)
            if j < len(offsets) and offsets[j] < hi:
                return True
            k += 1
        return False

    def sentence_end(self, offset: int) -> int:
        k = bisect.bisect_right(self.sentence_ends, offset)
        return self.sentence_ends[k] if k < len(self.sentence_ends) else len(self.doc.text)


_KEEP_AT_END = frozenset(",.!?…—–-")
_BOUND = frozenset(",.;:!?()[]“”\"«»„" + MASK)
_QUOTE_OR_MASK = QUOTE_CHARS | {MASK}
_GAP_BEFORE = re.compile(r"[ \t]*(?:that[ \t]*)?[:,]?[ \t\n]*")
_GAP_OBJECT = re.compile(r"[ \t]+[^.!?;:“”\"«»\ue000\n]{1,60}?[:,][ \t\n]*")
_AFTER_OPEN = re.compile(r"[ \t]*(?:[,—–-][ \t]*)?")
_TAIL = re.compile(r"[ \t]*(?:(?:in|on|at|to)[ \t]+[^.!?“”\"\ue000]{1,40}?)?[ \t]*(?:[.!?][”\"’]?)?[ \t]*")
# (?r) searches from the end backwards: the same match as a forward search, without trying
# every start in the window.
_LAST_WORD = _lazy(r"(?r)([\p{L}\p{M}][\p{L}\p{M}’'\-]*)[ \t\n]*$")
_PLACE_BEFORE = re.compile(r"(?:^|[ \t(])(?:[Ii]n|at|near|across|outside|inside|around|into|towards|through|"
                           r"between)[ \t]+$")
_LIST_GAP = re.compile(r"[ \t]*(?:,|,?[ \t]+and|,?[ \t]+or)[ \t]+")
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)")
_AFTER_AGE = frozenset("was is has had who said told died will would could can and or but from of in at on with "
                       "appeared pleaded denies denied".split())
_REPORTED = re.compile(r"[ \t]+(?:that[ \t]+)?(she|he)(?![\w’'])")
_OWNER = re.compile(r"[ \t]+(?:of|at|from|for|with)(?:[ \t]+the)?[ \t]+$")
_LIST_AHEAD = _lazy(r"(?:[ \t]*,[ \t]*\p{Lu}[\p{L}\p{M}’'\-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}’'\-]*){0,3}){0,8}"
                            r"[ \t]*,?[ \t]+(?:and|or)[ \t]+\p{Lu}")
_GENDERED_PRONOUN = re.compile(r"(?<![\w’'\-])(?:[Hh](?:e|im|is|imself|er|ers|erself)|[Ss]he)(?![\w’'\-])")
_NOUN_BEFORE = _lazy(r"(?r)([\p{L}\p{M}][\p{L}\p{M}’'\-]*)[ \t]*,?[ \t]*$")
_OWN_POSSESSIVE = re.compile(r"[ \t]+(?:and|with)[ \t]+(his|her)[ \t]")
_AGE = re.compile(r"(?<![\w-])\d+-year-old(?![\w-])")
_NOT_NEWLINE = re.compile(r"[^\n]")
_JOINER = re.compile(r"[ \t]+(?:of|for|on|and)(?:[ \t]+the)?[ \t]+$")
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z\d][\w’'\-]*")
_ACCORDING = _lazy(r"\b[Aa]ccording to[ \t]+")
_ABBR_END = _lazy(rf"(?:{_ABBR}|(?<!\w)\p{{Lu}}\.)$")
_TOKEN = _lazy(r"\S+")
_APPOSITIVE = _lazy(r"[ \t]*,[ \t]*(?:\d+[ \t]*,[ \t]*)?(?:a|an|the|his|her|their|[\p{L}]+[’']s)[ \t]+"
                            r"([^,.;:!?“”\"\ue000()]{1,60})")
_SPACES = re.compile(r"[ \t]+")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_ACCORDING_HERE = re.compile(r"according to[ \t]+")


@lru_cache(maxsize=65536)
def _run_tokens(lex: Lexicon, word: str) -> tuple[tuple[tuple[int, int, str], ...], tuple[str, ...]] | None:
    """The words of a capitalised run, with their offsets within it and alone, once leading
    words (The, But), name suffixes (Jr) and an owner before a possessive are dropped; None
    when nothing is left."""
    leading = lex["leading_words"]
    if " " not in word and "\t" not in word:
        if word.lower() in leading:
            return None  # The, But, However: a capital at the start of a sentence
        toks = [(0, len(word), word)]
    else:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(word)]
    while toks and toks[0][2].lower().rstrip(".") in leading and not _word_facts(lex, toks[0][2])[2]:
        toks.pop(0)
    while toks and toks[-1][2].lower() in SUFFIXES and len(toks) > 1:
        toks.pop()
    for k in range(len(toks) - 2, -1, -1):
        if toks[k][2].endswith(("’s", "'s")):
            del toks[: k + 1]  # Britain’s Chancellor …: the owner is not part of the name
            break
    return (tuple(toks), tuple(t[2] for t in toks)) if toks else None


@lru_cache(maxsize=65536)
def _run_shape(lex: Lexicon, words: tuple[str, ...], after_title: bool
               ) -> tuple[str, tuple[str, ...], str | None, str, int, int]:
    """What a run of words is, from the words alone: (kind, the name's words, title gender,
    title, index of the name's first word, characters cut from the end for a possessive).
    ``after_title``: the run is joined by of/for to a title run before it."""
    last = words[-1]
    cut = 0
    for suffix in ("’s", "'s", "’", "'"):
        if last.endswith(suffix) and len(last) > len(suffix):
            cut = len(suffix)
            words = (*words[:-1], last[:-cut])
            break
    split = -1
    for k in range(len(words) - 1):
        if _word_facts(lex, words[k])[2]:
            split = k
    if after_title and split < 0 and len(words) > 1:
        split = 0
    title, name = words[: split + 1], words[split + 1 :]
    title_text = " ".join(title)
    genders = {g for g in (_word_facts(lex, t)[0] for t in title) if g}
    title_gender = genders.pop() if len(genders) == 1 else None
    if len(name) == 1 and not title and _word_facts(lex, name[0])[2]:
        gender, person, _title = _word_facts(lex, name[0])
        return ("title" if person else "other"), name, gender, name[0], 0, cut  # President, not Health
    lowered = [w.lower().rstrip(".") for w in name]
    non_name = lex["non_name_words"]
    if (any(len(w) > 1 and w.isupper() and "." not in w for w in name)
            or lowered[0] in non_name or lowered[-1] in non_name
            or all(_word_facts(lex, w)[2] for w in name)):
        titles = all(_word_facts(lex, w)[2] for w in name) and _word_facts(lex, name[-1])[1]
        return ("title" if titles else "other"), name, title_gender, title_text, 0, cut
    return ("person" if len(name) > 1 else "single"), name, title_gender, title_text, split + 1, cut


def _near_gender(lex: Lexicon, m: str, start: int, end: int) -> tuple[str | None, bool]:
    """A gendered noun just before a name (his wife Anna …) or heading its appositive, or a
    possessive just after it (Ahmed Hassan and his wife); and whether a noun for a person
    stands just before the name (his wife, Mona: a named person even with one name)."""
    introduced = False
    before = _NOUN_BEFORE.search(m, max(0, start - 40), start)
    if before:
        word = before.group(1)
        if word[:1].islower() and _word_facts(lex, word)[1]:
            introduced = True
            g = _word_facts(lex, word)[0]
            if g:
                return g, introduced
    own = _OWN_POSSESSIVE.match(m, end)
    if own:
        return PRONOUN_GENDER[own.group(1).lower()], introduced
    after = _APPOSITIVE.match(m[end : end + 90])
    if after:
        for word in after.group(1).split():
            if word.lower() in PREPOSITIONS or word[:1].isupper():
                break
            g = _word_facts(lex, word)[0]
            if g:
                return g, introduced
    return None, introduced


def _gendered_pronouns(base: int, m: str, spans: list[tuple[int, int]]) -> dict[str, list[int]]:
    """Offsets of he/his/him (m) and she/her (f) in a paragraph's masked text."""
    found: dict[str, list[int]] = {"m": [], "f": []}
    for lo, hi in spans:
        for match in _GENDERED_PRONOUN.finditer(m, lo, hi):
            found[PRONOUN_GENDER[match.group().lower()]].append(base + match.start())
    return found


class _Paragraph:
    """Reads one paragraph: masks the quotes, finds sentences, names, people and attributions."""

    def __init__(self, reader: _Reader, para, quotes: list[Quote]) -> None:
        self.r = reader
        self.para = para
        self.base = para.start
        self.quotes = quotes
        text = para.text
        pieces: list[str] = []
        done = 0
        self.top: list[Quote] = []
        # The spans of text left unmasked: names and words are only looked for there.
        self.open: list[tuple[int, int]] = []
        open_from = 0
        for q in quotes:
            if self.top and q.start < self.top[-1].end:
                continue  # nested inside a quote already masked
            self.top.append(q)
            lo, hi = q.start + 1 - self.base, (q.end - 1 if q.closed else q.end) - self.base
            keep = hi
            while keep > lo and hi - keep < 3 and text[keep - 1] in _KEEP_AT_END:
                keep -= 1
            pieces.append(text[done:lo])
            inner = text[lo:keep]
            pieces.append(_NOT_NEWLINE.sub(MASK, inner) if "\n" in inner else MASK * len(inner))
            if lo < keep:
                self.open.append((open_from, lo))
                open_from = keep
            done = keep
        pieces.append(text[done:])
        self.open.append((open_from, len(text)))
        self.m = m = "".join(pieces)
        if _NOT_FAST.search(m) is None and ("-" not in m or _PREFIXED.search(m) is None):
            self.name_run, self.words, sentence_end = _fast_patterns()
        else:
            self.name_run, self.words, sentence_end = NAME_RUN, WORDS, SENTENCE_END  # type: ignore[assignment]
        self.starts = starts = [0]
        abbr_end = _ABBR_END.search
        for match in sentence_end.finditer(m):
            at = match.start()
            if abbr_end(m[max(0, at - 5) : at + 1]):
                continue
            starts.append(match.end())
        if len(starts) > 1:
            base = self.base
            reader.sentence_ends.extend([base + s for s in starts[1:]])
        reader.sentence_ends.append(para.end)
        # One pass over the lowercase words: speech verbs, and nouns for unnamed people.
        verbs, watch = reader.verbs, reader.watch
        self.verbs: list[tuple[int, int, str]] = []
        self.nouns: list[tuple[int, int, str]] = []
        finditer = _LOWER_WORD.finditer
        for lo, hi in self.open:
            for match in finditer(m, lo, hi):
                w = match.group()
                if w in watch:
                    (self.verbs if w in verbs else self.nouns).append((*match.span(), w))
        if "-year-old" in m:
            self.nouns += [(x.start(), x.end(), x.group()) for x in _AGE.finditer(m)]
            self.nouns.sort()
        self.verb_starts = [v[0] for v in self.verbs]
        reader.masked.append((self.base, self.m, self.open))
        reader.paragraph_starts.append(self.base)
        self.runs_by_end: dict[int, Run] = {}
        self.prev_run: Run | None = None
        self.runs_by_start: dict[int, Run] = {}
        self.runs_by_full_start: dict[int, Run] = {}  # with its title: Dr Anna Kowalski
        self.people_ends: list[int] | None = None
        self.noun_starts: list[int] = []

    def sentence(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.m)
        return self.starts[k], end

    # -- names and unnamed people ------------------------------------------------------------
    def read(self, events: list) -> None:
        runs, base, make_run = self.r.runs, self.base, self.make_run
        by_end, by_start, by_full_start = self.runs_by_end, self.runs_by_start, self.runs_by_full_start
        for lo, hi in self.open:
            for match in self.name_run.finditer(self.m, lo, hi):
                run = make_run(match)
                self.prev_run = run
                if run is not None:
                    runs.append(run)
                    by_end[run.end - base] = run
                    by_start[run.start - base] = run
                    by_full_start[run.full_start - base] = run
                    events.append((run.start, 0, run))
        self.find_referents(events)
        self.find_attributions(events)

    def make_run(self, match) -> Run | None:
        found = _run_tokens(self.r.lex, match.group())
        if found is None:
            return None
        toks, texts = found
        m, base, at = self.m, self.base, match.start()
        t0 = at + toks[0][0]
        # Joined to the run before by of/for (Chancellor of the Exchequer, Institute for Fiscal
        # Studies): the words continue a title or an organisation's name.
        prev_run = self.prev_run
        prev = None
        if prev_run is not None:
            joined = _JOINER.search(m, max(0, t0 - 12), t0)
            if joined is not None and prev_run.end - base == joined.start():
                prev = prev_run
        if prev is not None and prev.kind == "other":
            return Run(base + t0, base + at + toks[-1][1], "other", texts, full_start=base + t0)
        place = _PLACE_BEFORE.search(m, max(0, t0 - 12), t0) is not None or (
            prev_run is not None and prev_run.kind == "place"
            and _LIST_GAP.fullmatch(m, prev_run.end - base, t0) is not None
            and ("and" in m[prev_run.end - base : t0] or "or" in m[prev_run.end - base : t0]
                 or _LIST_AHEAD.match(m, match.end(), match.end() + 200) is not None))
        if place:
            return Run(base + t0, base + at + toks[-1][1], "place", texts, full_start=base + t0)
        kind, words, gender, title, first, cut = _run_shape(self.r.lex, texts, prev is not None and prev.kind == "title")
        start, end = base + t0, base + at + toks[-1][1] - cut
        if kind != "person" and kind != "single":
            return Run(start, end, kind, words, gender, title, full_start=start)
        return Run(base + at + toks[first][0], end, kind, words, gender, title, full_start=start,
                   context=(self.r.lex, m, t0, end - base))

    def find_referents(self, events: list) -> None:
        m = self.m
        for s, e, word in self.nouns:
            if word.endswith("-year-old"):
                nxt = _NEXT_WORD.match(m, e)
                if nxt and nxt.group(1) not in _AFTER_AGE:
                    continue  # a 90-year-old pipe; a 34-year-old man is found by “man”
            det = None
            before = self.words_back(max(0, s - 60), s, 3)
            pos = s
            for ws, we, w in reversed(before):
                if m[we:pos].strip():
                    break
                low = w.lower()
                if low in DETERMINERS or low.endswith(("’s", "'s")):
                    det = ws
                    break
                pos = ws
            if det is None or self.appositive_to_name(det, e):
                continue
            head = _lower_head(word)
            ref = Referent(m[det:e], self.base + s, self.r.gender_of(head))
            self.r.referents.append(ref)
            events.append((ref.offset, 0, ref))

    def appositive_to_name(self, start: int, end: int) -> bool:
        """Is the noun phrase at ``start:end`` an appositive of a name (the minister, Anna Kowalski)?"""
        m = self.m
        after = end
        while after < len(m) and m[after] in " \t":
            after += 1
        if after < len(m) and m[after] == ",":
            after += 1
            while after < len(m) and m[after] in " \t":
                after += 1
        run = self.runs_by_start.get(after)
        if run is not None and run.kind in ("person", "single"):
            return True
        before = start
        while before > 0 and m[before - 1] in " \t":
            before -= 1
        if before > 0 and m[before - 1] == ",":
            before -= 1
            while before > 0 and m[before - 1] in " \t":
                before -= 1
            run = self.runs_by_end.get(before)
            return run is not None and run.kind in ("person", "single")
        return False

    # -- speaker phrases -----------------------------------------------------------------------
    def words_in(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Word tokens of the masked text between ``lo`` and ``hi`` (whole words only)."""
        out = [(m.start(), m.end(), m.group()) for m in self.words.finditer(self.m, lo, hi)]
        if out and out[0][0] == lo and lo > 0 and self.words.match(self.m, lo - 1):
            out.pop(0)  # the window cut a word in two
        return out

    def words_back(self, lo: int, hi: int, count: int) -> list[tuple[int, int, str]]:
        """The last ``count`` words of ``words_in(lo, hi)``, tokenising a shorter window first:
        only the first word of a window can differ from the longer window's, so a short window
        with more than ``count`` words ends with the same ones."""
        near = hi - 12 * count
        if near > lo:
            out = self.words_in(near, hi)
            if len(out) > count:
                return out[-count:]
        return self.words_in(lo, hi)[-count:]

    def words_ahead(self, lo: int, hi: int, count: int) -> list[tuple[int, int, str]]:
        """The first ``count`` words of ``words_in(lo, hi)`` (only the last word of a window can
        differ from a longer window's), or all of them when there are fewer."""
        near = lo + 12 * count
        if near < hi:
            out = self.words_in(lo, near)
            if len(out) > count:
                return out[:count]
        return self.words_in(lo, hi)[:count]

    def word_before(self, end: int, lo: int) -> tuple[int, str] | None:
        m = _LAST_WORD.search(self.m, max(lo, end - 40), end)
        return (m.start(1), m.group(1)) if m else None

    def phrase_before(self, end: int, lo: int) -> Phrase | None:
        """The speaker phrase that ends at ``end`` (before a speech verb), not reaching past ``lo``."""
        m = self.m
        adverbs = self.r.lex["adverbs"]
        for _ in range(4):
            while end > lo and m[end - 1] in " \t\n":
                end -= 1
            wb = self.word_before(end, lo)
            if wb is None or not wb[1][:1].islower():
                break
            low = wb[1].lower()
            if low in adverbs or (low.endswith("ly") and len(low) > 4):
                end = wb[0]
            else:
                break
        while end > lo and m[end - 1] in " \t\n":
            end -= 1
        if end <= lo:
            return None
        if m[end - 1] != ",":
            return self.simple_before(end, lo)
        inner = end - 1
        comma = m.rfind(",", lo, inner)
        if comma < 0:
            return None
        head_end = comma
        while head_end > lo and m[head_end - 1] in " \t":
            head_end -= 1
        head = self.simple_before(head_end, lo)
        if head is None or head.kind == "pronoun":
            return head
        app_start = comma + 1
        while app_start < inner and m[app_start] in " \t":
            app_start += 1
        app = m[app_start:inner].strip()
        app_run = self.runs_by_start.get(app_start)
        if head.kind in ("role", "org") and app_run is not None and app_run.end - self.base == app_start + len(app):
            if app_run.kind in ("person", "single"):
                return Phrase(head.start, end, "name", m[head.start : end].rstrip(", "), app_run, head.gender)
        if app.split(" ", 1)[0].lower() in ("who", "which", "whose"):
            return head
        return Phrase(head.start, end, head.kind, m[head.start : end].rstrip(", "), head.run, head.gender)

    def simple_before(self, end: int, lo: int) -> Phrase | None:
        m = self.m
        run = self.runs_by_end.get(end)
        if run is not None and run.full_start - self.base >= lo:
            owner = self.owner_of(run, lo)
            if owner is not None:
                run = owner  # Justice Folake Adeyemi of the Federal High Court said
            else:
                wb = self.word_before(run.full_start - self.base, lo)
                if wb is not None and wb[1].lower() in PREPOSITIONS and "," not in m[wb[0] : run.full_start - self.base]:
                    run = None  # traders in Lagos said: the place is not the speaker
        if run is not None:
            start = self.role_words_before(run.full_start - self.base, lo)
            if run.kind == "single" and _lower_head(run.tokens[0]) in self.r.lex["org_nouns"]:
                return Phrase(start, end, "org", m[start:end], run)  # Critics said, Officials said
            if run.kind in ("person", "single"):
                return Phrase(start, end, "name", m[start:end], run)
            if run.kind == "title":
                return Phrase(start, end, "role", m[start:end], run, run.title_gender)
            return Phrase(start, end, "org", m[start:end], run)
        # Words back to a boundary: punctuation, a quote, a conjunction, at most eight words.
        # Most phrases are a word or two: read a short window first (only its first word can
        # differ from the long window's) and the long one when that first word is needed.
        full = max(lo, end - 160)
        words = self.back_to_boundary(self.words_in(end - 40, end), end, lo, False) if end - 40 > full else None
        if words is None:
            words = self.back_to_boundary(self.words_in(full, end), end, lo, True)
        if not words or len(words) > 8:
            return None
        start = words[0][0]
        text = m[start:end]
        first = words[0][2]
        low = first.lower()
        if len(words) == 1 and low in PRONOUNS:
            return Phrase(start, end, "pronoun", text)
        lex = self.r.lex
        if low in DETERMINERS or low.endswith(("’s", "'s")):
            head = None
            for _s, _e, w in words[1:]:
                if w.lower() in PREPOSITIONS:
                    break
                head = w
            if head is None:
                return None
            h = _lower_head(head)
            if h in _AUXILIARIES or h in self.r.verbs:
                return None
            if h in lex["org_nouns"] and h not in self.r.person_words or _plural(h, self.r.person_words):
                return Phrase(start, end, "org", text)
            return Phrase(start, end, "role", text, gender=self.r.gender_of(h))
        if len(words) <= 2 and all(w[2][:1].islower() or w[2].lower() in lex["org_nouns"] for w in words):
            h = _lower_head(words[-1][2])
            if h in lex["org_nouns"]:
                return Phrase(start, end, "org", text)
            if len(words) == 1 and h in self.r.person_words:
                return Phrase(start, end, "role", text, gender=self.r.gender_of(h))
        return None

    def back_to_boundary(self, window: list[tuple[int, int, str]], end: int, lo: int, whole: bool
                         ) -> list[tuple[int, int, str]] | None:
        """The words of ``window`` before ``end`` back to a boundary (at most nine); None when
        that would read the first word of a window that is not ``whole``."""
        m = self.m
        words: list[tuple[int, int, str]] = []
        k = len(window) - 1
        pos = end
        while k >= 0 and len(words) < 9:
            if k == 0 and not whole:
                return None
            s, e, w = window[k]
            if s < lo or e > pos or not _BOUND.isdisjoint(m[e:pos]):
                break
            if w.lower() in BOUNDARY_WORDS and words:
                break
            words.insert(0, (s, e, w))
            pos = s
            k -= 1
        return words

    def owner_of(self, run: Run, lo: int) -> Run | None:
        """The person an organisation or place run belongs to: X of the Y, X at the Y."""
        if run.kind not in ("other", "place"):
            return None
        joint = _OWNER.search(self.m, max(lo, run.full_start - self.base - 16), run.full_start - self.base)
        if joint is None:
            return None
        owner = self.runs_by_end.get(joint.start())
        return owner if owner is not None and owner.kind in ("person", "single") else None

    def role_words_before(self, start: int, lo: int) -> int:
        """Extend a name back over the lowercase role words before it: festival director Rui …"""
        words = self.words_back(max(lo, start - 60), start, 3)
        new = start
        for k in range(len(words) - 1, -1, -1):
            s, e, w = words[k]
            if self.m[e:new].strip() or not w[:1].islower() or w in BOUNDARY_WORDS or w in PREPOSITIONS:
                break
            if new == start and not self.r.is_title(w):
                break
            if w in self.r.verbs or w in _AUXILIARIES:
                break
            new = s
        return new

    def phrase_after(self, pos: int, hi: int) -> Phrase | None:
        """The speaker phrase that starts at ``pos`` (after an inverted verb or according to)."""
        m = self.m
        while pos < hi and m[pos] in " \t\n":
            pos += 1
        window = self.words_ahead(pos, min(hi, pos + 200), 8)
        k = 0
        if not window or window[0][0] != pos:
            return None
        first = window[0][2]
        if first.lower() in ("he", "she"):
            return Phrase(pos, window[0][1], "pronoun", first)
        run = self.runs_by_start.get(pos)
        if run is None:
            run = self.runs_by_full_start.get(pos)
        if run is not None:
            end = run.end - self.base
            kind = {"person": "name", "single": "name", "title": "role"}.get(run.kind, "org")
            return Phrase(pos, end, kind, m[pos:end], run, run.title_gender if kind == "role" else None)
        for j in range(min(4, len(window))):
            s, e, w = window[j]
            if not w[:1].islower() or w.lower() in PREPOSITIONS or not _BOUND.isdisjoint(m[pos:s]):
                break
            nxt = _SPACES.match(m, e)
            run = self.runs_by_start.get(nxt.end()) if nxt else None
            if run is not None and run.kind in ("person", "single") and self.r.is_title(w):
                end = run.end - self.base  # said campaigner José Luis Ortega
                return Phrase(pos, end, "name", m[pos:end], run, self.r.gender_of(w))
        words: list[tuple[int, int, str]] = []
        while k < len(window) and len(words) < 8:
            s, e, w = window[k]
            if e > hi or not _BOUND.isdisjoint(m[pos if not words else words[-1][1] : s]):
                break
            words.append((s, e, w))
            k += 1
        if not words or words[0][2].lower() not in DETERMINERS:
            return None
        head = None
        for _s, _e, w in words[1:]:
            if w.lower() in PREPOSITIONS:
                break
            head = w
        if head is None:
            return None
        end = words[-1][1]
        after = _COMMA.match(m, end)
        if after and after.end() in self.runs_by_start:
            run = self.runs_by_start[after.end()]
            close = _COMMA.match(m, run.end - self.base)
            rest = m[run.end - self.base : run.end - self.base + 2].strip()
            if run.kind in ("person", "single") and (close or not rest or rest[0] in ".;:!?" + MASK):
                return Phrase(pos, run.end - self.base, "name", m[pos : run.end - self.base], run,
                              self.r.gender_of(head))
        h = _lower_head(head)
        if h in self.r.lex["org_nouns"] and h not in self.r.person_words or _plural(h, self.r.person_words):
            return Phrase(pos, end, "org", m[pos:end])
        return Phrase(pos, end, "role", m[pos:end], gender=self.r.gender_of(h))

    # -- attributions --------------------------------------------------------------------------
    def verbs_in(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        k = bisect.bisect_left(self.verb_starts, lo)
        out = []
        while k < len(self.verbs):
            word = self.verbs[k]
            if word[0] >= hi:
                break
            out.append(word)
            k += 1
        return out

    def attribute(self, phrase: Phrase, form: str, verb: str, quote: Quote | None, events: list) -> Attribution:
        key = (self.base + phrase.start, self.base + phrase.end)
        attr = self.r.by_np.get(key)
        if attr is None:
            attr = Attribution(key[0], key[1], form, phrase.text, verb)
            attr.pronoun = phrase.text.lower() if phrase.kind == "pronoun" else ""
            attr.speaker = phrase  # type: ignore[assignment]  # replaced by the resolver
            self.r.by_np[key] = attr
            self.r.analysis.attributions.append(attr)
            events.append((key[1], 1, attr))
            if phrase.run is not None and phrase.kind == "name" and not (
                    phrase.run.kind == "single" and verb in _PLURAL_VERBS):
                phrase.run.speaker = True
        if quote is not None and quote not in attr.quotes:
            attr.quotes.append(quote)
            self.r.analysis.quote_attribution[quote.start] = attr
            self.r.analysis.speech.add(quote.start)
        return attr

    def find_attributions(self, events: list) -> None:
        m = self.m
        used: set[int] = set()
        for q in self.top:
            qs, qe = q.start - self.base, q.end - self.base
            found = self.after_quote(q, qs, qe, events, used) if q.closed else False
            if not found:
                found = self.before_quote(q, qs, events, used)
            if not found:
                self.classify_unattributed(q, qs)
        # Reported speech without quote marks: X said that …, according to X.
        for s, _e, w in self.verbs:
            if s in used:
                continue
            lo = self.sentence(s)[0]
            phrase = self.phrase_before(s, lo)
            if phrase is not None:
                self.note_echo(self.attribute(phrase, "indirect", w, None, events), phrase, _e, lo)
        for match in _ACCORDING.finditer(m) if "ccording to" in m else ():
            phrase = self.phrase_after(match.end(), len(m))
            if phrase is not None and phrase.kind != "pronoun":
                self.attribute(phrase, "according", "according to", None, events)

    def note_echo(self, attr: Attribution, phrase: Phrase, verb_end: int, lo: int) -> None:
        """Amina Yusuf said she …: the pronoun opening the reported clause is the speaker."""
        echo = _REPORTED.match(self.m, verb_end)
        if echo and phrase.kind == "name" and self.alone_in_sentence(phrase, lo):
            self.r.echoes[id(attr)] = (echo.group(1), self.base + echo.start(1))

    def alone_in_sentence(self, phrase: Phrase, lo: int) -> bool:
        """No other name or unnamed person in the sentence before the speaker phrase."""
        if self.people_ends is None:  # local ends of the names and titles, in order (runs do not overlap)
            self.people_ends = [e for e, run in self.runs_by_end.items() if run.kind in ("person", "single", "title")]
            self.noun_starts = [n[0] for n in self.nouns]
        k = bisect.bisect_left(self.people_ends, lo)
        while k < len(self.people_ends) and self.people_ends[k] <= phrase.start:
            if self.runs_by_end[self.people_ends[k]] is not phrase.run:
                return False
            k += 1
        k = bisect.bisect_left(self.noun_starts, lo)
        return not (k < len(self.noun_starts) and self.noun_starts[k] < phrase.start)

    def after_quote(self, q: Quote, qs: int, qe: int, events: list, used: set[int]) -> bool:
        m = self.m
        last = m[qe - 2] if qe - 2 > qs else ""
        pos = _AFTER_OPEN.match(m, qe).end()  # type: ignore[union-attr]  # the pattern matches the empty string
        ss, se = self.sentence(qs)
        if pos >= len(m) or m[pos] in QUOTE_CHARS or m[pos] == MASK:
            return False
        if last in ".…" and m[qe:pos].strip() == "" and not m[pos].islower():
            return False  # the quote ended its sentence; what follows is a new one
        according = _ACCORDING_HERE.match(m, pos)
        if according:
            phrase = self.phrase_after(according.end(), len(m))
            if phrase is not None:
                self.attribute(phrase, "according", "according to", q, events)
                return True
        end = max(se, pos)
        verbs = self.verbs_in(pos, min(end, pos + 160))
        if not verbs:
            return False
        s, e, w = verbs[0]
        if not _QUOTE_OR_MASK.isdisjoint(m[pos:s]):
            return False
        first_word = m[pos:s].strip().split(" ")[0].lower() if m[pos:s].strip() else ""
        if not m[pos:s].strip() or first_word in self.r.lex["adverbs"] and len(m[pos:s].split()) == 1:
            phrase = self.phrase_after(e, end)
            if phrase is not None:
                used.add(s)
                self.attribute(phrase, "inverted", w, q, events)
                return True
            return False
        phrase = self.phrase_before(s, pos)
        if phrase is None or phrase.start != pos:
            return False
        used.add(s)
        self.attribute(phrase, "after", w, q, events)
        return True

    def before_quote(self, q: Quote, qs: int, events: list, used: set[int]) -> bool:
        m = self.m
        ss, se = self.sentence(qs)
        lo = ss
        # Only the clause since the last quote in the sentence: “A,” she said, “B.”
        verbs = self.verbs_in(ss, qs)
        tail_verbs = [] if verbs else self.verbs_in(q.end - self.base, se)
        for s, e, w in reversed(verbs):
            gap = m[e:qs]
            form = "before" if _GAP_BEFORE.fullmatch(gap) or (
                _GAP_OBJECT.fullmatch(gap) and len(gap.split()) <= 8) else "partial"
            phrase = self.phrase_before(s, lo)
            k = s
            while phrase is None:
                wb = self.word_before(k, lo)
                if wb is None or wb[1].lower() not in ("and", "but"):
                    break
                prev = [v for v in self.verbs_in(lo, wb[0])]
                if not prev:
                    break
                k = prev[-1][0]
                phrase = self.phrase_before(k, lo)
            if phrase is None:
                return False
            used.add(s)
            self.note_echo(self.attribute(phrase, form, w, q, events), phrase, e, lo)
            return True
        for s, e, w in tail_verbs:
            # The quote sits inside a sentence that ends with the attribution: …, she said.
            if not _TAIL.fullmatch(m, e, se):
                continue
            comma = m.rfind(",", q.end - self.base, s)
            if comma < 0:
                return False
            phrase = self.phrase_before(s, comma + 1)
            if phrase is None:
                after = self.phrase_after(e, se)
                if after is None or m[comma + 1 : s].strip():
                    return False
                phrase = after
            used.add(s)
            self.attribute(phrase, "partial", w, q, events)
            return True
        return False

    def classify_unattributed(self, q: Quote, qs: int) -> None:
        """Speech that needs a speaker, or a scare quote, a term or a title that does not."""
        inner = self.r.doc.text[q.start + 1 : q.end - 1 if q.closed else q.end]
        words = WORDS.findall(inner)
        if len(words) <= 3:
            return
        cue = self.m[max(0, qs - 24) : qs].lower().split()
        cues = self.r.lex["title_cues"]
        if cue and (cue[-1] in cues or " ".join(cue[-2:]) in cues):
            return
        if inner.rstrip()[-1:] not in ".!?,…" and all(w[:1].isupper() or len(w) <= 3 for w in words):
            return  # a title in title case
        self.r.analysis.speech.add(q.start)


class _Resolver:
    """Walks names, unnamed people and attributions in reading order and resolves speakers."""

    def __init__(self, reader: _Reader) -> None:
        self.r = reader
        self.people = reader.analysis.people
        self.mentions: list[tuple[int, Person]] = []
        self.mention_offsets: list[int] = []
        self.referent_offsets: list[int] = []
        self.para_starts = [p.start for p in reader.doc.paragraphs]
        self.referents: list[Referent] = []
        self.last_speaker: Speaker | None = None
        self.window = reader.doc.body_start
        self.placeholders: set[int] = set()
        self.speakers: set[int] = set()  # ids of people and unnamed people who were attributed speech
        # The people whose name has a given word, in the order they were met (as in self.people).
        self.by_token: dict[str, list[Person]] = {}
        self.order: dict[int, int] = {}  # id of a person -> position in self.people

    def run(self, events: list) -> None:
        for offset, _order, item in events:
            if isinstance(item, Run):
                self.on_run(item, offset)
            elif isinstance(item, Referent):
                self.add_referent(item)
            else:
                self.on_attribution(item)

    # -- people ----------------------------------------------------------------------------
    def on_run(self, run: Run, offset: int) -> None:
        if run.kind == "title":
            ref = Referent(self.r.doc.text[run.full_start : run.end], run.start, run.title_gender)
            self.add_referent(ref)
            return
        if run.kind not in ("person", "single"):
            return
        person, ambiguous = self.match(run, create=run.kind == "person" or bool(run.title) or run.speaker
                                       or run.near()[1])
        if person is None:
            return
        run.person = person
        person.last_offset = offset
        self.add_mention(offset, person)
        if not ambiguous:
            if run.title_gender:
                person.add_evidence(Evidence(run.title_gender, run.start, f"titled “{run.title}”"))
            elif run.near()[0]:
                person.add_evidence(Evidence(run.near()[0], run.start, "described with a gendered noun"))  # type: ignore[arg-type]  # checked just above

    def match(self, run: Run, create: bool) -> tuple[Person | None, bool]:
        tokens = run.tokens
        if len(tokens) > 1:
            same = [p for p in self.by_token.get(tokens[0], ()) if p.tokens == tokens]
            if not same:
                same = [p for p in self.sharing(tokens) if _within(tokens, p.tokens) or _within(p.tokens, tokens)]
            if same:
                person = max(same, key=lambda p: p.last_offset)
                if len(tokens) > len(person.tokens) and len(same) == 1:
                    self.index(person, set(tokens) - set(person.tokens))  # the name only grows
                    person.tokens = tokens
                return person, len(same) > 1
        else:
            same = list(self.by_token.get(tokens[0], ()))
            if run.title_gender and len(same) > 1:
                same = [p for p in same if p.gender in (None, run.title_gender)] or same
            if same:
                person = max(same, key=lambda p: p.last_offset)
                opposite = run.title_gender and person.gender not in (None, run.title_gender)
                if not (opposite and create):  # Mr Oliveira after Maria Oliveira was “she”: a relative
                    return person, len(same) > 1
        if not create:
            return None, False
        person = Person(tokens, run.start)
        self.order[id(person)] = len(self.people)
        self.people.append(person)
        for word in set(tokens):
            self.by_token.setdefault(word, []).append(person)  # the newest person goes last
        return person, False

    def index(self, person: Person, words: set[str]) -> None:
        """List an older person under the new words of a longer form of their name."""
        for word in words:
            bisect.insort(self.by_token.setdefault(word, []), person, key=lambda p: self.order[id(p)])

    def sharing(self, tokens: tuple[str, ...]) -> list[Person]:
        """The people whose name shares a word with ``tokens``, in the order they were met."""
        found: dict[int, Person] = {}
        for word in tokens:
            for p in self.by_token.get(word, ()):
                found[id(p)] = p
        return sorted(found.values(), key=lambda p: self.order[id(p)])

    # -- speakers --------------------------------------------------------------------------
    def on_attribution(self, attr: Attribution) -> None:
        phrase: Phrase = attr.speaker  # type: ignore[assignment]
        attr.speaker = None
        if phrase.kind == "pronoun":
            if attr.pronoun in ("it", "i", "you", "we"):
                return
            if attr.pronoun == "they":
                self.last_speaker = None
            else:
                self.resolve(attr)
        elif phrase.kind == "name" and phrase.run is not None and not (
                phrase.run.kind == "single" and attr.verb in _PLURAL_VERBS and phrase.run.person is None):
            person = phrase.run.person
            if person is None:
                person, _ = self.match(phrase.run, create=True)
                phrase.run.person = person
                if person is not None:
                    self.add_mention(phrase.run.start, person)
            if person is not None and phrase.gender:
                person.add_evidence(Evidence(phrase.gender, attr.start, "described with a gendered noun"))
            echo = self.r.echoes.get(id(attr))
            if person is not None and echo is not None:
                person.add_evidence(Evidence(PRONOUNS[echo[0]], echo[1], f"referred to as “{echo[0]}”"))
            attr.speaker = person
            self.last_speaker = person
        else:
            k = bisect.bisect_left(self.referent_offsets, attr.start)
            ref = next((x for x in self.referents[k : k + 3] if x.offset < attr.end), None)
            if ref is None:
                ref = Referent(phrase.text, attr.start, phrase.gender)
                self.add_referent(ref)
            ref.org = phrase.kind == "org"
            attr.speaker = ref
            self.last_speaker = ref
        self.window = self.r.sentence_end(attr.start)
        if self.last_speaker is not None:
            self.speakers.add(id(self.last_speaker))

    def add_mention(self, offset: int, person: Person) -> None:
        k = bisect.bisect_right(self.mention_offsets, offset)
        self.mention_offsets.insert(k, offset)
        self.mentions.insert(k, (offset, person))

    def add_referent(self, ref: Referent) -> None:
        k = bisect.bisect_right(self.referent_offsets, ref.offset)
        self.referent_offsets.insert(k, ref.offset)
        self.referents.insert(k, ref)

    def compatible(self, who: Speaker, gender: str) -> bool:
        if isinstance(who, Referent):
            return not who.org and who.gender in (None, gender)
        return who.gender in (None, gender)

    def resolve(self, attr: Attribution) -> None:
        g = attr.gender
        lo = bisect.bisect_left(self.mention_offsets, self.window)
        hi = bisect.bisect_left(self.mention_offsets, attr.start)
        since: list[Person] = []
        for _offset, person in self.mentions[max(lo, hi - 200) : hi]:
            if not any(person is p for p in since):
                since.append(person)
        r_lo = bisect.bisect_left(self.referent_offsets, self.window)
        r_hi = bisect.bisect_left(self.referent_offsets, attr.start)
        refs_since = [x for x in self.referents[max(r_lo, r_hi - 200) : r_hi] if self.compatible(x, g)]
        named = [p for p in since if self.compatible(p, g)]
        crowded = len(named) >= 2
        if crowded:
            # The person named in the pronoun's own paragraph is the one it continues.
            para_start = self.para_starts[bisect.bisect_right(self.para_starts, attr.start) - 1]
            p_lo = bisect.bisect_left(self.mention_offsets, para_start)
            local: list[Person] = []
            for _offset, person in self.mentions[max(p_lo, lo) : hi]:
                if self.compatible(person, g) and not any(person is p for p in local):
                    local.append(person)
            if len(local) == 1:
                named = local
        last = self.last_speaker
        last_ok = last is not None and self.compatible(last, g)
        if len(named) >= 2:
            attr.status, attr.candidates, attr.confident = "ambiguous", list(named), False
            self.last_speaker = self.placeholder(attr)
            return
        if named:
            attr.speaker = named[0]
            attr.confident = (not last_ok or last is named[0]) and not refs_since and not crowded
        elif last_ok:
            attr.speaker = last
            attr.confident = not refs_since
        elif refs_since:
            attr.speaker, attr.confident = refs_since[-1], False  # a patient … “…,” he said
        else:
            fit, nearest_real = self.look_back(attr.start, g)
            if fit is not None:
                attr.speaker, attr.confident = fit, False
            elif self.pronoun_used(g, self.window, attr.start) or (
                    nearest_real is None and self.pronoun_used(g, self.r.doc.body_start, attr.start)):
                # Someone the writer already called “he”/“his” is in play: not a dangling pronoun.
                attr.speaker, attr.confident = self.placeholder(attr), False
            elif nearest_real is not None:
                nearest: Speaker = nearest_real
                if last is not None and id(last) not in self.placeholders and not getattr(last, "org", False):
                    nearest = last
                attr.status, attr.candidates, attr.confident = "mismatch", [nearest], False
                self.last_speaker = self.placeholder(attr)
                return
            else:
                attr.status, attr.confident = "unreferenced", False
                self.last_speaker = self.placeholder(attr)
                return
        attr.status = "resolved"
        self.last_speaker = attr.speaker
        if attr.confident and isinstance(attr.speaker, Person) and g:
            attr.speaker.add_evidence(Evidence(g, attr.start, f"referred to as “{attr.pronoun}”"))

    def pronoun_used(self, gender: str, lo: int, hi: int) -> bool:
        return self.r.pronoun_between(gender, lo, hi)

    def placeholder(self, attr: Attribution) -> Referent:
        ref = Referent(attr.text, attr.start, attr.gender or None)
        self.placeholders.add(id(ref))
        self.add_referent(ref)
        return ref

    def look_back(self, offset: int, gender: str, limit: int = 200) -> tuple[Speaker | None, Speaker | None]:
        """Walking back from ``offset``: the nearest earlier speaker the pronoun fits, and the nearest
        real candidate of any kind (named or described, not a pronoun-only placeholder)."""
        i = bisect.bisect_left(self.mention_offsets, offset) - 1
        j = bisect.bisect_left(self.referent_offsets, offset) - 1
        nearest_real: Speaker | None = None
        seen: set[int] = set()
        for _ in range(limit):
            if i < 0 and j < 0:
                break
            if j < 0 or (i >= 0 and self.mention_offsets[i] >= self.referent_offsets[j]):
                who: Speaker = self.mentions[i][1]
                i -= 1
            else:
                who = self.referents[j]
                j -= 1
                if who.org:
                    continue
            if id(who) in seen or id(who) in self.placeholders:
                continue
            seen.add(id(who))
            if id(who) in self.speakers and self.compatible(who, gender):
                return who, nearest_real or who
            nearest_real = nearest_real or who
        return None, nearest_real


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))
