"""Every hook a lintnews plugin can implement, in one place.

A plugin is a module or object with functions marked ``@hookimpl`` whose names match the
specs below. Built-in rules and reporters use exactly these hooks, so anything they do a
third-party plugin can do too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lintnews.config import Settings
    from lintnews.reporters.base import Reporter
    from lintnews.rule import Rule

PROJECT = "lintnews"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def lintnews_rules() -> Sequence[type[Rule]]:
    """Contribute rule classes.

    Receives nothing; returns a sequence of :class:`lintnews.rule.Rule` subclasses. The
    results of all plugins are merged. Two rules with the same code or name are a load
    error that names both plugins; the later plugin's rule is dropped.
    """
    raise NotImplementedError


@hookspec
def lintnews_reporters() -> Sequence[type[Reporter]]:
    """Contribute output formats.

    Receives nothing; returns a sequence of :class:`lintnews.reporters.base.Reporter`
    subclasses, each with a unique ``name`` that ``--output-format`` selects. Results are
    merged; a later duplicate name is a load error and is dropped.
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def lintnews_read_source(path: str, data: bytes) -> Any:
    """Turn the bytes of one input into text to lint.

    Receives the display path and the raw bytes; returns a
    :class:`lintnews.source.SourceText` or ``None`` to let another plugin (or the
    built-in UTF-8/UTF-16 reader) handle it. The first non-``None`` answer wins, so a
    plugin can add, say, a legacy-encoding reader for the paths it recognises.
    """


@hookspec
def lintnews_configure(settings: Settings) -> None:
    """Called once after configuration is loaded and before any document is linted.

    Receives the effective :class:`lintnews.config.Settings` of the run (read-only by
    convention). Returns nothing; every plugin is called. Use it to read plugin options or
    prepare shared, immutable state.
    """
