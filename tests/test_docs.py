"""The docs' examples work: the plugin guide's complete example is a real plugin."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_blocks(path: Path, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_plugin_guide_example_runs(cli, articles):
    guide = ROOT / "docs" / "plugins.md"
    plugin = next(b for b in code_blocks(guide, "python") if "class ShoutedLine" in b)
    config = next(b for b in code_blocks(guide, "toml") if "min-length" in b)
    articles("house_rules.py", plugin)
    articles("lintnews.toml", config)
    articles("a.txt", "date 2024-05-14\n\nBREAKING NEWS FROM THE HIGH COURT\nThe NATO summit opened.\n")
    result = cli("check", "a.txt", "--output-format", "json")
    assert [(f["code"], f["line"]) for f in json.loads(result.out)] == [("X101", 3)], result
    assert cli("rule", "X101", "--config", "lintnews.toml").out.startswith("X101 shouted-line\n")
    fixed = cli("check", "a.txt", "--fix", "--unsafe-fixes")
    assert fixed.code == 0, fixed
    assert (articles("b.txt", "").parent / "a.txt").read_text() == "date 2024-05-14\n\nThe NATO summit opened.\n"


def test_readme_quickstart_is_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quickstart", 1)[1].split("##", 1)[0]
    [block] = code_blocks_from(quick)
    commands = [line for line in block.splitlines() if line.strip()]
    assert commands == ["pip install . && lintnews check fixtures/articles", "pip install '.[test]' && pytest"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci


def code_blocks_from(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, re.S)
