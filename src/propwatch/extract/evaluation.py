"""Score extraction against a hand-made answer key (``propwatch eval extraction``).

The key is a JSON object ``{doc_id: {file, language, events: [...], organizations: [...],
media_outlets: [...], telegram_channels: [...], publications: [...], persons: [...],
places: [...]}}`` as in ``../shared/data/articles/dev/GOLD_FACTS.json``: free-text values
written by an analyst ("at least 15 (IRNA; tweet says at least 13)", "العالم (Al-Alam)").
Matching is therefore lenient in *form* and strict in *substance*:

- a gold name matches a found entity when both resolve to the same gazetteer entry (through
  any alias, in any script), or, for names the gazetteer does not know, when their
  cross-script keys are equal or one contains the other word for word; the parts of a gold
  value inside and outside parentheses are tried separately; gold values marked "generic"
  are not named things and are not scored;
- a gold event is found when a found event has a matching place (the gold city, or for
  events without a city the country; a found place also stands for the places it lies in)
  and, when the gold date gives a year, month or day, the same date to that precision;
- a gold figure (killed, injured) is found when the matched event has a figure whose value
  is one of the numbers in the gold value; a gold claim when the matched event's
  ``claimed_by`` names the same group.

Article files: line 1 is the URL; header lines up to the first blank line are notes and are
skipped, except a ``DATE:`` line, used as the document date (a real item's date is known),
or, without one, a date in the URL (``/2022/10/27/``), as article date extraction reads it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from propwatch.errors import InputNotFound, UsageError
from propwatch.extract.dates import find_dates
from propwatch.extract.geo_index import default_geo_index
from propwatch.extract.model import Entity, Event, Extraction
from propwatch.extract.patterns import PLACE_NOUN_BEFORE
from propwatch.knowledge.gazetteer_model import Gazetteer
from propwatch.normalize import match_key, normalize

__all__ = [
    "ENTITY_FIELDS",
    "Article",
    "ExtractionReport",
    "GoldDoc",
    "SupportsExtract",
    "evaluate_extraction",
    "format_extraction_report",
    "read_article",
    "read_gold",
]

#: Gold list field -> entity type.
ENTITY_FIELDS: dict[str, str] = {
    "organizations": "organization",
    "media_outlets": "media_outlet",
    "telegram_channels": "channel",
    "publications": "publication",
    "persons": "person",
    "places": "place",
}
#: The types the issue's targets cover (persons and places are reported too).
TARGET_TYPES = ("organization", "media_outlet", "channel", "publication")

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
         "july jul", "august aug", "september sep sept", "october oct", "november nov",
         "december dec")
    )
    for m in names.split()
}  # fmt: skip
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?\b")
_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s*\(?((?:19|20)\d{2})\)?")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_INT = re.compile(
    r"(?<![+\d])(\d{1,6})(?!\d)(?!\s*(?:Mar|Jan|Feb|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b)"
)
_SPLIT = re.compile(r"\s*(?:[,;/،؛]|\bper\b|\bvia\b|\bincl\.?)\s*")


class SupportsExtract(Protocol):
    """What the scorer needs: an :class:`~propwatch.extract.extractor.Extractor`."""

    gazetteer: Gazetteer

    def extract(
        self,
        text: str,
        language: str | None = None,
        *,
        doc_date: date | None = None,
        doc_precision: str = "day",
    ) -> Extraction: ...


@dataclass(slots=True)
class GoldDoc:
    id: str
    file: str
    language: str
    data: dict[str, Any]


def read_gold(path: str | Path) -> list[GoldDoc]:
    """The answer key, one :class:`GoldDoc` per document, in file order."""
    file = Path(path)
    if not file.is_file():
        raise InputNotFound("no such file", source=str(file), hint="Give GOLD_FACTS.json.")
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"{file}: not a JSON answer key ({exc})") from None
    if not isinstance(raw, dict):
        raise UsageError(f"{file}: the answer key must be a JSON object of documents")
    docs = []
    for doc_id, data in raw.items():
        if not isinstance(data, dict):
            raise UsageError(f"{file}: document {doc_id!r} is not an object")
        lang = str(data.get("language", "und")).split("+")[0]
        docs.append(GoldDoc(doc_id, str(data.get("file", f"{doc_id}.txt")), lang, data))
    return docs


_URL_DATE = re.compile(
    r"(?:/|[_-](?=\d{4}[/_-]))((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])"
    r"(?:[/_.-]|\d{6,}|$)"
)


_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")


def _url_date(url: str) -> tuple[date | None, str]:
    """The publication date many news URLs carry (``/2022/10/27/``, ``/20240328/``,
    ``/attack-2024-03-23``), as
    article date extractors (htmldate, used by ingest) read it, with its precision: ``day``,
    or ``month`` for a URL with only ``/2022/08/``."""
    m = _URL_DATE.search(url)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])), "day"
        except ValueError:
            return None, "day"
    m = _URL_MONTH.search(url)
    if m:
        return date(int(m[1]), int(m[2]), 1), "month"
    return None, "day"


class Article(NamedTuple):
    text: str
    date: date | None
    #: ``day``, or ``month`` when only the month is known (see ``find_dates``).
    precision: str = "day"


def read_article(path: Path) -> Article:
    """Article text without its header notes, and the document date: the header's ``DATE:``
    line, else a date in the URL on line 1."""
    lines = path.read_text(encoding="utf-8").splitlines()
    doc_date, precision = _url_date(lines[0]) if lines else (None, "day")
    body_start = len(lines)
    for index, line in enumerate(lines):
        if not line.strip():
            body_start = index + 1
            break
        if line.startswith("DATE:"):
            found = [d for d in find_dates(line[5:], "en") if len(d.value) == 10]
            iso = _ISO.search(line)
            if iso and iso.group(3):
                doc_date, precision = date(int(iso[1]), int(iso[2]), int(iso[3])), "day"
            elif found:
                doc_date, precision = date.fromisoformat(found[0].value), "day"
    return Article("\n".join(lines[body_start:]), doc_date, precision)


# -- gold values -------------------------------------------------------------------------


_ALSO = re.compile(
    r"\s+(?:via|/|&|known as|also known as|aka|a\.k\.a\.|معروف به|المعروف ب|известн\w+ как)\s+"
)


def _variants(value: str) -> list[str]:
    """``"العالم (Al-Alam)"`` -> the whole, the part outside and inside the parentheses;
    ``"EFE via EPA"`` also -> each of the two."""
    out = [value.strip()]
    elided = re.sub(r"^[LlDd]['’]\s?", "", out[0])  # "l'État islamique"
    if elided != out[0] and elided:
        out.append(elided)
    # "al-Shabab (spokesman X" after a split at a comma inside the parentheses
    value = re.sub(r"\([^)]*$", " ", value) if value.count("(") > value.count(")") else value
    outside = re.sub(r"\([^)]*\)", " ", value).strip(" ,;")
    inside = re.findall(r"\(([^)]*)\)", value)
    # "EFE via EPA"; "گروه دولت اسلامی معروف به داعش" (the IS group, known as Daesh)
    pieces = [p for p in _ALSO.split(outside) if p] if outside else []
    for part in [outside, *inside, *(pieces if len(pieces) > 1 else [])]:
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return [v for v in out if v]


def _key(text: str) -> str:
    # the ezafe "ۀ" is "ه" for a name ("شاخۀ خراسان"); normalization keeps it for Pashto
    return match_key(normalize(text.replace("ۀ", "ه")), normalized=True)


#: A generic head word around a group's name in a key ("groupe État islamique").
#: Keys are Latin for Cyrillic text ("группировка" is "gruppirovka"); a descriptor may stand
#: between ("گروه تروریستی داعش", "“Ислам мамлекети” экстремисттик уюму", "L'organisation de
#: l'État islamique").
_DESCRIPTOR = (
    r"(?:terrorist|terroriste|terrorista|terroristische|jihadist|djihadiste|yihadista|"
    r"extremist|extremiste|تروریستی|تکفیری|الارهابی|ekstremisttik|terrorchul|terroristicheskaya|"
    r"ekstremistskaya|terroristik|ekstremistik|teror)"
)
_GROUP_WORD = re.compile(
    r"^l?(?:groupe|grupo|gruppo|gruppe|group|organisation|organization|organizacion|tanzim|"
    r"terrormiliz|miliz|terrorgruppe|terrororganisation|تنظیم|گروه|gruppirovka|"
    r"organizatsiya)(?:\s+" + _DESCRIPTOR
    + r")?\s+(?:(?:de|of)\s+(?:the\s+|l(?=[aeiouy]))?)?"
    r"|(?:\s+" + _DESCRIPTOR + r")?\s+(?:group|grupo|gruppe|gruppirovka|uyumu|uyum|tobu|"
    r"organizatsiya|organizatsii|tashkiloti|orgutu)$"
)


class _Resolver:
    """Names -> gazetteer ids, through every alias in every script; with ``extractor``, also
    a place written in the key as the text inflects it ("Шри-Ланке", "Багдаде"), through the
    extractor's own gazetteer matching, which tolerates case endings."""

    def __init__(self, gazetteer: Gazetteer, extractor: SupportsExtract | None = None) -> None:
        self.gazetteer = gazetteer
        self.extractor = extractor
        self.language = ""
        self._inflected: dict[tuple[str, str, str], set[str]] = {}
        self.index: dict[str, set[str]] = defaultdict(set)
        for entry in gazetteer.entries.values():
            for _lang, form in entry.all_aliases():
                self.index[_key(form)].add(entry.id)
                if entry.type == "place":
                    # the key's "راسک" is the gazetteer's "شهر راسک" (it lists a short name
                    # only with its place noun)
                    bare = PLACE_NOUN_BEFORE.sub("", form)
                    if bare != form and len(bare) >= 3:
                        self.index.setdefault(_key(bare), set()).add(entry.id)

    def ids(self, value: str) -> set[str]:
        out: set[str] = set()
        for variant in _variants(value):
            key = _key(variant)
            out |= self.index.get(key, set())
            stripped = re.sub(r"^(?:the|al|el)\s+", "", key)
            out |= self.index.get(stripped, set())
            # "groupe État islamique", "the Islamic State group": the name with its head word
            bare = _GROUP_WORD.sub("", stripped).strip()
            if bare and bare != stripped:
                out |= self.index.get(bare, set())
        return out

    def gazetteer_ids(self, value: str, entity_type: str = "place") -> set[str]:
        """``ids(value)``, else the gazetteer entries of ``entity_type`` the extractor finds
        spanning most of ``value`` in the document's language (Pashto "طالبانو" is the
        Taliban)."""
        out = self.ids(value)
        if out or self.extractor is None or not value.strip():
            return out
        key = (self.language, entity_type, value)
        if key not in self._inflected:
            found: set[str] = set()
            for ent in self.extractor.extract(value, self.language or None).entities:
                if (ent.type == entity_type and ent.gazetteer_id
                        and (ent.end - ent.start) * 10 >= len(value.strip()) * 6):
                    found.add(ent.gazetteer_id)
            self._inflected[key] = found
        return self._inflected[key]

    def up(self, ids: Iterable[str]) -> set[str]:
        out = set(ids)
        for gid in list(out):
            out |= {e.id for e in self.gazetteer.ancestors(gid)}
        return out


