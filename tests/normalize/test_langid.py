"""User-visible behaviour of propwatch.normalize.langid and its evaluation."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propwatch.normalize.langid import LangGuess, identify, identify_many
from propwatch.normalize.langid_eval import evaluate, format_report

SPOT_CHECKS = [
    ("tg", "Cyrl", "Имрӯз дар Хуҷанд борон меборад, чатрро фаромӯш накунед."),
    ("tg", "Cyrl", "Ҷавонон набояд ба даъвати гурӯҳҳои тундрав гӯш диҳанд."),
    ("uz", "Cyrl", "Эртага Фарғонада ҳаво совуқ бўлиши кутилмоқда."),
    ("uz", "Latn", "Ertaga Farg'onada havo sovuq bo'lishi kutilmoqda."),
    ("uz", "Latn", "Bozorda pomidor narxi ancha arzonlashdi."),
    ("ky", "Cyrl", "Эртең Ошто аба ырайы салкын болот деп күтүлүүдө."),
    ("ru", "Cyrl", "Завтра в Бишкеке ожидается сильный снег и гололёд."),
    ("fa", "Arab", "فردا در مشهد برف سنگینی پیش‌بینی شده است."),
    ("prs", "Arab", "فردا در مزار شریف برف می‌بارد، موترها آهسته بروند."),
    ("ps", "Arab", "سبا په مزار شریف کې سخته واوره ورېږي."),
    ("ar", "Arab", "من المتوقع أن تتساقط الثلوج غدا على المرتفعات."),
    ("tr", "Latn", "Yarın Ankara'da yoğun kar yağışı bekleniyor."),
    ("en", "Latn", "Heavy snow is expected in the capital tomorrow morning."),
]


@pytest.mark.parametrize(("lang", "script", "text"), SPOT_CHECKS)
def test_spot_checks(lang: str, script: str, text: str) -> None:
    guess = identify(text)
    assert (guess.lang, guess.script) == (lang, script)
    assert 0.0 < guess.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Oʻzbekiston terma jamoasi gʻalaba qozondi.", "Latn"),
        ("Ўзбекистон терма жамоаси ғалаба қозонди.", "Cyrl"),
    ],
)
def test_uzbek_script_comes_from_the_characters(text: str, script: str) -> None:
    assert (identify(text).lang, identify(text).script) == ("uz", script)


@pytest.mark.parametrize(
    "text", ["", "   ", "ok", "😀😀🔥", "https://t.me/some_channel/123", "@user #tag", "12:30 !!"]
)
def test_short_emoji_url_text_is_undetermined(text: str) -> None:
    guess = identify(text)
    assert guess.lang == "und"
    assert guess.confidence == 0.0
    assert not guess.reliable


def test_control_and_zero_width_characters_are_ignored() -> None:
    text = "Сегодня\x00 в Москве\u200b очень\x1f холодно, \ufeffвсе сидят дома."
    assert identify(text).lang == "ru"


def test_result_is_frozen_and_identify_many_keeps_order() -> None:
    texts = ["Bugün hava çok güzel, parka gidiyoruz.", "The match starts at eight tonight."]
    guesses = identify_many(texts)
    assert [g.lang for g in guesses] == ["tr", "en"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        guesses[0].lang = "xx"  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=200))
def test_never_raises(text: str) -> None:
    guess = identify(text)
    assert isinstance(guess, LangGuess)
    assert 0.0 <= guess.confidence <= 1.0
    assert guess.script in {"Cyrl", "Latn", "Arab", "Zyyy"}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["\ud800", "\udfff", "\x00", "\x7f", "\ufffe", "ҳ", "a "])))
def test_never_raises_on_surrogates_and_controls(parts: list[str]) -> None:
    assert isinstance(identify("".join(parts) + " Салом дӯстон"), LangGuess)


_REPORT = evaluate()
# Languages below the 95% target, with the measured shortfall (see docs/langid.md); none
# since Dari reached 25/25. Strict, so a marker must be removed as soon as the target is met.
_KNOWN_SHORT: dict[str, str] = {}


@pytest.mark.parametrize(
    "lang",
    [
        pytest.param(lang, marks=pytest.mark.xfail(strict=True, reason=_KNOWN_SHORT[lang]))
        if lang in _KNOWN_SHORT
        else lang
        for lang in sorted(_REPORT.per_lang)
    ],
)
def test_committed_set_accuracy_on_messages_of_five_words_or_more(lang: str) -> None:
    long = _REPORT.per_lang[lang].long
    assert long.n >= 20
    assert long.accuracy >= 0.95, format_report(_REPORT)


def test_committed_set_covers_every_language_with_short_messages() -> None:
    expected = {"tg", "uz-Latn", "uz-Cyrl", "ky", "ru", "fa", "prs", "ps", "ar", "tr", "en"}
    assert expected <= set(_REPORT.per_lang)
    for lang in expected:
        stats = _REPORT.per_lang[lang]
        assert stats.all.n >= 35
        assert stats.short.n >= 10
    assert "lang" in format_report(_REPORT).splitlines()[0]


_EVAL = Path(__file__).resolve().parents[2] / "src" / "propwatch" / "data" / "eval"


@pytest.mark.parametrize(
    ("name", "dari_floor"),
    [
        # Written after the rules, by someone who had not seen them; used to develop the
        # 2026-11-30 Afghan cues, so it is no longer independent: 54/60.
        ("langid_dari_dev.tsv", 0.9),
        # Written independently and never inspected row by row (only its totals were read):
        # the honest figure for Dari, 30/50 = 60%, far below the 95% target (docs/langid.md).
        ("langid_dari_holdout.tsv", 0.6),
    ],
)
def test_dari_and_persian_on_independently_written_sets(name: str, dari_floor: float) -> None:
    report = evaluate(_EVAL / name)
    # Iranian Persian is never taken for Dari: a Dari label is evidence, not a default.
    assert report.per_lang["fa"].long.accuracy >= 0.95, format_report(report)
    assert report.per_lang["prs"].long.accuracy >= dari_floor, format_report(report)


# Long news paragraphs in languages propwatch does not target. Word-by-word rule hits
# ("-lar", "-da", "-an") used to add up past pycld2's single vote and call them Turkish,
# Uzbek or English; the paragraphs are ordinary news, written for this test.
_LONG_OTHER = {
    "es": (
        "El gobierno regional anunció este lunes un nuevo plan para mejorar el transporte "
        "público en la ciudad. Según el consejero de Movilidad, las obras comenzarán en marzo y "
        "durarán al menos dos años. Los vecinos de los barrios del norte, que llevan meses "
        "quejándose de los retrasos, recibieron la noticia con cautela y pidieron más "
        "información sobre los horarios de los autobuses durante las obras."
    ),
    "pt": (
        "A prefeitura anunciou nesta segunda-feira um novo plano para melhorar o transporte "
        "público da cidade. Segundo o secretário de Mobilidade, as obras começam em março e "
        "devem durar pelo menos dois anos. Os moradores dos bairros da zona norte, que há "
        "meses reclamam dos atrasos, receberam a notícia com cautela e pediram mais "
        "informações sobre os horários dos ônibus durante as obras."
    ),
    "it": (
        "La giunta regionale ha annunciato lunedì un nuovo piano per migliorare il trasporto "
        "pubblico in città. Secondo l'assessore alla Mobilità, i lavori inizieranno a marzo e "
        "dureranno almeno due anni. Gli abitanti dei quartieri a nord, che da mesi si "
        "lamentano dei ritardi, hanno accolto la notizia con prudenza e hanno chiesto più "
        "informazioni sugli orari degli autobus durante i lavori."
    ),
    "fr": (
        "Le conseil régional a annoncé lundi un nouveau plan pour améliorer les transports "
        "publics de la ville. Selon l'adjoint chargé de la mobilité, les travaux commenceront "
        "en mars et dureront au moins deux ans. Les habitants des quartiers nord, qui se "
        "plaignent depuis des mois des retards, ont accueilli la nouvelle avec prudence et "
        "demandé davantage d'informations sur les horaires des bus pendant les travaux."
    ),
    "de": (
        "Die Landesregierung hat am Montag einen neuen Plan zur Verbesserung des öffentlichen "
        "Nahverkehrs in der Stadt vorgestellt. Nach Angaben des Verkehrsministers beginnen die "
        "Bauarbeiten im März und dauern mindestens zwei Jahre. Die Anwohner der nördlichen "
        "Stadtteile, die sich seit Monaten über Verspätungen beschweren, reagierten "
        "zurückhaltend und forderten mehr Informationen über die Busfahrpläne während der "
        "Bauarbeiten."
    ),
}
_LONG_TARGET = {
    "tr": (
        "Belediye pazartesi günü şehirde toplu taşımayı iyileştirmek için yeni bir plan "
        "açıkladı. Ulaşım müdürüne göre çalışmalar martta başlayacak ve en az iki yıl sürecek. "
        "Aylardır gecikmelerden şikâyet eden kuzey mahallelerinin sakinleri haberi temkinle "
        "karşıladı ve çalışmalar sırasında otobüs saatleri hakkında daha fazla bilgi istedi."
    ),
    "uz": (
        "Shahar hokimligi dushanba kuni jamoat transportini yaxshilash bo'yicha yangi rejani "
        "e'lon qildi. Transport bo'limi boshlig'ining so'zlariga ko'ra, ishlar mart oyida "
        "boshlanadi va kamida ikki yil davom etadi. Bir necha oydan beri kechikishlardan "
        "shikoyat qilib kelayotgan shimoliy mahallalar aholisi bu xabarni ehtiyotkorlik bilan "
        "kutib oldi va ishlar davomida avtobuslar jadvali haqida ko'proq ma'lumot so'radi."
    ),
    "en": (
        "The regional government announced on Monday a new plan to improve public transport in "
        "the city. According to the transport commissioner, the works will begin in March and "
        "last at least two years. Residents of the northern districts, who have complained "
        "about delays for months, received the news cautiously and asked for more information "
        "about bus timetables during the works."
    ),
}


@pytest.mark.parametrize("lang", sorted(_LONG_OTHER))
def test_long_paragraph_in_another_language_is_not_called_a_target_language(lang: str) -> None:
    assert identify(_LONG_OTHER[lang]).lang == lang


@pytest.mark.parametrize("lang", sorted(_LONG_TARGET))
def test_long_paragraph_in_a_target_language_keeps_its_language(lang: str) -> None:
    assert identify(_LONG_TARGET[lang]).lang == lang


def test_a_portuguese_news_paragraph_is_not_turkish() -> None:
    # place names and "-as"/"-ar" endings read as Turkish to the suffix rules; pycld2 is sure
    text = (
        "A organização reivindicou, através dos seus canais, um ataque no distrito de "
        "Mocímboa da Praia, província de Cabo Delgado, em Moçambique. O grupo, que atua na "
        "província há praticamente seis anos, refere igualmente que atacou elementos das "
        "Forças Armadas moçambicanas. Fontes locais ouvidas hoje pela Lusa avançam que o "
        "ataque terá ocorrido por volta das 15h00 de sexta-feira numa aldeia do interior."
    )
    assert identify(text).lang == "pt"
