"""The knowledge pack loader as a pack author meets it: merging, and errors that name the file,
line and field to fix. Also: the built-in taxonomy is complete and the editor schemas agree
with what the loader accepts."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from propwatch.errors import KnowledgeError
from propwatch.knowledge import (
    LANGUAGES,
    MATCH_MODES,
    KnowledgePackError,
    builtin_dir,
    default_pack,
    load_pack,
    pack_stats,
)
from propwatch.knowledge import validate as v

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "knowledge"
BASE, USER = FIXTURES / "base", FIXTURES / "user"
BUILTIN = builtin_dir()
SCHEMAS = BUILTIN / "schema"

SPEC_LABELS = {
    "narrative": {
        "anti_shia",
        "antisemitic",
        "shia_jewish_conspiracy",
        "staged_iran_israel",
        "anti_taliban_apostasy",
        "palestine_aqsa_mobilisation",
        "anti_west_crusaders",
        "taghut_regimes",
        "takfir",
        "caliphate_legitimacy",
    },
    "behaviour": {
        "recruitment_hijra",
        "fundraising",
        "incitement_violence",
        "attack_claim",
        "martyrdom_glorification",
        "threats_places_groups",
        "dissemination",
    },
    "code": {"derogatory_code_word"},
}


# --------------------------------------------------------------------------- built-in


def test_builtin_taxonomy_has_exactly_the_spec_labels() -> None:
    pack = load_pack()
    by_group: dict[str, set[str]] = {}
    for label in pack.labels.values():
        by_group.setdefault(label.group, set()).add(label.id)
    assert by_group == SPEC_LABELS


def test_every_builtin_label_is_defined_and_illustrated() -> None:
    for label in load_pack().labels.values():
        assert len(label.definition) >= 120, label.id
        assert "NOT" in label.definition, f"{label.id}: say what is not in the label"
        assert 1 <= len(label.examples) <= 3, label.id
        for example in label.examples:
            assert example.text and example.source and example.language in LANGUAGES
        assert label.propaganda, label.id
        assert label.disarm is None or re.fullmatch(r"T\d{4}(\.\d{3})?", label.disarm)


def test_builtin_lexicons_validate() -> None:
    if not list((BUILTIN / "lexicon").glob("*.yaml")):
        pytest.skip("the built-in lexicon files (knowledge/lexicon/*.yaml) are not written yet")
    pack = load_pack()
    assert pack.terms and pack.cues
    assert {t.language for t in pack.terms} <= set(LANGUAGES)


def test_full_pack_loads_fast() -> None:
    load_pack()  # warm imports and the file cache
    start = time.perf_counter()
    load_pack()
    # a guard against a pathological slowdown (about 0.3 s here), loose enough for a busy CI
    # machine; how fast it loads is measured, not asserted
    assert time.perf_counter() - start < 5.0


def test_default_pack_is_loaded_once() -> None:
    assert default_pack() is default_pack()
    assert default_pack().sources == ("builtin",)


# --------------------------------------------------------------------------- merging


def test_fixture_pack_alone() -> None:
    pack = load_pack([BASE], builtin=False)
    assert list(pack.labels) == ["anti_shia", "antisemitic", "fundraising", "derogatory_code_word"]
    assert [t.id for t in pack.terms] == ["tg-rofizi", "tg-yahudiyon", "en-rafida"]
    rofizi = pack.terms[0]
    assert rofizi.forms == ("рофизӣ", "рофизиён", "rofizi")
    assert (rofizi.match, rofizi.kind, rofizi.weight) == ("stem", "code_word", 0.8)
    assert rofizi.origin.endswith("base/lexicon/tg.yaml:3")
    assert pack.terms[2].match == "word"  # the default
    assert [c.id for c in pack.cues] == ["tg-cue-report-tibqi", "en-cue-counter-propaganda"]
    assert pack.cues[1].weight == 1.0
    assert pack.sources == (str(BASE),)


def test_user_pack_overrides_in_place_and_adds() -> None:
    pack = load_pack([BASE, USER], builtin=False)
    assert list(pack.labels) == [
        "anti_shia",
        "antisemitic",
        "fundraising",
        "derogatory_code_word",
        "regional_threat",
    ]
    assert pack.labels["fundraising"].name == "Fundraising (local definition)"
    assert pack.labels["fundraising"].disarm is None  # the whole record is replaced
    assert pack.labels["regional_threat"].parent == "fundraising"
    ids = [t.id for t in pack.terms]
    assert ids == ["tg-rofizi", "tg-yahudiyon", "en-rafida", "tg-test-shior"]
    assert pack.terms[0].weight == 0.5 and "rofiziy" in pack.terms[0].variants
    assert "user/lexicon/tg.yaml" in pack.terms[0].origin
    assert [c.id for c in pack.cues] == [
        "tg-cue-report-tibqi",
        "en-cue-counter-propaganda",
        "tg-cue-counter-tabligot",
    ]
    assert pack.cues[0].forms == ("тибқи иттилои", "хабар медиҳад")
    assert pack.sources == (str(BASE), str(USER))


def test_user_pack_over_the_builtin_pack() -> None:
    builtin = load_pack()
    pack = load_pack([USER])
    assert pack.sources == ("builtin", str(USER))
    assert list(pack.labels)[: len(builtin.labels)] == list(builtin.labels)
    assert pack.labels["fundraising"].definition.startswith("Local analysts'")
    assert "regional_threat" in pack.labels
    assert {"tg-rofizi", "tg-test-shior"} <= {t.id for t in pack.terms}
    assert len(pack.terms) - len(builtin.terms) in (1, 2)  # tg-rofizi may override a built-in


def test_same_id_in_two_packs_overrides_but_in_one_pack_is_an_error(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {"lexicon/tg.yaml": TG_OK, "lexicon/tg-more.yaml": TG_OK})
    with pytest.raises(KnowledgeError) as caught:
        load_pack([BASE, pack], builtin=False)
    message = caught.value.message
    assert "tg-more.yaml:3: id 'tg-rofizi' is already used in this pack" in message
    assert "p/lexicon/tg.yaml:3" in message
    # the same file as its own pack is fine: an override of BASE
    single = write_pack(tmp_path / "q", {"lexicon/tg.yaml": TG_OK})
    assert load_pack([BASE, single], builtin=False).terms[0].weight == 0.8


# --------------------------------------------------------------------------- broken packs

TAXONOMY = """\
version: 1
labels:
  - id: anti_shia
    name: Anti-Shia
    group: narrative
    definition: Vilifies Shia Muslims.
  - id: derogatory_code_word
    name: Code word
    group: code
    definition: Slurs.
