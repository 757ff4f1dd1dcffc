"""Ingest gives the same database whether analysis runs here or in worker processes, and
whether the file is read here (one worker) or by every worker, each analysing its stripe of
batches (two or more workers: ``propwatch.striped``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from propwatch.api import ingest
from propwatch.store import SearchQuery, open_store
from propwatch.store import schema as s


def _export(path: Path, n: int, indent: int | None = None) -> None:
    """``n`` messages and one without an id; ``indent=1`` lays the file out as Telegram
    Desktop does (cut between messages when read), None on one line (read by ijson)."""
    texts = [
        "Рофизийлар ва яҳудийлар бир тангасининг икки томони",
        "Rofiziylar va yahudiylar bir tangasining ikki tomoni",
        "Бүгүн Бишкекте аба ырайы жакшы болот",
        "امروز هوا در کابل بسیار سرد است",
        "Bugün İstanbul'da hava çok güzel",
    ]
    messages = [
        {
            "id": i,
            "type": "message",
            "date": "2024-01-03T11:00:00",
            "date_unixtime": str(1704268800 + i),
            "text": f"{texts[i % len(texts)]} {i}",
            "text_entities": [],
        }
        for i in range(1, n + 1)
    ]
    messages.insert(7, {"type": "message", "text": "no id"})
    path.write_text(
        json.dumps(
            {"name": "c", "type": "public_channel", "id": 9, "messages": messages}, indent=indent
        ),
        encoding="utf-8",
    )


def _rows(url: str) -> list[tuple[object, ...]]:
    with open_store(url) as store, store.engine.connect() as conn:
        m = s.messages
        return [
            tuple(r)
            for r in conn.execute(
                sa.select(
                    m.c.message_id, m.c.match_key, m.c.language, m.c.script, m.c.raw_sha256
                ).order_by(m.c.id)
            )
        ]


def _analysis(url: str) -> tuple[list[tuple[object, ...]], dict[str, int]]:
    """Every stored annotation (with its message id), and the graph tables' sizes."""
    with open_store(url) as store, store.engine.connect() as conn:
        m, a = s.messages, s.annotations
        notes = [
            tuple(r)
            for r in conn.execute(
                sa.select(m.c.message_id, a.c.component, a.c.kind, a.c.label, a.c.score,
                          a.c.start, a.c.end, a.c.data)
                .join(m, m.c.id == a.c.message_pk)
                .order_by(a.c.id)
            )
        ]  # fmt: skip
        sizes = {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in s.GRAPH_TABLES
        }
    return notes, sizes


@pytest.mark.parametrize("indent", [None, 1])
def test_workers_give_the_same_result(tmp_path: Path, indent: int | None) -> None:
    export = tmp_path / "result.json"
    _export(export, 450, indent)
    urls = {}
    for workers in (0, 1, 2):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        with open_store(url) as store:
            report = ingest([export], store, workers=workers, batch_size=100)
        assert (report.totals.ingested, report.totals.rejected) == (450, 1)
        urls[workers] = url
    assert _rows(urls[0]) == _rows(urls[1]) == _rows(urls[2])
    # Workers send annotations back as rows; analysed here, they are objects: same database.
    notes, sizes = _analysis(urls[1])
    assert (notes, sizes) == _analysis(urls[0]) == _analysis(urls[2])
    assert any(kind == "detection" for _, _, kind, *_ in notes)
    assert sizes["entity_mentions"] > 0
    with open_store(urls[1]) as store:
        hits = store.search(SearchQuery("rofiziy"))
    assert hits.total == 180


def _everything(url: str) -> tuple[list[tuple[object, ...]], ...]:
    """Every stored message (all columns but the ingest time) and rejected record."""
    with open_store(url) as store, store.engine.connect() as conn:
        m, r = s.messages, s.rejected
        kept = [c for c in m.columns if c.name != "ingested_at"]
        messages = [tuple(row) for row in conn.execute(sa.select(*kept).order_by(m.c.id))]
        rejected = [
            tuple(row)
            for row in conn.execute(
                sa.select(r.c.source, r.c.position, r.c.code, r.c.reason).order_by(r.c.id)
            )
        ]
    return messages, rejected


