"""Synthetic multilingual Telegram Desktop exports for benchmarks.

Usage::

    python benchmarks/generate.py N OUT.json [--seed S] [--layout single|account] [--channels K]

Writes a Telegram Desktop ``result.json`` with ``N`` items, streamed to disk (memory stays flat
in ``N``) and fully determined by the seed. The texts are word salad built from per-language pools
of ordinary words (nine languages, ten scripts/orthographies: Tajik Cyrillic, Uzbek Latin and
Cyrillic, Kyrgyz, Russian, Persian, Pashto, Arabic, Turkish, English) with a few topical words
mixed in so that searches have hits. There is no operational content: sentences are random
sequences of everyday words.

What the file contains (rates are per item, approximate):

* text lengths: ~8% empty with media, most 40-400 characters (log-normal), ~12% 400-1200,
  ~4% 1200-4000;
* ``text`` as a plain string, or (~10%) as an array mixing strings and entity objects
  (hashtag, link, text_link, mention, bold); ``text_entities`` always present;
* forwards (``forwarded_from``, ~12%), replies (``reply_to_message_id`` to an earlier id, ~8%),
  edits (``edited``/``edited_unixtime``, ~7%), photos (placeholder path, ~15%), documents
  (``file`` + ``media_type``, ~8%), service messages (~1%), unsupported messages (~0.1%);
* ~1% malformed items: missing ``id``, ``text`` as a number, a bad ``date_unixtime``, or an item
  that is not an object. The file itself is always valid JSON.
* ``date``/``date_unixtime`` increase with the message id.

``--layout account`` writes the full-account layout ("Export Telegram data") with ``K`` chats
under ``chats.list`` (the last one under ``left_chats.list`` when ``K >= 3``); the ``N`` items
are split between the chats.

The module is importable: :func:`generate` returns :class:`GenStats`, and the word pools
(:data:`POOLS`, :data:`TOPICAL`) are used by ``run.py`` to build search queries.
"""

from __future__ import annotations

import argparse
import bisect
import json
import json.encoder
import math
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

__all__ = [
    "GENERATOR_VERSION",
    "LANG_CODES",
    "LANG_WEIGHTS",
    "POOLS",
    "TOPICAL",
    "GenStats",
    "Pool",
    "generate",
    "main",
    "uz_latin_to_cyrillic",
]

#: Bump when the output for a given (N, seed, layout, channels) changes: run.py caches files.
GENERATOR_VERSION = 2

# ---------------------------------------------------------------------------------------------
# Word pools. About 150 ordinary words per language, in the right script and orthography,
# roughly ordered from common to rare (draws follow a Zipf law over this order).
# ---------------------------------------------------------------------------------------------

_EN = """
the and of to in is that for it with as was on are be this by from at have people city news
today yesterday morning evening week year time day night water house school market road river
mountain village family children mother father brother sister friend teacher doctor student
worker farmer bread tea rice meat fruit price money bank shop train bus car phone letter book
paper story song music weather rain snow sun wind winter summer spring autumn good bad new old
big small long short high low early late happy quiet busy open closed warm cold green white
black red blue said says went came made took gave found told asked saw know think want need
work help build read write speak listen travel return meeting office report question answer
world country region street garden field hospital university library kitchen window door table
chair picture game team match holiday festival wedding guest neighbour life word place always
now tomorrow beautiful sweet sky earth star moon flower tree milk egg apple grapes cotton
harvest homeland language knowledge science profession lake
"""

_RU = """
и в не на что с по это как он она они мы вы из за для от к у день год время город люди
новости сегодня вчера утро вечер неделя ночь вода дом школа рынок дорога река гора деревня
семья дети мать отец брат сестра друг учитель врач студент работник хлеб чай рис мясо фрукты
цена деньги банк магазин поезд автобус машина телефон письмо книга газета история песня
музыка погода дождь снег солнце ветер зима лето весна осень хороший плохой новый старый
большой маленький длинный короткий высокий низкий ранний поздний тихий открытый тёплый
холодный зелёный белый чёрный красный синий сказал говорит пошёл пришёл сделал взял дал
нашёл спросил видел знать думать хотеть работать помогать строить читать писать говорить
слушать ехать вернуться встреча офис отчёт вопрос ответ мир страна область улица сад поле
больница университет библиотека кухня окно дверь стол стул картина игра команда матч
праздник свадьба гость сосед работа жизнь слово место всегда сейчас завтра красивый
сладкий небо земля звезда луна цветок дерево молоко яйцо яблоко виноград хлопок урожай
родина язык знание наука профессия озеро
"""