"""

TG_OK = """\
language: tg
entries:
  - id: tg-rofizi
    term: рофизӣ
    labels: [derogatory_code_word, anti_shia]
    weight: 0.8
    source: seed
"""


def entry(extra: str = "", *, drop: str = "", **changes: str) -> str:
    """A one-entry tg lexicon; ``changes`` replace field lines, ``extra`` adds lines."""
    fields = {
        "id": "tg-rofizi",
        "term": "рофизӣ",
        "labels": "[derogatory_code_word, anti_shia]",
        "weight": "0.8",
        "source": "seed",
    }
    fields.update(changes)
    lines = [f"    {k}: {val}" for k, val in fields.items() if k != drop]
    body = "\n".join(lines).replace("    ", "  - ", 1)
    return f"language: tg\nentries:\n{body}\n{extra}"


def write_pack(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


# (files of the pack, file that is named, line, words the message must contain)
BROKEN: dict[str, tuple[dict[str, str | bytes], str, int | None, list[str]]] = {
    "weight not a number": (
        {"lexicon/tg.yaml": entry(weight="high")},
        "lexicon/tg.yaml",
        6,
        ["entry 'tg-rofizi', field 'weight': must be a number between 0 and 1 (got 'high')"],
    ),
    "weight above 1": (
        {"lexicon/tg.yaml": entry(weight="1.5")},
        "lexicon/tg.yaml",
        6,
        ["field 'weight'", "(got 1.5)"],
    ),
    "weight is a boolean": (
        {"lexicon/tg.yaml": entry(weight="yes")},
        "lexicon/tg.yaml",
        6,
        ["field 'weight'", "(got true)"],
    ),
    "missing source": (
        {"lexicon/tg.yaml": entry(drop="source")},
        "lexicon/tg.yaml",
        3,
        ["entry 'tg-rofizi': missing required field 'source'"],
    ),
    "empty source": (
        {"lexicon/tg.yaml": entry(source='"  "')},
        "lexicon/tg.yaml",
        7,
        ["field 'source': must not be empty"],
    ),
    "unknown field with suggestion": (
        {"lexicon/tg.yaml": entry("    wieght: 0.3\n")},
        "lexicon/tg.yaml",
        8,
        ["unknown field 'wieght' (did you mean 'weight'?)"],
    ),
    "bad match mode": (
        {"lexicon/tg.yaml": entry(match="stems")},
        "lexicon/tg.yaml",
        8,
        ["field 'match': must be one of word, stem, exact (got 'stems') (did you mean 'stem'?)"],
    ),
    "bad kind": (
        {"lexicon/tg.yaml": entry(kind="slur")},
        "lexicon/tg.yaml",
        8,
        ["field 'kind'", "code_word"],
    ),
    "bad fp_risk": (
        {"lexicon/tg.yaml": entry(fp_risk="hgh", fp_note="x")},
        "lexicon/tg.yaml",
        8,
        ["field 'fp_risk'", "did you mean 'high'"],
    ),
    "fp_note missing for high risk": (
        {"lexicon/tg.yaml": entry(fp_risk="high")},
        "lexicon/tg.yaml",
        8,
        ["field 'fp_note': is required when fp_risk is high"],
    ),
    "fp_note empty for medium risk": (
        {"lexicon/tg.yaml": entry(fp_risk="medium", fp_note='""')},
        "lexicon/tg.yaml",
        9,
        ["field 'fp_note': is required when fp_risk is medium"],
    ),
    "empty variant": (
        {"lexicon/tg.yaml": entry(variants='[рофизиён, ""]')},
        "lexicon/tg.yaml",
        8,
        ["field 'variants': items must not be empty"],
    ),
    "variant repeated": (
        {"lexicon/tg.yaml": entry(variants="[rofizi, rofizi]")},
        "lexicon/tg.yaml",
        8,
        ["field 'variants'", "'rofizi' is listed twice"],
    ),
    "unquoted yes as a variant": (
        {"lexicon/tg.yaml": entry(variants="[rofizi, yes]")},
        "lexicon/tg.yaml",
        8,
        ["field 'variants': items must be text (got true", "quote it"],
    ),
    "no labels": (
        {"lexicon/tg.yaml": entry(labels="[]")},
        "lexicon/tg.yaml",
        5,
        ["field 'labels': must list at least one item"],
    ),
    "labels as a string": (
        {"lexicon/tg.yaml": entry(labels="anti_shia")},
        "lexicon/tg.yaml",
        5,
        ["field 'labels': must be a list"],
    ),
    "unknown label with suggestion": (
        {"lexicon/tg.yaml": entry(labels="[derogatory_code_word, anti_shiaa]")},
        "lexicon/tg.yaml",
        5,
        ["field 'labels': unknown label 'anti_shiaa' (did you mean 'anti_shia'?)"],
    ),
    "code word without its narrative": (
        {"lexicon/tg.yaml": entry(labels="[derogatory_code_word]")},
        "lexicon/tg.yaml",
        5,
        ["the code label 'derogatory_code_word' must be paired"],
    ),
    "id format": (
        {"lexicon/tg.yaml": entry(id="Rofizi")},
        "lexicon/tg.yaml",
        3,
        ["field 'id': must look like 'tg-<ascii-slug>'"],
    ),
    "id of another language": (
        {"lexicon/tg.yaml": entry(id="uz-rofizi")},
        "lexicon/tg.yaml",
        3,
        ["entry 'uz-rofizi', field 'id'"],
    ),
    "duplicate id in one file": (
        {"lexicon/tg.yaml": entry() + entry().split("entries:\n", 1)[1]},
        "lexicon/tg.yaml",
        8,
        ["id 'tg-rofizi' is already used in this pack", "lexicon/tg.yaml:3"],
    ),
    "unknown language": (
        {"lexicon/tg.yaml": entry().replace("language: tg", "language: tj")},
        "lexicon/tg.yaml",
        1,
        ["lexicon, field 'language': must be one of tg, uz", "(got 'tj')"],
    ),
    "language differs from file name": (
        {"lexicon/tg.yaml": TG_OK.replace("language: tg", "language: uz")},
        "lexicon/tg.yaml",
        1,
        ["field 'language': is 'uz' but the file is named 'tg'"],
    ),
    "stance cue with a bad stance": (
        {
            "lexicon/tg.yaml": TG_OK
            + "stance_cues:\n  - id: tg-cue-endorse-x\n    stance: endorsed\n    forms: [x]\n"
        },
        "lexicon/tg.yaml",
        10,
        ["stance cue 'tg-cue-endorse-x', field 'stance'", "did you mean 'endorse'"],
    ),
    "stance cue id not matching its stance": (
        {
            "lexicon/tg.yaml": TG_OK
            + "stance_cues:\n  - id: tg-cue-report-x\n    stance: counter\n    forms: [x]\n"
        },
        "lexicon/tg.yaml",
        9,
        ["field 'id': must look like 'tg-cue-counter-<ascii-slug>'"],
    ),
    "stance cue without forms": (
        {
            "lexicon/tg.yaml": TG_OK
            + "stance_cues:\n  - id: tg-cue-report-x\n    stance: report\n    forms: []\n"
        },
        "lexicon/tg.yaml",
        11,
        ["stance cue 'tg-cue-report-x', field 'forms': must list at least one item"],
    ),
    "YAML syntax error": (
        {"lexicon/tg.yaml": TG_OK + "  - id: [unclosed\n"},
        "lexicon/tg.yaml",
        9,
        ["YAML syntax error"],
    ),
    "duplicate key": (
        {"lexicon/tg.yaml": TG_OK + "    weight: 0.3\n"},
        "lexicon/tg.yaml",
        8,
        ["field 'weight' appears twice (first at line 6)"],
    ),
    "empty file": ({"lexicon/tg.yaml": "# nothing yet\n"}, "lexicon/tg.yaml", None, ["empty"]),
    "list at the top": (
        {"lexicon/tg.yaml": "- id: tg-rofizi\n"},
        "lexicon/tg.yaml",
        1,
        ["must be a mapping with 'language' at the top (got a list)"],
    ),
    "neither entries nor cues": (
        {"lexicon/tg.yaml": "language: tg\n"},
        "lexicon/tg.yaml",
        1,
        ["neither 'entries' nor 'stance_cues'"],
    ),
    "not UTF-8": (
        {"lexicon/tg.yaml": TG_OK.encode("utf-8") + "  # рофизи\n".encode("cp1251")},
        "lexicon/tg.yaml",
        8,
        ["not UTF-8"],
    ),
    "label group": (
        {"taxonomy.yaml": TAXONOMY.replace("group: code", "group: codes")},
        "taxonomy.yaml",
        9,
        ["label 'derogatory_code_word', field 'group'", "did you mean 'code'"],
    ),
    "label without definition": (
        {"taxonomy.yaml": TAXONOMY.replace("    definition: Slurs.\n", "")},
        "taxonomy.yaml",
        7,
        ["label 'derogatory_code_word': missing required field 'definition'"],
    ),
    "label id not snake_case": (
        {"taxonomy.yaml": TAXONOMY.replace("id: anti_shia", "id: Anti-Shia")},
        "taxonomy.yaml",
        3,
        ["label 'Anti-Shia', field 'id': must be snake_case"],
    ),
    "duplicate label id": (
        {"taxonomy.yaml": TAXONOMY + TAXONOMY.split("labels:\n", 1)[1]},
        "taxonomy.yaml",
        11,
        ["label 'anti_shia': duplicate id (first defined at line 3)"],
    ),
    "bad DISARM id": (
        {"taxonomy.yaml": TAXONOMY.replace("group: code", "group: code\n    disarm: T22")},
        "taxonomy.yaml",
        10,
        ["field 'disarm': must be a DISARM technique id"],
    ),
    "unknown parent": (
        {"taxonomy.yaml": TAXONOMY.replace("group: code", "group: code\n    parent: anti_shi")},
        "taxonomy.yaml",
        10,
        ["field 'parent': unknown label 'anti_shi' (did you mean 'anti_shia'?)"],
    ),
    "parent loop": (
        {
            "taxonomy.yaml": TAXONOMY.replace(
                "group: narrative", "group: narrative\n    parent: derogatory_code_word"
            ).replace("group: code", "group: code\n    parent: anti_shia")
        },
        "taxonomy.yaml",
        6,
        ["parents form a loop"],
    ),
    "example without source": (
        {"taxonomy.yaml": TAXONOMY + "    examples:\n      - text: a quote\n"},
        "taxonomy.yaml",
        12,
        ["label 'derogatory_code_word', example #1: missing required field 'source'"],
    ),
    "taxonomy version": (
        {"taxonomy.yaml": TAXONOMY.replace("version: 1", "version: 2")},
        "taxonomy.yaml",
        1,
        ["field 'version': must be 1"],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_pack_names_file_line_and_field(case: str, tmp_path: Path) -> None:
    files, named, line, words = BROKEN[case]
    files = {"taxonomy.yaml": TAXONOMY, **files}
    root = write_pack(tmp_path / "pack", files)
    with pytest.raises(KnowledgeError) as caught:
        load_pack([root], builtin=False)
    error = caught.value
    assert error.code == "PW400"
    where = f"{root}/{named}" + (f":{line}:" if line else ":")
    assert where in error.message, error.message
    for word in words:
        assert word in error.message, error.message
    assert isinstance(error, KnowledgePackError)
    assert any(p.path == f"{root}/{named}" and p.line == line for p in error.problems)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_pack([tmp_path / "nope"])
    assert "nope: the knowledge directory does not exist" in caught.value.message
    assert "--knowledge" in caught.value.hint


def test_directory_without_pack_files(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", {"notes.txt": "hello"})
    with pytest.raises(KnowledgeError, match="holds no pack files"):
        load_pack([root])


def test_lexicon_outside_lexicon_dir(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", {"taxonomy.yaml": TAXONOMY, "tg.yaml": TG_OK})
    with pytest.raises(KnowledgeError, match=r"pack/tg\.yaml: is not a pack file: move it to lex"):
        load_pack([root], builtin=False)


def test_a_file_is_not_a_pack(tmp_path: Path) -> None:
    path = write_pack(tmp_path, {"tg.yaml": TG_OK}) / "tg.yaml"
    with pytest.raises(KnowledgeError, match="is a file, not a directory"):
        load_pack([path])


def test_every_problem_of_a_file_in_one_message(tmp_path: Path) -> None:
    bad = entry(weight="high", match="stems", source='""')
    root = write_pack(tmp_path / "pack", {"taxonomy.yaml": TAXONOMY, "lexicon/tg.yaml": bad})
    with pytest.raises(KnowledgePackError) as caught:
        load_pack([root], builtin=False)
    lines = caught.value.message.splitlines()
    assert lines[0] == "the knowledge pack has 3 problems:"
    assert [p.line for p in caught.value.problems] == [6, 7, 8]


def test_problem_list_is_capped(tmp_path: Path) -> None:
    entries = "".join(
        f"  - id: tg-t{i}\n    term: t{i}\n    labels: [anti_shia]\n    weight: 2\n    source: s\n"
        for i in range(30)
    )
    root = write_pack(
        tmp_path / "pack",
        {"taxonomy.yaml": TAXONOMY, "lexicon/tg.yaml": f"language: tg\nentries:\n{entries}"},
    )
    with pytest.raises(KnowledgePackError) as caught:
        load_pack([root], builtin=False)
    assert len(caught.value.problems) == 30
    lines = caught.value.message.splitlines()
    assert len(lines) == 1 + v.MAX_PROBLEMS + 1 and lines[-1] == "  ... and 10 more"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!python/object/apply:os.getcwd []", "unsupported YAML tag"),
        ("!!python/name:os.getcwd ''", "unsupported YAML value"),
    ],
)
def test_python_tags_are_refused(value: str, message: str, tmp_path: Path) -> None:
    evil = TG_OK.replace("source: seed", f"source: {value}")
    root = write_pack(tmp_path / "pack", {"taxonomy.yaml": TAXONOMY, "lexicon/tg.yaml": evil})
    with pytest.raises(KnowledgeError, match=rf"tg\.yaml:7: {message}"):
        load_pack([root], builtin=False)


# --------------------------------------------------------------------------- stats


def test_pack_stats_counts() -> None:
    stats = pack_stats(load_pack([BASE, USER], builtin=False))
    assert stats["totals"] == {"labels": 5, "terms": 4, "forms": 10, "cues": 3, "languages": 2}
    assert stats["terms_per_language"]["tg"] == 3 and stats["terms_per_language"]["ar"] == 0
    assert list(stats["terms_per_language"]) == list(LANGUAGES)
    assert stats["terms_per_label"]["anti_shia"] == 2
    assert stats["terms_per_label"]["fundraising"] == 0
    assert stats["terms_per_language_label"]["tg"]["regional_threat"] == 1
    assert stats["terms_per_language_label"]["en"]["derogatory_code_word"] == 1
    assert stats["cues_per_language_stance"]["tg"] == {"report": 1, "counter": 1, "endorse": 0}
    assert stats["fp_risk_per_language"]["tg"] == {"low": 2, "medium": 0, "high": 1}
    assert stats["labels_per_group"] == {"narrative": 2, "behaviour": 2, "code": 1}
    json.dumps(stats)  # JSON-ready


# --------------------------------------------------------------------------- schemas


def schema(name: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return value


def resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**root["$defs"][node["$ref"].rsplit("/", 1)[1]], **node}
        del node["$ref"]
    return node


RECORDS: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "TAXONOMY_FIELDS": ("taxonomy", lambda s: s),
    "LABEL_FIELDS": ("taxonomy", lambda s: s["$defs"]["label"]),
    "EXAMPLE_FIELDS": ("taxonomy", lambda s: s["$defs"]["example"]),
    "LEXICON_FIELDS": ("lexicon", lambda s: s),
    "ENTRY_FIELDS": ("lexicon", lambda s: s["$defs"]["entry"]),
    "CUE_FIELDS": ("lexicon", lambda s: s["$defs"]["cue"]),
}


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_schema_fields_match_the_loader(record: str) -> None:
    name, pick = RECORDS[record]
    node = pick(schema(name))
    accepted: dict[str, bool] = getattr(v, record)
    assert set(node["properties"]) == set(accepted)
    assert set(node["required"]) == {field for field, required in accepted.items() if required}
    assert node["additionalProperties"] is False


ENUMS = [
    ("lexicon", lambda s: s["properties"]["language"], LANGUAGES),
    ("lexicon", lambda s: s["$defs"]["match"], MATCH_MODES),
    ("lexicon", lambda s: s["$defs"]["entry"]["properties"]["kind"], v.KINDS),
    ("lexicon", lambda s: s["$defs"]["entry"]["properties"]["fp_risk"], v.FP_RISKS),
    ("lexicon", lambda s: s["$defs"]["entry"]["properties"]["script"], v.SCRIPTS),
    ("lexicon", lambda s: s["$defs"]["cue"]["properties"]["stance"], v.CUE_STANCES),
    ("taxonomy", lambda s: s["$defs"]["label"]["properties"]["group"], v.GROUPS),
    ("taxonomy", lambda s: s["$defs"]["example"]["properties"]["language"], LANGUAGES),
]


@pytest.mark.parametrize(("name", "pick", "values"), ENUMS)
def test_schema_enums_match_the_loader(
    name: str, pick: Callable[[dict[str, Any]], dict[str, Any]], values: tuple[str, ...]
) -> None:
    assert tuple(pick(schema(name))["enum"]) == tuple(values)


# A validator for exactly the JSON Schema keywords the two schemas use (jsonschema is not a
# dependency); test_schemas_use_only_known_keywords keeps the two in step.
KEYWORDS = {
    "$schema", "title", "description", "$defs", "$ref", "type", "properties", "required",
    "additionalProperties", "enum", "const", "pattern", "minimum", "maximum", "minItems",
    "items", "uniqueItems", "anyOf", "if", "then",
}  # fmt: skip
TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "number": lambda x: isinstance(x, int | float) and not isinstance(x, bool),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
}


def errors(root: dict[str, Any], node: dict[str, Any], value: Any, where: str) -> list[str]:
    node = resolve(root, node)
    out: list[str] = []
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not any(TYPES[t](value) for t in types):
            return [f"{where}: not {types}"]
    if "enum" in node and value not in node["enum"]:
        out.append(f"{where}: {value!r} not in enum")
    if "const" in node and value != node["const"]:
        out.append(f"{where}: != {node['const']!r}")
    if isinstance(value, str) and "pattern" in node and not re.search(node["pattern"], value):
        out.append(f"{where}: {value!r} does not match {node['pattern']}")
    if TYPES["number"](value) and not node.get("minimum", value) <= value <= node.get(
        "maximum", value
    ):
        out.append(f"{where}: {value} out of range")
    if isinstance(value, list):
        if len(value) < node.get("minItems", 0):
            out.append(f"{where}: too few items")
        if node.get("uniqueItems") and len(set(map(repr, value))) != len(value):
            out.append(f"{where}: repeated items")
        for i, item in enumerate(value):
            out += errors(root, node.get("items", {}), item, f"{where}[{i}]")
    if isinstance(value, dict):
        out += [f"{where}: missing {k}" for k in node.get("required", []) if k not in value]
        props = node.get("properties", {})
        for key, item in value.items():
            if key in props:
                out += errors(root, props[key], item, f"{where}.{key}")
            elif node.get("additionalProperties") is False:
                out.append(f"{where}: unknown {key}")
    if "anyOf" in node and all(errors(root, alt, value, where) for alt in node["anyOf"]):
        out.append(f"{where}: matches none of anyOf")
    if "if" in node and not errors(root, node["if"], value, where):
        out += errors(root, node["then"], value, where)
    return out


def test_schemas_use_only_known_keywords() -> None:
    def walk(node: Any) -> set[str]:
        if isinstance(node, list):
            return set().union(*map(walk, node)) if node else set()
        if not isinstance(node, dict):
            return set()
        found = set(node)
        for key, value in node.items():
            if key in ("properties", "$defs"):
                found |= set().union(*map(walk, value.values()))
            elif key not in ("enum", "const", "required"):
                found |= walk(value)
        return found

    for name in ("lexicon", "taxonomy"):
        assert walk(schema(name)) <= KEYWORDS


def pack_files() -> list[Path]:
    dirs = [BUILTIN, BASE, USER]
    return [p for d in dirs for p in [d / "taxonomy.yaml", *sorted(d.glob("lexicon/*.yaml"))]]


@pytest.mark.parametrize("path", [p for p in pack_files() if p.exists()], ids=str)
def test_pack_files_conform_to_the_schemas(path: Path) -> None:
    root = schema("taxonomy" if path.name == "taxonomy.yaml" else "lexicon")
    data = yaml.safe_load(path.read_text("utf-8"))
    assert errors(root, root, data, path.name) == []


@pytest.mark.parametrize("case", ["weight not a number", "unknown field with suggestion"])
def test_schema_rejects_what_the_loader_rejects(case: str) -> None:
    data = yaml.safe_load(str(BROKEN[case][0]["lexicon/tg.yaml"]))
    assert errors(schema("lexicon"), schema("lexicon"), data, "tg") != []
