"""The pure-Python floor of the benchmark: what a naive Python linter costs per byte.

    python bench/floor.py CORPUS    (a folder of .txt files, walked like lintnews does, or a .jsonl)

It reads every article and runs one compiled ``re`` alternation of about 30 debris patterns
over it with ``finditer``, in a single process, then prints the number of articles, bytes and
matches as JSON. No document model, no rules, no output per match: a floor, not a linter.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

PATTERNS = (
    r"<!--|<!–|-->",  # HTML comment markers
    r"</?(?:p|div|span|br|strong|em|a|img|script|style)\b[^>\n]{0,80}>",  # tags
    r"&(?:nbsp|amp|quot|lt|gt|mdash|ndash|rsquo|lsquo|rdquo|ldquo);|&#\d{2,5};",  # entities
    r"\bwindow\.\w+|\bfunction\s*\(|\{\s*display\s*:|\"@context\"|googletag\.",  # script residue
    r"^date (?!\d{4}-\d\d-\d\d$)[^\n]*",  # a header that is not canonical
    r"^(?:Date|Published|DATE):[^\n]*",
    r"-(?:02-3[01]|04-31|06-31|09-31|11-31|13-\d\d)\b",  # impossible dates
    r"\b(?:yesterday|today|tonight|last night|this week|last week)\b",
    r"\b(?:on|last|next) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"[ \t]+$",  # trailing whitespace
    r"\n\n\n+",  # extra blank lines
    r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]",  # invisible characters
    r"â€|Ã[\u0080-\u00bf©¨§¼½¶±¡]|Â[£ ©]",  # mojibake
    r"\b(?:the|a|an|of|to|in|and) (?:the|a|an|of|to|in|and)\b",  # common doubled words
    r"\b(?:protests protested|lines lined|mourners mourned|blockades blocked)\b",
    r"\b[a-z]{3,}(?:said|says)\b",  # glued words
    r"^Advertisement$|^Read more:|^Scroll down for video|^Share this article",
    r"^Sign up to our newsletter|^RELATED ARTICLES|^Continue reading$",
    r"^(?:Photo|Image|Picture): [^\n]*",  # captions and credits
    r"^By [A-Z][\w'-]+ [A-Z][\w'-]+",  # bylines
    r"\b\d{1,2} min read\b|^Updated \d\d:\d\d",
    r"^(?:Home|News|Politics|Sport|Business|World|Opinion|Culture)\n",  # navigation
    r"^(?:Facebook|Twitter|Subscribe|Privacy Policy)$",
    r" (?:Politics|Business|Sport|World News)\.$",  # section labels glued to a paragraph
    r"\"[^\"\n]*$",  # a straight quote never closed on its line
    r"“[^”\n]*$",  # a curly quote never closed on its line
    r"\b(?:he|she) said\b",  # pronoun attributions to check
    r"\bcounterfeit consciousness\b|\btear-jerking\b|\bcolossal information\b",  # spun phrases
    r"[a-z][A-Z][a-z]+ [A-Z][a-z]+[A-Z]",  # a flattened hover card
    r"\S\Z",  # no final newline
)
DEBRIS = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.MULTILINE)


def articles(corpus: Path) -> Iterator[str]:
    if corpus.is_dir():
        for dirpath, dirnames, filenames in os.walk(corpus):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".txt"):
                    with open(os.path.join(dirpath, name), "rb") as handle:
                        yield handle.read().decode("utf-8")
    else:
        with open(corpus, "rb") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)["text"]


def main(argv: list[str]) -> int:
    count = size = matches = 0
    for text in articles(Path(argv[0])):
        count += 1
        size += len(text)
        for _ in DEBRIS.finditer(text):
            matches += 1
    print(json.dumps({"articles": count, "chars": size, "matches": matches, "patterns": len(PATTERNS)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
