"""extract_signals: what an analyst expects to be flagged in a message, and what not.

Example texts are short, generic appeals of the kind public reporting quotes, plus hard
negatives. Wallets are public test vectors or generated from fixed byte payloads.
"""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propwatch.detect import signals as signals_module
from propwatch.detect.model import Signal
from propwatch.detect.signals import SIGNAL_TYPES, extract_signals
from propwatch.detect.wallets import (
    btc_address,
    eth_address,
    segwit_encode,
    tron_address,
    xmr_address,
)

GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
EIP55 = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"


def _payload(seed: int, n: int) -> bytes:
    return bytes((seed * 41 + i * 7) % 256 for i in range(n))


P2SH = btc_address(0x05, _payload(1, 20))
P2WPKH = segwit_encode("bc", 0, _payload(2, 20))
P2TR = segwit_encode("bc", 1, _payload(3, 32))
TRON = tron_address(_payload(4, 20))
XMR = xmr_address(18, _payload(5, 32), _payload(6, 32))
XMR_SUB = xmr_address(42, _payload(5, 32), _payload(6, 32))
XMR_INTEGRATED = xmr_address(19, _payload(5, 32), _payload(6, 32), _payload(7, 8))
ETH = eth_address(_payload(8, 20))


def found(text: str) -> list[tuple[str, str, str]]:
    """``(type, value, evidence text)`` of every signal."""
    return [(s.type, s.value, text[s.start : s.end]) for s in extract_signals(text)]


def only(text: str) -> Signal:
    sigs = extract_signals(text)
    assert len(sigs) == 1, sigs
    return sigs[0]


def attrs(sig: Signal) -> dict[str, str]:
    return dict(sig.attributes)


# ---- wallets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "type_", "network", "kind"),
    [
        (GENESIS, "btc_address", "BTC", "p2pkh"),
        (P2SH, "btc_address", "BTC", "p2sh"),
        (P2WPKH, "btc_address", "BTC", "p2wpkh"),
        (P2TR, "btc_address", "BTC", "p2tr"),
        (EIP55, "eth_address", "ETH", "account"),
        (TRON, "tron_address", "TRON", "account"),
        (XMR, "xmr_address", "XMR", "standard"),
        (XMR_SUB, "xmr_address", "XMR", "subaddress"),
        (XMR_INTEGRATED, "xmr_address", "XMR", "integrated"),
    ],
)
def test_a_donation_appeal_yields_the_wallet_with_network_and_kind(
    address: str, type_: str, network: str, kind: str
) -> None:
    text = f"Support the brothers, send to: {address}. May Allah reward you"
    sig = only(text)
    assert (sig.type, sig.value, text[sig.start : sig.end]) == (type_, address, address)
    assert attrs(sig)["network"] == network
    assert attrs(sig)["kind"] == kind


@pytest.mark.parametrize("address", [GENESIS, P2SH, P2WPKH, P2TR, EIP55, TRON, XMR, ETH])
def test_one_changed_character_makes_a_wallet_disappear(address: str) -> None:
    index = len(address) // 2
    replacement = "2" if address[index] != "2" else "3"
    corrupted = address[:index] + replacement + address[index + 1 :]
    assert extract_signals(f"wallet: {corrupted}") == []


def test_a_random_34_char_string_starting_with_1_is_not_a_btc_address() -> None:
    fake = "1MASi45ub7Qe4ZE36UT5G6cU4ud8Fhhe4d"  # random.Random(7) over the Base58 alphabet
    assert len(fake) == 34
    assert extract_signals(f"code {fake} ok") == []
    assert extract_signals("ref 1111111111111111111111111111111111") == []


def test_a_wallet_glued_to_other_letters_is_not_reported() -> None:
    assert extract_signals(f"x{GENESIS}") == []
    assert extract_signals(f"{GENESIS}z") == []


def test_bech32_in_capitals_is_reported_in_lower_case() -> None:
    sig = only(f"BTC: {P2WPKH.upper()}")
    assert sig.value == P2WPKH


