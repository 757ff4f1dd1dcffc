"""Search across scripts and disguises, with filters, on every backend."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import analysed, make_item

from propwatch.errors import UsageError
from propwatch.normalize.pipeline import TOKEN_KEYS
from propwatch.store import SearchQuery, Store
from propwatch.store.search import snippet

CORPUS = [
    # id, channel, text, date
    ("1", "telegram:1", "Рофизийлар ва яҳудийлар бир тангасининг икки томони", (2023, 10, 20)),
    ("2", "telegram:2", "Rofiziylar va yahudiylar bir tangasining ikki tomoni", (2023, 11, 2)),
    ("3", "telegram:3", "Вилояти Хуросон изҳорот нашр кард", (2024, 1, 4)),
    ("4", "telegram:3", "كتاب يك روز در كرمان", (2024, 1, 5)),  # Persian typed with Arabic ي ك
    ("5", "telegram:4", "Эти рaфидиты враги ислама", (2024, 3, 23)),  # Latin "a" inside
    ("6", "telegram:4", "Ha\u200bmas ve İsrail arasındaki savaş", (2024, 4, 14)),  # zero-width
    ("7", "telegram:5", "Кечээ Бишкекте аба ырайы жакшы болду", (2024, 5, 1)),
    ("8", "telegram:6", "اليَهُودُ وَالرَّافِضَةُ وَجْهَانِ لِعُمْلَةٍ وَاحِدَةٍ", (2024, 5, 2)),
    ("9", "telegram:6", "رافضي‌ها و يهوديان دو روي يك سكه‌اند", (2024, 5, 3)),
]


@pytest.fixture
def loaded(store: Store) -> Store:
    store.write(
        analysed(
            *(
                make_item(
                    text, mid, channel, name=f"chan {channel[-1]}", date=datetime(*d, tzinfo=UTC)
                )
                for mid, channel, text, d in CORPUS
            )
        )
    )
    return store


def ids(store: Store, text: str, **kw: object) -> list[str]:
    result = store.search(SearchQuery(text, **kw))  # type: ignore[arg-type]
    assert result.total == len(result.hits) or result.total > len(result.hits)
    return sorted(hit.message_id for hit in result.hits)


def test_latin_uzbek_query_finds_cyrillic_uzbek(loaded: Store) -> None:
    assert ids(loaded, "rofiziylar") == ["1", "2"]
    assert ids(loaded, "рофизийлар") == ["1", "2"]


def test_prefix_tolerates_suffixes(loaded: Store) -> None:
    assert ids(loaded, "rofiziy") == ["1", "2"]
    assert ids(loaded, "yahudiy") == ["1", "2"]


def test_exact_word_with_equals(loaded: Store) -> None:
    assert ids(loaded, "rofiziy=") == []


def test_tajik_cross_script(loaded: Store) -> None:
    assert ids(loaded, "Xuroson") == ["3"]


def test_persian_query_finds_arabic_letters(loaded: Store) -> None:
    assert ids(loaded, "کتاب یک") == ["4"]
    assert ids(loaded, "کرمان") == ["4"]


def test_plain_query_finds_homoglyph_disguise(loaded: Store) -> None:
    assert ids(loaded, "рафидиты") == ["5"]


def test_zero_width_split_word_is_found(loaded: Store) -> None:
    assert ids(loaded, "hamas") == ["6"]


def test_phrase_or_and_exclusion(loaded: Store) -> None:
    assert ids(loaded, '"ikki tomoni"') == ["1", "2"]
    assert ids(loaded, "hamas OR xuroson") == ["3", "6"]
    assert ids(loaded, "rofiziylar -yahudiylar") == []


def test_filters(loaded: Store) -> None:
    assert ids(loaded, "rofiziylar", channel="telegram:2") == ["2"]
    assert ids(loaded, "rofiziylar", channel="chan 1") == ["1"]
    assert ids(loaded, "rofiziylar", since=datetime(2023, 11, 1, tzinfo=UTC)) == ["2"]
    assert ids(loaded, "rofiziylar", until=datetime(2023, 11, 1, tzinfo=UTC)) == ["1"]
    assert ids(loaded, "rofiziylar", language="uz") == ["1", "2"]
    assert ids(loaded, "rofiziylar", language="ru") == []


def test_limit_offset_and_total(loaded: Store) -> None:
    page = loaded.search(SearchQuery("rofiziylar", limit=1, sort="oldest"))
    assert page.total == 2 and [h.message_id for h in page.hits] == ["1"]
    page2 = loaded.search(SearchQuery("rofiziylar", limit=1, offset=1, sort="oldest"))
    assert [h.message_id for h in page2.hits] == ["2"]


def test_json_shape_and_snippet(loaded: Store) -> None:
    doc = loaded.search(SearchQuery("Xuroson")).to_json()
    assert doc["total"] == 1
    hit = doc["hits"][0]
    for key in ("message_id", "channel", "date", "language", "snippet", "text"):
        assert key in hit
    assert hit["message_id"] == "3"
    assert hit["date"] == "2024-01-04T00:00:00Z"
    assert "[Хуросон]" in hit["snippet"]


def test_query_without_words_is_a_usage_error(loaded: Store) -> None:
    with pytest.raises(UsageError):
        loaded.search(SearchQuery("!!! ..."))


@pytest.mark.parametrize("hostile", ['"', "NEAR(", "a AND", "*", "'; DROP TABLE messages; --", "-"])
def test_hostile_queries_do_not_break(loaded: Store, hostile: str) -> None:
    with contextlib.suppress(UsageError):
        loaded.search(SearchQuery(hostile))
    assert loaded.stats()["messages"] == len(CORPUS)


def test_arabic_query_finds_word_with_attached_conjunction(loaded: Store) -> None:
    assert ids(loaded, "الرافضة") == ["8"]  # written وَالرَّافِضَةُ, with diacritics


def test_persian_query_finds_word_with_suffix(loaded: Store) -> None:
    assert ids(loaded, "سکه") == ["9"]  # written سكه‌اند, Arabic kaf and ZWNJ
    assert ids(loaded, "رافضی") == ["9"]


def test_auto_sort_stops_ranking_huge_result_sets_and_says_so(
    loaded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propwatch.store.store as store_module

    assert loaded.search(SearchQuery("rofiziylar")).sort == "relevance"
    monkeypatch.setattr(store_module, "RANK_LIMIT", 1)
    result = loaded.search(SearchQuery("rofiziylar"))
    if loaded.dialect == "sqlite":
        assert result.sort == "recent"
        assert [h.message_id for h in result.hits] == ["2", "1"]  # most recently stored first
        assert result.to_json()["sort"] == "recent"
    assert loaded.search(SearchQuery("rofiziylar", sort="relevance")).sort == "relevance"


def test_tajik_uzbek_kyrgyz_words_find_russian_keyboard_spellings(store: Store) -> None:
    store.write(
        analysed(
            make_item("Точикон, бедор шавед! Чиход фарз аст ва хичрат рохи начот аст.", "k1"),
            make_item("Узбекистонда ёшлар учун янги курслар очилди", "k2"),
            make_item("Бугун Бишкекте жаңы мектеп ачылды, окуучулар көп", "k3"),
            make_item("Бугун Бишкекте жаны мектеп ачылды, окуучулар коп", "k4"),
        )
    )
    assert ids(store, "ҷиҳод") == ["k1"]
    assert ids(store, "ҳиҷрат") == ["k1"]
    assert ids(store, '"роҳи наҷот"') == ["k1"]
    assert ids(store, "Ўзбекистонда") == ["k2"]
    # Kyrgyz ң and ө typed as н and о: both spellings are found by the proper one.
    assert ids(store, "жаңы көп") == ["k3", "k4"]
    # The folding goes one way: a Russian-keyboard query finds only its own spelling.
    assert ids(store, "жаны") == ["k4"]
    hit = store.search(SearchQuery("ҷиҳод")).hits[0]
    assert "[Чиход]" in hit.snippet


def test_snippet_marks_the_words_across_scripts_and_windows_long_texts() -> None:
    key = TOKEN_KEYS.__getitem__
    text = " ".join(["boshqa"] * 30 + ["Хуросонга", "ҳижрат", "қилинг!"] + ["soʻz"] * 30)
    out = snippet(text, ["xuroson"], key, width=3)
    assert out == "… boshqa boshqa boshqa [Хуросонга] ҳижрат қилинг! soʻz …"
    # Every match inside the window is marked, and a text without a match shows its start.
    assert snippet("Xuroson va Хуросон", ["xuroson"], key) == "[Xuroson] va [Хуросон]"
    assert snippet("bir ikki uch", ["xuroson"], key, width=1) == "bir ikki …"
    assert snippet("", ["xuroson"], key) == ""


def _snippet_token_by_token(text: str, words: list[str], key: Any, width: int) -> str:
    """The snippet as first written: each token keyed and tested in Python, in turn."""
    tokens = text.split()
    if not tokens:
        return ""
    prefixes = tuple(words)

    def found(token: str) -> bool:
        k: str = key(token)
        return k.startswith(prefixes) or (" " in k and any(
            part.startswith(prefixes) for part in k.split()
        ))  # fmt: skip

    hit = next((i for i, tok in enumerate(tokens) if found(tok)), None) if words else None
    if hit is None:
        out = " ".join(tokens[: 2 * width])
        return out + (" …" if len(tokens) > 2 * width else "")
    start, end = max(0, hit - width), min(len(tokens), hit + width + 1)
    marked = [f"[{tok}]" if found(tok) else tok for tok in tokens[start:end]]
    return ("… " if start else "") + " ".join(marked) + (" …" if end < len(tokens) else "")


_SNIPPET_TOKENS = ["Хуросон", "xurosonga", "al-Qaeda", "Al-Qaida", "qaeda", "ва", "va", "(Amaq)",
                   "«Аъмоқ»", "аъмоқ-да", "ﷺ", "ИШИД", "isis-k", "", "و", "خراسان", "a.b", "x*y",
                   "Islom", "davlati", "ДАВЛАТИ", "[x]", "\\n"]  # fmt: skip


_SNIPPET_WORDS = ["xuroson", "qaeda", "al", "amaq", "davlat", "isis", "x*", "خراسان", "a.b", "",
                  "\\n"]  # fmt: skip


@given(
    st.lists(st.sampled_from(_SNIPPET_TOKENS) | st.text(max_size=6), max_size=40),
    st.lists(st.sampled_from(_SNIPPET_WORDS), max_size=3),
    st.integers(min_value=0, max_value=5),
)
@settings(max_examples=300, deadline=None)
def test_snippet_finds_and_marks_what_a_token_by_token_scan_finds(
    tokens: list[str], words: list[str], width: int
) -> None:
    key = TOKEN_KEYS.__getitem__
    text = " ".join(tokens)
    wanted = [w for w in words if w]
    assert snippet(text, words, key, width) == _snippet_token_by_token(text, wanted, key, width)


def test_a_filter_keeps_the_unfiltered_ranking(store: Store) -> None:
    # Items of two languages and two days where the word weighs differently (repeated, in
    # longer or shorter texts): a language or date filter only removes rows, it never
    # reorders the ones it keeps.
    uz = ["Xuroson viloyati haqida yangi xabar keldi bugun ertalab",
          "Xuroson xuroson xuroson viloyati",
          "Bugun xuroson haqida juda uzun va batafsil maqola chop etildi, unda ko'p gap bor"]
    ru = ["Новости про Хуросон и про другие области сегодня утром",
          "Хуросон Хуросон область",
          "Хуросон"]  # fmt: skip
    items = [
        make_item(text, f"{lang}{i}", "telegram:9", date=datetime(2024, 3, 1 + i % 2, tzinfo=UTC))
        for lang, texts in (("uz", uz), ("ru", ru))
        for i, text in enumerate(texts)
    ]
    store.write(analysed(*items))
    everything = store.search(SearchQuery("xuroson", limit=50))
    assert everything.sort == "relevance" and everything.total == 6
    order = [hit.message_id for hit in everything.hits]
    for language in ("uz", "ru"):
        kept = store.search(SearchQuery("xuroson", language=language, limit=50))
        mine = [hit.message_id for hit in everything.hits if hit.language == language]
        assert mine and [hit.message_id for hit in kept.hits] == mine
    dated = store.search(SearchQuery("xuroson", since=datetime(2024, 3, 2, tzinfo=UTC)))
    assert [h.message_id for h in dated.hits] == [m for m in order if m in {"uz1", "ru1"}]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_pages_by_date_are_slices_of_the_whole_listing(loaded: Store, sort: str) -> None:
    # Pages are counted off over message ids, then read (page_of_hits): together they must be
    # the whole listing, in order, with every field of a hit.
    whole = loaded.search(SearchQuery("rofiziy OR xuroson OR رافضي", sort=sort, limit=50))
    assert whole.total == len(whole.hits) >= 4
    pages = [
        loaded.search(SearchQuery("rofiziy OR xuroson OR رافضي", sort=sort, limit=2, offset=o))
        for o in range(0, whole.total, 2)
    ]
    assert [h.to_json() for p in pages for h in p.hits] == [h.to_json() for h in whole.hits]
    assert all(p.total == whole.total and p.sort == sort for p in pages)
