"""Wallet codecs: published vectors, self-generated vectors, and one-character corruptions.

Addresses are either public test vectors (BIPs, EIP-55, the Bitcoin genesis address, the
USDT-TRC20 contract, the Monero project's General Fund donation address) or generated here
from deterministic byte payloads. None belongs to any extremist actor.
"""

from __future__ import annotations

import hashlib
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propwatch.detect.wallets import (
    B58_ALPHABET,
    Bech32Spec,
    _sponge,
    b58check_decode,
    b58decode,
    b58encode,
    bech32_decode,
    btc_address,
    classify_wallet,
    eip55,
    eth_address,
    keccak256,
    segwit_decode,
    segwit_encode,
    tron_address,
    xmr_address,
    xmr_b58decode,
    xmr_b58encode,
)

GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
USDT_TRC20_CONTRACT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
#: Monero General Fund donation address, as published by the Monero project.
MONERO_GENERAL_FUND = (
    "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3Xjrp"
    "DtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"
)
EIP55_MIXED = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]
EIP55_ALL_CAPS = [
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
]
EIP55_ALL_LOWER = [
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
]

# BIP-173 / BIP-350 reference vectors (github.com/sipa/bech32, ref/python/tests.py).
VALID_BECH32 = [
    "A12UEL5L",
    "a12uel5l",
    "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
    "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    "?1ezyfcl",
]
VALID_BECH32M = [
    "A1LQFN3A",
    "a1lqfn3a",
    "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
    "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
    "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
    "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
    "?1v759aa",
]
INVALID_BECH32_STRINGS = [
    " 1nwldj5",
    "\x7f1axkwrx",
    "\x801eym55h",
    "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
    "pzry9x0s0muk",
    "1pzry9x0s0muk",
    "x1b4n0q5v",
    "li1dgmt3",
    "de1lg7wt\xff",
    "10a06t8",
    "1qzzfhee",
    "qyrz8wqd2c9m",
    "1qyrz8wqd2c9m",
    "y1b0jsk6g",
    "lt1igcx5c0",
    "in1muywd",
    "mm1crxm3i",
    "au1s5cgom",
    "16plkw9",
    "1p2gdwpf",
]
VALID_SEGWIT = [
    ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6"),
    (
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
    ),
    (
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
        "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
    ),
    ("BC1SW50QGDZ25J", "6002751e"),
    ("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323"),
    (
        "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
        "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
    ),
    (
        "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
        "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
    ),
    (
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
    ),
]
INVALID_SEGWIT = [
    "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",  # invalid HRP
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",  # bech32 for v1
    "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",  # bech32 for v2
    "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",  # bech32 for v16
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",  # bech32m for v0
    "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",  # bech32m for v0
    "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",  # bad checksum char
    "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",  # witness version 17
    "bc1pw5dgrnzv",  # 1-byte program
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",  # 41 bytes
    "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",  # v0 program of 16 bytes
    "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",  # mixed case
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",  # >4 padding bits
    "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",  # non-zero padding
    "bc1gmk9yu",  # empty data
]


def _payload(seed: int, n: int) -> bytes:
    return bytes((seed * 37 + i * 11) % 256 for i in range(n))


def _change_one_char(address: str, index: int, alphabet: str = B58_ALPHABET) -> str:
    """``address`` with the character at ``index`` replaced by a different one of ``alphabet``."""
    old = address[index]
    new = alphabet[(alphabet.index(old) + 1) % len(alphabet)]
    return address[:index] + new + address[index + 1 :]


# ---- Keccak-256 ------------------------------------------------------------------------------


def test_keccak256_matches_the_published_vectors() -> None:
    assert keccak256(b"").hex() == (
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    )
    assert keccak256(b"abc").hex() == (
        "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
    )


def test_keccak256_is_not_hashlib_sha3_256() -> None:
    assert keccak256(b"") != hashlib.sha3_256(b"").digest()


@pytest.mark.parametrize("length", [0, 1, 55, 134, 135, 136, 137, 271, 272, 273, 1000])
def test_the_permutation_agrees_with_hashlib_when_given_the_sha3_padding(length: int) -> None:
    # Same sponge, SHA3 padding byte: must equal hashlib's FIPS-202 SHA3-256, across block
    # boundaries (rate 136), which pins the permutation and the multi-block absorption.
    data = _payload(length, length)
    assert _sponge(data, 0x06) == hashlib.sha3_256(data).digest()


# ---- Base58Check: BTC and TRON ---------------------------------------------------------------


def test_the_genesis_address_is_a_p2pkh_address_of_its_known_hash160() -> None:
    assert b58check_decode(GENESIS).hex() == "0062e907b15cbf27d5425399ebf6f0fb50ebb88f18"
    info = classify_wallet(GENESIS)
    assert info is not None
    assert (info.type, info.network, info.kind, info.value) == (
        "btc_address",
        "BTC",
        "p2pkh",
        GENESIS,
    )


