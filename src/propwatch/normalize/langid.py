"""Language identification for short multilingual messages.

``identify`` runs pycld2 as the base classifier and adds cheap, script-aware lexical
rules (distinctive letters, function words, suffixes) that fix its weaknesses on
propwatch's languages: Tajik / Uzbek / Kyrgyz / Russian in Cyrillic, Uzbek / Turkish /
English in Latin, Persian / Dari / Pashto / Arabic in Arabic script.  Dari (``prs``)
is split from Persian (``fa``) only on explicit Afghan vocabulary.  Method, measured
accuracy and limits: ``docs/langid.md``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import pycld2

__all__ = ["LangGuess", "identify", "identify_many"]


@dataclass(frozen=True, slots=True)
class LangGuess:
    """Language (``und`` if unknown), ISO 15924 script, confidence in [0, 1]."""

    lang: str
    script: str
    confidence: float
    reliable: bool


_UND = LangGuess("und", "Zyyy", 0.0, False)
Hits = tuple[tuple[str, float], ...]


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


# pycld2 raises on C0/C1 controls, noncharacters and lone surrogates; invisible format
# characters are noise.  ZWNJ separates Persian/Pashto morphemes, so it becomes a space.
_NONCHARS = "".join(f"\\U{p:04x}fffe\\U{p:04x}ffff" for p in range(1, 17))
_STRIP_RE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u00ad\u061c\u180e\u200b\u200d-\u200f\u202a-\u202e\u2060-\u206f\ufeff" + _NONCHARS + "]"
)
_URL_RE = re.compile(r"(?:https?://|www\.|t\.me/)\S+|\S+@\S+\.\w+|[@#]\w+")
_COMBINING_RE = re.compile("[\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['ʻʼ’`‘][^\W\d_]+)*'?")
_AR_NORM_PAIRS = (("ي", "ی"), ("ك", "ک"), ("ى", "ی"), ("ە", "ه"), ("ۀ", "ه"), ("ة", "ه"))
_AR_NORM = str.maketrans(dict(_AR_NORM_PAIRS))


def _ar_norm(text: str) -> str:
    """``text.translate(_AR_NORM)``, faster on long texts (six scans in C, no per-letter
    lookup)."""
    for old, new in _AR_NORM_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


_CLD_MAP = {"iw": "he", "in": "id", "jw": "jv", "zh-Hant": "zh", "un": "und"}
_CLD_WEIGHT = 3.0
#: Words per pycld2 vote for a sure non-target language (see ``identify``).
_WORDS_PER_VOTE = 10.0
_TARGETS = _words("tg uz ky ru fa ps ar tr en")
_SCRIPTS = ("Zyyy", "Latn", "Cyrl", "Arab")
_PRIOR = {"Latn": "en", "Cyrl": "ru", "Arab": "ar"}
_SIBLINGS = (
    "ur:ٹڈڑںےہھۓ sd:ڄٻڀٽٿڦڪڱڳڻڍڊڏڙ ug:ۇۈۋۆې ckb:ڵڕێۆ az:ə tk:äňýž sr:ђјљњћџ mk:ѓќљњџѕј "
    "kk:әұіһ uk:іїєґ be:і tt:әҗһ ba:ҙҫҡә"
)
# Languages pycld2 confuses with ours on short text, with letters their texts nearly
# always contain: without any of them, pycld2's vote is cut to a quarter.
_DEFINING = {k: frozenset(v) for k, _, v in (x.partition(":") for x in _SIBLINGS.split())}


def _table(spec: str) -> dict[str, Hits]:
    """Build ``key -> ((lang, weight), ...)`` from ``"lang:weight k1 k2 ... lang:weight ..."``."""
    acc: dict[str, list[tuple[str, float]]] = {}
    lang, weight = "und", 0.0
    for item in spec.split():
        if ":" in item:
            lang, _, num = item.partition(":")
            weight = float(num)
        else:
            acc.setdefault(item, []).append((lang, weight))
    return {k: tuple(v) for k, v in acc.items()}


_LETTERS = _table(
    "tg:3 ӣ ӯ ҷ tg:1 ҳ қ ғ uz:3 ў uz:1 ҳ қ ғ ky:3 ң ө ү ru:2 щ ru:1.5 ы ky:1 ы kk:3 ә ұ uk:3 ї є ґ "
    "sr:3 ђ ј љ њ ћ џ tr:3 ş ç ğ ı ö ü \u0307 uz:2 ʻ uz:0.5 q x az:3 ə "
    "ps:3 ټ ډ ړ ږ ښ ګ ڼ ۍ ځ څ ps:2 ې fa:1 پ چ ژ گ ی ک ps:0.5 پ چ ژ ی ک "
    "ar:1.5 ة ك ى ar:1 ي أ إ ur:3 ٹ ڈ ڑ ں ے ۂ ہ ھ"
)
_WORDS = _table(
    """
