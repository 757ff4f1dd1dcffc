"""Near-duplicate clusters across channels (``propwatch graph clusters``).

The same statement reposted, forwarded, lightly edited or re-typed in another script is one
cluster, with the channel and time where it was first seen and the order it spread in.

How: every message with at least ``min_words`` words gets a MinHash signature of its
cross-script match key, shingled into 3-word shingles (character 5-grams for texts under
``SHORT_TEXT_WORDS`` words). Because the match key folds scripts, a text in Cyrillic Uzbek
and its Latin-script spelling get the same shingles. The signatures are datasketch's
(``MinHash``, scheme ``affine32``, its permutations), computed a batch at a time with numpy:
equal to ``MinHash.update_batch`` (tested) but ~5x faster than shingle sets through
``MinHash.bulk``, whose per-sketch Python overhead dominates at a million messages.
Signatures go through locality-sensitive hashing (banding: ``b`` bands of ``r`` rows chosen
for the threshold, favouring recall); messages sharing a band are verified by their estimated
Jaccard similarity (each against the bucket's first unmatched message, up to ``MAX_ROUNDS``
rounds), and a cluster is a connected component of verified pairs. Identical signatures
(forwards, exact reposts) are grouped first so they cost one LSH entry.

Memory: the scan streams ``(id, channel, date, match key)`` rows in batches and keeps, per
message, only its signature (the low 16 bits of each of ``num_perm`` values: 128 bytes at 64),
its id, channel and date: about 150 bytes a message, texts are never kept. Only the members of
the reported clusters are read back. Banding is done with numpy sorts rather than
``datasketch.MinHashLSH``, whose per-bucket Python sets took 130 MB and 18 s for 100,000
messages (measured), i.e. over 1 GB and minutes at a million.

Connected components can chain: A ~ B and B ~ C put A and C together even when they are less
similar. With real reposts this is what one wants (a copy of a copy); on texts that overlap by
construction (the benchmark generator cuts messages from one long text per language) it makes
large clusters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import chain
from typing import Any
from zlib import crc32

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from datasketch import MinHash  # type: ignore[import-untyped, unused-ignore]
from scipy.sparse.csgraph import connected_components
from sqlalchemy import func, select

from propwatch.errors import UsageError
from propwatch.store import Store, schema
from propwatch.store.writer import utc_naive

__all__ = [
    "SHORT_TEXT_WORDS",
    "ClusterMember",
    "ClusterResult",
    "DuplicateCluster",
    "lsh_params",
    "minhash_signatures",
    "near_duplicate_clusters",
    "shingle_values",
]

#: Texts with fewer words are shingled into character 5-grams instead of 3-word shingles.
SHORT_TEXT_WORDS = 10
WORD_SHINGLE = 3
CHAR_SHINGLE = 5
#: Hostile input: only this much of a match key is shingled.
MAX_CHARS = 20_000
MAX_WORDS = 3_000
EXCERPT_CHARS = 300
#: LSH buckets are verified against at most this many successive heads.
MAX_ROUNDS = 16

_SEED = 1
_NO_DATE = np.iinfo(np.int64).max
_MULT = np.uint64(0x9E3779B97F4A7C15)
_PAIR_SLICE = 1 << 16
_IN_CHUNK = 500

IntArray = npt.NDArray[np.int64]
U32 = npt.NDArray[np.uint32]
_WORD_MULT = (np.uint32(0x9E3779B1), np.uint32(0x85EBCA77), np.uint32(0xC2B2AE3D))
_CHAR_MULT = tuple(np.uint32(m) for m in (0x27D4EB2F, 0x165667B1, 0x9E3779B1, 0x85EBCA77, 1))
_WORD_CACHE = 200_000  # words whose CRC-32 is remembered (~30 MB)
_VALUES_PER_STEP = 1 << 15  # shingles permuted at once: num_perm x this many uint32


def _words(match_key: str) -> list[str]:
    return match_key[:MAX_CHARS].split()[:MAX_WORDS]


def _fmix32(h: U32) -> U32:
    """MurmurHash3's 32-bit finalizer (datasketch's pre-mix of the ``affine32`` scheme)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _word_hashes(words: list[str], cache: dict[str, int]) -> U32:
    """CRC-32 of each word, through ``cache`` (word frequencies are Zipfian: most are hits)."""
    if len(cache) > _WORD_CACHE:
        cache.clear()
    for word in set(words).difference(cache):
        cache[word] = crc32(word.encode())
    return np.fromiter(map(cache.__getitem__, words), np.uint32, count=len(words))


