"""The synthetic Telegram export generator used by benchmarks/run.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import GENERATE_PY, load_generator

N = 2000


gen = load_generator()


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any, dict[str, Any]]:
    path = tmp_path_factory.mktemp("bench") / "export.json"
    t0 = time.perf_counter()
    stats = gen.generate(N, path, seed=7)
    assert time.perf_counter() - t0 < 8.0
    with open(path, encoding="utf-8") as f:
        data = json.load(f)  # valid JSON, malformed items notwithstanding
    return path, stats, data


def _malformed_kind(item: Any) -> str | None:
    if not isinstance(item, dict):
        return "not-an-object"
    if "id" not in item:
        return "missing-id"
    if not isinstance(item["id"], int):
        return "bad-id"
    if item.get("type") == "unsupported":
        return None
    if "text" in item and not isinstance(item["text"], str | list):
        return "text-not-string"
    du = item.get("date_unixtime")
    if not (isinstance(du, str) and du.isdigit()):
        return "bad-date_unixtime"
    return None


def _text(item: dict[str, Any]) -> str:
    t = item.get("text")
    if isinstance(t, str):
        return t
    if isinstance(t, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in t)
    return ""


def test_layout_and_counts(export: tuple[Path, Any, dict[str, Any]]) -> None:
    _, stats, data = export
    assert data["type"] == "public_channel"
    assert isinstance(data["name"], str) and isinstance(data["id"], int)
    assert len(data["messages"]) == N == stats.n_items
    assert stats.bytes_written > 0


def test_about_one_percent_malformed(export: tuple[Path, Any, dict[str, Any]]) -> None:
    _, stats, data = export
    kinds = [k for k in map(_malformed_kind, data["messages"]) if k is not None]
    assert len(kinds) == stats.n_malformed
    assert 0.004 * N <= len(kinds) <= 0.02 * N
    assert {"not-an-object", "missing-id", "text-not-string", "bad-date_unixtime"} <= set(kinds)


#: Letters that only one of the languages uses (within this generator's pools).
SCRIPT_MARKERS = {
    "tg": "[ӣӯҷ]",  # Tajik Cyrillic
    "uz-Cyrl": "ў",  # Uzbek Cyrillic
    "ky": "[ңөү]",  # Kyrgyz
    "ru": "[ыщэ]",  # Russian (Kyrgyz has ы/э too: words are checked below)
    "uz-Latn": "[a-z](?:o'|g')",  # Uzbek Latin
    "tr": "[şğı]",  # Turkish
    "en": r"\b(?:the|and|with)\b",  # English
    "fa": "\u06cc",  # Persian yeh (Pashto also; words are checked below)
    "ps": "[ټډړښږځڅګڼېۍ]",  # Pashto letters
    "ar": "[\u0629\u064a\u0643]",  # Arabic ta marbuta, yeh, kaf
}


def test_all_languages_and_scripts_present(export: tuple[Path, Any, dict[str, Any]]) -> None:
    _, stats, data = export
    texts = [_text(m) for m in data["messages"] if isinstance(m, dict)]
    blob = "\n".join(texts)
    for lang, rx in SCRIPT_MARKERS.items():
        assert re.search(rx, blob), f"no {lang} script marker"
    # Each language shows words that belong to its pool only.
    tokens = set(re.findall(r"[\w'\u200c-]+", blob.lower()))
    pools = gen.POOLS
    for lang, pool in pools.items():
        others = set().union(*(set(p.words) for k, p in pools.items() if k != lang))
        own = {w.lower() for w in pool.words} - {w.lower() for w in others}
        assert len(own & tokens) >= 10, f"too few {lang} words"
    assert set(stats.by_lang) == set(gen.LANG_WEIGHTS)
    # Topical words are there so that searches have hits.
    assert "хуросон" in tokens and "xuroson" in tokens and "خراسان" in tokens


def test_message_features(export: tuple[Path, Any, dict[str, Any]]) -> None:
    _, _, data = export
    msgs = [m for m in data["messages"] if _malformed_kind(m) is None]
    regular = [m for m in msgs if m.get("type") == "message"]
    ids = [m["id"] for m in msgs]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    dates = [int(m["date_unixtime"]) for m in msgs if "date_unixtime" in m]
    assert dates == sorted(dates)
    seen: set[int] = set()
    replies = 0
    for m in msgs:
        if "reply_to_message_id" in m:
            replies += 1
            assert m["reply_to_message_id"] in seen  # an earlier message of this export
        seen.add(m["id"])
    forwards = sum(1 for m in regular if "forwarded_from" in m)
    edits = [m for m in regular if "edited" in m]
    assert replies >= 0.03 * N and forwards >= 0.05 * N and len(edits) >= 0.03 * N
    assert all(int(m["edited_unixtime"]) >= int(m["date_unixtime"]) for m in edits)
    assert any(m.get("photo") for m in regular)
    assert any(m.get("file") and m.get("media_type") for m in regular)
    assert any(m.get("type") == "service" and m.get("action") for m in msgs)
    # text: mostly strings, ~10% entity arrays with hashtag/link/text_link
    arrays = [m for m in regular if isinstance(m["text"], list)]
    assert 0.05 * N <= len(arrays) <= 0.15 * N
    types = {p["type"] for m in arrays for p in m["text"] if isinstance(p, dict)}
    assert {"hashtag", "link", "text_link"} <= types
    assert all(isinstance(m["text_entities"], list) for m in regular)
    # empty texts come with media
    empty = [m for m in regular if m["text"] == ""]
    assert empty and all("photo" in m or "file" in m for m in empty)
    # realistic lengths: most 40-400 characters, a few long ones
    lengths = [len(_text(m)) for m in regular if _text(m)]
    mid = sum(1 for n in lengths if 40 <= n <= 450)
    assert mid >= 0.7 * len(lengths)
    assert max(lengths) > 1200 and max(lengths) < 5000


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    gen.generate(300, a, seed=11)
    proc = subprocess.run(
        [sys.executable, str(GENERATE_PY), "300", str(b), "--seed", "11"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    gen.generate(300, c, seed=12)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_account_layout(tmp_path: Path) -> None:
    path = tmp_path / "account.json"
    stats = gen.generate(400, path, seed=3, layout="account", channels=4)
    data = json.loads(path.read_text(encoding="utf-8"))
    chats = data["chats"]["list"] + data["left_chats"]["list"]
    assert len(chats) == 4 and len(data["left_chats"]["list"]) == 1
    assert sum(len(c["messages"]) for c in chats) == 400 == stats.n_items
    assert all({"name", "type", "id", "messages"} <= set(c) for c in chats)


def test_uzbek_transliteration() -> None:
    t = gen.uz_latin_to_cyrillic
    assert t("Xuroson") == "Хуросон"
    assert t("o'qituvchi") == "ўқитувчи"
    assert t("yo'l") == "йўл"
    assert t("ertalab") == "эрталаб"
    assert t("yangi") == "янги"
    assert t("shahar") == "шаҳар"
