# ruff: noqa: E501
"""Build propwatch's demo corpus (deterministic; no network, no randomness).

Writes, relative to the repository root:

* ``src/propwatch/data/demo/result.json``: a full-account Telegram Desktop export of eleven
  fictional chats (ten in ``chats``, one in ``left_chats``);
* ``src/propwatch/data/demo/labels.csv``: the answer key (language, label, categories,
  obfuscation) for every message; it is NOT part of the corpus and must not be ingested;
* ``src/propwatch/data/demo/update/result.json``: a later single-chat export of
  "Sadoi Khuroson (demo)" (two messages edited, three new).

Run ``python scripts/make_demo_corpus.py`` (``--check`` only verifies the committed files are
up to date). Everything in the corpus is fictional and written for propwatch (CC0).
Propaganda-like posts are short statements modelled on what public reporting quotes; there is no
operational content (no weapons, targets, instructions, real handles or real wallets).

Text markup used below: ``**bold**``, ``[label](https://href)``; #hashtags, @mentions, URLs and
t.me links become entities automatically, as Telegram does.
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "src" / "propwatch" / "data" / "demo"
UPDATE_DIR = DEMO_DIR / "update"

#: The exporting machine's clock: Asia/Dushanbe, UTC+05:00 all year (no DST).
#: ``date`` is local time without offset (as Telegram Desktop writes it), ``date_unixtime`` UTC.
EXPORT_TZ = timezone(timedelta(hours=5))

NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"
ABOUT = (
    "Here is the data you requested. Remember: Telegram is ad free, it doesn't use your data "
    "for ad targeting and doesn't sell it to others. Telegram only keeps the information it "
    "needs to function as a secure and feature-rich cloud service.\n\nCheck out Settings > "
    "Privacy & Security on Telegram's mobile apps for the relevant settings."
)
ABOUT_CHATS = "This page lists all chats from this export."
ABOUT_LEFT = (
    "Below are the supergroups and channels from this export that you've left or where you "
    "were banned.\n\nNote that when you leave a channel or supergroup you've created, you have "
    "the option to either delete it, or simply leave (in case you want to rejoin later, or keep "
    "the community alive despite not being a member)."
)

#: A clearly invalid wallet placeholder (never a real address).
WALLET = "DEMO-WALLET-0000-NOT-A-REAL-ADDRESS"

# --------------------------------------------------------------------------- obfuscation helpers

ZWSP = "\u200b"  # zero-width space
ZWNJ = "\u200c"  # zero-width non-joiner


def arabic_letters(persian: str) -> str:
    """Persian text typed on an Arabic keyboard: ی -> ي (U+064A), ک -> ك (U+0643)."""
    return persian.replace("ی", "\u064a").replace("ک", "\u0643")


def russian_keyboard(tajik: str) -> str:
    """Tajik typed on a Russian keyboard: the six Tajik letters replaced by their look-alikes."""
    table = str.maketrans("ҷҳӣӯқғҶҲӢӮҚҒ", "чхиукгЧХИУКГ")
    return tajik.translate(table)


# --------------------------------------------------------------------------- text -> entities

_MARKUP = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|\[(?P<label>[^\]]+)\]\((?P<href>https?://[^)\s]+)\)"
    r"|(?P<link>https?://[^\s)»\"]+[^\s)»\".,!?:;]|t\.me/[A-Za-z0-9_/]+[A-Za-z0-9_])"
    r"|(?P<mention>(?<![\w@/.])@[A-Za-z][A-Za-z0-9_]{4,31})"
    r"|(?P<hashtag>(?<![\w#])#\w*[^\W\d_]\w*)"
)


def parse_text(source: str) -> list[dict[str, str]]:
    """Split marked-up text into Telegram text parts (plain + entities)."""
    parts: list[dict[str, str]] = []
    pos = 0
    for m in _MARKUP.finditer(source):
        if m.start() > pos:
            parts.append({"type": "plain", "text": source[pos : m.start()]})
        if m.group("bold") is not None:
            parts.append({"type": "bold", "text": m.group("bold")})
        elif m.group("label") is not None:
            parts.append({"type": "text_link", "text": m.group("label"), "href": m.group("href")})
        elif m.group("link") is not None:
            parts.append({"type": "link", "text": m.group("link")})
        elif m.group("mention") is not None:
            parts.append({"type": "mention", "text": m.group("mention")})
        else:
            parts.append({"type": "hashtag", "text": m.group("hashtag")})
        pos = m.end()
    if pos < len(source):
        parts.append({"type": "plain", "text": source[pos:]})
    return parts


def text_fields(source: str) -> tuple[Any, list[dict[str, str]]]:
    """``text`` and ``text_entities`` exactly as Telegram Desktop's serializer writes them."""
    parts = parse_text(source)
    if not parts:
        return "", []
    if len(parts) == 1 and parts[0]["type"] == "plain":
        return parts[0]["text"], [dict(parts[0])]
    text: list[Any] = [p["text"] if p["type"] == "plain" else dict(p) for p in parts]
    return text, [dict(p) for p in parts]


def plain_text(source: str) -> str:
    return "".join(p["text"] for p in parse_text(source))


# --------------------------------------------------------------------------- the model


@dataclass
class M:
    """One message of the spec (a regular message unless ``service`` is set)."""

    id: int
    date: str  # local time "YYYY-MM-DD HH:MM:SS"
    lang: str = ""  # tg uz-Latn uz-Cyrl ky ru fa prs ps ar tr en ("" = no text)
    label: str = ""  # propaganda | hard_negative | none
    cats: str = ""  # taxonomy ids separated by "|"
    text: str = ""
    edited: str | None = None
    author: str | None = None
    fwd: tuple[str, int] | None = None  # (chat key, message id): forwarded copy
    reply: int | None = None
    sender: str | None = None  # user key in groups
    photo: str | None = None  # "placeholder" | "file"
    size: tuple[int, int] = (1280, 720)
    video: int | None = None  # duration in seconds
    pdf: str | None = None
    poll: dict[str, Any] | None = None
    service: str | None = None  # create_channel | pin_message | join_group_by_link
    pinned: int | None = None
    inviter: str | None = None
    unsupported: bool = False
    obf: str = ""  # obfuscation case id(s)
    note: str = ""


@dataclass
class Chat:
    key: str
    name: str
    type: str
    id: int
    languages: str
    role: str
    messages: list[M] = field(default_factory=list)
    left: bool = False


USERS = {
    "farrukh": ("Farrukh D.", 5000000001),
    "nilufar": ("Nilufar R.", 5000000002),
    "azamat": ("Азамат К.", 5000000003),
    "sherzod": ("Sherzod T.", 5000000004),
    "madina": ("Мадина С.", 5000000005),
}


def stamp(local: str) -> tuple[str, str]:
    dt = datetime.strptime(local, "%Y-%m-%d %H:%M:%S").replace(tzinfo=EXPORT_TZ)
    return dt.strftime("%Y-%m-%dT%H:%M:%S"), str(int(dt.timestamp()))


# --------------------------------------------------------------------------- the chats
# fmt: off