def _word_shingles(
    texts: Sequence[list[str]], cache: dict[str, int]
) -> tuple[U32, IntArray]:
    """3-word shingle values and the text each belongs to (texts of 3+ words)."""
    if not texts:
        return np.empty(0, np.uint32), np.empty(0, np.int64)
    lens = np.fromiter((len(w) for w in texts), np.int64, count=len(texts))
    hashed = _word_hashes(list(chain.from_iterable(texts)), cache)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lens)
    k0, k1, k2 = _WORD_MULT
    values = hashed[:-2] * k0 + hashed[1:-1] * k1 + hashed[2:] * k2
    inside = owner[:-2] == owner[2:]
    return values[inside], owner[:-2][inside]


def _char_shingles(texts: Sequence[list[str]]) -> tuple[U32, IntArray]:
    """Character 5-gram values of the space-joined words, and the text each belongs to."""
    if not texts:
        return np.empty(0, np.uint32), np.empty(0, np.int64)
    joined = [" ".join(w).ljust(CHAR_SHINGLE) for w in texts]
    lens = np.fromiter((len(t) + 1 for t in joined), np.int64, count=len(joined))
    points = np.frombuffer(("\0".join(joined) + "\0").encode("utf-32-le"), np.uint32)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lens)
    owner[np.cumsum(lens) - 1] = -1  # the separators
    n = len(points) - CHAR_SHINGLE + 1
    values = np.zeros(n, np.uint32)
    for k, mult in enumerate(_CHAR_MULT):
        values = values + points[k : k + n] * mult
    inside = (owner[:n] == owner[CHAR_SHINGLE - 1 :]) & (owner[:n] >= 0)
    return values[inside], owner[:n][inside]


def shingle_values(
    texts: Sequence[list[str]], cache: dict[str, int] | None = None
) -> tuple[U32, IntArray]:
    """32-bit shingle values of word lists (the words of match keys), and the index of the
    text each belongs to, grouped by text: 3-word shingles for texts of
    ``SHORT_TEXT_WORDS`` words or more, character 5-grams for shorter ones. Words are hashed
    with CRC-32 and combined, so values are the same in every run and on every machine.
    ``cache`` (word -> CRC-32) may be shared between calls."""
    long_ = [i for i, w in enumerate(texts) if len(w) >= SHORT_TEXT_WORDS]
    short = [i for i, w in enumerate(texts) if 0 < len(w) < SHORT_TEXT_WORDS]
    wv, wo = _word_shingles([texts[i] for i in long_], {} if cache is None else cache)
    cv, co = _char_shingles([texts[i] for i in short])
    values = np.concatenate([wv, cv])
    owner = np.concatenate(
        [np.asarray(long_, np.int64)[wo], np.asarray(short, np.int64)[co]]
    )
    order = np.argsort(owner, kind="stable")
    return values[order], owner[order]


def minhash_signatures(
    texts: Sequence[list[str]], num_perm: int = 64, cache: dict[str, int] | None = None
) -> U32:
    """MinHash signatures (one row per non-empty word list) of :func:`shingle_values`.

    Row ``r`` equals ``datasketch.MinHash(num_perm, seed=1, hashfunc=int)`` updated with the
    shingle values of the ``r``-th non-empty text (same permutations, scheme ``affine32``),
    computed for the whole batch at once. On the benchmark's synthetic texts (~70 shingles a
    message) shingle byte sets plus ``MinHash.bulk`` took ~95 µs a message, this ~17 µs.
    """
    a, b = MinHash(num_perm=num_perm, seed=_SEED).permutations.astype(np.uint32)
    a, b = a[:, None], b[:, None]
    values, owner = shingle_values(texts, cache)
    values = _fmix32(values)
    counts = np.bincount(owner, minlength=len(texts))
    kept = np.flatnonzero(counts)
    counts = counts[kept]
    ends = np.cumsum(counts)
    starts = ends - counts
    out = np.empty((len(kept), num_perm), np.uint32)
    i = 0
    while i < len(kept):
        j = max(i + 1, int(np.searchsorted(ends, starts[i] + _VALUES_PER_STEP, side="right")))
        part = values[starts[i] : ends[j - 1]]
        permuted = a * part[None, :] + b
        out[i:j] = np.minimum.reduceat(permuted, starts[i:j] - starts[i], axis=1).T
        i = j
    return out


