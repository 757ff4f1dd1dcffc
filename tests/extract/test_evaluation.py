"""The extraction scorer: lenient about how the answer key is written, strict about facts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from propwatch.errors import InputNotFound
from propwatch.extract.evaluation import (
    _gold_date,
    _gold_ints,
    evaluate_extraction,
    format_extraction_report,
    read_article,
    read_gold,
)
from propwatch.extract.model import DateValue, Entity, Event, Extraction, Figure
from propwatch.knowledge.gazetteer_model import GazEntry, Gazetteer, GazRelation


def test_gold_values_parse() -> None:
    assert _gold_ints("at least 13 (infobox: 16 incl. assailant; body: 15)") == {13, 16, 15}
    assert _gold_ints("infobox 103 (+2 suicide bombers)") == {103}
    assert _gold_ints("at least 115 (Investigative Committee, 23 Mar)") == {115}
    assert _gold_ints("dozens") == set()
    assert _gold_ints(84) == {84}
    assert _gold_date("Wednesday (2022-10-26)") == "2022-10-26"
    assert _gold_date("April (2022)") == "2022-04"
    assert _gold_date("2017") == "2017"
    assert _gold_date("Wednesday evening") is None


def test_article_header_is_skipped_and_date_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "https://example.org/x\nTITLE: t\nDATE: 2024-01-05\nNOTE: Facts: 99 killed\n\n"
        "Body line one.\nBody line two.\n", encoding="utf-8",
    )
    text, doc_date, precision = read_article(path)
    assert text == "Body line one.\nBody line two."
    assert (doc_date, precision) == (date(2024, 1, 5), "day")


class _Fake:
    """Stands in for the Extractor: returns a fixed Extraction per text."""

    def __init__(self, gazetteer: Gazetteer, answers: dict[str, Extraction]) -> None:
        self.gazetteer = gazetteer
        self.answers = answers

    def extract(
        self,
        text: str,
        language: str | None = None,
        *,
        doc_date: date | None = None,
        doc_precision: str = "day",
    ) -> Extraction:
        # the scorer also reads a key's inflected place names through the extractor: texts
        # a test does not answer find nothing
        return self.answers.get(text, Extraction())


def _gaz() -> Gazetteer:
    entries = [
        GazEntry("is", "organization", "Islamic State", {"any": ("ISIS", "IS"),
                                                          "ar": ("داعش",)}),
        GazEntry("amaq", "media_outlet", "Amaq News Agency", {"ar": ("وكالة أعماق",)}),
        GazEntry("ir", "place", "Iran", {}, kind="country", country="IR"),
        GazEntry("ir_kerman", "place", "Kerman", {"fa": ("کرمان",)}, kind="city",
                 country="IR", relations=(GazRelation("located_in", "ir"),)),
    ]
    return Gazetteer({e.id: e for e in entries})


def test_scores_events_figures_claims_and_entities(tmp_path: Path) -> None:
    (tmp_path / "d1.txt").write_text("u\n\nTEXT ONE", encoding="utf-8")
    gold = {
        "d1": {
            "file": "d1.txt", "language": "en",
            "organizations": ["Islamic State (IS)"],
            "media_outlets": ["Amaq", "Generic outlet (generic)"],
            "events": [{"date": "2024-01-03 (Wednesday)", "city": "Kerman", "country": "Iran",
                        "killed": "at least 84", "injured": "284 (state TV)",
                        "claimed_by": "ISIS, Thursday"}],
        }
    }
    key = tmp_path / "gold.json"
    key.write_text(json.dumps(gold), encoding="utf-8")
    found = Extraction(
        entities=[Entity("organization", "Islamic State", "ISIS", 0, 4, "is"),
                  Entity("organization", "Hamas", "Hamas", 5, 10, None)],
        events=[Event("bombing", DateValue("2024-01-03", "3 January 2024", 0, 1),
                      ["Kerman"], "Iran", killed=[Figure(84, "at_least", "at least 84", 0, 1)],
                      claimed_by=["Islamic State"], place_ids=["ir_kerman"])],
    )
    fake = _Fake(_gaz(), {"TEXT ONE": found})
    report = evaluate_extraction(fake, read_gold(key), tmp_path)
    data = report.to_json()["overall"]
    assert data["event_recall"]["rate"] == 1.0
    assert (data["figures"]["found"], data["figures"]["total"]) == (1, 2)  # injured missed
    assert data["claims"]["rate"] == 1.0
    # organisation found via the alias ISIS; Amaq missed (generic outlet not scored);
    # Hamas is an extra the key does not list
    assert data["by_type"]["organization"]["recall"]["rate"] == 1.0
    assert data["by_type"]["media_outlet"]["recall"]["total"] == 1
    assert data["by_type"]["organization"]["precision"]["rate"] == 0.5
    assert "en" in report.to_json()["by_language"]
    assert "events" in format_extraction_report(report)


@pytest.mark.parametrize(
    "claimant",
    [
        "groupe ISIS",  # "groupe État islamique": the key's head word is not part of the name
        "Terrormiliz ISIS",  # German "terror militia"
        "ISIS (spokesman X, statement Sunday)",  # notes holding a comma
        "گروه تروریستی داعش",  # "the terrorist group Daesh": a descriptor before the name
        "L’organisation de l’ISIS",  # "the organisation of ..."
        "l'ISIS",  # an elided French article
        "ISIS terör örgütü",  # Turkish "terrorist organisation" after it
        "گروه دولت اسلامی معروف به ISIS",  # "the Islamic State group, known as ..."
        "“ISIS” экстремисттик уюму",  # Kyrgyz "extremist organisation" after it
    ],
)
def test_a_claimant_with_a_head_word_or_notes_is_the_group(tmp_path: Path, claimant: str) -> None:
    (tmp_path / "d1.txt").write_text("u\n\nT", encoding="utf-8")
    key = tmp_path / "gold.json"
    key.write_text(json.dumps({"d1": {"file": "d1.txt", "language": "fr", "events": [
        {"date": "2024-01-03", "city": "Kerman", "claimed_by": claimant}]}}),
        encoding="utf-8")  # fmt: skip
    event = Event("attack", DateValue("2024-01-03", "x", 0, 1), ["Kerman"],
                  place_ids=["ir_kerman"], claimed_by=["Islamic State"])
    fake = _Fake(_gaz(), {"T": Extraction(events=[event])})
    report = evaluate_extraction(fake, read_gold(key), tmp_path)
    assert report.to_json()["overall"]["claims"]["rate"] == 1.0


def test_a_place_in_a_keys_note_does_not_decide_which_organisation(tmp_path: Path) -> None:
    # "Ministry of Foreign Affairs (Iran)": the note names a country the gazetteer knows; the
    # organisation found, another gazetteer entry, is still judged by its name
    (tmp_path / "d1.txt").write_text("u\n\nT", encoding="utf-8")
    key = tmp_path / "gold.json"
    key.write_text(json.dumps({"d1": {"file": "d1.txt", "language": "en", "organizations": [
        "Ministry of Foreign Affairs (Iran)"]}}), encoding="utf-8")  # fmt: skip
    gaz = _gaz()
    mofa = GazEntry("ir_mofa", "organization", "Ministry of Foreign Affairs of Iran", {},
                    kind="state_body", country="IR")  # fmt: skip
    gaz = Gazetteer({**gaz.entries, "ir_mofa": mofa})
    found = Entity("organization", mofa.name, "Iran's foreign ministry", 0, 5, "ir_mofa")
    fake = _Fake(gaz, {"T": Extraction(entities=[found])})
    report = evaluate_extraction(fake, read_gold(key), tmp_path)
    assert report.to_json()["overall"]["by_type"]["organization"]["recall"]["rate"] == 1.0


def test_a_key_may_write_a_place_in_another_case(tmp_path: Path) -> None:
    # "вблизи Джемикента" (near Dzhemikent, genitive) names the village the event found
    (tmp_path / "d1.txt").write_text("u\n\nT", encoding="utf-8")
    key = tmp_path / "gold.json"
    key.write_text(json.dumps({"d1": {"file": "d1.txt", "language": "ru", "events": [
        {"date": "2016-02-15", "city": "вблизи Джемикента"}]}}), encoding="utf-8")  # fmt: skip
    found = Event("bombing", DateValue("2016-02-15", "15 февраля", 0, 1), ["Джемикент"])
    near = Event("bombing", DateValue("2016-02-15", "15 февраля", 0, 1), ["Джем"])
    for event, rate in ((found, 1.0), (near, 0.0)):
        fake = _Fake(_gaz(), {"T": Extraction(events=[event])})
        report = evaluate_extraction(fake, read_gold(key), tmp_path)
        assert report.to_json()["overall"]["event_recall"]["rate"] == rate


def test_a_key_may_write_a_place_as_the_text_inflects_it(tmp_path: Path) -> None:
    # "Шри-Ланке" (locative): the extractor's own gazetteer matching names the entry
    (tmp_path / "d1.txt").write_text("u\n\nT", encoding="utf-8")
    key = tmp_path / "gold.json"
    key.write_text(json.dumps({"d1": {"file": "d1.txt", "language": "ru", "events": [
        {"date": "2019-04-21", "city": "Шри-Ланке"}]}}), encoding="utf-8")  # fmt: skip
    event = Event("bombing", DateValue("2019-04-21", "x", 0, 1), ["Sri Lanka"],
                  place_ids=["lk"])
    inflected = Entity("place", "Sri Lanka", "Шри-Ланке", 0, 9, gazetteer_id="lk")
    for answers, rate in (({}, 0.0), ({"Шри-Ланке": Extraction(entities=[inflected])}, 1.0)):
        fake = _Fake(_gaz(), {"T": Extraction(events=[event]), **answers})
        report = evaluate_extraction(fake, read_gold(key), tmp_path)
        assert report.to_json()["overall"]["event_recall"]["rate"] == rate


def test_wrong_date_or_place_is_not_the_event(tmp_path: Path) -> None:
    (tmp_path / "d1.txt").write_text("u\n\nT", encoding="utf-8")
    key = tmp_path / "gold.json"
    key.write_text(json.dumps({"d1": {"file": "d1.txt", "language": "en", "events": [
        {"date": "2024-01-03", "city": "Kerman", "killed": 84}]}}), encoding="utf-8")
    wrong_year = Event("attack", DateValue("2020-01-03", "x", 0, 1), ["Kerman"],
                       place_ids=["ir_kerman"], killed=[Figure(84, "exact", "84", 0, 1)])
    wrong_place = Event("attack", DateValue("2024-01-03", "x", 0, 1), ["Iran"],
                        place_ids=["ir"], killed=[Figure(84, "exact", "84", 0, 1)])
    for event, figures in ((wrong_year, 1.0), (wrong_place, 0.0)):
        fake = _Fake(_gaz(), {"T": Extraction(events=[event])})
        report = evaluate_extraction(fake, read_gold(key), tmp_path)
        assert report.to_json()["overall"]["event_recall"]["rate"] == 0.0
        # figures are judged on the event at the right place, whatever its date
        assert report.to_json()["overall"]["figures"]["rate"] == figures


def test_event_recall_is_split_by_whether_the_document_is_dated(tmp_path: Path) -> None:
    """ "on Sunday" resolves only in a dated document: the report says how many of the events
    were in documents with a known date, and how many of those were found."""
    (tmp_path / "d1.txt").write_text("u\nDATE: 2024-01-04\n\nT1", encoding="utf-8")
    (tmp_path / "d2.txt").write_text("u\n\nT2", encoding="utf-8")
    event = {"date": "2024-01-03", "city": "Kerman"}
    key = tmp_path / "gold.json"
    key.write_text(json.dumps({
        "d1": {"file": "d1.txt", "language": "en", "events": [event]},
        "d2": {"file": "d2.txt", "language": "en", "events": [event]},
    }), encoding="utf-8")  # fmt: skip
    found = Event("attack", DateValue("2024-01-03", "x", 0, 1), ["Kerman"],
                  place_ids=["ir_kerman"])  # fmt: skip
    fake = _Fake(_gaz(), {"T1": Extraction(events=[found])})
    report = evaluate_extraction(fake, read_gold(key), tmp_path)
    split = report.to_json()["event_recall_by_document_date"]
    assert (split["dated"]["found"], split["dated"]["total"]) == (1, 1)
    assert (split["undated"]["found"], split["undated"]["total"]) == (0, 1)
    assert "with a known date 1.00 (1/1), without one 0.00 (0/1)" in format_extraction_report(
        report
    )


def test_url_date_is_the_document_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "https://example.org/news/2022/10/27/story\nTITLE: t\n\nBody.\n", encoding="utf-8"
    )
    assert read_article(path) == ("Body.", date(2022, 10, 27), "day")
    # A URL with only the month dates the article to the month (htmldate reads it too).
    path.write_text("https://thediplomat.com./2022/08/story\n\nBody.\n", encoding="utf-8")
    assert read_article(path) == ("Body.", date(2022, 8, 1), "month")
    # A date at the end of a slug, as htmldate reads it; a number that is not a date is not.
    path.write_text("https://example.de/ausland/anschlag-2024-03-23\n\nBody.\n", "utf-8")
    assert read_article(path) == ("Body.", date(2024, 3, 23), "day")
    path.write_text("https://example.com/1107686234/ISIS-Claims\n\nBody.\n", "utf-8")
    assert read_article(path) == ("Body.", None, "day")


def test_missing_article_names_the_file(tmp_path: Path) -> None:
    key = tmp_path / "gold.json"
    key.write_text(json.dumps({"d": {"file": "nope.txt", "language": "en"}}), encoding="utf-8")
    with pytest.raises(InputNotFound, match="missing"):
        evaluate_extraction(_Fake(_gaz(), {}), read_gold(key), tmp_path)


def test_a_key_may_write_a_town_in_another_script_than_the_one_found(tmp_path: Path) -> None:
    # the key writes "المحفد"; the event found the GeoNames town under its English name
    (tmp_path / "d1.txt").write_text("u\n\nT", encoding="utf-8")
    key = tmp_path / "gold.json"
    key.write_text(json.dumps({"d1": {"file": "d1.txt", "language": "ar", "events": [
        {"date": "2025-10-21", "city": "المحفد"}]}}), encoding="utf-8")  # fmt: skip
    for town, rate in (("Al Mahfid", 1.0), ("Zinjibar", 0.0)):
        event = Event("attack", DateValue("2025-10-21", "x", 0, 1), [town])
        fake = _Fake(_gaz(), {"T": Extraction(events=[event])})
        report = evaluate_extraction(fake, read_gold(key), tmp_path)
        assert report.to_json()["overall"]["event_recall"]["rate"] == rate


def _score_event(
    tmp_path: Path, gold_event: dict[str, str], event: Event, gaz: Gazetteer | None = None
) -> dict[str, Any]:
    """The overall scores of one Persian document whose key holds ``gold_event`` and whose
    extraction found ``event``."""
    (tmp_path / "d1.txt").write_text("u\n\nT", encoding="utf-8")
    key = tmp_path / "gold.json"
    key.write_text(json.dumps({"d1": {"file": "d1.txt", "language": "fa",
                                      "events": [gold_event]}}), encoding="utf-8")  # fmt: skip
    fake = _Fake(gaz or _gaz(), {"T": Extraction(events=[event])})
    overall: dict[str, Any] = evaluate_extraction(fake, read_gold(key), tmp_path).to_json()[
        "overall"]  # fmt: skip
    return overall


def test_a_key_may_write_the_persian_ezafe_on_a_name(tmp_path: Path) -> None:
    # "شاخۀ خراسان": Persian writes the ezafe on the word as "ۀ"; the gazetteer lists "شاخه"
    iskp = GazEntry("iskp", "organization", "ISKP", {"fa": ("شاخه خراسان",)})
    gaz = Gazetteer({**_gaz().entries, "iskp": iskp})
    event = Event("attack", DateValue("2024-01-03", "x", 0, 1), ["Kerman"],
                  place_ids=["ir_kerman"], claimed_by=["ISKP"])
    gold = {"date": "2024-01-03", "city": "Kerman", "claimed_by": "شاخۀ خراسان"}
    assert _score_event(tmp_path, gold, event, gaz)["claims"]["rate"] == 1.0


def test_a_keys_place_parts_may_be_split_by_an_arabic_comma(tmp_path: Path) -> None:
    event = Event("attack", DateValue("2024-01-03", "x", 0, 1), ["Kerman"],
                  place_ids=["ir_kerman"])
    gold = {"date": "2024-01-03", "city": "گلزار شهدا، کرمان"}
    assert _score_event(tmp_path, gold, event)["event_recall"]["rate"] == 1.0


def test_a_key_may_write_a_short_place_name_the_gazetteer_qualifies(tmp_path: Path) -> None:
    # the key's "راسک" is the gazetteer's "شهر راسک" (listed only with its place noun)
    rask = GazEntry("ir_rask", "place", "Rask", {"fa": ("شهر راسک",)}, kind="city", country="IR")
    gaz = Gazetteer({**_gaz().entries, "ir_rask": rask})
    event = Event("attack", DateValue("2023-12-15", "x", 0, 1), ["Rask"], place_ids=["ir_rask"])
    gold = {"date": "2023-12-15", "city": "راسک"}
    assert _score_event(tmp_path, gold, event, gaz)["event_recall"]["rate"] == 1.0


def test_a_key_may_wrap_a_place_in_words_of_area_or_border(tmp_path: Path) -> None:
    # "نوار مرزی کرمان" (the border strip of Kerman): the name is Kerman
    event = Event("attack", DateValue("2024-01-03", "x", 0, 1), ["Kerman"],
                  place_ids=["ir_kerman"])
    gold = {"date": "2024-01-03", "city": "نوار مرزی کرمان"}
    assert _score_event(tmp_path, gold, event)["event_recall"]["rate"] == 1.0


def test_a_key_may_name_a_place_as_a_village_in_it(tmp_path: Path) -> None:
    # "a village in Kerman province": the key names Kerman; a village it does not name
    event = Event("attack", DateValue("2024-01-03", "x", 0, 1), ["Kerman Province"],
                  place_ids=["ir_kerman"])
    gold = {"date": "2024-01-03", "city": "a village in Kerman province"}
    assert _score_event(tmp_path, gold, event)["event_recall"]["rate"] == 1.0
    elsewhere = {"date": "2024-01-03", "city": "a village in Shiraz"}
    assert _score_event(tmp_path, elsewhere, event)["event_recall"]["rate"] == 0.0
