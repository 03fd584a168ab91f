"""H: HTML and markup debris left behind by the scraper."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintnews.document import Document
from lintnews.rule import Finding, Fix, FixAvailability, Rule, Severity
from lintnews_rules._util import is_blank, line_removal, merge_runs, run_removal

_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_OPEN = rf"(?:<|&lt;)![{_DASH}]{{1,2}}"
_CLOSE = r"(?:--|[\u2013\u2014])(?:>|&gt;)"
# A whole comment may run over lines of one paragraph, but never across a blank line.
COMMENT = re.compile(rf"{_OPEN}(?:[^\n]|\n(?![ \t]*\n))*?{_CLOSE}|{_OPEN}|{_CLOSE}")


def _shown(text: str, limit: int = 40) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _removal_message(whole_line: bool) -> str:
    return "the fix removes the line" if whole_line else "the fix deletes it"


class HtmlCommentDebris(Rule):
    """HTML comment markers, or whole comments, left in the text.

    Catches `<!--` and `-->`, the forms a typographer's en or em dash leaves behind
    (`<!–`, `<!—`, `–>`), escaped `&lt;!--`, fragments repeated on one line, and whole
    comments. A line that holds only debris is removed whole.

    ## Why
    Comment markers are never article text: they come from templates the extractor did not
    strip, and they break sentence splitting, deduplication and training data.

    ## Example
    Fires:  `The vote was close. <!–`
    Fires:  `<!-- ad slot 3 -->`
    Quiet:  `Prices rose -> fell -> rose again.` (an arrow, not a comment)

    ## Fix
    Always safe: the debris is deleted; a line left empty is removed with it.
    """

    code = "H101"
    name = "html-comment-debris"
    severity = Severity.ERROR
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "!" not in text and ">" not in text and "&gt;" not in text:
            return  # every opener has `!`, every closer `>` or an escaped `&gt;`
        spans = [m.span() for m in COMMENT.finditer(text)]
        for start, end, count in merge_runs(spans, text):
            a, b, content, whole = run_removal(doc, start, end)
            what = "HTML comment debris" if count == 1 else f"{count} HTML comment fragments"
            message = f"{what} `{_shown(text[start:end])}`; {_removal_message(whole)}"
            yield self.finding(start, end, message, Fix.replace(a, b, content, _removal_message(whole)))


HTML_TAGS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em
    embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark meta meter nav noscript
    object ol optgroup option output p param picture pre progress q s samp script section
    select small source span strike strong style sub summary sup svg table tbody td template
    textarea tfoot th thead time title tr track tt u ul var video wbr amp-img amp-ad""".split()
)
# Tags whose removal must leave words apart: they broke lines or blocks in the page.
BLOCK_TAGS = frozenset(
    """address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3
    h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul""".split()
)
_ATTR = r"""[A-Za-z_:@][-\w:.@]*(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'=<>`]+))?"""
TAG = re.compile(rf"</?([A-Za-z][A-Za-z0-9-]{{0,15}})((?:\s+{_ATTR}){{0,40}})\s*/?>|<!DOCTYPE[^>\n]*>|<\?xml[^>\n]*\?>",
                 re.IGNORECASE)


class HtmlTagDebris(Rule):
    """Stray HTML tags such as `<p>`, `</div>`, `<br/>`, `<img …>` or `<a href=…>`.

    Only real HTML tag names count, so `<3`, `a < b > c` and a title in angle brackets
    such as `<The Palace: Tale of Jang Noksu>` are left alone.

    ## Why
    Tags are markup, not text: they leak into search snippets, summaries and model
    training data, and show that the extractor lost the page structure.

    ## Example
    Fires:  `The council voted <strong>against</strong> the plan.`
    Fires:  `<p>`
    Quiet:  `Fans sent <3 to the team.`
    Quiet:  `She reviewed <The Palace: Tale of Jang Noksu> last year.`

    ## Fix
    Always safe: the tags are deleted and the text between them is kept; a tag that broke
    a line or block between two words leaves a space, and a line left empty is removed.
    """

    code = "H102"
    name = "html-tag-debris"
    severity = Severity.ERROR
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "<" not in text:
            return
        spans = []
        block = set()
        for m in TAG.finditer(text):
            tag = (m.group(1) or "!").lower()
            if m.group(1) is not None and tag not in HTML_TAGS:
                continue
            if m.group(1) is not None and not m.group(2) and m.group(1).istitle() and len(m.group(1)) > 1:
                continue  # `<Time>`: a one-word title in angle brackets, not markup (tags are lower or upper case)
            if m.group(1) is not None and m.group(2) and not _plausible_attributes(m.group(2)):
                continue
            spans.append(m.span())
            if tag in BLOCK_TAGS:
                block.add(m.start())
        tags_in = sorted(spans)
        for start, end, count in merge_runs(spans, text):
            keep_space = any(start <= s < end for s in block)
            a, b, content, whole = run_removal(doc, start, end, keep_space=keep_space)
            inner = [text[s:e] for s, e in tags_in if start <= s < end]
            what = f"HTML tag `{_shown(inner[0])}`" if count == 1 else f"{count} HTML tags `{_shown(text[start:end])}`"
            fix_words = "the fix removes the line" if whole else (
                "the fix replaces it with a space" if content else "the fix deletes it, keeping the text")
            yield self.finding(start, end, f"{what}; {fix_words}", Fix.replace(a, b, content, fix_words))