def test_a_lowercase_eth_address_is_accepted_without_checksum_and_canonicalised() -> None:
    sig = only(f"USDT (ERC20) {EIP55.lower()}")
    assert sig.value == EIP55
    assert attrs(sig)["checksum"] == "none"
    assert attrs(only(f"ETH {EIP55}"))["checksum"] == "eip55"


def test_a_mixed_case_eth_address_with_a_wrong_checksum_is_not_reported() -> None:
    wrong = EIP55[:3] + EIP55[3].swapcase() + EIP55[4:]
    assert extract_signals(f"send to {wrong}") == []


def test_an_eth_transaction_hash_is_not_an_address() -> None:
    assert extract_signals("tx 0x" + "ab" * 32) == []


def test_a_wallet_split_by_zero_width_spaces_is_found_with_original_offsets() -> None:
    hidden = GENESIS[:10] + "\u200b" + GENESIS[10:20] + "\u2060" + GENESIS[20:]
    text = f"кошелёк: {hidden} !"
    sig = only(text)
    assert sig.value == GENESIS
    assert text[sig.start : sig.end] == hidden


def test_a_wallet_inside_a_block_explorer_link_is_reported_with_the_link() -> None:
    text = f"check https://explorer.example.com/address/{GENESIS} now"
    types = [t for t, _, _ in found(text)]
    assert types == ["url", "btc_address"]


# ---- Telegram --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("https://t.me/Some_Channel", "https://t.me/some_channel"),
        ("http://t.me/Some_Channel", "https://t.me/some_channel"),
        ("t.me/Some_Channel", "https://t.me/some_channel"),
        ("telegram.me/Some_Channel", "https://t.me/some_channel"),
        ("https://telegram.dog/Some_Channel", "https://t.me/some_channel"),
        ("www.t.me/Some_Channel", "https://t.me/some_channel"),
        ("tg://resolve?domain=Some_Channel", "https://t.me/some_channel"),
    ],
)
def test_every_spelling_of_a_channel_link_gives_one_canonical_telegram_link(
    text: str, value: str
) -> None:
    sig = only(f"Subscribe: {text} — the truth they hide")
    assert sig.type == "telegram_link"
    assert sig.value == value
    assert attrs(sig)["username"] == "some_channel"


def test_a_post_link_carries_the_post_id() -> None:
    sig = only("read https://t.me/news_channel/1234?single")
    assert (sig.type, sig.value) == ("telegram_link", "https://t.me/news_channel/1234")
    assert attrs(sig) == {"kind": "post", "post": "1234", "username": "news_channel"}


def test_a_web_preview_link_points_to_the_channel() -> None:
    sig = only("https://t.me/s/news_channel")
    assert sig.value == "https://t.me/news_channel"
    assert attrs(sig)["preview"] == "true"


def test_a_private_channel_post_link() -> None:
    sig = only("t.me/c/1234567890/55")
    assert (sig.type, sig.value) == ("telegram_link", "https://t.me/c/1234567890/55")
    assert attrs(sig)["kind"] == "private_post"


@pytest.mark.parametrize(
    "text",
    [
        "https://t.me/joinchat/AbCdEfGh12345_-x",
        "t.me/+AbCdEfGh12345_-x",
        "https://telegram.me/joinchat/AbCdEfGh12345_-x",
        "tg://join?invite=AbCdEfGh12345_-x",
    ],
)
def test_both_invite_forms_give_the_same_invite_and_keep_the_hash_case(text: str) -> None:
    sig = only(f"Join the closed group {text}")
    assert sig.type == "telegram_invite"
    assert sig.value == "https://t.me/+AbCdEfGh12345_-x"
    assert attrs(sig)["hash"] == "AbCdEfGh12345_-x"


def test_a_t_me_link_to_a_phone_number_is_a_telegram_link_not_an_invite() -> None:
    sig = only("t.me/+79123456789")
    assert (sig.type, attrs(sig)["kind"]) == ("telegram_link", "phone")


