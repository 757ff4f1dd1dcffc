"""Tajik, Uzbek and Kyrgyz Cyrillic as typed on a Russian keyboard.

Many people write these languages online with a Russian layout, leaving out the letters it
lacks: ``Чиход`` for ``Ҷиҳод``, ``хичрат`` for ``ҳиҷрат``, ``Узбекистон`` for ``Ўзбекистон``,
``жаны`` for ``жаңы``. :func:`russian_keyboard` writes a word that way. It is applied one way
only, to what propwatch looks for (lexicon terms, search words), never to the stored text:
folding the text itself would also merge distinct words (Tajik ``ҳар`` "every" and ``хар``
"donkey").
"""

from __future__ import annotations

__all__ = ["RUSSIAN_KEYBOARD", "russian_keyboard"]

#: The letter, and what a Russian keyboard types for it.
RUSSIAN_KEYBOARD: dict[str, str] = {
    "ҷ": "ч", "ҳ": "х", "қ": "к", "ғ": "г", "ӣ": "и", "ӯ": "у",  # Tajik (and Uzbek ҳ қ ғ)
    "ў": "у",  # Uzbek
    "ө": "о", "ү": "у", "ң": "н",  # Kyrgyz
}  # fmt: skip
_TABLE = str.maketrans(
    {**RUSSIAN_KEYBOARD, **{k.upper(): v.upper() for k, v in RUSSIAN_KEYBOARD.items()}}
)


def russian_keyboard(text: str) -> str | None:
    """``text`` as typed on a Russian keyboard, or None when that is the same text.

    >>> russian_keyboard("Ҷиҳод"), russian_keyboard("Хуросон")
    ('Чиход', None)
    """
    folded = text.translate(_TABLE)
    return folded if folded != text else None
