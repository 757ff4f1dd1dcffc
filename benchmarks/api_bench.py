"""Benchmark the workspace API: search and list latency under concurrent clients on loopback.

Usage::

    python benchmarks/api_bench.py --db DB [--requests 4000] [--clients 20] [--workers 1]
                                   [--concurrency N] [--search-share 0.5] [--seed 7]
                                   [--write-results]

Starts the server on ``DB`` (an existing database, SQLite path or URL) on a free loopback port:
``propwatch serve --workers N [--concurrency C]`` (by default each process works on CPU
cores / N interactive requests at once). Adds a viewer ``bench-api`` if missing and
creates an API token with ``propwatch tokens create`` (revoked at the end). Then ``--clients``
threads, each with its own keep-alive HTTP connection, send ``--requests`` requests (after a
warm-up of two per client, not counted) drawn from a fixed, seeded sequence:
``GET /api/search?q=...`` (queries built like ``benchmarks/run.py``'s ``build_queries``:
common, rare, topical, cross-script, two-word, filtered and missing words) and the list routes
``/api/items``, ``/api/entities``, ``/api/events`` and ``/api/alerts`` (first pages mostly,
some deeper, some filtered).

Prints Markdown: p50 / p95 / p99 / max latency per route and for all requests, errors,
requests/s, the CPU time the server and this client used, the machine and the date; with
``--write-results`` it also replaces this benchmark's section for that database size in
``benchmarks/RESULTS.md``. Target (issue 5): search and list p95 under 200 ms at 1M messages
with 20 concurrent clients.

The client uses ``http.client`` (standard library) rather than httpx: on a two-core machine
the client shares the CPU with the server, and the lighter client disturbs the measurement
less. Latency is measured from sending the request to reading the whole body.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import platform
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS_MD = HERE / "RESULTS.md"

__all__ = ["Request", "build_requests", "main", "percentile", "render", "run_load"]

#: Target from the issue: search and list p95 at 1M messages, 20 concurrent clients.
TARGET_P95_MS = 200.0
TARGET_AT = 1_000_000
BENCH_USER = "bench-api"
LIST_ROUTES = ("items", "entities", "events", "alerts")
#: Offsets of list pages: mostly the first page, sometimes deeper.
LIST_OFFSETS = (0, 0, 0, 0, 50, 100, 500, 2000)
#: Used when benchmarks/run.py cannot be imported (its word pools need benchmarks/generate.py).
FALLBACK_WORDS = {
    "common": ["хуросон", "xuroson", "خراسان", "amaq", "аъмоқ", "эрон", "iran", "исроил",
               "рофизиён", "الدولة", "jihad", "hijrat"],
    "rare": ["кермон", "crocus", "шаҳид", "mujohid", "شاهچراغ", "kirman"],
    "cross-script": ["yahudiylar", "яҳудийлар", "tolibon", "толибон"],
    "two-word": ["islamic state", "ислом давлати", "rofiziylar eron"],
    "miss": ["zyzzyvaqx", "щщфывапр", "غغقثصض"],
}  # fmt: skip


# -- the requests ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Request:
    """One request of the load: its route kind (``search`` or a list route), its path with
    the query string, and a finer category (the query kind, or the list variant)."""

    kind: str
    path: str
    category: str


def _db_meta(db: str) -> dict[str, Any]:
    """What ``build_queries`` needs from the generator's metadata, read from the database:
    Telegram chat ids and the first and last message times; plus counts for the report."""
    from sqlalchemy import func, select

    from propwatch.store import open_store, schema

    m, c = schema.messages, schema.channels
    with open_store(db) as store, store.engine.connect() as conn:
        messages = conn.execute(select(func.count()).select_from(m)).scalar_one()
        first, last = conn.execute(select(func.min(m.c.date), func.max(m.c.date))).one()
        keys = [k for (k,) in conn.execute(select(c.c.key).limit(1000))]
        languages = [
            lang for (lang,) in conn.execute(
                select(m.c.language).group_by(m.c.language)
                .order_by(func.count().desc()).limit(8)
            )
        ]  # fmt: skip
        entity_types = [t for (t,) in conn.execute(
            select(schema.entities.c.type).group_by(schema.entities.c.type))]  # fmt: skip
    chats = [{"id": int(k.split(":", 1)[1])} for k in keys
             if k.startswith("telegram:") and k.split(":", 1)[1].lstrip("-").isdigit()]  # fmt: skip

    def unix(value: Any) -> int:
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if isinstance(value, datetime):
            return int(value.replace(tzinfo=value.tzinfo or UTC).timestamp())
        return 0

    return {
        "messages": int(messages), "chats": chats, "first_unixtime": unix(first),
        "last_unixtime": unix(last), "languages": [x for x in languages if x],
        "entity_types": [x for x in entity_types if x],
    }  # fmt: skip


def _import_run() -> Any:
    """benchmarks/run.py as a module, or None (it needs psutil and generate.py)."""
    import importlib

    sys.path.insert(0, str(HERE))
    try:
        return importlib.import_module("run")
    except ImportError:
        return None
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(str(HERE))


def _search_queries(meta: dict[str, Any], seed: int) -> list[tuple[str, dict[str, str]]]:
    """(category, query parameters) for ``/api/search``: ``run.build_queries`` when it can be
    imported (the word pools of the generated corpus), else :data:`FALLBACK_WORDS`."""
    run = _import_run()
    out: list[tuple[str, dict[str, str]]] = []
    if run is not None:
        for q in run.build_queries(meta, seed):
            params = {"q": q.text}
            if q.lang:
                params["lang"] = q.lang
            if q.channel:
                params["channel"] = q.channel
            if q.since:
                params["since"] = q.since.date().isoformat()
            out.append((q.category, params))
        return out
    for category, words in FALLBACK_WORDS.items():
        out += [(category, {"q": w}) for w in words]
    random.Random(seed).shuffle(out)
    return out


def build_requests(meta: dict[str, Any], total: int, search_share: float,
                   seed: int) -> list[Request]:  # fmt: skip
    """``total`` requests, ``search_share`` of them searches and the rest spread evenly over
    the list routes; deterministic for a seed."""
    rng = random.Random(seed)
    queries = _search_queries(meta, seed)
    languages = meta.get("languages") or ["ru"]
    types = meta.get("entity_types") or []
    out: list[Request] = []
    for i in range(total):
        if rng.random() < search_share:
            category, params = queries[i % len(queries)]
            out.append(Request("search", "/api/search?" + urlencode(params), category))
            continue
        kind = LIST_ROUTES[rng.randrange(len(LIST_ROUTES))]
        offset = rng.choice(LIST_OFFSETS)
        params = {"limit": "50", "offset": str(offset)}
        category = "first page" if offset == 0 else "deeper page"
        if kind == "items" and rng.random() < 0.3:
            params["lang"] = rng.choice(languages)
            category = "lang filter"
        elif kind == "entities" and types and rng.random() < 0.3:
            params["type"] = rng.choice(types)
            category = "type filter"
        out.append(Request(kind, f"/api/{kind}?" + urlencode(params), category))
    return out


# -- the server ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _propwatch() -> list[str]:
    exe = Path(sys.executable).with_name("propwatch")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("propwatch")
    return [found] if found else [sys.executable, "-m", "propwatch"]


def _cli(args: list[str], db: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_propwatch(), *args, "--db", db], input=stdin, capture_output=True, text=True,
        check=False, timeout=300,
    )  # fmt: skip


def create_token(db: str) -> tuple[str, str | None]:
    """A fresh API token (and its id) of the viewer :data:`BENCH_USER`, added if missing."""
    listed = _cli(["users", "list", "--json"], db)
    names = {u.get("name") for u in json.loads(listed.stdout or "[]")} if listed.returncode == 0 \
        else set()  # fmt: skip
    if BENCH_USER not in names:
        added = _cli(["users", "add", BENCH_USER, "--role", "viewer", "--password-stdin"], db,
                     stdin=secrets.token_urlsafe(24) + "\n")  # fmt: skip
        if added.returncode != 0:
            raise SystemExit(f"propwatch users add failed:\n{added.stderr}")
    made = _cli(["tokens", "create", "--user", BENCH_USER, "--name", "api-bench"], db)
    if made.returncode != 0:
        raise SystemExit(f"propwatch tokens create failed:\n{made.stderr}")
    token = made.stdout.strip().splitlines()[-1]
    found = re.search(r"token (\d+) for", made.stderr)
    return token, found.group(1) if found else None


def start_server(db: str, port: int, workers: int, log: IO[bytes],
                 concurrency: int | None = None) -> subprocess.Popen[bytes]:  # fmt: skip
    """``propwatch serve --workers N``, each process working on ``concurrency`` interactive
    requests at once (None: propwatch's default); its standard error goes to ``log`` (a
    file: a pipe nobody reads could fill and stall the server)."""
    env = {**os.environ, "PROPWATCH_DB": db}
    cmd = [*_propwatch(), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(max(1, workers))]  # fmt: skip
    if concurrency:
        cmd += ["--concurrency", str(concurrency)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)


def _default_concurrency(workers: int) -> int | str:
    """What ``propwatch serve --workers`` gives each process (see ``default_concurrency``)."""
    try:
        from propwatch.serve.settings import default_concurrency
    except ImportError:
        return "?"
    saved = os.environ.get("PROPWATCH_WORKERS")
    os.environ["PROPWATCH_WORKERS"] = str(max(1, workers))
    try:
        return default_concurrency()
    finally:
        if saved is None:
            del os.environ["PROPWATCH_WORKERS"]
        else:
            os.environ["PROPWATCH_WORKERS"] = saved


def wait_ready(
    port: int, server: subprocess.Popen[bytes], log: IO[bytes], timeout: float = 120.0
) -> float:
    """Seconds until ``/health`` answers 200; SystemExit if the server dies or never does."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            log.seek(0)
            err = log.read().decode(errors="replace")
            raise SystemExit(f"the server exited ({server.returncode}):\n{err[-3000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                conn.close()
                return time.perf_counter() - start
            conn.close()
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer /health within {timeout:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of ``pid`` and its children (psutil), None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
        return float(sum(p.cpu_times().user + p.cpu_times().system for p in procs))
    except psutil.Error:
        return None


def _connection_split(pid: int, port: int) -> tuple[int, ...] | None:
    """Established client connections held by each server process (largest first): with
    several workers, keep-alive connections stay with the process that accepted them."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        counts = []
        for proc in procs:
            n = sum(1 for c in proc.net_connections(kind="tcp")
                    if c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == port)
            if n:
                counts.append(n)
        return tuple(sorted(counts, reverse=True))
    except psutil.Error:
        return None


class SplitSampler:
    """Samples :func:`_connection_split` every ``every`` seconds in a thread."""

    def __init__(self, pid: int, port: int, every: float = 0.5) -> None:
        self.pid, self.port, self.every = pid, port, every
        self.seen: dict[tuple[int, ...], int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="split-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            split = _connection_split(self.pid, self.port)
            if split:
                self.seen[split] = self.seen.get(split, 0) + 1

    def __enter__(self) -> SplitSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def describe(self) -> str:
        if not self.seen:
            return "n/a"
        total = sum(self.seen.values())
        return ", ".join(f"{'/'.join(map(str, k))} ({v / total:.0%} of samples)"
                         for k, v in sorted(self.seen.items(), key=lambda kv: -kv[1])[:3])


# -- the load -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Sample:
    kind: str
    category: str
    ms: float
    status: int  # 0: a connection error


@dataclass(slots=True)
class LoadResult:
    samples: list[Sample]
    wall_s: float
    errors: list[str] = field(default_factory=list)


def _client(port: int, token: str, jobs: Iterator[Request], lock: threading.Lock,
            out: list[Sample], errors: list[str], think_s: float) -> None:  # fmt: skip
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    mine: list[Sample] = []
    while True:
        with lock:
            job = next(jobs, None)
        if job is None:
            break
        start = time.perf_counter()
        try:
            conn.request("GET", job.path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            status, body = 0, str(exc).encode()
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        ms = (time.perf_counter() - start) * 1000
        mine.append(Sample(job.kind, job.category, ms, status))
        if status != 200 and len(errors) < 20:
            errors.append(f"{status} {job.path[:120]}: {body[:200].decode(errors='replace')}")
        if think_s:
            time.sleep(think_s)
    conn.close()
    with lock:
        out.extend(mine)


def run_load(port: int, token: str, requests: Sequence[Request], clients: int,
             think_ms: float = 0.0) -> LoadResult:  # fmt: skip
    """Send ``requests`` from ``clients`` threads (keep-alive connections), each waiting
    ``think_ms`` after an answer before its next request (0: as fast as the server answers);
    each sample is one request's latency."""
    jobs = iter(requests)
    lock = threading.Lock()
    samples: list[Sample] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=_client, name=f"client-{i}", daemon=True,
                         args=(port, token, jobs, lock, samples, errors, think_ms / 1000))
        for i in range(clients)
    ]  # fmt: skip
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return LoadResult(samples, time.perf_counter() - start, errors)


