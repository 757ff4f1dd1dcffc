"""Benchmark the spine: ingest throughput, peak RSS, database size, search latency, baseline.

Usage::

    python benchmarks/run.py [--sizes 100000 1000000] [--workdir benchmarks/out]
                             [--db-url URL] [--write-results] [...]

For each size N: generate a synthetic export (cached in the workdir), run
``propwatch ingest FILE --db URL --json`` in a child process (wall time, peak RSS of the process
tree sampled every 50 ms, and the kernel's peak RSS of the largest process), measure the
database size, time ~200 searches with the store opened once in this process (or, if the Python
API is missing, one ``propwatch search`` child per query, labelled as such), then run
``baseline.py`` (pandas + ``re``) on the same file in a child process and report ratios.

Prints Markdown to stdout; with ``--write-results`` also replaces the section for each N in
``benchmarks/RESULTS.md``. Raw numbers go to ``WORKDIR/results-N.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import inspect
import json
import math
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import generate
import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SRC = REPO / "src"
RESULTS_MD = HERE / "RESULTS.md"

#: Targets from the issue (2-core machine).
TARGET_MSGS_PER_S = 10_000  # at 1M messages, end to end
TARGET_RSS_BYTES = 1 << 30  # peak RSS, and flat in file size
TARGET_P95_MS = 100.0  # search p95 at 1M messages
TARGET_AT = 1_000_000
TARGET_DETECT_OVERHEAD = 0.30  # detection adds at most 30% to ingest time at 1M

#: The baseline needs roughly this many bytes of RAM per byte of JSON (pandas.read_json).
BASELINE_RSS_PER_FILE_BYTE = 7.5

COMPARE_KEYWORD = "хуросон"


# ---------------------------------------------------------------------------------------------
# Child processes: wall time and peak RSS
# ---------------------------------------------------------------------------------------------


@dataclass
class ChildRun:
    cmd: list[str]
    returncode: int
    wall_s: float
    peak_tree_rss: int  # sum over the process tree, sampled every 50 ms
    peak_max_rss: int  # kernel ru_maxrss of the child (largest process it waited for)
    stdout: str
    stderr: str
    timed_out: bool = False
    #: user + system CPU of the process tree: the larger of the child's rusage (itself and the
    #: children it reaped) and the sum over every process sampled in the tree
    cpu_s: float = 0.0
    loadavg_start: tuple[float, float, float] = (0.0, 0.0, 0.0)
    #: CPU used by everything else on the machine during the run, in cores (busy CPU time of
    #: the whole machine minus the child's, divided by wall time): other load slows the child.
    other_cores: float = 0.0


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    if SRC.is_dir():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def measure(cmd: Sequence[str], interval: float = 0.05, timeout: float = 0.0) -> ChildRun:
    """Run ``cmd``; time it and track its peak RSS (tree sum sampled + kernel maximum).

    With ``timeout`` > 0 the child and its descendants are killed after that many seconds
    (``timed_out`` is then true); the sampler thread does it, so no extra thread is needed."""
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8") as err,
    ):
        load0 = os.getloadavg()
        busy0 = _busy_cpu_s()
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=_child_env())
        peak = 0
        stop = threading.Event()
        timed_out = False
        # Own CPU seconds of every process seen in the tree (last sample per pid). Worker
        # processes started by a multiprocessing forkserver are reaped by the forkserver, which
        # nobody reaps, so their CPU never reaches the child's rusage: sampling sees it.
        cpu_by_pid: dict[int, float] = {}

        def sample() -> None:
            nonlocal peak, timed_out
            try:
                root = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not stop.is_set():
                if timeout > 0 and time.perf_counter() - t0 > timeout and not timed_out:
                    timed_out = True
                    print(f"[bench] timeout after {timeout:.0f} s: killing {cmd[:3]}",
                          file=sys.stderr)  # fmt: skip
                    with contextlib.suppress(psutil.Error):
                        victims = root.children(recursive=True)
                        for p in (*victims, root):
                            with contextlib.suppress(psutil.Error):
                                p.kill()
                total = 0
                try:
                    procs = [root, *root.children(recursive=True)]
                except psutil.Error:
                    procs = [root]
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += int(p.memory_info().rss)
                        times = p.cpu_times()
                        cpu_by_pid[p.pid] = float(times.user + times.system)
                peak = max(peak, total)
                stop.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 gives this child's own rusage (ru_maxrss), unlike RUSAGE_CHILDREN which is the
        # maximum over every child this runner ever waited for.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        busy = _busy_cpu_s() - busy0
        stop.set()
        sampler.join()
        cpu = max(float(usage.ru_utime + usage.ru_stime), sum(cpu_by_pid.values()))
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            cmd=list(cmd),
            returncode=proc.returncode,
            wall_s=wall,
            peak_tree_rss=peak,
            peak_max_rss=int(usage.ru_maxrss) * 1024,
            stdout=out.read(),
            stderr=err.read(),
            cpu_s=cpu,
            timed_out=timed_out,
            loadavg_start=load0,
            other_cores=max(0.0, (busy - cpu) / wall) if wall > 0 else 0.0,
        )


def _busy_cpu_s() -> float:
    """Busy CPU seconds of the whole machine since boot (all cores; idle and iowait excluded)."""
    t = psutil.cpu_times()
    return float(t.user + t.system + sum(getattr(t, k, 0.0) for k in ("nice", "irq", "softirq")))


def _last_json_object(text: str) -> dict[str, Any] | None:
    """The last line of ``text`` that parses as a JSON object (CLIs may print progress first)."""
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                return obj
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        return None
    return obj if isinstance(obj, dict) else None


def propwatch_cmd(explicit: str | None) -> list[str]:
    """How to start the propwatch CLI: --propwatch, the venv's script, PATH, or ``python -c``."""
    if explicit:
        return explicit.split()
    beside = Path(sys.executable).with_name("propwatch")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("propwatch")
    if found:
        return [found]
    return [
        sys.executable,
        "-c",
        "import sys; from propwatch.cli.main import main; sys.exit(main())",
    ]


