"""Telegram exports cut between messages (``propwatch.ingest.telegram_split``) read exactly as
the event parser reads them: same records, same indices, same damage; and a stripe that keeps
only some messages parses only those."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import load_generator

from propwatch.errors import InputDamaged
from propwatch.ingest import telegram_split
from propwatch.ingest.base import ReaderOptions, ReadResult
from propwatch.ingest.telegram_json import SKIPPED, read_telegram_json
from propwatch.ingest.telegram_map import MAX_NESTING, ChatContext
from propwatch.model import RawItem, Rejected

OPTS = ReaderOptions()
SHARED = Path(__file__).parents[3] / "shared" / "data" / "telegram"
CTX = ChatContext("s", "telegram:5", "C", "public_channel", OPTS.max_item_bytes)


def _read(path: Path, split: bool, options: ReaderOptions = OPTS) -> tuple[list[Any], Any]:
    out: list[ReadResult] = []
    try:
        for record in read_telegram_json(path, options, split=split):
            out.append(record)
    except InputDamaged as err:
        return out, err
    return out, None


def _cut_to_the_end(path: Path) -> int:
    """Messages the cutting pass reads before it gives way (all of them: the file's count)."""
    with path.open("rb") as f:
        start = 3 if f.read(3) == b"\xef\xbb\xbf" else 0
        pass_ = telegram_split.split_messages(f, start, CTX, None, SKIPPED)
        count = 0
        try:
            while True:
                next(pass_)
                count += 1
        except StopIteration as end:
            assert end.value is None, f"the cut gave way at {end.value}"
    return count


def _same(path: Path, options: ReaderOptions = OPTS) -> tuple[list[Any], Any]:
    """The file read with the cutting pass equals the file read by the event parser alone
    (positions name the same element; their byte offsets are approximate in both)."""
    cut, cut_err = _read(path, True, options)
    streamed, streamed_err = _read(path, False, options)
    assert len(cut) == len(streamed)
    for x, y in zip(cut, streamed, strict=True):
        assert type(x) is type(y)
        assert x.position.split(" ")[0] == y.position.split(" ")[0]
        if isinstance(x, Rejected) and x.code == "R008":
            assert y.code == "R008"  # the parsers word the damage apart
        else:
            assert {**vars_of(x), "position": ""} == {**vars_of(y), "position": ""}
    assert (cut_err is None) == (streamed_err is None)
    if cut_err is not None:
        assert str(cut_err.position).split(" ")[0] == str(streamed_err.position).split(" ")[0]
    return cut, cut_err


def vars_of(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def _write(path: Path, messages: list[Any], *, newline: str = "\n", bom: bool = False,
           meta_after: bool = False) -> Path:  # fmt: skip
    root: dict[str, Any] = {} if meta_after else {"name": "C", "type": "public_channel", "id": 5}
    root["messages"] = messages
    if meta_after:
        root.update({"name": "C", "type": "public_channel", "id": 5})
    text = json.dumps(root, ensure_ascii=False, indent=1).replace("\n", newline)
    text = text.replace("LONE_SURROGATE", "\\ud800")  # the escape, as a file may hold it
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _message(i: int, text: Any = "plain", **extra: Any) -> dict[str, Any]:
    msg: dict[str, Any] = {"id": i, "type": "message", "date_unixtime": str(1700000000 + i)}
    msg["text"] = text
    msg.update(extra)
    return msg


def _awkward() -> list[Any]:
    """Messages a cut must not misread: braces, brackets and line breaks inside strings,
    elements that are not objects, the largest 64-bit number, nesting deeper than the limit,
    a lone surrogate escape (orjson refuses it), a long text."""
    deep: Any = "bottom"
    for _ in range(MAX_NESTING + 20):
        deep = [deep]
    return [
        _message(1, 'He wrote "},\n  {" and "}]" in a post'),
        "a string where a message should be",
        _message(2, [{"type": "link", "text": "https://t.me/x"}, " and }, { more"]),
        17,
        None,
        [1, 2],
        _message(3, "big", views=2**63 - 1, share=1e308),
        _message(4, "deep", extra=deep),
        {"type": "message", "text": "no id"},
        _message(5, "x" * 200_000),
        _message(7, "LONE_SURROGATE alone"),
        _message(6, "last"),
    ]


@pytest.mark.parametrize(
    "variant",
    [{}, {"newline": "\r\n"}, {"bom": True}, {"meta_after": True}],
    ids=["telegram", "crlf", "bom", "meta-after"],
)
def test_awkward_messages_read_the_same_cut_or_streamed(
    tmp_path: Path, variant: dict[str, Any]
) -> None:
    path = _write(tmp_path / "result.json", _awkward(), **variant)
    assert _cut_to_the_end(path) == 12
    records, error = _same(path)
    assert error is None
    ids = [r.message_id for r in records if isinstance(r, RawItem)]
    assert ids == ["1", "2", "3", "5", "7", "6"]
    codes = [r.code for r in records if isinstance(r, Rejected)]
    assert codes.count("R009") == 4 and "R001" in codes and "R005" in codes
    assert [r.position.split(" ")[0] for r in records] == [f"messages[{i}]" for i in range(12)]


def test_a_generated_export_reads_the_same_cut_or_streamed(tmp_path: Path) -> None:
    """The benchmark generator's files (1% malformed, forwards, edits, text arrays), written
    one message a line and as Telegram Desktop lays them out."""
    generate = load_generator()
    for pretty in (False, True):
        path = tmp_path / f"gen-{pretty}.json"
        generate.generate(3000, path, seed=11, pretty=pretty)
        assert _cut_to_the_end(path) == 3000
        records, _ = _same(path)
        assert sum(isinstance(r, Rejected) for r in records) > 10


def test_a_real_telegram_export_is_cut() -> None:
    exports = sorted(SHARED.glob("*.json"))
    if not exports:
        pytest.skip("the shared data folder is not next to the repository")
    for path in exports:
        assert _cut_to_the_end(path) >= 3
        _same(path)


@pytest.mark.parametrize(
    "where", ['"id": 40,', '"text": "plain 40', '},\n  {\n   "id": 40', "\n ]", "\n}"]
)
def test_a_truncated_export_keeps_what_came_before_cut_or_streamed(
    tmp_path: Path, where: str
) -> None:
    messages = [_message(i, f"plain {i}") for i in range(1, 60)]
    data = _write(tmp_path / "full.json", messages).read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(data[: data.rindex(where.encode())])
    records, error = _same(path)
    last = records[-1]
    assert error is not None and isinstance(last, Rejected) and last.code == "R008"
    assert sum(isinstance(r, RawItem) for r in records) >= 38


def test_garbage_inside_a_message_stops_there(tmp_path: Path) -> None:
    messages = [_message(i, f"plain {i}") for i in range(1, 30)]
    data = _write(tmp_path / "full.json", messages).read_bytes()
    at = data.index(b'"plain 12"')
    path = tmp_path / "bad.json"
    path.write_bytes(data[:at] + b"\x00\xff garbage" + data[at:])
    records, error = _same(path)
    assert error is not None
    kept = [r.message_id for r in records if isinstance(r, RawItem)]
    assert kept == [str(i) for i in range(1, 12)]


def test_a_number_beyond_64_bits_is_read_as_a_float_and_the_file_goes_on(
    tmp_path: Path,
) -> None:
    """ijson's C backend stops the file at such a number (damage); the cutting pass keeps
    the message and everything after it."""
    path = _write(tmp_path / "result.json", [_message(1), _message(2, views=2**70), _message(3)])
    cut, cut_err = _read(path, True)
    assert cut_err is None
    assert [r.message_id for r in cut] == ["1", "2", "3"]
    assert cut[1].raw["views"] == float(2**70)
    _, streamed_err = _read(path, False)
    assert streamed_err is not None and str(streamed_err.position).startswith("messages[1]")


def test_files_laid_out_otherwise_are_read_whole(tmp_path: Path) -> None:
    """One line; commas first; a "messages" key inside another object before the real one; a
    nested object at the messages' indentation (the cut inside a message is caught)."""
    messages = [_message(i) for i in range(1, 5)]
    head = '{"name": "C", "type": "public_channel", "id": 5, '
    files = {
        "one": json.dumps({"name": "C", "type": "public_channel", "id": 5,
                           "messages": messages}),
        "comma": head + '"messages": [\n' + "\n,".join(json.dumps(m) for m in messages) + "\n]}",
        "nested": '{"about": {"messages": [\n  {"id": 1},\n  {"id": 2}]},\n' + head[1:]
        + '"messages": [\n' + ",\n".join(json.dumps(m) for m in messages) + "\n]}",
        "inner": head + '"messages": [\n  {"id": 1, "type": "message", "x": [\n  {"a": 1}]},\n'
        + ",\n".join("  " + json.dumps(m) for m in messages[1:]) + "\n]}",
    }  # fmt: skip
    for name, text in files.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        records, error = _same(path)
        assert error is None, name
        assert [r.message_id for r in records] == ["1", "2", "3", "4"], name


def test_a_stripe_parses_only_what_it_keeps_and_indices_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "result.json", _awkward())
    whole = list(read_telegram_json(path, OPTS))
    parsed: list[bytes] = []
    real = telegram_split._parse

    def counting(piece: bytes) -> Any:
        parsed.append(piece)
        return real(piece)

    monkeypatch.setattr(telegram_split, "_parse", counting)
    odd = list(read_telegram_json(path, OPTS, keep=lambda i: i % 2 == 1))
    assert len(odd) == len(whole) == 12
    for i, (got, want) in enumerate(zip(odd, whole, strict=True)):
        if i % 2:
            assert got == want
        else:
            assert got is SKIPPED
    assert len(parsed) == 5  # the odd pieces but the last, which every reader parses


def test_a_piece_over_the_limit_goes_to_the_event_parser_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(telegram_split, "MAX_PIECE", 3 << 20)
    messages = [_message(1), _message(2, "y" * (5 << 20)), _message(3)]
    path = _write(tmp_path / "result.json", messages)
    records = list(read_telegram_json(path, ReaderOptions(max_item_bytes=1 << 18)))
    assert [getattr(r, "message_id", None) for r in records] == ["1", None, "3"]
    assert isinstance(records[1], Rejected) and records[1].code == "R004"
    assert records[1].position.startswith("messages[1] (byte ~")


def test_memory_stays_flat_on_a_large_file_laid_out_as_telegram_does(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Big",\n "type": "public_channel",\n "id": 7,\n "messages": [\n')
        for i in range(12_000):
            msg = _message(i, f"Report {i}: the channel repeated an earlier claim. " * 80)
            body = json.dumps(msg, indent=1).replace("\n", "\n  ")
            out.write(("" if i == 0 else ",\n") + "  " + body)
        out.write("\n ]\n}\n")
    assert path.stat().st_size > 40 << 20
    count = 0
    tracemalloc.start()
    try:
        for result in read_telegram_json(path, OPTS):
            count += isinstance(result, RawItem)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 12_000
    assert peak < 20 * 1024 * 1024