SADOI = Chat(
    "sadoi", "Sadoi Khuroson (demo)", "public_channel", 1900000101, "tg",
    "pro-ISKP channel, Tajik (Cyrillic)",
)
SADOI.messages = [
    M(1, "2023-10-09 11:02:15", service="create_channel"),
    M(2, "2023-10-12 20:14:03", "tg", "propaganda", "narrative.anti_shia|narrative.antisemitic",
      "Рофизиён харҳои яҳудиён мебошанд. Инро ҳар мусулмон бояд донад.",
      note="seed: 'Rawafidh are the donkeys of the Jews'"),
    M(3, "2023-10-20 18:40:27", "tg", "propaganda", "narrative.shia_jewish_conspiracy",
      "**Яҳудиён ва рофизиён ду рӯи як танга мебошанд.**\nЭрон ва Исроил ба зоҳир душмананд, вале ҳадафашон як аст: заиф кардани аҳли суннат. #Хуросон",
      edited="2023-10-20 19:05:10", author="Муҳаррир",
      note="seed: 'two sides of the same coin'; start of a forward chain"),
    M(4, "2023-10-27 12:10:00", "tg", "hard_negative", "negative.religious",
      "Ҷумъа муборак! Намози ҷумъаро сари вақт хонед ва барои падару модар дуо кунед."),
    M(5, "2023-11-08 21:33:41", "tg", "propaganda", "behaviour.recruitment",
      "Эй бародарони тоҷик дар муҳоҷират! Ҳиҷрат ба сарзамини Хуросон фарз аст. Ба муҷоҳидон ёрӣ диҳед. #ҳиҷрат"),
    M(6, "2023-12-02 19:20:18", "tg", "propaganda", "narrative.anti_taliban_apostasy",
      "Толибон аз дин баргаштанд: бо рофизиёни Эрон созиш карданд ва манфиати Амрикоро ҳифз мекунанд."),
    M(7, "2024-01-04 15:47:09", "tg", "propaganda", "behaviour.attack_claim|narrative.anti_shia",
      "Аъмоқ: ҷанговарони Давлати Исломӣ ба ҷамъомади рофизиён дар шаҳри Кирмон ҳамла карданд.",
      photo="placeholder", size=(1280, 720)),
    M(8, "2024-01-05 10:02:44", "tg", "propaganda", "behaviour.martyrdom_glorification",
      "Аллоҳ шаҳидони моро қабул кунад. Онҳо мурда нестанд, балки зиндаанд."),
    M(9, "2024-01-19 20:11:37", "tg", "propaganda", "narrative.shia_jewish_conspiracy",
      "Аз р\u0061физӣ ва дӯстони яҳудии ӯ барҳазар бошед: дар ҳар хабари Эрон фиреб ҳаст.",
      obf="O1", note="Latin 'a' (U+0061) inside Cyrillic 'рафизӣ'"),
    M(10, "2024-02-14 22:05:50", "tg", "propaganda", "behaviour.fundraising",
      f"Ба бародарони муҷоҳид кумак кунед! Ҳар сомонӣ аҷр дорад.\nҲамён (USDT): {WALLET}\nБарои тамос: @demo_sadoi_khuroson",
      note="fake wallet placeholder, fictional handle"),
    M(11, "2024-03-11 19:30:00", "tg", "hard_negative", "negative.religious",
      "Рамазон муборак! Аллоҳ рӯзаю намозҳоятонро қабул кунад."),
    M(12, "2024-03-21 21:48:13", "tg", "propaganda", "narrative.palestine_mobilisation|narrative.anti_shia",
      "Байтулмақдис бо шиорҳои Теҳрон озод намешавад. Эрон фаластиниёнро барои сиёсати худ истифода мебарад."),
    M(13, "2024-04-14 23:15:26", "tg", "propaganda", "narrative.staged_iran_israel_conflict",
      "Ҷанги Эрону Исроил намоиш аст. Мушакҳоро бо ҳамоҳангии ҳамдигар мепарронанд, то мардумро фиреб диҳанд.",
      note="edited in the update fixture"),
    M(14, "2024-04-20 20:00:00", "tg", "propaganda", "behaviour.recruitment|narrative.shia_jewish_conspiracy",
      "Навори нави «Ал-Азоим» ба забони тоҷикӣ: «Ду рӯи як танга». t.me/demo_sadoi_khuroson/14",
      video=312),
    M(15, "2024-04-20 20:01:12", service="pin_message", pinned=3),
    M(16, "2024-06-16 09:00:00", "tg", "hard_negative", "negative.religious",
      "Иди Қурбон муборак! Ба ҳоҷиёни мо ҳаҷҷи мабрур орзу мекунем."),
    M(17, "2024-07-03 22:19:45", "tg", "propaganda", "behaviour.recruitment",
      russian_keyboard("Тоҷикон, бедор шавед! Ҷиҳод фарз аст ва ҳиҷрат роҳи наҷот аст."),
      obf="O8", note="Tajik typed on a Russian keyboard: Точикон/Чиход/хичрат for Тоҷикон/Ҷиҳод/ҳиҷрат"),
    M(18, "2024-08-09 21:03:31", "tg", "propaganda", "narrative.anti_shia",
      "Боз як бор такрор мекунем: рофизӣ дӯсти аҳли суннат нест.", reply=2),
    M(19, "2024-10-02 00:41:19", "tg", "propaganda", "narrative.staged_iran_israel_conflict",
      "Мушакҳои Эрон боз ба Исроил зарари ҷиддӣ нарасонданд. Ин бозии пешакӣ ҳамоҳангшуда аст. #Эрон #Исроил"),
    M(20, "2024-11-08 12:05:00", "tg", "hard_negative", "negative.religious",
      "Ҷумъаатон муборак, бародарон.", note="edited in the update fixture"),
]

XUROSON = Chat(
    "xuroson", "Xuroson Ovozi (demo)", "public_channel", 1900000102, "uz-Latn, uz-Cyrl",
    "pro-ISKP channel, Uzbek in Latin and Cyrillic script (posts often in both)",
)
XUROSON.messages = [
    M(1, "2023-10-10 09:15:00", service="create_channel"),
    M(2, "2023-10-21 19:02:11", "uz-Latn", "propaganda", "narrative.shia_jewish_conspiracy|narrative.staged_iran_israel_conflict",
      "Yahudiylar va rofiziylar bir tanganing ikki tomonidir. Eron bilan Isroil o‘rtasidagi «dushmanlik» — ko‘zbo‘yamachilik.",
      note="near-duplicate of 3 (Latin/Cyrillic); apostrophe U+2018"),
    M(3, "2023-10-21 19:03:40", "uz-Cyrl", "propaganda", "narrative.shia_jewish_conspiracy|narrative.staged_iran_israel_conflict",
      "Яҳудийлар ва рофизийлар бир танганинг икки томонидир. Эрон билан Исроил ўртасидаги «душманлик» — кўзбўямачилик.",
      note="near-duplicate of 2"),
    M(4, "2023-11-15 20:45:52", "uz-Latn", "propaganda", "narrative.anti_taliban_apostasy",
      "Tolibon murtad bo'ldi: ular Eron rofiziylari bilan til biriktirib, Amerikaga xizmat qilmoqda.",
      note="near-duplicate of 5; ASCII apostrophe"),
    M(5, "2023-11-15 20:46:30", "uz-Cyrl", "propaganda", "narrative.anti_taliban_apostasy",
      "Толибон муртад бўлди: улар Эрон рофизийлари билан тил бириктириб, Америкага хизмат қилмоқда.",
      note="near-duplicate of 4"),
    M(6, "2023-12-06 21:12:09", "uz-Latn", "propaganda", "behaviour.recruitment",
      "Birodarlar, hijrat qiling! Xurosondagi mujohidlarni qoʻllab-quvvatlang. #hijrat #Xuroson",
      note="apostrophe U+02BB (official Uzbek)"),
    M(7, "2024-01-04 16:20:33", "uz-Cyrl", "propaganda", "behaviour.attack_claim|narrative.anti_shia",
      "Аъмоқ: Ислом давлати жангчилари Кермон шаҳрида рофизийлар йиғинига ҳужум қилди.",
      photo="placeholder", size=(1280, 720)),
    M(8, "2024-01-05 11:00:00", fwd=("sadoi", 8)),
    M(9, "2024-01-12 12:05:00", "uz-Latn", "hard_negative", "negative.religious",
      "Juma muborak! Bugun juma namozini o`qishni unutmang.", note="backtick apostrophe"),
    M(10, "2024-02-02 20:18:25", "uz-Latn", "propaganda", "behaviour.martyrdom_glorification",
      f"Shahid mu{ZWNJ}jo{ZWNJ}hidlarimizni duolaringizda unutmang. Ular jannatda tirikdirlar.",
      obf="O3", note="two zero-width non-joiners (U+200C) inside 'mujohidlarimizni'"),
    M(11, "2024-02-20 21:40:08", "uz-Cyrl", "propaganda", "behaviour.fundraising",
      f"Мужоҳидларга ёрдам беринг, ҳар бир сўм савоб! Ҳамён (USDT): {WALLET}"),
    M(12, "2024-03-11 18:30:00", "uz-Cyrl", "hard_negative", "negative.religious",
      "Рамазон ойи муборак бўлсин! Аллоҳ рўзаларимизни қабул қилсин."),
    M(13, "2024-04-14 22:50:41", "uz-Latn", "propaganda", "narrative.staged_iran_israel_conflict|narrative.shia_jewish_conspiracy",
      "Eron va Isroil urushi — sahna ko‘rinishi. Raketalar kelishilgan holda otilmoqda, r\u043efiziylar esa yahudiylarning yordamchisi.",
      obf="O7", note="Cyrillic 'о' (U+043E) inside Latin 'rofiziylar'"),
    M(14, "2024-05-02 19:00:00", "uz-Latn", "propaganda", "behaviour.distribution",
      "**Xuroson Ovozi** jurnalining yangi soni chiqdi! Yuklab oling: t.me/demo_xuroson_ovozi #XurosonOvozi",
      photo="placeholder", size=(1080, 1350)),
    M(15, "2024-05-02 19:01:30", "", "propaganda", "behaviour.distribution",
      pdf="Xuroson_Ovozi_12-son_demo.pdf", note="document without text (magazine PDF, not included)"),
    M(16, "2024-06-14 10:10:10", "uz-Cyrl", "hard_negative", "negative.religious",
      "Ҳожиларимизнинг ҳажи мабрур бўлсин! Қурбон ҳайитингиз муборак."),
    M(17, "2024-08-21 20:27:14", "uz-Cyrl", "propaganda", "behaviour.martyrdom_glorification",
      "Шаҳидларимизни Аллоҳ қабул қилсин. Уларнинг йўли — бизнинг йўлимиз.",
      edited="2024-08-21 20:40:02"),
    M(18, "2024-10-02 01:10:44", "uz-Latn", "propaganda", "narrative.staged_iran_israel_conflict",
      "Eronning raketalari yana «tasodifan» hech kimga zarar yetkazmadi. Bu — kelishilgan o'yin."),
    M(19, "2024-11-10 20:00:00", "uz-Cyrl", "propaganda", "narrative.shia_jewish_conspiracy",
      "Эрон ва Исроил — бир танганинг икки томони. Алданиб қолманг! #Хуросон"),
]

