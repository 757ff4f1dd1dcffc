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
