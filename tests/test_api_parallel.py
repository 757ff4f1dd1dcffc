"""Ingest gives the same database whether analysis runs here or in worker processes."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from propwatch.api import ingest
from propwatch.store import SearchQuery, open_store
from propwatch.store import schema as s


def _export(path: Path, n: int) -> None:
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
        json.dumps({"name": "c", "type": "public_channel", "id": 9, "messages": messages}),
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


def test_workers_give_the_same_result(tmp_path: Path) -> None:
    export = tmp_path / "result.json"
    _export(export, 450)
    urls = {}
    for workers in (0, 1):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        with open_store(url) as store:
            report = ingest([export], store, workers=workers, batch_size=100)
        assert (report.totals.ingested, report.totals.rejected) == (450, 1)
        urls[workers] = url
    assert _rows(urls[0]) == _rows(urls[1])
    # Workers send annotations back as rows; analysed here, they are objects: same database.
    notes, sizes = _analysis(urls[1])
    assert (notes, sizes) == _analysis(urls[0])
    assert any(kind == "detection" for _, _, kind, *_ in notes)
    assert sizes["entity_mentions"] > 0
    with open_store(urls[1]) as store:
        hits = store.search(SearchQuery("rofiziy"))
    assert hits.total == 180