VESTNIK = Chat(
    "vestnik", "Хорасанский вестник (демо)", "public_channel", 1900000103, "ru",
    "pro-ISKP channel, Russian (older posts deleted: ids start at 201 and have gaps)",
)
VESTNIK.messages = [
    M(201, "2023-10-14 18:22:09", "ru", "propaganda", "narrative.anti_shia|narrative.antisemitic",
      "Рафидиты — ослы иудеев. Запомните это, братья."),
    M(202, "2023-10-25 20:05:33", "ru", "propaganda", "narrative.shia_jewish_conspiracy",
      "Иудеи и рафидиты — две стороны одной медали.", author="Редакция"),
    M(203, "2023-11-19 10:00:00", unsupported=True),
    M(205, "2023-12-10 21:14:50", "ru", "propaganda", "narrative.anti_taliban_apostasy",
      "Талибы — вероотступники: они договариваются с Тегераном и охраняют интересы Америки."),
    M(206, "2024-01-04 17:02:18", "ru", "propaganda", "behaviour.attack_claim|narrative.anti_shia",
      "Амак: бойцы Исламского государства атаковали скопление рафидитов в Кермане."),
    M(207, "2024-01-06 19:40:00", fwd=("xuroson", 7)),
    M(209, "2024-02-08 22:31:07", "ru", "propaganda", "narrative.anti_shia|narrative.palestine_mobilisation",
      f"Не верьте ра{ZWSP}фи{ZWSP}ди{ZWSP}там: их «ось сопротивления» ничего не сделала для Палестины.",
      obf="O2", note="three zero-width spaces (U+200B) inside 'рафидитам'"),
    M(210, "2024-03-23 02:14:55", "ru", "propaganda", "behaviour.attack_claim",
      "Амак: бойцы Исламского государства атаковали большое собрание христиан в городе Красногорск под Москвой.",
      author="Редакция"),
    M(211, "2024-04-10 09:00:00", "ru", "hard_negative", "negative.religious",
      "Ид мубарак! Пусть Аллах примет ваш пост и ваши молитвы."),
    M(212, "2024-04-15 00:05:31", "ru", "propaganda", "narrative.staged_iran_israel_conflict",
      "Обмен ударами между Ираном и Израилем — спектакль. Ракеты летят по договорённости, чтобы обмануть мусульман.",
      note="near-duplicate: reposted as 213 with hashtags"),
    M(213, "2024-04-15 08:40:12", "ru", "propaganda", "narrative.staged_iran_israel_conflict",
      "Обмен ударами между Ираном и Израилем — спектакль. Ракеты летят по договорённости, чтобы обмануть мусульман. #Иран #Израиль #спектакль",
      note="near-duplicate of 212"),
    M(214, "2024-05-20 20:20:20", "ru", "propaganda", "behaviour.recruitment",
      "Братья, хиджра — обязанность, а не выбор. Поддержите моджахедов Хорасана.", video=187),
    M(216, "2024-07-17 21:00:00", "ru", "propaganda", "behaviour.fundraising",
      f"Помогите братьям-муджахидам. Кошелёк (USDT): {WALLET}. Пишите: @demo_khorasan_vestnik"),
    M(217, "2024-08-30 19:45:45", fwd=("sadoi", 3),
      note="forward of a forward: copied from Хорасан үнү (демо) msg 2, Telegram keeps the ORIGINAL source"),
    M(218, "2024-09-13 12:00:00", "ru", "hard_negative", "negative.religious",
      "Джума мубарак! Не забывайте читать суру «Аль-Кахф» в пятницу."),
    M(219, "2024-11-05 20:33:00", "ru", "propaganda", "behaviour.martyrdom_glorification",
      "Да примет Аллах наших шахидов. Их кровь не пропадёт даром.", edited="2024-11-05 21:02:40"),
]

GHAG = Chat(
    "ghag", "د خراسان غږ (demo)", "public_channel", 1900000104, "ps",
    "pro-ISKP channel, Pashto",
)
GHAG.messages = [
    M(1, "2023-10-11 14:00:00", service="create_channel"),
    M(2, "2023-10-23 19:10:00", "ps", "propaganda", "narrative.anti_shia|narrative.antisemitic",
      "رافضیان د یهودیانو خره دي."),
    M(3, "2023-11-02 20:00:00", "ps", "propaganda", "narrative.shia_jewish_conspiracy",
      "یهود او رافضیان د یوې سکې دوه مخه دي. ایران او اسرائیل یوازې په ظاهره دښمنان دي."),
    M(4, "2023-12-12 18:30:00", "ps", "propaganda", "narrative.anti_taliban_apostasy",
      "طالبان له دین څخه اوښتي دي؛ له ایراني رافضیانو سره یې پټې اړیکې دي او د امریکا ګټې ساتي."),
    M(5, "2024-01-04 17:30:00", fwd=("sawt", 5)),
    M(6, "2024-01-26 12:00:00", "ps", "hard_negative", "negative.religious",
      "جمعه مو مبارک شه! د جمعې لمونځ په خپل وخت ادا کړئ."),
    M(7, "2024-02-28 21:00:00", "ps", "propaganda", "behaviour.recruitment",
      "ای وروڼو! هجرت وکړئ او د خراسان د مجاهدینو ملاتړ وکړئ. #هجرت"),
    M(8, "2024-03-12 19:00:00", "ps", "hard_negative", "negative.religious",
      "د روژې میاشت مو مبارک شه! الله دې زموږ روژې قبولې کړي."),
    M(9, "2024-04-16 20:15:00", "ps", "propaganda", "narrative.staged_iran_israel_conflict",
      "د ایران او اسرائیلو جګړه یوه ننداره ده؛ توغندي په خپلو کې په همغږۍ ویشتل کېږي."),
    M(10, "2024-06-05 21:00:00", "ps", "propaganda", "behaviour.fundraising",
      f"له مجاهدینو سره مرسته وکړئ. والټ (USDT): {WALLET}"),
    M(11, "2024-07-22 19:45:00", "ps", "propaganda", "behaviour.martyrdom_glorification",
      "الله دې زموږ شهیدان قبول کړي. هغوی ژوندي دي."),
    M(12, "2024-09-01 18:00:00", "ps", "propaganda", "behaviour.distribution",
      "د **خراسان غږ** مجلې نوې ګڼه خپره شوه. #خراسان_غږ", photo="placeholder", size=(1080, 1350)),
    M(13, "2024-10-03 20:00:00", "ps", "propaganda", "narrative.staged_iran_israel_conflict",
      "د ایران توغندي بیا هم یوه لوبه وه؛ دا ډرامه د مسلمانانو د غولولو لپاره ده.", reply=9),
]

