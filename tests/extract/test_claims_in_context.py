"""Events read in context with the full extractor: a group named as what another is linked to,
a building named in quotes, are not the claimant; a village no list knows stays in the event."""

from __future__ import annotations

import pytest

from propwatch.extract.extractor import Extractor
from propwatch.extract.patterns_ru import natasha_available
from propwatch.knowledge.gazetteer import default_gazetteer


def test_a_group_linked_to_another_is_the_claimant_in_arabic(extractor: Extractor) -> None:
    text = "وأعلنت حركة الشباب المرتبطة بتنظيم القاعدة مسؤوليتها عن الهجوم على الفندق في مقديشو."
    events = extractor.extract(text, "ar").events
    assert [e.claimed_by for e in events] == [["al-Shabaab"]]


def test_an_airport_in_quotes_is_no_organisation_or_claimant() -> None:
    if not natasha_available():
        pytest.skip("natasha is not installed")
    text = ('Глава "Эмирата Кавказ" Доку Умаров взял на себя ответственность за взрыв в '
            'московском аэропорту "Домодедово" 24 января 2011 года.')  # fmt: skip
    ex = Extractor(default_gazetteer(), use_ner=True).extract(text, "ru")
    assert "Домодедово" not in {e.name for e in ex.entities if e.type == "organization"}
    assert [e.claimed_by for e in ex.events] == [["Caucasus Emirate"]]


def test_a_splinter_claims_not_the_group_it_split_from_in_spanish(extractor: Extractor) -> None:
    text = ("Estado Islámico en África Occidental (ISWA), la filial de Estado Islámico escindida "
            "de Boko Haram, ha reivindicado un ataque contra una localidad de Borno.")  # fmt: skip
    events = extractor.extract(text, "es").events
    assert [e.claimed_by for e in events] == [["Islamic State West Africa Province"]]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Una bomba mató a 15 personas cerca de Rann, si bien ISWA no ha reclamado la autoría "
         "del ataque.", "es"),
        ("Une bombe a tué 15 personnes près de Rann ; l'ISWAP n'a pas revendiqué l'attaque.",
         "fr"),
    ],
)
def test_a_denied_or_missing_claim_in_romance_languages_is_no_claim(
    extractor: Extractor, text: str, lang: str
) -> None:
    events = extractor.extract(text, lang).events
    assert events and all(e.claimed_by == [] for e in events)


def test_an_outlet_affiliated_with_a_group_carries_the_groups_claim_in_arabic(
    extractor: Extractor
) -> None:
    text = ("قالت مصادر أمنية إن امرأة فجرت حزامها الناسف في سوق مزدحمة في بلدة المسيب يوم "
            "الجمعة مما أسفر عن مقتل 31 على الأقل.\nوأعلنت وكالة أعماق التابعة لتنظيم الدولة "
            "الإسلامية مسؤولية التنظيم عن الهجوم الذي وقع على بعد 30 كيلومترا شرقي مدينة كربلاء "
            "إضافة إلى هجوم آخر.")  # fmt: skip
    events = extractor.extract(text, "ar").events
    first = events[0]
    assert (first.type, first.place[0], first.claimed_by) == (
        "suicide_bombing", "Al-Musayab", ["Islamic State"]
    )


def test_a_village_no_list_knows_is_not_another_city_than_the_headlines(
    extractor: Extractor
) -> None:
    text = ("BREAKING: ISIS claims dozens of government forces killed in Deir Ezzor\n\n"
            "Jihadists have stormed Syrian Army positions in Al-Shawla village southwest the "
            "eastern city of Deir Ezzor.\n\nAccording to Amaq, 33 Syrian soldiers were killed "
            "in Al-Shawla after a surprise offensive.")  # fmt: skip
    events = extractor.extract(text, "en").events
    assert len(events) == 1
    assert [f.value for f in events[0].killed] == [33] and "Al-Shawla" in events[0].place


