"""The ``Store``: one object over SQLite or PostgreSQL for writing, searching and counting."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    bindparam,
    exists,
    func,
    literal_column,
    select,
    text,
)

from propwatch.errors import UsageError
from propwatch.model import Message, Rejected
from propwatch.normalize import match_key
from propwatch.normalize.pipeline import TOKEN_KEYS
from propwatch.store import schema
from propwatch.store.counts import count_messages
from propwatch.store.engine import make_engine
from propwatch.store.facets import plan_dates
from propwatch.store.migrations import migrate
from propwatch.store.search import (
    ParsedQuery,
    SearchHit,
    SearchQuery,
    SearchResult,
    Term,
    parse_query,
    snippet,
)
from propwatch.store.writer import (
    BatchCounts,
    ChannelCache,
    Prepared,
    prepare,
    utc_naive,
    write_batch,
)

__all__ = ["Store", "hit_rows", "open_store", "page_of_hits"]

_WORD_SAFE = re.compile(r"[^\w]+")
#: How SQLAlchemy stores a DateTime in SQLite (compared as text).
_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"

#: With ``sort="auto"``, queries matching more items than this are not ranked (see search).
RANK_LIMIT = 5_000


def _fts_count(conn: Connection, expr: str) -> int:
    """How many items the FTS5 expression ``expr`` matches, counted inside the index."""
    sql = "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?"
    return int(conn.exec_driver_sql(sql, (expr,)).scalar_one())


def _words_fts(parsed: ParsedQuery) -> str:
    """The FTS5 expression of the query's words alone (no facet filters)."""
    return f"match_key : ({_fts5_expr(parsed)})"


def _ranked_by_words(
    conn: Connection, words: str, filtered: str, want: int, extra: set[int] | None = None
) -> list[tuple[int, Any]] | None:
    """The first ``want`` rows matching ``filtered`` (the words plus facet filters), ranked by
    bm25 of the words alone; None when the words alone match more than RANK_LIMIT items.

    FTS5's bm25 reads the document frequency of every phrase of a query, and a filter's facet
    token is a phrase held by a whole language, channel or year: ranking 500 Uzbek matches
    read the doclist of every Uzbek item (7-15 ms at a million). Ranking the words alone and
    keeping the filtered rows costs two reads of the words' doclists instead, and orders a
    filtered result exactly as the unfiltered one (a filter only removes rows). ``extra``:
    rows kept besides those ``filtered`` matches (``filtered`` may be empty)."""
    alone = _fts_count(conn, words)
    if alone > RANK_LIMIT:
        return None
    kept = set(extra or ())
    if filtered:
        kept.update(
            int(r)
            for (r,) in conn.exec_driver_sql(
                "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", (filtered,)
            )
        )
    out: list[tuple[int, Any]] = []
    for r, k in conn.exec_driver_sql(_fts_page_sql("relevance", offset=False), (words, alone)):
        if int(r) in kept:
            out.append((int(r), k))
            if len(out) >= want:
                break
    return out


def _fts_page_sql(used: str, offset: bool = True) -> str:
    """One page of (rowid, rank) from the full-text index: by relevance, or most recently
    stored first (``used == "recent"``) with a NULL rank. Recency pages do not read ``rank``:
    bm25 needs the document frequency of every phrase of the query, a pass over each phrase's
    whole doclist (40 ms for a channel facet held by a million items), and nothing shows a
    recency page's scores."""
    if used == "recent":
        sql = "SELECT rowid, NULL FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC"
    else:
        sql = "SELECT rowid, rank FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rank"
    return sql + (" LIMIT ? OFFSET ?" if offset else " LIMIT ?")


def _fts5_term(term: Term) -> str:
    star = "*" if term.prefix else ""
    if term.variants:
        alternatives = " OR ".join(f'"{v.replace(chr(34), "")}"{star}' for v in term.variants)
        return f"({alternatives})"
    phrase = " ".join(term.words).replace('"', '""')
    return f'"{phrase}"{star}'


def _fts5_expr(parsed: ParsedQuery) -> str:
    parts = []
    for group in parsed.groups:
        pos = " AND ".join(_fts5_term(t) for t in group if not t.negated)
        neg = "".join(f" NOT {_fts5_term(t)}" for t in group if t.negated)
        parts.append(f"({pos}{neg})")
    return " OR ".join(parts)