SAWT = Chat(
    "sawt", "صوت الولاية (demo)", "public_channel", 1900000105, "ar",
    "pro-ISKP channel, Arabic (claims in the style of Amaq summaries)",
)
SAWT.messages = [
    M(1, "2023-10-08 16:00:00", service="create_channel"),
    M(2, "2023-10-19 20:00:00", "ar", "propaganda", "narrative.anti_shia|narrative.antisemitic",
      "الرافضة حمير اليهود."),
    M(3, "2023-10-30 19:30:00", "ar", "propaganda", "narrative.shia_jewish_conspiracy",
      "اليَهُودُ وَالرَّافِضَةُ وَجْهَانِ لِعُمْلَةٍ وَاحِدَةٍ.",
      obf="O6", note="full Arabic diacritics (harakat, shadda)"),
    M(4, "2023-11-24 12:00:00", "ar", "hard_negative", "negative.religious",
      "جمعة مباركة، لا تنسوا قراءة سورة الكهف."),
    M(5, "2024-01-04 16:05:00", "ar", "propaganda", "behaviour.attack_claim|narrative.anti_shia",
      "وكالة أعماق: مقاتلو الدولة الإسلامية يستهدفون تجمعاً للرافضة في مدينة كرمان جنوب شرق إيران.",
      photo="placeholder", size=(1280, 720), note="forwarded to د خراسان غږ and ندای خراسان"),
    M(6, "2024-02-10 21:00:00", "ar", "propaganda", "behaviour.incitement|behaviour.recruitment",
      "الجـــهاد ماضٍ إلى يوم القيامة، ونصرة المجاهدين واجبة على كل مسلم.",
      obf="O5", note="tatweel (U+0640) inside 'الجهاد'"),
    M(7, "2024-03-11 18:00:00", "ar", "hard_negative", "negative.religious",
      "رمضان كريم، تقبل الله منا ومنكم الصيام والقيام."),
    M(8, "2024-03-23 03:00:00", "ar", "propaganda", "behaviour.attack_claim",
      "وكالة أعماق: مقاتلو الدولة الإسلامية يهاجمون تجمعاً كبيراً للنصارى في مدينة كراسنوغورسك قرب موسكو."),
    M(9, "2024-04-14 23:30:00", "ar", "propaganda", "narrative.staged_iran_israel_conflict",
      "صواريخ إيران على اليهود مسرحية متفق عليها، والضربات منسقة بين الطرفين."),
    M(10, "2024-05-15 20:00:00", "ar", "propaganda", "narrative.anti_taliban_apostasy",
      "طالبان مرتدون يوالون الرافضة في طهران ويحرسون مصالح أمريكا."),
    M(11, "2024-06-15 08:00:00", "ar", "hard_negative", "negative.religious",
      "اللهم تقبل من حجاج بيتك الحرام في يوم عرفة، وكل عام وأنتم بخير."),
    M(12, "2024-07-30 21:00:00", "ar", "propaganda", "behaviour.recruitment",
      "يا أهل السنة، هاجروا إلى أرض خراسان وانصروا إخوانكم المجاهدين. #الهجرة"),
    M(13, "2024-08-25 20:00:00", "ar", "propaganda", "behaviour.fundraising",
      f"ادعموا إخوانكم المجاهدين. المحفظة (USDT): {WALLET}"),
    M(14, "2024-10-20 19:00:00", "ar", "propaganda", "behaviour.martyrdom_glorification",
      "تقبل الله الشهداء، فهم أحياء عند ربهم يرزقون.", edited="2024-10-20 19:12:31"),
]

HORASAN = Chat(
    "horasan", "Horasan Sesi (demo)", "public_channel", 1900000106, "tr",
    "pro-ISKP channel, Turkish (the account LEFT it: exported under left_chats)",
    left=True,
)
HORASAN.messages = [
    M(1, "2023-10-15 13:00:00", service="create_channel"),
    M(2, "2023-10-28 20:00:00", "tr", "propaganda", "narrative.anti_shia|narrative.antisemitic",
      "Rafiziler Yahudilerin eşekleridir."),
    M(3, "2023-11-11 21:00:00", "tr", "propaganda", "narrative.shia_jewish_conspiracy",
      "Yahudiler ve Rafiziler aynı madalyonun iki yüzüdür. #Horasan"),
    M(4, "2024-01-04 18:00:00", "tr", "propaganda", "behaviour.attack_claim|narrative.anti_shia",
      "Amak: İslam Devleti savaşçıları Kirman şehrinde Rafızilerin toplandığı bir yere saldırı düzenledi.",
      note="spelling variant Rafızi (dotless ı) vs Rafizi"),
    M(5, "2024-01-19 12:00:00", "tr", "hard_negative", "negative.religious",
      "Hayırlı Cumalar! Dualarınızda bizi unutmayın."),
    M(6, "2024-03-10 20:00:00", "tr", "hard_negative", "negative.religious",
      "Hayırlı Ramazanlar! Oruçlarınız kabul olsun."),
    M(7, "2024-04-15 01:00:00", "tr", "propaganda", "narrative.staged_iran_israel_conflict",
      "İran-İsrail savaşı bir tiyatro; füzeler karşılıklı anlaşmayla atılıyor, Müslümanlar kandırılıyor."),
    M(8, "2024-05-28 21:00:00", "tr", "propaganda", "narrative.anti_taliban_apostasy",
      "Taliban mürted oldu; İran'daki Rafızilerle iş birliği yapıyor ve Amerika'nın çıkarlarını koruyor."),
    M(9, "2024-07-11 20:30:00", "tr", "propaganda", "behaviour.recruitment",
      "Kardeşler, hicret edin! Horasan'daki mücahitlere destek olun. t.me/demo_horasan_sesi"),
    M(10, "2024-08-16 19:00:00", "tr", "propaganda", "behaviour.fundraising",
      f"Mücahit kardeşlerinize bağış yapın. Cüzdan (USDT): {WALLET}"),
    M(11, "2024-09-20 21:00:00", "tr", "propaganda", "behaviour.martyrdom_glorification",
      "Allah şehitlerimizi kabul etsin; onlar Rableri katında diridir."),
]