def test_a_lowercase_word_is_no_place_through_another_scripts_key(extractor: Extractor) -> None:
    text = ("По меньшей мере 18 человек были убиты боевиками в среду в деревне на территории "
            "штата Адамава на северо-востоке Нигерии. «Группа террористов на мотоциклах "
            "атаковала ранним утром деревню Дабне», — заявил глава департамента.")  # fmt: skip
    ex = extractor.extract(text, "ru")
    assert "Rann" not in {e.name for e in ex.entities}  # "ранним утром" (early morning)
    assert [e.place for e in ex.events] == [["Дабне", "Adamawa State"]]


@pytest.mark.parametrize(
    ("text", "language", "place", "claimant"),
    [
        # German: "took responsibility for the axe attack" (the claim verb at the clause's end)
        ("Die Terrormiliz Islamischer Staat hat nach Angaben ihr nahestehender Kreise die "
         "Verantwortung für die Axt-Attacke in einem Zug bei Würzburg übernommen.", "de",
         "Würzburg", "Islamic State"),
        # English: the group's own account of what its fighters did
        ("The Islamic State in a statement claimed its fighters killed 40 soldiers in an "
         "ambush near Damboa.", "en", "Damboa", "Islamic State"),
        ("An al-Shabaab spokesman confirmed the group's responsibility for the attack on a "
         "hotel in Mogadishu.", "en", "Mogadishu", "al-Shabaab"),
        # Uzbek: "al-Shabab claims to have carried out the attacks"
        ("Al-Shabab jangarilari Mogadishudagi mehmonxonaga hujum qildi. Al-Shabab hujumlarni "
         "amalga oshirganini da'vo qilmoqda.", "uz", "Mogadishu", "al-Shabaab"),
        # Portuguese, in its common misspelling "reinvindicar", and the group in Portuguese
        ("A Al Qaeda no Magrebe Islâmico divulgou um comunicado para reinvindicar o atentado "
         "em Grand-Bassam, na Costa do Marfim.", "pt", "Grand-Bassam",
         "al-Qaeda in the Islamic Maghreb"),
        # Turkish name of JNIM
        ("Mali'nin Gao kentinde Fransız askerlerine saldırı düzenlendi; saldırıyı Nusret "
         "el-İslam vel Müslimin üstlendi.", "tr", "Gao", "Jama'at Nusrat al-Islam wal-Muslimin"),
        # Russian: the faction claims, not the movement it is part of
        ("Террорист-смертник атаковал колонну в Хайбер-Пахтунхве, погибли 16 человек. "
         "Ответственность за нападение взяла на себя группировка Хафиз Гул Бахадур, являющаяся "
         "частью запрещенного в Пакистане движения «Техрик-и-Талибан Пакистан».", "ru",
         "Khyber Pakhtunkhwa", "Hafiz Gul Bahadur group"),
    ],
)
def test_claims_worded_in_other_ways(
    extractor: Extractor, text: str, language: str, place: str, claimant: str
) -> None:
    events = extractor.extract(text, language).events
    assert [(place in e.place, e.claimed_by) for e in events] == [(True, [claimant])]


def test_a_group_said_to_have_claimed_nothing_is_no_claimant_in_german(
    extractor: Extractor
) -> None:
    # hard negative: responsibility denied, and a politician's responsibility
    text = ("Die Taliban haben die Verantwortung für den Angriff in Kabul nicht übernommen. "
            "Der Minister übernahm die politische Verantwortung.")  # fmt: skip
    assert all(e.claimed_by == [] for e in extractor.extract(text, "de").events)


def test_an_uzbek_toll_of_the_dead_and_the_injured(extractor: Extractor) -> None:
    text = ("Қандаҳордаги масжидга ҳужум. Расмийларга кўра, ҳужумда ўлганлар сони 41 киши, "
            "жароҳатланганлар эса 70 нафарга етган.")  # fmt: skip
    (event,) = extractor.extract(text, "uz").events
    assert ([f.value for f in event.killed], [f.value for f in event.injured]) == ([41], [70])


@pytest.mark.parametrize(
    ("text", "language", "country"),
    [
        ("Ataque em Grand-Bassam, na Costa do Marfim, deixa 16 mortos.", "pt", "Côte d'Ivoire"),
        ("Angriff in Masar-i-Scharif: sechs Menschen getötet.", "de", "Afghanistan"),
        ("Nouakchott: une attaque en Mauritanie a fait trois morts.", "fr", "Mauritania"),
    ],
)
def test_countries_and_cities_in_western_languages(
    extractor: Extractor, text: str, language: str, country: str
) -> None:
    events = extractor.extract(text, language).events
    assert [e.country for e in events] == [country]