tg:1.5 дар аз ки бо барои ҳастанд аст ин ба мо шумо онҳо ман вай низ агар бояд мешавад шуд буд
кард карда нест чӣ чаро куҷо хеле ҳама худ бар то пас баъд баъди як мекунад мекунанд гуфт шуданд
буданд ҳаст мебошад мебошанд дорад доранд имрӯз аммо лекин ҳам ҳар дигар ё ташаккур
tg:1 ва он
uz:1.5 билан учун бу бир эмас бор йўқ жуда керак эди деб ҳақида ёки бўлди бўлиб қилди мен сен
биз сиз улар бугун кеча яна энг ҳозир қандай нима нега шу ўша катта янги барча бўйича орқали
бўлган эса экан ҳамда ҳам лекин аммо раҳмат яхши
uz:1 ва у
ky:1.5 жана менен үчүн бул деп болуп эмес абдан өтө бүгүн кечээ силер алар ал анын эле гана дагы
чейин кийин боюнча тууралуу жөнүндө аркылуу болгон болот эмне кандай жок биз мен сен бир керек
рахмат
ky:1 да
ru:1.5 и в не на что это с по как для а от из к о за но же бы его она они мы вы я был была были
будет так уже все всё только когда или если при после более также сегодня очень он у их наш наши
нет тоже где там здесь ещё еще чтобы который которые этот эта эти мой свой ли вот
ru:1 да
uz:1.5 va bilan uchun emas bor juda kerak edi deb haqida yoki lekin ammo men ular u ham bugun
kecha yana eng hozir qanday nima nega shu katta yangi barcha orqali esa ekan hamda alloh endi
hech rahmat muborak salom assalomu xayr yaxshi
uz:1 bu bir biz siz sen
tr:1.5 ve için icin çok cok ile olarak ama daha gibi değil degil var yok ne mi mı ben onlar o
her bugün dün şimdi sonra kadar göre yeni büyük tüm bunu şu merhaba teşekkür tamam evet hayır
lütfen
tr:1 bu bir biz siz sen da de
en:1.5 the and of to is in for on with that are was were this it be by from at as have has will
not they we you he she their our a an but or said after about today new who what
ar:2 في على الذي التي إلى الى هذا هذه أن قد كان عن مع هو هي لم لن ثم كل بين حتى أو وقد ولا إن
عند ذلك تلك كانت قال اليوم الله يا ليس
fa:1.5 است می را این که از به با در هم برای شد بود کرد ها های نیست یک آن شده بر تا اما ولی چه
اگر باید خود ما هست نمی کنند کند گفت دارد دارند شود کنید امروز خیلی بسیار شما آنها خواهد
fa:0.5 من او و
ps:2 د په چې ته دا شو دي ده کې سره وايي وایي وو لپاره ټول کوي کړي کړل شوي پر هغه دغه دې يې یې وي
څه زه موږ مونږ تاسو خو نو بیا ډېر ډیر نن پورې څخه وروسته
ps:1 او چی کی نه له
"""
)
_SUFFIXES = _table(
    """
tg:1 ҳо ҳои ро анд ӣ
uz:1 лар ларни нинг ни дан га ган моқда ди миз ингиз да
ky:1 лер дер тер нын нин дын дин тын тин ган ген кен ды ти луу дуу лар да
ru:1 ого его ать ить ется ются ость ции ый ться ья
uz:1 ning ngiz dagi gan moqda yapti lar ni ga da dan man miz
tr:1 ler leri ları dır dir yor iyor miş mış ının inin daki deki den lar da dan
en:1 ing tion ed ly ers
"""
)
# Dari (Afghan) vs Iranian usage; scored only for the fa/prs decision (see docs).
_PRS_WORDS = _table(
    """