def test_base58_keeps_leading_zero_bytes_as_ones() -> None:
    data = b"\0\0\x01\x02"
    assert b58encode(data).startswith("11")
    assert b58decode(b58encode(data)) == data
    with pytest.raises(ValueError):
        b58decode("0OIl")


@pytest.mark.parametrize(("version", "kind", "first"), [(0x00, "p2pkh", "1"), (0x05, "p2sh", "3")])
def test_generated_btc_addresses_validate_and_one_changed_character_breaks_them(
    version: int, kind: str, first: str
) -> None:
    for seed in range(5):
        address = btc_address(version, _payload(seed, 20))
        assert address[0] == first
        info = classify_wallet(address)
        assert info is not None and info.kind == kind and info.network == "BTC"
        for index in (1, len(address) // 2, len(address) - 1):
            assert classify_wallet(_change_one_char(address, index)) is None


def test_a_random_34_char_string_starting_with_1_is_not_a_btc_address() -> None:
    rng = random.Random(20240601)
    for _ in range(300):
        fake = "1" + "".join(rng.choice(B58_ALPHABET) for _ in range(33))
        assert classify_wallet(fake) is None, fake


def test_a_valid_base58check_string_with_another_version_byte_is_not_a_btc_address() -> None:
    testnet = btc_address(0x6F, _payload(1, 20))  # testnet P2PKH ("m"/"n")
    assert classify_wallet(testnet) is None


def test_tron_addresses_validate_including_the_usdt_trc20_contract() -> None:
    assert b58check_decode(USDT_TRC20_CONTRACT)[0] == 0x41
    for address in (USDT_TRC20_CONTRACT, tron_address(_payload(3, 20)), tron_address(bytes(20))):
        assert address[0] == "T" and len(address) == 34
        info = classify_wallet(address)
        assert info is not None
        assert (info.type, info.network) == ("tron_address", "TRON")
        assert classify_wallet(_change_one_char(address, 17)) is None


# ---- Bech32 / Bech32m ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vector", "spec"),
    [(v, Bech32Spec.BECH32) for v in VALID_BECH32]
    + [(v, Bech32Spec.BECH32M) for v in VALID_BECH32M],
)
def test_bip_checksum_vectors_decode_and_a_flipped_character_fails(
    vector: str, spec: Bech32Spec
) -> None:
    assert bech32_decode(vector)[2] is spec
    pos = vector.rfind("1")
    corrupted = vector[: pos + 1] + chr(ord(vector[pos + 1]) ^ 1) + vector[pos + 2 :]
    with pytest.raises(ValueError):
        bech32_decode(corrupted)


@pytest.mark.parametrize("vector", INVALID_BECH32_STRINGS)
def test_bip_invalid_checksum_strings_are_rejected(vector: str) -> None:
    with pytest.raises(ValueError):
        bech32_decode(vector)


def test_a_checksum_computed_over_the_uppercase_hrp_is_invalid_in_either_variant() -> None:
    for vector in ("A1G7SGD8", "M1VUXWEZ"):
        with pytest.raises(ValueError):
            bech32_decode(vector)


@pytest.mark.parametrize(("address", "script"), VALID_SEGWIT)
def test_bip_segwit_addresses_decode_to_their_script(address: str, script: str) -> None:
    hrp = address[:2].lower()
    version, program = segwit_decode(hrp, address)
    op = version + 0x50 if version else 0
    assert bytes([op, len(program)]) + program == bytes.fromhex(script)
    assert segwit_encode(hrp, version, program) == address.lower()
    info = classify_wallet(address)
    if hrp == "bc":
        assert info is not None and info.value == address.lower()
    else:
        assert info is None  # testnet is not reported


@pytest.mark.parametrize("address", INVALID_SEGWIT)
def test_bip_invalid_segwit_addresses_are_rejected(address: str) -> None:
    for hrp in ("bc", "tb"):
        with pytest.raises(ValueError):
            segwit_decode(hrp, address)
    assert classify_wallet(address) is None


@pytest.mark.parametrize(
    ("version", "size", "kind", "prefix"),
    [(0, 20, "p2wpkh", "bc1q"), (0, 32, "p2wsh", "bc1q"), (1, 32, "p2tr", "bc1p")],
)
def test_generated_segwit_addresses_and_their_one_character_corruptions(
    version: int, size: int, kind: str, prefix: str
) -> None:
    charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    address = segwit_encode("bc", version, _payload(version + size, size))
    assert address.startswith(prefix)
    info = classify_wallet(address)
    assert info is not None and info.kind == kind
    upper = classify_wallet(address.upper())
    assert upper is not None and upper.value == address
    for index in range(4, len(address)):
        assert classify_wallet(_change_one_char(address, index, charset)) is None


def test_mixed_case_bech32_is_rejected() -> None:
    address = segwit_encode("bc", 0, _payload(9, 20))
    mixed = address[:10] + address[10:].upper()
    assert classify_wallet(mixed) is None