_TG = """
ва дар аз ба бо ки ин он мо шумо онҳо ман ту вай рӯз сол вақт шаҳр мардум хабар имрӯз дирӯз
субҳ шом ҳафта шаб об хона мактаб бозор роҳ дарё кӯҳ деҳа оила кӯдакон модар падар бародар
хоҳар дӯст муаллим духтур донишҷӯ коргар деҳқон нон чой биринҷ гӯшт мева нарх пул бонк
мағоза қатора автобус мошин телефон мактуб китоб рӯзнома ҳикоя суруд мусиқӣ ҳаво борон барф
офтоб шамол зимистон тобистон баҳор тирамоҳ хуб бад нав кӯҳна калон хурд дароз кӯтоҳ баланд
паст барвақт дер хушбахт ором кушода гарм хунук сабз сафед сиёҳ сурх кабуд гуфт мегӯяд рафт
омад кард гирифт дод ёфт пурсид дид донистан фикр хостан кор кумак сохтан хондан навиштан
гап шунидан сафар баргаштан вохӯрӣ идора гузориш савол ҷавоб ҷаҳон кишвар минтақа кӯча боғ
майдон беморхона донишгоҳ китобхона ошхона тиреза миз курсӣ сурат бозӣ даста ид тӯй меҳмон
ҳамсоя зиндагӣ калима ҷой ҳамеша ҳоло фардо зебо ширин осмон замин ситора моҳ гул дарахт шир
тухм себ ангур анор пахта ҳосил меҳнат ватан забон дониш илм касб кӯл
"""

_UZ = """
va bilan uchun bu u biz siz ular men sen kun yil vaqt shahar odamlar xabar bugun kecha
ertalab kechqurun hafta tun suv uy maktab bozor yo'l daryo tog' qishloq oila bolalar ona ota
aka opa do'st o'qituvchi shifokor talaba ishchi dehqon non choy guruch go'sht meva narx pul
bank do'kon poyezd avtobus mashina telefon xat kitob gazeta hikoya qo'shiq musiqa ob-havo
yomg'ir qor quyosh shamol qish yoz bahor kuz yaxshi yomon yangi eski katta kichik uzun qisqa
baland past erta kech baxtli tinch ochiq issiq sovuq yashil oq qora qizil ko'k dedi aytdi
bordi keldi qildi oldi berdi topdi so'radi ko'rdi bilmoq o'ylamoq xohlamoq ishlamoq yordam
qurmoq o'qimoq yozmoq gapirmoq eshitmoq sayohat qaytmoq uchrashuv idora hisobot savol javob
dunyo mamlakat hudud ko'cha bog' dala kasalxona universitet kutubxona oshxona deraza eshik
stol stul rasm o'yin jamoa bayram to'y mehmon qo'shni hayot so'z joy doim hozir ertaga
chiroyli shirin osmon yer yulduz oy gul daraxt sut tuxum olma uzum anor paxta hosil mehnat
vatan til bilim kasb ko'l
"""

_KY = """
жана менен үчүн бул ал биз сиз алар мен сен күн жыл убакыт шаар эл кабар бүгүн кечээ таң
кечинде апта түн суу үй мектеп базар жол дарыя тоо айыл үй-бүлө балдар эне ата ага эже дос
мугалим дарыгер студент жумушчу дыйкан нан чай күрүч эт жемиш баа акча банк дүкөн поезд
автобус машина телефон кат китеп гезит окуя ыр музыка аба жамгыр кар шамал кыш жай жаз күз
жакшы жаман жаңы эски чоң кичинекей узун кыска бийик төмөн эрте кеч бактылуу тынч ачык ысык
суук жашыл ак кара кызыл көк деди айтты барды келди кылды алды берди тапты сурады көрдү
билүү ойлоо каалоо иштөө жардам куруу окуу жазуу сүйлөө угуу саякат кайтуу жолугушуу кеңсе
отчет суроо жооп дүйнө өлкө аймак көчө бак талаа оорукана университет китепкана ашкана
терезе эшик стол отургуч сүрөт оюн команда майрам той конок кошуна жашоо сөз жер дайыма
азыр эртең кооз таттуу асман жылдыз ай гүл дарак сүт жумуртка алма жүзүм анар пахта түшүм
эмгек мекен тил билим кесип көл тоолор
"""

_FA = """
و در از به با که این آن ما شما آنها من تو او روز سال وقت شهر مردم خبر امروز دیروز صبح شب
هفته آب خانه مدرسه بازار راه رودخانه کوه روستا خانواده کودکان مادر پدر برادر خواهر دوست
معلم دکتر دانشجو کارگر کشاورز نان چای برنج گوشت میوه قیمت پول بانک مغازه قطار اتوبوس ماشین
تلفن نامه کتاب روزنامه داستان آهنگ موسیقی هوا باران برف آفتاب باد زمستان تابستان بهار
پاییز خوب بد نو کهنه بزرگ کوچک دراز کوتاه بلند پایین زود دیر خوشحال آرام باز گرم سرد سبز
سفید سیاه سرخ آبی گفت می‌گوید رفت آمد کرد گرفت داد یافت پرسید دید دانستن فکر خواستن کار
کمک ساختن خواندن نوشتن صحبت شنیدن سفر بازگشت جلسه دفتر گزارش پرسش جواب جهان کشور منطقه
کوچه باغ مزرعه بیمارستان دانشگاه کتابخانه آشپزخانه پنجره میز صندلی عکس بازی تیم جشن عروسی
مهمان همسایه زندگی کلمه جا همیشه حالا فردا زیبا شیرین آسمان زمین ستاره ماه گل درخت شیر
تخم سیب انگور انار پنبه محصول وطن زبان دانش علم پیشه دریاچه
"""