def _plausible_attributes(attrs: str) -> bool:
    """Attributes of a real tag have `=`, or are a few known boolean words."""
    words = attrs.split()
    if "=" in attrs:
        return True
    return all(w.lower() in {"hidden", "async", "defer", "disabled", "checked", "selected", "/", "itemscope",
                             "allowfullscreen", "controls", "autoplay", "muted", "loop", "nowrap"} for w in words)


ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_SPACES = {"\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u2007", "\u200a"}


def _html5_names() -> dict[str, str]:
    from html.entities import html5

    return html5


class HtmlEntity(Rule):
    """A literal HTML entity such as `&nbsp;`, `&amp;`, `&#8217;` or `&quot;`.

    ## Why
    Entities are HTML escapes that should have been decoded: readers see `AT&amp;T` where
    the article said `AT&T`, and searches for the real characters miss the text.

    ## Example
    Fires:  `Shares of AT&amp;T rose.`
    Fires:  `It was the company&#8217;s best year.`
    Quiet:  `Shares of AT&T rose.`
    Quiet:  `Tom & Jerry; R&D; Q&A`

    ## Fix
    Always safe: the entity is replaced by its character; a no-break space becomes a plain
    space and an invisible character (`&shy;`, `&#8203;`) is deleted.
    """

    code = "H103"
    name = "html-entity"
    severity = Severity.ERROR
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "&" not in text:
            return
        import html

        for m in ENTITY.finditer(text):
            entity = m.group()
            if entity == "&lt;" and text.startswith("!", m.end()) and text[m.end() + 1 : m.end() + 2] in _DASH:
                continue  # an escaped comment opener: H101's
            if entity == "&gt;" and m.start() > 0 and text[m.start() - 1] in "-\u2013\u2014":
                continue  # an escaped comment closer: H101's
            name = m.group(1)
            if not name.startswith("#") and name + ";" not in _html5_names():
                continue  # not an entity HTML knows (unescape would decode a prefix: `&notes;`)
            value = html.unescape(entity)
            if value == entity:
                continue
            if value in _SPACES:
                value, shown = " ", "a space"
            elif value in _INVISIBLE:
                value, shown = "", "nothing (it is invisible)"
            else:
                shown = f"`{value}`"
            message = f"literal HTML entity `{entity}`; the fix writes {shown}"
            yield self.finding(m.start(), m.end(), message,
                               Fix.replace(m.start(), m.end(), value, f"write {shown}"))


_SCRIPT_STRONG = re.compile(
    r"""^\s*(?:
        (?:window|document|googletag|dataLayer|_gaq|fbq|gtag|jQuery|\$)\s*[.(\[]   # browser globals
      | (?:var|let|const)\s+[\w$]+\s*=                                        # declarations
      | (?:async\s+)?function\s*[\w$]*\s*\([^)]*\)\s*\{                        # functions
      | \(\s*function\s*\(                                                    # IIFE
      | \}\s*\)\s*(?:\([^)]*\)\s*)?;?\s*$                                        # closing IIFE
      | \{\s*"@(?:context|type)"                                                # JSON-LD
      | "@(?:context|type)"\s*:                                                 # JSON-LD member
      | @(?:media|import|font-face|keyframes)\b                                 # CSS at-rules
      | [.#]?[A-Za-z][\w-]*(?:(?:\s*[,>+~]\s*|\s+)[.#:]?[\w-]+){0,8}\s*\{\s*[\w-]+\s*:[^;{}]*;   # CSS rules
      | (?:if|for|while)\s*\([^)]*\)\s*\{                                       # control flow
      | <\/?(?:script|style)\b                                                 # tags of code
      | [\w$.]+\.(?:push|addEventListener|getElementById|querySelector|appendChild|cmd\.push)\s*\(
      | try\s*\{ | \}\s*catch\s*\(
    )""",
    re.VERBOSE,
)
_CODE_CHARS = re.compile(r"[{};=()<>\[\]$]")


class ScriptResidue(Rule):
    """A line of JavaScript, CSS or JSON-LD left in the article text.

    Catches lines such as `window.dataLayer = window.dataLayer || [];`,
    `function(){ … }`, `{"@context": "https://schema.org"}` and `.cls { color: red; }`.

    ## Why
    Script and style residue is page furniture: it pollutes full-text search, word counts
    and anything trained on the corpus, and it is never what the author wrote.

    ## Example
    Fires:  `window.dataLayer = window.dataLayer || [];`
    Fires:  `.promo { display: none; }`
    Quiet:  `The function of the committee is to review the budget.`

    ## Fix
    Unsafe: the line is deleted. Review it: a line of code in a technology article may be
    a deliberate example.
    """

    code = "H104"
    name = "script-residue"
    severity = Severity.ERROR
    fix = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        lines = doc.lines
        for index in range(1, doc.line_count):
            line = lines[index]
            if len(line) < 3 or is_blank(line):
                continue
            if not _SCRIPT_STRONG.match(line) and not _code_dense(line):
                continue
            start, end = doc.line_span(index + 1)
            a, b = line_removal(doc, index + 1)
            yield self.finding(start, end, f"script or style residue `{_shown(line.strip())}`; "
                               "the fix deletes the line", Fix.delete(a, b, "delete the line", safe=False))


def _code_dense(line: str) -> bool:
    """Mostly punctuation of code, with a statement end: `}); })();` and the like."""
    stripped = line.strip()
    if not stripped.endswith((";", "{", "}", "});", "})();")):
        return False
    code = len(_CODE_CHARS.findall(stripped))
    words = len(re.findall(r"[A-Za-z]{3,}", stripped))
    return code >= 4 and code >= words


RULES = (HtmlCommentDebris, HtmlTagDebris, HtmlEntity, ScriptResidue)