# ---- EIP-55 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("address", EIP55_MIXED + EIP55_ALL_CAPS + EIP55_ALL_LOWER)
def test_eip55_reproduces_every_vector_of_the_eip_from_its_lowercase_form(address: str) -> None:
    # The EIP's all-caps and all-lower examples are checksummed forms that happen to be
    # single-case (their hash bits put every letter on the same side).
    assert eip55(address.lower()) == address
    assert eip55(address.upper()[2:]) == address


@pytest.mark.parametrize("address", EIP55_MIXED)
def test_mixed_case_eth_addresses_pass_eip55_and_any_one_case_flip_is_rejected(
    address: str,
) -> None:
    info = classify_wallet(address)
    assert info is not None and info.checksum == "eip55" and info.network == "ETH"
    for index, ch in enumerate(address[2:], start=2):
        if ch.isalpha():
            flipped = address[:index] + ch.swapcase() + address[index + 1 :]
            assert classify_wallet(flipped) is None, flipped


@pytest.mark.parametrize("address", EIP55_MIXED)
def test_changing_one_hex_digit_of_a_checksummed_eth_address_is_rejected(address: str) -> None:
    changed = address[:10] + ("1" if address[10] != "1" else "2") + address[11:]
    assert classify_wallet(changed) is None


@pytest.mark.parametrize("address", EIP55_ALL_CAPS + EIP55_ALL_LOWER)
def test_single_case_eth_addresses_are_accepted_without_checksum(address: str) -> None:
    info = classify_wallet(address)
    assert info is not None
    assert info.checksum == "none"
    assert info.value == eip55(address)  # canonical value is the checksummed form


def test_generated_eth_address_round_trips() -> None:
    address = eth_address(_payload(7, 20))
    info = classify_wallet(address)
    assert info is not None and info.value == address
    assert classify_wallet("0x" + "g" * 40) is None
    assert classify_wallet("0x" + "a" * 41) is None


# ---- Monero ----------------------------------------------------------------------------------


def test_monero_base58_round_trips_every_partial_block_length() -> None:
    for n in range(0, 30):
        data = _payload(n, n)
        encoded = xmr_b58encode(data)
        assert len(encoded) == 11 * (n // 8) + (0, 2, 3, 5, 6, 7, 9, 10, 11)[n % 8]
        assert xmr_b58decode(encoded) == data


def test_monero_base58_rejects_impossible_blocks() -> None:
    with pytest.raises(ValueError):
        xmr_b58decode("zzzzzzzzzzz")  # 58^11 - 1 does not fit in 8 bytes
    with pytest.raises(ValueError):
        xmr_b58decode("1")  # a 1-character block encodes nothing


def test_the_monero_general_fund_address_passes_its_keccak_checksum() -> None:
    info = classify_wallet(MONERO_GENERAL_FUND)
    assert info is not None
    assert (info.type, info.network, info.kind) == ("xmr_address", "XMR", "standard")


@pytest.mark.parametrize(
    ("netbyte", "payment_id", "kind", "first", "length"),
    [
        (18, b"", "standard", "4", 95),
        (42, b"", "subaddress", "8", 95),
        (19, b"\x01" * 8, "integrated", "4", 106),
    ],
)
def test_generated_monero_addresses_and_their_one_character_corruptions(
    netbyte: int, payment_id: bytes, kind: str, first: str, length: int
) -> None:
    address = xmr_address(netbyte, _payload(1, 32), _payload(2, 32), payment_id)
    assert address[0] == first and len(address) == length
    info = classify_wallet(address)
    assert info is not None and info.kind == kind
    for index in (2, 40, 90):
        assert classify_wallet(_change_one_char(address, index)) is None


def test_a_monero_address_with_a_sha3_checksum_is_rejected() -> None:
    payload = bytes([18]) + _payload(1, 32) + _payload(2, 32)
    wrong = xmr_b58encode(payload + hashlib.sha3_256(payload).digest()[:4])
    assert classify_wallet(wrong) is None


# ---- properties ------------------------------------------------------------------------------


@given(st.binary(min_size=20, max_size=20), st.sampled_from([0x00, 0x05]))
def test_any_hash160_round_trips_through_a_btc_address(h: bytes, version: int) -> None:
    info = classify_wallet(btc_address(version, h))
    assert info is not None and info.kind == ("p2pkh" if version == 0 else "p2sh")


@given(st.binary(min_size=2, max_size=40), st.integers(min_value=1, max_value=16))
def test_any_valid_witness_program_round_trips(program: bytes, version: int) -> None:
    address = segwit_encode("bc", version, program)
    assert segwit_decode("bc", address) == (version, program)


@given(st.binary(min_size=32, max_size=32), st.binary(min_size=32, max_size=32))
def test_any_monero_keys_round_trip(spend: bytes, view: bytes) -> None:
    info = classify_wallet(xmr_address(18, spend, view))
    assert info is not None and info.kind == "standard"


@given(st.text(max_size=120))
def test_classify_wallet_never_raises(token: str) -> None:
    classify_wallet(token)