_PS = """
او په له ته سره چې دا هغه موږ تاسو دوی زه ورځ کال وخت ښار خلک خبر نن پرون سهار ماښام اونۍ
شپه اوبه کور ښوونځی بازار لار سیند غر کلی کورنۍ ماشومان مور پلار ورور خور ملګری ښوونکی
ډاکټر زده‌کوونکی کارګر بزګر ډوډۍ چای وریجې غوښه مېوه بیه پیسې بانک دوکان اورګاډی بس موټر
ټیلیفون لیک کتاب ورځپاڼه کیسه سندره موسیقي هوا باران واوره لمر باد ژمی اوړی پسرلی مني ښه
بد نوی زوړ لوی کوچنی اوږد لنډ لوړ ټیټ وختي ناوخته خوشحاله ارام خلاص ګرم سوړ شین سپین تور
سور وویل وايي ولاړ راغی وکړ واخیست ورکړ وموند وپوښتل ولید پوهېدل فکر غوښتل کار مرسته
جوړول لوستل لیکل خبرې اورېدل سفر بېرته غونډه دفتر راپور پوښتنه ځواب نړۍ هېواد سیمه کوڅه
باغ پټی روغتون پوهنتون کتابتون پخلنځی کړکۍ دروازه مېز څوکۍ انځور لوبه ټیم جشن واده مېلمه
ګاونډی ژوند کلمه ځای تل اوس سبا ښکلی خوږ اسمان ځمکه ستوری سپوږمۍ ګل ونه شیدې هګۍ مڼه
انګور انار پنبه حاصل وطن ژبه پوهه علم کسب ډنډ
"""

_AR = """
و في من إلى على مع أن هذا هذه ذلك نحن أنتم هم أنا هو هي يوم سنة وقت مدينة الناس خبر اليوم
أمس صباح مساء أسبوع ليلة ماء بيت مدرسة سوق طريق نهر جبل قرية عائلة أطفال أم أب أخ أخت
صديق معلم طبيب طالب عامل مزارع خبز شاي أرز لحم فاكهة سعر مال بنك متجر قطار حافلة سيارة
هاتف رسالة كتاب جريدة قصة أغنية موسيقى طقس مطر ثلج شمس ريح شتاء صيف ربيع خريف جيد سيئ
جديد قديم كبير صغير طويل قصير عال منخفض مبكر متأخر سعيد هادئ مفتوح دافئ بارد أخضر أبيض
أسود أحمر أزرق قال يقول ذهب جاء فعل أخذ أعطى وجد سأل رأى يعرف يفكر يريد يعمل مساعدة بناء
قراءة كتابة يتكلم يسمع سفر عودة اجتماع مكتب تقرير سؤال جواب العالم بلد منطقة شارع حديقة
حقل مستشفى جامعة مكتبة مطبخ نافذة باب طاولة كرسي صورة لعبة فريق مباراة عيد عرس ضيف جار
حياة كلمة مكان دائما الآن غدا جميل حلو سماء أرض نجمة قمر زهرة شجرة حليب بيض تفاح عنب رمان
قطن حصاد وطن لغة معرفة علم مهنة بحيرة
"""

_TR = """
ve bir bu için ile da de ben sen o biz siz onlar gün yıl zaman şehir insanlar haber bugün
dün sabah akşam hafta gece su ev okul pazar yol nehir dağ köy aile çocuklar anne baba kardeş
abla arkadaş öğretmen doktor öğrenci işçi çiftçi ekmek çay pirinç et meyve fiyat para banka
dükkan tren otobüs araba telefon mektup kitap gazete hikaye şarkı müzik hava yağmur kar güneş
rüzgar kış yaz ilkbahar sonbahar iyi kötü yeni eski büyük küçük uzun kısa yüksek alçak erken
geç mutlu sessiz açık sıcak soğuk yeşil beyaz siyah kırmızı mavi dedi söylüyor gitti geldi
yaptı aldı verdi buldu sordu gördü bilmek düşünmek istemek çalışmak yardım yapmak okumak
yazmak konuşmak dinlemek seyahat dönmek toplantı ofis rapor soru cevap dünya ülke bölge
sokak bahçe tarla hastane üniversite kütüphane mutfak pencere kapı masa sandalye resim oyun
takım maç bayram düğün misafir komşu hayat kelime yer daima şimdi yarın güzel tatlı gökyüzü
toprak yıldız ay çiçek ağaç süt yumurta elma üzüm nar pamuk hasat vatan dil bilgi bilim
meslek göl
"""

#: Topical words (terms common in the monitored discourse; no operational content). Ordered from
#: the most to the least frequent.
_TOPICAL_SRC: dict[str, str] = {
    "en": "Khorasan caliphate wilayah hijra mujahideen apostates rafida taghut",
    "ru": "Хорасан халифат вилаят хиджра моджахеды муртады рафидиты тагут",
    "tg": "Хуросон хилофат вилоят ҳиҷрат муҷоҳидон муртадон рофизиён тоғут",
    "uz-Latn": "Xuroson xalifalik viloyat hijrat mujohidlar murtadlar rofiziylar tog'ut",
    "ky": "Хорасан халифат вилаят хижрат муджахиддер муртаддар рафизилер тагут",
    "fa": "خراسان خلافت ولایت هجرت مجاهدین مرتدین رافضی طاغوت",
    "ps": "خراسان خلافت ولایت هجرت مجاهدین مرتدین رافضیان طاغوت",
    "ar": "خراسان الخلافة ولاية الهجرة المجاهدين المرتدين الرافضة الطاغوت",
    "tr": "Horasan hilafet vilayet hicret mücahitler mürtedler rafızi tağut",
}

