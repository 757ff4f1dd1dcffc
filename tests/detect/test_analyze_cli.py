"""``propwatch analyze`` as an analyst drives it: NDJSON shape, offsets into the original
text, stance of reports versus propaganda, wallet signals, hostile input, user packs.

Example texts are short slogans of the kind public reporting quotes (the "Rafida" code word,
the "two sides of one coin" claim) and hard negatives (news reports quoting the word).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from propwatch.cli.main import cli
from propwatch.detect.detector import MAX_DETECT_CHARS, default_detector
from propwatch.detect.wallets import classify_wallet

STANCES = {"endorse", "report", "counter", "neutral"}
#: BIP-173's P2WPKH example address (a test vector, not anyone's wallet).
BTC = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
#: The same address with one data character changed: the checksum no longer holds.
BTC_BROKEN = BTC[:20] + "x" + BTC[21:]

ZWSP, ZWNJ, ZWJ, WJ = "\u200b", "\u200c", "\u200d", "\u2060"
RLE, PDF, RLI, PDI, RLM, LRM = "\u202b", "\u202c", "\u2067", "\u2069", "\u200f", "\u200e"

#: Texts whose evidence offsets must point into the original (unnormalized) text.
TRICKY = {
    "zero-width": f"Ра{ZWSP}фи{ZWJ}диты — ослы иудеев.",
    "zero-width-latin": f"R{ZWSP}a{ZWNJ}f{WJ}i{ZWSP}d{ZWSP}a{ZWJ}h are the donkeys of the Jews",
    "homoglyph": "Рaфидиты враги ислама",  # Latin "a" inside the Cyrillic word
    "emoji-first": "🔥🔥👍🏽 👨‍👩‍👧 Rofiziylar va yahudiylar bir tanganing ikki tomoni 🇺🇿",
    "rtl": "اليهود والرافضة وجهان لعملة واحدة",
    "rtl-marks": "ٱلرَّافِضَةُ أعداء أهل السنة",
    "bidi-mixed": f"{RLE}اليهود والرافضة{PDF} and {RLI}الروافض{PDI}: the Rafidah {RLM}again{LRM}",
    "spaced": "r a f i d a h are the donkeys of the Jews",
}


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    """Run the CLI in-process; an uncaught exception (a crash) fails the test."""
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def unwrapped(stderr: str) -> str:
    """stderr with any line wrapping undone (the error console soft-wraps; see the last test)."""
    return stderr.replace("\n", "")


def ndjson(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def analyze_texts(tmp_path: Path, *texts: str, options: tuple[str, ...] = ()) -> list[Any]:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": t} for i, t in enumerate(texts)])
    result = run("analyze", str(path), "--json", *options)
    assert result.exit_code == 0, result.output
    return ndjson(result)


def labels(item: dict[str, Any], component: str | None = None) -> set[str]:
    return {
        d["label"]
        for d in item["detections"]
        if component is None or d["component"]["name"] == component
    }


def check_shape(item: dict[str, Any], text: str) -> None:
    """Every key of a result, its types and ranges, and offsets into ``text``."""
    assert {"id", "language", "script", "propaganda", "stance", "detections", "signals"} <= set(
        item
    )
    assert isinstance(item["language"], str) and item["language"]
    assert isinstance(item["script"], str) and len(item["script"]) == 4
    verdict = item["propaganda"]
    assert set(verdict) == {"score", "label"}
    assert 0.0 <= verdict["score"] <= 1.0 and isinstance(verdict["label"], bool)
    # The label is the score at the shipped model's own threshold (chosen on training data).
    combiner = default_detector().combiner
    threshold = combiner.threshold if combiner is not None else 0.5
    assert verdict["label"] == (verdict["score"] >= threshold)
    assert item["stance"] in STANCES
    for det in item["detections"]:
        assert {"label", "score", "component", "evidence"} <= set(det)
        assert isinstance(det["label"], str) and 0.0 <= det["score"] <= 1.0
        assert set(det["component"]) == {"name", "version"}
        assert det["component"]["name"] in {"lexicon", "model"} and det["component"]["version"]
        for ev in det["evidence"]:
            assert {"start", "end", "text"} <= set(ev)
            assert 0 <= ev["start"] < ev["end"] <= len(text)
            assert text[ev["start"] : ev["end"]] == ev["text"], (det["label"], ev)
    for ev in item.get("stance_evidence", []):
        assert text[ev["start"] : ev["end"]] == ev["text"], ev
    for sig in item["signals"]:
        assert {"type", "value", "start", "end"} <= set(sig)
        assert 0 <= sig["start"] < sig["end"] <= len(text)
        if sig["type"].endswith("_address"):  # wallets are reported exactly as written
            assert text[sig["start"] : sig["end"]] == sig["value"], sig


# -- NDJSON shape ------------------------------------------------------------------------------


def test_jsonl_gives_one_object_per_line_in_order_with_ids_echoed(tmp_path: Path) -> None:
    records: list[dict[str, Any]] = [
        {"id": "tg-1", "text": "Яҳудиён ва рофизиён ду рӯи як тангаанд."},
        {"id": 7, "text": "Bugun Toshkentda havo issiq bo'ladi."},
        {"id": "ru-9", "text": "Рафидиты — ослы иудеев."},
        {"id": 0, "text": f"Xayriya uchun: {BTC}"},
        {"text": "No id here: the line number stands in."},
    ]
    path = write_jsonl(tmp_path / "items.jsonl", records)
    result = run("analyze", str(path), "--json")
    assert result.exit_code == 0, result.output
    out = ndjson(result)
    assert [o["id"] for o in out] == ["tg-1", 7, "ru-9", 0, 5]
    for record, item in zip(records, out, strict=True):
        check_shape(item, record["text"])
    assert "anti_shia" in labels(out[0]) and "anti_shia" in labels(out[2])
    assert labels(out[1]) == set() and out[1]["propaganda"]["label"] is False
    assert [s["type"] for s in out[3]["signals"]] == ["btc_address"]


@pytest.mark.parametrize("case", sorted(TRICKY))
def test_evidence_offsets_point_into_the_original_text(tmp_path: Path, case: str) -> None:
    text = TRICKY[case]
    (item,) = analyze_texts(tmp_path, text)
    check_shape(item, text)
    lexicon = [d for d in item["detections"] if d["component"]["name"] == "lexicon"]
    assert "anti_shia" in {d["label"] for d in lexicon}, item["detections"]
    spans = [e for d in lexicon for e in d["evidence"]]
    assert spans, "the lexicon found the code word but gave no evidence"


def test_zero_width_evidence_keeps_the_invisible_characters(tmp_path: Path) -> None:
    text = TRICKY["zero-width-latin"]
    (item,) = analyze_texts(tmp_path, text)
    evidence = [
        e["text"]
        for d in item["detections"]
        if d["label"] == "anti_shia" and d["component"]["name"] == "lexicon"
        for e in d["evidence"]
    ]
    assert f"R{ZWSP}a{ZWNJ}f{WJ}i{ZWSP}d{ZWSP}a{ZWJ}h" in evidence


def test_signal_offsets_point_into_the_original_text(tmp_path: Path) -> None:
    text = f"🔥{ZWSP}{RLM} اشتراک: t.me/example_channel — {BTC} 🔥"
    (item,) = analyze_texts(tmp_path, text)
    check_shape(item, text)
    found = {s["type"]: s for s in item["signals"]}
    assert found["btc_address"]["value"] == BTC
    assert text[found["btc_address"]["start"] : found["btc_address"]["end"]] == BTC
    link = found["telegram_link"]
    assert text[link["start"] : link["end"]] == "t.me/example_channel"


# -- input forms -------------------------------------------------------------------------------


def test_text_file_is_one_item_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    text = "Рофизийлар ва яҳудийлар бир тангасининг икки томони.\nИккаласи ҳам душман."
    path.write_text(text, encoding="utf-8")
    result = run("analyze", str(path), "--json")
    assert result.exit_code == 0, result.output
    (item,) = ndjson(result)
    assert item["id"] == "post.txt"
    check_shape(item, text)
    assert "anti_shia" in labels(item, "lexicon")


def test_stdin_jsonl(tmp_path: Path) -> None:
    lines: list[dict[str, Any]] = [
        {"id": "a", "text": "الرافضة أعداء أهل السنة."},
        {"id": 2, "text": "Salom!"},
    ]
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
    result = run("analyze", "-", "--json", stdin=stdin)
    assert result.exit_code == 0, result.output
    out = ndjson(result)
    assert [o["id"] for o in out] == ["a", 2]
    check_shape(out[0], lines[0]["text"])
    assert "anti_shia" in labels(out[0], "lexicon")


def test_stdin_plain_text_is_one_item(tmp_path: Path) -> None:
    text = "Рафидиты — ослы иудеев.\n{не json}\nВторая строка."
    result = run("analyze", "-", "--json", stdin=text)
    assert result.exit_code == 0, result.output
    (item,) = ndjson(result)
    check_shape(item, text)
    assert "anti_shia" in labels(item, "lexicon")


def test_readable_view_prints_labels_and_evidence() -> None:
    text = f"The Rafidah are the donkeys of the Jews. Donations: {BTC}"
    result = run("analyze", "-", stdin=text)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert not out.lstrip().startswith("{"), "the readable view is not JSON"
    assert "PROPAGANDA" in out and "endorse" in out
    for label in ("anti_shia", "derogatory_code_word"):
        assert label in out
    assert "'Rafidah'@4" in out and "'donkeys of the Jews'@" in out
    assert "btc_address" in out and BTC in out


def test_readable_view_of_a_report_says_not_propaganda() -> None:
    text = (
        "According to the interior ministry, the group called Shia 'rafidites' in a statement; "
        "police detained two suspects."
    )
    result = run("analyze", "-", stdin=text)
    assert result.exit_code == 0, result.output
    assert "not propaganda" in result.stdout and "anti_shia" in result.stdout


# -- propaganda versus reports -----------------------------------------------------------------

POSITIVES = {
    "tg": "Яҳудиён ва рофизиён ду рӯи як тангаанд. Ҳар ду мехоҳанд аҳли суннатро нест кунанд.",
    "uz-Latn": "Rofiziylar va yahudiylar bir tanganing ikki tomoni.",
    "uz-Cyrl": "Рофизийлар билан бир масжидда намоз ўқиш ботил.",
    "ru": "Рафидиты — ослы иудеев, они воюют там, где выгодно Тель-Авиву.",
    "ar": "اليهود والرافضة وجهان لعملة واحدة.",
    "en": "The Rafidah are the donkeys of the Jews: they fight wherever Tel Aviv needs them to.",
}

REPORTS = {
    "en": "According to the interior ministry, the group called Shia 'rafidites' in a statement; "
    "police detained two suspects.",
    "ru": "По данным МВД, группировка в своём заявлении назвала шиитов «рафидитами»; полиция "
    "задержала двух подозреваемых.",
    "tg": "Тибқи иттилои Вазорати корҳои дохилӣ, гурӯҳ дар баёнияи худ шиаҳоро «рофизиён» "
    "номидааст; пулис ду гумонбарро боздошт кард.",
    "uz-Latn": "Ichki ishlar vazirligi ma'lumotiga ko'ra, guruh bayonotida shialarni "
    "«rofiziylar» deb atagan; politsiya ikki gumonlanuvchini ushladi.",
    "ar": "وفقا لوزارة الداخلية، وصفت الجماعة الشيعة بـ«الرافضة» في بيان؛ واعتقلت الشرطة "
    "مشتبهين اثنين.",
}

MODES = [pytest.param((), id="with-model"), pytest.param(("--no-model",), id="lexicon-only")]


@pytest.mark.parametrize("options", MODES)
def test_code_word_slogans_are_propaganda_in_every_language(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    out = analyze_texts(tmp_path, *POSITIVES.values(), options=options)
    for lang, item in zip(POSITIVES, out, strict=True):
        assert item["propaganda"]["label"] is True, (lang, item["propaganda"])
        assert item["stance"] == "endorse", lang
        assert "anti_shia" in labels(item, "lexicon"), (lang, item["detections"])


@pytest.mark.parametrize("options", MODES)
def test_attributed_news_reports_are_not_propaganda_but_keep_the_detection(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    out = analyze_texts(tmp_path, *REPORTS.values(), options=options)
    for lang, item in zip(REPORTS, out, strict=True):
        assert item["propaganda"]["label"] is False, (lang, item["propaganda"])
        assert item["stance"] in {"report", "counter"}, (lang, item["stance"])
        assert "anti_shia" in labels(item, "lexicon"), (lang, item["detections"])
        assert item["stance_evidence"], f"{lang}: no attribution cue shown as evidence"


# -- wallets -----------------------------------------------------------------------------------


def test_the_wallet_test_vectors_are_what_we_think() -> None:
    info = classify_wallet(BTC)
    assert info is not None and info.type == "btc_address"
    assert classify_wallet(BTC_BROKEN) is None


def test_valid_bech32_wallet_is_a_signal_and_a_one_char_change_is_not(tmp_path: Path) -> None:
    good = f"Xayriya uchun hamyon: {BTC}"
    bad = f"Xayriya uchun hamyon: {BTC_BROKEN}"
    first, second = analyze_texts(tmp_path, good, bad, options=("--no-model",))
    (signal,) = [s for s in first["signals"] if s["type"] == "btc_address"]
    assert signal["value"] == BTC
    assert good[signal["start"] : signal["end"]] == BTC
    assert not [s for s in second["signals"] if s["type"].endswith("_address")]


# -- hostile input -----------------------------------------------------------------------------

BAD_TEXTS = {
    "empty": "",
    "only-emoji": "🔥🔥👍🏽🇺🇿👨‍👩‍👧",
    "only-link": "https://www.gazeta.uz/ru/2024/01/03/weather/",
    "one-char-1mb": "a" * 1_000_000,
    "bidi-controls": f"\u202eRafidah{PDF} و {RLI}الرافضة{PDI} are {RLM}mixed{LRM} text "
    f"\u202aLTR{PDF} \u061c {RLE}{RLE}{PDF}",
}


@pytest.mark.parametrize("case", sorted(BAD_TEXTS))
def test_hostile_text_file_gets_a_result(tmp_path: Path, case: str) -> None:
    text = BAD_TEXTS[case]
    path = tmp_path / f"{case}.txt"
    path.write_text(text, encoding="utf-8")
    result = run("analyze", str(path), "--json")
    assert result.exit_code == 0, result.output
    (item,) = ndjson(result)
    assert item["id"] == path.name
    check_shape(item, text)
    if case == "empty" or case == "only-emoji":
        assert item["detections"] == [] and item["propaganda"]["label"] is False
    if case == "only-link":
        assert [s["type"] for s in item["signals"]] == ["url"]
    if case == "one-char-1mb":
        assert item["truncated"] == {"analyzed_chars": MAX_DETECT_CHARS, "text_chars": len(text)}
    if case == "bidi-controls":
        assert "anti_shia" in labels(item, "lexicon")


def test_a_lone_placeholder_link_is_not_propaganda(tmp_path: Path) -> None:
    out = analyze_texts(tmp_path, "https://example.com", "https://example.org/page")
    assert [o["propaganda"]["label"] for o in out] == [False, False]


def test_invalid_utf8_text_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes("Рафидиты ".encode() + b"\xff\xfe\xc3(" + b" end")
    result = run("analyze", str(path), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    flat = unwrapped(result.stderr)
    assert "[PW104]" in flat and f"{path}: invalid UTF-8 at byte" in flat
    assert "Traceback" not in result.output


def test_invalid_jsonl_lines_are_errors_in_place_and_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Rafidah are the donkeys of the Jews"}\n'
        b"this is not json\n"
        b'{"id": "no-text"}\n'
        b'{"id": "bytes", "text": "bad \xff bytes"}\n'
        + b"[1, 2]\n"
        + b'{"id": 6, "text": "Salom dunyo"}\n'
    )
    result = run("analyze", str(path), "--json")
    assert result.exit_code == 3
    out = ndjson(result)
    assert len(out) == 6
    assert out[0]["id"] == "a" and "anti_shia" in labels(out[0])
    assert out[5]["id"] == 6 and "propaganda" in out[5]
    for line, item in zip((2, 3, 4, 5), out[1:5], strict=True):
        assert set(item) == {"id", "line", "error"}, item
        assert item["line"] == line
        assert item["error"]["code"].startswith("PW") and str(path) in item["error"]["message"]
        assert f"line {line}" in item["error"]["message"]
    assert out[2]["id"] == "no-text"


def test_missing_file_is_exit_1_with_pw101(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    result = run("analyze", str(missing), "--json")
    assert result.exit_code == 1
    assert "[PW101]" in result.stderr and str(missing) in unwrapped(result.stderr)
    assert result.stdout == ""


def test_ten_megabyte_repeated_word_is_analyzed_and_says_truncated(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    text = ("Rafidah " * 1_300_000)[:10_000_000]
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = run("analyze", str(path), "--json")
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.output
    (item,) = ndjson(result)
    assert item["truncated"] == {"analyzed_chars": MAX_DETECT_CHARS, "text_chars": 10_000_000}
    (lexicon,) = [
        d
        for d in item["detections"]
        if d["label"] == "anti_shia" and d["component"]["name"] == "lexicon"
    ]
    assert 0 < len(lexicon["evidence"]) < lexicon["evidence_total"] <= MAX_DETECT_CHARS // 8 + 1
    assert all(e["text"] == "Rafidah" for e in lexicon["evidence"])
    assert elapsed < 10, f"10 MB took {elapsed:.1f} s"


# -- user knowledge packs ----------------------------------------------------------------------

USER_TAXONOMY = """\
version: 1
labels:
  - id: test_placeholder_narrative
    name: Test placeholder narrative
    group: narrative
    definition: A label that only this test pack defines; not a real narrative.
