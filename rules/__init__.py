"""The built-in rules of lintnews, registered as a plugin through the same hook any
third-party plugin uses. One module per rule family; word lists live in ``data/``.
"""

from __future__ import annotations

from lintnews.hookspecs import hookimpl


@hookimpl
def lintnews_rules():
    from lintnews_rules import boilerplate, dates, garbled, html, phrases, quoting, relative, whitespace

    return [
        *html.RULES,
        *dates.RULES,
        *relative.RULES,
        *whitespace.RULES,
        *phrases.RULES,
        *garbled.RULES,
        *quoting.RULES,
        *boilerplate.RULES,
    ]