#: Language tags (what the generator calls them) -> ISO 639-1 code a store would filter on.
LANG_CODES: dict[str, str] = {
    "tg": "tg",
    "uz-Latn": "uz",
    "uz-Cyrl": "uz",
    "ky": "ky",
    "ru": "ru",
    "fa": "fa",
    "ps": "ps",
    "ar": "ar",
    "tr": "tr",
    "en": "en",
}

#: Share of messages per language tag.
LANG_WEIGHTS: dict[str, float] = {
    "ru": 0.18,
    "tg": 0.12,
    "uz-Latn": 0.11,
    "uz-Cyrl": 0.07,
    "ky": 0.08,
    "fa": 0.10,
    "ps": 0.08,
    "ar": 0.09,
    "tr": 0.07,
    "en": 0.10,
}

_ARABIC_SCRIPT = frozenset({"fa", "ps", "ar"})
_UNCASED = _ARABIC_SCRIPT


def uz_latin_to_cyrillic(word: str) -> str:
    """Transliterate an Uzbek Latin word to Uzbek Cyrillic (good enough for the pool words)."""
    out: list[str] = []
    i = 0
    w = word.replace("ʻ", "'").replace("ʼ", "'").replace("`", "'")
    n = len(w)
    singles = {
        "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж",
        "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с",
        "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з", "c": "к", "-": "-",
    }  # fmt: skip
    vowels = set("aeiou")
    while i < n:
        c = w[i].lower()
        upper = w[i].isupper()
        nxt = w[i + 1].lower() if i + 1 < n else ""
        nxt2 = w[i + 2] if i + 2 < n else ""
        if c == "o" and nxt == "'":
            r, step = "ў", 2
        elif c == "g" and nxt == "'":
            r, step = "ғ", 2
        elif c == "s" and nxt == "h":
            r, step = "ш", 2
        elif c == "c" and nxt == "h":
            r, step = "ч", 2
        elif c == "y" and nxt == "o" and nxt2 == "'":
            r, step = "йў", 3
        elif c == "y" and nxt in "aoue" and nxt:
            r, step = {"a": "я", "o": "ё", "u": "ю", "e": "е"}[nxt], 2
        elif c == "e" and (i == 0 or w[i - 1] == "-" or w[i - 1].lower() in vowels):
            r, step = "э", 1
        elif c == "'":
            r, step = "ъ", 1
        else:
            r, step = singles.get(c, c), 1
        out.append(r[0].upper() + r[1:] if upper else r)
        i += step
    return "".join(out)


def _fix_arabic_script(text: str, lang: str) -> str:
    """Use the letters each orthography uses (Persian keheh and Farsi yeh; Arabic kaf and yeh)."""
    if lang == "ar":
        return text.replace("\u06a9", "\u0643").replace("\u06cc", "\u064a")
    if lang == "fa":
        return text.replace("\u0643", "\u06a9").replace("\u064a", "\u06cc")
    return text.replace("\u0643", "\u06a9")  # Pashto keeps both yeh letters


@dataclass(frozen=True, slots=True)
class Pool:
    """The words of one language tag, with Zipf cumulative weights for ``random.choices``."""

    lang: str
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]
    topical: tuple[str, ...]
    topical_cum: tuple[float, ...]
    avg_len: float