def test_a_monitor_that_reports_a_claim_is_an_organisation_not_the_claimant(
    extractor: Extractor
) -> None:
    text = ("The SITE Intelligence Group said the Islamic State claimed the bombings in Jolo, "
            "which killed 15 people.")  # fmt: skip
    found = extractor.extract(text, "en")
    assert ("organization", "SITE Intelligence Group") in {(e.type, e.name) for e in found.entities}
    assert [e.claimed_by for e in found.events] == [["Islamic State"]]
    # a monitor alone does not claim what it reports
    text = "The SITE Intelligence Group said the attack in Jolo, which killed 15, was claimed."
    assert [e.claimed_by for e in extractor.extract(text, "en").events] == [[]]


@pytest.mark.parametrize(
    ("text", "lang", "claimant"),
    [
        # the channel it spoke through stands between the speaker and its claim
        ("أعلن تنظيم داعش عبر وكالة أعماق للأنباء التابعة له على حسابها الرسمي على تطبيق تليغرام "
         "مسؤوليته "
         "عن التفجير الذي وقع في الموصل.", "ar", "Islamic State"),
        # "said that its fighters carried out the attack", in French
        ("Le groupe Etat islamique a déclaré dimanche que deux de ses combattants avaient mené "
         "l'attaque contre une église de Lagos, qui a fait 12 morts.", "fr", "Islamic State"),
        # "announced that they carried out the attack", in Turkish
        ("IŞİD, Kabil'deki camiye yönelik saldırıyı Şiileri hedef almak amacıyla "
         "gerçekleştirdiklerini açıkladı.", "tr", "Islamic State"),
    ],
)
def test_a_claim_with_the_channel_or_the_fighters_between(
    extractor: Extractor, text: str, lang: str, claimant: str
) -> None:
    assert [e.claimed_by for e in extractor.extract(text, lang).events] == [[claimant]]


def test_a_group_in_a_german_relative_clause_is_not_the_claimant(extractor: Extractor) -> None:
    text = ("Die Gruppe Jama'at Nasr al-Islam wal-Muslimin (JNIM), die mit Al-Qaida verbunden "
            "ist, bekannte sich zu dem Angriff auf Djibo, der über 40 Menschen das Leben "
            "gekostet hat.")  # fmt: skip
    (event,) = extractor.extract(text, "de").events
    assert event.claimed_by == ["Jama'at Nusrat al-Islam wal-Muslimin"]
    assert [(f.value, f.qualifier) for f in event.killed] == [(40, "over")]


def test_a_russian_dateline_city_places_an_event_named_by_its_country(
    extractor: Extractor
) -> None:
    text = ("Кабул, 12 мая. Боевики взяли на себя ответственность за взрыв у мечети в "
            "Афганистане. В результате погиб 10-летний мальчик.")  # fmt: skip
    (event,) = extractor.extract(text, "ru").events
    assert event.place[0] == "Kabul"
    assert [(f.value, f.qualifier) for f in event.killed] == [(1, "exact")]


def test_a_german_claim_as_the_author_and_a_shabaab_compound(extractor: Extractor) -> None:
    text = ("Die Shabaab-Miliz hat sich als Urheber des Anschlags auf ein Hotel in Mogadischu "
            "zu erkennen gegeben.")  # fmt: skip
    assert [e.claimed_by for e in extractor.extract(text, "de").events] == [["al-Shabaab"]]


def test_a_kyrgyz_number_of_the_wounded(extractor: Extractor) -> None:
    text = ("Бишкектеги кол салуудан каза болгондордун саны 12 адамга жетти. Жаракат "
            "алгандардын саны 40 адам.")  # fmt: skip
    (event,) = extractor.extract(text, "ky").events
    assert ([f.value for f in event.killed], [f.value for f in event.injured]) == ([12], [40])


