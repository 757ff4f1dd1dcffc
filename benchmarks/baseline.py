"""What a user would otherwise write: load the export, flatten the texts, scan them with ``re``.

Usage::

    python benchmarks/baseline.py EXPORT.json [--engine read_json|json-pandas|json]
                                              [--keyword WORD] [--json]

* ``read_json`` (default): ``pandas.read_json(path)`` gives one row per message with the message
  object in the ``messages`` column; the texts are flattened from there.
* ``json-pandas``: ``json.load`` then ``pandas.DataFrame`` of the message objects.
* ``json``: ``json.load`` and plain Python lists (no pandas).

Full-account exports (``chats.list``) are read with ``json.load`` whatever the engine.

The scan compiles :data:`KEYWORDS` (~50 words in nine languages) into one alternation with
``re.IGNORECASE`` and runs ``findall`` over every text (substring matching, as a quick script
would). Then it times a single-keyword scan (``--keyword``) to give the time to answer one
question: load + flatten + scan, since the script has to read the whole file for each question.

Peak RSS is this process's ``ru_maxrss``; run it in a fresh process to measure it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["KEYWORDS", "flatten_text", "main", "run_baseline"]

#: What an analyst would type: topical terms in each language and script (~50).
KEYWORDS: tuple[str, ...] = (
    # English
    "Khorasan", "caliphate", "wilayah", "hijra", "mujahideen", "apostates",
    # Russian
    "Хорасан", "халифат", "вилаят", "хиджра", "моджахеды", "муртады",
    # Tajik
    "Хуросон", "хилофат", "вилоят", "ҳиҷрат", "муҷоҳидон", "муртадон",
    # Uzbek Latin
    "Xuroson", "xalifalik", "hijrat", "mujohidlar", "murtadlar",
    # Uzbek Cyrillic
    "халифалик", "ҳижрат", "мужоҳидлар", "муртадлар",
    # Kyrgyz
    "хижрат", "муджахиддер", "муртаддар",
    # Persian / Dari and Pashto
    "خراسان", "خلافت", "ولایت", "هجرت", "مجاهدین", "مرتدین", "رافضی",
    # Arabic
    "الخلافة", "ولاية", "الهجرة", "المجاهدين", "المرتدين", "الرافضة",
    # Turkish
    "Horasan", "hilafet", "vilayet", "hicret", "mücahitler", "mürtedler",
    # sectarian slur, several spellings
    "rafida",
)  # fmt: skip

ENGINES = ("read_json", "json-pandas", "json")


def flatten_text(text: Any) -> str:
    """A message's ``text``: a string, or a list of strings and entity objects; else ``""``."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        parts: list[str] = []
        for part in text:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict):
                t = part.get("text")
                if isinstance(t, str):
                    parts.append(t)
        return "".join(parts)
    return ""


def _message_text(msg: Any) -> str:
    return flatten_text(msg.get("text")) if isinstance(msg, dict) else ""


def _load_json(path: Path) -> list[Any]:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if isinstance(data, dict) and isinstance(data.get("chats"), dict):
        msgs: list[Any] = []
        for section in ("chats", "left_chats"):
            for chat in data.get(section, {}).get("list", []):
                msgs.extend(chat.get("messages", []))
        return msgs
    return list(data.get("messages", [])) if isinstance(data, dict) else []


def _is_account_export(path: Path) -> bool:
    with open(path, encoding="utf-8") as f:
        head = f.read(4096)
    return '"chats"' in head or '"personal_information"' in head or '"about"' in head