# ---------------------------------------------------------------------------------------------
# Generation (cached)
# ---------------------------------------------------------------------------------------------


def ensure_export(
    workdir: Path, n: int, seed: int, regenerate: bool
) -> tuple[Path, dict[str, Any]]:
    path = workdir / f"telegram-{n}-s{seed}.json"
    meta_path = path.with_suffix(".stats.json")
    if not regenerate and path.exists() and meta_path.exists():
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        if (
            meta.get("generator_version") == generate.GENERATOR_VERSION
            and meta.get("n_items") == n
            and meta.get("bytes_written") == path.stat().st_size
        ):
            meta["cached"] = True
            return path, meta
    print(f"[bench] generating {n:,} messages -> {path}", file=sys.stderr)
    run = measure(
        [sys.executable, str(HERE / "generate.py"), str(n), str(path), "--seed", str(seed),
         "--stats", str(meta_path)]
    )  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"generate.py failed ({run.returncode}):\n{run.stderr}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["cached"] = False
    meta["wall_s"] = run.wall_s
    meta["peak_rss"] = run.peak_max_rss
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path, meta


# ---------------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------------


@dataclass
class Query:
    text: str
    category: str
    lang: str | None = None  # ISO code filter
    channel: str | None = None  # channel key filter
    since: datetime | None = None


def build_queries(meta: dict[str, Any], seed: int, total: int = 200) -> list[Query]:
    """~``total`` queries: per language common/rare/topical words, cross-script pairs, two-word
    queries, filtered queries and misses. Deterministic for a seed."""
    rng = random.Random(seed * 7919 + 1)
    pools = generate.POOLS
    langs = list(pools)
    qs: list[Query] = []
    for lang in langs:
        words = pools[lang].words
        qs.append(Query(rng.choice(words[:10]).lower(), "common"))
        qs += [Query(w.lower(), "common") for w in rng.sample(words[10:40], 2)]
    for lang in langs:
        qs += [Query(w.lower(), "rare") for w in rng.sample(pools[lang].words[-15:], 3)]
    for lang in langs:
        top = pools[lang].topical
        qs += [Query(w.lower(), "topical") for w in rng.sample(top, 3)]
    # Cross-script: Uzbek Latin <-> Cyrillic pairs (both forms occur in the corpus).
    lat, cyr = pools["uz-Latn"].words, pools["uz-Cyrl"].words
    pair_idx = rng.sample(range(20, len(lat)), 12)
    for i in pair_idx:
        qs.append(Query(lat[i].lower(), "cross-script"))
        qs.append(Query(cyr[i].lower(), "cross-script"))
    for lat_t, cyr_t in zip(
        pools["uz-Latn"].topical[:3], pools["uz-Cyrl"].topical[:3], strict=True
    ):
        qs.append(Query(lat_t.lower(), "cross-script"))
        qs.append(Query(cyr_t.lower(), "cross-script"))
    for lang in langs:
        words = pools[lang].words
        for _ in range(2):
            a, b = rng.sample(words[10:80], 2)
            qs.append(Query(f"{a.lower()} {b.lower()}", "two-word"))
    # Filters.
    chats = meta.get("chats") or [{"id": 0}]
    first = int(meta.get("first_unixtime") or 0)
    last = int(meta.get("last_unixtime") or first)
    mid = datetime.fromtimestamp(first + (last - first) // 2, UTC)
    late = datetime.fromtimestamp(first + (last - first) * 9 // 10, UTC)
    for lang in langs:
        w = rng.choice(pools[lang].words[10:60]).lower()
        qs.append(Query(w, "filter:lang", lang=generate.LANG_CODES[lang]))
        t = rng.choice(pools[lang].topical).lower()
        qs.append(Query(t, "filter:lang", lang=generate.LANG_CODES[lang]))
    for lang in langs:
        w = rng.choice(pools[lang].words[5:60]).lower()
        chat = rng.choice(chats)
        qs.append(Query(w, "filter:channel", channel=f"telegram:{chat['id']}"))
    for lang in langs:
        for w in rng.sample(pools[lang].words[5:60], 2):
            qs.append(Query(w.lower(), "filter:since", since=rng.choice((mid, late))))
    for lang in rng.sample(langs, 5):
        w = rng.choice(pools[lang].topical).lower()
        qs.append(Query(w, "filter:lang+since", lang=generate.LANG_CODES[lang], since=mid))
    for miss in ("zyzzyvaqx", "щщфывапр", "غغقثصض", "qwxzvbn", "ӯӯҷҷқ"):
        qs.append(Query(miss, "miss"))
    rng.shuffle(qs)
    return qs[:total] if total < len(qs) else qs


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))
    return s[k]


