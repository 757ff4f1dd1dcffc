"""normalize(): NFKC, invisibles, controls, apostrophes, case; plus the data-driven case loader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from propwatch.normalize import normalize
from propwatch.normalize.unicode import (
    APOSTROPHES,
    collapse_whitespace,
    fold_case,
    replace_surrogates,
    strip_invisible,
)

CASES = Path(__file__).resolve().parent / "cases"
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|n|t|\\)")


def _unescape(field: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        return {"n": "\n", "t": "\t", "\\": "\\"}.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(one, field)


def load_cases(name: str) -> list[pytest.ParameterSet]:
    """``cases/<name>.tsv`` rows as ``pytest.param(input, expected, id=note)``."""
    rows = []
    for n, line in enumerate((CASES / f"{name}.tsv").read_text("utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        given, expected, note = line.split("\t")
        rows.append(pytest.param(_unescape(given), _unescape(expected), id=f"{n}:{note}"))
    return rows


@pytest.mark.parametrize(("text", "expected"), load_cases("normalize"))
def test_normalize_cases(text: str, expected: str) -> None:
    assert normalize(text) == expected


INVISIBLES = {
    "ZWSP": "\u200b",
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "LRM": "\u200e",
    "RLM": "\u200f",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
    "WJ": "\u2060",
    "BOM": "\ufeff",
    "SHY": "\u00ad",
    "ALM": "\u061c",
    "VS16": "\ufe0f",
    "TAG": "\U000e0041",
}


@pytest.mark.parametrize("char", INVISIBLES.values(), ids=INVISIBLES.keys())
@pytest.mark.parametrize("word", ["Xuroson", "Хуросон", "خراسان"])
def test_invisible_characters_disappear(char: str, word: str) -> None:
    spoofed = word[:3] + char + word[3:]
    assert normalize(spoofed) == normalize(word)
    assert strip_invisible(spoofed) == word


@pytest.mark.parametrize("apostrophe", list(APOSTROPHES))
def test_uzbek_apostrophes_unified(apostrophe: str) -> None:
    assert normalize(f"O{apostrophe}zbekiston") == "o'zbekiston"


@pytest.mark.parametrize("control", [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))])
def test_controls_become_a_boundary(control: str) -> None:
    assert normalize(f"ISKP{control}Tajik") == "iskp tajik"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("İSTANBUL", "istanbul"), ("ılım", "ılım"), ("IRAK", "irak"), ("Straße", "strasse")],
)
def test_fold_case_turkish_choice(text: str, expected: str) -> None:
    assert fold_case(text) == expected


def test_replace_surrogates() -> None:
    assert replace_surrogates("a\udc80b\ud800") == "a\ufffdb\ufffd"
    assert replace_surrogates("Xuroson") == "Xuroson"


def test_collapse_whitespace_makes_one_line() -> None:
    assert collapse_whitespace(" a \n\n b\t\u00a0c\u2028d ") == "a b c d"
    assert normalize("Хуросон\r\n\r\nвилояти\u3000ovozi") == "хуросон вилояти ovozi"


def test_normalize_memo_does_not_change_results() -> None:
    text = "Хуросон вилояти ўзбек тилида"
    assert normalize(text) == normalize(text) == "хуросон вилояти ўзбек тилида"


def test_long_token_is_handled() -> None:
    token = "Хуросон" * 5000
    assert normalize(token) == token.lower()
