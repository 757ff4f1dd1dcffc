"""The built-in gazetteer's Russian case forms are computed ahead, so that building the
Russian matcher does not load natasha's morphology in every analysis worker."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

from propwatch.extract import patterns_ru

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_table_matches_the_gazetteer() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "build_ru_case_forms.py"))
    committed = (ROOT / "src" / "propwatch" / "knowledge" / patterns_ru.CASE_TABLE).read_text(
        encoding="utf-8"
    )
    assert script["build"]() == committed, "run: python scripts/build_ru_case_forms.py"


def test_russian_gazetteer_matches_declined_names_without_loading_natasha() -> None:
    code = (
        "import sys\n"
        "from propwatch.extract.extractor import default_extractor\n"
        "found = default_extractor().extract('Ответственность взяло на себя командование "
        "Исламского государства.', 'ru')\n"
        "print(sorted({e.gazetteer_id for e in found.entities if e.gazetteer_id}))\n"
        "print('natasha' in sys.modules, 'pymorphy2' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert "'islamic_state'" in out[0], out
    assert out[1] == "False False"


def test_a_form_the_table_lacks_is_inflected_on_the_spot() -> None:
    assert "Новой Бригады" in patterns_ru.case_forms("Новая Бригада")
    assert patterns_ru.case_forms("Исламское государство") == patterns_ru.inflect_case_forms(
        "Исламское государство"
    )
    assert patterns_ru.case_forms("Кабул") == []
