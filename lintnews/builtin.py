"""The engine's own plugin: findings about inputs that could not be linted (family E)
and the default reader that decodes UTF-8 and BOM-marked UTF-16 text.

The E rules have no ``check``: the engine raises their findings itself, but they are
documented, selectable and ignorable like every other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from lintnews.hookspecs import hookimpl
from lintnews.rule import Finding, Rule, Severity
from lintnews.source import SourceText, decode


class _EngineRule(Rule):
    #: Raised by the engine, not by text in an article, so rule fixtures cannot show it;
    #: the CLI tests cover it instead.
    engine_only = True

    def check(self, doc) -> Iterator[Finding]:
        return iter(())


class UndecodableFile(_EngineRule):
    """The file is not valid UTF-8 (or not valid in the encoding its byte-order mark names).

    ## Why
    Text that cannot be decoded cannot be linted, and a scraper that writes it usually
    mixed encodings upstream. The file is never rewritten, so nothing is lost.

    ## Example
    Fires:  an article containing the byte `0xE9` on its own (Latin-1 `é`).
    Quiet:  the same article saved as UTF-8.

    ## Fix
    None. Re-decode the source with the encoding it was really in.
    """

    code = "E101"
    name = "undecodable-file"
    severity = Severity.ERROR


class UnreadableFile(_EngineRule):
    """The file could not be read (permissions, a vanished file, an I/O error).

    ## Why
    A corpus with unreadable files is silently incomplete; the run reports it and goes on
    with the other files.

    ## Example
    Fires:  an article with mode `000`.
    Quiet:  a readable article.

    ## Fix
    None. Fix the permissions or the storage.
    """

    code = "E102"
    name = "unreadable-file"
    severity = Severity.ERROR


class RuleCrash(_EngineRule):
    """A rule raised an error on this document; its other rules still ran.

    ## Why
    A bug in one rule, built-in or plugin, must not hide every other finding or stop a
    corpus run. The message names the rule and the error so it can be reported.

    ## Example
    Fires:  a plugin rule that raises `KeyError` on an article.
    Quiet:  every rule finishing normally.

    ## Fix
    None. Report the crash to the rule's authors, with the article if you can share it.
    """

    code = "E103"
    name = "rule-crash"
    severity = Severity.ERROR




class MalformedRecord(_EngineRule):
    """A record of a JSON Lines corpus that cannot be linted: not JSON, not an object, no
    text field, or a text field that is not a string.

    ## Why
    A corpus with broken records silently loses articles downstream. The run reports the
    record by its id (or number) and goes on with the others.

    ## Example
    Fires:  `{"id": "a7", "text": 42}` (the text is a number)
    Quiet:  `{"id": "a7", "text": "date 2024-01-05\\n\\nThe council met."}`

    ## Fix
    None. Repair the record at its source.
    """

    code = "E104"
    name = "malformed-record"
    severity = Severity.ERROR


ENGINE_RULES = (UndecodableFile, UnreadableFile, RuleCrash, MalformedRecord)


@hookimpl
def lintnews_rules():
    return ENGINE_RULES


@hookimpl(trylast=True)
def lintnews_read_source(path: str, data: bytes) -> SourceText:
    return decode(data)