def test_an_attack_in_a_village_no_list_knows_keeps_its_place(extractor: Extractor) -> None:
    text = "The group claimed an attack in Ntchinga, reported on Sunday, which killed five people."
    (event,) = extractor.extract(text, "en").events
    assert event.place[:1] == ["Ntchinga"]
    # an attack *on* a name is its target, not a place
    found = extractor.extract("An attack on Charlie Hebdo killed twelve people.", "en")
    assert not [e for e in found.entities if e.type == "place"]


def test_an_outlet_called_a_propaganda_arm_stays_the_outlet_in_arabic(
    extractor: Extractor
) -> None:
    text = "ونشرت مؤسسة الزلاقة الذراع الدعائي لتنظيم القاعدة في المغرب بيانا."
    found = {(e.type, e.name) for e in extractor.extract(text, "ar").entities}
    assert ("media_outlet", "Az-Zallaqa Media Foundation") in found
    assert ("organization", "al-Qaeda in the Islamic Maghreb") in found


def test_wilayat_khorasan_in_uzbek_cyrillic(extractor: Extractor) -> None:
    text = "Ҳужум учун жавобгарликни “Вилоят Хуросон” бўлими ўз зиммасига олди."
    names = {e.name for e in extractor.extract(text, "uz").entities}
    assert "Islamic State Khorasan Province" in names


def test_a_place_that_says_which_branch_is_not_where_the_attack_was(
    extractor: Extractor
) -> None:
    text = ("Концерт залида 60 киши ҳалок бўлган ҳужум учун жавобгарликни ИШИДнинг "
            "Афғонистондаги “Вилоят Хуросон” бўлими ўз зиммасига олди. Ҳужум Москвада "
            "бўлган.")  # fmt: skip
    events = extractor.extract(text, "uz").events
    assert all("Afghanistan" not in e.place for e in events)


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Le Jnim a revendiqué l'attaque du camp militaire de Kouakourou, qui a fait 20 morts.",
         "fr", "Kouakourou"),
        ("Un atentado en la localidad de Kafr Nabudah dejó 9 muertos.", "es", "Kafr Nabudah"),
        ("Bei dem Anschlag im Distrikt Chakdara wurden 12 Menschen getötet.", "de",
         "Chakdara"),
    ],
)
def test_a_place_named_after_its_kind_in_western_languages(
    extractor: Extractor, text: str, lang: str, place: str
) -> None:
    (event,) = extractor.extract(text, lang).events
    assert place in event.place


def test_a_dateline_country_with_an_accent_is_not_the_scene(extractor: Extractor) -> None:
    text = ("BEIRUT, Líbano (AP) — El grupo Estado Islámico reclamó un atentado contra un bus "
            "en el norte de Siria que causó 13 muertos.")  # fmt: skip
    (event,) = extractor.extract(text, "es").events
    assert event.country == "Syria"


def test_a_russian_relative_clause_with_a_long_description_names_no_claimant(
    extractor: Extractor
) -> None:
    text = ("Движение «Аш-Шабаб», связанное с запрещенной в РФ террористической организацией "
            "«Аль-Каида», взяло на себя ответственность за взрыв в Могадишо.")  # fmt: skip
    assert [e.claimed_by for e in extractor.extract(text, "ru").events] == [["al-Shabaab"]]


def test_a_turkish_claim_takes_no_capitalised_object_as_its_claimant(
    extractor: Extractor
) -> None:
    text = ("Mogadişu'daki otele saldırı düzenlendi. Saldırıyı üstlenen Eş-Şebap örgütü "
            "açıklama yaptı.")  # fmt: skip
    claims = [c for e in extractor.extract(text, "tr").events for c in e.claimed_by]
    assert "Saldırıyı" not in claims
    assert claims == ["al-Shabaab"]


def test_the_capital_of_a_countrys_region_is_not_the_countrys_capital(
    extractor: Extractor
) -> None:
    text = "A knife attack on police in the capital of Russia's Chechnya region killed one officer."
    names = {e.name for e in extractor.extract(text, "en").entities}
    assert "Moscow" not in names
    found = extractor.extract("Bombs in the capital of Russia.", "en").entities
    assert "Moscow" in {e.name for e in found}


