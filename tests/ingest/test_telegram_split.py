"""Telegram exports cut between messages (``propwatch.ingest.telegram_split``) read exactly as
the streamed ijson reader reads them: same records, same positions, same damage."""

from __future__ import annotations

import importlib.util
import json
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from propwatch.errors import InputDamaged
from propwatch.ingest import telegram_split
from propwatch.ingest.base import ReaderOptions, ReadResult
from propwatch.ingest.telegram_json import read_telegram_json, telegram_pieces
from propwatch.ingest.telegram_map import MAX_NESTING
from propwatch.model import RawItem, Rejected

OPTS = ReaderOptions()
SHARED = Path(__file__).parents[3] / "shared" / "data" / "telegram"
GENERATE_PY = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


def _generate_module() -> ModuleType:
    name = "propwatch_bench_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, GENERATE_PY)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _read(path: Path) -> tuple[list[ReadResult], InputDamaged | None]:
    out: list[ReadResult] = []
    try:
        for record in read_telegram_json(path, OPTS):
            out.append(record)
    except InputDamaged as err:
        return out, err
    return out, None


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The file read cut between messages, then read by ijson alone."""
    with path.open("rb") as f:
        start = 3 if f.read(3) == b"\xef\xbb\xbf" else 0
        assert telegram_split.find_layout(f, start) is not None, "not cut: the test is void"
    cut = _read(path)
    with monkeypatch.context() as m:
        m.setattr(telegram_split, "find_layout", lambda fileobj, start: None)
        streamed = _read(path)
    return cut, streamed


def _same(cut: Any, streamed: Any) -> None:
    (a, a_err), (b, b_err) = cut, streamed
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        if isinstance(x, Rejected) and x.code == "R008":
            # the damage: same code and message index (the parsers word the error apart)
            assert isinstance(y, Rejected) and y.code == "R008"
            assert x.position.split(" ")[0] == y.position.split(" ")[0]
        else:
            assert x == y
    assert (a_err is None) == (b_err is None)
    if a_err is not None and b_err is not None:
        assert str(a_err.position).split(" ")[0] == str(b_err.position).split(" ")[0]


def _write(path: Path, messages: list[Any], *, newline: str = "\n", bom: bool = False,
           meta_after: bool = False) -> Path:  # fmt: skip
    root: dict[str, Any] = {} if meta_after else {"name": "C", "type": "public_channel", "id": 5}
    root["messages"] = messages
    if meta_after:
        root.update({"name": "C", "type": "public_channel", "id": 5})
    text = json.dumps(root, ensure_ascii=False, indent=1).replace("\n", newline)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _message(i: int, text: Any = "plain", **extra: Any) -> dict[str, Any]:
    msg: dict[str, Any] = {"id": i, "type": "message", "date_unixtime": str(1700000000 + i)}
    msg["text"] = text
    msg.update(extra)
    return msg


def _awkward() -> list[Any]:
    """Messages a cut must not misread: braces and brackets inside strings, elements that are
    not objects, a number beyond 64 bits, nesting deeper than the limit, entity arrays."""
    deep: Any = "bottom"
    for _ in range(MAX_NESTING + 20):
        deep = [deep]
    return [
        _message(1, 'He wrote "},\\n  {" and "}]" in a post'),
        "a string where a message should be",
        _message(2, [{"type": "link", "text": "https://t.me/x"}, " and }, { more"]),
        17,
        None,
        [1, 2],
        _message(3, "big", views=2**63 - 1, share=1e308),
        _message(4, "deep", extra=deep),
        {"type": "message", "text": "no id"},
        _message(5, "x" * 200_000),
        _message(6, "last"),
    ]


@pytest.mark.parametrize(
    "variant",
    [{}, {"newline": "\r\n"}, {"bom": True}, {"meta_after": True}],
    ids=["telegram", "crlf", "bom", "meta-after"],
)
def test_awkward_messages_read_the_same_cut_or_streamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variant: dict[str, Any]
) -> None:
    path = _write(tmp_path / "result.json", _awkward(), **variant)
    cut, streamed = _both(path, monkeypatch)
    _same(cut, streamed)
    records, error = cut
    assert error is None
    assert [r.message_id for r in records if isinstance(r, RawItem)] == ["1", "2", "3", "5", "6"]
    codes = [r.code for r in records if isinstance(r, Rejected)]
    assert codes.count("R009") == 4 and "R001" in codes and "R005" in codes
    # every element has its index in the array, cut or not
    assert [r.position.split(" ")[0] for r in records] == [f"messages[{i}]" for i in range(11)]


def test_a_generated_export_reads_the_same_cut_or_streamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmark generator's files (1% malformed, forwards, edits, text arrays), written
    one message a line and as Telegram Desktop lays them out."""
    generate = _generate_module()
    for pretty in (False, True):
        path = tmp_path / f"gen-{pretty}.json"
        generate.generate(3000, path, seed=11, pretty=pretty)
        cut, streamed = _both(path, monkeypatch)
        _same(cut, streamed)
        assert sum(isinstance(r, Rejected) for r in cut[0]) > 10


