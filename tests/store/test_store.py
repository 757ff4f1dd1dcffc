"""The store on SQLite and PostgreSQL: migrations, idempotent writes, edits, rejects."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from tests.conftest import analysed, make_item

from propwatch.errors import SchemaError, StoreUnavailable
from propwatch.model import Rejected
from propwatch.store import SearchQuery, Store, open_store
from propwatch.store import schema as s
from propwatch.store.migrations import MIGRATIONS


def test_migrations_apply_once(db_url: str) -> None:
    with open_store(db_url) as first:
        assert first.schema_version == MIGRATIONS[-1].version
    with open_store(db_url) as again, again.engine.connect() as conn:
        versions = conn.execute(sa.select(s.schema_migrations.c.version)).scalars().all()
    assert versions == [m.version for m in MIGRATIONS]


def test_newer_schema_is_refused_not_damaged(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.begin() as conn:
        conn.execute(
            s.schema_migrations.insert().values(
                version=99, name="future", applied_at=datetime(2030, 1, 1)
            )
        )
    with pytest.raises(SchemaError) as info:
        open_store(db_url)
    assert "newer" in str(info.value)


def test_same_batch_twice_adds_nothing(store: Store) -> None:
    items = [make_item(f"Салом дунё {i}", str(i)) for i in range(5)]
    first = store.write(analysed(*items))
    second = store.write(analysed(*items))
    assert (first.ingested, first.duplicates) == (5, 0)
    assert (second.ingested, second.duplicates) == (0, 5)
    assert store.stats()["messages"] == 5


def test_edit_becomes_current_and_old_text_is_kept(store: Store) -> None:
    store.write(analysed(make_item("first text", "7")))
    later = datetime(2024, 1, 4, tzinfo=UTC)
    counts = store.write(analysed(make_item("corrected text", "7", edited=later)))
    assert counts.edits == 1
    with store.engine.connect() as conn:
        current = conn.execute(sa.select(s.messages.c.text, s.messages.c.version)).one()
        kept = conn.execute(sa.select(s.message_versions.c.text)).scalars().all()
    assert current == ("corrected text", 2)
    assert kept == ["first text"]
    # Re-ingesting the old export afterwards changes nothing.
    again = store.write(analysed(make_item("first text", "7")))
    assert (again.duplicates, again.edits) == (1, 0)
    assert [h.message_id for h in store.search(SearchQuery("corrected")).hits] == ["7"]


def test_older_export_after_newer_keeps_newest_current(store: Store) -> None:
    store.write(analysed(make_item("new", "8", edited=datetime(2024, 2, 1, tzinfo=UTC))))
    counts = store.write(analysed(make_item("old", "8")))
    assert counts.edits == 1
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(s.messages.c.text)).scalar_one() == "new"
        assert conn.execute(sa.select(s.message_versions.c.text)).scalar_one() == "old"


def test_same_id_twice_in_one_batch(store: Store) -> None:
    counts = store.write(analysed(make_item("a", "9"), make_item("a", "9"), make_item("b", "9")))
    assert (counts.ingested, counts.duplicates, counts.edits) == (1, 1, 1)


def test_same_message_id_in_two_channels_is_two_items(store: Store) -> None:
    counts = store.write(
        analysed(make_item("x", "1", "telegram:1"), make_item("x", "1", "telegram:2"))
    )
    assert counts.ingested == 2


def test_rejected_items_are_stored_once(store: Store) -> None:
    bad = Rejected("f.json", "telegram_json", "messages[3]", "R001", "no id", '{"text": "x"}')
    assert store.write([], [bad]).rejected == 1
    store.write([], [bad])
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(s.rejected.c.code, s.rejected.c.raw_excerpt)).all()
    assert rows == [("R001", '{"text": "x"}')]


def test_provenance_is_stored(store: Store) -> None:
    item = make_item("Хуросон", "11")
    store.write(analysed(item))
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(s.messages)).mappings().one()
    assert row["raw_sha256"] == item.raw_sha256 and len(row["raw_sha256"]) == 64
    assert row["raw"] == item.raw
    assert (row["source"], row["position"]) == ("test.json", "messages[11]")
    assert row["date"] == datetime(2024, 1, 3, 12, 0)
    assert isinstance(row["ingested_at"], datetime)
    assert row["facets"] == f"zl{row['language']} zc{row['channel_id']} zy2024 zm202401 zd20240103"


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(StoreUnavailable) as info:
        open_store("sqlite:////no/such/folder/x.db")
    assert "does not exist" in str(info.value)
    assert info.value.code == "PW201"