def test_a_defanged_telegram_link_is_re_fanged_and_flagged() -> None:
    sig = only("t[.]me/hidden_channel")
    assert (sig.type, sig.value) == ("telegram_link", "https://t.me/hidden_channel")
    assert attrs(sig)["defanged"] == "true"


def test_a_telegram_link_is_not_also_a_url() -> None:
    assert [t for t, _, _ in found("https://t.me/some_channel and https://example.org")] == [
        "telegram_link",
        "url",
    ]


def test_a_telegram_link_stops_where_the_username_ends() -> None:
    text = "https://t.me/kanal_nomiКанал"
    sig = only(text)
    assert text[sig.start : sig.end] == "https://t.me/kanal_nomi"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Follow @Khurasan_Voice for news", "@khurasan_voice"),
        ("(@abcde)", "@abcde"),
        ("канал: @kanal_2024.", "@kanal_2024"),
    ],
)
def test_handles_are_lower_cased_with_the_at_sign(text: str, value: str) -> None:
    sig = only(text)
    assert (sig.type, sig.value) == ("telegram_handle", value)


@pytest.mark.parametrize(
    "text",
    [
        "@abcd is too short",
        "@1abcde starts with a digit",
        "@_abcde starts with an underscore",
        "@" + "a" * 33 + " is too long",
        "write to admin@example.com",
    ],
)
def test_things_that_are_not_handles(text: str) -> None:
    assert all(t != "telegram_handle" for t, _, _ in found(text))


def test_the_at_sign_of_an_e_mail_is_not_a_handle() -> None:
    assert found("contact: admin_team@example.com") == [
        ("email", "admin_team@example.com", "admin_team@example.com")
    ]


# ---- URLs ------------------------------------------------------------------------------------


def test_hxxps_evil_dot_example_becomes_https_evil_example_with_defanged_true() -> None:
    text = "payload at hxxps://evil[.]example/path"
    sig = only(text)
    assert (sig.type, sig.value) == ("url", "https://evil.example/path")
    assert attrs(sig) == {"defanged": "true", "host": "evil.example"}
    assert text[sig.start : sig.end] == "hxxps://evil[.]example/path"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("hXXp://bad(.)example(.)org/a", "http://bad.example.org/a"),
        ("h**ps://bad{.}example.org", "https://bad.example.org"),
        ("https[:]//bad[dot]example.org/x", "https://bad.example.org/x"),
        ("hxxps[://]bad(dot)example.org", "https://bad.example.org"),
        ("bad [.] example [.] org", "bad.example.org"),
        ("example[.]com", "example.com"),
    ],
)
def test_defanged_urls_are_re_fanged(text: str, value: str) -> None:
    sig = only(f"see {text} today")
    assert (sig.type, sig.value, attrs(sig)["defanged"]) == ("url", value, "true")


def test_a_plain_url_is_not_flagged_as_defanged_and_keeps_its_path_case() -> None:
    sig = only("Source: HTTPS://News.Example.COM/Article/42")
    assert sig.value == "https://news.example.com/Article/42"
    assert "defanged" not in attrs(sig)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("example.org/path", "example.org/path"),
        ("www.example.co.uk", "www.example.co.uk"),
        ("news.example.tj", "news.example.tj"),
        ("пример.рф", "пример.рф"),
        ("youtu.be/abc123", "youtu.be/abc123"),
        ("example.com:8080/x", "example.com:8080/x"),
    ],
)
def test_bare_domains_with_a_known_tld_are_urls(text: str, value: str) -> None:
    sig = only(f"visit {text} now")
    assert (sig.type, sig.value) == ("url", value)


