"""Per-component cost of detection during ingest, in µs per message, measured in-process.

Usage::

    python benchmarks/detect_profile.py [--n 20000] [--warmup 4000] [--seed 7] [--batch 2000]
                                        [--json OUT.json] [--markdown]

Generates a synthetic export with ``generate.py`` (its own seed, so the sample is not the
benchmark file), reads it with propwatch's Telegram reader (so texts, titles and empty media
messages are exactly what ingest analyses), then times, batch by batch as a worker does:

* the ingest stages as registered (``normalize``, ``language``, ``detect``), i.e. what
  ``--no-detect`` saves;
* inside ``detect``: the model (``TextClassifier.predict_proba`` per batch), pattern matching
  (``Detector._find``, one automaton for terms and cues, when the detector has it; older
  detectors match inside ``_lexicon`` and ``_stance_cues``), the lexicon features
  (``Detector._lexicon``), stance cues (``Detector._stance_cues``), signals
  (``extract_signals``), one set of text views (``TextViews``: normalized, key, de-obfuscated
  texts; included in matching), the model's evidence for labels it fires on
  (``Detector._model_detections`` → ``top_ngrams``), all of ``analyze`` (combiner, sorting)
  and ``to_annotations``;
* what detection adds outside the workers, in the ingest main process: sending the annotations
  back from a worker (pickle round trip), turning them into rows (``Store.prepare``) and writing
  them (``Store.write_prepared`` into a fresh SQLite store), each compared with the same
  messages without annotations.

Both CPU time of this process (``time.process_time``, not disturbed by other processes on the
machine) and wall time are reported. Analysed batches are moved out of the cyclic garbage
collector's reach (``gc.freeze``), as a worker holds one batch at a time. Components are timed
on their own, after a warm-up on
other messages (the model's n-gram memo and the normalization caches fill up in the first
few thousand messages, as in a long ingest), so the parts add up only approximately to the
``detect`` stage.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
if SRC.is_dir() and str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

import generate  # noqa: E402

from propwatch.analyze.pipeline import get_stage  # noqa: E402
from propwatch.detect.detector import (  # noqa: E402
    MAX_DETECT_CHARS,
    Detector,
    default_detector,
    to_annotations,
)
from propwatch.detect.signals import extract_signals  # noqa: E402
from propwatch.detect.textview import TextViews  # noqa: E402
from propwatch.ingest.base import ReaderOptions  # noqa: E402
from propwatch.ingest.telegram_json import read_telegram_json  # noqa: E402
from propwatch.model import Message, RawItem  # noqa: E402
from propwatch.model.rows import annotation_params  # noqa: E402
from propwatch.store import open_store  # noqa: E402

__all__ = ["Timer", "main", "profile", "render_markdown"]


@dataclass
class Timer:
    """CPU and wall seconds accumulated per component."""

    cpu: dict[str, float] = field(default_factory=dict)
    wall: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        c0, w0 = time.process_time(), time.perf_counter()
        try:
            yield
        finally:
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - c0
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - w0


def _items(n: int, seed: int, workdir: Path, timer: Timer) -> list[RawItem]:
    path = workdir / f"profile-{n}-s{seed}.json"
    generate.generate(n, path, seed=seed)
    c0, w0 = time.process_time(), time.perf_counter()
    items = [r for r in read_telegram_json(path, ReaderOptions()) if isinstance(r, RawItem)]
    # per item read, scaled later to the timed messages (the reader runs over all of them)
    timer.cpu["read:per_item"] = (time.process_time() - c0) / max(1, len(items))
    timer.wall["read:per_item"] = (time.perf_counter() - w0) / max(1, len(items))
    path.unlink()
    return items


def _detect_text(message: Message) -> str:
    """The text the ``detect`` stage gives the detector (title prepended, as in stages.py)."""
    item = message.item
    if not item.title or item.title in item.text:
        return item.text
    return f"{item.title}\n{item.text}"


def _batches(items: Sequence[RawItem], size: int) -> list[list[RawItem]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _run_stages(batch_items: list[RawItem], timer: Timer | None, detect: bool) -> list[Message]:
    batch = [Message(item) for item in batch_items]
    names = ("normalize", "language", "detect") if detect else ("normalize", "language")
    for name in names:
        stage = get_stage(name)
        if timer is None:
            stage.run(batch)
        else:
            with timer(f"stage:{name}"):
                stage.run(batch)
        for message in batch:
            message.assigned |= stage.assigns
    return batch


def _components(detector: Detector, batch: list[Message], timer: Timer) -> dict[str, int]:
    """Time each detection component on one analysed batch; return a few counts."""
    texts = [_detect_text(m) for m in batch]
    cut = [t[:MAX_DETECT_CHARS] for t in texts]
    counts = {"model_label_items": 0, "lexicon_items": 0, "signal_items": 0, "cue_items": 0}
    heads: list[dict[str, float]] = [{} for _ in texts]
    model = detector.model
    if model is not None:
        with timer("model.predict_proba"):
            probs = model.predict_proba(texts, [m.norm_text for m in batch])
        heads = [dict(zip(model.heads, (float(p) for p in row), strict=True)) for row in probs]
    # What the ingest stage hands over: the normalize stage's text and key of each message.
    forms = [(m.norm_text, m.match_key) for m in batch]
    for text, head, form in zip(cut, heads, forms, strict=True):
        with timer("views (one TextViews)"):
            views = TextViews(text, *form)
            _ = (views.normalized_text, views.key_text, views.deobfuscated_text)
        if hasattr(detector, "_find"):
            # One automaton for terms and cues (views built once); features from its matches.
            with timer("matching (terms + cues)"):
                term_matches, cue_matches = detector._find(text, TextViews(text, *form))
            with timer("lexicon"):
                detections, _, _ = detector._lexicon(text, term_matches)
            with timer("stance cues"):
                _, cue_ev = detector._stance_cues(text, cue_matches)
        else:  # older detectors: each matcher builds its own views
            with timer("lexicon"):
                detections, _, _ = detector._lexicon(text)
            with timer("stance cues"):
                _, cue_ev = detector._stance_cues(text)
        counts["lexicon_items"] += bool(detections)
        counts["cue_items"] += any(cue_ev.values())
        with timer("signals"):
            signals = extract_signals(text)
        counts["signal_items"] += bool(signals)
        if model is not None:
            with timer("model evidence (top_ngrams)"):
                found = detector._model_detections(text, head)
            counts["model_label_items"] += bool(found)
    languages = [(m.language, m.script, m.language_confidence) for m in batch]
    with timer("_components (all of the above)"):
        detector._components(texts, forms)
    with timer("analyze (total)"):
        results = detector.analyze(texts, languages=languages, forms=forms)
    with timer("to_annotations"):
        for r in results:
            to_annotations(r)
    return counts


def _worker_result(m: Message, annotations: bool) -> tuple[Any, ...]:
    """What ``propwatch.concurrency`` sends back per message."""
    return (
        m.norm_text,
        m.match_key,
        m.script,
        m.language,
        m.language_confidence,
        annotation_params(m) if annotations else [],
        m.assigned,
    )


def _main_process(batches: list[list[Message]], timer: Timer, workdir: Path) -> dict[str, Any]:
    """Pickle, prepare and write cost in the ingest main process, with and without annotations."""
    out: dict[str, Any] = {"pickle_bytes": {}, "annotations": 0, "annotation_data_bytes": 0}
    for with_ann, tag in ((True, "detect"), (False, "no-detect")):
        total_bytes = 0
        for batch in batches:
            rows = [_worker_result(m, with_ann) for m in batch]
            with timer(f"main:pickle round trip [{tag}]"):
                blob = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.loads(blob)
            total_bytes += len(blob)
        out["pickle_bytes"][tag] = total_bytes
    # As from the workers: annotations as the rows the writer inserts (JSON encoded there).
    saved = [[annotation_params(m) for m in batch] for batch in batches]
    for with_ann, tag in ((True, "detect"), (False, "no-detect")):
        db = workdir / f"profile-{tag}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        store = open_store(f"sqlite:///{db}")
        try:
            for batch, anns in zip(batches, saved, strict=True):
                for m, a in zip(batch, anns, strict=True):
                    m.annotation_rows = list(a) if with_ann else []
                with timer(f"main:Store.prepare [{tag}]"):
                    prepared = store.prepare(batch)
                if with_ann:
                    out["annotations"] += sum(len(p.annotations) for p in prepared)
                    out["annotation_data_bytes"] += sum(
                        len(row[-1] or "") for p in prepared for row in p.annotations
                    )
                with timer(f"main:Store.write_prepared [{tag}]"):
                    store.write_prepared(prepared)
        finally:
            store.close()
        out[f"db_bytes:{tag}"] = sum(
            Path(str(db) + s).stat().st_size for s in ("", "-wal") if Path(str(db) + s).exists()
        )
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    for batch in batches:
        for m in batch:
            m.annotation_rows = None
    return out


def profile(n: int = 20_000, warmup: int = 4_000, seed: int = 7, batch: int = 2_000,
            workdir: Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Run the profile; per-component CPU and wall µs per message, plus counts."""
    t_start = time.perf_counter()
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        tmpdir = Path(tmp)
        timer = Timer()
        items = _items(n + warmup, seed, tmpdir, timer)
        warm_items, items = (
            items[: len(items) * warmup // (n + warmup)],
            items[len(items) * warmup // (n + warmup) :],
        )
        with timer("detector construction"):
            detector = default_detector()
        for b in _batches(warm_items, batch):
            _run_stages(b, None, detect=True)
        analysed: list[list[Message]] = []
        for b in _batches(items, batch):
            analysed.append(_run_stages(b, timer, detect=True))
            # The analysed batches stay alive for the component timings; a worker keeps only
            # its current batch. Freezing them keeps the cyclic GC from re-scanning a heap that
            # grows with the sample (it otherwise inflates allocation-heavy steps such as
            # unpickling by 2-3x at 20k messages).
            gc.collect()
            gc.freeze()
        counts: dict[str, int] = {}
        for msgs in analysed:
            for k, v in _components(detector, msgs, timer).items():
                counts[k] = counts.get(k, 0) + v
        main = _main_process(analysed, timer, tmpdir)
    m = sum(len(b) for b in analysed)
    for clock in (timer.cpu, timer.wall):
        clock["read:telegram_json"] = clock.pop("read:per_item") * m
    per = {
        name: {"cpu_us": timer.cpu[name] / m * 1e6, "wall_us": timer.wall[name] / m * 1e6}
        for name in timer.cpu
        if name != "detector construction"
    }
    texts = [_detect_text(msg) for b in analysed for msg in b]
    return {
        "messages": m,
        "warmup_messages": len(warm_items),
        "batch": batch,
        "seed": seed,
        "mean_chars": sum(len(t) for t in texts) / max(1, m),
        "empty_texts": sum(1 for t in texts if not t.strip()),
        "detector_construction_s": timer.wall["detector construction"],
        "per_message_us": per,
        "counts": counts,
        "annotations_per_message": main["annotations"] / max(1, m),
        "annotation_data_bytes_per_message": main["annotation_data_bytes"] / max(1, m),
        "pickle_bytes_per_message": {k: v / max(1, m) for k, v in main["pickle_bytes"].items()},
        "profile_db_bytes_per_message": {
            tag: main[f"db_bytes:{tag}"] / max(1, m) for tag in ("detect", "no-detect")
        },
        "loadavg_start": load0,
        "seconds": time.perf_counter() - t_start,
    }


_ORDER = (
    ("read:telegram_json", "read the export (cut + orjson parse + `map_message`, every message)"),
    ("stage:normalize", "ingest stage `normalize` (normalize + match key)"),
    ("stage:language", "ingest stage `language` (language id)"),
    ("stage:detect", "ingest stage `detect` (all of detection)"),
    ("model.predict_proba", "  model: `TextClassifier.predict_proba` (per batch)"),
    ("matching (terms + cues)", "  matching: `Detector._find` (one automaton, terms + cues)"),
    ("lexicon", "  lexicon: `Detector._lexicon` (matching unless listed above, + features)"),
    ("stance cues", "  stance cues: `Detector._stance_cues` (matching unless listed above)"),
    ("signals", "  signals: `extract_signals`"),
    ("model evidence (top_ngrams)", "  model evidence: `_model_detections` / `top_ngrams`"),
    ("views (one TextViews)", "  of which: one `TextViews` (the text views a matcher searches)"),
    ("_components (all of the above)", "  `Detector._components` (model+lexicon+cues+signals)"),
    ("analyze (total)", "  `Detector.analyze` (components + combiner + model evidence)"),
    ("to_annotations", "  `to_annotations`"),
    ("main:pickle round trip [detect]", "worker result pickle round trip"),
    ("main:pickle round trip [no-detect]", "  same without annotations"),
    ("main:Store.prepare [detect]", "`prepare` (rows + annotation JSON; in the workers)"),
    ("main:Store.prepare [no-detect]", "  same without annotations"),
    ("main:Store.write_prepared [detect]", "writer thread: `Store.write_prepared` (SQLite)"),
    ("main:Store.write_prepared [no-detect]", "  same without annotations"),
)


def render_markdown(p: dict[str, Any]) -> str:
    per = p["per_message_us"]
    lines = [
        f"In-process, {p['messages']:,} generated messages (seed {p['seed']}, after "
        f"{p['warmup_messages']:,} warm-up messages), batches of {p['batch']:,}; mean text "
        f"{p['mean_chars']:.0f} characters, {p['empty_texts']:,} empty (media only). "
        f"CPU = `process_time` of this process (other load does not inflate it).",
        "",
        "| component | CPU µs/msg | wall µs/msg |",
        "|---|---:|---:|",
    ]
    for key, label in _ORDER:
        if key in per:
            lines.append(f"| {label} | {per[key]['cpu_us']:,.0f} | {per[key]['wall_us']:,.0f} |")
    spine = [
        "read:telegram_json", "stage:normalize", "stage:language",
        "main:pickle round trip [no-detect]", "main:Store.prepare [no-detect]",
        "main:Store.write_prepared [no-detect]",
    ]  # fmt: skip
    if all(k in per for k in spine):
        total = sum(per[k]["cpu_us"] for k in spine)
        lines += [
            "",
            f"The spine (`ingest --no-detect`: read, normalize, language, pickle, prepare, "
            f"write) costs {total:,.0f} µs of CPU per message, summed over its parts. At "
            f"10,000 messages/s, 2 cores give 200 µs per message: the spine alone would take "
            f"{total / 200:.0%} of both cores, before the cost of running its parts side by "
            f"side. With two workers reading the export striped (`propwatch.striped`), each "
            f"cuts all of it and parses only its own messages (`propwatch.ingest."
            f"telegram_split`).",
        ]
    c = p["counts"]
    m = p["messages"]
    lines += [
        "",
        f"Messages with: a lexicon detection {c.get('lexicon_items', 0):,} / {m:,}; a stance cue "
        f"{c.get('cue_items', 0):,}; a signal {c.get('signal_items', 0):,}; a model label "
        f"detection (evidence computed) {c.get('model_label_items', 0):,}. Annotations per "
        f"message {p['annotations_per_message']:.2f} (JSON `data` "
        f"{p['annotation_data_bytes_per_message']:,.0f} B/msg); worker result pickle "
        f"{p['pickle_bytes_per_message']['detect']:,.0f} B/msg with detection vs "
        f"{p['pickle_bytes_per_message']['no-detect']:,.0f} without; profile DB "
        f"{p['profile_db_bytes_per_message']['detect']:,.0f} vs "
        f"{p['profile_db_bytes_per_message']['no-detect']:,.0f} B/msg. Detector construction "
        f"(pack + model load) {p['detector_construction_s']:.2f} s per process. Load average "
        f"at start {', '.join(f'{x:.2f}' for x in p['loadavg_start'])}.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="per-component cost of detection (µs/msg)")
    ap.add_argument("--n", type=int, default=20_000, help="messages timed")
    ap.add_argument("--warmup", type=int, default=4_000, help="messages analysed first, untimed")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batch", type=int, default=2_000)
    ap.add_argument("--workdir", type=Path, default=None, help="where temporary files go")
    ap.add_argument("--json", type=Path, default=None, help="write the raw numbers here")
    ap.add_argument("--markdown", action="store_true", help="print Markdown instead of JSON")
    args = ap.parse_args(argv)
    result = profile(args.n, args.warmup, args.seed, args.batch, args.workdir)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(render_markdown(result) if args.markdown else json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