prs:2 پوهنتون پوهنځی ولسوالی ولسوال شاروالی شاروال موتر تشناب بایسکل پولیس ملیون ملیارد قوماندان
قوماندانی سرک جرگه تذکره شفاخانه داکتر تلیفون کمپیوتر انجنیر مکتب مکاتب لیسه متعلم متعلمین
محصلین وطندار ولسی لوی دوکان دوکاندار چوکی تیل سارنوالی څارنوالی جمهوریت افغانی کلدار استی استم
استیم استین استید استند دالر انترنت پلان کورس کانکور راپور پروگرام فابریکه هوتل تکت
دواخانه نوکریوال مادرکلان پدرکلان واکسین کمپاین کرکت ویکت بیخی نمیته میته کتی کتیش سالون
مالیه سرخکان مالداری لیلیه پوهاند پوهنوال منسوبین امنیه قومندان ماین پیسه بیادر
فیصد پترول معاش کاکا لالا رخصتی نرس محکمه محبس آمریت باشنده باشندگان طیاره تکسی
موترسایکل ریکشا کچالو مشرانو
prs:1.5 ساحه ساحات تعلیمی زراعت داخله عودت پسان دوا تداوی نشرات قریه
prs:1 صاحب ولایت والی امارت ریاست محصل صنف بخیر تشکر نی مهاجرین کوچی ملکی معارف صحت اعلان
اعلامیه بالای اشتراک ولایات عواید حاصلات اطفال سرحد ره اس وطندارا معین عاجل پاسپورت همی
ترمیم کرایه تنخواه اولاد شاگرد آمر ناحیه زون رخصت
geo:0.5 افغانستان کابل هرات بلخ مزار قندهار کندز بدخشان طالبان
ir:2 پلیس دانشگاه استان استانداری شهرستان بیمارستان ماشین خیابان تومان ریال میلیون شهرداری
فرماندار فرمانداری دانشجو دانشجویان مغازه صندلی تلفن کامپیوتر فقیه سپاه بسیج اینترنت کنکور
داروخانه واکسن کمپین موتورسیکلت
ir:1.5 دادگاه فرودگاه روستا
ir:1 خیلی دکتر مهندس کلاس هست میخوام اینجوری چیه مرسی رو ایران تهران مجلس سالن کشاورزی بیانیه
کودکان بهداشت تحصیلی سرخک گذرنامه رانش میدونم میدونه میدونی خونه اون اونا اونجا ایشون یه
درصد بنزین اتوبوس عمو آزمون دارو پرستار هواپیما گوجه غیرنظامی غیرنظامیان
ir:0.5 داره نداره میشه نمیشه جاده اجاره تعطیل تعطیلات شهروند ساکنان موشک
"""
)
# Two-word Afghan / Iranian usages, scored like ``_PRS_WORDS`` (words after ``_AR_NORM``).
_PRS_PAIRS = {
    tuple(k.split("_")): v
    for k, v in _table(
        """