UNU = Chat(
    "unu", "Хорасан үнү (демо)", "public_channel", 1900000107, "ky",
    "pro-ISKP channel, Kyrgyz (Cyrillic)",
)
UNU.messages = [
    M(1, "2023-10-16 10:30:00", service="create_channel"),
    M(2, "2023-10-21 09:00:00", fwd=("sadoi", 3), note="forward chain step 1 (Sadoi Khuroson msg 3)"),
    M(3, "2023-11-05 20:00:00", "ky", "propaganda", "narrative.anti_shia|narrative.antisemitic",
      "Рафизийлер — жөөттөрдүн эшектери."),
    M(4, "2023-11-20 21:10:00", "ky", "propaganda", "narrative.shia_jewish_conspiracy|narrative.staged_iran_israel_conflict",
      "Жөөттөр менен рафизийлер бир тыйындын эки жагы. Иран менен Израилдин «душмандыгы» — алдамчылык."),
    M(5, "2024-01-04 19:00:00", "ky", "propaganda", "behaviour.attack_claim|narrative.anti_shia",
      "Амак: Ислам мамлекетинин согушкерлери Керман шаарында рафизийлердин жыйынына кол салды."),
    M(6, "2024-01-12 12:00:00", "ky", "hard_negative", "negative.religious",
      "Жума куттуу болсун! Жума намазын убагында окугула."),
    M(7, "2024-02-22 20:00:00", "ky", "propaganda", "narrative.anti_taliban_apostasy",
      "Талибдер динден чыкты: алар Ирандын рафизийлери менен кызматташып, Американын кызыкчылыгын коргоп жатат."),
    M(8, "2024-03-12 19:00:00", "ky", "hard_negative", "negative.religious",
      "Орозоңуздар кабыл болсун! Ыйык Рамазан айы баарыбызга куттуу болсун."),
    M(9, "2024-04-16 21:00:00", "ky", "propaganda", "narrative.staged_iran_israel_conflict",
      "Иран менен Израилдин согушу — сахнадагы оюн. Ракеталар алдын ала макулдашуу менен атылууда."),
    M(10, "2024-05-30 20:00:00", "ky", "propaganda", "behaviour.recruitment",
      "Бир туугандар, хижрат кылгыла! Хорасандагы мужахиддерди колдогула. #хижрат"),
    M(11, "2024-07-08 19:30:00", fwd=("xuroson", 6)),
    M(12, "2024-08-12 20:00:00", "ky", "propaganda", "behaviour.fundraising",
      f"Мужахид бир туугандарга жардам бергиле. Капчык (USDT): {WALLET}"),
    M(13, "2024-10-10 21:00:00", "ky", "propaganda", "behaviour.martyrdom_glorification",
      "Шейиттерибизди Алла кабыл кылсын. Алардын жолу — биздин жол."),
]

NIDA = Chat(
    "nida", "ندای خراسان (demo)", "public_channel", 1900000108, "fa, prs",
    "pro-ISKP channel, Persian (Iranian) and Dari (Afghan) posts",
)
NIDA.messages = [
    M(1, "2023-10-12 15:00:00", service="create_channel"),
    M(2, "2023-10-26 20:00:00", "fa", "propaganda", "narrative.shia_jewish_conspiracy",
      arabic_letters("رافضی‌ها و یهودیان دو روی یک سکه‌اند."),
      obf="O4", note="Persian typed with Arabic yeh U+064A and kaf U+0643"),
    M(3, "2023-11-09 19:00:00", "fa", "propaganda", "narrative.anti_shia|narrative.antisemitic",
      "رافضیان خرهای یهودیان‌اند."),
    M(4, "2023-12-15 12:00:00", "prs", "hard_negative", "negative.religious",
      "جمعه تان مبارک! نماز جمعه را در مسجد ادا نمایید."),
    M(5, "2024-01-04 16:30:00", fwd=("sawt", 5)),
    M(6, "2024-01-05 09:00:00", "fa", "propaganda", "behaviour.attack_claim|narrative.anti_shia",
      "اعماق: رزمندگان دولت اسلامی به تجمع رافضیان در کرمان حمله کردند."),
    M(7, "2024-02-05 20:00:00", "prs", "propaganda", "narrative.anti_taliban_apostasy",
      "طالبان مرتد استند؛ آن‌ها با رافضی‌های ایران یک‌جا کار می‌کنند و منافع امریکا را حفاظت می‌نمایند."),
    M(8, "2024-03-11 18:30:00", "prs", "hard_negative", "negative.religious",
      "ماه مبارک رمضان بالای همه مبارک باد! روزه‌های تان قبول باشد."),
    M(9, "2024-04-14 23:40:00", "fa", "propaganda", "narrative.staged_iran_israel_conflict",
      "جنگ ایران و اسرائیل نمایشی بیش نیست؛ موشک‌ها با هماهنگی دو طرف شلیک می‌شوند تا مسلمانان فریب بخورند."),
    M(10, "2024-05-22 21:00:00", "prs", "propaganda", "behaviour.recruitment",
      "برادران! هجرت کنید و از مجاهدین خراسان حمایت نمایید. #هجرت"),
    M(11, "2024-06-16 08:00:00", "prs", "hard_negative", "negative.religious",
      "عید قربان تان مبارک! حج حاجی‌های ما قبول باشد."),
    M(12, "2024-07-25 20:00:00", "fa", "propaganda", "behaviour.fundraising",
      f"به برادران مجاهد کمک کنید. کیف پول (USDT): {WALLET}"),
    M(13, "2024-09-05 19:00:00", "prs", "propaganda", "behaviour.martyrdom_glorification",
      "خداوند شهدای ما را قبول کند؛ آن‌ها زنده اند.", edited="2024-09-05 19:20:00"),
    M(14, "2024-10-02 01:30:00", "fa", "propaganda", "narrative.staged_iran_israel_conflict",
      arabic_letters("موشک‌باران ایران هم یک نمایش دیگر بود."),
      obf="O4", note="Persian typed with Arabic yeh/kaf (second case)"),
]