def _dedupe(words: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for w in words:
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def _zipf_cum(n: int, s: float) -> tuple[float, ...]:
    total = 0.0
    out: list[float] = []
    for r in range(n):
        total += 1.0 / (r + 1) ** s
        out.append(total)
    return tuple(out)


def _build_pools() -> dict[str, Pool]:
    raw = {
        "en": _EN, "ru": _RU, "tg": _TG, "uz-Latn": _UZ, "ky": _KY, "fa": _FA, "ps": _PS,
        "ar": _AR, "tr": _TR,
    }  # fmt: skip
    words: dict[str, list[str]] = {}
    topical: dict[str, list[str]] = {}
    for lang, src in raw.items():
        words[lang] = _dedupe([_fix_arabic_script(w, lang) for w in src.split()])
        topical[lang] = [_fix_arabic_script(w, lang) for w in _TOPICAL_SRC[lang].split()]
    words["uz-Cyrl"] = _dedupe([uz_latin_to_cyrillic(w) for w in words["uz-Latn"]])
    topical["uz-Cyrl"] = [uz_latin_to_cyrillic(w) for w in topical["uz-Latn"]]
    pools: dict[str, Pool] = {}
    for lang in LANG_WEIGHTS:
        ws = tuple(words[lang])
        tp = tuple(topical[lang])
        pools[lang] = Pool(
            lang=lang,
            words=ws,
            cum_weights=_zipf_cum(len(ws), 0.9),
            topical=tp,
            topical_cum=_zipf_cum(len(tp), 1.3),
            avg_len=sum(len(w) for w in ws) / len(ws),
        )
    return pools


#: Word pools per language tag.
POOLS: dict[str, Pool] = _build_pools()
#: Topical words per language tag (most frequent first).
TOPICAL: dict[str, tuple[str, ...]] = {lang: p.topical for lang, p in POOLS.items()}

_LANGS = tuple(LANG_WEIGHTS)
_LANG_CUM = tuple(sum(LANG_WEIGHTS[x] for x in _LANGS[: i + 1]) for i in range(len(_LANGS)))

_FORWARD_SOURCES: tuple[str | None, ...] = (
    "Ахбор Пресс",
    "Xabar 24",
    "Новости Сегодня",
    "خبرگزاری امروز",
    "د ورځې خبرونه",
    "أخبار اليوم",
    "Gündem Haber",
    "Daily Bulletin",
    "Кабар KG",
    "Khorasan Digest",
    None,
)
_AUTHORS = ("Admin", "Editor", "Муҳаррир", "Tahririyat", "مدیر", None)
_HASHTAGS = ("#news", "#хабар", "#xabar", "#новости", "#خبر", "#haber", "#кабар", "#Хуросон")
_PLACEHOLDER = "(File not included. Change data exporting settings to download.)"
_DOC_KINDS: tuple[tuple[str, str, str], ...] = (
    ("video_file", "video/mp4", "files/video_{}.mp4"),
    ("voice_message", "audio/ogg", "voice_messages/audio_{}.ogg"),
    ("animation", "video/mp4", "files/animation_{}.mp4"),
    ("audio_file", "audio/mpeg", "files/audio_{}.mp3"),
    ("sticker", "", "stickers/sticker_{}.webp"),
)
_SERVICE_ACTIONS = ("pin_message", "edit_group_photo", "edit_group_title", "group_call")
_SENTENCE_END = {"latin": (". ", ". ", ". ", "! ", "? "), "arabic": (". ", ". ", ". ", "! ", "؟ ")}
_START_UNIX = 1_640_995_200  # 2022-01-01T00:00:00Z
#: Characters of pre-generated text per language (at most); message texts are slices of these
#: banks. Small exports get smaller banks (bank size ~40 characters per item).
_BANK_CHARS = 400_000


@dataclass(slots=True)
class GenStats:
    """What was written: counts by kind, the date range, sizes and timing."""

    n_items: int = 0
    n_messages: int = 0
    n_service: int = 0
    n_unsupported: int = 0
    n_malformed: int = 0
    n_forwards: int = 0
    n_replies: int = 0
    n_edits: int = 0
    n_entity_texts: int = 0
    n_media: int = 0
    n_empty_text: int = 0
    by_lang: dict[str, int] = field(default_factory=dict)
    first_unixtime: int = 0
    last_unixtime: int = 0
    chats: list[dict[str, Any]] = field(default_factory=list)
    bytes_written: int = 0
    seconds: float = 0.0
    seed: int = 0
    layout: str = "single"
    generator_version: int = GENERATOR_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Gen:
    """Per-file state: one RNG, the running clock and recent ids (for replies)."""

    def __init__(self, seed: int, stats: GenStats, n_hint: int) -> None:
        self.rng = random.Random(seed)
        self.n_hint = n_hint
        self.stats = stats
        self.clock = _START_UNIX
        self.banks: dict[str, str] = {}

    # -- small fast helpers (random.randrange/randint are slow in a hot loop) -------------
    def ri(self, a: int, b: int) -> int:
        """Uniform integer in [a, b]."""
        return a + int(self.rng.random() * (b - a + 1))

    def pick(self, seq: tuple[Any, ...] | list[Any]) -> Any:
        return seq[int(self.rng.random() * len(seq))]

    # -- text ------------------------------------------------------------------------------
    def _target_len(self) -> int:
        r = self.rng.random()
        if r < 0.84:
            # log-normal, median ~140 chars, clipped to 40..400
            return min(400, max(40, int(self.rng.lognormvariate(4.95, 0.6))))
        if r < 0.96:
            return self.ri(400, 1200)
        return self.ri(1200, 4000)

    def _sentences(self, lang: str, n: int) -> str:
        """``n`` Zipf-distributed words of ``lang`` cut into sentences (slow: used for banks)."""
        rng = self.rng
        pool = POOLS[lang]
        ws = rng.choices(pool.words, cum_weights=pool.cum_weights, k=n)
        ends = _SENTENCE_END["arabic" if lang in _ARABIC_SCRIPT else "latin"]
        cased = lang not in _UNCASED
        parts: list[str] = []
        i = 0
        while i < n:
            j = min(n, i + self.ri(5, 14))
            sent = ws[i:j]
            if cased:
                sent[0] = sent[0][:1].upper() + sent[0][1:]
            parts.append(" ".join(sent))
            end = self.pick(ends)
            parts.append(end.rstrip() + "\n\n" if rng.random() < 0.15 else end)
            i = j
        return "".join(parts)

    def _bank(self, lang: str) -> str:
        """A long run of text in ``lang``; message texts are slices of it (fast and varied)."""
        bank = self.banks.get(lang)
        if bank is None:
            pool = POOLS[lang]
            chars = min(_BANK_CHARS, max(40_000, 40 * self.n_hint))
            bank = self._sentences(lang, int(chars / (pool.avg_len + 1.0)))
            self.banks[lang] = bank
        return bank

    def words(self, lang: str, target_len: int) -> str:
        """About ``target_len`` characters of text in ``lang`` (whole words, ends a sentence)."""
        rng = self.rng
        bank = self._bank(lang)
        start = int(rng.random() * (len(bank) - target_len - 1))
        sp = bank.find(" ", start)
        start = sp + 1 if 0 <= sp < start + 40 else start
        stop = bank.rfind(" ", start, start + target_len)
        text = bank[start:stop] if stop > start else bank[start : start + target_len]
        text = text.strip()
        if lang not in _UNCASED:
            text = text[:1].upper() + text[1:]
        if text and text[-1] not in ".!?؟":
            text = text.rstrip(".,!?؟ \n") + "."
        r = rng.random()
        if r < 0.06:  # topical word(s)
            pool = POOLS[lang]
            for t in rng.choices(
                pool.topical, cum_weights=pool.topical_cum, k=1 if r < 0.045 else 2
            ):
                p = text.find(" ", int(rng.random() * len(text)))
                text = f"{text} {t}." if p < 0 else f"{text[:p]} {t}{text[p:]}"
        return text

    def pick_lang(self) -> str:
        k = bisect.bisect_right(_LANG_CUM, self.rng.random() * _LANG_CUM[-1])
        return _LANGS[min(k, len(_LANGS) - 1)]

    def text(self, lang: str) -> str:
        body = self.words(lang, self._target_len())
        if self.rng.random() < 0.03:  # a second language in the same message
            other = self.pick_lang()
            body += "\n\n" + self.words(other, self.ri(40, 200))
        return body

    def entity_text(self, body: str, msg_id: int) -> tuple[list[Any], list[dict[str, Any]]]:
        rng = self.rng
        tag = _HASHTAGS[int(rng.random() * len(_HASHTAGS))]
        link = f"https://example.org/p/{msg_id}"
        cut = body.find(" ", len(body) // 2)
        if cut < 0:
            cut = len(body)
        head, tail = body[:cut], body[cut:]
        text: list[Any] = [{"type": "bold", "text": head[:40]}] if rng.random() < 0.3 else []
        rest_head = head[40:] if text else head
        text += [
            rest_head + "\n",
            {"type": "hashtag", "text": tag},
            tail + "\n\n",
            {"type": "text_link", "text": "source", "href": f"https://example.net/a/{msg_id}"},
            " ",
            {"type": "link", "text": link},
        ]
        if rng.random() < 0.2:
            text += ["\n", {"type": "mention", "text": "@example_channel"}]
        if rng.random() < 0.2:
            text.append("")  # real exports sometimes end with an empty run
        entities = [
            {"type": "plain", "text": part} if isinstance(part, str) else part for part in text
        ]
        return text, entities

    # -- items -----------------------------------------------------------------------------
    def advance(self) -> int:
        # Mean gap ~90 s with bursts; strictly non-decreasing.
        self.clock += int(self.rng.expovariate(1 / 90.0))
        return self.clock

    def items(self, n: int, chat_name: str, chat_id: int, chat_type: str) -> Iterator[Any]:
        rng = self.rng
        st = self.stats
        recent: list[int] = []
        is_channel = chat_type.endswith("channel")
        users = [(f"User {k}", f"user{100000 + chat_id % 1000 * 100 + k}") for k in range(40)]
        msg_id = self.ri(1, 500)
        for _ in range(n):
            msg_id += 1 if rng.random() < 0.9 else self.ri(2, 5)  # deleted messages
            unix = self.advance()
            if st.first_unixtime == 0:
                st.first_unixtime = unix
            st.last_unixtime = max(st.last_unixtime, unix)
            date = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(unix))
            r = rng.random()
            st.n_items += 1
            if r < 0.01:
                st.n_service += 1
                yield self._service(msg_id, date, unix, chat_name, chat_id, recent)
                continue
            if r < 0.011:
                st.n_unsupported += 1
                yield {"id": msg_id, "type": "unsupported"}
                continue
            msg = self._message(msg_id, date, unix, chat_name, chat_id, is_channel, users, recent)
            if r > 0.99:
                st.n_malformed += 1
                yield self._malform(msg)
                continue
            st.n_messages += 1
            recent.append(msg_id)
            if len(recent) > 512:
                del recent[:256]
            yield msg

    def _service(
        self, msg_id: int, date: str, unix: int, name: str, chat_id: int, recent: list[int]
    ) -> dict[str, Any]:
        action = _SERVICE_ACTIONS[int(self.rng.random() * len(_SERVICE_ACTIONS))]
        msg: dict[str, Any] = {
            "id": msg_id,
            "type": "service",
            "date": date,
            "date_unixtime": str(unix),
            "actor": name,
            "actor_id": f"channel{chat_id}",
            "action": action,
        }
        if action == "pin_message":
            msg["message_id"] = recent[-1] if recent else msg_id - 1
        elif action == "edit_group_photo":
            msg["photo"] = _PLACEHOLDER
            msg["width"] = 640
            msg["height"] = 640
        elif action == "edit_group_title":
            msg["title"] = name
        else:
            msg["duration"] = self.ri(60, 7200)
        msg["text"] = ""
        msg["text_entities"] = []
        return msg

    def _message(
        self,
        msg_id: int,
        date: str,
        unix: int,
        name: str,
        chat_id: int,
        is_channel: bool,
        users: list[tuple[str, str]],
        recent: list[int],
    ) -> dict[str, Any]:
        rng = self.rng
        st = self.stats
        msg: dict[str, Any] = {"id": msg_id, "type": "message", "date": date}
        msg["date_unixtime"] = str(unix)
        if rng.random() < 0.07:
            st.n_edits += 1
            e = unix + self.ri(20, 3 * 86400)
            msg["edited"] = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(e))
            msg["edited_unixtime"] = str(e)
        if is_channel:
            msg["from"] = name
            msg["from_id"] = f"channel{chat_id}"
            author = _AUTHORS[int(rng.random() * len(_AUTHORS))]
            if author is not None and rng.random() < 0.3:
                msg["author"] = author
        else:
            who, who_id = users[int(rng.paretovariate(1.2)) % len(users)]
            msg["from"] = who if rng.random() > 0.02 else None
            msg["from_id"] = who_id
        if rng.random() < 0.12:
            st.n_forwards += 1
            msg["forwarded_from"] = _FORWARD_SOURCES[int(rng.random() * len(_FORWARD_SOURCES))]
        if recent and rng.random() < 0.08:
            st.n_replies += 1
            back = min(len(recent), 1 + int(rng.expovariate(1 / 20.0)))
            msg["reply_to_message_id"] = recent[-back]
        m = rng.random()
        empty = rng.random() < 0.08
        if empty or m < 0.15:
            st.n_media += 1
            msg["photo"] = (
                _PLACEHOLDER if rng.random() < 0.7 else f"photos/photo_{msg_id}@{date[:10]}.jpg"
            )
            msg["width"] = self.pick((1280, 1080, 960, 800))
            msg["height"] = self.pick((720, 1280, 960, 600))
        elif m < 0.23:
            st.n_media += 1
            kind, mime, path = _DOC_KINDS[int(rng.random() * len(_DOC_KINDS))]
            msg["file"] = path.format(msg_id) if rng.random() < 0.5 else _PLACEHOLDER
            msg["media_type"] = kind
            if mime:
                msg["mime_type"] = mime
            if kind != "sticker":
                msg["duration_seconds"] = self.ri(1, 1800)
            else:
                msg["sticker_emoji"] = "👍"
        if empty:
            st.n_empty_text += 1
            msg["text"] = ""
            msg["text_entities"] = []
            return msg
        lang = self.pick_lang()
        st.by_lang[lang] = st.by_lang.get(lang, 0) + 1
        body = self.text(lang)
        if rng.random() < 0.10:
            st.n_entity_texts += 1
            msg["text"], msg["text_entities"] = self.entity_text(body, msg_id)
        else:
            msg["text"] = body
            msg["text_entities"] = _PLAIN  # resolved by the writer: encodes the text once
        return msg

    def _malform(self, msg: dict[str, Any]) -> Any:
        k = self.rng.randrange(4)
        if k == 0:
            del msg["id"]
            return msg
        if k == 1:
            msg["text"] = self.pick((12345, 3.25, -7))
            return msg
        if k == 2:
            msg["date_unixtime"] = self.pick(("not-a-date", "", "17x0000000", "-"))
            return msg
        return self.pick(("garbage", 42, None, [1, 2, 3], True))


