"""The detector: lexicon, stance cues, signals and the trained model, per item, with evidence.

``Detector.analyze(texts)`` returns one :class:`~propwatch.detect.model.ItemResult` per text,
in order. Every detection says which component produced it (``lexicon`` with the pack's
version, ``model`` with the model's version) and carries its evidence as offsets into the
original text. The item-level verdict (propaganda score and stance) comes from
:mod:`propwatch.detect.combine`.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from propwatch.detect.classifier import TextClassifier
from propwatch.detect.combine import CLASSES, FEATURES, Combiner, heuristic
from propwatch.detect.matcher import Match, Matcher
from propwatch.detect.model import Detection, Evidence, ItemResult, Judgement, Signal
from propwatch.detect.signals import SIGNAL_TYPES, extract_signals
from propwatch.detect.textview import TextViews
from propwatch.knowledge.loader import default_pack, load_pack
from propwatch.knowledge.model import KnowledgePack, StanceCue, Term
from propwatch.model import Annotation
from propwatch.normalize import identify

__all__ = [
    "DEFAULT_MODEL_DIR",
    "KNOWLEDGE_ENV",
    "MODEL_ENV",
    "Detector",
    "default_detector",
    "default_model",
    "to_annotations",
]

DEFAULT_MODEL_DIR = Path(str(resources.files("propwatch") / "data" / "models" / "default"))
#: Item-level threshold without a trained combiner (a trained one carries its own):
#: propaganda score at or above it → ``propaganda.label`` is true.
THRESHOLD = 0.5
#: Detection reads at most this many characters of an item (a 30-page magazine is ~100k):
#: a 10 MB message repeating one term would otherwise yield a million evidence spans.
#: ``ItemResult.analyzed_chars`` says how much was read.
MAX_DETECT_CHARS = 200_000
#: Evidence spans kept per detection (``Detection.evidence_total`` counts them all).
MAX_EVIDENCE = 50
#: Model label heads report a detection from this probability up.
MODEL_LABEL_THRESHOLD = 0.5
#: Signals that say "pay here" or "join here": wallets and Telegram targets.
_CONTACT_SIGNALS = frozenset(
    t for t in SIGNAL_TYPES if t.endswith("_address") or t.startswith("telegram_")
)
_STANCE_HEADS = {
    "report": "stance_report",
    "counter": "stance_counter",
    "neutral": "stance_neutral",
}


def default_model() -> TextClassifier | None:
    """The model shipped with propwatch, or ``None`` if this installation has none."""
    return _default_model()


@lru_cache(maxsize=1)
def _default_model() -> TextClassifier | None:
    if not (DEFAULT_MODEL_DIR / "model.npz").is_file():
        return None
    return TextClassifier.load(DEFAULT_MODEL_DIR)


def _noisy_or(weights: Iterable[float]) -> float:
    miss = 1.0
    for weight in weights:
        miss *= 1.0 - max(0.0, min(1.0, weight))
    return 1.0 - miss


#: Opening → closing quotation marks. Straight quotes open only after a space or the start
#: and close only before a space, punctuation or the end, so Uzbek o'zbek is not a quote.
_QUOTES = {"«": "»", "“": "”", "„": "“", "‹": "›", "「": "」", "『": "』", "»": "«"}
_STRAIGHT = re.compile(
    r"""(?:(?<=\s)|(?<=^)|(?<=[(\[:—–-]))(["'])(.+?)\1(?=[\s.,;:!?)\]…—–-]|$)""", re.S
)


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` inside quotation marks (a slogan quoted is mentioned, not used).

    Typographic pairs (« », “ ”, „ “, ‹ ›, 「 」) nest no deeper than one level here; straight
    quotes need a space (or start) before the opening and a space, punctuation or end after
    the closing mark. Unclosed quotes are ignored.
    """
    regions: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        close = _QUOTES.get(text[i])
        if close is not None:
            j = text.find(close, i + 1)
            if j > i and j - i <= 2000:
                regions.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    regions.extend((m.start(2), m.end(2)) for m in _STRAIGHT.finditer(text))
    return regions


def _inside(start: int, end: int, regions: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in regions)


def _independent_weights(matches: Sequence[Match[Term]]) -> list[float]:
    """Weights of matches that are independent evidence: strongest first, a match counts only
    if its term has not counted yet and its span does not overlap one that has. The same
    spelling listed in several language files, or a phrase and the word inside it, therefore
    count once, at their strongest weight; a term repeated ten times counts once too."""
    taken: list[tuple[int, int]] = []
    terms: set[str] = set()
    weights: list[float] = []
    for match in sorted(matches, key=lambda m: -m.pattern.weight):
        if match.pattern.id in terms or any(
            match.start < end and start < match.end for start, end in taken
        ):
            continue
        terms.add(match.pattern.id)
        taken.append((match.start, match.end))
        weights.append(match.pattern.weight)
    return weights


def pack_version(pack: KnowledgePack) -> str:
    """A short content hash of the pack, so a stored detection names the exact lexicon."""
    digest = hashlib.sha256()
    for term in pack.terms:
        digest.update(f"{term.id}|{term.weight}|{'|'.join(term.forms)}|{term.labels}\n".encode())
    for cue in pack.cues:
        digest.update(f"{cue.id}|{cue.weight}|{'|'.join(cue.forms)}\n".encode())
    return digest.hexdigest()[:10]


class Detector:
    """Runs every detection component on batches of texts."""

    def __init__(
        self,
        pack: KnowledgePack | None = None,
        model: TextClassifier | None = None,
        *,
        use_model: bool = True,
        combiner: Combiner | None = None,
        model_dir: Path | None = None,
    ) -> None:
        self.pack = pack or default_pack()
        self.lexicon_version = pack_version(self.pack)
        # One automaton for terms and cues: the text views are built and searched once.
        self._matcher: Matcher[Term | StanceCue] = Matcher([*self.pack.terms, *self.pack.cues])
        self._propaganda_labels = frozenset(
            label.id for label in self.pack.labels.values() if label.propaganda
        )
        self.model: TextClassifier | None = None
        self.combiner = combiner
        if use_model:
            if model is not None:
                self.model = model
            elif model_dir is not None:
                self.model = TextClassifier.load(model_dir)
            else:
                self.model = default_model()
                model_dir = DEFAULT_MODEL_DIR
            if combiner is None and model_dir is not None and self.model is not None:
                self.combiner = Combiner.load(model_dir / "combiner.json")

    @classmethod
    def from_options(
        cls,
        knowledge: Sequence[str | Path] = (),
        model: str | Path | None = None,
        use_model: bool = True,
    ) -> Detector:
        pack = load_pack(knowledge) if knowledge else None
        return cls(pack, use_model=use_model, model_dir=Path(model) if model else None)

    # -- components ----------------------------------------------------------------------

    def _find(
        self, text: str, views: TextViews | None = None
    ) -> tuple[list[Match[Term]], list[Match[StanceCue]]]:
        terms: list[Match[Term]] = []
        cues: list[Match[StanceCue]] = []
        for match in self._matcher.find(text, views):
            if isinstance(match.pattern, Term):
                terms.append(match)  # type: ignore[arg-type]
            else:
                cues.append(match)  # type: ignore[arg-type]
        return terms, cues

    def _lexicon(
        self, text: str, found: list[Match[Term]] | None = None
    ) -> tuple[list[Detection], dict[str, float], list[Match[Term]]]:
        matches = self._find(text)[0] if found is None else found
        by_label: dict[str, list[Match[Term]]] = defaultdict(list)
        for match in matches:
            for label in match.pattern.labels:
                by_label[label].append(match)
        detections: list[Detection] = []
        for label, found in by_label.items():
            evidence = sorted(
                {
                    (m.start, m.end): Evidence(m.start, m.end, m.text, m.pattern.id, m.view)
                    for m in reversed(found)
                }.values(),
                key=lambda e: (e.start, e.end),
            )
            score = _noisy_or(_independent_weights(found))
            detections.append(
                Detection(label, score, "lexicon", self.lexicon_version, evidence[:MAX_EVIDENCE],
                          evidence_total=len(evidence))
            )
        terms_list = list({m.pattern.id: m.pattern for m in matches}.values())
        propaganda_matches = [m for m in matches if set(m.pattern.labels) & self._propaganda_labels]
        # Quotation marks matter only around propaganda terms (a few % of messages): the
        # character walk of ``quoted_regions`` is skipped for all the others.
        regions = quoted_regions(text) if propaganda_matches else []
        unquoted = [m for m in propaganda_matches if not _inside(m.start, m.end, regions)]
        features = {
            "lex_propaganda": _noisy_or(_independent_weights(propaganda_matches)),
            "lex_unquoted": _noisy_or(_independent_weights(unquoted)),
            "lex_max": max((t.weight for t in terms_list), default=0.0),
            "lex_labels": min(1.0, len(by_label) / 4),
            "lex_code_word": float(
                any("derogatory_code_word" in t.labels and t.weight >= 0.5 for t in terms_list)
            ),
        }
        return detections, features, matches

    def _stance_cues(
        self, text: str, found: list[Match[StanceCue]] | None = None
    ) -> tuple[dict[str, float], dict[str, list[Evidence]]]:
        weights: dict[str, dict[str, float]] = {"report": {}, "counter": {}, "endorse": {}}
        evidence: dict[str, list[Evidence]] = {"report": [], "counter": [], "endorse": []}
        for match in self._find(text)[1] if found is None else found:
            cue = match.pattern
            if cue.stance in weights:
                weights[cue.stance][cue.id] = cue.weight
                evidence[cue.stance].append(
                    Evidence(match.start, match.end, match.text, cue.id, match.view)
                )
        scores = {f"cue_{k}": _noisy_or(v.values()) for k, v in weights.items()}
        return scores, evidence

    # -- public --------------------------------------------------------------------------

    def feature_rows(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """The combiner's input features for each text (used to train the combiner)."""
        return [row for row, *_ in self._components(texts)]

    def _components(
        self, texts: Sequence[str], forms: Sequence[tuple[str, str] | None] | None = None
    ) -> list[
        tuple[
            dict[str, float],
            list[Detection],
            dict[str, list[Evidence]],
            list[Signal],
            dict[str, float],
        ]
    ]:
        heads: list[dict[str, float]] = [{} for _ in texts]
        if self.model is not None and texts:
            names = self.model.heads
            normalized = None if forms is None else [f[0] if f else None for f in forms]
            probs = self.model.predict_proba(list(texts), normalized).tolist()
            heads = [dict(zip(names, row, strict=True)) for row in probs]
        out = []
        for i, (full, head) in enumerate(zip(texts, heads, strict=True)):
            text = full[:MAX_DETECT_CHARS]
            form = forms[i] if forms is not None and len(full) <= MAX_DETECT_CHARS else None
            views = TextViews(text, *form) if form else None
            term_matches, cue_matches = self._find(text, views)
            detections, features, _ = self._lexicon(text, term_matches)
            cues, cue_evidence = self._stance_cues(text, cue_matches)
            signals = extract_signals(text)
            row = {**features, **cues}
            row["model_propaganda"] = head.get("propaganda", 0.5)
            for stance, name in _STANCE_HEADS.items():
                row[f"model_{stance}"] = head.get(name, 0.5)
            row["signal_contact"] = float(any(s.type in _CONTACT_SIGNALS for s in signals))
            out.append((row, detections, cue_evidence, signals, head))
        return out

    def analyze(
        self,
        texts: Sequence[str],
        ids: Sequence[Any] | None = None,
        languages: Sequence[tuple[str, str, float]] | None = None,
        forms: Sequence[tuple[str, str] | None] | None = None,
    ) -> list[ItemResult]:
        """Analyze a batch of texts; results in input order.

        ``languages`` (language, script, confidence) per text skips language identification
        when the caller already ran it (ingest does). ``forms``: per text, exactly
        ``(normalize(text), match_key(text))`` when the caller already has them (ingest's
        ``normalize`` stage), so they are not computed again; the results are the same.
        """
        if forms is not None and len(forms) != len(texts):
            raise ValueError(f"{len(forms)} forms for {len(texts)} texts")
        results: list[ItemResult] = []
        components = self._components(texts, forms)
        rows = [c[0] for c in components]
        combined = (
            self.combiner.probabilities_many([[row[name] for name in FEATURES] for row in rows])
            if self.combiner is not None
            else [heuristic({**row, "has_model": float(self.model is not None)}) for row in rows]
        )
        for i, (text, (_, detections, cue_evidence, signals, head), probs) in enumerate(
            zip(texts, components, combined, strict=True)
        ):
            score = probs["endorse"]
            stance = max(CLASSES, key=lambda c: probs[c])
            threshold = self.combiner.threshold if self.combiner is not None else THRESHOLD
            if stance == "endorse" and score < threshold:
                stance = max(CLASSES[1:], key=lambda c: probs[c])
            if score >= threshold:
                stance = "endorse"
            stance_evidence = tuple(cue_evidence.get(stance, ()))
            if not stance_evidence and stance in ("report", "counter"):
                # The model chose between report and counter; show the cues that did fire.
                stance_evidence = tuple(
                    sorted(cue_evidence["report"] + cue_evidence["counter"],
                           key=lambda e: e.start)
                )
            detections = list(detections)
            if self.model is not None:
                detections.extend(self._model_detections(text, head))
            detections.sort(key=lambda d: (-d.score, d.label))
            if languages is not None:
                lang, script, confidence = languages[i]
            else:
                guess = identify(text)
                lang, script, confidence = guess.lang, guess.script, guess.confidence
            results.append(
                ItemResult(
                    id=ids[i] if ids is not None else i,
                    language=lang,
                    script=script,
                    judgement=Judgement(score, score >= threshold, stance, stance_evidence),
                    detections=detections,
                    signals=signals,
                    language_confidence=confidence,
                    analyzed_chars=min(len(text), MAX_DETECT_CHARS),
                    text_chars=len(text),
                )
            )
        return results

    def _model_detections(self, text: str, head: dict[str, float]) -> list[Detection]:
        assert self.model is not None
        found: list[Detection] = []
        fired = [(name, prob) for name, prob in head.items()
                 if prob >= MODEL_LABEL_THRESHOLD and name in self.pack.labels]  # fmt: skip
        if not fired:  # most items: no label head fires
            return found
        folded = text.casefold()
        aligned = len(folded) == len(text)  # else offsets found in ``folded`` would be wrong
        for name, prob in fired:
            spans: list[tuple[int, int, str]] = []
            for gram, _ in self.model.top_ngrams(text, name, k=8):
                start = folded.find(gram) if aligned else -1
                if start < 0:
                    continue
                end = start + len(gram)
                # Overlapping n-grams (``раф``, ``афи``, ``рафи``) are one piece of evidence.
                if any(start < e and s < end for s, e, _ in spans):
                    continue
                spans.append((start, end, gram))
                if len(spans) == 3:
                    break
            evidence = [
                Evidence(s, e, text[s:e], f"model:{gram}", "model")
                for s, e, gram in sorted(spans)
            ]
            found.append(Detection(name, prob, "model", self.model.version, evidence))
        return found


def to_annotations(result: ItemResult, component: str = "detector") -> list[Annotation]:
    """Stored form of a result: one ``judgement`` (label ``propaganda``), one ``stance`` (label
    the stance), one ``detection`` per label and component, one ``signal`` per signal.
    Offsets are those of the first evidence; all evidence is in ``data``."""
    verdict = result.judgement
    out = [
        Annotation(
            component,
            "1",
            "judgement",
            "propaganda",
            verdict.score,
            data={
                "label": verdict.label,
                "stance": verdict.stance,
                "stance_evidence": [e.to_json() for e in verdict.stance_evidence],
            },
        )
    ]
    out.append(Annotation(component, "1", "stance", verdict.stance, 1.0))
    for det in result.detections:
        first = det.evidence[0] if det.evidence else None
        out.append(
            Annotation(
                det.component,
                det.version,
                "detection",
                det.label,
                det.score,
                first.start if first else None,
                first.end if first else None,
                {"evidence": [e.to_json() for e in det.evidence]},
            )
        )
    for sig in result.signals:
        out.append(
            Annotation(
                "signals",
                "1",
                "signal",
                sig.type,
                1.0,
                sig.start,
                sig.end,
                {"value": sig.value, **dict(sig.attributes)},
            )
        )
    return out


#: Environment variables the ``detect`` stage reads (so worker processes see them too):
#: extra knowledge pack directories (``os.pathsep``-separated) and a model directory.
KNOWLEDGE_ENV = "PROPWATCH_KNOWLEDGE"
MODEL_ENV = "PROPWATCH_MODEL"


def default_detector() -> Detector:
    """The process-wide detector: the built-in pack and model, plus what
    ``$PROPWATCH_KNOWLEDGE`` and ``$PROPWATCH_MODEL`` name (``propwatch ingest --knowledge``
    sets them). Built on first use, once per configuration."""
    knowledge = tuple(p for p in os.environ.get(KNOWLEDGE_ENV, "").split(os.pathsep) if p)
    return _detector_for(knowledge, os.environ.get(MODEL_ENV) or None)


@lru_cache(maxsize=4)
def _detector_for(knowledge: tuple[str, ...], model: str | None) -> Detector:
    return Detector.from_options(knowledge, model)