MONITOR = Chat(
    "monitor", "Central Asia Monitor (demo)", "public_channel", 1900000109,
    "en, ru, fa, prs, tg, ps, tr, ar, uz-Latn, uz-Cyrl, ky",
    "NEWS channel: reports on the Shah Cheragh, Kerman and Crocus attacks, Khorasan as a place, everyday news",
)
MONITOR.messages = [
    M(1, "2023-10-01 10:00:00", service="create_channel"),
    M(2, "2023-10-26 10:00:00", "en", "hard_negative", "negative.news_attack",
      "One year ago today, a gunman attacked the Shah Cheragh shrine in Shiraz, Iran, killing at least 13 worshippers. The Islamic State claimed responsibility. #Shiraz",
      author="Desk"),
    M(3, "2023-10-26 10:05:00", "fa", "hard_negative", "negative.news_attack",
      "یک سال از حمله تروریستی به حرم شاهچراغ در شیراز گذشت؛ در این حمله دست‌کم ۱۳ زائر کشته شدند و داعش مسئولیت آن را بر عهده گرفت."),
    M(4, "2023-11-20 09:30:00", "en", "hard_negative", "negative.news|negative.quotes_propaganda",
      "Analysts note that ISKP's English-language magazine Voice of Khurasan ran an editorial titled \"Sibling Quarrel\" that calls the Iran-Israel conflict staged. Researchers describe it as a conspiracy narrative used for recruitment.",
      author="Desk"),
    M(5, "2024-01-03 18:05:00", "en", "hard_negative", "negative.news_attack",
      "BREAKING: Two explosions hit a crowd near the tomb of Qasem Soleimani in Kerman, Iran, during a memorial ceremony. More than 90 people were killed, officials say.",
      edited="2024-01-03 19:41:27", author="Desk", note="edited: death toll updated"),
    M(6, "2024-01-03 18:30:00", "ru", "hard_negative", "negative.news_attack",
      "В Кермане (Иран) прогремели два взрыва у могилы Касема Сулеймани во время траурной церемонии. Погибли десятки человек."),
    M(7, "2024-01-03 19:00:00", "tg", "hard_negative", "negative.news_attack",
      "Дар шаҳри Кирмони Эрон ҳангоми маросими ёдбуди Қосим Сулаймонӣ ду таркиш рух дод. Даҳҳо нафар ҳалок шуданд."),
    M(8, "2024-01-03 19:10:00", "ps", "hard_negative", "negative.news_attack",
      "د ایران په کرمان ښار کې د قاسم سلیماني د تلین په مراسمو کې دوې چاودنې وشوې؛ لسګونه کسان ووژل شول."),
    M(9, "2024-01-03 19:20:00", "tr", "hard_negative", "negative.news_attack",
      "İran'ın Kirman kentinde Kasım Süleymani'yi anma töreninde iki patlama: onlarca kişi hayatını kaybetti."),
    M(10, "2024-01-04 17:40:00", "en", "hard_negative", "negative.news_attack",
      "Islamic State claimed the Kerman bombings through its Amaq news agency. Iranian officials revised the death toll to at least 95. Full report: [Central Asia Monitor](https://news.example.org/2024/01/kerman-claim)",
      photo="file", size=(1280, 853), author="Desk"),
    M(11, "2024-01-04 18:00:00", "ar", "hard_negative", "negative.news_attack",
      "تنظيم الدولة الإسلامية يتبنى تفجيري كرمان في إيران عبر وكالة أعماق، والسلطات الإيرانية تعلن مقتل ٩٥ شخصاً على الأقل."),
    M(12, "2024-01-10 10:00:00", "fa", "hard_negative", "negative.ambiguous_place",
      "بارش برف سنگین در خراسان رضوی؛ راه‌های روستایی اطراف مشهد و نیشابور بسته شد.",
      note="Khorasan = Iranian province"),
    M(13, "2024-02-12 09:00:00", "en", "hard_negative", "negative.ambiguous_place",
      "Farmers in Iran's South Khorasan province say a dry winter will hurt this year's barberry and saffron crops.",
      note="Khorasan = Iranian province"),
    M(14, "2024-03-22 22:30:00", "ru", "hard_negative", "negative.news_attack",
      "В «Крокус Сити Холле» в Красногорске неизвестные открыли стрельбу перед концертом, в здании начался пожар. Есть погибшие и раненые.",
      edited="2024-03-22 23:05:12"),
    M(15, "2024-03-24 10:00:00", "en", "hard_negative", "negative.news_attack",
      "Islamic State claimed responsibility for the Crocus City Hall attack near Moscow via Amaq. Russian investigators say more than 130 people were killed. #Crocus",
      author="Desk"),
    M(16, "2024-03-24 12:00:00", "tg", "hard_negative", "negative.news_attack",
      "Тоҷикистон ҳамлаи террористӣ дар «Крокус Сити Холл»-ро маҳкум кард. Дар байни гумонбарон шаҳрвандони Тоҷикистон ҳастанд.",
      note="forwarded to the counter-extremism channel"),
    M(17, "2024-03-25 09:00:00", "uz-Latn", "hard_negative", "negative.news_attack",
      "Moskva viloyatidagi «Krokus Siti Xoll» konsert zalidagi teraktdan so‘ng Rossiyadagi muhojirlarga hujjatlarini doim yonida olib yurish tavsiya etilmoqda."),
    M(18, "2024-03-25 09:10:00", "ky", "hard_negative", "negative.news_attack",
      "Москва облусундагы «Крокус Сити Холлдогу» террордук чабуулдан кийин Орусиядагы мигранттарга документтерин дайыма жанында алып жүрүү сунушталууда."),
    M(19, "2024-03-25 09:20:00", "uz-Cyrl", "hard_negative", "negative.news_attack",
      "«Крокус Сити Холл»даги террор ҳужуми қурбонлари хотирасига Москвада одамлар гул қўймоқда."),
    M(20, "2024-04-14 08:00:00", "en", "hard_negative", "negative.news",
      "Iran launched hundreds of drones and missiles at Israel overnight; the Israeli military says almost all of them were intercepted.",
      author="Desk"),
    M(21, "2024-04-14 08:10:00", "fa", "hard_negative", "negative.news",
      "ایران شب گذشته صدها پهپاد و موشک به سوی اسرائیل شلیک کرد؛ ارتش اسرائیل می‌گوید بیشتر آن‌ها رهگیری شدند."),
    M(22, "2024-06-20 10:00:00", "tr", "hard_negative", "negative.ambiguous_place",
      "Erzurum'un Horasan ilçesinde sağanak yağış sonrası bazı köy yolları ulaşıma kapandı.",
      note="Horasan = district of Erzurum, Turkey"),
    M(23, "2024-08-29 10:00:00", "en", "hard_negative", "negative.news|negative.quotes_propaganda",
      "Researchers say pro-ISKP Telegram channels in Tajik and Uzbek increasingly call the Taliban \"apostates\" and describe Shia Muslims as agents of Israel.",
      author="Desk"),
    M(24, "2024-10-01 23:50:00", "en", "hard_negative", "negative.news",
      "Iran fires a barrage of ballistic missiles at Israel; sirens sound across the country. #Iran #Israel",
      author="Desk"),
    M(25, "2024-10-02 08:00:00", service="pin_message", pinned=10),
    M(26, "2024-11-12 09:00:00", "ps", "hard_negative", "negative.chatter",
      "په کابل کې د ژمي لومړۍ واوره ووریدله؛ ښاریان ډېر خوشاله دي."),
    M(27, "2024-11-15 10:00:00", "prs", "hard_negative", "negative.chatter",
      "نرخ آرد و روغن در بازارهای کابل این هفته پایین آمد."),
]

HAQIQAT = Chat(
    "haqiqat", "Haqiqat - Against Extremism (demo)", "public_channel", 1900000110,
    "tg, uz-Latn, uz-Cyrl, ru, fa, prs, en, ky, ps, ar, tr",
    "COUNTER-EXTREMISM channel: quotes the slogans and refutes them",
)
HAQIQAT.messages = [
    M(1, "2023-10-05 11:00:00", service="create_channel"),
    M(2, "2023-10-16 11:00:00", "tg", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "Каналҳои тарафдори ДИИШ менависанд: «Рофизиён харҳои яҳудиён мебошанд». Ин суханони нафратангез аст. Ислом таҳқири одамонро манъ мекунад; суннӣ ва шиа садсолаҳо дар ҳамсоягӣ зиндагӣ кардаанд."),
    M(3, "2023-10-24 11:00:00", "uz-Latn", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "«Yahudiylar va rofiziylar bir tanganing ikki tomoni» degan shior — nafrat uyg‘otish usuli. Bunday postlarni tarqatmang, ulardan shikoyat qiling.",
      note="near-duplicate of 4 (Latin/Cyrillic)"),
    M(4, "2023-10-24 11:05:00", "uz-Cyrl", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "«Яҳудийлар ва рофизийлар бир танганинг икки томони» деган шиор — нафрат уйғотиш усули. Бундай постларни тарқатманг, улардан шикоят қилинг.",
      note="near-duplicate of 3"),
    M(5, "2023-11-25 11:00:00", "ru", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "Вербовщики ИГИЛ пишут, что конфликт Ирана и Израиля — «спектакль» и что «ракеты летят по договорённости». Это конспирология: её цель — убедить молодых людей, что верить можно только вербовщику."),
    M(6, "2024-01-08 11:00:00", "fa", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "داعش شعار «یهود و رافضه دو روی یک سکه‌اند» را برای دامن زدن به نفرت فرقه‌ای به کار می‌برد. قربانیان کرمان مردم عادی بودند."),
    M(7, "2024-01-08 11:10:00", "prs", "hard_negative", "negative.counter_extremism",
      "برادران و خواهران! فریب تبلیغات داعش را نخورید؛ هیچ عالم دینی کشتن عزاداران را جایز نمی‌داند.",
      reply=6),
    M(8, "2024-02-15 11:00:00", "en", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "How to spot a fake donation appeal: posts that ask you to \"support the mujahideen\" and list a crypto wallet raise money for a terrorist group. Report them and do not send money. [Read the guide](https://counter.example.org/guides/donations)"),
    M(9, "2024-03-24 12:30:00", fwd=("monitor", 16)),
    M(10, "2024-03-26 11:00:00", "tg", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "Ба муҳоҷирони тоҷик дар Русия: ба даъватҳои «ҳиҷрат» ва «ҷиҳод» дар Telegram бовар накунед. Онҳое, ки ҷавононро ба ДИИШ ҷалб мекунанд, зиндагии шуморо барбод медиҳанд."),
    M(11, "2024-04-20 11:00:00", "ky", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "Telegram'дагы «хижрат» жана «жихад» тууралуу чакырыктарга ишенбегиле. Алар жаштардын тагдырын талкалайт."),
    M(12, "2024-05-10 11:00:00", "ps", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "داعش طالبان «مرتدین» بولي او شیعه ګان «د یهودو ملګري». دا د کرکې تبلیغات دي چې موخه یې د ځوانانو جذبول دي."),
    M(13, "2024-06-01 11:00:00", "ar", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "يصف أنصار داعش الشيعة بأنهم «حمير اليهود». هذا خطاب كراهية يخالف تعاليم الإسلام التي تنهى عن السخرية من الناس."),
    M(14, "2024-06-25 11:00:00", "tr", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "IŞİD propagandası İran-İsrail çatışmasını \"tiyatro\" olarak gösteriyor. Bu bir komplo teorisi; amacı gençleri örgüte çekmek."),
    M(15, "2024-07-15 11:00:00", "en", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "Three slogans ISKP channels repeat, and why they are false:\n1) \"Rawafidh are the donkeys of the Jews\"\n2) \"the Jews and the Rawafidh are two sides of the same coin\"\n3) \"the Iran-Israel war is staged\"\n#CounterExtremism"),
    M(16, "2024-07-15 11:05:00", "en", "hard_negative", "negative.counter_extremism",
      "All three turn politics into a religious war. The victims in Kerman, Shiraz and Moscow were ordinary people.",
      reply=15),
    M(17, "2024-08-05 11:00:00", "ru", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "Памятка для родителей: если подросток пересылает посты с призывами к «хиджре» или к сбору денег «для муджахидов», поговорите с ним и обратитесь к специалистам.",
      edited="2024-08-05 12:14:09"),
    M(18, "2024-09-10 11:00:00", "uz-Latn", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "Ota-onalar uchun eslatma: farzandingiz «hijrat» haqidagi postlarni ulashayotgan bo‘lsa, u bilan gaplashing. Batafsil: https://counter.example.org/uz"),
    M(19, "2024-10-02 11:00:00", "fa", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "تبلیغات داعش دوباره حمله موشکی ایران را «نمایش» می‌نامد. این روایتی توطئه‌آمیز است و هدفش جذب جوانان است."),
    M(20, "2024-11-01 11:00:00", "tg", "hard_negative", "negative.counter_extremism",
      "Ҳафтаи оянда дар Хуҷанд семинар дар бораи пешгирии ифротгароӣ баргузор мешавад. Ҳама даъват шудаанд! t.me/demo_haqiqat_tj"),
    M(21, "2024-11-18 10:00:00", service="pin_message", pinned=15),
]

