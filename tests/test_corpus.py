"""JSON Lines corpora: reading, locations, malformed records, fixes, compression."""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import CLEAN, DIRTY

RECORDS = [
    {"id": "a1", "text": DIRTY, "source": "wire", "tags": ["x"]},
    {"id": 7, "text": CLEAN, "source": "site"},
    {"id": "a3", "text": 42},
    {"id": "a4", "body": CLEAN},
]


def write_jsonl(path, records, extra_lines=()):
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_bytes(("\n".join(lines) + "\n").encode())
    return path


def test_records_are_linted_with_their_ids(cli, tmp_path):
    write_jsonl(tmp_path / "c.jsonl", RECORDS, ["{broken", "[1, 2]"])
    result = cli("check", "c.jsonl", "--output-format", "concise", "--no-cache")
    lines = result.out.splitlines()
    assert lines[:7] == [
        "c.jsonl:a1:2:1: H101 [*] HTML comment debris `<!–`; the fix removes the line",
        "c.jsonl:a1:4:67: W101 [*] 3 trailing whitespace characters; the fix deletes them",
        "c.jsonl:a3:1:1: E104 record a3: field 'text' is int, not a string",
        "c.jsonl:a4:1:1: E104 record a4 has no 'text' field",
        "c.jsonl:#5:1:1: E104 record 5 is not valid JSON: Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)",
        "c.jsonl:#6:1:1: E104 record 6 is not a JSON object",
        "Found 6 findings in 5 of 6 documents: 5 errors, 1 info.",
    ]
    assert result.code == 1


def test_json_output_adds_record_fields(cli, tmp_path):
    write_jsonl(tmp_path / "c.jsonl", RECORDS[:2])
    found = json.loads(cli("check", "c.jsonl", "--output-format", "json").out)
    assert [(f["path"], f["record"], f["record_index"], f["code"]) for f in found] == [
        ("c.jsonl", "a1", 0, "H101"), ("c.jsonl", "a1", 0, "W101"),
    ]


def test_text_and_id_fields_from_flags_and_config(cli, tmp_path, articles):
    write_jsonl(tmp_path / "c.jsonl", [{"key": "k9", "body": DIRTY}])
    result = cli("check", "c.jsonl", "--text-field", "body", "--id-field", "key", "--output-format", "concise", "-q")
    assert result.out.splitlines()[0].startswith("c.jsonl:k9:2:1: H101")
    articles("lintnews.toml", 'text-field = "body"\nid-field = "key"\n')
    result = cli("check", "c.jsonl", "--output-format", "concise", "-q")
    assert result.out.splitlines()[0].startswith("c.jsonl:k9:2:1: H101")


def test_fix_rewrites_only_changed_records_byte_for_byte(cli, tmp_path):
    untouched = '{"id":"b2","text":"' + json.dumps(CLEAN)[1:-1] + '","n":1}'
    odd = '{ "id" : "b3" , "text" : ' + json.dumps(CLEAN) + " }"
    changed = json.dumps({"id": "b1", "meta": {"k": "ü"}, "text": DIRTY, "z": None}, ensure_ascii=False)
    path = tmp_path / "c.jsonl"
    path.write_bytes(f"{changed}\r\n{untouched}\n{odd}\n\n".encode())
    cli("check", "c.jsonl", "--fix")
    lines = path.read_bytes().split(b"\n")
    record = json.loads(lines[0])
    assert list(record) == ["id", "meta", "text", "z"]
    assert record["text"] == CLEAN and record["meta"] == {"k": "ü"}
    assert lines[0].endswith(b"\r") and "ü".encode() in lines[0]
    assert lines[1:] == [untouched.encode(), odd.encode(), b"", b""]
    assert cli("check", "c.jsonl", "--fix").out.count("Fixed") == 0


def test_gzip_corpus_read_and_fixed(cli, tmp_path):
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"id": "g1", "text": DIRTY}) + "\n").encode()))
    result = cli("check", "c.jsonl.gz", "--output-format", "concise", "-q")
    assert result.out.splitlines()[0].startswith("c.jsonl.gz:g1:2:1: H101")
    cli("check", "c.jsonl.gz", "--fix")
    assert json.loads(gzip.decompress(path.read_bytes()))["text"] == CLEAN


def test_zstd_corpus_needs_the_module(cli, tmp_path):
    try:
        import zstandard
    except ImportError:
        (tmp_path / "c.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd")
        result = cli("check", "c.jsonl.zst")
        assert result.code == 2 and "needs the zstandard module" in result.err
        return
    data = zstandard.ZstdCompressor().compress((json.dumps({"id": "z1", "text": DIRTY}) + "\n").encode())
    (tmp_path / "c.jsonl.zst").write_bytes(data)
    result = cli("check", "c.jsonl.zst", "--output-format", "concise", "-q")
    assert result.out.splitlines()[0].startswith("c.jsonl.zst:z1:2:1: H101")


def test_corrupt_gzip_is_an_error_but_other_inputs_run(cli, tmp_path, articles):
    (tmp_path / "bad.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    articles("dirty.txt", DIRTY)
    result = cli("check", "bad.jsonl.gz", "dirty.txt", "--output-format", "concise", "-q")
    assert result.code == 2
    assert "bad.jsonl.gz: stopped at record 1" in result.err
    assert "dirty.txt:2:1: H101" in result.out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_records_stream_without_loading_the_file(cli, tmp_path, jobs):
    # 3,000 records: the output order is the input order whatever the number of workers.
    records = [{"id": f"r{i}", "text": DIRTY if i % 3 == 0 else CLEAN} for i in range(3000)]
    write_jsonl(tmp_path / "big.jsonl", records)
    result = cli("check", "big.jsonl", "--output-format", "jsonl", "-j", jobs, "--no-cache", "--select", "H101")
    ids = [json.loads(line)["record"] for line in result.out.splitlines()]
    assert ids == [f"r{i}" for i in range(0, 3000, 3)]