@dataclass
class SearchRun:
    mode: str  # "api" | "cli"
    label: str
    open_ms: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    by_category: dict[str, list[float]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    zero_hits: int = 0
    errors: int = 0
    first_error: str = ""
    unsupported_filters: list[str] = field(default_factory=list)
    compare_keyword_ms: float = math.nan
    compare_keyword_total: int | None = None
    cross_script_agree: int = 0
    cross_script_pairs: int = 0

    def summary(self) -> dict[str, Any]:
        lat = self.latencies_ms
        return {
            "mode": self.mode,
            "label": self.label,
            "queries": len(lat),
            "open_ms": self.open_ms,
            "p50_ms": percentile(lat, 50),
            "p95_ms": percentile(lat, 95),
            "max_ms": max(lat) if lat else math.nan,
            "by_category": {
                c: {"n": len(v), "p50_ms": percentile(v, 50), "p95_ms": percentile(v, 95)}
                for c, v in sorted(self.by_category.items())
            },
            "zero_hits": self.zero_hits,
            "errors": self.errors,
            "first_error": self.first_error,
            "unsupported_filters": self.unsupported_filters,
            "compare_keyword": COMPARE_KEYWORD,
            "compare_keyword_ms": self.compare_keyword_ms,
            "compare_keyword_total": self.compare_keyword_total,
            "cross_script_pairs": self.cross_script_pairs,
            "cross_script_agree": self.cross_script_agree,
        }


def _query_factory(search_query_cls: Any) -> tuple[Callable[[Query], Any], list[str]]:
    """Map our filters onto whatever fields ``SearchQuery`` has (language/lang, channel, since)."""
    if dataclasses.is_dataclass(search_query_cls):
        names = {f.name for f in dataclasses.fields(search_query_cls)}
    else:
        names = set(inspect.signature(search_query_cls).parameters)
    candidates = {
        "lang": ("language", "lang", "languages", "langs"),
        "channel": ("channel", "channel_key", "channels", "channel_keys"),
        "since": ("since", "date_from", "start", "after"),
    }
    chosen: dict[str, str] = {}
    missing: list[str] = []
    for ours, theirs in candidates.items():
        for name in theirs:
            if name in names:
                chosen[ours] = name
                break
        else:
            missing.append(ours)

    def wrap(name: str, value: Any) -> Any:
        return [value] if name.endswith("s") and name not in ("since",) else value

    def make(q: Query) -> Any:
        kwargs: dict[str, Any] = {"text": q.text, "limit": 20}
        for ours, value in (("lang", q.lang), ("channel", q.channel), ("since", q.since)):
            if value is not None and ours in chosen:
                kwargs[chosen[ours]] = wrap(chosen[ours], value)
        return search_query_cls(**kwargs)

    return make, missing


def _pairs(queries: list[Query]) -> list[tuple[str, str]]:
    lat = {w.lower(): c.lower() for w, c in zip(
        generate.POOLS["uz-Latn"].words + generate.POOLS["uz-Latn"].topical,
        generate.POOLS["uz-Cyrl"].words + generate.POOLS["uz-Cyrl"].topical,
        strict=True,
    )}  # fmt: skip
    texts = {q.text for q in queries if q.category == "cross-script"}
    return [(a, b) for a, b in lat.items() if a in texts and b in texts]


def _record(run: SearchRun, q: Query, ms: float, total: int | None) -> None:
    run.latencies_ms.append(ms)
    run.by_category.setdefault(q.category, []).append(ms)
    if total is not None:
        key = q.text if q.category == "cross-script" else f"{q.category}:{q.text}"
        run.totals[key] = total
        if total == 0 and q.category != "miss":
            run.zero_hits += 1


def search_api(db_url: str, queries: list[Query]) -> SearchRun | None:
    """Open the store once, run the queries in this process. ``None`` if the API is missing."""
    if SRC.is_dir() and str(SRC) not in sys.path:
        sys.path.append(str(SRC))
    try:
        mod = importlib.import_module("propwatch.store")
        open_store = mod.open_store
        search_query_cls = mod.SearchQuery
    except (ImportError, AttributeError) as exc:
        print(f"[bench] propwatch.store API unavailable ({exc}); using the CLI", file=sys.stderr)
        return None
    make, missing = _query_factory(search_query_cls)
    run = SearchRun("api", "in-process API, store opened once", unsupported_filters=missing)
    t0 = time.perf_counter()
    store = open_store(db_url)
    run.open_ms = (time.perf_counter() - t0) * 1000
    try:
        for q in queries[:5]:  # warm-up (page cache, statement cache), not counted
            with contextlib.suppress(Exception):
                store.search(make(q))
        for q in queries:
            t0 = time.perf_counter()
            try:
                res = store.search(make(q))
                total = int(res.total)
                _ = len(res.hits)
            except Exception as exc:  # a benchmark reports, it does not stop
                run.errors += 1
                run.first_error = run.first_error or f"{q.text!r}: {exc!r}"
                continue
            _record(run, q, (time.perf_counter() - t0) * 1000, total)
        times: list[float] = []
        for _ in range(5):
            t0 = time.perf_counter()
            try:
                res = store.search(make(Query(COMPARE_KEYWORD, "compare")))
                run.compare_keyword_total = int(res.total)
            except Exception as exc:
                run.first_error = run.first_error or f"{COMPARE_KEYWORD!r}: {exc!r}"
                break
            times.append((time.perf_counter() - t0) * 1000)
        if times:
            run.compare_keyword_ms = percentile(times, 50)
    finally:
        store.close()
    return run


def search_cli(cli: list[str], db_url: str, queries: list[Query]) -> SearchRun:
    """One ``propwatch search`` child per query (includes interpreter start-up)."""
    run = SearchRun(
        "cli", "CLI fallback: one `propwatch search` process per query (incl. start-up)"
    )
    env = _child_env()

    def one(q: Query) -> tuple[float, int | None, str]:
        cmd = [*cli, "search", q.text, "--db", db_url, "--json", "--limit", "20"]
        if q.lang:
            cmd += ["--lang", q.lang]
        if q.channel:
            cmd += ["--channel", q.channel]
        if q.since:
            cmd += ["--since", q.since.strftime("%Y-%m-%dT%H:%M:%SZ")]
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        ms = (time.perf_counter() - t0) * 1000
        if p.returncode != 0:
            return ms, None, f"rc={p.returncode}: {p.stderr.strip()[-300:]}"
        obj = _last_json_object(p.stdout)
        total = obj.get("total") if obj else None
        return ms, int(total) if isinstance(total, int) else None, ""

    for q in queries[:2]:
        one(q)
    for q in queries:
        ms, total, err = one(q)
        if err:
            run.errors += 1
            run.first_error = run.first_error or f"{q.text!r}: {err}"
            continue
        _record(run, q, ms, total)
    times = []
    for _ in range(3):
        ms, total, err = one(Query(COMPARE_KEYWORD, "compare"))
        if not err:
            times.append(ms)
            run.compare_keyword_total = total
    if times:
        run.compare_keyword_ms = percentile(times, 50)
    return run


# ---------------------------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------------------------


def sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    return None


def db_size(url: str) -> dict[str, int] | None:
    path = sqlite_path(url)
    if path is None:
        return None
    sizes = {
        suffix or "db": (Path(str(path) + suffix).stat().st_size
                         if Path(str(path) + suffix).exists() else 0)
        for suffix in ("", "-wal", "-shm")
    }  # fmt: skip
    sizes["total"] = sizes["db"] + sizes["-wal"]
    return sizes


def nodetect_url(args: argparse.Namespace, n: int) -> str | None:
    """The database of the ``--no-detect`` run: ``--db-url-nodetect``, or the SQLite file of
    ``--db-url`` with ``-nodetect`` before its suffix."""
    workdir = Path(args.workdir).resolve()
    if args.db_url_nodetect:
        return str(args.db_url_nodetect.format(n=n, workdir=workdir))
    path = sqlite_path(args.db_url.format(n=n, workdir=workdir))
    if path is None:
        return None
    return f"sqlite:///{path.with_name(path.stem + '-nodetect' + path.suffix)}"


def noextract_url(args: argparse.Namespace, n: int) -> str | None:
    """The database of the ``--no-extract`` run (detection only): the ``--no-detect`` database's
    name with ``-noextract`` instead of ``-nodetect``."""
    url = nodetect_url(args, n)
    return None if url is None else url.replace("-nodetect", "-noextract")


def ingest_run(
    cli: list[str], path: Path, url: str, n: int, extra: Sequence[str], timeout: float
) -> dict[str, Any]:
    """``propwatch ingest`` into a fresh database (SQLite files are deleted first)."""
    db_path = sqlite_path(url)
    if db_path is not None:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    ing = measure([*cli, "ingest", str(path), "--db", url, "--json", *extra], timeout=timeout)
    summary = _last_json_object(ing.stdout)
    ok = ing.returncode in (0, 3)
    if not ok:
        print(
            f"[bench] ingest FAILED (rc={ing.returncode}):\n{ing.stderr.strip()[-1500:]}",
            file=sys.stderr,
        )
    out: dict[str, Any] = {
        "cmd": " ".join(ing.cmd),
        "db_url": url,
        "returncode": ing.returncode,
        "ok": ok,
        "timed_out": ing.timed_out,
        "wall_s": ing.wall_s,
        "msgs_per_s": n / ing.wall_s if ing.wall_s and ok else None,
        "peak_tree_rss": ing.peak_tree_rss,
        "peak_max_rss": ing.peak_max_rss,
        "cpu_s": ing.cpu_s,
        "cpu_us_per_msg": ing.cpu_s / n * 1e6 if n else None,
        "loadavg_start": list(ing.loadavg_start),
        "other_cores": ing.other_cores,
        "summary": summary,
        "stderr_tail": ing.stderr.strip()[-1500:] if not ok else "",
        "db_size": db_size(url),
    }
    if summary:
        out["accounted"] = sum(
            int(summary.get(k) or 0) for k in ("ingested", "duplicates", "rejected")
        )
    return out


def _overhead(res: dict[str, Any]) -> None:
    """Detection overhead: (t_detect - t_base) / t_base, in wall time and in CPU time."""
    full, base = res.get("ingest") or {}, res.get("ingest_nodetect") or {}
    det = res.get("ingest_noextract") or {}
    if not base.get("ok"):
        return

    def overhead(run: dict[str, Any]) -> dict[str, Any]:
        return {
            "wall": (run["wall_s"] - base["wall_s"]) / base["wall_s"],
            "cpu": (run["cpu_s"] - base["cpu_s"]) / base["cpu_s"] if base["cpu_s"] else None,
            "added_us_per_msg_wall": (run["wall_s"] - base["wall_s"]) / res["n"] * 1e6,
            "added_us_per_msg_cpu": (run["cpu_s"] - base["cpu_s"]) / res["n"] * 1e6,
            "target": TARGET_DETECT_OVERHEAD,
        }

    # The target is about detection: the --no-extract run against --no-detect. The default
    # pipeline also extracts entities and events; its cost is reported beside it.
    res.pop("detect_overhead", None)
    if det.get("ok"):
        res["detect_overhead"] = overhead(det)
    if full.get("ok"):
        res["analysis_overhead"] = overhead(full)


def run_size(args: argparse.Namespace, n: int) -> dict[str, Any]:
    workdir: Path = args.workdir
    res: dict[str, Any] = {"n": n}
    path, meta = ensure_export(workdir, n, args.seed, args.regenerate)
    res["file"] = str(path)
    res["file_bytes"] = path.stat().st_size
    res["generate"] = {
        k: meta.get(k)
        for k in ("seconds", "wall_s", "cached", "n_items", "n_messages", "n_malformed",
                  "n_service", "peak_rss")
    }  # fmt: skip

    url = args.db_url.format(n=n, workdir=workdir.resolve())
    res["db_url"] = url
    cli = propwatch_cmd(args.propwatch)
    saved: dict[str, Any] = {}
    saved_path = workdir / f"results-{n}.json"
    if args.resume and saved_path.exists():
        saved = json.loads(saved_path.read_text(encoding="utf-8"))

    def reuse(key: str) -> bool:
        """--resume: keep a successful run of ``key`` from the last results file."""
        run = saved.get(key) or {}
        if args.resume and run.get("ok"):
            print(f"[bench] {key}: reusing the saved run ({run.get('wall_s')} s)", file=sys.stderr)
            res[key] = run
            return True
        return False

    if not args.skip_ingest:  # --skip-ingest reuses the database
        if not reuse("ingest"):
            print(f"[bench] ingest {n:,} (the default: detection and extraction) -> {url}",
                  file=sys.stderr)  # fmt: skip
            res["ingest"] = ingest_run(cli, path, url, n, args.ingest_arg, args.ingest_timeout)
        res["db_size"] = res["ingest"]["db_size"]
        if not args.skip_nodetect:
            url_nd, url_nx = nodetect_url(args, n), noextract_url(args, n)
            if url_nd is None or url_nx is None:
                res["ingest_nodetect"] = {
                    "skipped": "non-SQLite --db-url: give --db-url-nodetect for the comparison"
                }
            else:
                runs = (("ingest_nodetect", "--no-detect", url_nd),
                        ("ingest_noextract", "--no-extract", url_nx))  # fmt: skip
                for key, flag, url in runs:
                    if not reuse(key):
                        print(f"[bench] ingest {n:,} {flag} -> {url}", file=sys.stderr)
                        res[key] = ingest_run(
                            cli, path, url, n, [*args.ingest_arg, flag], args.ingest_timeout
                        )
        _overhead(res)

    ok = bool(res.get("ingest", {}).get("ok")) or args.skip_ingest
    if args.resume and saved.get("search") and not args.skip_search:
        print("[bench] search: reusing the last results file", file=sys.stderr)
        res["search"] = saved["search"]
    elif ok and not args.skip_search:
        queries = build_queries(meta, args.seed, args.queries)
        srun = None if args.search_mode == "cli" else search_api(url, queries)
        if srun is None:
            if args.search_mode == "api":
                raise SystemExit("--search-mode api: propwatch.store API not importable")
            srun = search_cli(cli, url, queries)
        pairs = _pairs(queries)
        srun.cross_script_pairs = len(pairs)
        srun.cross_script_agree = sum(
            1 for a, b in pairs if a in srun.totals and srun.totals.get(a) == srun.totals.get(b)
        )
        res["search"] = srun.summary()

    if not args.skip_baseline:
        need = int(res["file_bytes"] * BASELINE_RSS_PER_FILE_BYTE)
        avail = int(psutil.virtual_memory().available)
        if need > avail * 0.8 and not args.force_baseline:
            res["baseline"] = {
                "skipped": f"needs ~{need / 2**30:.1f} GiB, {avail / 2**30:.1f} GiB available "
                "(use --force-baseline or --baseline-engine json)"
            }
        else:
            print(f"[bench] baseline ({args.baseline_engine}) on {path.name}", file=sys.stderr)
            b = measure(
                [sys.executable, str(HERE / "baseline.py"), str(path), "--json",
                 "--engine", args.baseline_engine, "--keyword", COMPARE_KEYWORD]
            )  # fmt: skip
            obj = _last_json_object(b.stdout)
            if b.returncode != 0 or obj is None:
                res["baseline"] = {"error": f"rc={b.returncode}: {b.stderr.strip()[-800:]}"}
            else:
                obj.pop("per_keyword", None)
                obj["wall_s"] = b.wall_s
                obj["peak_tree_rss"] = b.peak_tree_rss
                obj["peak_max_rss"] = b.peak_max_rss
                res["baseline"] = obj
    _ratios(res)
    return res


def _ratios(res: dict[str, Any]) -> None:
    ing, base, srch = res.get("ingest"), res.get("baseline"), res.get("search")
    r: dict[str, Any] = {}
    if ing and ing.get("ok") and base and "total_s" in base:
        r["ingest_over_baseline_total"] = ing["wall_s"] / base["wall_s"]
        r["ingest_rss_over_baseline_rss"] = ing["peak_tree_rss"] / max(1, base["peak_max_rss"])
    if base and "single_keyword" in base and srch and not math.isnan(srch["compare_keyword_ms"]):
        tta = base["single_keyword"]["time_to_answer_s"]
        r["baseline_time_to_answer_s"] = tta
        r["propwatch_time_to_answer_ms"] = srch["compare_keyword_ms"]
        r["answer_speedup"] = tta * 1000 / max(1e-6, srch["compare_keyword_ms"])
    res["ratios"] = r


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------


def _mb(b: Any) -> str:
    if not isinstance(b, int | float):
        return "n/a"
    return f"{b / 1e6:,.0f} MB" if b >= 10e6 else f"{b / 1e6:,.2f} MB"


def _mib(b: Any) -> str:
    return f"{b / 2**20:,.0f} MiB" if isinstance(b, int | float) and b else "n/a"


def _f(x: Any, fmt: str = "{:,.1f}") -> str:
    if isinstance(x, int | float) and not (isinstance(x, float) and math.isnan(x)):
        return fmt.format(x)
    return "n/a"


def machine_info() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def cmd_out(cmd: list[str]) -> str:
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
        except OSError:
            return ""
        return p.stdout.strip() if p.returncode == 0 else ""

    commit = cmd_out(["git", "rev-parse", "--short=12", "HEAD"]) or "(no commit)"
    if commit != "(no commit)" and cmd_out(
        ["git", "status", "--porcelain", "--untracked-files=no"]
    ):
        commit += " (dirty)"
    return {
        "uname": cmd_out(["uname", "-a"]) or " ".join(platform.uname()),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "commit": commit,
    }


def render(results: list[dict[str, Any]], machine: dict[str, str]) -> str:
    lines: list[str] = []
    lines.append("### propwatch")
    lines.append("")
    lines.append(
        "| N | file | gen s | ingest s | msg/s | peak RSS (tree) | peak RSS (max proc) "
        "| DB (+wal) | search p50 / p95 / max ms | queries | search mode |"
    )
    lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        g, i, s = r.get("generate", {}), r.get("ingest") or {}, r.get("search") or {}
        ing_s = (
            _f(i.get("wall_s"), "{:,.1f}") if i.get("ok") else f"FAILED rc={i.get('returncode')}"
        )
        size = (r.get("db_size") or {}).get("total") if i.get("ok") else None
        lines.append(
            f"| {r['n']:,} | {_mb(r['file_bytes'])} | {_f(g.get('seconds'))} | {ing_s} "
            f"| {_f(i.get('msgs_per_s'), '{:,.0f}')} | {_mib(i.get('peak_tree_rss'))} "
            f"| {_mib(i.get('peak_max_rss'))} | {_mb(size) if size else 'n/a'} "
            f"| {_f(s.get('p50_ms'))} / {_f(s.get('p95_ms'))} / {_f(s.get('max_ms'))} "
            f"| {s.get('queries', 'n/a')} | {s.get('mode', 'n/a')} |"
        )
    lines.append("")
    lines += _overhead_table(results)
    lines.append("### Baseline: pandas + `re` on the same file")
    lines.append("")
    lines.append(
        "| N | engine | load s | scan s (50 kw) | total s | peak RSS | matches (msgs) "
        "| ingest / baseline time | one keyword: baseline s vs propwatch ms (speed-up) |"
    )
    lines.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        b, q = r.get("baseline") or {}, r.get("ratios") or {}
        if "total_s" not in b:
            note = b.get("skipped") or b.get("error") or "not run"
            lines.append(f"| {r['n']:,} | {note} | | | | | | | |")
            continue
        lines.append(
            f"| {r['n']:,} | {b['engine']} | {_f(b['load_s'] + b['flatten_s'])} "
            f"| {_f(b['scan_s'])} | {_f(b['wall_s'])} | {_mib(b['peak_max_rss'])} "
            f"| {b['matches']:,} ({b['messages_matched']:,}) "
            f"| {_f(q.get('ingest_over_baseline_total'), '{:.2f}x')} "
            f"| {_f(b['single_keyword']['time_to_answer_s'])} s vs "
            f"{_f(q.get('propwatch_time_to_answer_ms'))} ms "
            f"({_f(q.get('answer_speedup'), '{:,.0f}x')}) |"
        )
    lines.append("")
    lines.append(
        "propwatch ingest parses, normalizes, detects language, stores and indexes every item; "
        "the baseline only loads the file and scans it once, and must re-read the whole file for "
        f"every new question (time to answer = load + flatten + scan for {COMPARE_KEYWORD!r}; "
        "propwatch = one indexed search with the store already open)."
    )
    lines.append("")
    lines.append("### Targets")
    lines.append("")
    lines += _targets(results)
    lines.append("")
    lines.append("### Search latency by query kind (ms, p50 / p95)")
    lines.append("")
    for r in results:
        s = r.get("search") or {}
        if not s:
            continue
        cats = ", ".join(
            f"{c} ({v['n']}): {_f(v['p50_ms'])} / {_f(v['p95_ms'])}"
            for c, v in s["by_category"].items()
        )
        extra = (
            f"; zero-hit non-miss queries: {s['zero_hits']}; errors: {s['errors']}; "
            f"Uzbek Latin/Cyrillic pairs with equal totals: "
            f"{s['cross_script_agree']}/{s['cross_script_pairs']}; store open {_f(s['open_ms'])} ms"
        )
        if s["unsupported_filters"]:
            extra += f"; filters not supported by SearchQuery: {s['unsupported_filters']}"
        if s["first_error"]:
            extra += f"; first error: {s['first_error'][:200]}"
        lines.append(f"- N={r['n']:,} [{s['label']}]: {cats}{extra}")
    lines.append("")
    lines.append(
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram']} RAM; "
        f"Python {machine['python']}; propwatch {machine['commit']}; {machine['date']}; "
        f"load average at start {machine.get('loadavg', 'n/a')}  "
    )
    lines.append(f"`{machine['uname']}`")
    return "\n".join(lines) + "\n"


def _overhead_table(results: list[dict[str, Any]]) -> list[str]:
    """Ingest with detection (the default) vs ``--no-detect``, same file, fresh databases."""
    rows = [r for r in results if r.get("ingest") or r.get("ingest_nodetect")]
    if not rows:
        return []
    out = [
        "### Detection overhead: `propwatch ingest [--no-extract]` vs `propwatch ingest "
        "--no-detect`",
        "",
        "| N | run | ingest s | msg/s | CPU s (tree) | peak RSS (tree) | peak RSS (max proc) "
        "| DB (+wal) | load avg at start | other load during run (cores) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        for key, label in (
            ("ingest", "default (detection + extraction)"),
            ("ingest_noextract", "--no-extract (detection only)"),
            ("ingest_nodetect", "--no-detect (neither)"),
        ):
            i = r.get(key) or {}
            if not i:
                continue
            if "skipped" in i:
                out.append(f"| {r['n']:,} | {label} | {i['skipped']} | | | | | | | |")
                continue
            wall = (
                _f(i.get("wall_s"))
                if i.get("ok")
                else f"FAILED rc={i.get('returncode')}" + (" (timeout)" if i.get("timed_out")
                                                           else "")
            )  # fmt: skip
            size = (i.get("db_size") or {}).get("total") if i.get("ok") else None
            load = i.get("loadavg_start") or []
            out.append(
                f"| {r['n']:,} | {label} | {wall} | {_f(i.get('msgs_per_s'), '{:,.0f}')} "
                f"| {_f(i.get('cpu_s'))} | {_mib(i.get('peak_tree_rss'))} "
                f"| {_mib(i.get('peak_max_rss'))} | {_mb(size) if size else 'n/a'} "
                f"| {', '.join(f'{x:.2f}' for x in load) or 'n/a'} "
                f"| {_f(i.get('other_cores'), '{:.2f}')} |"
            )
    out.append("")
    for r in rows:
        for key, what in (
            ("detect_overhead", "detection (`--no-extract`)"),
            ("analysis_overhead", "detection and extraction (the default)"),
        ):
            o = r.get(key)
            if not o:
                continue
            cpu = _f(None if o["cpu"] is None else o["cpu"] * 100, "{:+.1f}")
            out.append(
                f"- N={r['n']:,}: {what} adds **{o['wall'] * 100:+.1f}%** to ingest wall time "
                f"({o['added_us_per_msg_wall']:+,.0f} µs/msg) and {cpu}% to CPU time "
                f"({o['added_us_per_msg_cpu']:+,.0f} µs of CPU per message, all processes)."
            )
    out.append(
        f"\nTarget: detection adds at most {TARGET_DETECT_OVERHEAD * 100:.0f}% at 1M, measured "
        "as (t_no_extract - t_no_detect) / t_no_detect; `--no-detect` skips detection and "
        "extraction, `--no-extract` keeps detection only. Same export, fresh databases, one run "
        "after the other. CPU s is user + system time of the ingest process and its "
        "worker processes; 'other load' is the machine's busy CPU time during the run minus "
        "that, per second (on 2 cores, 1.0 means another process held a whole core)."
    )
    out.append("")
    return out


def _targets(results: list[dict[str, Any]]) -> list[str]:
    out = ["| target | measured | status |", "|---|---|---|"]
    by_n = {r["n"]: r for r in results}
    big = by_n.get(TARGET_AT) or (by_n[max(by_n)] if by_n else None)
    if big is None:
        return out
    label = f"N={big['n']:,}" + ("" if big["n"] == TARGET_AT else " (1M not run)")

    def status(ok: bool | None, at_1m: bool = True) -> str:
        if ok is None:
            return "n/a"
        word = "PASS" if ok else "FAIL"
        return word if big["n"] >= TARGET_AT or not at_1m else f"({word}: indicative only)"

    i = big.get("ingest") or {}
    rate = i.get("msgs_per_s") if i.get("ok") else None
    out.append(
        f"| >= {TARGET_MSGS_PER_S:,} msg/s end to end at 1M | {label}: {_f(rate, '{:,.0f}')} "
        f"| {status(None if rate is None else rate >= TARGET_MSGS_PER_S)} |"
    )
    spine = big.get("ingest_nodetect") or {}
    spine_rate = spine.get("msgs_per_s") if spine.get("ok") else None
    if spine:
        # Issue 2's path on its own: read, normalize, identify the language, store, index
        # (detection and extraction, added by later issues, are skipped).
        out.append(
            f"| >= {TARGET_MSGS_PER_S:,} msg/s at 1M, the spine alone (`--no-detect`) "
            f"| {label}: {_f(spine_rate, '{:,.0f}')} "
            f"| {status(None if spine_rate is None else spine_rate >= TARGET_MSGS_PER_S)} |"
        )
    rss_ok: list[tuple[int, int]] = []
    for r in results:
        peak = (r.get("ingest") or {}).get("peak_tree_rss")
        if (r.get("ingest") or {}).get("ok") and isinstance(peak, int) and peak > 0:
            rss_ok.append((int(r["n"]), peak))
    worst = max((x[1] for x in rss_ok), default=None)
    out.append(
        f"| peak RSS < 1 GiB | max {_mib(worst)} "
        f"| {status(None if worst is None else worst < TARGET_RSS_BYTES, at_1m=False)} |"
    )
    if len(rss_ok) >= 2:
        lo, hi = min(rss_ok), max(rss_ok)
        ratio = hi[1] / lo[1]
        out.append(
            f"| peak RSS flat in file size | N={lo[0]:,}: {_mib(lo[1])}, N={hi[0]:,}: "
            f"{_mib(hi[1])} ({ratio:.2f}x for {hi[0] / lo[0]:.0f}x data) "
            f"| {status(ratio < 1.5, at_1m=False)} |"
        )
    o = big.get("detect_overhead")
    if o is not None or big.get("ingest_nodetect"):
        ov = None if o is None else o["wall"]
        out.append(
            f"| detection adds <= {TARGET_DETECT_OVERHEAD * 100:.0f}% to ingest time at 1M "
            f"| {label}: {_f(None if ov is None else ov * 100, '{:+.1f}')}% "
            f"| {status(None if ov is None else ov <= TARGET_DETECT_OVERHEAD)} |"
        )
    s = big.get("search") or {}
    p95 = s.get("p95_ms")
    out.append(
        f"| search p95 < {TARGET_P95_MS:.0f} ms at 1M "
        f"| {label}: {_f(p95)} ms ({s.get('mode', '')}) "
        f"| {status(None if p95 is None or math.isnan(p95) else p95 < TARGET_P95_MS)} |"
    )
    return out


PROFILE_START = "<!-- bench detect-profile start -->"
PROFILE_END = "<!-- bench detect-profile end -->"


def _carried_baseline(section: str, n: int) -> str | None:
    """The baseline row of an earlier run of this section, if it has one."""
    if "### Baseline" not in section:
        return None
    part = section.split("### Baseline", 1)[1].split("###", 1)[0]
    for line in part.splitlines():
        if line.startswith(f"| {n:,} |") and "not run" not in line and "|---" not in line:
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) > 2 and all(cells[2:5]):
                return line
    return None