BOZOR = Chat(
    "bozor", "Dushanbe Bozor Chat (demo)", "private_supergroup", 1900000111,
    "tg, ru, uz-Latn, uz-Cyrl, ky",
    "GROUP: everyday chatter (weather, prices, football, prayer times)",
)
BOZOR.messages = [
    M(1, "2023-10-02 18:00:00", service="create_channel", sender="farrukh"),
    M(2, "2023-10-02 18:05:31", service="join_group_by_link", sender="nilufar", inviter="farrukh"),
    M(3, "2023-10-03 08:15:00", "tg", "hard_negative", "negative.chatter",
      "Ассалому алайкум! Имрӯз дар Душанбе ҳаво чӣ хел аст? Чатр гирам?", sender="nilufar"),
    M(4, "2023-10-03 08:20:12", "tg", "hard_negative", "negative.chatter",
      "Ваалайкум ассалом! Борон меборад, албатта чатр гиред.", sender="farrukh", reply=3),
    M(5, "2023-10-18 17:40:00", "ru", "hard_negative", "negative.chatter",
      "Почём сегодня картошка на Корвоне?", sender="madina"),
    M(6, "2023-10-18 17:52:30", "tg", "hard_negative", "negative.chatter",
      "Картошка 5 сомонӣ, пиёз 3 сомонӣ. Нарх боз баланд шуд.", sender="farrukh", reply=5),
    M(7, "2023-11-05 20:01:10", service="join_group_by_link", sender="sherzod", inviter="farrukh"),
    M(8, "2023-11-05 20:10:00", "uz-Latn", "hard_negative", "negative.chatter",
      "Assalomu alaykum! Kecha «Paxtakor» yutdimi, kim ko'rdi?", sender="sherzod"),
    M(9, "2023-11-05 20:14:22", "uz-Cyrl", "hard_negative", "negative.chatter",
      "Ҳа, ютди! Иккинчи таймда гол урди.", sender="azamat", reply=8),
    M(10, "2023-12-01 12:30:00", "tg", "hard_negative", "negative.religious",
      "Намози ҷумъа дар масҷиди марказӣ соати чанд сар мешавад?", sender="nilufar"),
    M(11, "2023-12-01 12:33:00", "tg", "hard_negative", "negative.religious",
      russian_keyboard("Соати 13:00. Ҷумъа муборак!"), sender="farrukh", reply=10,
      obf="O8", note="'Ҷумъа' typed as 'Чумъа' (Russian keyboard)"),
    M(12, "2024-01-04 09:00:00", "ru", "hard_negative", "negative.news_attack",
      "Видели новости про взрывы в Кермане? Ужас, столько погибших. Пусть Аллах даст терпения семьям.",
      sender="madina"),
    M(13, "2024-01-22 08:00:00", "ky", "hard_negative", "negative.chatter",
      "Бишкекте бүгүн катуу кар жаады, жолдор тайгак. Абайлап жүргүлө!", sender="azamat"),
    M(14, "2024-02-20 18:00:00", "tg", "hard_negative", "negative.chatter",
      poll={"question": "Кӣ имсол чемпиони Тоҷикистон мешавад?", "closed": False, "answers": [
          ("Истиқлол", 8, True), ("Равшан", 2, False), ("Хуҷанд", 4, False)]},
      sender="farrukh", note="poll: the text is in poll.question, message text is empty"),
    M(15, "2024-03-10 20:00:00", "tg", "hard_negative", "negative.religious",
      "Рамазон аз фардо сар мешавад? Саҳарӣ то соати чанд?", sender="nilufar"),
    M(16, "2024-03-10 20:05:00", "ru", "hard_negative", "negative.religious",
      "Да, с завтрашнего дня. Сухур до 5:10, если не ошибаюсь.", sender="madina", reply=15),
    M(17, "2024-03-23 10:00:00", "ru", "hard_negative", "negative.news_attack",
      "Друзья, после теракта в «Крокусе» в России проверяют документы у мигрантов. Всегда носите с собой патент и паспорт.",
      sender="azamat"),
    M(18, "2024-05-15 19:00:00", "tg", "hard_negative", "negative.chatter",
      "Ин ҳам оши палови имрӯза! Кӣ меояд?", sender="farrukh", photo="file", size=(1080, 1080)),
    M(19, "2024-06-20 18:00:00", "ru", "hard_negative", "negative.ambiguous_place",
      "Сестра вернулась из Мешхеда, это провинция Хорасан-Резави в Иране. Говорит, очень красиво и недорого.",
      sender="madina", note="Khorasan = Iranian province"),
    M(20, "2024-06-21 09:00:00", "tg", "hard_negative", "negative.religious",
      "Ҳоҷиёни маҳаллаи мо аз Макка баргаштанд. Ҳаҷҷашон мабрур бод!", sender="nilufar"),
    M(21, "2024-07-10 21:00:00", "tg", "hard_negative", "negative.counter_extremism|negative.quotes_propaganda",
      "Бародарон, агар касе дар чат ба «ҳиҷрат» даъват кунад ё «барои муҷоҳидон» пул ҷамъ кунад, ба админ @demo_bozor_admin хабар диҳед.",
      sender="farrukh"),
    M(22, "2024-09-02 08:30:00", "ky", "hard_negative", "negative.chatter",
      "Базарда пияз менен сабиз арзандады, алма кымбат.", sender="azamat"),
    M(23, "2024-11-16 19:00:00", "uz-Latn", "hard_negative", "negative.chatter",
      "Yaxshi dam olinglar! Ertaga ertalab sovuq bo‘ladi, −3 daraja deyishdi.", sender="sherzod",
      edited="2024-11-16 19:03:44"),
]