def _ts_term(term: Term) -> str:
    star = ":*" if term.prefix else ""
    if term.variants:
        alternatives = []
        for variant in term.variants:
            parts = [w for w in (_WORD_SAFE.sub("", w) for w in variant.split()) if w]
            if parts:
                alternatives.append(" <-> ".join(f"'{w}'" for w in parts) + star)
        body = " | ".join(f"({a})" for a in alternatives)
        return f"!({body})" if term.negated else f"({body})"
    words = [_WORD_SAFE.sub("", w) for w in term.words]
    words = [w for w in words if w]
    if not words:
        return ""
    body = " <-> ".join(f"'{w}'" for w in words)
    body += star
    return f"!({body})" if term.negated else f"({body})"


def _tsquery(parsed: ParsedQuery) -> str:
    groups = []
    for group in parsed.groups:
        terms = [t for t in (_ts_term(t) for t in group) if t]
        if terms:
            groups.append("(" + " & ".join(terms) + ")")
    return " | ".join(groups)


class Store:
    """A migrated database. Use :func:`open_store`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.schema_version = migrate(engine)
        self._channels = ChannelCache()

    # -- writing -------------------------------------------------------------------------
    def write(self, batch: Sequence[Message], rejected: Sequence[Rejected] = ()) -> BatchCounts:
        """Write one batch in its own transaction (all of it or none of it)."""
        return self.write_prepared(self.prepare(batch), rejected)

    def prepare(self, batch: Sequence[Message]) -> list[Prepared]:
        """Turn messages into rows without touching the database (thread-safe)."""
        return prepare(batch, self.dialect)

    def write_prepared(
        self, batch: Sequence[Prepared], rejected: Sequence[Rejected] = ()
    ) -> BatchCounts:
        """Write rows from :meth:`prepare` in one transaction."""
        with self.engine.begin() as conn:
            return write_batch(conn, self._channels, batch, rejected)

    def start_run(self, paths: Sequence[str]) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                schema.ingest_runs.insert().values(
                    started_at=_now(), paths=list(paths), status="running"
                )
            )
            pk = result.inserted_primary_key
            return int(pk[0]) if pk else 0

    def finish_run(self, run_id: int, summary: dict[str, Any], status: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                schema.ingest_runs.update()
                .where(schema.ingest_runs.c.id == run_id)
                .values(finished_at=_now(), summary=summary, status=status)
            )

    # -- reading -------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.text, match_key)
        if not parsed.groups and not query.text.strip() and query.annotation_filter:
            return self._browse(query, parsed)
        if not parsed.groups:
            raise UsageError(
                f"the query {query.text!r} has no searchable words",
                hint="Search for at least one word with letters or digits.",
            )
        m, c = schema.messages, schema.channels
        fts_expr = ""
        if self.dialect == "sqlite":
            fts_expr = self._fts5_with_facets(parsed, query)
            # FTS first, materialized: otherwise SQLite may walk a filter's index (language,
            # channel) and probe the full-text index row by row, 100x slower.
            matched = (
                select(
                    literal_column("rowid").label("rowid"),
                    literal_column("rank").label("rank"),
                )
                .select_from(text("messages_fts"))
                .where(text("messages_fts MATCH :q").bindparams(q=fts_expr))
                .cte("matched")
                .prefix_with("MATERIALIZED")
            )
            rank: Any = matched.c.rank
            # Only the ids: a page's rows are read afterwards (page_of_hits, hit_rows).
            base: Select[Any] = (
                select(m.c.id)
                .select_from(matched)
                .join(m, m.c.id == matched.c.rowid)
                .join(c, c.c.id == m.c.channel_id)
            )
            order_rank: Any = rank
        else:
            tsq = func.to_tsquery("simple", _tsquery(parsed))
            tsv: Any = literal_column("messages.match_tsv")
            score = func.ts_rank(tsv, tsq)
            base = (
                select(m.c.id)
                .select_from(m)
                .join(c, c.c.id == m.c.channel_id)
                .where(tsv.op("@@")(tsq))
            )
            order_rank = score.desc()
        base = self._filters(base, query)
        if self.dialect == "sqlite":
            # Language and channel are applied by the full-text index (facet tokens).
            unfiltered = not (query.since or query.until or query.annotation_filter)
        else:
            unfiltered = not (query.language or query.channel or query.since or query.until)
        ranked = query.sort in ("auto", "relevance")
        if self.dialect == "sqlite" and ranked and not query.annotation_filter and (
            query.since or query.until
        ):
            return self._search_dated(query, parsed, fts_expr)
        with self.engine.connect() as conn:
            if self.dialect == "sqlite" and unfiltered and ranked:
                # Common case, made fast: count and rank inside the full-text index alone,
                # then fetch only the rows of the page. Ranking costs ~10 µs per match, so with
                # ``auto`` a query matching more than RANK_LIMIT items lists the most recently
                # stored first instead (and says so in ``SearchResult.sort``).
                expr = fts_expr
                total = _fts_count(conn, expr)
                used = "recent" if query.sort == "auto" and total > RANK_LIMIT else "relevance"
                page = None
                if used == "relevance" and (query.language or query.channel):
                    words = _words_fts(parsed)
                    want = query.offset + query.limit
                    page = _ranked_by_words(conn, words, expr, want)
                    page = None if page is None else page[query.offset : want]
                if page is None:
                    page = [
                        (int(r), k)
                        for r, k in conn.exec_driver_sql(
                            _fts_page_sql(used), (expr, query.limit, query.offset)
                        )
                    ]
                page_scores = {r: float(k) for r, k in page if k is not None}
                found = hit_rows(conn, [r for r, _ in page])
                return self._result(query, parsed, total, found, page_scores, used)
            if self.dialect == "sqlite" and unfiltered:  # newest/oldest: counted in the index
                total = _fts_count(conn, fts_expr)
            else:
                total = conn.execute(
                    select(func.count()).select_from(base.subquery())
                ).scalar_one()
            if query.sort == "newest":
                ordered = base.order_by(m.c.date.desc().nulls_last(), m.c.id.desc())
            elif query.sort == "oldest":
                ordered = base.order_by(m.c.date.asc().nulls_last(), m.c.id.asc())
            else:
                ordered = base.order_by(order_rank, m.c.id)
            rows = page_of_hits(conn, ordered, query.limit, query.offset)
        used = "relevance" if query.sort == "auto" else query.sort
        return self._result(query, parsed, total, rows, {}, used)

    def _search_dated(
        self, query: SearchQuery, parsed: ParsedQuery, expr: str
    ) -> SearchResult:
        """A ranked search with ``since``/``until`` on SQLite, inside the full-text index.

        The window becomes date tokens (:func:`propwatch.store.facets.plan_dates`): whole
        years, months and days are counted and ordered by FTS5 alone; the edge days of a bound
        with a time of day are fetched by their day token and checked row by row.
        """
        m = schema.messages
        since = utc_naive(query.since) if query.since else None
        until = utc_naive(query.until) if query.until else None
        with self.engine.connect() as conn:
            # Two statements: SQLite reads min() or max() alone from the index's ends, but
            # scans the whole index for both in one query (250 ms at 1M messages).
            first = conn.execute(select(func.min(m.c.date))).scalar_one()
            last = conn.execute(select(func.max(m.c.date))).scalar_one()
            plan = plan_dates(since, until, first, last)
            whole = ""
            if plan.whole:
                whole = f"{expr} AND facets : ({' OR '.join(plan.whole)})"
            total = 0
            if whole:
                total += _fts_count(conn, whole)
            # Edge days: every match inside the exact bounds (one day token each).
            edges = self._edges(conn, plan.partial, expr, ranked=False)
            total += len(edges)
            used = "recent" if query.sort == "auto" and total > RANK_LIMIT else "relevance"
            want = query.offset + query.limit
            page: list[tuple[int, Any]] | None = None
            if used == "relevance":
                # Ranked by the words alone (see _ranked_by_words): also puts the edge days'
                # rows in their exact places.
                page = _ranked_by_words(
                    conn, _words_fts(parsed), whole, want, extra={r for r, _ in edges}
                )
            if page is None:
                if used == "relevance" and edges:
                    edges = self._edges(conn, plan.partial, expr, ranked=True)
                candidates: list[tuple[int, Any]] = list(edges)
                if whole and want > 0:
                    page_sql = _fts_page_sql(used, offset=False)
                    candidates += [
                        (int(r), k) for r, k in conn.exec_driver_sql(page_sql, (whole, want))
                    ]
                if used == "recent":
                    candidates.sort(key=lambda pair: -pair[0])
                else:
                    # The edge days' ranks come from a query with one day token instead of
                    # the whole window's tokens: close to what one query would have given.
                    candidates.sort(key=lambda pair: (float(pair[1]), pair[0]))
                page = candidates
            page = page[query.offset : want]
            found = hit_rows(conn, [rowid for rowid, _ in page])
            scores = {r: float(k) for r, k in page if k is not None}
        return self._result(query, parsed, int(total), found, scores, used)

    @staticmethod
    def _edges(
        conn: Connection,
        partial: Sequence[tuple[str, datetime | None, datetime | None]],
        expr: str,
        *,
        ranked: bool,
    ) -> list[tuple[int, Any]]:
        """(rowid, rank or None) of the matches of ``expr`` inside the exact bounds of each
        edge day (a day token, checked row by row against the stored time)."""
        out: list[tuple[int, Any]] = []
        for token, low, high in partial:
            sql = (
                f"SELECT f.rowid, {'f.rank' if ranked else 'NULL'} FROM messages_fts f "
                "JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ?"
            )
            params: list[Any] = [f"{expr} AND facets : {token}"]
            if low is not None:
                sql += " AND m.date >= ?"
                params.append(low.strftime(_SQLITE_TIME))
            if high is not None:
                sql += " AND m.date < ?"
                params.append(high.strftime(_SQLITE_TIME))
            out += [(int(r), k) for r, k in conn.exec_driver_sql(sql, tuple(params))]
        return out

    def _browse(self, query: SearchQuery, parsed: ParsedQuery) -> SearchResult:
        """No words, only filters (e.g. ``--label anti_shia``): newest first by default."""
        m, c = schema.messages, schema.channels
        base: Select[Any] = select(m.c.id).select_from(m.join(c, c.c.id == m.c.channel_id))
        base = self._filters(base, query)
        if query.language and self.dialect == "sqlite":
            base = base.where(m.c.language == query.language)
        if query.channel and self.dialect == "sqlite":
            base = base.where(m.c.channel_id.in_(self._channel_ids(query.channel) or [0]))
        if query.sort == "oldest":
            ordered = base.order_by(m.c.date.asc().nulls_last(), m.c.id.asc())
        else:
            ordered = base.order_by(m.c.date.desc().nulls_last(), m.c.id.desc())
        # Count without the join unless a channel filter needs the channels table.
        needs_join = bool(query.channel) and self.dialect != "sqlite"
        count: Select[Any] = select(func.count()).select_from(
            m.join(c, c.c.id == m.c.channel_id) if needs_join else m
        )
        count = self._filters(count, query)
        if query.language and self.dialect == "sqlite":
            count = count.where(m.c.language == query.language)
        if query.channel and self.dialect == "sqlite":
            count = count.where(m.c.channel_id.in_(self._channel_ids(query.channel) or [0]))
        with self.engine.connect() as conn:
            total = conn.execute(count).scalar_one()
            rows = page_of_hits(conn, ordered, query.limit, query.offset)
        used = "oldest" if query.sort == "oldest" else "newest"
        return self._result(query, parsed, total, rows, {}, used)

    def _annotations_of(self, pks: Sequence[int]) -> dict[int, list[Any]]:
        if not pks:
            return {}
        return annotations_for_hits(self.engine, pks)

    def _result(
        self,
        query: SearchQuery,
        parsed: ParsedQuery,
        total: int,
        rows: Sequence[Any],
        scores: dict[int, float],
        used: str,
    ) -> SearchResult:
        words = list(parsed.positive_words)
        notes = self._annotations_of([int(r.id) for r in rows])
        hits = [
            SearchHit(
                message_id=r.message_id,
                channel=r.channel,
                channel_name=r.channel_name,
                date=r.date,
                language=r.language,
                script=r.script,
                snippet=snippet(r.text, words, TOKEN_KEYS.__getitem__),
                text=r.text,
                author=r.author,
                source=r.source,
                position=r.position,
                raw_sha256=r.raw_sha256,
                pk=r.id,
                score=scores.get(r.id, float(r.score) if r.score is not None else 0.0),
            )
            for r in rows
        ]
        for hit in hits:
            for note in notes.get(hit.pk, []):
                if note.kind == "judgement":
                    hit.propaganda = float(note.score)
                    hit.stance = (note.data or {}).get("stance")
                elif len(hit.detections) < 8:
                    hit.detections.append((note.label, float(note.score), note.component))
        return SearchResult(total=int(total), hits=hits, query=query, sort=used)

    def _channel_ids(self, wanted: str) -> list[int]:
        c = schema.channels
        with self.engine.connect() as conn:
            found = conn.execute(
                select(c.c.id).where(
                    (c.c.key == wanted) | (c.c.name == wanted) | (c.c.key == f"telegram:{wanted}")
                )
            )
            return [int(pk) for pk in found.scalars()]

    def _fts5_with_facets(self, parsed: ParsedQuery, query: SearchQuery) -> str:
        """The FTS5 query: words in the match-key column, filters as facet tokens."""
        expr = f"match_key : ({_fts5_expr(parsed)})"
        if query.language:
            expr += f' AND facets : "zl{query.language.lower().replace(chr(34), "")}"'
        if query.channel:
            ids = self._channel_ids(query.channel) or [0]  # no such channel: no hits
            expr += " AND facets : (" + " OR ".join(f'"zc{pk}"' for pk in ids) + ")"
        return expr

    def _filters(self, stmt: Select[Any], query: SearchQuery) -> Select[Any]:
        m, c = schema.messages, schema.channels
        if query.language and self.dialect != "sqlite":
            stmt = stmt.where(m.c.language == query.language)
        if query.channel and self.dialect != "sqlite":
            wanted = query.channel
            stmt = stmt.where(
                (c.c.key == wanted) | (c.c.name == wanted) | (c.c.key == f"telegram:{wanted}")
            )
        if query.since:
            stmt = stmt.where(m.c.date >= utc_naive(query.since))
        if query.until:
            stmt = stmt.where(m.c.date < utc_naive(query.until))
        note = query.annotation_filter
        if note:
            a = schema.annotations
            kind, label, minimum = note
            stmt = stmt.where(
                exists().where(
                    a.c.message_pk == m.c.id,
                    a.c.kind == kind,
                    a.c.label == label,
                    a.c.score >= minimum,
                )
            )
        return stmt

    def stats(self) -> dict[str, Any]:
        """Counts a user wants after ingest: items, channels, languages, rejected, versions."""
        m, c = schema.messages, schema.channels
        with self.engine.connect() as conn:

            def count(table: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

            mc = schema.message_counts  # kept totals: no scan of every message
            by_language: dict[str, int] = {
                language: int(n)
                for language, n in conn.execute(
                    select(mc.c.language, mc.c.n).where(mc.c.n > 0).order_by(mc.c.n.desc())
                ).all()
            }
            by_channel = [
                {"channel": key, "name": name, "messages": int(n)}
                for key, name, n in conn.execute(
                    select(c.c.key, c.c.name, func.count(m.c.id))
                    .select_from(c.outerjoin(m, m.c.channel_id == c.c.id))
                    .group_by(c.c.key, c.c.name)
                    .order_by(func.count(m.c.id).desc())
                ).all()
            ]
            by_kind: dict[str, int] = dict(
                conn.execute(select(m.c.kind, func.count()).group_by(m.c.kind)).all()
            )
            forwards = int(
                conn.execute(
                    select(func.count()).where(m.c.forwarded_from.is_not(None))
                ).scalar_one()
            )
            return {
                "messages": count_messages(conn),
                "channels": count(c),
                "versions": count(schema.message_versions),
                "rejected": count(schema.rejected),
                "forwards": forwards,
                "by_language": {k: int(v) for k, v in by_language.items()},
                "by_kind": {k: int(v) for k, v in by_kind.items()},
                "by_channel": by_channel,
                "schema_version": self.schema_version,
                "backend": self.dialect,
            }

    def judgements(self) -> dict[tuple[str, str], bool]:
        """(channel key, message id) -> judged propaganda (stance ``endorse``), per judged item."""
        m, c, a = schema.messages, schema.channels, schema.annotations
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(c.c.key, m.c.message_id, a.c.label)
                .select_from(m.join(c, c.c.id == m.c.channel_id).join(a, a.c.message_pk == m.c.id))
                .where(a.c.kind == "stance")
            ).all()
        return {(str(k), str(mid)): label == "endorse" for k, mid, label in rows}

    def detection_stats(self, threshold: float = 0.5) -> dict[str, Any]:
        """What detection found: items judged propaganda (stance ``endorse``, at the model's
        own threshold), stances, labels (detections scoring >= ``threshold``), signals."""
        m, a = schema.messages, schema.annotations
        with self.engine.connect() as conn:
            judged = int(
                conn.execute(
                    select(func.count()).where(a.c.kind == "judgement")
                ).scalar_one()
            )
            propaganda = int(
                conn.execute(
                    select(func.count()).where(a.c.kind == "stance", a.c.label == "endorse")
                ).scalar_one()
            )
            by_stance = {
                str(k): int(v)
                for k, v in conn.execute(
                    select(a.c.label, func.count()).where(a.c.kind == "stance")
                    .group_by(a.c.label).order_by(func.count().desc())
                ).all()
            }
            by_label = {
                str(k): int(v)
                for k, v in conn.execute(
                    select(a.c.label, func.count(func.distinct(a.c.message_pk)))
                    .where(a.c.kind == "detection", a.c.score >= threshold)
                    .group_by(a.c.label).order_by(func.count(func.distinct(a.c.message_pk)).desc())
                ).all()
            }
            signals = {
                str(k): int(v)
                for k, v in conn.execute(
                    select(a.c.label, func.count()).where(a.c.kind == "signal")
                    .group_by(a.c.label).order_by(func.count().desc())
                ).all()
            }
            by_language = {
                str(k): int(v)
                for k, v in conn.execute(
                    select(m.c.language, func.count())
                    .select_from(m.join(a, a.c.message_pk == m.c.id))
                    .where(a.c.kind == "stance", a.c.label == "endorse")
                    .group_by(m.c.language).order_by(func.count().desc())
                ).all()
            }
        return {
            "judged": judged,
            "propaganda": propaganda,
            "threshold": threshold,
            "by_stance": by_stance,
            "by_label": by_label,
            "propaganda_by_language": by_language,
            "signals": signals,
        }

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


#: The hit rows of a result page (what a ``SearchHit`` is built from, and a zero score), as
#: text: building the same statement with SQLAlchemy's expression language for every page
#: cost more than running it.
_HIT_ROWS = (
    text(
        'SELECT m.id, m.message_id, c."key" AS channel, c.name AS channel_name, m.date, '
        "m.language, m.script, m.text, m.author, m.source, m.position, m.raw_sha256, "
        "0.0 AS score FROM messages m JOIN channels c ON c.id = m.channel_id "
        "WHERE m.id IN :pks"
    )
    .bindparams(bindparam("pks", expanding=True))
    .columns(date=schema.messages.c.date.type)
)


def page_of_hits(conn: Connection, ordered: Select[Any], limit: int, offset: int) -> list[Any]:
    """One page of ``ordered`` (a select of messages in the order wanted), as :func:`hit_rows`.

    The page's ids are counted off first, over the message ids alone, then only those rows
    are read. With OFFSET, SQLite computes every skipped row: selecting the hit columns
    (text, raw record...) and their channel made page 18,000 of a million items take 166 s
    (0.03 s this way)."""
    m = schema.messages
    ids = conn.execute(ordered.with_only_columns(m.c.id).limit(limit).offset(offset)).scalars()
    return hit_rows(conn, [int(pk) for pk in ids])


def hit_rows(conn: Connection, pks: list[int]) -> list[Any]:
    """The result rows (:data:`_HIT_ROWS`) of messages ``pks``, in that order."""
    if not pks:
        return []
    order = {pk: i for i, pk in enumerate(pks)}
    found = list(conn.execute(_HIT_ROWS, {"pks": list(pks)}).all())
    found.sort(key=lambda r: order[r.id])
    return found


#: Judgements with their ``data`` (the stance) and detections without (decoding JSON for
#: every detection costs more than the rest of a result page), in one statement.
_HIT_ANNOTATIONS = (
    text(
        "SELECT message_pk, kind, label, score, component, "
        "CASE WHEN kind = 'judgement' THEN data END AS data FROM annotations "
        "WHERE message_pk IN :pks AND kind IN ('judgement', 'detection')"
    )
    .bindparams(bindparam("pks", expanding=True))
    .columns(data=schema.annotations.c.data.type)
)


def annotations_for_hits(engine: Engine, pks: Sequence[int]) -> dict[int, list[Any]]:
    """Judgements (with their ``data``: the stance) and detections (without) of these
    messages, strongest first, per message."""
    out: dict[int, list[Any]] = {}
    if not pks:
        return out
    with engine.connect() as conn:
        rows = list(conn.execute(_HIT_ANNOTATIONS, {"pks": list(pks)}).all())
    rows.sort(key=lambda r: -float(r.score))
    for row in rows:
        out.setdefault(int(row.message_pk), []).append(row)
    return out


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def open_store(db: str | None = None) -> Store:
    """Open (and migrate) the database at ``db``: a URL or a SQLite path; see ``resolve_url``."""
    engine = make_engine(db)
    try:
        return Store(engine)
    except BaseException:
        engine.dispose()
        raise