@pytest.mark.parametrize("indent", [None, 1])
def test_a_damaged_export_read_by_every_worker_keeps_what_came_before(
    tmp_path: Path, indent: int | None
) -> None:
    """Truncated mid-message in its 4th batch: the messages before it are stored once each,
    the damage is a rejected record and the file's error names its position, as when the
    file is read once (cut between messages, the stripe of that batch finds the damage and
    the other, which skipped it unparsed, is stopped)."""
    export = tmp_path / "result.json"
    _export(export, 450, indent)
    data = export.read_bytes()
    cut = data.index(b'"id": 333,')
    (tmp_path / "cut.json").write_bytes(data[:cut])
    got = {}
    for workers in (0, 2):
        url = f"sqlite:///{tmp_path / f'cut{workers}.db'}"
        with open_store(url) as store:
            report = ingest([tmp_path / "cut.json"], store, workers=workers, batch_size=100)
        summary = report.to_json()
        assert (summary["ingested"], summary["rejected"]) == (332, 2)  # "no id" and R008
        assert summary["exit_code"] == 1
        [error] = summary["errors"]
        assert error["code"] == "PW103" and error["position"].startswith("messages[333] (byte ~")
        got[workers] = (_everything(url), error)
    assert got[0] == got[2]
    (_, rejected), _ = got[2]
    assert [code for _, _, code, _ in rejected] == ["R001", "R008"]