def test_a_kyrgyz_toll_of_those_who_died_and_more_than_n_wounded(extractor: Extractor) -> None:
    text = "Ошко жакын жердеги жардыруудан 14 киши өлүп, 30дан ашуун адам жарадар болгон."
    (event,) = extractor.extract(text, "ky").events
    assert [(f.value, f.qualifier) for f in event.killed] == [(14, "exact")]
    assert [(f.value, f.qualifier) for f in event.injured] == [(30, "over")]


@pytest.mark.parametrize(
    ("text", "lang", "claimant"),
    [
        # an outlet speaking, with a date between it and "that one of its followers carried out"
        ("ذكرت وكالة أعماق التابعة لتنظيم داعش اليوم الأحد (5 مارس 2017) إن أحد أتباع التنظيم "
         "نفذ الهجوم على مركز للشرطة في الإسكندرية.", "ar", "Islamic State"),
        # "claiming that one of its “soldiers” had carried out", with the quotes
        ("The Islamic State's Amaq News Agency released a statement claiming that one of its "
         "“soldiers” had carried out the stabbing in Lyon.", "en", "Islamic State"),
        # French press writes the acronym as a word: "l'Iswap", "le Jnim"
        ("L'Iswap a revendiqué l'attaque contre un convoi près de Damboa, qui a fait 12 morts.",
         "fr", "Islamic State West Africa Province"),
        # "having ties with" al-Qaeda: the group it names is not the claimant
        ("Боевики группировки «Джамаат Нусрат аль-Ислам валь-Муслимин», имеющей связи с "
         "террористической группировкой «Аль-Каида», взяли на себя ответственность за нападение "
         "в Гао.", "ru", "Jama'at Nusrat al-Islam wal-Muslimin"),
    ],
)
def test_claims_of_round_13(extractor: Extractor, text: str, lang: str, claimant: str) -> None:
    assert [e.claimed_by for e in extractor.extract(text, lang).events] == [[claimant]]


def test_a_russian_group_announcing_its_attacks_claims_them(extractor: Extractor) -> None:
    text = ("Группировка «Джамаат Нусрат аль-Ислам валь-Муслимин» заявила о нескольких нападениях "
            "на военных в Гао.")  # fmt: skip
    claims = [e.claimed_by for e in extractor.extract(text, "ru").events]
    assert claims == [["Jama'at Nusrat al-Islam wal-Muslimin"]]


def test_a_name_with_its_acronym_after_the_quote_is_the_gazetteer_entry() -> None:
    if not natasha_available():
        pytest.skip("natasha is not installed")
    text = ('Боевики организации "Джамаат Нусрат аль-Ислам валь-Муслимин" (JNIM) напали на '
            "военных.")  # fmt: skip
    ex = Extractor(default_gazetteer(), use_ner=True).extract(text, "ru")
    orgs = [(e.text, e.gazetteer_id) for e in ex.entities if e.type == "organization"]
    # the name and its acronym: two mentions of the one gazetteer entry
    assert orgs == [("Джамаат Нусрат аль-Ислам валь-Муслимин", "jnim"), ("JNIM", "jnim")]


def test_a_dateline_with_its_country_in_lower_case_is_not_the_scene(
    extractor: Extractor
) -> None:
    text = "PESHAWAR, pakistan - A bomb killed five people in Bannu on Monday."
    (event,) = extractor.extract(text, "en").events
    assert "Peshawar" not in event.place
    text = "Un attacco di Al-Shabaab contro la base di Galcad ha ucciso 17 persone."
    (event,) = extractor.extract(text, "it").events
    assert "Galcad" in event.place


def test_a_sentence_about_the_attackers_says_where_the_attack_was(
    extractor: Extractor
) -> None:
    text = ("Almeno 9 persone sono state uccise in Somalia in un attacco di Al-Shabaab. Gli "
            "aggressori hanno preso il controllo della base di Galcad.")  # fmt: skip
    (event,) = extractor.extract(text, "it").events
    assert "Galcad" in event.place