def _words_in(short: str, long: str) -> bool:
    s, lw = short.split(), long.split()
    if not s or len(s) > len(lw):
        return False
    return any(
        all(_same_word(a, b) for a, b in zip(s, lw[i : i + len(s)], strict=True))
        for i in range(len(lw) - len(s) + 1)
    )


def _same_word(a: str, b: str) -> bool:
    """Equal, or the same word with a case ending of at most two letters: a key written
    "вблизи Джемикента" names the village "Джемикент"."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 5 and len(long) - len(short) <= 2 and long.startswith(short)


def _name_match(gold: str, names: set[str]) -> bool:
    for variant in _variants(gold):
        key = _key(variant)
        if not key:
            continue
        for name in names:
            if key == name or (
                len(key) >= 4 and len(name) >= 4 and (_words_in(key, name) or _words_in(name, key))
            ):
                return True
    return False


def _gold_ints(value: Any) -> set[int]:
    if isinstance(value, bool):
        return set()
    if isinstance(value, int):
        return {value}
    return {int(m) for m in _INT.findall(str(value))}


def _gold_date(value: Any) -> str | None:
    text = str(value or "")
    iso = _ISO.search(text)
    if iso:
        return iso.group(0)
    for m in _MONTH_YEAR.finditer(text):
        month = _MONTHS.get(m.group(1).lower())
        if month:
            return f"{m.group(2)}-{month:02d}"
    year = _YEAR.search(text)
    return year.group(1) if year else None


# -- scoring -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    found: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.found += int(ok)

    @property
    def rate(self) -> float | None:
        return self.found / self.total if self.total else None


@dataclass(slots=True)
class _Cell:
    """Per language (or overall): every measure."""

    events: _Tally = field(default_factory=_Tally)
    figures: _Tally = field(default_factory=_Tally)
    claims: _Tally = field(default_factory=_Tally)
    recall: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    precision: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))

    def to_json(self) -> dict[str, Any]:
        def t(x: _Tally) -> dict[str, Any]:
            return {"found": x.found, "total": x.total,
                    "rate": None if x.rate is None else round(x.rate, 3)}  # fmt: skip

        target_r, target_p = _Tally(), _Tally()
        for kind in TARGET_TYPES:
            target_r.found += self.recall[kind].found
            target_r.total += self.recall[kind].total
            target_p.found += self.precision[kind].found
            target_p.total += self.precision[kind].total
        return {
            "event_recall": t(self.events),
            "figures": t(self.figures),
            "claims": t(self.claims),
            "entity_recall": t(target_r),
            "entity_precision": t(target_p),
            "by_type": {
                kind: {"recall": t(self.recall[kind]), "precision": t(self.precision[kind])}
                for kind in ENTITY_FIELDS.values()
            },
        }


@dataclass(slots=True)
class ExtractionReport:
    by_language: dict[str, _Cell] = field(default_factory=lambda: defaultdict(_Cell))
    overall: _Cell = field(default_factory=_Cell)
    documents: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    #: Event recall split by whether the document's date was known (a ``DATE:`` line or a
    #: date in the URL): "on Sunday" can be resolved only in a dated document.
    events_by_doc_date: dict[str, _Tally] = field(
        default_factory=lambda: {"dated": _Tally(), "undated": _Tally()}
    )

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "overall": self.overall.to_json(),
            "event_recall_by_document_date": {
                k: {"found": t.found, "total": t.total, "rate": t.rate}
                for k, t in self.events_by_doc_date.items()
            },
            "by_language": {k: v.to_json() for k, v in sorted(self.by_language.items())},
            "misses": self.misses,
        }


def _entity_names(ent: Entity) -> set[str]:
    return {k for k in (_key(ent.name), _key(ent.text), *(_key(a) for a in ent.aliases)) if k}


def _entity_match(
    gold: str, issue: int | None, ent: Entity, up_ids: set[str], res: _Resolver
) -> bool:
    if issue is not None and ent.attributes.get("issue") != issue:
        return False
    gids = res.ids(gold)
    if ent.type != "place":
        # a place in a note ("Ministry of Foreign Affairs (Afghanistan)") is not who it is
        gids = {g for g in gids if (e := res.gazetteer.get(g)) is None or e.type != "place"}
    if gids and ent.gazetteer_id:
        # a found place also stands for the places it lies in ("Crocus City Hall" for
        # "Krasnogorsk"); other types must be the same entry
        return bool(gids & up_ids) if ent.type == "place" else ent.gazetteer_id in gids
    return _name_match(gold, _entity_names(ent))


def _score_entities(
    doc: GoldDoc,
    found: Sequence[Entity],
    res: _Resolver,
    cells: Sequence[_Cell],
    misses: list[dict[str, Any]],
) -> None:
    for field_name, kind in ENTITY_FIELDS.items():
        gold_items = []
        for raw in doc.data.get(field_name) or []:
            if isinstance(raw, dict):
                title = str(raw.get("title", ""))
                issue = raw.get("issue")
                gold_items.append((title, issue if isinstance(issue, int) else None))
            elif "generic" not in str(raw).lower():
                gold_items.append((str(raw), None))
        preds = [e for e in found if e.type == kind]
        pred_ids = [res.up({e.gazetteer_id}) if e.gazetteer_id else set() for e in preds]

        for gold, issue in gold_items:
            ok = any(
                _entity_match(gold, issue, p, u, res) for p, u in zip(preds, pred_ids, strict=True)
            )
            for cell in cells:
                cell.recall[kind].add(ok)
            if not ok:
                misses.append({"doc": doc.id, "what": kind, "gold": gold, "issue": issue})
        seen: set[str] = set()
        for i, ent in enumerate(preds):
            ident = ent.gazetteer_id or _key(ent.name)
            if ident in seen:
                continue
            seen.add(ident)
            ok = any(_entity_match(g, None, ent, pred_ids[i], res) for g, _issue in gold_items)
            for cell in cells:
                cell.precision[kind].add(ok)
            if not ok and kind in TARGET_TYPES:
                misses.append({"doc": doc.id, "what": f"extra {kind}", "found": ent.name})


def _place_ok(gold: dict[str, Any], event: Event, res: _Resolver) -> bool:
    found_ids = res.up(event.place_ids)
    for name in event.place:
        found_ids |= res.up(res.ids(name))
    names = {_key(p) for p in event.place}
    city = str(gold.get("city") or "")
    wanted = [p for p in _SPLIT.split(re.sub(r"[()]", ",", city)) if p.strip()] if city else []
    if not wanted:
        wanted = [str(gold.get("country") or "")]
    for part in wanted:
        part = _PLACE_WORDS.sub(" ", part).strip()
        if not part:
            continue
        ids = res.gazetteer_ids(part)
        if (ids and ids & found_ids) or _name_match(part, names):
            return True
        if _geo_names(part) & names:  # "المحفد" in the key, GeoNames' "Al Mahfid" found
            return True
    return False


#: Words around a place's name in a key that are not the name: "near Kabul", "Nangarhar
#: province", "a village in Diyala province", "نوار مرزی میرجاوه" (the border strip of
#: Mirjaveh), "منطقه ..." (the area of).
_PLACE_WORDS = re.compile(
    r"(?<!\w)(?:(?:an?|the)\s+(?:\w+\s+)?(?:village|town|city|suburb|area|outskirts|district)"
    r"\s+(?:in|of|near)|near|outside|province|oblast|منطقه|نوار مرزی|حومه|حوالی|اطراف|منطقة|"
    r"ضواحي|قرب|بالقرب من|окрестност\w*|под)(?!\w)",
    re.I,
)


def _geo_names(name: str) -> set[str]:
    """Keys of the GeoNames places called ``name`` (any script): a town the gazetteer does not
    know, written in the key in another script than the one found."""
    first = next((c for c in name if c.isalpha()), "")
    if not first:
        return set()
    script = "A" if "\u0600" <= first <= "\u06ff" else "C" if "\u0400" <= first <= "\u04ff" else "L"
    return {_key(p.name) for p in default_geo_index().lookup(script, name.strip())}


def _date_ok(gold: dict[str, Any], event: Event) -> bool:
    wanted = _gold_date(gold.get("date"))
    if wanted is None:
        return True
    return event.date is not None and event.date.value[: len(wanted)] == wanted


def _claim_ok(gold: str, event: Event, res: _Resolver) -> bool:
    gold_ids: set[str] = set()
    parts = _SPLIT.split(gold)
    for part in parts:
        gold_ids |= res.gazetteer_ids(part, "organization")
    for name in event.claimed_by:
        ids = res.ids(name)
        if (gold_ids and ids & gold_ids) or _name_match(parts[0], {_key(name)}):
            return True
    return False


def _score_events(
    doc: GoldDoc,
    found: Sequence[Event],
    res: _Resolver,
    cells: Sequence[_Cell],
    misses: list[dict[str, Any]],
) -> None:
    used: set[int] = set()
    for gold in doc.data.get("events") or []:
        match: Event | None = None
        for index, event in enumerate(found):
            if index not in used and _place_ok(gold, event, res) and _date_ok(gold, event):
                match = event
                used.add(index)
                break
        for cell in cells:
            cell.events.add(match is not None)
        if match is None:
            misses.append({"doc": doc.id, "what": "event", "gold": gold.get("event"),
                           "date": gold.get("date"), "city": gold.get("city")})  # fmt: skip
            # figures and claims are judged on the event at the right place even when its
            # date is missing or wrong (that is counted above, once)
            match = next(
                (e for i, e in enumerate(found) if i not in used and _place_ok(gold, e, res)),
                None,
            )
        for what in ("killed", "injured"):
            ints = _gold_ints(gold.get(what))
            if not ints:
                continue
            figures = (match.killed if what == "killed" else match.injured) if match else []
            ok = any(f.value in ints for f in figures)
            for cell in cells:
                cell.figures.add(ok)
            if not ok:
                misses.append({"doc": doc.id, "what": what, "gold": gold.get(what),
                               "found": [f.value for f in figures]})  # fmt: skip
        claim = gold.get("claimed_by")
        if claim:
            ok = match is not None and _claim_ok(str(claim), match, res)
            for cell in cells:
                cell.claims.add(ok)
            if not ok:
                misses.append({"doc": doc.id, "what": "claim", "gold": claim,
                               "found": match.claimed_by if match else None})  # fmt: skip


def evaluate_extraction(
    extractor: SupportsExtract, gold: Sequence[GoldDoc], texts: str | Path
) -> ExtractionReport:
    """Run ``extractor`` on each gold document's text in ``texts`` and score it."""
    folder = Path(texts)
    if not folder.is_dir():
        raise InputNotFound("no such directory", source=str(folder),
                            hint="Give the folder holding the article .txt files.")  # fmt: skip
    res = _Resolver(extractor.gazetteer, extractor)
    report = ExtractionReport()
    for doc in gold:
        path = folder / doc.file
        if not path.is_file():
            raise InputNotFound("article named by the answer key is missing", source=str(path))
        article = read_article(path)
        res.language = doc.language
        result: Extraction = extractor.extract(
            article.text, doc_date=article.date, doc_precision=article.precision
        )
        cells = (report.overall, report.by_language[doc.language])
        _score_entities(doc, result.entities, res, cells, report.misses)
        before = (report.overall.events.found, report.overall.events.total)
        _score_events(doc, result.events, res, cells, report.misses)
        split = report.events_by_doc_date["dated" if article.date else "undated"]
        split.found += report.overall.events.found - before[0]
        split.total += report.overall.events.total - before[1]
        report.documents += 1
    return report