def lsh_params(
    threshold: float, num_perm: int, *, fp_weight: float = 0.1, fn_weight: float = 0.9
) -> tuple[int, int]:
    """(bands, rows) with ``bands * rows <= num_perm`` minimizing the weighted areas of false
    positives below and false negatives above ``threshold`` (datasketch's criterion, weighted
    for recall: candidates are verified anyway)."""
    xs = np.linspace(0.0, 1.0, 1001)
    below, above = xs <= threshold, xs >= threshold
    best: tuple[float, int, int] | None = None
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            p = 1.0 - (1.0 - xs**r) ** b
            fp = float(np.trapezoid(p[below], xs[below])) if below.sum() > 1 else 0.0
            fn = float(np.trapezoid(1.0 - p[above], xs[above])) if above.sum() > 1 else 0.0
            err = fp_weight * fp + fn_weight * fn
            if best is None or err < best[0] - 1e-12:
                best = (err, b, r)
    assert best is not None
    return best[1], best[2]


@dataclass(slots=True)
class ClusterMember:
    """One message of a cluster."""

    pk: int
    channel: str
    channel_name: str | None
    message_id: str
    date: datetime | None
    forwarded_from: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "channel_name": self.channel_name,
            "message_id": self.message_id,
            "date": _iso(self.date),
            "forwarded_from": self.forwarded_from,
            "id": self.pk,
        }


@dataclass(slots=True)
class DuplicateCluster:
    """Near-duplicate messages: where the text was first seen and the order it spread in."""

    id: int
    size: int
    #: One entry per channel in the order the text reached it:
    #: ``{"channel", "name", "messages", "first"}``.
    channels: list[dict[str, Any]]
    first_seen: ClusterMember
    last_seen: datetime | None
    #: Members by date (undated last), at most ``max_spread`` of them.
    spread: list[ClusterMember]
    excerpt: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "size": self.size,
            "channel_count": len(self.channels),
            "channels": [
                {**c, "first": _iso(c.get("first"))} for c in self.channels
            ],
            "first_seen": self.first_seen.to_json(),
            "last_seen": _iso(self.last_seen),
            "spread": [m.to_json() for m in self.spread],
            "spread_truncated": len(self.spread) < self.size,
            "excerpt": self.excerpt,
        }


@dataclass(slots=True)
class ClusterResult:
    clusters: list[DuplicateCluster]
    total: int  # clusters found (before ``limit``)
    scanned: int  # messages read
    hashed: int  # messages long enough to compare
    clustered: int = 0  # messages in the ``total`` clusters
    largest: int = 0  # size of the largest of them
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "messages_scanned": self.scanned,
            "messages_hashed": self.hashed,
            "total": self.total,
            "messages_in_clusters": self.clustered,
            "largest": self.largest,
            "clusters": [c.to_json() for c in self.clusters],
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() + "Z" if value is not None else None