prs:2 به_اساس بر_بنیاد افراد_ملکی مردم_ملکی امارت_اسلامی صحت_عامه پس_آمد پس_آمدند پس_آمدیم
میدان_هوایی شیرینی_خوری بادنجان_رومی رئیس_الوزرا رییس_الوزرا
ir:2 و_پرورش وزارت_کشور و_سیما دانش_آموز دانش_آموزان سیب_زمینی موتور_سیکلت
ir:1 جمهوری_اسلامی
"""
    ).items()
}
_AF_MONTHS = _words("حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت")
_IR_MONTHS = _words("فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند")
_DATE_WORDS = _words("ماه برج")
_DIGIT_RE = re.compile("[0-9۰-۹٠-٩]")
_UZ_APOS_RE = re.compile(r"[og]['’`‘ʼ](?![st]\b)")
_PLURAL_RE = re.compile("(ها|های|هایی|ان|ی)$")
_LETTER_KEYS = frozenset(_LETTERS)


def _suffix(tok: str) -> Hits:
    """Longest-suffix hit (half weight) for words of four or more letters."""
    for n in range(min(5, len(tok) - 2), 0, -1):
        hit = _SUFFIXES.get(tok[-n:])
        if hit:
            return tuple((lang, w * 0.5) for lang, w in hit)
    return ()


def _word(tok: str) -> tuple[int, Hits]:
    """Script index (into ``_SCRIPTS``) and rule hits of one lower-cased word."""
    o = ord(tok[0])
    if o < 0x250 or o == 0x2BB:
        hits = _WORDS.get(tok, ()) + _suffix(tok)
        if _UZ_APOS_RE.search(tok):
            hits += (("uz", 1.0),)
        if "sh" in tok or "ch" in tok:
            hits += (("uz", 0.3), ("en", 0.15))
        return 1, hits
    if 0x400 <= o < 0x530:
        return 2, _WORDS.get(tok, ()) + _suffix(tok)
    if 0x600 <= o < 0x780 or 0xFB50 <= o <= 0xFEFF:
        norm = tok.translate(_AR_NORM)
        hits = _WORDS.get(tok, ()) + (_WORDS.get(norm, ()) if norm != tok else ())
        prs = _PRS_WORDS.get(norm) or _PRS_WORDS.get(_PLURAL_RE.sub("", norm))
        if prs:  # Dari / Iranian cues are also Persian-family evidence
            hits += (*prs, ("fa", 1.0 if prs[0][0] != "geo" else 0.0))
        if tok.startswith("ال") and len(tok) > 3:
            hits += (("ar", 0.5),)
        if tok.endswith("ئ") and len(tok) > 2:
            hits += (("ps", 1.0),)
        for key, words in (("afm", _AF_MONTHS), ("irm", _IR_MONTHS), ("datew", _DATE_WORDS)):
            if norm in words:
                hits += ((key, 1.0),)
        return 3, hits
    return 0, ()


@lru_cache(maxsize=1 << 16)  # ~25 MiB full; 1 << 18 cost each ingest worker ~70 MiB more
def _chunk(raw: str) -> tuple[int, int, Hits]:
    """Majority script index, letter count and all rule hits of a whitespace chunk."""
    words = _WORD_RE.findall(raw if raw.isascii() else _COMBINING_RE.sub("", raw))
    counts = [0, 0, 0, 0]
    merged: dict[str, float] = {}
    hits: list[tuple[str, float]] = []
    for word in words:
        idx, word_hits = _word(word)
        counts[idx] += len(word)
        hits.extend(word_hits)
    for ch in _LETTER_KEYS.intersection(raw):
        hits.extend(_LETTERS[ch])
    for lang, weight in hits:
        merged[lang] = merged.get(lang, 0.0) + weight
    best = max(range(4), key=counts.__getitem__)
    return best, sum(counts), tuple(merged.items())


def _cld(text: str) -> tuple[str, int, bool]:
    """pycld2's top language, its percent and reliability (``und`` on failure)."""
    try:
        reliable, _, details = pycld2.detect(text, bestEffort=True)
    except Exception:  # pycld2.error on input it cannot handle
        return "und", 0, False
    code = str(details[0][1])
    return _CLD_MAP.get(code, code), int(details[0][2]), bool(reliable)


# Afghan orthography writes the possessive clitics apart ("نظر تان", "کتاب شان"); Iranian
# writing attaches them or joins them with ZWNJ ("نظرتان", "خانه‌تان"). Read on the raw
# text, where ZWNJ is still ZWNJ, not a space.
_SPLIT_CLITIC_RE = re.compile("(?<=[\u0620-\u06ff]) (?:تان|شان|مان)(?![\u0620-\u06ff\u200c])")


def _dari(scores: dict[str, float], text: str, raw: str = "") -> float:
    """Dari-minus-Iranian cue margin; >= 0 means Dari.  Consumes the cue keys."""
    prs, ir = scores.pop("prs", 0.0), scores.pop("ir", 0.0)
    prs += min(len(_SPLIT_CLITIC_RE.findall(raw)), 2)
    words = _WORD_RE.findall(_ar_norm(text))
    for pair in pairwise(words):
        for lang, weight in _PRS_PAIRS.get(pair, ()):
            if lang == "prs":
                prs += weight
            else:
                ir += weight
    geo = scores.pop("geo", 0.0)
    dated = scores.pop("datew", 0.0) > 0 or _DIGIT_RE.search(text) is not None
    if scores.pop("afm", 0.0) and dated:
        prs += 2.0
    if scores.pop("irm", 0.0) and dated:
        ir += 2.0
    if prs > 0:  # place names count only alongside real Afghan usage
        prs += min(geo, 1.0)
    return prs - ir if prs >= 1.5 and prs > ir else -1.0


_CUE_KEYS = ("prs", "ir", "geo", "afm", "irm", "datew")

