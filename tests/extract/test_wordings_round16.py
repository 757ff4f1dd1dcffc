"""Wordings of the sixteenth real-page check (tests/extract/real_check/round16), written as short
statements of the kind the pages report: claims, tolls, dates and places the extractor missed
or misread, and the hard negatives beside them."""

from __future__ import annotations

from datetime import date

import pytest
from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


@pytest.mark.parametrize(
    ("text", "lang", "claimant"),
    [
        # the Islamic State's own formula: the attacker "is a soldier of" the group
        ("L'homme a tué trois personnes à Trèbes. « L'auteur de l'attaque est un soldat de "
         "Daesh », a déclaré le groupe dans un communiqué de son agence Amaq.", "fr",
         "Islamic State"),
        ("The man who carried out the attack in Vienna, killing four people, was a soldier of "
         "the Islamic State, the group said through Amaq.", "en", "Islamic State"),
        # German writes the Islamic State "IS"
        ("Der IS bekennt sich zu dem Angriff auf die Küstenstadt Palma in Mosambik.", "de",
         "Islamic State"),
        ("Die Terrormiliz Islamischer Staat steckt nach eigenen Angaben hinter der Attacke auf "
         "die Stadt Palma in Mosambik.", "de", "Islamic State"),
        # Turkish: the group opens the sentence, the claim verb closes it far after
        ("IŞİD terör örgütü bugün yaptığı açıklamada Afganistan’ın başkenti Kabil’de en az bir "
         "kişinin ölümüne yol açan bir minibüs patlamasının sorumluluğunu üstlendi.", "tr",
         "Islamic State"),
        # Dari: "confirmed that the attack ... was the work of this group", ezafe written "ۀ"
        ("شاخۀ خراسان گروه داعش تأیید کرد که حملۀ روز جمعه به سفارت در کابل کار این گروه "
         "بوده است.", "prs", "Islamic State Khorasan Province"),
        # "a rocket attack it claimed to have conducted"
        ("Jund al-Khilafah released two videos of a rocket attack it claimed to have conducted "
         "on an American base in Khost, Afghanistan on July 11, 2011.", "en",
         "Jund al-Khilafah"),
        # the British press writes "Isis"
        ("Isis claimed responsibility for the attack on the office in Jalalabad that killed "
         "four people.", "en", "Islamic State"),
    ],
)
def test_claim_wordings_of_round_16(
    extractor: Extractor, text: str, lang: str, claimant: str
) -> None:
    claims = [c for e in extractor.extract(text, lang).events for c in e.claimed_by]
    assert claims == [claimant]


def test_isis_as_a_name_and_is_in_english_capitals_are_no_group(extractor: Extractor) -> None:
    text = "Isis Brown, a teacher, said: THIS IS A BOMBING IN KABUL. An attack in Kabul killed 5."
    found = extractor.extract(text, "en")
    assert not [e for e in found.entities if e.type == "organization"]


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # "14 people fell victim to it and 13 others were wounded"
        ("شهد العراق تفجيرا انتحاريا راح ضحيته 14 شخصا وأصيب 13 آخرون في مخيم للنازحين قرب "
         "بغداد.", "ar", ["14:exact"], ["13:exact"]),
        # "more than 100 people lost their lives" (kaybederken: the verb with a softened t)
        ("Ankara'da çifte intihar saldırılarında 100'ü aşkın kişi hayatını kaybederken, "
         "yüzlerce kişi de yaralandı.", "tr", ["100:over"], []),
        # "eleven of them were wounded": a number word with its case endings
        ("Kabil'de bir otobüste bomba patladı, bir sivil öldü ve on birinin yaralandığı "
         "bildirildi.", "tr", ["1:exact"], ["11:exact"]),
        # Kyrgyz: "more than 40 people were taken to hospital with wounds"
        ("Кабулда жанкечти өзүн жардырды. 40тан ашык киши жараттар менен ооруканага "
         "жеткирилди.", "ky", [], ["40:over"]),
        # "the death of a police officer and the wounding of two more"
        ("Подрыв автоколонны МВД произошел в Дагестане. Подтвержден факт гибели сотрудника "
         "полиции и ранения еще двух.", "ru", ["1:exact"], ["2:exact"]),
        # "about forty forest guards were killed"
        ("In Burkina Faso, una quarantina di guardie forestali è stata uccisa in un attacco nella "
         "provincia di Gourma.", "it", ["40:about"], []),
    ],
)
def test_tolls_of_round_16(
    extractor: Extractor, text: str, lang: str, killed: list[str], injured: list[str]
) -> None:
    events = extractor.extract(text, lang).events
    assert [f"{f.value}:{f.qualifier}" for e in events for f in e.killed] == killed
    assert [f"{f.value}:{f.qualifier}" for e in events for f in e.injured] == injured


def test_a_date_after_took_place_is_the_attacks_despite_an_appositive(
    extractor: Extractor
) -> None:
    text = ("The massacre in Solhan, northern Burkina Faso, took place over two nights in June "
            "2021.")  # fmt: skip
    event = one_event(extractor, text, "en", date(2021, 12, 21))
    assert event.date is not None and event.date.value == "2021-06"


