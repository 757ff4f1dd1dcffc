"""Time the networks-and-propagation analyses on an existing database.

    python benchmarks/graph_bench.py --db propwatch.db [--threshold 0.7] [--min-words 8]
                                     [--num-perm 64] [--skip-clusters] [--skip-network]
                                     [--json OUT.json]

Times, on the stored messages (build the database first with ``propwatch ingest``):

* ``channel_network`` (the channel graph from forwards, mentions and links) and
  ``network_summary`` (PageRank, betweenness, Louvain communities);
* ``near_duplicate_clusters`` (MinHash LSH over all messages; all clusters, cross-channel).

Prints a Markdown table: messages, seconds per step, graph and cluster sizes, and the peak
RSS of this process (``ru_maxrss``; run it in a fresh process to measure one database).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
if SRC.is_dir() and str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from propwatch.graph.clusters import near_duplicate_clusters  # noqa: E402
from propwatch.graph.network import channel_network, network_summary  # noqa: E402
from propwatch.store import open_store  # noqa: E402


def _rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="a SQLite path or database URL")
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--min-words", type=int, default=8)
    ap.add_argument("--num-perm", type=int, default=64)
    ap.add_argument("--skip-network", action="store_true")
    ap.add_argument("--skip-clusters", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = ap.parse_args(argv)

    result: dict[str, Any] = {"db": args.db}
    with open_store(args.db) as store:
        result["messages"] = int(store.stats()["messages"])
        if not args.skip_network:
            t0 = time.perf_counter()
            graph = channel_network(store)
            t1 = time.perf_counter()
            summary = network_summary(graph)
            t2 = time.perf_counter()
            result.update(
                network_s=round(t1 - t0, 3),
                summary_s=round(t2 - t1, 3),
                nodes=summary["nodes"],
                edges=summary["edges"],
                communities=len(summary["communities"]),
                rss_after_network_mib=round(_rss_mib()),
            )
        if not args.skip_clusters:
            t0 = time.perf_counter()
            found = near_duplicate_clusters(
                store,
                threshold=args.threshold,
                min_words=args.min_words,
                num_perm=args.num_perm,
                limit=20,
            )
            result.update(
                clusters_s=round(time.perf_counter() - t0, 3),
                messages_hashed=found.hashed,
                clustered=found.clustered,
                clusters=found.total,
                largest_cluster=found.largest,
                lsh=f"{found.parameters['bands']}x{found.parameters['rows']}",
            )
    result.update(
        peak_rss_mib=round(_rss_mib()),
        python=platform.python_version(),
        date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    )

    def cell(key: str, fmt: str = "{:,}") -> str:
        value = result.get(key)
        return "–" if value is None else fmt.format(value)

    print("| messages | network s | summary s | nodes | edges | communities | clusters s "
          "| hashed | clusters | in clusters | largest | LSH b×r | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    print(
        f"| {cell('messages')} | {cell('network_s', '{:.2f}')} | {cell('summary_s', '{:.2f}')} "
        f"| {cell('nodes')} | {cell('edges')} | {cell('communities')} "
        f"| {cell('clusters_s', '{:.2f}')} | {cell('messages_hashed')} | {cell('clusters')} "
        f"| {cell('clustered')} | {cell('largest_cluster')} | {cell('lsh', '{}')} "
        f"| {cell('peak_rss_mib')} MiB |"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
