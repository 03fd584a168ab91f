"""The installed `lintnews` command, run as a real subprocess: exit codes, selection,
paths, bad input, standard input, output options and the rule commands."""

from __future__ import annotations

import json

from conftest import CLEAN, DIRTY

INFO_ONLY = CLEAN.replace("split vote.", "split vote yesterday.")


def findings(result) -> list[tuple[str, int, int]]:
    return [(f["code"], f["line"], f["column"]) for f in json.loads(result.out)]


# -- exit codes --------------------------------------------------------------------------------


def test_clean_article_exits_zero(cli, articles):
    articles("clean.txt", CLEAN)
    result = cli("check", "clean.txt")
    assert result.code == 0, result
    assert "All checks passed! (1 file checked)" in result.out


def test_error_findings_exit_one(cli, articles):
    articles("dirty.txt", DIRTY)
    result = cli("check", "dirty.txt")
    assert result.code == 1, result
    assert "dirty.txt:2:1: H101 [*] HTML comment debris `<!–`; the fix removes the line" in result.out
    assert " 2 | <!–" in result.out and "   | ^^^" in result.out
    assert "[*] 2 fixable with `lintnews check --fix`." in result.out


def test_exit_zero_and_fail_on(cli, articles):
    articles("dirty.txt", DIRTY)
    articles("info.txt", INFO_ONLY)
    assert cli("check", "dirty.txt", "--exit-zero").code == 0
    assert cli("check", "info.txt").code == 0  # info is below the default fail-on (error)
    assert cli("check", "info.txt", "--fail-on", "info").code == 1
    assert cli("check", "info.txt", "--fail-on", "warning").code == 0


def test_fail_on_from_config(cli, articles):
    articles("info.txt", INFO_ONLY)
    articles("lintnews.toml", 'fail-on = "info"\n')
    assert cli("check", "info.txt").code == 1
    assert cli("check", "info.txt", "--fail-on", "error").code == 0  # the flag wins


def test_missing_path_is_exit_two_but_others_still_run(cli, articles):
    articles("dirty.txt", DIRTY)
    result = cli("check", "nope.txt", "dirty.txt", "--output-format", "json")
    assert result.code == 2, result
    assert "error: nope.txt: no such file or directory" in result.err
    assert ("H101", 2, 1) in findings(result)


def test_usage_errors_exit_two(cli, articles):
    articles("clean.txt", CLEAN)
    result = cli("check", "clean.txt", "--select", "H9")
    assert result.code == 2 and "unknown rule selector 'H9'" in result.err, result
    result = cli("check", "clean.txt", "--select", "html-coment-debris")
    assert result.code == 2 and "did you mean 'html-comment-debris'?" in result.err, result
    result = cli("check", "clean.txt", "--output-format", "jsn")
    assert result.code == 2 and "did you mean 'json'?" in result.err, result
    result = cli("check", "clean.txt", "--bogus")
    assert result.code == 2 and "unrecognized arguments: --bogus" in result.err, result
    assert "Traceback" not in result.err


# -- selection ---------------------------------------------------------------------------------


def test_selectors_codes_prefixes_names_all(cli, articles):
    articles("dirty.txt", DIRTY + "It rained yesterday.")
    codes = lambda *args: sorted({c for c, _, _ in findings(cli("check", "dirty.txt", "--output-format", "json", *args))})  # noqa: E731
    assert codes() == ["D105", "H101", "W101", "W104"]
    assert codes("--select", "H") == ["H101"]
    assert codes("--select", "W10") == ["W101", "W104"]
    assert codes("--select", "trailing-whitespace,H101") == ["H101", "W101"]
    assert codes("--ignore", "W", "--ignore", "D105") == ["H101"]
    assert codes("--select", "H101", "--extend-select", "W104") == ["H101", "W104"]
    assert codes("--select", "ALL", "--ignore", "H,W") == ["D105"]


# -- paths -------------------------------------------------------------------------------------


def test_directories_walk_txt_files_in_order(cli, articles):
    articles("b/two.txt", DIRTY)
    articles("a/one.txt", DIRTY)
    articles("a/notes.md", DIRTY)
    articles("a/.git/x.txt", DIRTY)
    result = cli("check", ".", "--output-format", "json", "--select", "H101")
    assert [f["path"] for f in json.loads(result.out)] == ["a/one.txt", "b/two.txt"]


def test_include_exclude_from_config(cli, articles):
    articles("a/one.txt", DIRTY)
    articles("a/one.article", DIRTY)
    articles("drafts/three.txt", DIRTY)
    articles("pyproject.toml", '[tool.lintnews]\ninclude = ["*.txt", "*.article"]\nextend-exclude = ["drafts"]\n')
    result = cli("check", "--output-format", "json", "--select", "H101")
    assert [f["path"] for f in json.loads(result.out)] == ["a/one.article", "a/one.txt"]


def test_explicit_file_is_linted_even_if_excluded_unless_forced(cli, articles):
    articles("drafts/three.txt", DIRTY)
    articles("lintnews.toml", 'extend-exclude = ["drafts"]\n')
    assert cli("check", "drafts/three.txt").code == 1
    assert cli("check", "drafts/three.txt", "--force-exclude").code == 0


# -- bad input ---------------------------------------------------------------------------------


