"""Measure propwatch on the public labelled sets and write ``docs/evaluation_public.md``.

    python scripts/eval_public.py [--out docs/evaluation_public.md] [--quick] [--cap N]

For each public set in ``../shared/data/labelled/`` (radicalization_TT_twitter,
russian_distorted_toxicity_vk, pars_offensive_persian, offenseval2020_turkish_arabic,
osact5_arabic_hate):

* **Split.** A row is held out (test) when ``sha256(key) % 5 == 0``, the rule
  ``scripts/train_default_model.py`` uses, where ``key`` is the row's id (tweet_id,
  comment_id, id, Id) or, for ParsOffensive, which has no id, the text itself. The same rule
  means the shipped model, if it was trained with ``--public``, never saw a held-out row of
  the two MIT sets. Test rows whose text also occurs in the training part are then dropped, and
  so are repeated texts inside the test part (the TT tweets are two-thirds retweets): every
  test text is distinct and unseen in training.
* **(a) In-domain classifier.** propwatch's trainable classifier
  (:func:`propwatch.detect.classifier.train`, what ``propwatch train`` runs) is trained on the
  training part for the set's own label and scored on the held-out part at probability 0.5.
  These models are throwaway: they are never saved (the OSACT/OffensEval terms are research
  only and ParsOffensive has no licence). For TT it is trained twice, on the text as is and
  with hashtags (``#\\w+``) removed, because TT's labels come from its hashtags.
* **(b) The shipped detector** (``Detector()``, lexicon + stance cues + signals + the default
  model) on the held-out part: precision/recall/F1 of its ``propaganda`` judgement against
  TT's ``radical`` label, and for the offensive/toxic/hate sets (not propaganda datasets) the
  rate at which it calls offensive and non-offensive items propaganda (for OSACT5 also per
  hate type). ``Detector(use_model=False)`` runs alongside, and the label of the strongest
  detection behind each flag is tallied, to show whether flags come from the lexicon or the
  model.

``--quick`` (``--cap 2000``) keeps a deterministic sample of at most N rows per dataset part
(rows with the lowest ``sha256("cap|" + key)``) for a fast smoke run.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import platform
import re
import shlex
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from propwatch.detect.classifier import train  # noqa: E402
from propwatch.detect.detector import DEFAULT_MODEL_DIR, Detector  # noqa: E402
from propwatch.detect.evaluation import Counts  # noqa: E402
from propwatch.errors import ModelError  # noqa: E402

__all__ = [
    "LABELLED",
    "QUICK_CAP",
    "DatasetResult",
    "Item",
    "Part",
    "Split",
    "held_out",
    "load_parts",
    "main",
    "render",
    "run",
    "split_part",
    "strip_hashtags",
]

LABELLED = ROOT.parent / "shared" / "data" / "labelled"
QUICK_CAP = 2000
DEFAULT_OUT = ROOT / "docs" / "evaluation_public.md"
#: Probability from which the in-domain classifier says "positive" (as ``propwatch train``).
THRESHOLD = 0.5
SHIPPED = "shipped"
LEXICON = "lexicon only"
HASHTAG_RE = re.compile(r"#\w+")
HATE_TYPES = {
    "HS1": "race/ethnicity/nationality",
    "HS2": "religion/belief",
    "HS3": "ideology",
    "HS4": "disability/disease",
    "HS5": "social class",
    "HS6": "gender",
}

INTRO = (
    "This page answers the question \"how well does propwatch do on public labelled data?\" "
    "with two different measurements, because none of the five public sets is a propaganda "
    "set in propwatch's sense. **(a)** propwatch's own trainable classifier (what "
    "`propwatch train` runs) is trained on four fifths of each set for that set's own label "
    "and tested on the held-out fifth: this is what a user gets by training propwatch on such "
    "data. **(b)** The detector propwatch ships, unchanged, is run on the same held-out fifths: "
    "against TT's `radical` label (hashtag-derived and noisy, a proxy for propaganda), and on "
    "the offensive, toxic and hate-speech sets as a false-positive check: abusive speech is "
    "not extremist propaganda, so a good detector flags offensive items about as rarely as "
    "inoffensive ones. Nothing trained on these sets is shipped."
)


def held_out(key: str, fifth: int = 0) -> bool:
    """Deterministic 80/20 split by content hash: True for the held-out fifth (as in
    ``scripts/train_default_model.py``)."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % 5 == fifth


def strip_hashtags(text: str) -> str:
    """The text with every ``#\\w+`` removed (TT's labels were derived from its hashtags)."""
    return HASHTAG_RE.sub("", text)


# -- data ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    key: str  # the split key: the row id, or the text when the set has no id
    text: str
    lang: str
    gold: dict[str, bool]  # task -> label
    category: str = ""  # OSACT5 hate type (HS1..HS6) or NOT_HS


