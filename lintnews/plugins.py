"""Loading plugins and collecting what they contribute.

Built-ins are plugins listed by module name; third parties come from the ``lintnews``
entry-point group and local modules from ``plugins = [...]`` in config. A plugin that fails
to import, to validate or to answer a hook is reported and skipped, never fatal.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from lintnews import hookspecs
from lintnews.rule import CODE_RE, NAME_RE, FixAvailability, Rule, Severity

if TYPE_CHECKING:
    from lintnews.reporters.base import Reporter

BUILTIN_PLUGINS = ("lintnews.builtin", "lintnews_rules", "lintnews.reporters")
ENTRY_POINT_GROUP = "lintnews"
#: Set to a non-empty value to skip third-party entry points (as pytest does).
DISABLE_AUTOLOAD_ENV = "LINTNEWS_DISABLE_PLUGIN_AUTOLOAD"


@dataclass
class Registry:
    """Everything the loaded plugins contributed, plus what went wrong loading them."""

    manager: pluggy.PluginManager
    rules: dict[str, type[Rule]] = field(default_factory=dict)  # by code, in code order
    by_name: dict[str, type[Rule]] = field(default_factory=dict)
    reporters: dict[str, type[Reporter]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)

    def lookup(self, code_or_name: str) -> type[Rule] | None:
        return self.rules.get(code_or_name.upper()) or self.by_name.get(code_or_name.lower())


def load(local_plugins: list[tuple[str, Path]] | None = None, *, autoload: bool | None = None) -> Registry:
    """Create the plugin manager, load every plugin and collect rules and reporters.

    ``local_plugins`` are (spec, base directory) pairs from config: a spec ending in
    ``.py`` is a file relative to the base, anything else a module name.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    registry = Registry(pm)
    for name in BUILTIN_PLUGINS:
        _register(registry, name, lambda n=name: importlib.import_module(n))
    if autoload is None:
        autoload = not os.environ.get(DISABLE_AUTOLOAD_ENV)
    if autoload:
        _load_entry_points(registry)
    for spec, base in local_plugins or []:
        _register(registry, f"local:{spec}", lambda s=spec, b=base: _import_local(s, b))
    while True:
        try:
            pm.check_pending()
            break
        except pluggy.PluginValidationError as err:
            plugin_name = pm.get_name(err.plugin) or repr(err.plugin)
            registry.errors.append(f"plugin {plugin_name!r} skipped: {err}")
            pm.unregister(err.plugin)
    _collect_rules(registry)
    _collect_reporters(registry)
    return registry


def _register(registry: Registry, name: str, loader: Any) -> None:
    if registry.manager.has_plugin(name):
        return
    try:
        module = loader()
        registry.manager.register(module, name=name)
    except Exception as err:  # a broken plugin must not stop the run
        registry.errors.append(f"plugin {name!r} failed to load and was skipped: {_describe(err)}")


def _load_entry_points(registry: Registry) -> None:
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(ep, "dist", None)
        if dist is not None:
            registry.versions[ep.name] = f"{dist.metadata['Name']}=={dist.version}"
        _register(registry, ep.name, ep.load)


def _import_local(spec: str, base: Path) -> Any:
    if spec.endswith(".py") or "/" in spec or os.sep in spec:
        path = (base / spec).resolve()
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path}")
        mod_name = f"lintnews_local_{path.stem}_{abs(hash(str(path)))}"
        module_spec = importlib.util.spec_from_file_location(mod_name, path)
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"cannot import {path}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[mod_name] = module
        try:
            module_spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[mod_name]
            raise
        return module
    if str(base) not in sys.path:
        sys.path.insert(0, str(base))
    return importlib.import_module(spec)


def _describe(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{type(err).__name__}: {text[0]}" if text else type(err).__name__


def _each_impl(registry: Registry, hook_name: str):
    """Call one hook plugin by plugin, so a failing plugin is attributed and skipped."""
    hook = getattr(registry.manager.hook, hook_name)
    for impl in reversed(hook.get_hookimpls()):  # registration order
        try:
            yield impl.plugin_name, list(impl.function() or ())
        except Exception as err:
            registry.errors.append(f"plugin {impl.plugin_name!r}: {hook_name}() failed: {_describe(err)}")


def _collect_rules(registry: Registry) -> None:
    found: list[type[Rule]] = []
    for plugin_name, rules in _each_impl(registry, "lintnews_rules"):
        for rule in rules:
            problem = validate_rule_class(rule)
            if problem:
                registry.errors.append(f"plugin {plugin_name!r}: rule {rule!r} skipped: {problem}")
                continue
            clash = registry.rules.get(rule.code) or registry.by_name.get(rule.name)
            if clash is not None:
                registry.errors.append(
                    f"plugin {plugin_name!r}: rule {rule.code} {rule.name} skipped: "
                    f"{clash.code} {clash.name} from {clash.plugin_name!r} already uses that code or name"
                )
                continue
            rule.plugin_name = plugin_name
            registry.rules[rule.code] = rule
            registry.by_name[rule.name] = rule
            found.append(rule)
    registry.rules = dict(sorted(registry.rules.items()))


def validate_rule_class(rule: Any) -> str | None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        return "not a subclass of lintnews.rule.Rule"
    code, name = getattr(rule, "code", None), getattr(rule, "name", None)
    if not isinstance(code, str) or not CODE_RE.match(code):
        return f"code {code!r} is not a family letter and three digits (like H101)"
    if not isinstance(name, str) or not NAME_RE.match(name):
        return f"name {name!r} is not kebab-case (like html-comment-debris)"
    if not isinstance(getattr(rule, "severity", None), Severity):
        return "severity is not a lintnews.rule.Severity"
    if not isinstance(rule.fix, FixAvailability):
        return "fix is not a lintnews.rule.FixAvailability"
    if not rule.summary():
        return "it has no docstring"
    return None


def _collect_reporters(registry: Registry) -> None:
    for plugin_name, reporters in _each_impl(registry, "lintnews_reporters"):
        for reporter in reporters:
            name = getattr(reporter, "name", None)
            if not isinstance(name, str) or not name:
                registry.errors.append(f"plugin {plugin_name!r}: reporter {reporter!r} has no name; skipped")
            elif name in registry.reporters:
                registry.errors.append(f"plugin {plugin_name!r}: output format {name!r} already exists; skipped")
            else:
                registry.reporters[name] = reporter