@pytest.mark.parametrize(
    ("text", "lang", "claimant"),
    [
        ("IŞİD, Kabil'de askerlere bombalı saldırı düzenlediğini iddia etti.", "tr",
         "Islamic State"),
        ("L'Etat islamique en Afrique de l'Ouest (ISWAP) a affirmé avoir attaqué jeudi des "
         "positions de l'armée près de Damasak.", "fr", "Islamic State West Africa Province"),
        ('Die Jihadistenmiliz "Islamischer Staat" (IS) hat den Anschlag auf eine Polizeischule '
         "in Quetta für sich in Anspruch genommen.", "de", "Islamic State"),
        ("Ҳужум учун жавобгарликни «Аш-Шабоб» экстремистик гуруҳи ўз зиммасига олди. Ҳужум "
         "Могадишодаги ресторанга қилинган.", "uz", "al-Shabaab"),
        ("Die somalische Terrormiliz Shabab bekannte sich über den Sender Radio Andalus zu dem "
         "Angriff auf ein Gästehaus in Mandera.", "de", "al-Shabaab"),
        ("داعش اعلام کرد که یکی از نیروهایش عامل عملیات انتحاری بوده است که روز چهارشنبه در "
         "یک مرکز آموزشی در غرب کابل روی داد.", "fa", "Islamic State"),
        ("Дар таркиши мошини бомбгузоришуда дар Банну 11 нафар кушта шуданд. Гурӯҳи Ҳофиз Гул "
         "Баҳодур, як шохаи хурди “Толибон”-и Покистон, масъулияти ҳамларо ба дӯш гирифт.",
         "tg", "Hafiz Gul Bahadur group"),
    ],
)
def test_claim_wordings_of_rounds_14_and_15(
    extractor: Extractor, text: str, lang: str, claimant: str
) -> None:
    """The one claim of a text, whichever of its events carries it."""
    claims = [c for e in extractor.extract(text, lang).events for c in e.claimed_by]
    assert claims == [claimant]


def test_dera_ismail_khan_in_turkish(extractor: Extractor) -> None:
    text = "Pakistan'ın Dera İsmail Han kentinde bir karakola düzenlenen saldırıda 10 polis öldü."
    (event,) = extractor.extract(text, "tr").events
    assert event.place[0] == "Dera Ismail Khan"


def test_a_claim_of_a_series_of_attacks_covers_the_attacks_reported_after_it(
    extractor: Extractor
) -> None:
    text = ("The Tehreek-e-Taliban Pakistan (TTP) claimed responsibility for a series of attacks "
            "on Friday across Khyber Pakhtunkhwa, killing 20 security personnel. The coordinated "
            "assaults included a suicide bombing at a police school in Bannu. Eleven soldiers "
            "were killed in the Kurram district, while seven policemen died when a suicide "
            "bomber drove a vehicle into the gate of the Bannu school.")  # fmt: skip
    events = extractor.extract(text, "en").events
    assert len(events) == 2
    assert all(e.claimed_by == ["Tehrik-i-Taliban Pakistan"] for e in events)


def test_a_claim_of_several_attacks_including_one_covers_no_later_attack(
    extractor: Extractor
) -> None:
    text = ("JNIM has claimed responsibility for several recent assaults, including a May 24 "
            "attack on a base in Dioura, central Mali, that killed 40 soldiers. In Niger, "
            "security sources reported more than 100 soldiers killed in attacks in the Tahoua "
            "region in late May.")  # fmt: skip
    events = extractor.extract(text, "en").events
    niger = [e for e in events if e.country == "Niger"]
    assert niger and all(e.claimed_by == [] for e in niger)


def test_a_german_claim_of_two_attacks_covers_both(extractor: Extractor) -> None:
    text = ("Kano (AFP) Die Sekte Boko Haram hat sich zu zwei Angriffen mit insgesamt rund 250 "
            "Toten in Nigeria bekannt. Boko-Haram-Kämpfer hätten sowohl eine Attacke am 7. Mai in "
            "Bama mit 55 Opfern als auch einen Angriff am 16. April in Baga verübt, in dessen "
            "Folge fast 200 Menschen getötet worden waren, sagte Shekau.")  # fmt: skip
    events = extractor.extract(text, "de").events
    bama = [e for e in events if "Bama" in e.place]
    assert bama and all(e.claimed_by == ["Boko Haram"] for e in bama)
