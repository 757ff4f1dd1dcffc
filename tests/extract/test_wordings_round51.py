"""Wordings of the real-page checks 51-53 (tests/extract/real_check/round51..53: dated pages on
Afghanistan, Pakistan and Iran; Russia, Central Asia, Turkey and Europe; the Middle East and
Africa), scored blind, then fixed."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor
from propwatch.normalize import fold_homoglyphs


def test_a_title_number_and_the_next_paragraph_month_are_no_date() -> None:
    text = "ISIS claims Tehran terror attack that killed at least 12\n\nJun 7, 2017 | News"
    assert [d.value for d in find_dates(text, "en")] == ["2017-06-07"]
    # one line break inside a date is still a date
    assert [d.value for d in find_dates("attack on 12\nJune 2017", "en")] == ["2017-06-12"]


def test_today_at_the_start_of_a_line_after_a_byline(extractor: Extractor) -> None:
    text = (
        "By Reid Goodison & Matt Hodder\n\nToday’s coordinated terror attacks on Iran’s "
        "parliament in Tehran left at least 12 people dead and 39 injured."
    )
    event = one_event(extractor, text, "en", date(2017, 6, 7))
    assert event.date is not None and event.date.value == "2017-06-07"
    # a capitalised "Today" inside a headline line is still no date
    assert find_dates("If You Look At Today, it is", "en", date(2017, 6, 7)) == []


def test_a_date_in_the_attackers_own_after_clause(extractor: Extractor) -> None:
    text = (
        "Ten terrorists were killed in an attack after they tried to force their way into "
        "Bannu Cantonment on Monday, the Inter-Services Public Relations (ISPR) said."
    )
    event = one_event(extractor, text, "en", date(2024, 7, 16))
    assert event.date is not None and event.date.value == "2024-07-15"
    assert event.place[0] == "Bannu"


def test_the_capital_of_a_country_s_province_is_not_the_country_s_capital(
    extractor: Extractor,
) -> None:
    text = (
        "A blast hit the capital of Afghanistan’s northern Balkh province on Saturday, police "
        "said, killing one person."
    )
    event = one_event(extractor, text, "en", date(2023, 3, 11))
    assert "Kabul" not in event.place and event.place == ["Balkh province"]
    capital = "A blast hit the capital of Afghanistan on Saturday, killing one person."
    assert one_event(extractor, capital, "en", date(2023, 3, 11)).place[0] == "Kabul"


def test_words_with_latin_look_alikes_fold_into_the_script_only_they_can_be_written_in() -> None:
    # Cyrillic г and д have no Latin twin: the word is Russian, whatever the letter counts
    assert fold_homoglyphs("В aфгaнcкoм гopoдe Аcaдaбaд") == "В афганском городе Асадабад"
    assert fold_homoglyphs("Rаfidа") == "Rafida"


def test_russian_written_with_latin_look_alikes_is_read_and_quoted_as_written(
    extractor: Extractor,
) -> None:
    text = (
        "В aфгaнcкoм гopoдe Аcaдaбaд тeppopиcт-cмepтник взopвaл ceбя у пpaвитeльcтвeннoгo "
        "здaния ceгoдня, 27 фeвpaля. Кaк peзультaт, 11 пoгибших и 40 paнeных."
    )
    event = one_event(extractor, text, "ru", date(2016, 2, 27))
    assert event.type == "suicide_bombing"
    assert event.place[0] == "Asadabad"
    assert event.date is not None and event.date.value == "2016-02-27"
    assert [f.value for f in event.killed] == [11]
    # the evidence quotes the page, look-alikes and all
    assert event.evidence[0].text == text[event.evidence[0].start : event.evidence[0].end]
    assert "гopoдe" in event.evidence[0].text
    assert event.date.text == "27 фeвpaля"


def test_turkish_minibus_into_the_crowd_is_a_ramming(extractor: Extractor) -> None:
    text = (
        "Barcelona’da turistik bölgelerden birinde minibüs hızla kalabalığın arasına daldı. "
        "Korkunç olayda ilk belirlemelere göre en az 13 kişi öldü."
    )
    event = one_event(extractor, text, "tr", date(2017, 8, 17))
    assert event.type == "vehicle_ramming"
    assert event.place[0] == "Barcelona"
    assert [(f.value, f.qualifier) for f in event.killed] == [(13, "at_least")]


def test_a_yearless_day_after_the_report_is_of_the_year_before() -> None:
    found = find_dates("Jalolobod shahrida 12 mart kuni portlash", "uz", date(2024, 1, 6))
    assert [d.value for d in found] == ["2023-03-12"]
    # ... unless the text wrote its year earlier
    text = "1 сентября 2004 года захватили школу. 5 сентября силовики провели штурм"
    assert [d.value for d in find_dates(text, "ru", date(2025, 9, 1))] == [
        "2004-09-01", "2004-09-05"]  # fmt: skip
    # a day or two after a dateline is still its year
    assert [d.value for d in find_dates("теракт 3 сентября", "ru", date(2025, 9, 1))] == [
        "2025-09-03"]  # fmt: skip


def test_attacks_counted_with_a_day_and_a_town_are_an_attack(extractor: Extractor) -> None:
    text = (
        "The 2016 Aktobe shootings were a spate of three attacks on civilian and military "
        "targets in Aktobe, Kazakhstan on 5 June 2016."
    )
    event = one_event(extractor, text, "en", date(2016, 6, 6))
    assert (event.date and event.date.value, event.place[0]) == ("2016-06-05", "Aktobe")
    sport = "The team's attack looked sharp in the 2-0 win in Tashkent on 12 May 2023."
    assert extractor.extract(sport, "en", doc_date=date(2023, 6, 1)).events == []


def test_arabic_announced_yesterday_its_responsibility_dates_the_claim(
    extractor: Extractor,
) -> None:
    text = (
        "قال مسؤول محلي بأن انتحارياً فجر نفسه قرب دار للسينما في مدينة عدن اليمنية، اليوم "
        "السبت. وأعلن تنظيم \"داعش\" عبر حسابه على موقع \"تليجرام\" أمس الجمعة، مسؤوليته عن "
        "الهجوم الانتحاري."
    )
    event = one_event(extractor, text, "ar", date(2016, 10, 1))
    assert event.date is not None and event.date.value == "2016-10-01"
    assert event.place[0] == "Aden"


def test_the_day_of_the_victims_funeral_is_not_the_attack_s(extractor: Extractor) -> None:
    text = (
        "Un kamikaze a déclenché sa ceinture d’explosifs en pleine messe, dimanche, faisant au "
        "moins 25 morts dans une église copte du Caire. Le maréchal a assisté hier à "
        "l’enterrement des victimes de l’attentat."
    )
    event = one_event(extractor, text, "fr", date(2016, 12, 13))
    assert (event.date and event.date.value, event.place[0]) == ("2016-12-11", "Cairo")
    # a funeral that was attacked keeps its day
    attacked = "A suicide bomber struck a funeral in Jalalabad on Sunday, killing 12 people."
    event = one_event(extractor, attacked, "en", date(2017, 12, 4))
    assert event.date is not None and event.date.value == "2017-12-03"


def test_a_photo_caption_s_day_gives_way_to_the_report_s(extractor: Extractor) -> None:
    text = (
        "Des ambulances sur les lieux d'un attentat, le 28 septembre 2017 à Mogadiscio, en "
        "Somalie ©AFP\n\nDes insurgés islamistes shebab ont attaqué et pillé une base militaire "
        "de l’armée somalienne vendredi matin à Mogadiscio, tuant au moins huit soldats."
    )
    event = one_event(extractor, text, "fr", date(2017, 9, 29))
    assert event.date is not None and event.date.value == "2017-09-29"
    # a caption alone still dates its attack
    caption = ("Des ambulances sur les lieux d'un attentat qui a tué huit soldats, le 28 "
               "septembre 2017 à Mogadiscio, en Somalie ©AFP")  # fmt: skip
    event = one_event(extractor, caption, "fr", date(2017, 9, 29))
    assert event.date is not None and event.date.value == "2017-09-28"


def test_the_day_a_source_spoke_after_a_headline_and_a_caption(extractor: Extractor) -> None:
    text = (
        "Six Yemeni soldiers killed in al-Qaeda attack in Abyan province\n\n"
        "Photo: AFP\n\n"
        "Aden: At least six soldiers were killed in an attack carried out by al-Qaeda militants "
        "in the southern province of Abyan, a military official told media.\n\n"
        "“At dawn, units of the government forces were hit by a large-scale attack,” said the "
        "official requesting anonymity on Tuesday."
    )
    event = one_event(extractor, text, "en", date(2023, 8, 2))
    assert event.date is not None
    assert (event.date.value, event.date.resolution) == ("2023-08-01", "reported")


def test_the_day_a_source_spoke_after_a_page_s_date_lines(extractor: Extractor) -> None:
    text = (
        "۱۳ مرداد ۱۴۰۴\nبه روز شده در: ۱۳ مرداد ۱۴۰۴\nکد خبر ۸۸۷۸۳۲\n\n"
        "انفجار در پاکستان/ ۱۲ کشته ۵۰ زخمی\n"
        "وقوع ۲ انفجار در یک مرکز پلیس ضدتروریسم در شمال غرب پاکستان دستکم ۱۲ کشته بر جای "
        "گذاشت.\nبه گزارش ایرنا، عطالله خان از مقام های ارشد پاکستان دوشنبه شب گفت که این "
        "انفجارها در مرکز پلیس ضدتروریسم منطقه «دره سوات» در ایالت خیبرپختونخواه رخ داد."
    )
    event = one_event(extractor, text, "fa", date(2023, 4, 24))
    assert event.date is not None
    assert (event.date.value, event.date.resolution) == ("2023-04-24", "reported")


def test_pashto_the_incident_came_about_in_asadabad(extractor: Extractor) -> None:
    text = (
        "د افغانستان په ختیځ کې د طالبانو د یوه ځايي قوماندان په موټر کې چاودنه شوې چې له "
        "کبله یې هغه وژل شوی. پیښه د پنجشنبې په ورځ د کونړ ولایت په اسد آباد ښار کې رامنځ ته "
        "شوې ده."
    )
    event = one_event(extractor, text, "ps", date(2021, 10, 14))
    assert event.place == ["Asadabad", "Kunar province"]
    assert event.date is not None and event.date.value == "2021-10-14"
    # Persian "اسدآباد" is Hamadan's Asadabad, not Kunar's: the Pashto-only spelling stays
    # Pashto, also for the place patterns
    found = extractor.extract("شهرستان اسدآباد در استان همدان", "fa").entities
    assert all(e.gazetteer_id != "af_asadabad" for e in found)


def test_villages_no_list_holds_named_the_french_and_spanish_ways(extractor: Extractor) -> None:
    def places(text: str, lang: str) -> list[str]:
        return [e.name for e in extractor.extract(text, lang).entities if e.type == "place"]

    assert places("Un autre groupe d’ADF a attaqué le village Mantumbi.", "fr") == ["Mantumbi"]
    assert places("Dans le village voisin de Aveyi, un civil a été tué.", "fr") == ["Aveyi"]
    assert places("Ils ont tué trois civils à Mulolya, village situé à 8 km.", "fr") == [
        "Mulolya"]  # fmt: skip
    assert places("Según residentes de Madjoari, murieron siete soldados.", "es") == [
        "Madjoari"]  # fmt: skip
    # a word in capitals after "village" at a sentence's start is no village
    assert places("Le village est calme.", "fr") == []


def test_a_lead_attack_told_with_its_time_of_day_is_of_the_report_s_day(
    extractor: Extractor,
) -> None:
    text = (
        "İstanbul Sultanahmet Meydanı'nda saat 10.20'de çok şiddetli bir patlama meydana geldi. "
        "Patlamada 10 kişi hayatını kaybetti."
    )
    event = one_event(extractor, text, "tr", date(2016, 1, 12))
    assert event.date is not None
    assert (event.date.value, event.date.text, event.date.resolution) == (
        "2016-01-12", "saat 10.20", "relative")  # fmt: skip
    ru = (
        "Смертник взорвался в центре Махачкалы. Мощный взрыв прогремел на улице Ленина в "
        "Махачкале около 11:00 рядом с отделом полиции. Погибли два человека."
    )
    event = one_event(extractor, ru, "ru", date(2011, 5, 10))
    assert event.date is not None and event.date.value == "2011-05-10"
    # without the report's day, a time of day dates nothing
    assert one_event(extractor, text, "tr").date is None
    # a day the text gives wins over the clock
    dated = text.replace("saat 10.20'de", "pazartesi günü saat 10.20'de")
    event = one_event(extractor, dated, "tr", date(2016, 1, 12))
    assert event.date is not None and event.date.value == "2016-01-11"


def test_a_page_s_time_stamp_is_no_time_of_the_attack(extractor: Extractor) -> None:
    text = (
        "TTP claims responsibility for deadly suicide blast in Peshawar\n\n"
        "05:23 PM | 30 Jan, 2023\n\n"
        "A suicide bomber blew himself up in a mosque in Peshawar's Police Lines, killing 63."
    )
    event = one_event(extractor, text, "en", date(2023, 2, 1))
    assert event.date is None or event.date.text != "05:23 PM"


def test_a_first_line_that_is_only_the_page_s_date_dates_no_attack(
    extractor: Extractor,
) -> None:
    text = (
        " date 2025-09-06 El grupo yihadista Boko Haram mató a más de 60 personas en un ataque "
        "a una aldea en el estado de Borno.\n\nEl ataque fue realizado el viernes por la noche, "
        "cuando los militantes atacaron el poblado de Darul Jamal."
    )
    event = one_event(extractor, text, "es", date(2025, 9, 6))
    assert event.date is not None and event.date.value == "2025-09-05"


def test_no_body_named_by_a_sentence_going_on_or_an_officer_s_rank(extractor: Extractor) -> None:
    def bodies(text: str, lang: str) -> list[str]:
        found = extractor.extract(text, lang).entities
        return [e.name for e in found if e.type in ("organization", "media_outlet")]

    # Persian "the terrorist groups present in the region", "this agency [put] the number"
    assert bodies("ارتش مصر نبرد شدیدی با گروههای تروریستی موجود در منطقه دارد.", "fa") == [
        "Egyptian army"]  # fmt: skip
    assert bodies("این خبرگزاری شمار کشتهشدگان را ۳۰ نفر اعلام کرد.", "fa") == []
    # Arabic "... of an organisation and depriving it of ..."
    assert bodies("بشأن تجفيف موارد تنظيم وحرمانه من الاستفادة من النظام المالي.", "ar") == []
    # an officer's rank before an acronym
    assert bodies("Quetta Deputy Inspector General of Police (DIGP) Ghulam Azfar said.", "en") == []
    assert set(bodies("the Counter Terrorism Department (CTD) said", "en")) == {
        "Counter Terrorism Department"}  # fmt: skip


def test_a_count_written_like_a_time_is_no_time_of_day(extractor: Extractor) -> None:
    text = (
        "В Кабуле взорвал себя смертник. По данным полиции, погибли около 20-30 человек."
    )
    event = one_event(extractor, text, "ru", date(2021, 5, 8))
    assert event.date is None