@dataclass(slots=True)
class _Signatures:
    """Per hashed message: store id, channel pk, date (epoch seconds) and MinHash signature."""

    sig: npt.NDArray[np.uint16]
    pk: IntArray
    channel: npt.NDArray[np.int32]
    when: IntArray
    n: int = 0

    @classmethod
    def empty(cls, capacity: int, num_perm: int) -> _Signatures:
        capacity = max(capacity, 1)
        return cls(
            np.empty((capacity, num_perm), np.uint16),
            np.empty(capacity, np.int64),
            np.empty(capacity, np.int32),
            np.empty(capacity, np.int64),
        )

    def append(
        self, sig: npt.NDArray[np.uint16], pk: list[int], channel: list[int], when: list[int]
    ) -> None:
        k = len(pk)
        if self.n + k > len(self.pk):  # rows added since the count: grow
            grow = max(self.n + k, len(self.pk) + len(self.pk) // 4)
            self.sig = np.resize(self.sig, (grow, self.sig.shape[1]))
            self.pk, self.channel, self.when = (
                np.resize(self.pk, grow), np.resize(self.channel, grow), np.resize(self.when, grow)
            )
        end = self.n + k
        self.sig[self.n : end] = sig
        self.pk[self.n : end] = pk
        self.channel[self.n : end] = channel
        self.when[self.n : end] = when
        self.n = end


def _window(stmt: Any, since: datetime | None, until: datetime | None) -> Any:
    m = schema.messages
    if since is not None:
        stmt = stmt.where(m.c.date >= utc_naive(since))
    if until is not None:
        stmt = stmt.where(m.c.date < utc_naive(until))
    return stmt


def _epoch(value: datetime | None) -> int:
    if value is None:
        return int(_NO_DATE)
    return int((value - datetime(1970, 1, 1)).total_seconds())


def _scan(
    store: Store,
    since: datetime | None,
    until: datetime | None,
    min_words: int,
    num_perm: int,
    batch_size: int,
) -> tuple[_Signatures, int]:
    """Stream the messages and MinHash the long-enough ones, a batch at a time."""
    m = schema.messages
    with store.engine.connect() as conn:
        total = int(conn.execute(_window(select(func.count()).select_from(m), since, until))
                    .scalar_one())
        found = _Signatures.empty(total, num_perm)
        stmt = _window(select(m.c.id, m.c.channel_id, m.c.date, m.c.match_key), since, until)
        result = conn.execution_options(stream_results=True, yield_per=batch_size).execute(
            stmt.order_by(m.c.id)
        )
        scanned = 0
        cache: dict[str, int] = {}
        for rows in result.partitions(batch_size):
            scanned += len(rows)
            texts: list[list[str]] = []
            pks: list[int] = []
            channels: list[int] = []
            whens: list[int] = []
            for pk, cid, date, key in rows:
                words = _words(key or "")
                if len(words) < min_words:
                    continue
                texts.append(words)
                pks.append(int(pk))
                channels.append(int(cid))
                whens.append(_epoch(date))
            if texts:
                sig = minhash_signatures(texts, num_perm, cache).astype(np.uint16)
                found.append(sig, pks, channels, whens)
    return found, scanned


def _keys(sig: npt.NDArray[np.uint16], rows: IntArray, cols: slice) -> npt.NDArray[np.uint64]:
    """A 64-bit key per signature row over the columns ``cols`` (a band, or all)."""
    part = sig[rows, cols].astype(np.uint64)
    key = np.zeros(len(rows), np.uint64)
    for j in range(part.shape[1]):
        key = key * _MULT + part[:, j] + np.uint64(j + 1)
    return key


def _similarity(sig: npt.NDArray[np.uint16], a: IntArray, b: IntArray) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of the pairs ``(a[i], b[i])``."""
    out = np.empty(len(a), np.float64)
    for s in range(0, len(a), _PAIR_SLICE):
        e = s + _PAIR_SLICE
        out[s:e] = (sig[a[s:e]] == sig[b[s:e]]).mean(axis=1)
    return out


def _bucket_pairs(
    sig: npt.NDArray[np.uint16], rows: IntArray, keys: npt.NDArray[np.uint64], threshold: float
) -> tuple[IntArray, IntArray]:
    """Verified pairs among ``rows`` sharing a key: each member is compared with its bucket's
    first unmatched member (the head), for up to ``MAX_ROUNDS`` heads per bucket."""
    if len(rows) < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    sizes = np.diff(np.r_[starts, len(k)])
    run = np.repeat(np.arange(len(starts)), sizes)
    keep = sizes[run] >= 2
    ids, run = rows[order][keep], run[keep]
    pending = np.ones(len(ids), bool)
    found_a: list[IntArray] = []
    found_b: list[IntArray] = []
    for _ in range(MAX_ROUNDS):
        where = np.flatnonzero(pending)
        if len(where) < 2:
            break
        p_ids, p_run = ids[where], run[where]
        first = np.r_[True, p_run[1:] != p_run[:-1]]
        head = p_ids[first][np.cumsum(first) - 1]
        others = ~first
        a, b = p_ids[others], head[others]
        ok = _similarity(sig, a, b) >= threshold
        found_a.append(a[ok])
        found_b.append(b[ok])
        pending[:] = False
        pending[where[np.flatnonzero(others)[~ok]]] = True
    if not found_a:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(found_a), np.concatenate(found_b)


def _components(
    data: _Signatures, threshold: float, bands: int, rows_per_band: int
) -> npt.NDArray[np.int64]:
    """A component label per hashed message (verified near-duplicates share one)."""
    n = data.n
    sig = data.sig[:n]
    everyone = np.arange(n, dtype=np.int64)
    # Identical signatures first: one LSH entry each.
    dup_a, dup_b = _bucket_pairs(sig, everyone, _keys(sig, everyone, slice(None)), threshold)
    duplicate = np.zeros(n, bool)
    duplicate[dup_a] = True
    reps = np.flatnonzero(~duplicate).astype(np.int64)
    pairs_a, pairs_b = [dup_a], [dup_b]
    for band in range(bands):
        cols = slice(band * rows_per_band, (band + 1) * rows_per_band)
        a, b = _bucket_pairs(sig, reps, _keys(sig, reps, cols), threshold)
        pairs_a.append(a)
        pairs_b.append(b)
    a_all, b_all = np.concatenate(pairs_a), np.concatenate(pairs_b)
    graph = sp.coo_matrix(
        (np.ones(len(a_all), np.int8), (a_all, b_all)), shape=(n, n)
    ).tocsr()
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels, dtype=np.int64)


@dataclass(slots=True)
class _Group:
    members: IntArray  # positions in _Signatures, by (date, pk)
    channels: int


def _groups(data: _Signatures, labels: IntArray, cross_channel_only: bool) -> list[_Group]:
    n = data.n
    if n == 0:
        return []
    sizes = np.bincount(labels)
    multi = sizes[labels] >= 2
    pos = np.flatnonzero(multi)
    if len(pos) == 0:
        return []
    lab = labels[pos]
    pairs = np.unique(lab.astype(np.int64) * (1 << 32) + data.channel[pos].astype(np.int64))
    channel_counts = np.bincount((pairs >> 32).astype(np.int64), minlength=len(sizes))
    # members sorted by label, then date, then pk
    order = np.lexsort((data.pk[pos], data.when[pos], lab))
    pos, lab = pos[order], lab[order]
    starts = np.flatnonzero(np.r_[True, lab[1:] != lab[:-1]])
    ends = np.r_[starts[1:], len(lab)]
    out = []
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        channels = int(channel_counts[lab[s]])
        if cross_channel_only and channels < 2:
            continue
        out.append(_Group(pos[s:e], channels))
    out.sort(key=lambda g: (-g.channels, -len(g.members), int(data.when[g.members[0]]),
                            int(data.pk[g.members[0]])))
    return out


def _fetch(store: Store, pks: Sequence[int]) -> dict[int, ClusterMember]:
    m, c = schema.messages, schema.channels
    out: dict[int, ClusterMember] = {}
    with store.engine.connect() as conn:
        for s in range(0, len(pks), _IN_CHUNK):
            rows = conn.execute(
                select(
                    m.c.id, c.c.key, c.c.name, m.c.message_id, m.c.date, m.c.forwarded_from
                )
                .select_from(m.join(c, c.c.id == m.c.channel_id))
                .where(m.c.id.in_(list(pks[s : s + _IN_CHUNK])))
            )
            for pk, key, name, mid, date, fwd in rows:
                out[int(pk)] = ClusterMember(int(pk), str(key), name, str(mid), date, fwd)
    return out


def _excerpt(store: Store, pk: int) -> str:
    m = schema.messages
    with store.engine.connect() as conn:
        text = conn.execute(
            select(func.substr(m.c.text, 1, EXCERPT_CHARS * 4)).where(m.c.id == pk)
        ).scalar_one_or_none()
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


def _channel_names(store: Store) -> dict[int, tuple[str, str | None]]:
    c = schema.channels
    with store.engine.connect() as conn:
        rows = conn.execute(select(c.c.id, c.c.key, c.c.name))
        return {int(pk): (str(key), name) for pk, key, name in rows}


def _from_epoch(value: int) -> datetime | None:
    if value == _NO_DATE:
        return None
    return datetime(1970, 1, 1) + timedelta(seconds=value)


def _report(
    store: Store, data: _Signatures, groups: list[_Group], max_spread: int
) -> list[DuplicateCluster]:
    names = _channel_names(store)
    clusters = []
    for number, group in enumerate(groups, 1):
        members = group.members
        shown = [int(p) for p in data.pk[members[:max_spread]]]
        fetched = _fetch(store, shown)
        spread = [fetched[p] for p in shown if p in fetched]
        if not spread:  # deleted meanwhile
            continue
        per_channel: dict[int, dict[str, Any]] = {}
        for cid, when in zip(data.channel[members].tolist(), data.when[members].tolist(),
                             strict=True):
            entry = per_channel.get(cid)
            if entry is None:
                key, name = names.get(cid, (str(cid), None))
                per_channel[cid] = {"channel": key, "name": name, "messages": 1,
                                    "first": _from_epoch(when)}
            else:
                entry["messages"] += 1
        last = max((w for w in data.when[members].tolist() if w != _NO_DATE), default=None)
        clusters.append(
            DuplicateCluster(
                id=number,
                size=len(members),
                channels=list(per_channel.values()),
                first_seen=spread[0],
                last_seen=_from_epoch(last) if last is not None else None,
                spread=spread,
                excerpt=_excerpt(store, spread[0].pk),
            )
        )
    return clusters


def near_duplicate_clusters(
    store: Store,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    threshold: float = 0.7,
    min_words: int = 8,
    num_perm: int = 64,
    cross_channel_only: bool = True,
    limit: int | None = None,
    max_spread: int = 100,
    batch_size: int = 2000,
) -> ClusterResult:
    """Clusters of near-duplicate messages dated in ``[since, until)``, across scripts.

    ``threshold``: the estimated Jaccard similarity of shingle sets two messages need to be
    linked. Messages with fewer than ``min_words`` words are skipped. Clusters have at least
    two messages, and with ``cross_channel_only`` at least two channels. They come most
    channels first, then largest, then earliest; ``limit`` keeps the first ones (``total``
    counts all). Each lists its members by date, at most ``max_spread`` of them.
    """
    if not 0.0 < threshold <= 1.0:
        raise UsageError(f"threshold {threshold} is not in (0, 1]", hint="Use e.g. 0.7.")
    if not 1 <= min_words <= 10_000:
        raise UsageError(f"min_words {min_words} is not in 1..10000")
    if not 16 <= num_perm <= 512:
        raise UsageError(f"num_perm {num_perm} is not in 16..512", hint="Use 64 or 128.")
    bands, rows = lsh_params(threshold, num_perm)
    data, scanned = _scan(store, since, until, min_words, num_perm, max(100, batch_size))
    labels = _components(data, threshold, bands, rows) if data.n else np.empty(0, np.int64)
    groups = _groups(data, labels, cross_channel_only)
    chosen = groups if limit is None else groups[: max(0, limit)]
    clusters = _report(store, data, chosen, max(1, max_spread))
    return ClusterResult(
        clusters=clusters,
        total=len(groups),
        scanned=scanned,
        hashed=data.n,
        clustered=sum(len(g.members) for g in groups),
        largest=max((len(g.members) for g in groups), default=0),
        parameters={
            "threshold": threshold,
            "min_words": min_words,
            "num_perm": num_perm,
            "bands": bands,
            "rows": rows,
            "cross_channel_only": cross_channel_only,
            "since": _iso(utc_naive(since)),
            "until": _iso(utc_naive(until)),
        },
    )