@dataclass(frozen=True, slots=True)
class Part:
    """One evaluation unit: a dataset, or one language of a two-language dataset."""

    dataset: str
    name: str  # language code of the part, or "all" for TT
    items: tuple[Item, ...]
    tasks: tuple[str, ...]
    negative: str  # what a row without the (first) task label is called
    licence: str
    files: tuple[str, ...]
    skipped: int = 0  # rows without text or label
    by_lang: bool = False  # report en / other / all (TT)


@dataclass(frozen=True, slots=True)
class Split:
    train: tuple[Item, ...]
    test: tuple[Item, ...]
    held: int  # rows in the held-out fifth before de-duplication
    dropped_seen: int  # held-out rows whose text occurs in the training part
    dropped_repeat: int  # held-out rows repeating an earlier held-out text


def _rows(path: Path, tsv: bool) -> list[dict[str, str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = (
            csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if tsv
            else csv.DictReader(handle)
        )
        return [dict(row) for row in reader]


def _cap(items: list[Item], cap: int | None) -> list[Item]:
    """At most ``cap`` items, chosen by a salted hash of the key (file order kept)."""
    if cap is None or len(items) <= cap:
        return items
    rank = sorted(
        range(len(items)),
        key=lambda i: hashlib.sha256(f"cap|{items[i].key}".encode()).hexdigest(),
    )
    keep = set(rank[:cap])
    return [item for i, item in enumerate(items) if i in keep]


def _const(value: str) -> Callable[[dict[str, str]], str]:
    return lambda row: value


def _collect(
    rows: Iterable[dict[str, str]],
    *,
    text: str,
    key: str | None,
    gold: Callable[[dict[str, str]], dict[str, bool] | None],
    lang: Callable[[dict[str, str]], str],
    category: Callable[[dict[str, str]], str] = lambda row: "",
) -> tuple[list[Item], int]:
    items: list[Item] = []
    skipped = 0
    for row in rows:
        body = row.get(text) or ""
        labels = gold(row)
        if not body.strip() or labels is None:
            skipped += 1
            continue
        split_key = (row.get(key) or "") if key else body
        items.append(Item(split_key or body, body, lang(row), labels, category(row)))
    return items, skipped


def load_parts(root: Path = LABELLED, cap: int | None = None) -> list[Part]:
    """Read the five public sets (in a fixed order), each as one or more :class:`Part`."""
    parts: list[Part] = []

    tt_file = root / "radicalization_TT_twitter" / "tt_tweets.csv"
    items, skipped = _collect(
        _rows(tt_file, tsv=False),
        text="text",
        key="tweet_id",
        gold=lambda r: (
            {"radical": r["label"] == "radical"}
            if r.get("label") in ("radical", "non_radical")
            else None
        ),
        lang=lambda r: r.get("lang") or "und",
    )
    parts.append(
        Part("radicalization_TT_twitter", "all", tuple(_cap(items, cap)), ("radical",),
             "non_radical", "MIT", (tt_file.name,), skipped, by_lang=True)
    )

    vk_file = root / "russian_distorted_toxicity_vk" / "russian_distorted_toxicity.tsv"
    items, skipped = _collect(
        _rows(vk_file, tsv=True),
        text="comments",
        key="comment_id",
        gold=lambda r: (
            {"toxicity": r["toxicity"] == "1"} if r.get("toxicity") in ("0", "1") else None
        ),
        lang=lambda r: "ru",
    )
    parts.append(
        Part("russian_distorted_toxicity_vk", "ru", tuple(_cap(items, cap)), ("toxicity",),
             "non-toxic", "MIT", (vk_file.name,), skipped)
    )

    pars_file = root / "pars_offensive_persian" / "ParsOffensive.csv"
    items, skipped = _collect(
        _rows(pars_file, tsv=False),
        text="comment",
        key=None,
        gold=lambda r: (
            {"Offensive": r["label"] == "Offensive"}
            if r.get("label") in ("Offensive", "Neutral")
            else None
        ),
        lang=lambda r: "fa",
    )
    parts.append(
        Part("pars_offensive_persian", "fa", tuple(_cap(items, cap)), ("Offensive",),
             "Neutral", "none stated (development only)", (pars_file.name,), skipped)
    )

    offenseval = root / "offenseval2020_turkish_arabic"
    for lang, names in (
        ("tr", ("turkish/offenseval-tr-training-v1.tsv",)),
        ("ar", ("arabic/offenseval-ar-training-v1.tsv", "arabic/offenseval-ar-dev-v1.tsv")),
    ):
        rows = [row for name in names if (offenseval / name).is_file()
                for row in _rows(offenseval / name, tsv=True)]
        items, skipped = _collect(
            rows,
            text="tweet",
            key="id",
            gold=lambda r: (
                {"OFF": r["subtask_a"] == "OFF"} if r.get("subtask_a") in ("OFF", "NOT") else None
            ),
            lang=_const(lang),
        )
        parts.append(
            Part("offenseval2020_turkish_arabic", lang, tuple(_cap(items, cap)), ("OFF",),
                 "NOT", "research use (OffensEval 2020 terms)",
                 tuple(n for n in names if (offenseval / n).is_file()), skipped)
        )

    osact_file = root / "osact5_arabic_hate" / "train_data2022.csv"
    items, skipped = _collect(
        _rows(osact_file, tsv=False),
        text="Tweet",
        key="Id",
        gold=lambda r: (
            {"OFF": r["Offensive"] == "OFF", "HS": r["Hate"] != "NOT_HS"}
            if r.get("Offensive") in ("OFF", "NOT_OFF") and r.get("Hate")
            else None
        ),
        lang=lambda r: "ar",
        category=lambda r: r.get("Hate") or "",
    )
    parts.append(
        Part("osact5_arabic_hate", "ar", tuple(_cap(items, cap)), ("OFF", "HS"),
             "NOT_OFF", "research use (OSACT 2022 shared-task terms)",
             (osact_file.name,), skipped)
    )
    return parts


def split_part(part: Part) -> Split:
    """The held-out split of a part: ``held_out(key)`` rows are the test part, minus texts
    seen in the training part and repeats inside the test part."""
    train_items = tuple(item for item in part.items if not held_out(item.key))
    held = [item for item in part.items if held_out(item.key)]
    seen = {item.text.strip() for item in train_items}
    test: list[Item] = []
    dropped_seen = dropped_repeat = 0
    in_test: set[str] = set()
    for item in held:
        body = item.text.strip()
        if body in seen:
            dropped_seen += 1
        elif body in in_test:
            dropped_repeat += 1
        else:
            in_test.add(body)
            test.append(item)
    return Split(train_items, tuple(test), len(held), dropped_seen, dropped_repeat)


# -- measuring -----------------------------------------------------------------------------


@dataclass(slots=True)
class DatasetResult:
    part: Part
    split: Split
    #: (variant, task, group) -> counts of the in-domain classifier
    in_domain: dict[tuple[str, str, str], Counts] = field(default_factory=dict)
    #: (variant, task, group) -> ROC AUC of its probabilities (None: one class only)
    auc: dict[tuple[str, str, str], float | None] = field(default_factory=dict)
    #: (detector, variant, group) -> counts of its propaganda judgement against the first task
    detector: dict[tuple[str, str, str], Counts] = field(default_factory=dict)
    #: (detector, class name) -> (n, flagged as propaganda)
    flag_rates: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    #: gold class -> what the shipped detector's flags on it rest on (strongest detection)
    flag_reasons: dict[str, Counter[str]] = field(default_factory=dict)
    #: OSACT5 hate type -> (train n, test n, flagged by the in-domain HS head, by the detector)
    hate_types: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    train_seconds: float = 0.0
    detector_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _groups(part: Part, items: Sequence[Item]) -> list[tuple[str, list[int]]]:
    if not part.by_lang:
        return [(part.name, list(range(len(items))))]
    en = [i for i, item in enumerate(items) if item.lang == "en"]
    other = [i for i, item in enumerate(items) if item.lang != "en"]
    return [("en", en), ("other (not en)", other), ("all", list(range(len(items))))]


def _counts(gold: Sequence[bool], pred: Sequence[bool], rows: Iterable[int]) -> Counts:
    counts = Counts()
    for i in rows:
        counts.add(gold[i], pred[i])
    return counts


def _auc(gold: Sequence[bool], scores: Sequence[float]) -> float | None:
    """ROC AUC: how well the scores rank positives above negatives, whatever the threshold."""
    if len(set(gold)) < 2:
        return None
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(list(gold), list(scores)))


def _in_domain(
    part: Part, split: Split, variant: str, transform: Callable[[str], str], result: DatasetResult
) -> dict[str, list[bool]]:
    """Train the classifier on the training part, score the test part into ``result``."""
    train_texts = [transform(item.text) for item in split.train]
    targets = {task: [item.gold[task] for item in split.train] for task in part.tasks}
    model = train(
        train_texts, targets, card={"name": f"throwaway in-domain model ({part.dataset})"}
    )
    probs = model.predict_proba([transform(item.text) for item in split.test])
    predictions: dict[str, list[bool]] = {}
    for j, task in enumerate(model.heads):
        scores = [float(p) for p in probs[:, j]]
        pred = [p >= THRESHOLD for p in scores]
        predictions[task] = pred
        gold = [item.gold[task] for item in split.test]
        for group, rows in _groups(part, split.test):
            result.in_domain[(variant, task, group)] = _counts(gold, pred, rows)
            result.auc[(variant, task, group)] = _auc(
                [gold[i] for i in rows], [scores[i] for i in rows]
            )
    return predictions


NO_DETECTION = "no detection (model score only)"
#: Narrative labels whose vocabulary doubles as sectarian abuse.
SECTARIAN = ("anti_shia", "takfir", "derogatory_code_word", "antisemitic")


def _flag(
    detector: Detector, texts: Sequence[str], batch: int = 512
) -> tuple[list[bool], list[str]]:
    """The detector's propaganda judgement per text, and the label of its strongest detection
    (``NO_DETECTION`` when the item score stands on no lexicon or model label evidence)."""
    flags: list[bool] = []
    reasons: list[str] = []
    for start in range(0, len(texts), batch):
        for r in detector.analyze(texts[start : start + batch]):
            flags.append(r.judgement.label)
            reasons.append(
                f"{r.detections[0].label} ({r.detections[0].component})"
                if r.detections
                else NO_DETECTION
            )
    return flags, reasons


def _is_category(items: Sequence[Item], category: str) -> Callable[[int], bool]:
    return lambda i: items[i].category == category


def evaluate_part(part: Part, detectors: Sequence[tuple[str, Detector]]) -> DatasetResult:
    """Both measurements on one part; ``detectors`` are (name, detector) pairs, the shipped
    one named :data:`SHIPPED`."""
    split = split_part(part)
    result = DatasetResult(part, split)
    if not split.train or not split.test:
        result.notes.append("too few rows for a split; nothing measured")
        return result
    t0 = time.perf_counter()
    predictions = _in_domain(part, split, "text as is", lambda t: t, result)
    if part.by_lang:  # TT: labels come from hashtags
        _in_domain(part, split, "hashtags removed", strip_hashtags, result)
        seen = {strip_hashtags(item.text).strip() for item in split.train}
        collide = sum(1 for item in split.test if strip_hashtags(item.text).strip() in seen)
        result.notes.append(
            f"With hashtags removed, {collide} of the {len(split.test)} test texts equal a "
            "training text (they differed only in hashtags); they are kept, so that both "
            "variants are scored on the same tweets."
        )
    result.train_seconds = time.perf_counter() - t0

    texts = [item.text for item in split.test]
    variants: list[tuple[str, Callable[[str], str]]] = [("text as is", lambda t: t)]
    if part.by_lang:
        variants.append(("hashtags removed", strip_hashtags))
    task = part.tasks[0]
    gold = [item.gold[task] for item in split.test]
    shipped_flags: list[bool] = []
    t0 = time.perf_counter()
    for name, detector in detectors:
        for variant, transform in variants:
            flags, reasons = _flag(detector, [transform(t) for t in texts])
            if name == SHIPPED and variant == "text as is":
                shipped_flags = flags
                for positive, label in ((True, task), (False, part.negative)):
                    result.flag_reasons[label] = Counter(
                        reasons[i] for i, g in enumerate(gold) if g is positive and flags[i]
                    )
            for group, rows in _groups(part, split.test):
                result.detector[(name, variant, group)] = _counts(gold, flags, rows)
        if part.by_lang:
            continue
        classes: list[tuple[str, Callable[[int], bool]]] = [
            (task, lambda i: gold[i]),
            (part.negative, lambda i: not gold[i]),
        ]
        if "HS" in part.tasks:
            classes += [(hs, _is_category(split.test, hs)) for hs in HATE_TYPES]
        for label, member in classes:
            rows = [i for i in range(len(texts)) if member(i)]
            result.flag_rates[(name, label)] = (len(rows), sum(flags[i] for i in rows))
    result.detector_seconds = time.perf_counter() - t0
    if "HS" in part.tasks:
        for hs in HATE_TYPES:
            rows = [i for i, item in enumerate(split.test) if item.category == hs]
            result.hate_types[hs] = (
                sum(1 for item in split.train if item.category == hs),
                len(rows),
                sum(predictions["HS"][i] for i in rows),
                sum(shipped_flags[i] for i in rows) if shipped_flags else 0,
            )
    return result


def run(
    root: Path = LABELLED,
    cap: int | None = None,
    detector: Detector | None = None,
    log: Callable[[str], None] = lambda message: None,
    parts: Sequence[Part] | None = None,
    lexicon: Detector | None = None,
) -> list[DatasetResult]:
    """Load (unless ``parts`` are given), split and measure every public set with the shipped
    ``detector`` and, when given, the ``lexicon``-only detector for comparison."""
    detectors = [(SHIPPED, detector or Detector())]
    if lexicon is not None:
        detectors.append((LEXICON, lexicon))
    results: list[DatasetResult] = []
    for part in parts if parts is not None else load_parts(root, cap):
        log(f"{part.dataset} [{part.name}]: {len(part.items)} rows")
        results.append(evaluate_part(part, detectors))
        last = results[-1]
        log(f"  train {last.train_seconds:.1f}s, detector {last.detector_seconds:.1f}s")
    return results


# -- rendering -----------------------------------------------------------------------------


def _f(value: float) -> str:
    return f"{value:.3f}"


def _pct(flagged: int, n: int) -> str:
    return f"{100 * flagged / n:.1f}%" if n else "–"


def wilson(flagged: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion (sensible for 0 of n, unlike ±2 s.e.)."""
    if n == 0:
        return 0.0, 1.0
    p = flagged / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _ci(flagged: int, n: int) -> str:
    low, high = wilson(flagged, n)
    return f"{100 * low:.1f}–{100 * high:.1f}%" if n else "–"


def _prf_row(prefix: Sequence[str], c: Counts) -> str:
    cells = [*prefix, str(c.n), str(c.tp + c.fn), _f(c.precision), _f(c.recall), _f(c.f1),
             _f(c.fpr)]
    return "| " + " | ".join(cells) + " |"


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cores} cores (nproc), {model}; Python {platform.python_version()}"


def model_description(model_dir: Path = DEFAULT_MODEL_DIR) -> str:
    card_path = model_dir / "card.json"
    if not card_path.is_file():
        return "no shipped model (the detector ran lexicon-only)"
    card: dict[str, Any] = json.loads(card_path.read_text(encoding="utf-8"))
    digest = hashlib.sha256((model_dir / "model.npz").read_bytes()).hexdigest()[:12]
    sources = "; ".join(
        f"{s.get('name')} ({s.get('items')} items)"
        for s in card.get("training_data", [])
        if isinstance(s, dict)
    )
    return (
        f"{card.get('name')}, version {card.get('version')}, created {card.get('created')}, "
        f"{card.get('n_train')} training items [{sources}], model.npz sha256 {digest}…"
    )


def _split_table(results: Sequence[DatasetResult]) -> list[str]:
    lines = [
        "| dataset | part | licence | labelled rows | skipped (unlabelled or empty) | train "
        "| held out | dropped: seen in train | dropped: repeated | test | test positives |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r.split
        positives = ", ".join(
            f"{task} {sum(item.gold[task] for item in s.test)}" for task in r.part.tasks
        )
        lines.append(
            f"| {r.part.dataset} | {r.part.name} | {r.part.licence} | {len(r.part.items)} "
            f"| {r.part.skipped} | {len(s.train)} | {s.held} | {s.dropped_seen} "
            f"| {s.dropped_repeat} | {len(s.test)} | {positives} |"
        )
    return lines


def _shipped_cell(r: DatasetResult, variant: str, group: str, task: str) -> str:
    if r.part.by_lang:
        d = r.detector.get((SHIPPED, variant, group))
        return f"P {_f(d.precision)} R {_f(d.recall)} F1 {_f(d.f1)}" if d else "–"
    if task == r.part.tasks[0]:
        n_pos, f_pos = r.flag_rates.get((SHIPPED, task), (0, 0))
        n_neg, f_neg = r.flag_rates.get((SHIPPED, r.part.negative), (0, 0))
        return f"flags {_pct(f_pos, n_pos)} of {task}, {_pct(f_neg, n_neg)} of {r.part.negative}"
    n2, f2 = r.flag_rates.get((SHIPPED, "HS2"), (0, 0))
    n3, f3 = r.flag_rates.get((SHIPPED, "HS3"), (0, 0))
    return f"flags {f2}/{n2} HS2 (religion), {f3}/{n3} HS3 (ideology)"


def _summary(results: Sequence[DatasetResult]) -> list[str]:
    lines = [
        "| dataset | language | task | (a) in-domain P | R | F1 | (b) shipped detector |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for (variant, task, group), c in r.in_domain.items():
            if group == "other (not en)":
                continue
            label = task if variant == "text as is" else f"{task}, hashtags removed"
            lines.append(
                f"| {r.part.dataset} | {group} | {label} | {_f(c.precision)} | {_f(c.recall)} "
                f"| **{_f(c.f1)}** | {_shipped_cell(r, variant, group, task)} |"
            )
    return lines


def _reasons(r: DatasetResult, top: int = 5) -> list[str]:
    """What the shipped detector's flags rest on, per gold class (text as is)."""
    lines = ["What the shipped detector's flags rest on (label and component of the strongest "
             "detection per flagged item):", ""]
    for label, counts in r.flag_reasons.items():
        shown = ", ".join(f"{reason} {n}" for reason, n in counts.most_common(top)) or "–"
        rest = sum(counts.values()) - sum(n for _, n in counts.most_common(top))
        lines.append(f"- `{label}` ({sum(counts.values())} flagged): {shown}"
                     + (f", other {rest}" if rest > 0 else ""))
    return lines


def _dataset_section(r: DatasetResult) -> list[str]:
    part, split = r.part, r.split
    title = part.dataset if part.name == "all" else f"{part.dataset} — {part.name}"
    lines = [f"### {title}", ""]
    lines.append(
        f"Files: {', '.join(f'`{f}`' for f in part.files)}; licence: {part.licence}. "
        f"Test part: {len(split.test)} distinct texts ({split.held} held out, "
        f"{split.dropped_seen} dropped as seen in training, {split.dropped_repeat} as repeats)."
    )
    lines.append("")
    for note in r.notes:
        lines += [f"*{note}*", ""]
    if not r.in_domain:
        return lines
    lines += [
        "**(a) In-domain classifier** (trained on this part's training rows; P, R, F1, FPR "
        "at probability 0.5; ROC AUC is threshold-free):",
        "",
        "| text | task | language | n | positives | P | R | F1 | FPR | ROC AUC |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, c in r.in_domain.items():
        auc = r.auc.get(key)
        lines.append(_prf_row(key, c) + f" {'–' if auc is None else _f(auc)} |")
    lines.append("")
    if part.by_lang:
        lines += [
            f"**(b) Detector**, `propaganda` judgement against `{part.tasks[0]}` "
            "(a proxy: see the caveats); `lexicon only` is `Detector(use_model=False)`, "
            "shown to tell the lexicon's share from the model's:",
            "",
            "| detector | text | language | n | positives | P | R | F1 | FPR |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for key, c in r.detector.items():
            lines.append(_prf_row(key, c))
        lines += ["", *_reasons(r), ""]
        return lines
    names = list(dict.fromkeys(name for name, _ in r.flag_rates))
    header = "| class | n |"
    rule = "|---|---|"
    for name in names:
        header += f" {name}: flagged | rate |"
        rule += "---|---|"
        if name == SHIPPED:
            header += " 95% interval |"
            rule += "---|"
    lines += [
        "**(b) Detector**: how many items of each class it calls propaganda (none of these "
        "items is labelled propaganda; 95% Wilson interval for the shipped detector; "
        "`lexicon only` is `Detector(use_model=False)`):",
        "",
        header,
        rule,
    ]
    classes = list(dict.fromkeys(label for _, label in r.flag_rates))
    for label in classes:
        shown = f"{label} ({HATE_TYPES[label]})" if label in HATE_TYPES else label
        row = f"| {shown} |"
        for k, name in enumerate(names):
            n, flagged = r.flag_rates.get((name, label), (0, 0))
            if k == 0:
                row += f" {n} |"
            row += f" {flagged} | {_pct(flagged, n)} |"
            if name == SHIPPED:
                row += f" {_ci(flagged, n)} |"
        lines.append(row)
    lines += ["", *_reasons(r), ""]
    if r.hate_types:
        lines += [
            "Hate-speech types (context for the `HS` task; HS2 religion and HS3 ideology are "
            "the types closest to extremist narratives):",
            "",
            "| type | train rows | test rows | in-domain HS head flags | shipped detector flags |",
            "|---|---|---|---|---|",
        ]
        for hs, (n_train, n_test, by_model, by_detector) in r.hate_types.items():
            lines.append(
                f"| {hs} {HATE_TYPES[hs]} | {n_train} | {n_test} | {by_model} | {by_detector} |"
            )
        lines.append("")
    return lines


def _disjoint_excess(r: DatasetResult) -> bool:
    """The shipped detector flags the offensive class more often than the inoffensive one,
    beyond chance (the 95% intervals do not overlap)."""
    n_pos, f_pos = r.flag_rates.get((SHIPPED, r.part.tasks[0]), (0, 0))
    n_neg, f_neg = r.flag_rates.get((SHIPPED, r.part.negative), (0, 0))
    return bool(n_pos and n_neg) and wilson(f_pos, n_pos)[0] > wilson(f_neg, n_neg)[1]


def _interpretation(results: Sequence[DatasetResult]) -> list[str]:
    lines: list[str] = []
    plain = [
        (c, r.auc.get((variant, task, group)), r.part, task)
        for r in results
        for (variant, task, group), c in r.in_domain.items()
        if variant == "text as is" and group in (r.part.name, "all") and not r.part.by_lang
    ]
    if plain:
        low = min(plain, key=lambda x: x[0].f1)
        high = max(plain, key=lambda x: x[0].f1)
        aucs = [a for _, a, _, _ in plain if a is not None]
        shy = sum(1 for c, _, _, _ in plain if c.recall < c.precision)
        lines.append(
            f"- **In-domain, on the offensive/toxic/hate tasks**, propwatch's classifier reaches "
            f"F1 {_f(low[0].f1)} ({low[2].dataset} {low[2].name}, {low[3]}) to "
            f"{_f(high[0].f1)} ({high[2].dataset} {high[2].name}, {high[3]})"
            + (f", ROC AUC {_f(min(aucs))}–{_f(max(aucs))}" if aucs else "")
            + ", from a few thousand labelled rows and no language-specific resources. "
            f"Recall is below precision on {shy} of these {len(plain)} tasks: the "
            "probabilities are calibrated, so at 0.5 a minority class is called only when "
            "likely; `propwatch train` users who need recall should pick a lower threshold on "
            "their own held-out data. This says the training path works on real, "
            "noisy text in Russian, Persian, Turkish and Arabic; it does not say propwatch "
            "detects offensive speech out of the box (it ships no such head)."
        )
    for r in results:
        if not r.part.by_lang:
            continue
        raw = r.in_domain.get(("text as is", "radical", "all"))
        bare = r.in_domain.get(("hashtags removed", "radical", "all"))
        if raw and bare:
            lines.append(
                f"- **TT in-domain F1 is {_f(raw.f1)} with hashtags and {_f(bare.f1)} "
                "without.** The labels come from the hashtags and the control class is mostly "
                "cricket (IPL) tweets, so the classifier separates topics (ISIS news vs. "
                "cricket) rather than radical vs. non-radical speech; without hashtags, words "
                "such as ISIS or Gambhir remain. Read it as a ceiling with little meaning for "
                "propaganda detection."
            )
        det = r.detector.get((SHIPPED, "text as is", "all"))
        lex = r.detector.get((LEXICON, "text as is", "all"))
        if det:
            text = (
                f"- **The shipped detector on TT** has precision {_f(det.precision)} and recall "
                f"{_f(det.recall)} against `radical`. Low recall is expected: most `radical` "
                "tweets are news, commentary or anti-ISIS posts that mention #ISIS (the "
                "dataset's own caution), which propwatch is designed *not* to call propaganda "
                f"(stance report/counter). But it also calls {det.fp} of "
                f"{det.fp + det.tn} non-radical tweets (mostly cricket) propaganda "
                f"(FPR {_f(det.fpr)})"
            )
            bare_flags = r.flag_reasons.get(r.part.negative, Counter()).get(NO_DETECTION, 0)
            text += f"; {bare_flags} of these {det.fp} flags rest on no detection at all"
            if lex is not None:
                text += (
                    f", and the lexicon-only detector flags {lex.fp} of the non-radical tweets "
                    f"(FPR {_f(lex.fpr)}) and finds {lex.tp} of the {lex.tp + lex.fn} radical "
                    "ones"
                )
                if det.fpr > 2 * lex.fpr + 0.02 and bare_flags * 2 > det.fp:
                    text += (
                        ". So these false positives come from the model's propaganda head, not "
                        "the lexicon: the default model, trained on a few hundred short written "
                        "messages, over-scores out-of-domain English tweets, without evidence "
                        "an analyst could check"
                    )
            lines.append(text + ".")
    rated = [r for r in results if not r.part.by_lang and r.flag_rates]
    if rated:
        def rates(r: DatasetResult, label: str) -> str:
            n, flagged = r.flag_rates.get((SHIPPED, label), (0, 0))
            return f"{_pct(flagged, n)} ({flagged}/{n})"

        pairs = "; ".join(
            f"{r.part.dataset} {r.part.name}: {rates(r, r.part.tasks[0])} vs. "
            f"{rates(r, r.part.negative)}"
            for r in rated
        )
        worst = max(
            (r.flag_rates[(SHIPPED, r.part.tasks[0])][1] / max(1, r.flag_rates[
                (SHIPPED, r.part.tasks[0])][0]), r.part.dataset, r.part.name)
            for r in rated
        )
        excess = [f"{r.part.dataset} {r.part.name}" for r in rated if _disjoint_excess(r)]
        text = (
            "- **Abusive is not extremist.** The shipped detector calls propaganda on "
            f"offensive/toxic vs. inoffensive items at: {pairs}. The highest rate on abusive "
            f"items is {100 * worst[0]:.1f}% ({worst[1]} {worst[2]})"
        )
        if excess:
            text += (
                f"; offensive items are flagged more often than inoffensive ones beyond chance "
                f"(non-overlapping 95% intervals) on {', '.join(excess)}"
            )
            sectarian = False
            for r in rated:
                if _disjoint_excess(r):
                    top = r.flag_reasons.get(r.part.tasks[0], Counter()).most_common(3)
                    sectarian |= any(
                        reason.startswith(SECTARIAN) for reason, _ in top
                    )
                    text += (
                        f" (there the flags on `{r.part.tasks[0]}` items rest mostly on "
                        + ", ".join(f"{reason} {n}" for reason, n in top)
                        + ")"
                    )
            if sectarian:
                text += (
                    ": the flagged abusive items use the lexicon's own sectarian or takfiri "
                    "vocabulary (labels such as anti_shia, takfir, derogatory_code_word) as "
                    "insults. Whether such items count as propaganda is an analyst's call; the "
                    "detector shows the matched words as evidence"
                )
        else:
            text += "; nowhere is the offensive rate above the inoffensive one beyond chance"
        lines.append(text + ".")
    for r in results:
        if r.hate_types:
            n2, f2 = r.flag_rates.get((SHIPPED, "HS2"), (0, 0))
            n3, f3 = r.flag_rates.get((SHIPPED, "HS3"), (0, 0))
            lines.append(
                f"- **OSACT5 religious (HS2) and ideological (HS3) hate**: the shipped detector "
                f"flags {f2} of {n2} and {f3} of {n3} held-out items. These are the hate types "
                "nearest to sectarian propaganda, but the set is general Arabic Twitter hate, "
                "not jihadist material, and the counts are too small for a rate."
            )
    return lines


CAVEATS = [
    "- **These are proxy comparisons.** No public set labels extremist propaganda as "
    "propwatch defines it (endorsing an extremist group's narratives, recruitment, "
    "fundraising, attack claims). TT's `radical` is assigned by hashtag (#ISIS, #IslamicState "
    "...), so it includes news and anti-ISIS tweets; OffensEval, OSACT5, ParsOffensive and the "
    "VK set label offensive, toxic or hateful language, which is neither necessary nor "
    "sufficient for propaganda. The detector's scores on propwatch's own written test sets are "
    "in its model card (`propwatch eval detection`).",
    "- **radicalization_TT_twitter**: labels come from hashtags that are still in the text, so "
    "an in-domain classifier can learn the hashtags themselves; (a) is therefore also run "
    "with `#\\w+` removed from both training and test text. Two-thirds of the labelled tweets "
    "are retweets of another labelled tweet; the de-duplication described above removes them "
    "from the test part. `lang` is Twitter's language tag; non-English rows are mostly "
    "hashtag-only or mixed tweets.",
    "- **Licences**: TT and the VK set are MIT. OffensEval 2020 and OSACT 2022 are for research "
    "use; ParsOffensive states no licence (development use only). The in-domain models here "
    "are throwaway: trained in memory, scored and discarded; nothing trained on these sets is "
    "saved into the package.",
    "- **Snapshot sizes differ from the published sets**: only the files present under "
    "`../shared/data/labelled/` are read (e.g. OSACT5 train only, no dev; OffensEval train "
    "(+ Arabic dev) only, as the official test gold files are not in the snapshot), so the "
    "held-out fifths here are not the shared tasks' official test sets and the numbers are "
    "not comparable with published leaderboards.",
]


def render(
    results: Sequence[DatasetResult],
    *,
    command: str,
    seconds: float,
    cap: int | None,
    detector: Detector,
) -> str:
    """The markdown report."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Evaluation on public labelled data",
        "",
        "*Generated by `scripts/eval_public.py`; do not edit by hand: re-run the script.*",
        "",
        INTRO,
        "",
        "## Run",
        "",
        f"- date: {now}",
        f"- machine: {machine()}",
        f"- shipped model: {model_description()}",
        f"- detector: `Detector()` (lexicon {detector.lexicon_version}, "
        f"{'with' if detector.model is not None else 'without'} the model), `propaganda` "
        "judgement (item score ≥ 0.5); for comparison also `Detector(use_model=False)` "
        "(lexicon, stance cues and signals only)",
        "- in-domain classifier: `propwatch.detect.classifier.train` defaults (character "
        "2–5-grams, logistic regression C=4, balanced class weights, Platt-calibrated), "
        "threshold 0.5",
        f"- command: `{command}`" + (f" (at most {cap} rows per part)" if cap else ""),
        f"- wall time: {seconds:.0f} s",
        "",
        "## Split",
        "",
        "A row goes to the held-out (test) fifth when `int(sha256(key), 16) % 5 == 0`, with "
        "`key` the row's id (`tweet_id`, `comment_id`, `id`, `Id`) or, for ParsOffensive (no "
        "id), the comment text; the other four fifths train the in-domain classifier. This is "
        "the rule `scripts/train_default_model.py --public` uses, so a shipped model trained "
        "with public data never saw a held-out TT or VK row. Held-out rows whose exact text "
        "(stripped) also occurs in the training part are dropped, and so are repeated texts "
        "within the held-out part: every test text is distinct and unseen.",
        "",
        *_split_table(results),
        "",
        "## Summary",
        "",
        *_summary(results),
        "",
        "## Interpretation",
        "",
        *_interpretation(results),
        "",
        "## Caveats",
        "",
        *CAVEATS,
        "",
        "## Per dataset",
        "",
    ]
    for r in results:
        lines += _dataset_section(r)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown file to write.")
    parser.add_argument("--quick", action="store_true", help=f"At most {QUICK_CAP} rows per part.")
    parser.add_argument("--cap", type=int, default=None, help="At most N rows per part.")
    parser.add_argument("--data", type=Path, default=LABELLED, help="The labelled-data folder.")
    args = parser.parse_args(argv)
    cap = args.cap if args.cap is not None else (QUICK_CAP if args.quick else None)
    if not args.data.is_dir():
        print(f"no labelled data at {args.data}", file=sys.stderr)
        return 2
    given = list(sys.argv[1:] if argv is None else argv)
    command = shlex.join(["python", "scripts/eval_public.py", *given])
    t0 = time.perf_counter()
    try:
        detector = Detector()
    except (ModelError, ValueError) as exc:  # a shipped model out of step with the code
        print(f"cannot load the shipped detector: {exc}", file=sys.stderr)
        return 1
    results = run(
        args.data,
        cap,
        detector,
        log=lambda m: print(m, file=sys.stderr),
        lexicon=Detector(use_model=False),
    )
    text = render(
        results, command=command, seconds=time.perf_counter() - t0, cap=cap, detector=detector
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
