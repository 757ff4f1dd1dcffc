"""Entity and event extraction throughput on a generated (or any) Telegram export.

    python benchmarks/extract_bench.py EXPORT.json [--limit N] [--json OUT.json]

Streams the export's messages (ijson; memory stays flat), identifies each text's language
(untimed: ingest does this anyway), and times ``Extractor.extract`` alone: messages/s,
µs/message, entities, events and relations found, peak RSS. Printed as Markdown.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson

from propwatch.extract.extractor import default_extractor
from propwatch.normalize import identify


def texts(path: Path, limit: int | None) -> Iterator[str]:
    with path.open("rb") as handle:
        for n, msg in enumerate(ijson.items(handle, "messages.item"), 1):
            if not isinstance(msg, dict):  # the generator writes some malformed items
                continue
            raw = msg.get("text", "")
            if isinstance(raw, list):
                raw = "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in raw)
            yield str(raw)
            if limit and n >= limit:
                return


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("export", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch", type=int, default=2000)
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = ap.parse_args()

    start = time.perf_counter()
    extractor = default_extractor()
    extractor.extract("warm-up: ISKP claimed the attack in Kabul that killed 5 people.", "en")
    load_s = time.perf_counter() - start
    counts: Counter[str] = Counter()
    n = 0
    timed = 0.0
    batch: list[tuple[str, str]] = []

    def flush() -> None:
        nonlocal timed
        t0 = time.perf_counter()
        for text, lang in batch:
            found = extractor.extract(text, lang)
            counts["entities"] += len(found.entities)
            counts["events"] += len(found.events)
            counts["relations"] += len(found.relations)
            counts["with_entities"] += bool(found.entities)
        timed += time.perf_counter() - t0
        batch.clear()

    for text in texts(args.export, args.limit):
        n += 1
        batch.append((text, identify(text).lang))
        if len(batch) >= args.batch:
            flush()
    flush()
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result: dict[str, Any] = {
        "messages": n,
        "extract_s": round(timed, 1),
        "msg_per_s": round(n / timed) if timed else None,
        "us_per_msg": round(timed / n * 1e6) if n else None,
        "load_s": round(load_s, 2),
        "peak_rss_mib": round(rss_mib),
        **counts,
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print("| messages | extract s | msg/s | µs/msg | entities | events | relations | "
          "items with entities | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {n:,} | {timed:,.1f} | {result['msg_per_s']:,} | {result['us_per_msg']} | "
          f"{counts['entities']:,} | {counts['events']:,} | {counts['relations']:,} | "
          f"{counts['with_entities']:,} | {rss_mib:,.0f} MiB |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
