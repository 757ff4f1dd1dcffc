"""The multi-pattern matcher: scripts meet, obfuscation is undone, word boundaries hold."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from propwatch.detect.matcher import Match, Matcher
from propwatch.detect.perturb import PERTURBATIONS, perturb
from propwatch.errors import KnowledgeError
from propwatch.knowledge.model import StanceCue, Term


def term(id_: str, language: str, form: str, *variants: str, match: str = "word") -> Term:
    return Term(id_, language, form, variants, ("anti_shia",), 0.8, match=match)  # type: ignore[arg-type]


TERMS = [
    term("uz-rofiziy", "uz", "rofiziy", "рофизий", match="stem"),
    term("uz-salibchilar", "uz", "salibchilar", "салибчилар"),
    term("uz-togut", "uz", "tog‘ut", "тоғут", match="stem"),
    term("tg-rofizi", "tg", "рофизӣ", match="stem"),
    term("ky-tagut", "ky", "тагут"),
    term("ru-rafidit", "ru", "рафидит"),
    term("fa-rawafid", "fa", "روافض"),
    term("ps-salibian", "ps", "صلیبیان"),
    term("ar-rafida", "ar", "الرافضة", "رافضة"),
    term("tr-rafizi", "tr", "Rafızi", match="stem"),
    term("en-worshippers-cross", "en", "worshippers of the cross"),
    term("en-isis", "en", "ISIS", match="exact"),
]
MATCHER = Matcher(TERMS)

#: (sentence, term id it must yield): short narrative claims as public reporting quotes them.
SENTENCES = [
    ("Kanal rofiziylarni yahudiylar bilan bir deb da'vo qiladi.", "uz-rofiziy"),
    ("Бу гуруҳ рофизийлар ҳақида ёлғон тарқатади.", "uz-rofiziy"),
    ("Xabarda salibchilarning ittifoqi haqida gapiriladi.", "uz-salibchilar"),
    ("Kanal tog‘ut hukumatlarga qarshi chaqiradi.", "uz-togut"),
    ("Улар тоғутларга итоат қилмасликка чақиради.", "uz-togut"),
    ("Рофизиён душмани аҳли суннатанд, мегӯяд канал.", "tg-rofizi"),
    ("Гурӯҳ рофизиҳоро бо яҳудиён як медонад.", "tg-rofizi"),
    ("Канал тагуттарга баш ийбөөгө чакырат.", "ky-tagut"),
    ("Пропаганда называет шиитов рафидитами.", "ru-rafidit"),
    ("Рафидиты и их союзники едины, утверждает канал.", "ru-rafidit"),
    ("این کانال شیعیان را روافض می‌نامد.", "fa-rawafid"),
    ("دا چینل صلیبیان دښمنان بولي.", "ps-salibian"),
    ("بيان يهاجم الرافضة والصليبيين.", "ar-rafida"),
    ("والرافضة أعداء الأمة بحسب المنشور.", "ar-rafida"),
    ("المنشور يصف الرافضي بأنه عدو.", "ar-rafida"),
    ("Kanal Şiileri Rafiziler olarak adlandırıyor.", "tr-rafizi"),
    ("Metinde Rafızilerin ittifakı iddia ediliyor.", "tr-rafizi"),
    ("The post calls Christians worshippers of the cross.", "en-worshippers-cross"),
    ("A channel linked to ISIS shared the statement.", "en-isis"),
]


def ids(matches: list[Match[Term]]) -> set[str]:
    return {m.pattern.id for m in matches}


@pytest.mark.parametrize(("sentence", "term_id"), SENTENCES)
def test_sample_sentences_are_detected(sentence: str, term_id: str) -> None:
    matches = MATCHER.find(sentence)
    assert term_id in ids(matches)
    for m in matches:
        assert sentence[m.start : m.end] == m.text
        # Evidence covers whole words: no letter right before or after the span.
        assert m.start == 0 or not sentence[m.start - 1].isalpha()
        assert m.end == len(sentence) or not sentence[m.end].isalpha()


@pytest.mark.parametrize(
    ("text", "term_id", "evidence", "view"),
    [
        ("Bu rofiziylar haqida", "uz-rofiziy", "rofiziylar", "normalized"),
        # рофизи is how рофизӣ is typed on a Russian keyboard: found without the key view.
        ("Bu РОФИЗИЙЛАРНИНГ", "tg-rofizi", "РОФИЗИЙЛАРНИНГ", "normalized"),
        ("рофизиён", "tg-rofizi", "рофизиён", "normalized"),
        ("Rafiziler geldi", "tr-rafizi", "Rafiziler", "key"),
        ("oʻsha togʻutlar", "uz-togut", "togʻutlar", "normalized"),
        ("oʻsha togutlar", "uz-togut", "togutlar", "key"),
        ("Ro\u200bfi\u200cziy", "uz-rofiziy", "Ro\u200bfi\u200cziy", "normalized"),
        ("рaфидиты (Latin a)", "ru-rafidit", "рaфидиты", "normalized"),
        ("والرافضة", "ar-rafida", "والرافضة", "normalized"),
        ("للرافضة", "ar-rafida", "للرافضة", "normalized"),
        ("الرَّافِضَـــة", "ar-rafida", "الرَّافِضَـــة", "normalized"),
        ("الرافضيين", "ar-rafida", "الرافضيين", "normalized"),
        ("روافضی", "fa-rawafid", "روافضی", "normalized"),
        (
            "worshippers,\nof  the crosses!",
            "en-worshippers-cross",
            "worshippers,\nof  the crosses",
            "key",
        ),
        ("say r a f i d i t a m", "ru-rafidit", "r a f i d i t a m", "deobfuscated"),
        ("и р а ф и д и т ы", "ru-rafidit", "р а ф и д и т ы", "deobfuscated"),
        ("Р а ф и д и т ы и их", "ru-rafidit", "Р а ф и д и т ы", "deobfuscated"),
        ("р.а.ф.и.д.и.т.ы", "ru-rafidit", "р.а.ф.и.д.и.т.ы", "deobfuscated"),
        ("р4ф1д1ты", "ru-rafidit", "р4ф1д1ты", "deobfuscated"),
        ("raf*iditi", "ru-rafidit", "raf*iditi", "deobfuscated"),
        ("1S1S", "en-isis", "1S1S", "deobfuscated"),
    ],
)
def test_evidence_is_the_whole_obfuscated_word(
    text: str, term_id: str, evidence: str, view: str
) -> None:
    found = [m for m in MATCHER.find(text) if m.pattern.id == term_id]
    assert [(m.text, m.view) for m in found] == [(evidence, view)]


@pytest.mark.parametrize(
    ("text", "term_id"),
    [
        ("The crisis deepened", "en-isis"),
        ("crises and ISISlar", "en-isis"),
        ("трафик и графика", "ru-rafid"),
        ("рафидитский стиль", "ru-rafidit"),
        ("مرافضة", "ar-rafida"),
        ("salibchilarxona", "uz-salibchilar"),
        ("o'rofiziy", "uz-rofiziy"),
    ],
)
def test_word_boundaries(text: str, term_id: str) -> None:
    matcher = Matcher([*TERMS, term("ru-rafid", "ru", "рафид", match="stem")])
    assert term_id not in ids(matcher.find(text))


def test_stem_matches_inside_its_word_only_from_the_start() -> None:
    matcher = Matcher([term("ru-rafid", "ru", "рафид", match="stem")])
    assert [m.text for m in matcher.find("Рафидиты, трафик, рафидами")] == ["Рафидиты", "рафидами"]


def test_isis_exact_matches_standalone_forms() -> None:
    assert [m.text for m in MATCHER.find("#ISIS, isis. (ISIS)")] == ["ISIS", "isis", "ISIS"]


def test_nisba_needs_a_long_enough_stem() -> None:
    matcher = Matcher([term("ar-dawla", "ar", "دولة"), *TERMS])
    assert "ar-dawla" not in ids(matcher.find("مؤتمر دولي"))
    assert "ar-dawla" in ids(matcher.find("والدولة"))
    assert "ar-rafida" in ids(MATCHER.find("الرافضي"))


def test_despacing_does_not_join_across_words() -> None:
    matcher = Matcher(
        [term("en-bc", "en", "bc"), term("en-cde", "en", "cde"), term("en-rafida", "en", "rafida")]
    )
    assert matcher.find("options a b c and d e f") == []
    assert matcher.find("r a f ida") == []
    assert ids(matcher.find("r a f i d a")) == {"en-rafida"}


def test_one_match_per_pattern_and_span() -> None:
    found = MATCHER.find("rofiziylar")
    assert [(m.pattern.id, m.view) for m in found] == [
        ("uz-rofiziy", "normalized"),
        ("tg-rofizi", "key"),
    ]
    # "رافضة" inside "الرافضة" is not reported again.
    assert len([m for m in MATCHER.find("الرافضة") if m.pattern.id == "ar-rafida"]) == 1


def test_stance_cues_and_modes() -> None:
    cues = [
        StanceCue("ru-cue-report", "ru", "report", ("по данным", "сообщает"), match="word"),
        StanceCue("en-cue-counter", "en", "counter", ("condemn",), match="exact"),
    ]
    matcher = Matcher(cues)
    found = matcher.find("По  данным МВД, сообщает агентство. We condemn. They condemned it.")
    assert [(m.pattern.id, m.text) for m in found] == [
        ("ru-cue-report", "По  данным"),
        ("ru-cue-report", "сообщает"),
        ("en-cue-counter", "condemn"),
    ]


def test_unknown_match_mode_is_a_knowledge_error() -> None:
    with pytest.raises(KnowledgeError):
        Matcher([term("x", "en", "x", match="fuzzy")])


def test_empty_matcher_and_empty_text() -> None:
    assert Matcher([]).find("anything") == []
    assert MATCHER.find("") == []


@pytest.mark.parametrize("kind", sorted(PERTURBATIONS))
def test_detection_survives_perturbation(kind: str) -> None:
    total = kept = 0
    changed = 0
    for seed in range(5):
        for sentence, term_id in SENTENCES:
            perturbed = perturb(sentence, kind, seed=seed)
            changed += perturbed != sentence
            total += 1
            kept += term_id in ids(MATCHER.find(perturbed))
    assert kept / total >= 0.95, f"{kind}: {kept}/{total}"
    assert changed > 0, f"{kind} changed nothing"


ALPHABET = (
    "aeiosrfdzyAISR рафидыӣҳўқғРАФИ ʻ‘'` \u200b\u200c\u2060\u00ad"
    "الرافضةوبلكي\u064b\u064e\u0640 01345@$._-*\n\tßİı#"
)
TEXTS = st.one_of(
    st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=80),
    st.text(st.sampled_from(ALPHABET), max_size=80),
    st.lists(
        st.sampled_from(["rofiziy", "р а ф и д", "والرافضة", "ISIS", "r4f1d", "a", "و", "и", "."]),
        max_size=10,
    ).map(" ".join),
)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
@example("\ud800 rofiziy\x00 и р а ф и д и т ы")
@example("ISIS" + "\u0301" * 3)
def test_find_never_raises_and_spans_are_valid(text: str) -> None:
    for m in MATCHER.find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.text == text[m.start : m.end]
        assert m.view in ("normalized", "key", "deobfuscated")
        assert m.form in m.pattern.forms


def test_builtin_pack_terms_are_found() -> None:
    loader = pytest.importorskip("propwatch.knowledge.loader")
    pack = loader.load_pack()
    matcher = Matcher(pack.terms)
    assert len(matcher) == len(pack.terms) > 0
    missed = [
        t.id for t in pack.terms if t.id not in ids(matcher.find(f"Xabar: «{t.term}», dedi."))
    ]
    assert missed == []
    cues = Matcher(pack.cues)
    assert all(c.id in {m.pattern.id for m in cues.find(f"— {c.forms[0]} —")} for c in pack.cues)


def test_tajik_term_typed_on_a_russian_keyboard_is_found() -> None:
    matcher = Matcher([term("tg-jihod", "tg", "ҷиҳод"), term("tg-har", "tg", "ҳар")])
    found = matcher.find("Точикон! Чиход фарз аст")
    assert [(m.pattern.id, m.text) for m in found] == [("tg-jihod", "Чиход")]
    # Words under five letters are not folded: Tajik «ҳар» (every) is not «хар» (donkey).
    assert matcher.find("як хар дар роҳ") == []
    # Kyrgyz and Uzbek letters too: ө ү ң and ў.
    kg = Matcher([term("ky-kafir", "ky", "көрүнгөн"), term("uz-ozbek", "uz", "ўзбекистон")])
    assert {m.text for m in kg.find("корунгон жана Узбекистон")} == {"корунгон", "Узбекистон"}


def test_li_and_the_article_written_lam_lam_before_a_name() -> None:
    # "للمجلس": li- + al-majlis; the form without its article needs the clitic before it
    m = Matcher([term("stc", "ar", "المجلس الانتقالي الجنوبي")])
    assert [x.text for x in m.find("وقال بيان للمجلس الانتقالي الجنوبي إن")] == [
        "للمجلس الانتقالي الجنوبي"
    ]
    assert m.find("مجلس الانتقالي الجنوبي") == []


def test_matchers_of_one_language_each_share_tables_but_keep_their_suffixes() -> None:
    # The gazetteer builds one matcher per language from the same forms; they share one set
    # of tables (memory in every worker), and each still accepts only its own suffixes.
    turkish = Matcher([term("x-kerman", "tr", "Kerman")])
    english = Matcher([term("x-kerman", "en", "Kerman")])
    assert turkish._searches is english._searches
    text = "Kerman'daki saldırı. Kermans. Kermanly"
    assert [m.text for m in turkish.find(text)] == ["Kerman'daki"]
    assert [m.text for m in english.find(text)] == ["Kermans"]
    # built the other way round, the same
    english_first = Matcher([term("x-herat", "en", "Herat")])
    turkish_next = Matcher([term("x-herat", "tr", "Herat")])
    assert [m.text for m in english_first.find("Herat'taki, Herats")] == ["Herats"]
    assert [m.text for m in turkish_next.find("Herat'taki, Herats")] == ["Herat'taki"]
