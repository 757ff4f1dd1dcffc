"""Wordings of the twenty-fourth real-page check (tests/extract/real_check/round24), scored
blind on round 23's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

import pytest

from propwatch.extract.extractor import Extractor


def test_a_possessive_date_after_the_claim_dates_the_attack(extractor: Extractor) -> None:
    text = ("A Lebanese group linked to al-Qaeda has claimed responsibility for Tuesday’s double "
            "suicide bombing outside Iran’s embassy in Beirut that killed at least 23 people.")
    (event,) = extractor.extract(text, "en", doc_date=date(2013, 11, 21)).events
    assert event.date is not None and event.date.value == "2013-11-19"


def test_a_russian_fighter_who_blew_himself_up(extractor: Extractor) -> None:
    text = ("Во вторник утром на территорию правительственного комплекса в Грозном проникли "
            "трое боевиков, один из которых подорвал себя; погибли шесть человек.")
    (event,) = extractor.extract(text, "ru", doc_date=date(2010, 10, 19)).events
    assert event.type == "suicide_bombing"
    assert event.date is not None and event.date.value == "2010-10-19"
    assert [f.value for f in event.killed] == [6]


def test_a_quote_mark_opening_wire_copy_quotes_no_speaker(extractor: Extractor) -> None:
    """The relative date of a paragraph that opens with a quote mark and never closes it is
    the report's; inside a closed quotation it stays the speaker's."""
    text = ("“بنغازي – وكالات – قتل 45 شخصا على الأقل في 3 انفجارات لسيارات مفخخة، هزت صباح "
            "امس، 3 مواقع حيوية في مدينة القبة، شرقي ليبيا.")
    (event,) = extractor.extract(text, "ar", doc_date=date(2015, 2, 21)).events
    assert event.date is not None and event.date.value == "2015-02-20"
    quoted = "“Our attackers carried out the attack in Kabul today, killing 12,” said Mansoor."
    (event,) = extractor.extract(quoted, "en", doc_date=date(2015, 2, 21)).events
    assert event.date is None


@pytest.mark.parametrize(
    ("text", "lang", "kind", "name"),
    [
        ("اعلن حرس الحدود الأردني مقتل سبعة من عناصره.", "ar", "organization",
         "Jordanian border guard"),
        ("Des soldats de l'armée du Mali ont été tués.", "fr", "organization", "Malian army"),
        ("Um porta-voz do Exército do Iraque disse que 59 morreram.", "pt", "organization",
         "Iraqi army"),
        ("L'attaque a été revendiquée par Daech.", "fr", "organization", "Islamic State"),
        ("د جماعت الحرار ډلې مسوولیت ومانه.", "ps", "organization", "Jamaat-ul-Ahrar"),
        ("Les soldats de Barkhane ont riposté.", "fr", "organization", "Operation Barkhane"),
        ("Le forze speciali e i Peshmerga hanno respinto l'attacco.", "it", "organization",
         "Peshmerga"),
        ("The Sindh Rangers and police cleared the building.", "en", "organization",
         "Sindh Rangers"),
        ("د فرانسې خبري آژانس د راپور له مخې ۳۶ کسان ووژل شول.", "ps", "media_outlet",
         "Agence France-Presse"),
        ("وي او ای ډیوه ته یې وویل چې ۲۰ کسان وژل شوي.", "ps", "media_outlet", "VOA Deewa"),
        ("Ба гузориши Ройтерз, дар ин ҳамла 12 нафар кушта шуданд.", "tg", "media_outlet",
         "Reuters"),
        ("The Abdullah Azzam Brigades has said the attack is a message to Iran.", "en",
         "organization", "Abdullah Azzam Brigades"),
        ("The United Jihad Council said the attack was a message to India.", "en",
         "organization", "United Jihad Council"),
        ("Police said two people died, The Canadian Press reported.", "en", "media_outlet",
         "The Canadian Press"),
        ("وقالت قناة أخبار الآن إن الهجوم استهدف مسجدا.", "ar", "media_outlet", "Akhbar Al Aan"),
        ("Nach Informationen von NDR und WDR plante der Mann einen Anschlag.", "de",
         "media_outlet", "WDR"),
    ],
)
def test_names_of_round_24(
    extractor: Extractor, text: str, lang: str, kind: str, name: str
) -> None:
    assert (kind, name) in {(e.type, e.name) for e in extractor.extract(text, lang).entities}
