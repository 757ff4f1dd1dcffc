"""Text normalization for nine languages in four scripts, and the cross-script match key.

* :func:`normalize`: the search/analysis form (NFKC, invisibles, apostrophes, Arabic-script
  folding, case folding, homoglyphs, whitespace). Never raises; idempotent.
* :func:`match_key`: the token-wise key over which the full-text index is built; Cyrillic and
  Latin spellings of Uzbek, Tajik, Kyrgyz and Russian words meet (``Хуросон`` == ``Xuroson``).
* :func:`detect_script` / :func:`script_profile`: ISO 15924 code of the dominant script.
* :func:`fold_homoglyphs`, :func:`fold_arabic`: the individual folding steps.

Language identification (``identify``) lives in :mod:`propwatch.normalize.langid`.
"""

from __future__ import annotations

from propwatch.normalize.arabic import fold_arabic
from propwatch.normalize.homoglyph import fold_homoglyphs
from propwatch.normalize.langid import LangGuess, identify, identify_many
from propwatch.normalize.pipeline import NormalizedText, match_key, normalize, prepare
from propwatch.normalize.script import detect_script, script_profile

__all__ = [
    "LangGuess",
    "NormalizedText",
    "detect_script",
    "fold_arabic",
    "fold_homoglyphs",
    "identify",
    "identify_many",
    "match_key",
    "normalize",
    "prepare",
    "script_profile",
]