#: Words from which a sure pycld2 answer for a Latin-script language propwatch does not
#: target is taken as it is.
_SURE_WORDS = 40

#: Characters of a text that language identification reads.
MAX_CHARS = 600


def identify(text: str) -> LangGuess:
    """Identify the language and script of ``text``; never raises.

    Fewer than three letters (after removing URLs, mentions and hashtags) gives
    ``und`` with confidence 0. Only the first ``MAX_CHARS`` characters are read: more text
    does not change the answer, only the cost.
    """
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
    if text.isprintable():
        clean = text
    elif text.replace("\n", "").replace("\u200c", "").isprintable():
        # Every character _STRIP_RE removes is unprintable: nothing to remove (the common
        # case of a text with line breaks or Persian half-spaces, without a regex pass).
        clean = text.replace("\u200c", " ")
    else:
        clean = _STRIP_RE.sub("", text.replace("\u200c", " "))
    low = clean.lower()
    if "/" in low or "@" in low or "#" in low or "www" in low:
        low = _URL_RE.sub(" ", low)
    counts = [0, 0, 0, 0]
    scores: dict[str, float] = {}
    chunks = low.split()
    for idx, n, hits in map(_chunk, chunks):
        counts[idx] += n
        for lang, weight in hits:
            scores[lang] = scores.get(lang, 0.0) + weight
    letters = counts[0] + counts[1] + counts[2] + counts[3]
    if letters < 3:
        return _UND
    best = 1 if counts[1] >= counts[2] else 2
    best = best if counts[best] >= counts[3] else 3
    script = _SCRIPTS[best] if counts[best] else "Zyyy"
    # Dari / Iranian cue keys are not languages: set aside, read only if Persian wins.
    cues = {key: scores.pop(key) for key in _CUE_KEYS if key in scores} if counts[3] else {}
    code, percent, cld_reliable = _cld(clean)
    if (
        script == "Latn" and code not in _TARGETS and code not in _DEFINING and code != "und"
        and cld_reliable and percent >= 90 and len(chunks) >= _SURE_WORDS
    ):
        # A paragraph that pycld2 is sure is Portuguese or Italian: suffix and function-word
        # hits for Turkish or English ("-lar", "a", "e") must not outvote it.
        conf = round(min(0.99, 0.9 * percent / 100.0 + 0.09), 3)
        return LangGuess(code, script, conf, True)
    if code != "und":
        vote = _CLD_WEIGHT * percent / 100.0 * (1.0 if cld_reliable else 0.5)
        if code not in _TARGETS:
            vote *= min(1.0, letters / 40.0)
            if cld_reliable and percent >= 90:
                # Rule hits add up word by word: on a long text in a language propwatch does
                # not target (Spanish, German...), stray suffix hits ("-lar", "-da") would
                # outvote pycld2's single vote, so a sure vote grows with the text too.
                vote *= max(1.0, len(chunks) / _WORDS_PER_VOTE)
        if code in _DEFINING and _DEFINING[code].isdisjoint(low):
            vote *= 0.25
        scores[code] = scores.get(code, 0.0) + vote
    if not scores and script in _PRIOR:
        scores[_PRIOR[script]] = 0.1
    if not scores:
        return LangGuess("und", script, 0.0, False)
    lang, top, second = "und", -1.0, 0.0
    for cand, score in scores.items():
        if score > top:
            lang, top, second = cand, score, max(top, 0.0)
        elif score > second:
            second = score
    margin = top - second
    cld_part = percent / 100.0 * (1.0 if cld_reliable else 0.6) if code == lang else 0.0
    rule_part = 1.0 - math.exp(-margin / 3.0)
    conf = 1.0 - (1.0 - 0.9 * cld_part) * (1.0 - 0.9 * rule_part)
    conf *= 0.5 + 0.5 * min(1.0, letters / 30.0)
    dari_margin = _dari(cues, low, text) if lang == "fa" and script == "Arab" else -1.0
    if dari_margin >= 0:
        lang = "prs"
        conf *= 1.0 - math.exp(-(dari_margin + 1.0) / 2.0)
    conf = round(min(conf, 0.99), 3)
    return LangGuess(lang, script, conf, conf >= 0.6 and (cld_reliable or margin >= 3.0))


def identify_many(texts: Iterable[str]) -> list[LangGuess]:
    """Identify each text in ``texts`` (same order)."""
    return [identify(t) for t in texts]
