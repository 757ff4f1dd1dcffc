"""Wordings of the twenty-first real-page check (tests/extract/real_check/round21), scored blind
on round 20's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor


def test_a_month_with_a_relative_suffix() -> None:
    day = date(2018, 6, 18)
    uz = "16 iyundagi portlashda 36 kishi halok bo‘lgandi."
    assert [d.value for d in find_dates(uz, "uz", doc_date=day)] == ["2018-06-16"]
    tr = "Haziran'daki saldırıda 5 kişi öldü."
    assert [d.value for d in find_dates(tr, "tr", doc_date=day)] == ["2018-06"]


def test_a_group_named_in_the_sentences_before_claims_in_italian(extractor: Extractor) -> None:
    text = ("Almeno 13 persone sono state uccise nell'attacco di militanti di al-Shabaab a un "
            "hotel di Mogadiscio. Secondo al-Jazeera un kamikaze si è fatto esplodere all'ingresso "
            "dell'hotel. Il gruppo jihadista ha rivendicato l'attacco attraverso l'emittente "
            "Andalus.")
    events = extractor.extract(text, "it", doc_date=date(2017, 1, 25)).events
    assert [e.claimed_by for e in events] == [["al-Shabaab"]]


def test_a_german_claim_with_its_source_between(extractor: Extractor) -> None:
    text = ("Die Terrormiliz Daesh (auch Islamischer Staat, IS) hat sich nach Angaben der "
            "Nachrichtenagentur Reuters zum Bombenanschlag in Bagdad bekannt. Bei der Explosion "
            "waren am Montag mindestens 32 Menschen getötet worden.")
    events = extractor.extract(text, "de", doc_date=date(2017, 1, 2)).events
    assert [e.claimed_by for e in events] == [["Islamic State"]]


def test_an_arabic_adjective_ends_a_groups_name(extractor: Extractor) -> None:
    text = ("أعلن تنظيم الدولة المتشدد، أمس الخميس، مسؤوليته عن الهجوم الانتحاري على مسجد في مدينة "
            "أبها، والذي أسفر عن مقتل 15 شخصا.")
    events = extractor.extract(text, "ar", doc_date=date(2015, 8, 7)).events
    assert [e.claimed_by for e in events] == [["Islamic State"]]


def test_bla_eiil_and_lashkar_e_jhangvi_in_arabic(extractor: Extractor) -> None:
    def orgs(text: str, lang: str) -> set[str]:
        return {e.name for e in extractor.extract(text, lang).entities if e.type == "organization"}

    assert orgs("The BLA claimed the attack on the border post.", "en") == {
        "Balochistan Liberation Army"}
    assert orgs("bla bla", "en") == set()
    assert "Balochistan Liberation Army" not in orgs("БЛА сбили над Белгородом.", "ru")
    assert orgs("L'EIIL revendique une série d'attentats.", "fr") == {"Islamic State"}
    assert orgs("تبنت جماعة عسكر جنغوي الهجوم.", "ar") == {"Lashkar-e-Jhangvi"}


def test_persian_document_is_not_sindh(extractor: Extractor) -> None:
    text = ("وی با اسلحه به جمعیت در مرکز وین حمله کرده است. گروه داعش سه شنبه شب بدون ارائه سند "
            "و جزئیات بیشتر مسئولیت حمله به وین را بر عهده گرفت.")
    places = {e.name for e in extractor.extract(text, "fa").entities if e.type == "place"}
    assert "Sindh" not in places
    assert "Sindh" in {e.name for e in extractor.extract("در ایالت سند انفجار شد", "fa").entities}


def test_a_dari_date_after_a_weekday_and_a_slash() -> None:
    found = find_dates("پنجشنبه/۱ثور/۱۴۰۱", "prs", doc_date=date(2022, 4, 21))
    assert "2022-04-21" in [d.value for d in found if d.text.startswith("۱")]
    assert find_dates("12/05/2020", "en") == []


def test_the_city_of_mazar_is_another_province(extractor: Extractor) -> None:
    text = ("انفجار در ولسوالی خوگیانی ننگرهار جان ۴ نیروی طالبان را گرفت. منابع مردمی از وقوع "
            "انفجار در حوزه سوم امنیتی در شهر مزار، ولایت بلخ خبر داده اند که تا اکنون ۱۸ تن کشته "
            "شده اند.")
    events = extractor.extract(text, "prs").events
    assert [e.place[0] for e in events] == ["Khogyani District", "Mazar-i-Sharif"]