_ENC = json.JSONEncoder(ensure_ascii=False)
_encode_str = json.encoder.encode_basestring
#: Marks a plain-text message whose ``text_entities`` the writer fills in.
_PLAIN: list[Any] = []
_ENC_PRETTY = json.JSONEncoder(ensure_ascii=False, indent=1)

_CHAT_TYPES = (
    "public_channel",
    "private_supergroup",
    "public_supergroup",
    "private_channel",
    "personal_chat",
)
_CHAT_NAMES = (
    "Synthetic Bulletin",
    "Хабарҳои Синтетикӣ",
    "Sintetik Xabarlar",
    "اخبار مصنوعی",
    "Синтетические новости",
    "Sentetik Haberler",
    "Синтетикалык кабарлар",
    "مصنوعي خبرونه",
    "أخبار اصطناعية",
)


def _write_messages(
    out: TextIO,
    gen: _Gen,
    n: int,
    name: str,
    chat_id: int,
    chat_type: str,
    pretty: bool,
    indent: str,
) -> None:
    enc = _ENC_PRETTY if pretty else _ENC
    buf: list[str] = []
    first = True
    sep = ",\n" + indent
    for item in gen.items(n, name, chat_id, chat_type):
        if type(item) is dict and item.get("text_entities") is _PLAIN:
            text = item["text"]
            if pretty or not isinstance(text, str):
                item["text_entities"] = (
                    [{"type": "plain", "text": text}] if isinstance(text, str) else []
                )
                s = enc.encode(item)
            else:
                # text_entities of a plain message repeats the text: encode it once.
                del item["text"], item["text_entities"]
                eb = _encode_str(text)
                s = (
                    f'{enc.encode(item)[:-1]}, "text": {eb}, '
                    f'"text_entities": [{{"type": "plain", "text": {eb}}}]}}'
                )
        else:
            s = enc.encode(item)
        if pretty:
            s = s.replace("\n", "\n" + indent)
        if first:
            buf.append(indent + s)
            first = False
        else:
            buf.append(sep)
            buf.append(s)
        if len(buf) >= 4096:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


