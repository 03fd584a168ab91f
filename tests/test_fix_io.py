"""`--fix` and `--diff` on real files: nothing lost, nothing touched that is not fixed."""

from __future__ import annotations

import codecs
import os
import stat

from conftest import CLEAN, DIRTY


def test_fix_rewrites_and_reports_what_remains(cli, articles):
    path = articles("dirty.txt", DIRTY + "It rained yesterday.\n")
    result = cli("check", "--fix", "dirty.txt")
    assert path.read_text() == CLEAN + "It rained yesterday.\n"
    assert "Fixed 2 findings in 1 file (1 remaining)." in result.out
    assert "D105" in result.out and "H101" not in result.out
    assert result.code == 0, result


def test_second_fix_changes_nothing(cli, articles):
    path = articles("dirty.txt", DIRTY)
    cli("check", "--fix", "dirty.txt")
    before = path.stat()
    second = cli("check", "--fix", "dirty.txt")
    after = path.stat()
    assert "Fixed" not in second.out
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_clean_file_is_not_touched(cli, articles):
    path = articles("clean.txt", CLEAN)
    before = path.stat()
    cli("check", "--fix", "clean.txt")
    after = path.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_crlf_line_endings_kept(cli, articles):
    path = articles("crlf.txt", DIRTY.replace("\n", "\r\n").encode())
    cli("check", "--fix", "crlf.txt")
    assert path.read_bytes() == CLEAN.replace("\n", "\r\n").encode()


def test_missing_final_newline_added_as_crlf_in_crlf_file(cli, articles):
    path = articles("crlf.txt", CLEAN.replace("\n", "\r\n").rstrip().encode())
    cli("check", "--fix", "crlf.txt")
    assert path.read_bytes() == CLEAN.replace("\n", "\r\n").encode()


def test_mixed_line_endings_untouched_outside_edits(cli, articles):
    mixed = DIRTY.replace("\n", "\r\n", 2).encode()  # header and debris line CRLF, the rest LF
    path = articles("mixed.txt", mixed)
    cli("check", "--fix", "mixed.txt")
    expected = mixed.replace(b"<!\xe2\x80\x93\r\n", b"").replace(b"vote.   \n", b"vote.\n")
    assert path.read_bytes() == expected


def test_utf8_bom_kept(cli, articles):
    path = articles("bom.txt", codecs.BOM_UTF8 + DIRTY.encode())
    result = cli("check", "--fix", "bom.txt")
    assert path.read_bytes() == codecs.BOM_UTF8 + CLEAN.encode()
    assert "W103" not in result.out  # the leading BOM is the encoding's, not a stray one


def test_utf16_kept(cli, articles):
    path = articles("utf16.txt", codecs.BOM_UTF16_LE + DIRTY.encode("utf-16-le"))
    cli("check", "--fix", "utf16.txt")
    assert path.read_bytes() == codecs.BOM_UTF16_LE + CLEAN.encode("utf-16-le")


def test_file_mode_kept(cli, articles):
    path = articles("mode.txt", DIRTY)
    os.chmod(path, 0o640)
    cli("check", "--fix", "mode.txt")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text() == CLEAN


def test_symlink_target_fixed_and_link_kept(cli, articles, tmp_path):
    target = articles("real/article.txt", DIRTY)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    cli("check", "--fix", "link.txt")
    assert link.is_symlink()
    assert target.read_text() == CLEAN


def test_no_temporary_files_left(cli, articles, tmp_path):
    articles("a/one.txt", DIRTY)
    articles("a/two.txt", DIRTY)
    cli("check", "--fix", "a")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["one.txt", "two.txt"]


def test_write_failure_is_an_error_not_a_crash(articles, monkeypatch, capsys):
    from lintnews import cli, runner

    def refuse(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(runner, "write_atomic", refuse)
    path = articles("dirty.txt", DIRTY)
    monkeypatch.chdir(path.parent)
    code = cli.main(["check", "--fix", "dirty.txt"])
    err = capsys.readouterr().err
    assert code == 2
    assert "error: dirty.txt: cannot write fixes: Permission denied; the file is unchanged" in err
    assert path.read_text() == DIRTY


def test_unsafe_fixes_only_when_asked(cli, articles):
    text = CLEAN + "\nwindow.dataLayer = window.dataLayer || [];\n"
    path = articles("script.txt", text)
    result = cli("check", "--fix", "script.txt")
    assert path.read_text() == text
    assert "1 more fixable with `--unsafe-fixes`" in result.out
    cli("check", "--fix", "--unsafe-fixes", "script.txt")
    assert path.read_text() == CLEAN  # H104 removes the line, then W102 the blank line left


def test_diff_prints_and_writes_nothing(cli, articles):
    path = articles("dirty.txt", DIRTY)
    result = cli("check", "--diff", "dirty.txt")
    assert result.code == 1
    assert path.read_text() == DIRTY
    assert result.out.splitlines()[:4] == ["--- a/dirty.txt", "+++ b/dirty.txt", "@@ -1,6 +1,5 @@", " date 2024-05-14"]
    assert "-<!–" in result.out
    assert "Would fix 2 findings in 1 file." in result.err
    clean = articles("clean.txt", CLEAN)
    result = cli("check", "--diff", "clean.txt")
    assert result.code == 0 and result.out == ""
    assert clean.read_text() == CLEAN


def test_fix_and_diff_together_is_a_usage_error(cli, articles):
    articles("dirty.txt", DIRTY)
    result = cli("check", "--fix", "--diff", "dirty.txt")
    assert result.code == 2 and "cannot be combined" in result.err
