"""Wordings of the real-page checks 58 and 59 (tests/extract/real_check/round58, round59),
scored blind, then fixed."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_a_train_s_destination_is_not_the_scene(extractor: Extractor) -> None:
    text = (
        "An explosion at the railway station in Quetta on Saturday killed at least 27 people. "
        "The blast took place when the Rawalpindi-bound Jaffar Express and the Chaman-bound "
        "Chaman Express trains were due to depart the station."
    )
    event = one_event(extractor, text, "en", date(2024, 11, 9))
    assert event.place[0] == "Quetta"
    assert event.date is not None and event.date.value == "2024-11-09"


def test_where_the_attacker_tried_to_join_a_group_is_not_the_scene(
    extractor: Extractor,
) -> None:
    text = (
        "Gunman killed in Vienna terror attack had tried to join IS. The suspect in Monday "
        "night’s attack had been convicted for attempting to join the so-called Islamic State "
        "extremist group in Syria. Four people died in the attack."
    )
    event = one_event(extractor, text, "en", date(2020, 11, 3))
    assert event.place == ["Vienna"]
    assert event.date is not None and event.date.value == "2020-11-02"


def test_a_fake_explosive_vest_makes_no_suicide_bombing(extractor: Extractor) -> None:
    text = (
        "The gunman in Monday night’s terror attack in Vienna was armed with an automatic "
        "rifle and a fake explosive vest. Four people died."
    )
    assert one_event(extractor, text, "en", date(2020, 11, 3)).type != "suicide_bombing"
    real = "A man wearing an explosive vest killed four people in Vienna on Monday night."
    assert one_event(extractor, real, "en", date(2020, 11, 3)).type == "suicide_bombing"


_WRAPPED = (
    "Gunmen struck and killed a National\n"
    "Police Reservist in a raid in the Iressuki area, Elwak, Mandera County.\n"
    "The attackers believed to be\n"
    "al-Shabaab militants clashed with police reservists as they targeted the\n"
    "residence of the head of the reservists.\n"
    "Local police said the gang escaped\n"
    "after the Monday clash, with some sustaining injuries.\n"
    "Mandera Governor Mohamed Adan\n"
    "decried the killing as a needless murder that could have been avoided if\n"
    "security agents had acted on intelligence received as early as last week.\n"
)


def test_a_hard_wrapped_text_is_read_in_whole_sentences(extractor: Extractor) -> None:
    found = extractor.extract(_WRAPPED, "en", doc_date=date(2025, 3, 25))
    quoted = [span.text for event in found.events for span in event.evidence]
    assert "Gunmen struck and killed a National" not in quoted
    assert any(
        q.startswith("Gunmen struck and killed a National\nPolice Reservist") for q in quoted
    )


def test_a_headline_line_stays_apart_from_the_report_in_a_text_of_one_line_paragraphs(
    extractor: Extractor,
) -> None:
    text = (
        "Kenya attack: 12 killed in Mandera\n"
        "Kenyan police say 12 people have been killed in an attack in Mandera county.\n"
        "The attack happened early on Tuesday, police said.\n"
        "Security officers came right after the attack to rescue the guests.\n"
    )
    found = extractor.extract(text, "en", doc_date=date(2016, 10, 25))
    quoted = [span.text for event in found.events for span in event.evidence]
    assert "Kenya attack: 12 killed in Mandera" in quoted


def test_killings_by_beheading_are_an_attack_and_an_ap_dateline_is_not_its_scene(
    extractor: Extractor,
) -> None:
    text = (
        "Maputo, Mozambique – Reports of mass killings by Mozambique’s extremist rebels have "
        "raised international alarm.\n\nCapturing the town of Muatide, the insurgents "
        "beheaded more than 50 people on a soccer pitch, according to local media."
    )
    event = one_event(extractor, text, "en", date(2020, 11, 11))
    assert event.place[0] == "Muatide"
    assert "Maputo" not in event.place
    assert [f.value for f in event.killed][:1] == [50]


def test_the_outlets_credited_in_brackets_in_a_dateline(extractor: Extractor) -> None:
    text = (
        "PESHAWAR, (UrduPoint / Pakistan Point News - 19th Jun, 2019 ) :Counter Terrorism "
        "Department has recovered explosives.\n\n"
    )
    outlets = [e.name for e in extractor.extract(text, "en").entities if e.type == "media_outlet"]
    assert outlets == ["UrduPoint", "Pakistan Point News"]
    other = "CAMP SIONGCO, Maguindanao (MindaNews / 18 Feb) – The military blamed the group."
    assert ("media_outlet", "MindaNews") in {
        (e.type, e.name) for e in extractor.extract(other, "en").entities
    }
    # a country in the brackets stays a place
    found = extractor.extract("BEIRUT (Lebanon) – A bomb killed five people.", "en").entities
    assert [(e.type, e.name) for e in found] == [("place", "Beirut"), ("place", "Lebanon")]


def test_the_tajik_title_of_voice_of_khurasan_as_english_reporting_writes_it(
    extractor: Extractor,
) -> None:
    # the seed report: "... dominates publications such as Xuroson Ovozi, Sadoi Khuroson, and
    # Khurasan Ghag magazines" (where it says "Telegram channel, Sadoi Khuroson", the text's
    # own word makes it a channel)
    text = "Such rhetoric dominates publications such as Sadoi Khuroson and Khurasan Ghag."
    found = [(e.type, e.name) for e in extractor.extract(text, "en").entities]
    assert ("publication", "Voice of Khurasan") in found