def _write_chat(
    out: TextIO,
    gen: _Gen,
    n: int,
    name: str,
    chat_id: int,
    chat_type: str,
    pretty: bool,
    indent: str = "",
) -> None:
    out.write(
        "{\n"
        f'{indent} "name": {_ENC.encode(name)},\n'
        f'{indent} "type": {_ENC.encode(chat_type)},\n'
        f'{indent} "id": {chat_id},\n'
        f'{indent} "messages": [\n'
    )
    _write_messages(out, gen, n, name, chat_id, chat_type, pretty, indent + "  ")
    out.write(f"\n{indent} ]\n{indent}}}")


def generate(
    n: int,
    out_path: str | Path,
    seed: int = 42,
    layout: str = "single",
    channels: int = 1,
    pretty: bool = False,
) -> GenStats:
    """Write ``n`` items to ``out_path`` and return what was written."""
    if n < 0:
        raise ValueError("n must be >= 0")
    if layout not in ("single", "account"):
        raise ValueError(f"unknown layout {layout!r}")
    if layout == "single" and channels != 1:
        raise ValueError("--channels > 1 needs --layout account")
    if channels < 1:
        raise ValueError("channels must be >= 1")
    t0 = time.perf_counter()
    stats = GenStats(seed=seed, layout=layout)
    gen = _Gen(seed, stats, n)
    id_rng = random.Random(seed ^ 0x5EED)
    path = Path(out_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        if layout == "single":
            chat_id = id_rng.randint(1_000_000_000, 2_000_000_000)
            name = _CHAT_NAMES[0]
            stats.chats.append({"name": name, "type": "public_channel", "id": chat_id, "items": n})
            _write_chat(out, gen, n, name, chat_id, "public_channel", pretty)
            out.write("\n")
        else:
            per = [n // channels + (1 if k < n % channels else 0) for k in range(channels)]
            n_left = 1 if channels >= 3 else 0
            out.write(
                "{\n"
                ' "about": "Here is the data you requested. Synthetic benchmark export.",\n'
                ' "personal_information": {"user_id": 100000001, "first_name": "Bench", '
                '"last_name": "", "phone_number": "+0 000 000 0000", "username": "@bench", '
                '"bio": ""},\n'
                ' "contacts": {"about": "Contacts.", "list": []},\n'
                ' "frequent_contacts": {"about": "Frequent contacts.", "list": []},\n'
                ' "chats": {\n  "about": "This page lists all chats from this export.",\n'
                '  "list": [\n'
            )
            for k in range(channels):
                if n_left and k == channels - n_left:
                    out.write(
                        "\n  ]\n },\n"
                        ' "left_chats": {\n  "about": "Channels and groups you left.",\n'
                        '  "list": [\n'
                    )
                elif k > 0:
                    out.write(",\n")
                out.write("   ")
                chat_type = _CHAT_TYPES[k % len(_CHAT_TYPES)]
                name = _CHAT_NAMES[k % len(_CHAT_NAMES)]
                if k >= len(_CHAT_NAMES):
                    name += f" {k}"
                chat_id = id_rng.randint(1_000_000_000, 2_000_000_000)
                stats.chats.append(
                    {"name": name, "type": chat_type, "id": chat_id, "items": per[k],
                     "left": bool(n_left and k >= channels - n_left)}
                )  # fmt: skip
                _write_chat(out, gen, per[k], name, chat_id, chat_type, pretty, "   ")
            out.write("\n  ]\n }\n}\n")
    tmp.replace(path)
    stats.bytes_written = path.stat().st_size
    stats.seconds = time.perf_counter() - t0
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("n", type=int, help="number of items (messages) to write")
    ap.add_argument("out", type=Path, help="output path (.json)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--layout", choices=("single", "account"), default="single")
    ap.add_argument(
        "--channels", type=int, default=None, help="number of chats (account layout; default 5)"
    )
    ap.add_argument(
        "--pretty",
        action="store_true",
        help="indent like Telegram Desktop (indent=1; ~2x slower, larger file)",
    )
    ap.add_argument("--stats", type=Path, default=None, help="also write stats as JSON here")
    args = ap.parse_args(argv)
    channels = (
        args.channels if args.channels is not None else (5 if args.layout == "account" else 1)
    )
    try:
        stats = generate(args.n, args.out, args.seed, args.layout, channels, args.pretty)
    except ValueError as exc:
        ap.error(str(exc))
    if args.stats is not None:
        args.stats.write_text(json.dumps(stats.to_dict(), ensure_ascii=False, indent=1) + "\n")
    mb = stats.bytes_written / 1e6
    rate = stats.n_items / stats.seconds if stats.seconds else math.inf
    print(
        f"wrote {stats.n_items} items ({stats.n_malformed} malformed, {stats.n_service} service) "
        f"to {args.out}: {mb:.1f} MB in {stats.seconds:.1f} s ({rate:,.0f} items/s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
