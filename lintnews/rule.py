"""The rule API: what a rule declares, what it yields, and how a fix is described.

A rule is a class with explicit metadata and a ``check(doc)`` generator. Findings carry
character offsets into the document; line and column are resolved when they are reported.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from lintnews.document import Document


class Severity(enum.IntEnum):
    """How bad a finding is. Ordered, so ``--fail-on`` is a comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


class FixAvailability(enum.Enum):
    """What a rule promises about fixes; a meta-test holds rules to it."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Applicability(enum.Enum):
    """Whether applying a fix keeps the article's meaning (safe) or is a suggestion (unsafe)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``content`` (offsets in characters)."""

    start: int
    end: int
    content: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """One or more edits applied together, with what they do in words."""

    edits: tuple[Edit, ...]
    message: str
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(cls, start: int, end: int, content: str, message: str, *, safe: bool = True) -> Fix:
        kind = Applicability.SAFE if safe else Applicability.UNSAFE
        return cls((Edit(start, end, content),), message, kind)

    @classmethod
    def delete(cls, start: int, end: int, message: str = "delete it", *, safe: bool = True) -> Fix:
        return cls.replace(start, end, "", message, safe=safe)

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


@dataclass(slots=True)
class Finding:
    """A defect at ``text[start:end]``. The engine fills in path, line and column."""

    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Fix | None = None
    path: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


@dataclass(frozen=True, slots=True)
class Option:
    """A rule option settable under ``[tool.lintnews.rules.<selector>]``."""

    kind: type | tuple[type, ...]
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    check: Callable[[Any], str | None] | None = None

    def validate(self, value: Any) -> str | None:
        """Return an error message, or None when the value is acceptable."""
        kinds = self.kind if isinstance(self.kind, tuple) else (self.kind,)
        if isinstance(value, bool) and bool not in kinds:
            return f"expected {_kind_names(kinds)}, got a boolean"
        if not isinstance(value, kinds):
            return f"expected {_kind_names(kinds)}, got {type(value).__name__}"
        if self.choices is not None and value not in self.choices:
            return "expected one of " + ", ".join(repr(c) for c in self.choices)
        if self.check is not None:
            return self.check(value)
        return None


def _kind_names(kinds: tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", bool: "a boolean", list: "a list",
             float: "a number", dict: "a table", type(None): "nothing"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Rule:
    """Base class for rules. Subclasses set the metadata and implement :meth:`check`.

    The class docstring is the rule's documentation: its first line is the summary and its
    ``## Why``, ``## Example`` and ``## Fix`` sections are what ``lintnews rule CODE`` prints.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    fix: ClassVar[FixAvailability] = FixAvailability.NEVER
    default_enabled: ClassVar[bool] = True
    options: ClassVar[dict[str, Option]] = {}
    #: Set by the registry: the plugin the rule came from.
    plugin_name: ClassVar[str] = ""

    def __init__(self, settings: dict[str, Any] | None = None, config_root: Path | None = None) -> None:
        #: The folder of the config file the options came from: relative paths start there.
        self.config_root = config_root or Path.cwd()
        values = {key: opt.default for key, opt in self.options.items()}
        if settings:
            values.update(settings)
        self.settings = values
        sev = values.get("severity")
        self.effective_severity = Severity.parse(sev) if isinstance(sev, str) else self.severity
        self.setup()

    def setup(self) -> None:
        """Prepare per-run state from ``self.settings`` (compiled patterns, lexicons)."""

    def check(self, doc: Document) -> Iterator[Finding]:
        raise NotImplementedError

    def cache_token(self) -> Any:
        """Anything outside the options that changes this rule's findings (say, the state of
        a word list file it reads), for the result cache's key. JSON-serialisable."""
        return None

    def finding(self, start: int, end: int, message: str, fix: Fix | None = None) -> Finding:
        return Finding(self.code, self.name, self.effective_severity, message, start, end, fix)

    @classmethod
    def summary(cls) -> str:
        """The docstring's first paragraph, on one line."""
        first = cls.documentation().split("\n\n", 1)[0]
        return " ".join(first.split())

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")
