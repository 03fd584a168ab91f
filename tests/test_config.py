"""Configuration discovery, validation messages, rule options and local plugins."""

from __future__ import annotations

import json

from conftest import CLEAN, DIRTY


def codes(result) -> list[tuple[str, str]]:
    return [(f["path"], f["code"]) for f in json.loads(result.out)]


def test_unknown_key_names_file_key_and_suggestion(cli, articles):
    articles("clean.txt", CLEAN)
    articles("lintnews.toml", 'extend_select = ["H"]\n')
    result = cli("check", "clean.txt")
    assert result.code == 2
    assert "lintnews.toml: extend_select: unknown key (did you mean 'extend-select'?)" in result.err
    assert "Traceback" not in result.err


def test_pyproject_key_is_shown_with_its_table(cli, articles):
    articles("clean.txt", CLEAN)
    articles("pyproject.toml", '[project]\nname = "x"\n\n[tool.lintnews]\nselct = ["H"]\n')
    result = cli("check", "clean.txt")
    assert result.code == 2
    assert "pyproject.toml: tool.lintnews.selct: unknown key (did you mean 'select'?)" in result.err


def test_pyproject_without_section_is_not_a_config(cli, articles):
    articles("proj/dirty.txt", DIRTY)
    articles("proj/pyproject.toml", '[project]\nname = "x"\n')
    articles("lintnews.toml", 'select = ["W"]\n')  # the search goes on past the pyproject.toml
    result = cli("check", "proj/dirty.txt", "--output-format", "json")
    assert codes(result) == [("proj/dirty.txt", "W101")]


def test_broken_toml_and_bad_values(cli, articles):
    articles("clean.txt", CLEAN)
    cfg = articles("lintnews.toml", "select = [\n")
    result = cli("check", "clean.txt")
    assert result.code == 2 and "lintnews.toml: invalid TOML" in result.err, result
    cfg.write_text('fail-on = "fatal"\n')
    result = cli("check", "clean.txt")
    assert result.code == 2 and "fail-on: expected \"error\", \"warning\" or \"info\", got 'fatal'" in result.err
    cfg.write_text('select = "H"\n')
    result = cli("check", "clean.txt")
    assert result.code == 2 and "select: expected a list of strings" in result.err
    cfg.write_text('select = ["H", "X12"]\n')
    result = cli("check", "clean.txt")
    assert result.code == 2 and "unknown rule selector 'X12'" in result.err


def test_rule_options_validated_and_used(cli, articles):
    articles("future.txt", CLEAN.replace("2024-05-14", "2031-01-02"))
    cfg = articles("lintnews.toml", '[rules.D104]\nreference-date = "2032-01-01"\n')
    assert cli("check", "future.txt", "--output-format", "json").out.strip() == "[]"
    cfg.write_text('[rules.D104]\nreference-date = "2030-01-01"\n')
    result = cli("check", "future.txt", "--output-format", "json")
    [finding] = json.loads(result.out)
    assert finding["code"] == "D104" and "after the reference date 2030-01-01" in finding["message"]
    cfg.write_text('[rules.D104]\nreference_date = "2030-01-01"\n')
    result = cli("check", "future.txt")
    assert result.code == 2 and "unknown option 'reference_date' (did you mean 'reference-date'?)" in result.err
    cfg.write_text('[rules.D104]\nearliest-year = "1990"\n')
    result = cli("check", "future.txt")
    assert result.code == 2 and "rules.D104.earliest-year: expected an integer, got str" in result.err
    cfg.write_text('[rules.D]\nkeyword = "published"\n')  # a prefix table reaches the whole family
    result = cli("check", "future.txt", "--output-format", "json")
    assert ("future.txt", "D102") in codes(result) and ("future.txt", "D101") not in codes(result)


def test_severity_override(cli, articles):
    articles("dirty.txt", DIRTY)
    articles("lintnews.toml", '[rules.H101]\nseverity = "info"\n')
    result = cli("check", "dirty.txt", "--output-format", "json")
    assert result.code == 0
    assert {f["code"]: f["severity"] for f in json.loads(result.out)}["H101"] == "info"