def load_texts(path: Path, engine: str) -> tuple[list[str], int, float, float]:
    """Return (texts, items, load seconds, flatten seconds)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    if engine != "json" and _is_account_export(path):
        engine = "json-pandas"
    pd: Any = importlib.import_module("pandas") if engine != "json" else None
    t0 = time.perf_counter()
    if engine == "read_json":
        df = pd.read_json(path)
        t1 = time.perf_counter()
        texts: list[str] = df["messages"].map(_message_text).tolist()
    elif engine == "json-pandas":
        msgs = _load_json(path)
        frame = pd.DataFrame([m for m in msgs if isinstance(m, dict)])
        n_items = len(msgs)
        del msgs
        t1 = time.perf_counter()
        texts = frame["text"].map(flatten_text).tolist() if "text" in frame else []
        return texts, n_items, t1 - t0, time.perf_counter() - t1
    else:
        msgs = _load_json(path)
        t1 = time.perf_counter()
        texts = [_message_text(m) for m in msgs]
    return texts, len(texts), t1 - t0, time.perf_counter() - t1


def _peak_rss_bytes() -> int:
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss if sys.platform == "darwin" else rss * 1024)


def run_baseline(path: Path, engine: str = "read_json", keyword: str = "хуросон") -> dict[str, Any]:
    """Load, flatten and scan ``path``; return timings, counts and peak RSS."""
    t_start = time.perf_counter()
    texts, n_items, load_s, flatten_s = load_texts(path, engine)

    rx = re.compile("|".join(re.escape(k) for k in KEYWORDS), re.IGNORECASE)
    canon = {k.casefold(): k for k in KEYWORDS}
    per_keyword: dict[str, int] = {}
    matches = 0
    matched_msgs = 0
    t0 = time.perf_counter()
    for text in texts:
        if not text:
            continue
        found = rx.findall(text)
        if found:
            matched_msgs += 1
            matches += len(found)
            for f in found:
                k = canon.get(f.casefold(), f)
                per_keyword[k] = per_keyword.get(k, 0) + 1
    scan_s = time.perf_counter() - t0
    total_s = time.perf_counter() - t_start

    one = re.compile(re.escape(keyword), re.IGNORECASE)
    t0 = time.perf_counter()
    one_hits = sum(1 for text in texts if text and one.search(text))
    one_scan_s = time.perf_counter() - t0

    return {
        "engine": engine,
        "path": str(path),
        "file_bytes": path.stat().st_size,
        "items": n_items,
        "texts_nonempty": sum(1 for t in texts if t),
        "keywords": len(KEYWORDS),
        "load_s": load_s,
        "flatten_s": flatten_s,
        "scan_s": scan_s,
        "total_s": total_s,
        "matches": matches,
        "messages_matched": matched_msgs,
        "per_keyword": dict(sorted(per_keyword.items(), key=lambda kv: -kv[1])),
        "single_keyword": {
            "keyword": keyword,
            "messages_matched": one_hits,
            "scan_s": one_scan_s,
            # the script re-reads the file for every new question
            "time_to_answer_s": load_s + flatten_s + one_scan_s,
        },
        "peak_rss_bytes": _peak_rss_bytes(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Naive load + regex scan of a Telegram export.")
    ap.add_argument("path", type=Path)
    ap.add_argument("--engine", choices=ENGINES, default="read_json")
    ap.add_argument("--keyword", default="хуросон", help="single keyword for time-to-answer")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    res = run_baseline(args.path, args.engine, args.keyword)
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
        return 0
    one = res["single_keyword"]
    print(
        f"baseline ({res['engine']}) on {res['path']}: {res['items']:,} items, "
        f"{res['file_bytes'] / 1e6:.1f} MB\n"
        f"  load {res['load_s']:.2f} s, flatten {res['flatten_s']:.2f} s, "
        f"scan {len(KEYWORDS)} keywords {res['scan_s']:.2f} s, total {res['total_s']:.2f} s\n"
        f"  {res['matches']:,} matches in {res['messages_matched']:,} messages\n"
        f"  one keyword {one['keyword']!r}: {one['messages_matched']:,} messages, "
        f"scan {one['scan_s'] * 1000:.0f} ms, time to answer {one['time_to_answer_s']:.2f} s\n"
        f"  peak RSS {res['peak_rss_bytes'] / 2**20:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
