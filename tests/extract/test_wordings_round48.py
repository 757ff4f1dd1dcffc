"""Wordings of the forty-eighth real-page check (tests/extract/real_check/round48: Afghanistan,
Pakistan, Iran, Iraq and Syria in Dari, Pashto, Persian and Arabic), scored blind, written as
short statements of the kind the pages report."""

from __future__ import annotations

from tests.extract.conftest import place_names

from propwatch.extract.extractor import Extractor


def test_kandahar_s_maywand_district_keeps_the_district(extractor: Extractor) -> None:
    """ "د کندهار د میوند ولسوالۍ" (Kandahar's Maywand district): the provincial capital's name
    stands for its province; the district is the most specific place."""
    text = ("وسلهوالو مخالفانو نن سهار د کندهار د میوند ولسوالۍ د امنیې قومندانۍ پر ودانۍ له "
            "چاودېدونکيو توکو ډک مازدا ډوله موټر ته چاودنه ورکړه.\nد کندهار د امنيې قومندانۍ "
            "ویاند ویلي، موټربم برید کې ۳ پولیس او ۲ ملکیان وژل شوي دي.")
    (event,) = extractor.extract(text, "ps").events
    assert event.place[0] == "Maywand"


def test_kandahar_and_nangarhar_districts_in_pashto(extractor: Extractor) -> None:
    text = "د اچین ولسوالۍ اوسیدونکي د مهمند درې سیمې ته راغلي ول"
    assert place_names(extractor, text, "ps") == ["Achin District", "Mohmand Dara District"]
    text = "د ارغنداب ولسوالۍ کې چاودنه وشوه"
    assert "Arghandab (Kandahar)" in place_names(extractor, text, "ps")
