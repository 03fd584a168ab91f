"""Property tests for the fixer on random articles with random debris injected."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.config import Settings
from lintnews.document import Document
from lintnews.engine import Engine
from lintnews.fixer import choose, fix_source
from lintnews.source import SourceText

WORDS = ["the", "council", "voted", "on", "Tuesday", "budget", "rose", "river", "Amara", "Okafor",
         "said", "police", "storm", "rain", "court", "judge", "ruled", "“quoted", "words”", "it’s", "10"]
DEBRIS = ["<!–", "<!--", "-->", "–>", "<p>", "</div>", "<br/>", "<a href=\"/x\">", "</a>", "&amp;",
          "&nbsp;", "&#8217;", "\u200b", "\u00ad", "\ufeff", "\x07", "word\u00a0word", "&lt;!--"]
LINE_DEBRIS = ["", "   ", "\t", "<!–", "<!-- promo -->", "window.dataLayer = window.dataLayer || [];",
               ".ad { display: none; }", "<div>", "<p> </p>"]
HEADERS = ["date 2024-03-05", " date 2024-03-05 <!–", "Date: 5 March 2024", "date 2024-02-30",
           "date 05/03/2024", "Council votes", ""]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")


@st.composite
def articles(draw):
    header = draw(st.sampled_from(HEADERS))
    paragraphs = []
    for _ in range(draw(st.integers(0, 5))):
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            text = " ".join(draw(st.lists(sentence, min_size=1, max_size=3)))
            for _ in range(draw(st.integers(0, 3))):
                pos = draw(st.integers(0, len(text)))
                text = text[:pos] + draw(st.sampled_from(DEBRIS)) + text[pos:]
            if draw(st.booleans()):
                text += draw(st.sampled_from(["", " ", "  \t"]))
            lines.append(text)
        paragraphs.append("\n".join(lines))
        if draw(st.integers(0, 4)) == 0:
            paragraphs.append(draw(st.sampled_from(LINE_DEBRIS)))
    gap = draw(st.sampled_from(["\n\n", "\n\n", "\n\n\n"]))
    body = gap.join(paragraphs)
    text = header + ("\n\n" + body if body else "") + draw(st.sampled_from(["\n", "", "\n\n"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return text.replace("\n", newline)


def _engine(registry):
    cfg = Settings(root=Path.cwd(), select=["ALL"], rules={"D104": {"reference-date": "2025-01-01"}})
    engine = Engine(registry)
    codes = engine.selected_codes(cfg)
    rules = engine.rules_for(cfg, codes)
    return lambda doc: engine.lint(doc, rules, codes)


PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPS
@given(articles(), st.booleans())
def test_fix_is_idempotent(registry, raw, unsafe):
    lint = _engine(registry)
    once = fix_source(SourceText(raw), lint, "a.txt", unsafe=unsafe)
    assert once.converged
    twice = fix_source(once.source, lint, "a.txt", unsafe=unsafe)
    assert twice.applied == 0
    assert twice.source.raw == once.source.raw


@PROPS
@given(articles())
def test_edits_stay_within_their_findings_lines(registry, raw):
    lint = _engine(registry)
    doc = Document(SourceText(raw).text, "a.txt")
    for f in lint(doc):
        if f.fix is None:
            continue
        low = doc.line_starts[f.line - 1]
        high = doc.line_span_with_newline(f.end_line)[1]
        for edit in f.fix.edits:
            assert low <= edit.start <= edit.end <= high, (f.code, f.message, edit)


@PROPS
@given(articles(), st.booleans())
def test_text_outside_edits_is_identical(registry, raw, unsafe):
    lint = _engine(registry)
    source = SourceText(raw)
    doc = Document(source.text, "a.txt")
    fixes = choose(lint(doc), unsafe)
    edits = sorted((e.start, e.end, e.content) for fix in fixes for e in fix.edits)
    fixed = source.with_edits(edits)
    # Rebuild the expected raw text by hand: untouched stretches copied byte for byte.
    expected, last = [], 0
    for start, end, content in edits:
        expected.append(source.text[last:start])
        expected.append(content)
        last = end
    expected.append(source.text[last:])
    assert fixed.text == "".join(expected)
    if "\r\n" in raw and "\n" not in raw.replace("\r\n", ""):
        assert fixed.raw == fixed.text.replace("\n", "\r\n")  # a CRLF file stays CRLF throughout