# -- the report ---------------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (as benchmarks/run.py)."""
    if not values:
        return math.nan
    s = sorted(values)
    return s[max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))]


def _row(name: str, samples: Sequence[Sample]) -> str:
    ms = [s.ms for s in samples]
    bad = sum(1 for s in samples if s.status != 200)
    return (f"| {name} | {len(ms):,} | {percentile(ms, 50):,.1f} | {percentile(ms, 95):,.1f} | "
            f"{percentile(ms, 99):,.1f} | {max(ms, default=math.nan):,.1f} | {bad} |")  # fmt: skip


def _commit() -> str:
    """The checked-out commit, read from .git (no git command), or ''."""
    head = REPO / ".git" / "HEAD"
    try:
        ref = head.read_text(encoding="utf-8").strip()
        if ref.startswith("ref: "):
            ref = (REPO / ".git" / ref[5:]).read_text(encoding="utf-8").strip()
        return ref[:12]
    except OSError:
        return ""


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text(encoding="utf-8").split()[1])
        ram = f"{kb / 2**20:.1f} GiB"
    from propwatch import __version__

    return {
        "cpu": cpu, "cores": str(os.cpu_count()), "ram": ram,
        "uname": " ".join(platform.uname()), "python": platform.python_version(),
        "propwatch": __version__, "commit": _commit(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
    }  # fmt: skip


def render(result: LoadResult, info: dict[str, Any]) -> str:
    """The Markdown report of one run (``info``: settings, database and machine)."""
    samples = result.samples
    rate = len(samples) / result.wall_s if result.wall_s else math.nan
    lines = [
        f"### API under {info['clients']} concurrent clients: "
        f"{info['messages']:,} messages, {info['workers']} worker(s)",
        "",
        f"{len(samples):,} requests in {result.wall_s:.1f} s = **{rate:,.1f} requests/s**;"
        f" {sum(1 for s in samples if s.status != 200)} errors; warm-up "
        f"{info['warmup']} requests not counted. Server ready in {info['ready_s']:.1f} s.",
        "",
        "| route | requests | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind in ("search", *LIST_ROUTES):
        mine = [s for s in samples if s.kind == kind]
        if mine:
            lines.append(_row(f"`/api/{kind}`", mine))
    lists = [s for s in samples if s.kind != "search"]
    lines.append(_row("all list routes", lists))
    lines.append(_row("**all**", samples))
    lines.append("")
    by_cat: dict[str, list[Sample]] = {}
    for s in samples:
        by_cat.setdefault(f"{s.kind}: {s.category}", []).append(s)
    parts = [
        f"{name} ({len(v)}): {percentile([s.ms for s in v], 50):,.1f} / "
        f"{percentile([s.ms for s in v], 95):,.1f}"
        for name, v in sorted(by_cat.items())
    ]
    lines.append("By category (p50 / p95 ms): " + "; ".join(parts) + ".")
    lines.append("")
    search_p95 = percentile([s.ms for s in samples if s.kind == "search"], 95)
    list_p95 = percentile([s.ms for s in lists], 95)
    at = info["messages"]
    verdict = "PASS" if max(search_p95, list_p95) < TARGET_P95_MS else "FAIL"
    if at < TARGET_AT:
        verdict = f"({verdict}: indicative only, {at:,} < {TARGET_AT:,} messages)"
    lines.append(
        f"Target: search and list p95 < {TARGET_P95_MS:.0f} ms at {TARGET_AT:,} messages, "
        f"{info['clients']} clients: search p95 {search_p95:,.1f} ms, list p95 "
        f"{list_p95:,.1f} ms: **{verdict}**."
    )
    cpu = info.get("server_cpu_s")
    lines.append("")
    lines.append(
        f"CPU during the run: server {cpu:,.1f} s" if cpu is not None else "CPU: server n/a"
    )
    lines[-1] += (f", this client {info['client_cpu_s']:,.1f} s (both on the same "
                  f"{info['machine']['cores']} cores).")  # fmt: skip
    if info.get("split"):
        lines += ["", f"Client connections per server process during the run: {info['split']}."]
    if result.errors:
        lines += ["", "First errors:", ""] + [f"- `{e}`" for e in result.errors[:5]]
    m = info["machine"]
    lines += [
        "",
        f"Database: `{info['db_label']}` ({info['db_size']}); server: {info['server']}; "
        f"client: {info['clients']} threads, one keep-alive connection each, "
        + (
            f"{info['think_ms']:g} ms pause between requests, "
            if info["think_ms"]
            else "no pause between requests (closed loop), "
        )
        + f"{info['search_share']:.0%} searches; seed {info['seed']}.  ",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; Python {m['python']}; "
        f"propwatch {m['propwatch']} {m['commit']}; {m['date']}; load average at start "
        f"{m['load']}  ",
        f"`{m['uname']}`",
    ]
    return "\n".join(lines) + "\n"


def write_results(markdown: str, messages: int, workers: int) -> None:
    """Replace (or append) this benchmark's section for ``messages`` and ``workers`` in
    benchmarks/RESULTS.md."""
    tag = f"api-bench N={messages} workers={workers}"
    start, end = f"<!-- {tag} start -->", f"<!-- {tag} end -->"
    block = f"{start}\n## API benchmark: N = {messages:,}, {workers} worker(s)\n\n{markdown}{end}"
    text = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else ""
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS_MD.write_text(text, encoding="utf-8")


def _size(db: str) -> str:
    path = Path(db.removeprefix("sqlite:///")) if "://" not in db or db.startswith(
        "sqlite:///") else None  # fmt: skip
    if path is None or not path.exists():
        return "size n/a"
    total = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    return f"{total / 1e6:,.0f} MB"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="an existing database (SQLite path or URL)")
    ap.add_argument("--requests", type=int, default=4000, help="requests counted (default 4000)")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--concurrency", type=int, default=None,
                    help="interactive requests each server process works on at once (default: "
                         "propwatch's, one per core, or $PROPWATCH_CONCURRENCY)")  # fmt: skip
    ap.add_argument(
        "--search-share",
        type=float,
        default=0.5,
        help="share of searches; the rest are list routes (default 0.5)",
    )
    ap.add_argument(
        "--think-ms",
        type=float,
        default=0.0,
        help="pause of each client between requests (default 0: closed loop, "
        "every client sends its next request as soon as it has an answer)",
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--write-results",
        action="store_true",
        help="also write the section into benchmarks/RESULTS.md",
    )
    args = ap.parse_args(argv)
    if "://" not in args.db and not Path(args.db).exists():
        raise SystemExit(f"{args.db}: no such database (ingest one first)")

    meta = _db_meta(args.db)
    warmup = 2 * args.clients
    requests = build_requests(meta, args.requests + warmup, args.search_share, args.seed)
    token, token_id = create_token(args.db)
    port = _free_port()
    with tempfile.TemporaryFile() as log:
        server = start_server(args.db, port, args.workers, log, args.concurrency)
        try:
            ready_s = wait_ready(port, server, log)
            run_load(port, token, requests[:warmup], args.clients)
            cpu_before = _process_cpu(server.pid)
            client_before = time.process_time()
            with SplitSampler(server.pid, port) as sampler:
                result = run_load(port, token, requests[warmup:], args.clients, args.think_ms)
            client_cpu = time.process_time() - client_before
            cpu_after = _process_cpu(server.pid)
        finally:
            stop_server(server)
            if token_id:
                _cli(["tokens", "revoke", token_id], args.db)
    at_once = args.concurrency or _default_concurrency(args.workers)
    info = {
        "clients": args.clients, "workers": args.workers, "messages": meta["messages"],
        "warmup": warmup, "ready_s": ready_s, "search_share": args.search_share,
        "seed": args.seed, "think_ms": args.think_ms, "client_cpu_s": client_cpu,
        "machine": machine(),
        "server_cpu_s": None if cpu_before is None or cpu_after is None
        else cpu_after - cpu_before,
        "db_label": Path(args.db).name if "://" not in args.db else args.db.split("@")[-1],
        "db_size": _size(args.db), "split": sampler.describe(),
        "server": f"propwatch serve --workers {max(1, args.workers)}, {at_once} interactive "
                  "request(s) at once per process"
                  + (", one shared listening socket" if os.environ.get("PROPWATCH_REUSE_PORT")
                     == "0" else "")
                  + (", connections not balanced" if os.environ.get("PROPWATCH_BALANCE") == "0"
                     else ""),
    }  # fmt: skip
    markdown = render(result, info)
    print(markdown)
    if args.write_results:
        write_results(markdown, meta["messages"], args.workers)
        print(f"written to {RESULTS_MD}", file=sys.stderr)
    return 0 if not any(s.status != 200 for s in result.samples) else 1


if __name__ == "__main__":
    raise SystemExit(main())