@pytest.mark.parametrize(
    "text",
    [
        "e.g. this",
        "i.e. that",
        "open file.txt and notes.docx",
        "version 1.2.3 or v2.0.1",
        "run setup.py and read README.md",
        "it was done.it was over",
        "the end.It was",
        "т.е. г.Москва и т.д.",
        "the dot com bubble",
        "https://localhost/x",
        "Ph.D. U.S.A.",
    ],
)
def test_things_that_are_not_urls(text: str) -> None:
    assert extract_signals(text) == []


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("(see https://example.com/a).", "https://example.com/a"),
        (
            "https://en.wikipedia.org/wiki/Foo_(bar), next",
            "https://en.wikipedia.org/wiki/Foo_(bar)",
        ),
        ("«https://example.com/статья»", "https://example.com/статья"),
        ("<https://example.com/x>", "https://example.com/x"),
        ("https://example.com/x?a=1&b=2#frag!", "https://example.com/x?a=1&b=2#frag"),
    ],
)
def test_urls_end_before_surrounding_punctuation(text: str, url: str) -> None:
    sig = only(text)
    assert sig.value == url


def test_an_e_mail_domain_is_not_also_a_url() -> None:
    assert [t for t, _, _ in found("info.example.com@gmail.com")] == ["email"]


# ---- e-mail ----------------------------------------------------------------------------------


def test_emails_are_lower_cased() -> None:
    sig = only("mail: First.Last@Example.COM")
    assert (sig.type, sig.value) == ("email", "first.last@example.com")


def test_a_defanged_email_is_re_fanged() -> None:
    sig = only("name [at] example [dot] com")
    assert (sig.type, sig.value, attrs(sig)["defanged"]) == ("email", "name@example.com", "true")


def test_malformed_emails_are_not_reported() -> None:
    assert all(t != "email" for t, _, _ in found("a..b@example.com .ab@example.com x@y"))


# ---- phones ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "e164", "region", "form"),
    [
        ("+992 93 555 1234", "+992935551234", "TJ", "international"),
        ("+998 (90) 123-45-67", "+998901234567", "UZ", "international"),
        ("(+992) 93 555 1234", "+992935551234", "TJ", "international"),
        ("00 992 93 555 1234", "+992935551234", "TJ", "international"),
        ("8 (912) 345-67-89", "+79123456789", "RU", "national"),
        ("89123456789", "+79123456789", "RU", "national"),
        ("0532 123 45 67", "+905321234567", "TR", "national"),
        ("۰۹۱۲ ۳۴۵ ۶۷۸۹", "+989123456789", "IR", "national"),
        ("0700 123 456", "+93700123456", "AF", "national"),
    ],
)
def test_phone_numbers_are_reported_in_e164(text: str, e164: str, region: str, form: str) -> None:
    full = f"Contact the brother on {text} for details"
    sig = only(full)
    assert (sig.type, sig.value) == ("phone", e164)
    assert attrs(sig) == {"form": form, "region": region}
    assert full[sig.start : sig.end] == text


@pytest.mark.parametrize(
    "text",
    [
        "on 2024-01-15 at 14:30",
        "on 15.01.2024 14:30",
        "in 1999 2000 2001 2002",
        "pay 1 000 000 somoni",
        "about 8 000 000 000 people",
        "card 4276 1234 5678 9012",
        "order 0512202314",
        "93 555 1234",  # domestic TJ without +: indistinguishable from an amount (documented)
        "4 8 15 16 23 42",
    ],
)
def test_dates_years_amounts_and_ids_are_not_phones(text: str) -> None:
    assert extract_signals(text) == []


# ---- hashtags --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("#Хуросон", "#хуросон"),
        ("#خلافت", "#خلافت"),
        ("#news_2024", "#news_2024"),
        ("#Oʻzbekiston", "#oʻzbekiston"),
        ("#Türkiye", "#türkiye"),
    ],
)
def test_hashtags_in_any_script_are_lower_cased(text: str, value: str) -> None:
    sig = only(f"{text} bugun")
    assert (sig.type, sig.value) == ("hashtag", value)


@pytest.mark.parametrize(
    "text",
    ["#1", "#2024", "#___", "C# code", "&#123;", "colour #ff0000", "page.html#section", "a/#/b"],
)
def test_things_that_are_not_hashtags(text: str) -> None:
    assert all(t != "hashtag" for t, _, _ in found(text))