def _with_carried_baseline(body: str, n: int, row: str, old: str) -> str:
    carried = re.search(r"the row is from (.+?); its 'ingest", old)
    if carried:  # carried over before: keep where it really came from
        when = carried.group(1)
    else:
        dated = re.search(r"; (\d{4}-\d\d-\d\d \d\d:\d\d UTC)", old)
        when = dated.group(1) if dated else "an earlier run"
        cpu = re.search(r"Machine: ([^,\n]+),", old)
        if cpu:
            when += f" on {cpu.group(1)}"
    lines = body.splitlines()
    for k, line in enumerate(lines):
        if line.startswith(f"| {n:,} | not run |"):
            lines[k] = row
            lines.insert(
                k + 1,
                f"\n(Baseline not re-run this time: the row is from {when}; its 'ingest / "
                "baseline time' compares with that run's ingest.)",
            )
            break
    return "\n".join(lines) + "\n"


def write_results_md(
    results: list[dict[str, Any]],
    machine: dict[str, str],
    profile: dict[str, Any] | None = None,
) -> None:
    """Replace (or append) one section per N in RESULTS.md, and the detection-profile section.

    A size whose baseline was not run this time keeps the baseline row of the section it
    replaces (with its date), so ``--skip-baseline`` does not erase earlier numbers."""
    text = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else (
        "# propwatch benchmark results\n\n"
        "Written by `python benchmarks/run.py --write-results`; one section per size, replaced "
        "on each run. See benchmarks/README.md.\n"
    )  # fmt: skip
    for r in results:
        start, end = f"<!-- bench N={r['n']} start -->", f"<!-- bench N={r['n']} end -->"
        body = f"{start}\n## N = {r['n']:,}\n\n{render([r], machine)}{end}"
        if start in text and end in text:
            a = text.index(start)
            b = text.index(end) + len(end)
            old = text[a:b]
            base = r.get("baseline") or {}
            row = None if "total_s" in base else _carried_baseline(old, r["n"])
            if row is not None:
                body = _with_carried_baseline(body[: -len(end)], r["n"], row, old) + end
            text = text[:a] + body + text[b:]
        else:
            text = text.rstrip("\n") + "\n\n" + body + "\n"
    if profile is not None:
        body = f"{PROFILE_START}\n{render_profile(profile, machine)}{PROFILE_END}"
        if PROFILE_START in text and PROFILE_END in text:
            a = text.index(PROFILE_START)
            b = text.index(PROFILE_END) + len(PROFILE_END)
            text = text[:a] + body + text[b:]
        else:
            # Before the hand-written analysis, if there is one.
            marker = "\n## Reading these numbers"
            if marker in text:
                k = text.index(marker)
                text = text[:k].rstrip("\n") + "\n\n" + body + "\n" + text[k:]
            else:
                text = text.rstrip("\n") + "\n\n" + body + "\n"
    RESULTS_MD.write_text(text, encoding="utf-8")


