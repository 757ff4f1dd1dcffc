"""Wordings of the nineteenth real-page check (tests/extract/real_check/round19), scored blind
on round 18's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor
from propwatch.extract.numbers import find_numbers


def test_two_weekdays_of_one_report_are_two_attacks(extractor: Extractor) -> None:
    text = ("ERBIL - Militants on Tuesday launched an attack on Iraqi forces in Kirkuk province, "
            "killing two soldiers. The group on Tuesday claimed an attack on Peshmerga in Kirkuk "
            "late on Sunday, killing four of them.")
    events = extractor.extract(text, "en", doc_date=date(2021, 12, 7)).events
    dates = sorted(e.date.value for e in events if e.date is not None)
    assert dates == ["2021-12-05", "2021-12-07"]
    by_date = {e.date.value: [f.value for f in e.killed] for e in events if e.date}
    assert by_date["2021-12-07"] == [2] and by_date["2021-12-05"] == [4]


def test_an_efe_dateline_and_the_previous_day(extractor: Extractor) -> None:
    text = ("Cairo, Oct 16 (EFE).- Islamic State claimed responsibility early Saturday for a "
            "suicide bombing the previous day at a Shia mosque in the southern Afghan city of "
            "Kandahar that killed at least 40 people and injured 75.")
    event = one_event(extractor, text, "en", date(2021, 10, 16))
    assert event.place[0] == "Kandahar"  # not Cairo, where the report was filed
    assert event.date is not None and event.date.value == "2021-10-15"


def test_the_day_before_a_noun_is_no_date() -> None:
    text = "He bought the knife the day before the attack."
    assert find_dates(text, "en", doc_date=date(2024, 8, 25)) == []


def test_the_country_across_a_border_is_no_scene(extractor: Extractor) -> None:
    text = ("The Islamic State group has claimed an attack on an army camp in Niger. Hundreds of "
            "jihadists attacked the camp, near the border with Mali, killing 71 soldiers.")
    event = one_event(extractor, text, "en")
    assert event.place == ["Niger"] and [f.value for f in event.killed] == [71]


def test_two_provinces_are_two_attacks(extractor: Extractor) -> None:
    text = ("The attack on the Inates camp in the western Tillaberi region killed 71 soldiers. "
            "Three soldiers were also killed on Monday in an attack on an army post in the "
            "western Tahoua region.")
    events = extractor.extract(text, "en").events
    assert [e.place[0] for e in events] == ["Inates", "Tahoua Region"]


def test_an_arabic_dual_is_a_count_of_two(extractor: Extractor) -> None:
    assert [n.value for n in find_numbers("قتل رجل امرأتين طعنا بسكين", "ar")] == [2]
    # "مدنيين" is also the plural "civilians": no count
    assert [n.value for n in find_numbers("قتل مدنيين في الهجوم", "ar")] == []
    text = "قتل رجل امرأتين طعنا بسكين، اليوم الأحد، في محطة القطار الرئيسية في مرسيليا."
    event = one_event(extractor, text, "ar", date(2017, 10, 1))
    assert [f.value for f in event.killed] == [2]


def test_kyrgyz_lives_cut_short_and_uzbek_wounded_spelling(extractor: Extractor) -> None:
    ky = ("Исламабадда болгон жардыруудан кеминде 11 адамдын өмүрү кыйылды. 2014-жылы Пешавар "
          "шаарындагы мектепке болгон чабуулда талибдер 154 адамды жок кылышкан.")
    events = extractor.extract(ky, "ky").events
    assert {e.place[0]: [f.value for f in e.killed][:1] for e in events} == {
        "Islamabad": [11], "Peshawar": [154],
    }
    uz = "Хўжанд миршабхонасига террористик ҳужум, 25 киши ярадар бўлди."
    assert [f.value for f in one_event(extractor, uz, "uz").injured] == [25]


def test_pashto_claimant_right_before_the_closing_verb(extractor: Extractor) -> None:
    text = ("په پېښور کې چاودنې درې سرتېري وژلي دي. د دغه برید مسوولیت له پاکستاني طالبانو بېلې "
            "شوې ډلې جماعت الاحرار منلې ده.")
    assert one_event(extractor, text, "ps").claimed_by == ["Jamaat-ul-Ahrar"]


def test_a_persian_adverb_is_no_group_name(extractor: Extractor) -> None:
    text = ("داعش مسئولیت بمب‌گذاری دمشق را برعهده گرفت. این گروه تروریستی همچنین مسئولیت حمله "
            "مشابهی را در همان منطقه بر عهده گرفت.")
    names = {e.name for e in extractor.extract(text, "fa").entities}
    assert "همچنین" not in names


def test_a_weekday_of_last_week() -> None:
    fa = "طالبان پاکستان مسئولیت انفجار سه‌شنبه هفته گذشته در اسلام‌آباد را بر عهده گرفت"
    thursday = date(2025, 11, 20)
    assert [d.value for d in find_dates(fa, "fa", doc_date=thursday)] == ["2025-11-11"]
    en = "The blast on Tuesday last week killed 12."
    assert [d.value for d in find_dates(en, "en", doc_date=thursday)] == ["2025-11-11"]
    # on a Monday, the last Tuesday is already last week's
    monday = date(2025, 11, 17)
    assert [d.value for d in find_dates(en, "en", doc_date=monday)] == ["2025-11-11"]


def test_pakistani_taliban_in_persian_is_the_ttp(extractor: Extractor) -> None:
    text = "طالبان پاکستان مسئولیت انفجار در اسلام‌آباد را بر عهده گرفت که ۱۲ نفر کشته شدند."
    assert one_event(extractor, text, "fa").claimed_by == ["Tehrik-i-Taliban Pakistan"]


def test_a_bank_named_after_a_city_is_not_where_it_happened(extractor: Extractor) -> None:
    text = ("گروه داعش مسوولیت حمله انتحاری در برابر کابل بانک کندز را به عهده گرفت که پنج تن "
            "کشته شدند.")
    assert one_event(extractor, text, "prs").place[0] == "Kunduz"


def test_a_tajik_verb_before_a_number_closes_the_clause_before(extractor: Extractor) -> None:
    text = ("Мақомот мегӯянд, дар ин ҳамла дар Маскав зиёда аз 100 нафарро куштанду беш аз 120 "
            "касро маҷрӯҳ намуданд.")
    event = one_event(extractor, text, "tg")
    assert [f.value for f in event.killed] == [100]
    assert [f.value for f in event.injured] == [120]


def test_tajik_claimant_and_an_attack_told_as_background(extractor: Extractor) -> None:
    text = ("Дар ҳамла ба толори “Крокус Сити Холл” дар Маскав зиёда аз 100 нафар кушта шуданд. "
            "Аз ин пеш соли 2004 ба ҳангоми ҳамла ба мактаби Беслан дар Русия 330 нафар кушта "
            "шуд. Кумитаи тафтишоти Русия гуфт, ки шумори кушташудаҳо ба 93 нафар баробар шуд. "
            "Масъулияти ҳамларо ба толори консертие, ки дар он бояд гурӯҳи “Пикник” ҳунарнамоӣ "
            "мекард, гурӯҳи даҳшатафкани “Давлати исломӣ” ба дӯш гирифт.")
    events = {e.place[0]: e for e in extractor.extract(text, "tg").events}
    crocus, beslan = events["Crocus City Hall"], events["Beslan"]
    assert crocus.claimed_by == ["Islamic State"] and beslan.claimed_by == []
    assert 93 in [f.value for f in crocus.killed]
    assert [f.value for f in beslan.killed] == [330]


def test_a_natasha_name_ends_at_its_closing_quote() -> None:
    from propwatch.extract.patterns_ru import ner_candidates

    text = ("Запрещенная в России террористическая организация «Исламское государство» (ИГ, ИГИЛ) "
            "взяла на себя ответственность за теракт в Кермане.")
    names = [c.name for c in ner_candidates(text) if c.type == "organization"]
    assert names and all("»" not in n and "(" not in n for n in names)


def test_turkish_sam_is_damascus_and_german_provinz_nadschd_a_group(
    extractor: Extractor,
) -> None:
    tr = "Suriye’nin başkenti Şam’da gerçekleşen saldırıda 2 kişi hayatını kaybetti."
    assert one_event(extractor, tr, "tr").place[0] == "Damascus"
    en = "That was a sham election."
    assert not extractor.extract(en, "en").entities
    de = "Verantwortlich sei die IS-Untergruppe Provinz Nadschd."
    names = {e.name: e.type for e in extractor.extract(de, "de").entities}
    assert names.get("Islamic State Najd Province") == "organization"
    assert "Nadschd" not in names


def test_yesterdays_attack_in_russian() -> None:
    text = "«Исламское государство» взяло на себя ответственность за вчерашний теракт в Багдаде."
    found = find_dates(text, "ru", doc_date=date(2016, 2, 26))
    assert [d.value for d in found] == ["2016-02-25"]


def test_in_the_same_region_is_the_region_of_the_event_before(extractor: Extractor) -> None:
    text = ("Four people were hacked to death in Kenya's Lamu county on Thursday night by "
            "al-Shabaab militants. Al-Shabaab is fighting to overthrow the government in "
            "Mogadishu. In July nine people were shot and hacked to death in the same region.")
    events = extractor.extract(text, "en", doc_date=date(2017, 8, 18)).events
    july = next(e for e in events if e.date is not None and e.date.value == "2017-07")
    assert july.place[0] == "Lamu County" and [f.value for f in july.killed] == [9]
    assert not any("Mogadishu" in e.place for e in events)  # the seat of a government
