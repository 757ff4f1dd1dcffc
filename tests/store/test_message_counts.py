"""Message totals kept by the writer and triggers (``message_counts``) agree with counting."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from tests.conftest import analysed, make_item

from propwatch.store import SearchQuery, Store, open_store
from propwatch.store import schema as s
from propwatch.store.counts import count_messages
from propwatch.store.migrations import FTS_AUTOMERGE, MIGRATIONS


def _counted(store: Store) -> dict[str, int]:
    """Messages per language the slow way, and what the counts table says, side by side."""
    with store.engine.connect() as conn:
        real = dict(
            conn.execute(
                sa.select(s.messages.c.language, sa.func.count()).group_by(s.messages.c.language)
            ).all()
        )
        for language, n in real.items():
            assert count_messages(conn, language) == n, language
        assert count_messages(conn) == sum(real.values())
    return {k: int(v) for k, v in real.items()}


def test_totals_follow_inserts_edits_and_deletes(store: Store) -> None:
    store.write(
        analysed(
            make_item("Бо номи Худо, имрӯз ҳаво хуб аст ва мо ба бозор меравем", "1"),
            make_item("Сегодня хорошая погода, и мы идём на рынок за хлебом", "2"),
            make_item("Today the weather is good and we are going to the market", "3"),
        )
    )
    before = _counted(store)
    assert sum(before.values()) == 3 and len(before) == 3
    # An edit that changes the language moves the message from one total to the other.
    later = datetime(2024, 5, 1, tzinfo=UTC)
    counts = store.write(
        analysed(make_item("Сегодня хорошая погода, и мы идём на рынок за хлебом", "3",
                           edited=later))
    )  # fmt: skip
    assert counts.edits == 1
    after = _counted(store)
    assert sum(after.values()) == 3 and after != before
    with store.engine.begin() as conn:
        conn.execute(s.annotations.delete())
        conn.execute(s.message_versions.delete())
        conn.execute(s.messages.delete().where(s.messages.c.message_id == "1"))
    assert sum(_counted(store).values()) == 2


def test_stats_report_the_kept_totals(store: Store) -> None:
    store.write(analysed(*(make_item(f"Салом дунё, рӯзи хуб {i}", str(i)) for i in range(4))))
    store.write(analysed(make_item("Today the weather is good and we go to the market", "9")))
    stats = store.stats()
    assert stats["messages"] == 5
    assert stats["by_language"] == _counted(store)
    totals = list(stats["by_language"].values())
    assert totals == sorted(totals, reverse=True)


def test_an_existing_database_is_counted_when_migrated(tmp_path: object) -> None:
    """A database made before migration 6 gets its totals from its rows."""
    url = f"sqlite:///{tmp_path}/old.db"
    with open_store(url) as store:
        store.write(analysed(*(make_item(f"Hello world number {i} today", str(i))
                               for i in range(3))))  # fmt: skip
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # undo migration 6, as a database of the previous release
        for trigger in ("message_counts_ad", "message_counts_au"):
            conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
        conn.exec_driver_sql("DROP TABLE message_counts")
        conn.execute(s.schema_migrations.delete().where(s.schema_migrations.c.version >= 6))
        conn.execute(
            s.messages.insert().from_select(
                [c.name for c in s.messages.columns if c.name != "id"],
                sa.select(
                    *[
                        (sa.literal("99") if c.name == "message_id" else c)
                        for c in s.messages.columns
                        if c.name != "id"
                    ]
                ).where(s.messages.c.message_id == "0"),
            )
        )
    engine.dispose()
    with open_store(url) as store:
        assert store.schema_version == MIGRATIONS[-1].version
        assert _counted(store) == {"en": 4}


def test_migration_7_drops_the_language_index_and_language_lookups_still_use_an_index(
    tmp_path: object,
) -> None:
    """A database of the previous release loses its index on ``language`` alone (each index
    costs every ingested message a write); lookups by language use ``(language, date)``."""
    url = f"sqlite:///{tmp_path}/old.db"
    with open_store(url) as store:
        store.write(analysed(make_item("Hello world number one today", "1")))
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # as a database of the previous release
        conn.exec_driver_sql("CREATE INDEX ix_messages_language ON messages (language)")
        conn.execute(s.schema_migrations.delete().where(s.schema_migrations.c.version >= 7))
    engine.dispose()
    with open_store(url) as store:
        assert store.schema_version == MIGRATIONS[-1].version
        with store.engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'")}
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM messages WHERE language = 'en'"))
    assert "ix_messages_language" not in names
    assert "ix_messages_language_date" in names
    assert "USING COVERING INDEX ix_messages_language_date" in plan


def test_the_full_text_index_merges_eight_segments_at_a_time_new_or_upgraded(
    tmp_path: object,
) -> None:
    """FTS5 merges ``FTS_AUTOMERGE`` segments at a time instead of its default 4 (less
    rewriting during ingest): set on a new database and on one of the previous release."""

    def automerge(url: str) -> int | None:
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT v FROM messages_fts_config WHERE k = 'automerge'"
            ).first()
        engine.dispose()
        return None if row is None else int(row[0])

    url = f"sqlite:///{tmp_path}/fts.db"
    with open_store(url) as store:
        store.write(analysed(make_item("Hello world number one today", "1")))
    assert automerge(url) == FTS_AUTOMERGE == 8
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # as a database of the previous release
        conn.exec_driver_sql("DELETE FROM messages_fts_config WHERE k = 'automerge'")
        conn.execute(s.schema_migrations.delete().where(s.schema_migrations.c.version >= 8))
    engine.dispose()
    assert automerge(url) is None  # FTS5's default, 4
    with open_store(url) as store:
        assert store.schema_version == MIGRATIONS[-1].version
        assert store.search(SearchQuery("world")).total == 1
    assert automerge(url) == 8