"""

USER_LEXICON = """\
language: en
entries:
  - id: en-test-zorblefrax
    term: zorblefrax brigade
    labels: [test_placeholder_narrative]
    weight: 0.7
    kind: phrase
    source: "test placeholder"
"""

BROKEN_LEXICON = """\
language: en
entries:
  - id: en-test-zorblefrax
    term: zorblefrax brigade
    labels: [test_placeholder_narrative]
    weight: very high
    source: "test placeholder"
"""


def _pack(root: Path, lexicon: str) -> Path:
    (root / "lexicon").mkdir(parents=True)
    (root / "taxonomy.yaml").write_text(USER_TAXONOMY, encoding="utf-8")
    (root / "lexicon" / "en.yaml").write_text(lexicon, encoding="utf-8")
    return root


def test_user_pack_term_is_detected_with_knowledge(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", USER_LEXICON)
    text = "Everyone should hear what the Zorblefrax Brigade says."
    path = tmp_path / "post.txt"
    path.write_text(text, encoding="utf-8")
    without = ndjson(run("analyze", str(path), "--json", "--no-model"))[0]
    assert "test_placeholder_narrative" not in labels(without)
    result = run("analyze", str(path), "--json", "--no-model", "--knowledge", str(pack))
    assert result.exit_code == 0, result.output
    (item,) = ndjson(result)
    check_shape(item, text)
    (det,) = [d for d in item["detections"] if d["label"] == "test_placeholder_narrative"]
    assert det["component"]["name"] == "lexicon"
    assert [e["text"] for e in det["evidence"]] == ["Zorblefrax Brigade"]
    # The lexicon version names the exact pack: adding a term changes it.
    assert det["component"]["version"] != "" and all(
        d["component"]["version"] != det["component"]["version"]
        for d in without["detections"]
        if d["component"]["name"] == "lexicon"
    )


def test_user_pack_with_the_model_too(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", USER_LEXICON)
    result = run(
        "analyze",
        "-",
        "--json",
        "--knowledge",
        str(pack),
        stdin="the zorblefrax brigade met today",
    )
    assert result.exit_code == 0, result.output
    assert "test_placeholder_narrative" in labels(ndjson(result)[0], "lexicon")


def test_broken_user_pack_is_exit_1_naming_file_line_and_field(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", BROKEN_LEXICON)
    result = run("analyze", "-", "--json", "--knowledge", str(pack), stdin="some text")
    assert result.exit_code == 1
    assert result.stdout == ""
    flat = unwrapped(result.stderr)
    assert "[PW400]" in flat
    assert f"{pack}/lexicon/en.yaml:6: entry 'en-test-zorblefrax', field 'weight'" in flat
    assert "very high" in flat
    assert "Traceback" not in result.output


def test_error_message_keeps_the_file_name_on_one_line(tmp_path: Path) -> None:
    deep = tmp_path / ("a-rather-long-folder-name-for-case-files" + "-x" * 10) / "pack"
    pack = _pack(deep, BROKEN_LEXICON)
    result = run("analyze", "-", "--json", "--knowledge", str(pack), stdin="some text")
    assert result.exit_code == 1
    assert f"{pack}/lexicon/en.yaml:6" in result.stderr