def _tally_pct(tally: _Tally) -> str:
    if not tally.total:
        return "-"
    return f"{tally.found / tally.total:.2f} ({tally.found}/{tally.total})"


def _pct(tally: dict[str, Any]) -> str:
    rate = tally["rate"]
    return "   -  " if rate is None else f"{rate:5.2f} ({tally['found']}/{tally['total']})"


def format_extraction_report(report: ExtractionReport) -> str:
    """Plain-text tables: the headline measures per language, then recall/precision by type."""
    rows = [("all", report.overall.to_json())] + [
        (lang, cell.to_json()) for lang, cell in sorted(report.by_language.items())
    ]
    out = [
        f"extraction on {report.documents} documents "
        "(targets: events 0.90, figures 0.85, claims 0.85, entities R 0.90 at P 0.85)",
        "",
    ]
    head = f"{'lang':6} {'events':>14} {'figures':>14} {'claims':>14} {'entity R':>14} "
    out.append(head + f"{'entity P':>14}")
    for lang, data in rows:
        out.append(
            f"{lang:6} {_pct(data['event_recall']):>14} {_pct(data['figures']):>14} "
            f"{_pct(data['claims']):>14} {_pct(data['entity_recall']):>14} "
            f"{_pct(data['entity_precision']):>14}"
        )
    dated, undated = (report.events_by_doc_date[k] for k in ("dated", "undated"))
    out.append(
        f"event recall in documents with a known date {_tally_pct(dated)}, "
        f"without one {_tally_pct(undated)}"
    )
    out += ["", f"{'type':14} {'recall':>14} {'precision':>14}"]
    for kind in ENTITY_FIELDS.values():
        data = report.overall.to_json()["by_type"][kind]
        out.append(f"{kind:14} {_pct(data['recall']):>14} {_pct(data['precision']):>14}")
    return "\n".join(out)