def test_every_worker_reads_jsonl_and_csv_and_a_second_ingest_adds_nothing(
    tmp_path: Path,
) -> None:
    lines = [
        json.dumps({"id": i, "text": f"Бүгүн Бишкекте аба ырайы жакшы болот {i}",
                    "date": f"2024-01-{1 + i % 28:02d}T10:00:00Z"}, ensure_ascii=False)
        for i in range(230)
    ]  # fmt: skip
    lines.insert(50, "{broken")
    (tmp_path / "posts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["id,text"] + [f"{i},Rofiziylar va yahudiylar {i}" for i in range(170)]
    (tmp_path / "posts.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    got = {}
    for workers in (0, 2):
        url = f"sqlite:///{tmp_path / f'f{workers}.db'}"
        with open_store(url) as store:
            first = ingest([tmp_path], store, workers=workers, batch_size=40).to_json()
            again = ingest([tmp_path], store, workers=workers, batch_size=40).to_json()
        assert (first["ingested"], first["rejected"]) == (400, 1)
        assert (again["ingested"], again["duplicates"]) == (0, 400)
        got[workers] = _everything(url)
    assert got[0] == got[2]


def test_every_worker_reading_writes_the_same_rows_on_each_backend(
    db_url: str, tmp_path: Path
) -> None:
    """Workers build the rows for the store's dialect (dates and JSON as each driver takes
    them): on PostgreSQL too, the same messages as analysed in one process on SQLite."""
    export = tmp_path / "result.json"
    _export(export, 250)
    reference = f"sqlite:///{tmp_path / 'one.db'}"
    with open_store(reference) as store:
        ingest([export], store, workers=0, batch_size=60)
    with open_store(db_url) as store:
        report = ingest([export], store, workers=2, batch_size=60)
        assert (report.totals.ingested, report.totals.rejected) == (250, 1)
        with store.engine.connect() as conn:
            dates = conn.execute(sa.select(s.messages.c.date).order_by(s.messages.c.id)).scalars()
            assert next(iter(dates)).isoformat() == "2024-01-03T08:00:01"
    assert _rows(db_url) == _rows(reference)


def test_a_failure_while_the_stripes_are_still_reading_stops_them(tmp_path: Path) -> None:
    """The writer fails after the first batch while both workers still have batches queued
    and to come: ingest reports the file's error and returns (no worker is left blocked on a
    full queue), and the first batch stays stored."""
    export = tmp_path / "result.json"
    _export(export, 1200)
    calls: list[int] = []

    def fail_after_first(pks: list[int]) -> None:
        calls.append(len(pks))
        if len(calls) > 1:
            raise RuntimeError("the writer's callback failed")

    url = f"sqlite:///{tmp_path / 'fail.db'}"
    with open_store(url) as store:
        report = ingest([export], store, workers=2, batch_size=50, on_batch=fail_after_first)
    [error] = report.to_json()["errors"]
    assert error["code"] == "PW100" and "callback failed" in error["message"]
    assert len(calls) == 2
    # two batches committed (100 records, one of them without an id); the callback ran after each
    assert (report.totals.ingested, report.totals.rejected) == (99, 1)


def test_edits_read_by_every_worker_keep_each_version_with_its_raw_record(
    tmp_path: Path,
) -> None:
    """A newer export edits some messages: striped, the edit becomes the current row and the
    older text is kept as a version with its raw record, as when the file is read once."""
    first = tmp_path / "first" / "result.json"
    newer = tmp_path / "newer" / "result.json"
    first.parent.mkdir()
    newer.parent.mkdir()
    _export(first, 300)
    data = json.loads(first.read_text(encoding="utf-8"))
    for message in data["messages"][100:300:20]:
        message["text"] += " (edited)"
        message["edited_unixtime"] = str(1704300000)
    newer.write_text(json.dumps(data), encoding="utf-8")
    got = {}
    for workers in (0, 2):
        url = f"sqlite:///{tmp_path / f'e{workers}.db'}"
        with open_store(url) as store:
            ingest([first], store, workers=workers, batch_size=70)
            report = ingest([newer], store, workers=workers, batch_size=70).to_json()
            with store.engine.connect() as conn:
                v = s.message_versions
                versions = [tuple(r) for r in conn.execute(
                    sa.select(v.c.text, v.c.raw, v.c.content_sha256).order_by(v.c.id))]  # fmt: skip
        assert (report["edits"], report["duplicates"]) == (10, 290)
        assert len(versions) == 10 and all(raw and "(edited)" not in raw["text"]
                                           for _, raw, _ in versions)  # fmt: skip
        got[workers] = (_everything(url), versions)
    assert got[0] == got[2]


@pytest.mark.parametrize("odd", ["deep", "cut-inside"])
def test_a_message_only_one_stripe_cannot_parse_gives_the_same_database(
    tmp_path: Path, odd: str
) -> None:
    """Cut between messages, each stripe parses only its own. When one of them does not
    parse in the cutting pass (nesting beyond what it parses; an object inside a message at
    the messages' indentation, which cuts that message in two and shifts every later cut of
    the stripes that did not parse it), the rest of the file is read in the ingest process:
    the same database as reading it once."""
    export = tmp_path / "result.json"
    _export(export, 450, indent=1)
    text = export.read_text(encoding="utf-8")
    anchor = '"id": 251,'
    if odd == "deep":
        swap = '"id": 251, "x": ' + "[" * 3500 + "]" * 3500 + ","
    else:
        swap = '"id": 251, "x": [\n  {"a": 1}],'
    export.write_text(text.replace(anchor, swap), encoding="utf-8")
    got = {}
    for workers in (0, 2):
        url = f"sqlite:///{tmp_path / f'{odd}{workers}.db'}"
        with open_store(url) as store:
            report = ingest([export], store, workers=workers, batch_size=100).to_json()
        assert (report["ingested"], report["rejected"], report["errors"]) == (
            (449, 2, []) if odd == "deep" else (450, 1, [])
        )
        got[workers] = _everything(url)
    assert got[0] == got[2]