CHATS = [SADOI, XUROSON, VESTNIK, GHAG, SAWT, UNU, NIDA, MONITOR, HAQIQAT, BOZOR, HORASAN]
BY_KEY = {c.key: c for c in CHATS}

# The later single-chat export of Sadoi Khuroson: two edits and three new messages.
UPDATE_EDITS = {
    13: ("2024-11-25 18:02:37",
         "Ҷанги Эрону Исроил намоиш аст. Мушакҳоро бо ҳамоҳангии ҳамдигар мепарронанд, то уммати исломро фиреб диҳанд. #Эрон #Исроил"),
    20: ("2024-11-23 09:14:05", "Ҷумъаатон муборак, бародарону хоҳарон!"),
}
UPDATE_NEW = [
    M(21, "2024-11-22 20:30:10", "tg", "propaganda", "narrative.shia_jewish_conspiracy",
      "Яҳудиён ва рофизиён ҳарду душмани аҳли суннатанд. Ба ҷанги намоишии онҳо бовар накунед."),
    M(22, "2024-11-29 12:00:00", "tg", "hard_negative", "negative.religious|negative.chatter",
      "Ҷумъа муборак! Ҳавои Душанбе сард шуд, либоси гарм пӯшед."),
    M(23, "2024-12-01 19:45:30", "tg", "propaganda", "behaviour.distribution",
      "Шумораи нави маҷаллаи «Садои Хуросон» ба наздикӣ. #СадоиХуросон",
      photo="placeholder", size=(1080, 1350)),
]

# fmt: on
# --------------------------------------------------------------------------- serialisation


def find(key: str, mid: int) -> M:
    for m in BY_KEY[key].messages:
        if m.id == mid:
            return m
    raise KeyError((key, mid))


def resolved(m: M) -> M:
    """A forward takes its text, language and label from the original message."""
    if m.fwd is None:
        return m
    orig = find(*m.fwd)
    return M(
        m.id,
        m.date,
        orig.lang,
        orig.label,
        orig.cats,
        orig.text,
        m.edited,
        None,
        m.fwd,
        m.reply,
        m.sender,
        orig.photo,
        orig.size,
        orig.video,
        orig.pdf,
        orig.poll,
        obf=orig.obf,
        note=m.note or f"forward of {BY_KEY[m.fwd[0]].name} msg {m.fwd[1]}",
    )


def serialize(chat: Chat, m: M, folder: str, counters: dict[str, int]) -> dict[str, Any]:
    if m.unsupported:
        return {"id": m.id, "type": "unsupported"}
    date, unix = stamp(m.date)
    out: dict[str, Any] = {
        "id": m.id,
        "type": "service" if m.service else "message",
        "date": date,
        "date_unixtime": unix,
    }
    if m.edited:
        out["edited"], out["edited_unixtime"] = stamp(m.edited)
    if m.sender:
        name, uid = USERS[m.sender]
        who, who_id = name, f"user{uid}"
    else:
        who, who_id = chat.name, f"channel{chat.id}"
    if m.service:
        out["actor"], out["actor_id"], out["action"] = who, who_id, m.service
        if m.service == "create_channel":
            out["title"] = chat.name
        elif m.service == "pin_message":
            out["message_id"] = m.pinned
        elif m.service == "join_group_by_link":
            out["inviter"] = USERS[m.inviter or ""][0]
        out["text"], out["text_entities"] = "", []
        return out
    r = resolved(m)
    out["from"], out["from_id"] = who, who_id
    if m.author:
        out["author"] = m.author
    if m.fwd:
        out["forwarded_from"] = BY_KEY[m.fwd[0]].name
    if m.reply:
        out["reply_to_message_id"] = m.reply
    if r.photo:
        if r.photo == "file":
            counters["photo"] = counters.get("photo", 0) + 1
            stamp_name = datetime.strptime(m.date, "%Y-%m-%d %H:%M:%S").strftime(
                "%d-%m-%Y_%H-%M-%S"
            )
            out["photo"] = f"{folder}photos/photo_{counters['photo']}@{stamp_name}.jpg"
        else:
            out["photo"] = NOT_INCLUDED
        out["width"], out["height"] = r.size
    if r.video:
        out["file"] = NOT_INCLUDED
        out["thumbnail"] = NOT_INCLUDED
        out["media_type"] = "video_file"
        out["mime_type"] = "video/mp4"
        out["duration_seconds"] = r.video
        out["width"], out["height"] = r.size
    if r.pdf:
        out["file"] = NOT_INCLUDED
        out["mime_type"] = "application/pdf"
    if r.poll:
        answers = r.poll["answers"]
        out["poll"] = {
            "question": r.poll["question"],
            "closed": r.poll["closed"],
            "total_voters": sum(a[1] for a in answers),
            "answers": [{"text": t, "voters": v, "chosen": c} for t, v, c in answers],
        }
    out["text"], out["text_entities"] = text_fields(r.text)
    return out


def chat_object(chat: Chat, folder: str) -> dict[str, Any]:
    counters: dict[str, int] = {}
    last = ""
    messages = []
    for m in chat.messages:
        assert m.date > last, (chat.key, m.id)
        last = m.date
        messages.append(serialize(chat, m, folder, counters))
    ids = [m.id for m in chat.messages]
    assert ids == sorted(set(ids)), chat.key
    return {"name": chat.name, "type": chat.type, "id": chat.id, "messages": messages}


def build_full() -> dict[str, Any]:
    width = len(str(len(CHATS)))
    listed = [c for c in CHATS if not c.left]
    left = [c for c in CHATS if c.left]
    ordered = listed + left
    objs = {c.key: chat_object(c, f"chats/chat_{i:0{width}d}/") for i, c in enumerate(ordered, 1)}
    return {
        "about": ABOUT,
        "chats": {"about": ABOUT_CHATS, "list": [objs[c.key] for c in listed]},
        "left_chats": {"about": ABOUT_LEFT, "list": [objs[c.key] for c in left]},
    }


def build_update(full: dict[str, Any]) -> dict[str, Any]:
    original = next(c for c in full["chats"]["list"] if c["id"] == SADOI.id)
    assert not any("photos/" in str(m.get("photo", "")) for m in original["messages"])
    messages = []
    for old in original["messages"]:
        msg = copy.deepcopy(old)
        if msg["id"] in UPDATE_EDITS:
            assert "edited" not in msg
            when, text = UPDATE_EDITS[msg["id"]]
            head = {k: msg[k] for k in ("id", "type", "date", "date_unixtime")}
            head["edited"], head["edited_unixtime"] = stamp(when)
            rest = {k: v for k, v in msg.items() if k not in head}
            msg = head | rest
            msg["text"], msg["text_entities"] = text_fields(text)
        messages.append(msg)
    counters: dict[str, int] = {}
    for m in UPDATE_NEW:
        messages.append(serialize(SADOI, m, "", counters))
    return {"name": SADOI.name, "type": SADOI.type, "id": SADOI.id, "messages": messages}


def labels_csv() -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "chat_id",
            "chat_name",
            "message_id",
            "kind",
            "lang",
            "label",
            "categories",
            "obfuscation",
            "forwarded_from",
            "note",
        ]
    )
    for chat in CHATS:
        for m in chat.messages:
            r = resolved(m)
            kind = "unsupported" if m.unsupported else "service" if m.service else "message"
            label = r.label or "none"
            fwd = BY_KEY[m.fwd[0]].name if m.fwd else ""
            w.writerow([chat.id, chat.name, m.id, kind, r.lang, label, r.cats, r.obf, fwd, r.note])
    return buf.getvalue()


def dump(obj: Any) -> str:
    # Telegram Desktop: one-space indentation, raw UTF-8, "key": value.
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed files differ")
    args = ap.parse_args(argv)
    full = build_full()
    outputs = {
        DEMO_DIR / "result.json": dump(full),
        DEMO_DIR / "labels.csv": labels_csv(),
        UPDATE_DIR / "result.json": dump(build_update(full)),
    }
    stale = []
    for path, content in outputs.items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("stale: " + ", ".join(str(p.relative_to(ROOT)) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