def _no_nan(obj: Any) -> Any:
    """NaN -> None, so the JSON results are strict JSON."""
    if isinstance(obj, float) and math.isnan(obj):
        return None
    if isinstance(obj, dict):
        return {k: _no_nan(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_no_nan(v) for v in obj]
    return obj


def run_profile(args: argparse.Namespace) -> dict[str, Any] | None:
    """``detect_profile.py`` in a child process; its raw numbers, or ``None`` if it failed."""
    out = args.workdir / "detect-profile.json"
    print(f"[bench] detection profile on {args.profile_n:,} messages", file=sys.stderr)
    run = measure(
        [sys.executable, str(HERE / "detect_profile.py"), "--n", str(args.profile_n),
         "--workdir", str(args.workdir), "--json", str(out)]
    )  # fmt: skip
    if run.returncode != 0 or not out.exists():
        print(f"[bench] detect_profile.py failed ({run.returncode}):\n{run.stderr[-1500:]}",
              file=sys.stderr)  # fmt: skip
        return None
    prof: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return prof


def render_profile(prof: dict[str, Any], machine: dict[str, str]) -> str:
    import detect_profile

    return (
        "### Where detection time goes (µs per message)\n\n"
        + detect_profile.render_markdown(prof)
        + f"\nMachine: {machine['cpu']}, {machine['cores']} cores; Python {machine['python']}; "
        f"propwatch {machine['commit']}; {machine['date']}\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="propwatch spine benchmarks")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--workdir", type=Path, default=HERE / "out")
    ap.add_argument(
        "--db-url",
        default="sqlite:///{workdir}/bench-{n}.db",
        help="database URL template ({n}, {workdir}); SQLite files are deleted before ingest",
    )
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--search-mode", choices=("auto", "api", "cli"), default="auto")
    ap.add_argument("--propwatch", default=None, help="command that starts the CLI")
    ap.add_argument(
        "--ingest-arg",
        action="append",
        default=[],
        help="extra argument for `propwatch ingest` (repeatable), e.g. --ingest-arg=--quiet",
    )
    ap.add_argument("--baseline-engine", choices=("read_json", "json-pandas", "json"),
                    default="read_json")  # fmt: skip
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--force-baseline", action="store_true", help="run it even if RAM looks short")
    ap.add_argument("--skip-ingest", action="store_true", help="reuse the existing database")
    ap.add_argument(
        "--skip-nodetect",
        action="store_true",
        help="skip the ingests with --no-detect and --no-extract (no detection-overhead "
        "figure)",
    )
    ap.add_argument(
        "--db-url-nodetect",
        default=None,
        help="database URL template for the --no-detect run (default: the SQLite file of "
        "--db-url with -nodetect before its suffix)",
    )
    ap.add_argument(
        "--ingest-timeout", type=float, default=0.0,
        help="kill an ingest still running after this many seconds (0: never)",
    )  # fmt: skip
    ap.add_argument(
        "--profile-n", type=int, default=20_000,
        help="messages for the in-process detection profile (detect_profile.py; 0: skip)",
    )  # fmt: skip
    ap.add_argument("--skip-search", action="store_true")
    ap.add_argument(
        "--resume", action="store_true",
        help="keep the successful ingests and search of WORKDIR/results-N.json, run the rest",
    )
    ap.add_argument("--regenerate", action="store_true", help="ignore cached exports")
    ap.add_argument("--write-results", action="store_true", help="update benchmarks/RESULTS.md")
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)

    load_start = os.getloadavg()
    results: list[dict[str, Any]] = []
    for n in args.sizes:
        res = run_size(args, n)
        res["loadavg_start"] = list(load_start)
        (args.workdir / f"results-{n}.json").write_text(
            json.dumps(_no_nan(res), ensure_ascii=False, indent=1, default=str) + "\n",
            encoding="utf-8",
        )
        results.append(res)
    prof = run_profile(args) if args.profile_n > 0 else None
    machine = machine_info()
    machine["loadavg"] = ", ".join(f"{x:.2f}" for x in load_start)
    print(render(results, machine))
    if prof is not None:
        print(render_profile(prof, machine))
    if args.write_results:
        write_results_md(results, machine, prof)
        print(f"[bench] wrote {RESULTS_MD}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