def test_a_url_fragment_is_part_of_the_url_not_a_hashtag() -> None:
    assert [t for t, _, _ in found("https://example.com/page#section")] == ["url"]


# ---- a realistic message ---------------------------------------------------------------------


def test_a_mixed_message_yields_each_signal_once_in_text_order() -> None:
    text = (
        "#Хуросон Join us: t.me/+AbCdEfGh12345 | backup hxxps://mirror[.]example/news "
        f"| admin @khurasan_media | mail admin@example.org | USDT TRC20 {TRON} "
        "| call +992 93 555 1234"
    )
    assert [t for t, _, _ in found(text)] == [
        "hashtag",
        "telegram_invite",
        "url",
        "telegram_handle",
        "email",
        "tron_address",
        "phone",
    ]


# ---- robustness ------------------------------------------------------------------------------


def test_signal_types_are_exported_and_documented() -> None:
    doc = signals_module.__doc__ or ""
    assert len(set(SIGNAL_TYPES)) == len(SIGNAL_TYPES) == 11
    for name in SIGNAL_TYPES:
        assert f"``{name}``" in doc, name


def test_bidi_controls_inside_a_link_are_ignored() -> None:
    text = "https://t.me/\u202ebad_channel\u202c"
    sig = only(text)
    assert sig.value == "https://t.me/bad_channel"
    assert sig.start == 0


def test_lone_surrogates_and_controls_do_not_break_extraction() -> None:
    text = "\ud800 t.me/abcde\udfff\x00 #тег\x85 " + GENESIS
    assert [s.type for s in extract_signals(text)] == ["telegram_link", "hashtag", "btc_address"]


def test_signals_serialise_to_json() -> None:
    sig = only("hxxps://evil[.]example/path")
    assert sig.to_json()["attributes"] == {"defanged": "true", "host": "evil.example"}


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "." * 1_000_000,
        "@" * 1_000_000,
        "#" * 1_000_000,
        "0" * 1_000_000,
        "a." * 100_000,
        "0 " * 100_000,
        "[.]" * 50_000,
    ],
    ids=["a", "dots", "ats", "hashes", "zeros", "a-dot", "zero-space", "defang-dots"],
)
def test_pathological_inputs_return_nothing_quickly(text: str) -> None:
    # Catastrophic backtracking would take minutes; linear scanning takes well under a second.
    started = time.perf_counter()
    assert extract_signals(text) == []
    assert time.perf_counter() - started < 10


_PIECES = st.sampled_from(
    [
        GENESIS,
        EIP55,
        P2WPKH,
        "t.me/",
        "https://",
        "hxxp",
        "[.]",
        "@",
        "#",
        "+992",
        " ",
        ".",
        "/",
        "\u200b",
        "\u202e",
        "com",
        "example",
        "0",
        "8",
        "(",
        ")",
        "Хуросон",
        "خلافت",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=20).map("".join))
def test_never_raises_and_offsets_are_sane(text: str) -> None:
    sigs = extract_signals(text)
    assert sigs == sorted(sigs, key=lambda s: (s.start, s.end, s.type))
    for s in sigs:
        assert s.type in SIGNAL_TYPES
        assert 0 <= s.start < s.end <= len(text)
        assert s.value
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in s.attributes)
    non_wallets = [s for s in sigs if not s.type.endswith("_address")]
    for a, b in itertools.pairwise(non_wallets):
        assert a.end <= b.start, (a, b)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=len(GENESIS) - 1), st.sampled_from("\u200b\u200c\u2066"))
def test_an_invisible_character_anywhere_in_a_wallet_does_not_hide_it(pos: int, ch: str) -> None:
    text = "to " + GENESIS[:pos] + ch + GENESIS[pos:] + " thanks"
    sig = only(text)
    assert sig.value == GENESIS
    assert (sig.start, sig.end) == (3, 3 + len(GENESIS) + 1)