def test_nearest_config_wins_and_config_flag_overrides(cli, articles, tmp_path):
    articles("top.txt", DIRTY)
    articles("sub/low.txt", DIRTY)
    articles("lintnews.toml", 'select = ["H"]\n')
    articles("sub/.lintnews.toml", 'select = ["W"]\n')
    result = cli("check", ".", "--output-format", "json")
    assert codes(result) == [("sub/low.txt", "W101"), ("top.txt", "H101")]
    result = cli("check", ".", "--output-format", "json", "--config", "lintnews.toml")
    assert codes(result) == [("sub/low.txt", "H101"), ("top.txt", "H101")]
    result = cli("check", ".", "--output-format", "json", "--select", "D105,H101")
    assert codes(result) == [("sub/low.txt", "H101"), ("top.txt", "H101")]


def test_per_file_ignores(cli, articles):
    articles("feeds/a.txt", DIRTY)
    articles("b.txt", DIRTY)
    articles("lintnews.toml", '[per-file-ignores]\n"feeds/*" = ["H101", "trailing-whitespace"]\n')
    assert codes(cli("check", ".", "--output-format", "json")) == [("b.txt", "H101"), ("b.txt", "W101")]


HOUSE_RULES = '''
from lintnews.hookspecs import hookimpl
from lintnews.rule import Fix, FixAvailability, Rule, Severity


class ShoutedHeadline(Rule):
    """A paragraph written entirely in capitals.

    ## Why
    House style.

    ## Example
    Fires:  `MARKETS FALL`
    Quiet:  `Markets fall`

    ## Fix
    None.
    """

    code = "X101"
    name = "shouted-paragraph"
    severity = Severity.WARNING

    def check(self, doc):
        for para in doc.paragraphs:
            if para.text.isupper():
                yield self.finding(para.start, para.end, "paragraph in capitals")


@hookimpl
def lintnews_rules():
    return [ShoutedHeadline]
'''


def test_local_plugin_from_config(cli, articles):
    articles("house_rules.py", HOUSE_RULES)
    articles("lintnews.toml", 'plugins = ["house_rules.py"]\nextend-select = ["X"]\n')
    articles("a.txt", CLEAN + "\nMARKETS FALL\n")
    result = cli("check", "a.txt", "--output-format", "json")
    assert codes(result) == [("a.txt", "X101")], result
    assert "X101  shouted-paragraph" in cli("rules", "--config", "lintnews.toml").out


def test_broken_plugin_is_reported_and_skipped(cli, articles):
    articles("broken.py", "raise RuntimeError('boom')\n")
    articles("crashy.py", HOUSE_RULES.replace("if para.text.isupper()", "if 1 / 0"))
    articles("lintnews.toml", 'plugins = ["broken.py", "missing.py", "crashy.py"]\nextend-select = ["X"]\n')
    articles("a.txt", DIRTY)
    result = cli("check", "a.txt", "--output-format", "json")
    assert "plugin 'local:broken.py' failed to load and was skipped: RuntimeError: boom" in result.err
    assert "plugin 'local:missing.py' failed to load and was skipped: FileNotFoundError" in result.err
    found = json.loads(result.out)
    assert [f["code"] for f in found] == ["E103", "H101", "W101"]
    assert found[0]["message"] == "rule X101 (shouted-paragraph) crashed: ZeroDivisionError: division by zero"
    assert result.code == 1


def test_own_lexicon_file_relative_to_config(cli, articles):
    articles("cfg/words.toml", 'version = 1\n\n[[domain]]\nname = "sport"\n'
             'entries = [{ spun = "football match day", expected = "match day" }]\n')
    articles("cfg/lintnews.toml", '[rules.G101]\nlexicon = "words.toml"\n')
    articles("cfg/a.txt", "date 2024-02-09\n\nFans queued on football match day.\nThe demise toll rose.\n")
    result = cli("check", "cfg/a.txt", "--output-format", "json", "--select", "G101")
    assert [(f["code"], f["line"]) for f in json.loads(result.out)] == [("G101", 3)], result
    articles("cfg/words.toml", 'version = 1\n\n[[domain]]\nname = "sport"\nentries = [{ spun = "x y", wanted = "z" }]\n')
    result = cli("check", "cfg/a.txt", "--select", "G101")
    assert result.code == 2 and "unknown key 'wanted'" in result.err and "words.toml" in result.err, result