def test_hours_ago_is_the_day_of_the_report_and_hours_before_the_blast_is_not(
    extractor: Extractor
) -> None:
    ago = ("ساعاتی قبل مردان مسلح با بمب دستی بر تلویزیون شمشاد در کابل حمله کردند و دو نفر "
           "کشته شدند.")
    event = one_event(extractor, ago, "prs", date(2017, 11, 7))
    assert event.date is not None and event.date.value == "2017-11-07"
    before = "ساعاتی قبل از این انفجار در کویته یک وکیل با شلیک افراد مسلح کشته شد."
    event = one_event(extractor, before, "fa", date(2016, 8, 8))
    assert event.date is None


def test_the_day_the_news_came_out_is_not_the_attacks(extractor: Extractor) -> None:
    text = ("Nel Burkina Faso una quarantina di guardie forestali è stata uccisa in un attacco "
            "rivendicato dal JNIM. L’attacco è stato compiuto sabato ma è stato reso noto solo "
            "oggi, giovedì 19 febbraio.")  # fmt: skip
    event = one_event(extractor, text, "it", date(2026, 2, 19))
    assert event.date is not None and event.date.value == "2026-02-14"


def test_a_toll_right_after_an_attack_word_makes_it_an_attack_and_says_where(
    extractor: Extractor
) -> None:
    text = ("Une attaque armée a eu lieu au Niger ce mercredi soir. Un poste militaire dans le "
            "département de Ouallam a été visé : au moins onze morts.")  # fmt: skip
    event = one_event(extractor, text, "fr", date(2017, 2, 23))
    assert event.place[0] == "Ouallam"
    assert [f.value for f in event.killed] == [11]


def test_a_toll_after_an_explosion_alone_is_no_attack(extractor: Extractor) -> None:
    text = "A gas explosion hit a building in Kabul. Five people died."
    assert extractor.extract(text, "en").events == []


def test_a_place_opening_the_sentence_is_its_scene(extractor: Extractor) -> None:
    text = ("In Burkina Faso, nella provincia orientale di Gourma, una quarantina di guardie "
            "forestali è stata uccisa in un attacco rivendicato dal JNIM.")  # fmt: skip
    assert one_event(extractor, text, "it").place[0] == "Gourma Province"


def test_balochistan_in_uzbek(extractor: Extractor) -> None:
    text = ("Pokiston janubidagi Belujiston provinsiyasida ibodatxonada portlash oqibatida 52 "
            "kishi halok bo‘ldi.")  # fmt: skip
    assert one_event(extractor, text, "uz").place[0] == "Balochistan (Pakistan)"


def test_who_backs_someone_is_not_where_it_happened(extractor: Extractor) -> None:
    text = ("التفجير الانتحاري الذي أعلن داعش، الذي يواجه هجمات تدعمها الولايات المتحدة، "
            "مسؤوليته عنه قتل 14 شخصا في مخيم قرب بغداد.")  # fmt: skip
    places = [p for e in extractor.extract(text, "ar").events for p in e.place]
    assert "United States" not in places


@pytest.mark.parametrize(
    ("text", "lang", "not_found"),
    [
        # "happened near the city's airport": "روی داد" (happened) is no town
        ("حمله در نزدیکی فرودگاه شهر روی داد و ۱۶ کشته برجای گذاشت.", "fa", "روی"),
        # a security post, not a media centre
        ("سقطت قذائف هاون على مركز الصفا الأمني جنوبي مدينة العريش.", "ar", "مركز الصفا الأمني"),
        # "the private television Shamshad": the description is no outlet's name
        ("مردان مسلح بر تلویزیون خصوصی شمشاد حمله کردند.", "prs", "تلویزیون خصوصی"),
    ],
)
def test_common_words_are_no_names(
    extractor: Extractor, text: str, lang: str, not_found: str
) -> None:
    assert not_found not in {e.name for e in extractor.extract(text, lang).entities}


def test_a_possessive_group_name_is_no_kunya(extractor: Extractor) -> None:
    found = extractor.extract("The Abu Sayyaf’s Hapilon was wounded in Marawi.", "en")
    assert ("organization", "Abu Sayyaf Group") in {(e.type, e.name) for e in found.entities}
    assert not [e for e in found.entities if e.type == "person"]


def test_a_name_with_the_tajik_glued_and(extractor: Extractor) -> None:
    text = "Дар ин ҳамла 28 узви Толибону 13 сарбози ИМА кушта шуданд."
    names = {e.name for e in extractor.extract(text, "tg").entities}
    assert "Taliban" in names


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("L'attaque du 1er octobre 2017 à Marseille a fait deux morts.", "fr", "2017-10-01"),
        ("El atentado del 1º de octubre de 2017 en Marsella dejó dos muertos.", "es",
         "2017-10-01"),
        ("O ataque de 1º de outubro de 2017 em Marselha fez dois mortos.", "pt", "2017-10-01"),
    ],
)
def test_the_first_of_the_month_written_as_an_ordinal(
    extractor: Extractor, text: str, lang: str, value: str
) -> None:
    event = one_event(extractor, text, lang)
    assert event.date is not None and event.date.value == value


def test_bannu_in_pashto_and_not_the_arabic_sons_of(extractor: Extractor) -> None:
    ps = "په بنو کې ترهګرو په پولیسو برید وکړ او درې پولیس یې ووژل."
    assert one_event(extractor, ps, "ps").place[0] == "Bannu"
    ar = "قتل 5 أشخاص في هجوم على أبناء قبيلة بنو هاشم في اليمن."
    assert "Bannu" not in {e.name for e in extractor.extract(ar, "ar").entities}