def test_binary_file_skipped_with_note(cli, articles):
    articles("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    articles("clean.txt", CLEAN)
    result = cli("check", "image.txt", "clean.txt")
    assert result.code == 0, result
    assert "note: image.txt: binary file skipped" in result.err


def test_invalid_utf8_reported_with_byte_offset(cli, articles):
    data = CLEAN.encode().replace(b"split", b"sp\xe9lit")
    path = articles("latin.txt", data)
    result = cli("check", "latin.txt", "--output-format", "json")
    assert result.code == 1, result
    [finding] = json.loads(result.out)
    assert finding["code"] == "E101"
    offset = data.index(b"\xe9")
    assert f"byte 0xE9 at byte offset {offset}" in finding["message"]
    assert (finding["line"], finding["column"]) == (3, data.split(b"\n")[2].index(b"\xe9") + 1)
    assert cli("check", "latin.txt", "--fix").code == 1
    assert path.read_bytes() == data  # never rewritten


def test_empty_file_is_linted(cli, articles):
    articles("empty.txt", "")
    result = cli("check", "empty.txt", "--output-format", "json")
    assert findings(result) == [("D101", 1, 1)]


def test_unreadable_file_does_not_stop_the_run(cli, articles, tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    articles("dirty.txt", DIRTY)
    result = cli("check", ".", "--output-format", "json")
    codes = findings(result)
    assert ("E102", 1, 1) in codes and ("H101", 2, 1) in codes, result


def test_huge_line_works(cli, articles):
    words = "The budget was debated at length. " * 60000  # a 2 MB line
    articles("huge.txt", f"date 2024-05-14\n\n{words.strip()} <br>\n")
    result = cli("check", "huge.txt")
    assert result.code == 1, result.err
    assert "H102" in result.out
    shown = [line for line in result.out.splitlines() if line.startswith(" 3 | ")]
    assert shown and len(shown[0]) < 200  # the source line is windowed around the finding


# -- standard input ----------------------------------------------------------------------------


def test_stdin_with_filename(cli):
    result = cli("check", "-", "--stdin-filename", "feed/item.txt", "--output-format", "json", stdin=DIRTY.encode())
    assert result.code == 1
    assert {f["path"] for f in json.loads(result.out)} == {"feed/item.txt"}


def test_stdin_fix_writes_fixed_text_to_stdout(cli):
    result = cli("check", "-", "--fix", "-q", stdin=DIRTY.encode())
    assert result.raw_out == CLEAN.encode()
    assert result.code == 0, result


# -- output options ----------------------------------------------------------------------------


def test_output_file_statistics_and_quiet(cli, articles, tmp_path):
    articles("dirty.txt", DIRTY)
    result = cli("check", "dirty.txt", "--output-file", "report.json", "--output-format", "json")
    assert result.out == ""
    assert [f["code"] for f in json.loads((tmp_path / "report.json").read_text())] == ["H101", "W101"]
    stats = cli("check", "dirty.txt", "--statistics")
    assert "1  H101  [*] html-comment-debris" in stats.out
    quiet = cli("check", "dirty.txt", "-q", "--output-format", "concise")
    assert quiet.out.splitlines() == [
        "dirty.txt:2:1: H101 [*] HTML comment debris `<!–`; the fix removes the line",
        "dirty.txt:4:67: W101 [*] 3 trailing whitespace characters; the fix deletes them",
    ]


def test_json_fields_are_exactly_the_documented_ones(cli, articles):
    articles("dirty.txt", DIRTY)
    first = json.loads(cli("check", "dirty.txt", "--output-format", "json").out)[0]
    assert list(first) == ["path", "line", "column", "end_line", "end_column", "code", "name",
                           "severity", "message", "fix"]
    assert first["fix"] == {
        "applicability": "safe",
        "message": "the fix removes the line",
        "edits": [{"start_line": 2, "start_column": 1, "end_line": 3, "end_column": 1, "content": ""}],
    }


def test_colour_only_when_asked_and_no_color_honoured(cli, articles):
    articles("dirty.txt", DIRTY)
    assert "\x1b[" not in cli("check", "dirty.txt").out  # not a TTY
    assert "\x1b[" in cli("check", "dirty.txt", env={"FORCE_COLOR": "1"}).out
    assert "\x1b[" not in cli("check", "dirty.txt", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).out


# -- rule commands -----------------------------------------------------------------------------


def test_rule_command_by_code_and_name(cli):
    by_code = cli("rule", "H101")
    assert by_code.code == 0
    assert by_code.out.startswith("H101 html-comment-debris\n")
    assert "## Why" in by_code.out and "## Example" in by_code.out
    assert cli("rule", "html-comment-debris").out == by_code.out
    unknown = cli("rule", "H999")
    assert unknown.code == 2 and "unknown rule 'H999'" in unknown.err


def test_rules_listing(cli, registry):
    result = cli("rules")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "FIX", "DEFAULT", "SUMMARY"]
    assert [line.split()[0] for line in lines[1:]] == list(registry.rules)
    table = json.loads(cli("rules", "--format", "json").out)
    assert {r["code"] for r in table} == set(registry.rules)


def test_version(cli):
    from lintnews import __version__

    assert cli("--version").out.strip() == f"lintnews {__version__}"