def test_a_real_telegram_export_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    path = SHARED / "real_public_channel_excerpt_TR_Facts_Deals.json"
    if not path.exists():
        pytest.skip("the shared data folder is not next to the repository")
    cut, streamed = _both(path, monkeypatch)
    _same(cut, streamed)
    assert len(cut[0]) >= 3


@pytest.mark.parametrize(
    "where", ['"id": 40,', '"text": "plain 40', '},\n  {\n   "id": 40', "\n ]"]
)
def test_a_truncated_export_keeps_what_came_before_cut_or_streamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    messages = [_message(i, f"plain {i}") for i in range(1, 60)]
    data = _write(tmp_path / "full.json", messages).read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(data[: data.index(where.encode())])
    cut, streamed = _both(path, monkeypatch)
    _same(cut, streamed)
    records, error = cut
    last = records[-1]
    assert error is not None and isinstance(last, Rejected) and last.code == "R008"


def test_a_number_beyond_64_bits_is_damage_cut_or_streamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "result.json", [_message(1), _message(2, views=2**70), _message(3)])
    cut, streamed = _both(path, monkeypatch)
    _same(cut, streamed)
    assert cut[1] is not None and str(cut[1].position).startswith("messages[1]")


def test_garbage_inside_a_message_stops_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages = [_message(i, f"plain {i}") for i in range(1, 30)]
    data = _write(tmp_path / "full.json", messages).read_bytes()
    at = data.index(b'"plain 12"')
    path = tmp_path / "bad.json"
    path.write_bytes(data[:at] + b"\x00\xff garbage" + data[at:])
    cut, streamed = _both(path, monkeypatch)
    _same(cut, streamed)
    kept = [r.message_id for r in cut[0] if isinstance(r, RawItem)]
    assert kept == [str(i) for i in range(1, 12)]


def test_files_laid_out_otherwise_are_not_cut(tmp_path: Path) -> None:
    messages = [_message(i) for i in range(1, 5)]
    one_line = tmp_path / "one.json"
    one_line.write_text(json.dumps({"name": "C", "type": "public_channel", "id": 5,
                                    "messages": messages}))  # fmt: skip
    comma_first = tmp_path / "comma.json"
    comma_first.write_text('{"name": "C", "type": "public_channel", "id": 5, "messages": [\n'
                           + "\n,".join(json.dumps(m) for m in messages) + "\n]}")  # fmt: skip
    nested = tmp_path / "nested.json"
    nested.write_text('{"about": {"messages": [\n  {"id": 1},\n  {"id": 2}]},\n'
                      ' "name": "C", "type": "public_channel", "id": 5, "messages": [\n'
                      + ",\n".join(json.dumps(m) for m in messages) + "\n]}")  # fmt: skip
    for path in (one_line, comma_first, nested):
        with path.open("rb") as f:
            assert telegram_split.find_layout(f, 0) is None
        got = [r for r in read_telegram_json(path, OPTS) if isinstance(r, RawItem)]
        assert [r.message_id for r in got] == ["1", "2", "3", "4"]


def test_pieces_a_stripe_skips_are_not_parsed_and_indices_still_agree(tmp_path: Path) -> None:
    """A piece runs from one object to the next object: the elements that are not objects
    between them are in the piece before, and count in the indices of every reader."""
    path = _write(tmp_path / "result.json", _awkward())
    whole = list(read_telegram_json(path, OPTS))
    pieces = list(telegram_pieces(path, OPTS, keep=lambda p: p % 2 == 1))
    # msg 1 .. msg 3 (seven elements), msg 4, no id, msg 5, msg 6
    assert [p is None for p in pieces] == [True, False, True, False, True]
    assert pieces[1] == [whole[7]] and pieces[3] == [whole[9]]
    assert whole[7].position.startswith("messages[7] (byte ~")


def test_a_piece_over_the_limit_is_rejected_unread_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(telegram_split, "PIECE_LIMIT", 3 << 20)
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
    with path.open("rb") as f:
        assert telegram_split.find_layout(f, 0) is not None
    count = 0
    tracemalloc.start()
    try:
        results: Iterator[ReadResult] = read_telegram_json(path, OPTS)
        for result in results:
            count += isinstance(result, RawItem)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 12_000
    assert peak < 50 * 1024 * 1024
