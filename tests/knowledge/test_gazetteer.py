"""The gazetteer as its users meet it: the built-in names extraction finds (in every script,
without ordinary words), user packs that add or redefine entries, and errors that name the
file and line to fix, also for loops that must never hang the loader."""

from __future__ import annotations

import json
import shutil
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from tests.knowledge.test_loader import errors as schema_errors

from propwatch.cli.knowledge_cmd import knowledge_group
from propwatch.errors import KnowledgeError
from propwatch.knowledge import builtin_dir, load_pack, pack_stats
from propwatch.knowledge import gazetteer as gz
from propwatch.knowledge.gazetteer import (
    ALIAS_LANGUAGES,
    default_gazetteer,
    gazetteer_stats,
    load_gazetteer,
)
from propwatch.knowledge.gazetteer_model import (
    ENTRY_TYPES,
    GAZ_RELATION_TYPES,
    PLACE_KINDS,
    Gazetteer,
)
from propwatch.knowledge.validate import KnowledgePackError
from propwatch.normalize import match_key

GAZ_DIR = builtin_dir() / "gazetteer"
SCHEMA: dict[str, Any] = json.loads(
    (builtin_dir() / "schema" / "gazetteer.schema.json").read_text("utf-8")
)
OWN_FILES = ("organizations.yaml", "media.yaml", "persons.yaml")
USER_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "knowledge" / "user"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "gazetteer" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def problems_of(*dirs: Path, builtin: bool = False) -> list[str]:
    with pytest.raises(KnowledgePackError) as info:
        load_gazetteer(dirs, builtin=builtin)
    assert info.value.code == "PW400"
    return [str(p) for p in info.value.problems]


def lookup(g: Gazetteer, *, places: bool = True, ambiguous: bool = True) -> dict[str, set[str]]:
    """Cross-script match key -> entry ids, as extraction compares forms."""
    out: dict[str, set[str]] = defaultdict(set)
    for entry in g.entries.values():
        if (entry.type == "place" and not places) or (entry.ambiguous and not ambiguous):
            continue
        for _, form in entry.all_aliases():
            out[match_key(form)].add(entry.id)
    return out


# --------------------------------------------------------------------------- built-in data


def test_builtin_gazetteer_is_large_and_typed() -> None:
    g = load_gazetteer()
    stats = gazetteer_stats(g)
    own = {t: n for t, n in stats["entries_per_type"].items() if t != "place"}
    assert sum(own.values()) >= 130, own
    assert own["organization"] >= 60 and own["media_outlet"] >= 60 and own["person"] >= 50
    assert own["publication"] >= 12 and own["channel"] >= 3
    assert g.sources == ("builtin",)


def test_every_builtin_entry_is_sourced_and_well_formed() -> None:
    for entry in load_gazetteer().entries.values():
        assert entry.source, entry.id
        assert entry.type in ENTRY_TYPES
        if entry.type == "place":
            assert entry.kind in PLACE_KINDS, entry.id
        if entry.kind == "state_body":
            assert len(entry.country) == 2, entry.id
        if entry.type in ("organization", "media_outlet", "publication", "channel"):
            assert entry.kind, f"{entry.id}: give a kind"
        assert set(entry.attributes) <= {"kunya", "language", "founded", "wikidata", "handle"}


def test_builtin_relations_link_groups_outlets_publications_people() -> None:
    g = default_gazetteer()
    assert g.entries["iskp"].related("wing_of") == ("islamic_state",)
    chain = [e.id for e in g.ancestors("al_azaim_tajiki", "outlet_of")]
    assert chain == ["al_azaim", "iskp"]
    assert [e.id for e in g.ancestors("voice_of_khurasan", "publication_of")] == ["al_azaim"]
    assert [e.id for e in g.ancestors("islamic_state", "successor_of")] == [
        "islamic_state_of_iraq",
        "al_qaeda_in_iraq",
    ]
    assert g.entries["hts"].related("successor_of") == ("jabhat_al_nusra",)
    assert g.entries["khurasan_ghag"].attributes["language"] == "ps"
    baghdadi = g.get("abu_bakr_al_baghdadi")
    assert baghdadi is not None and baghdadi.attributes["kunya"] == "Abu Bakr"
    assert baghdadi.related("member_of") == ("islamic_state",)
    assert set(g.entries["sirajuddin_haqqani"].related("member_of")) == {
        "taliban",
        "haqqani_network",
    }
    for entry in g.by_type("person"):
        for rel in entry.relations:
            assert rel.type == "member_of", entry.id


def test_state_bodies_find_their_country_when_places_are_loaded() -> None:
    g = default_gazetteer()
    if g.get("ir") is None:
        pytest.skip("places.yaml not present")
    country = g.country_of("irgc")
    assert country is not None and country.id == "ir"


@pytest.mark.parametrize(
    ("form", "entry_id"),
    [
        ("ИГИЛ", "islamic_state"),
        ("داعش", "islamic_state"),
        ("ДИИШ", "islamic_state"),
        ("IShID", "islamic_state"),
        ("ИШИД", "islamic_state"),
        ("DEAŞ", "islamic_state"),
        ("ISIS-K", "iskp"),
        ("Вилояти Хуросон", "iskp"),
        ("ولاية خراسان", "iskp"),
        ("الدولة الإسلامية ولاية خراسان", "iskp"),
        ("دولت اسلامی ولایت خراسان", "iskp"),
        ("Mastung", "pk_mastung"),
        ("وكالة أعماق", "amaq"),
        ("Amaq", "amaq"),
        ("Ал-Азоим", "al_azaim"),
        ("Хуросон Овози", "xuroson_ovozi"),
        ("صوت خراسان", "voice_of_khurasan"),
        ("Голос Хорасана", "voice_of_khurasan"),
        ("د خراسان غږ", "khurasan_ghag"),
        ("تسنیم", "tasnim"),
        ("Тасним", "tasnim"),
        ("ایرنا", "irna"),
        ("إرنا", "irna"),
        ("ИРНА", "irna"),
        ("صدا و سیما", "irib"),
        ("التلفزيون الرسمي الإيراني", "irib"),
        ("Ozodlik radiosi", "radio_ozodlik"),
        ("Радиои Озодӣ", "radio_ozodi"),
        ("ТАСС", "tass"),
        ("Рейтер", "reuters"),
        ("Толибон", "taliban"),
        ("امارت اسلامی افغانستان", "taliban"),
        ("КСИР", "irgc"),
        ("ФСБ", "fsb"),
        ("Следственный комитет России", "investigative_committee_russia"),
        ("ГКНБ Таджикистана", "gknb_tajikistan"),
        ("Davlat xavfsizlik xizmati", "sgb_uzbekistan"),
        ("ОДКБ", "csto"),
        ("Абу Бакр аль-Багдади", "abu_bakr_al_baghdadi"),
        ("أبو بكر البغدادي", "abu_bakr_al_baghdadi"),
        ("Sanaullah Ghafari", "shahab_al_muhajir"),
        ("Ҳибатуллоҳ Охундзода", "hibatullah_akhundzada"),
        ("هبت‌الله آخوندزاده", "hibatullah_akhundzada"),
        ("Эмомалӣ Раҳмон", "emomali_rahmon"),
        ("Шавкат Мирзиёев", "shavkat_mirziyoyev"),
        ("Erdoğan", "recep_tayyip_erdogan"),
        ("Abu Mohammad al-Julani", "ahmed_al_sharaa"),
        ("Ahmet eş-Şara", "ahmed_al_sharaa"),
        ("Ооганстан", "af"),
        ("طالبان پاکستان", "ttp"),
        ("Provinz Nadschd", "is_najd"),
        ("Nations unies", "united_nations"),
        ("KUNA", "kuna"),
        ("وكالة الأنباء السعودية", "saudi_press_agency"),
        ("Beşar Esad", "bashar_al_assad"),
    ],
)
def test_builtin_forms_name_the_right_entry(form: str, entry_id: str) -> None:
    assert lookup(default_gazetteer())[match_key(form)] == {entry_id}


@pytest.mark.parametrize(
    "word",
    [
        "القاعدة",  # "the base"
        "أعماق",  # "depths"
        "العربية",  # "Arabic"
        "العالم",  # "the world"
        "الشباب",  # "the youth"
        "مهر",  # a month, "love"
        "فارس",  # "knight" (the province is a place entry)
        "سپاه",  # "corps"
        "Ozodi",  # Tajik "freedom" (the key of озодӣ)
        "Азаттык",  # Kyrgyz "freedom"
        "спутник",  # "satellite"
        "база",  # "base"
        "НДС",  # Russian VAT
        "тип",  # Russian "type" (TIP)
        "let",  # LeT
        "Ansarullah",  # both the Houthis and Jamaat Ansarullah
        "ГКНБ",  # Tajik and Kyrgyz committees alike
        "Khalid",
        "Azan",
    ],
)
def test_ordinary_words_are_not_aliases(word: str) -> None:
    """Not an alias of any entry that counts alone (``ambiguous`` ones need context)."""
    assert match_key(word) not in lookup(default_gazetteer(), places=False, ambiguous=False)


def test_no_form_names_two_entries() -> None:
    """An alias that names two entries would attach mentions at random."""
    clashes = {
        key: ids
        for key, ids in lookup(default_gazetteer()).items()
        if len(ids) > 1 and any(default_gazetteer().entries[i].type != "place" for i in ids)
    }
    assert clashes == {}


def _scripts(form: str) -> set[str]:
    return {unicodedata.name(ch, "?").split()[0] for ch in form if ch.isalpha()}


def test_aliases_are_filed_under_their_script() -> None:
    tajik_only, kyrgyz_only, russian_only = set("ӣҳқғӯҷ"), set("үөң"), set("ыщ")
    for entry in default_gazetteer().entries.values():
        for lang, form in entry.all_aliases():
            scripts = _scripts(form)
            where = f"{entry.id} {lang} {form!r}"
            if lang in ("ru", "tg", "ky"):
                assert "CYRILLIC" in scripts, where
            if lang in ("fa", "prs", "ps", "ar"):
                assert scripts == {"ARABIC"}, where
            if lang in ("en", "tr"):
                assert scripts <= {"LATIN"}, where
            if lang == "uz":
                assert scripts in ({"LATIN"}, {"CYRILLIC"}), where
            low = set(form.lower())
            if lang == "ru":
                assert not low & (tajik_only | kyrgyz_only | {"ў"}), where
            if lang == "tg":
                assert not low & (kyrgyz_only | russian_only | {"ў"}), where
            if lang == "uz":
                assert not low & (kyrgyz_only | russian_only | {"ӣ", "ҷ"}), where


def test_own_files_hold_names_not_events() -> None:
    banned = (
        "killed", "casualt", "wounded", "attack on", "attacked by", "bombing of", "погиб",
        "убит",
    )  # fmt: skip
    for name in (*OWN_FILES, "places.yaml"):
        lines = (GAZ_DIR / name).read_text("utf-8").lower().splitlines()
        text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
        for word in banned:
            assert word not in text, f"{name}: {word!r}"


def test_uzbek_names_come_in_both_scripts() -> None:
    g = default_gazetteer()
    for entry in g.entries.values():
        uz = entry.aliases.get("uz", ())
        if entry.type == "place" or len(uz) < 2:
            continue
        scripts = {frozenset(_scripts(form)) for form in uz}
        assert len(scripts) == 2, f"{entry.id}: Uzbek only in one script: {uz}"


def test_default_gazetteer_is_cached_and_fast() -> None:
    assert default_gazetteer() is default_gazetteer()
    start = time.perf_counter()
    load_gazetteer()
    # a guard against a pathological slowdown (under 1 s here), loose enough for a busy CI
    # machine
    assert time.perf_counter() - start < 6.0


# --------------------------------------------------------------------------- user packs

BASE_ENTRIES = """\
entries:
  - id: group_a
    type: organization
    kind: group
    name: Group A
    aliases: {ru: [Группа А]}
    source: test
  - id: wing_a
    type: organization
    kind: wing
    name: Wing A
    relations:
      - {type: wing_of, target: group_a}
    source: test
  - id: outlet_a
    type: media_outlet
    kind: jihadist_outlet
    name: Outlet A
    relations:
      - {type: outlet_of, target: wing_a}
    source: test
"""


def test_user_pack_replaces_appends_and_adds_aliases(tmp_path: Path) -> None:
    base = write(tmp_path / "base", {"a.yaml": BASE_ENTRIES})
    user = write(
        tmp_path / "user",
        {
            "u.yaml": """\
entries:
  - id: wing_a                       # same id: replaces the whole entry
    type: organization
    kind: wing
    name: Wing A (renamed)
    source: user
  - id: person_b                     # new id: appended
    type: person
    name: Person B
    relations:
      - {type: member_of, target: alias_of_group}   # a same_as id resolves to its target
    attributes: {kunya: Abu B}
    source: user
  - id: alias_of_group
    same_as: alias_two
    aliases: {tg: [Гурӯҳи А]}
    source: user
  - id: alias_two
    same_as: group_a                 # a chain: alias_of_group -> alias_two -> group_a
    name: Group A Legacy
    aliases: {uz: [A guruhi, А гуруҳи], ru: [Группа А]}
    source: user
"""
        },
    )
    g = load_gazetteer([base, user], builtin=False)
    assert list(g.entries) == ["group_a", "wing_a", "outlet_a", "person_b"]
    assert g.sources == (str(base), str(user))
    assert g.entries["wing_a"].name == "Wing A (renamed)"
    assert g.entries["wing_a"].relations == ()  # replaced whole, not merged field by field
    assert g.entries["wing_a"].pack == str(user)
    group = g.entries["group_a"]
    assert group.aliases == {
        "ru": ("Группа А",),
        "tg": ("Гурӯҳи А",),
        "uz": ("A guruhi", "А гуруҳи"),
        "en": ("Group A Legacy",),
    }
    assert group.pack == str(base)
    assert g.entries["person_b"].related("member_of") == ("group_a",)
    assert "alias_of_group" not in g.entries and "alias_two" not in g.entries


def test_same_as_adds_to_a_builtin_entry(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        {
            "local.yml": """\
version: 1
entries:
  - id: iskp_local_names
    same_as: iskp
    aliases: {tg: [Давлати исломии Хуросон]}
    source: "analyst notes"
"""
        },
    )
    g = load_gazetteer([user])
    iskp = g.get("iskp")
    assert iskp is not None and "Давлати исломии Хуросон" in iskp.aliases["tg"]
    assert "Вилояти Хуросон" in iskp.aliases["tg"]  # built-in forms kept
    assert len(g) == len(default_gazetteer())


def test_only_in_limits_a_form_to_some_languages(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        {
            "g.yaml": """\
entries:
  - id: town_x
    type: place
    kind: city
    name: Xtown
    aliases: {en: [Kech Town]}
    only_in: {Kech Town: [en]}
    source: s
  - id: bannu_local
    same_as: pk_bannu
    aliases: {prs: [بنون]}
    only_in: {بنون: [prs]}
    source: s
"""
        },
    )
    g = load_gazetteer([user])
    town = g.entries["town_x"]
    assert town.allowed_in("Kech Town", "en") and not town.allowed_in("Kech Town", "uz")
    assert town.allowed_in("Xtown", "uz")  # a form not listed counts everywhere
    bannu = g.entries["pk_bannu"]  # built-in only_in kept, the user's added
    assert bannu.allowed_in("بنو", "ps") and not bannu.allowed_in("بنو", "ar")
    assert bannu.allowed_in("بنون", "prs") and not bannu.allowed_in("بنون", "fa")
    islamic_state = g.entries["islamic_state"]
    assert islamic_state.allowed_in("IS", "de") and not islamic_state.allowed_in("IS", "en")


def test_a_pack_without_a_gazetteer_adds_nothing() -> None:
    assert len(load_gazetteer([USER_FIXTURE])) == len(default_gazetteer())


def test_long_same_as_chain_resolves_quickly(tmp_path: Path) -> None:
    lines = ["entries:", "  - {id: root, type: person, name: Root, source: s}"]
    lines.append("  - {id: n0, same_as: root, aliases: {en: [form 0]}, source: s}")
    lines += [
        f"  - {{id: n{i}, same_as: n{i - 1}, aliases: {{en: [form {i}]}}, source: s}}"
        for i in range(1, 3000)
    ]
    user = write(tmp_path, {"chain.yaml": "\n".join(lines) + "\n"})
    start = time.perf_counter()
    g = load_gazetteer([user], builtin=False)
    assert time.perf_counter() - start < 5.0
    assert list(g.entries) == ["root"] and len(g.entries["root"].aliases["en"]) == 3000


# --------------------------------------------------------------------------- loops


def test_a_200_entry_same_as_loop_is_reported_not_followed(tmp_path: Path) -> None:
    lines = ["entries:"]
    lines += [
        f"  - {{id: e{i}, same_as: e{(i + 1) % 200}, aliases: {{en: [name {i}]}}, source: s}}"
        for i in range(200)
    ]
    user = write(tmp_path, {"loop.yaml": "\n".join(lines) + "\n"})
    start = time.perf_counter()
    found = problems_of(user)
    assert time.perf_counter() - start < 5.0
    assert found == [
        f"{user}/gazetteer/loop.yaml:2: entry 'e0', field 'same_as': same_as forms a loop "
        "(e0 -> e1 -> e2 -> ... -> e198 -> e199 -> e0, 200 entries); one of them must be a "
        "real entry"
    ]


def test_a_200_place_located_in_loop_is_reported(tmp_path: Path) -> None:
    lines = ["entries:"]
    for i in range(200):
        lines += [
            f"  - id: p{i}",
            "    type: place",
            "    kind: city",
            f"    name: Place {i}",
            f"    relations: [{{type: located_in, target: p{(i + 1) % 200}}}]",
            "    source: s",
        ]
    user = write(tmp_path, {"places.yaml": "\n".join(lines) + "\n"})
    found = problems_of(user)
    assert len(found) == 1
    last_relation_line = 1 + 199 * 6 + 5
    assert found[0].startswith(
        f"{user}/gazetteer/places.yaml:{last_relation_line}: entry 'p199', relation located_in "
        "-> 'p0': located_in forms a loop (p0 -> p1 -> p2 -> ... -> p198 -> p199 -> p0, "
        "200 entries)"
    )


def test_wing_of_self_and_successor_loops(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        {
            "g.yaml": """\
entries:
  - id: a
    type: organization
    name: A
    relations: [{type: wing_of, target: a}]
    source: s
  - id: b
    type: media_outlet
    name: B
    relations: [{type: successor_of, target: c}]
    source: s
  - id: c
    type: media_outlet
    name: C
    relations: [{type: successor_of, target: b}]
    source: s
"""
        },
    )
    found = problems_of(user)
    assert found == [
        f"{user}/gazetteer/g.yaml:5: entry 'a', relation wing_of -> 'a': wing_of forms a loop "
        "(a -> a)",
        f"{user}/gazetteer/g.yaml:15: entry 'c', relation successor_of -> 'b': successor_of "
        "forms a loop (b -> c -> b, 2 entries)",
    ]


# --------------------------------------------------------------------------- errors

BROKEN: dict[str, tuple[str, str]] = {
    "unknown type": (
        "entries:\n  - {id: x, type: org, name: X, source: s}\n",
        "g.yaml:2: entry 'x', field 'type': must be one of organization, media_outlet, channel,"
        " publication, person, place (got 'org')",
    ),
    "bad place kind": (
        "entries:\n  - {id: x, type: place, kind: town, name: X, source: s}\n",
        "g.yaml:2: entry 'x', field 'kind': must be one of region, country, province, city, "
        "district, site for a place (got 'town')",
    ),
    "place without kind": (
        "entries:\n  - {id: x, type: place, name: X, source: s}\n",
        "g.yaml:2: entry 'x': a place needs 'kind'",
    ),
    "state body without country": (
        "entries:\n  - {id: x, type: organization, kind: state_body, name: X, source: s}\n",
        "g.yaml:2: entry 'x': a state body needs 'country'",
    ),
    "missing source": (
        "entries:\n  - id: x\n    type: person\n    name: X\n",
        "g.yaml:2: entry 'x': missing required field 'source'",
    ),
    "unknown alias language": (
        "entries:\n  - id: x\n    type: person\n    name: X\n    aliases:\n"
        "      uzb: [Xuroson]\n    source: s\n",
        "g.yaml:6: entry 'x', field 'aliases': unknown language 'uzb' (did you mean 'uz'?)",
    ),
    "empty alias list": (
        "entries:\n  - id: x\n    type: person\n    name: X\n    aliases:\n"
        "      ru: []\n    source: s\n",
        "g.yaml:6: entry 'x', aliases, field 'ru': must list at least one item",
    ),
    "empty alias": (
        "entries:\n  - id: x\n    type: person\n    name: X\n    aliases:\n"
        "      ru: ['  ']\n    source: s\n",
        "g.yaml:6: entry 'x', aliases, field 'ru': items must not be empty",
    ),
    "one-letter alias": (
        "entries:\n  - id: x\n    type: person\n    name: X\n    aliases:\n"
        "      en: [X1, Q]\n    source: s\n",
        "g.yaml:6: entry 'x', aliases 'en': 'Q' must be 2 to 200 characters long",
    ),
    "unknown relation type": (
        "entries:\n  - id: x\n    type: person\n    name: X\n    relations:\n"
        "      - {type: membr_of, target: y}\n    source: s\n",
        "g.yaml:6: entry 'x', relation #1, field 'type': must be one of wing_of, outlet_of, "
        "publication_of, successor_of, member_of, located_in, channel_of (got 'membr_of') "
        "(did you mean 'member_of'?)",
    ),
    "unknown field": (
        "entries:\n  - {id: x, type: person, name: X, source: s, alias: [Y]}\n",
        "g.yaml:2: entry 'x': unknown field 'alias' (did you mean 'aliases'?)",
    ),
    "same_as with kind": (
        "entries:\n  - {id: x, same_as: y, kind: wing, aliases: {en: [Z]}, source: s}\n",
        "g.yaml:2: entry 'x', field 'kind': cannot be used with same_as",
    ),
    "bad attribute": (
        "entries:\n  - {id: x, type: person, name: X, source: s, attributes: {founded: 99999}}\n",
        "g.yaml:2: entry 'x', attribute 'founded': must be a year between 600 and 2100 (got 99999)",
    ),
    "same_as of another type": (
        "entries:\n  - {id: t, type: person, name: T, source: s}\n"
        "  - {id: x, same_as: t, type: place, aliases: {en: [Y1]}, source: s}\n",
        "g.yaml:3: entry 'x': type 'place' differs from the type 'person' of 't' it is the same_as",
    ),
    "only_in of a form the entry lacks": (
        "entries:\n  - id: x\n    type: person\n    name: X1\n    aliases: {en: [Xx]}\n"
        "    only_in: {Yy: [de]}\n    source: s\n",
        "g.yaml:6: entry 'x', field 'only_in': 'Yy' is not one of the entry's names or aliases",
    ),
    "only_in without languages": (
        "entries:\n  - id: x\n    type: person\n    name: X1\n    aliases: {en: [Xx]}\n"
        "    only_in: {Xx: german}\n    source: s\n",
        "g.yaml:6: entry 'x', field 'only_in', 'Xx': must be a list of language codes",
    ),
    "not a mapping": ("- just a list\n", "g.yaml:1: the file must be a mapping with 'entries'"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_mistakes_name_file_line_and_field(tmp_path: Path, case: str) -> None:
    text, expected = BROKEN[case]
    user = write(tmp_path, {"g.yaml": text})
    found = problems_of(user)
    assert any(p.startswith(f"{user}/gazetteer/{expected}") for p in found), found


def test_relation_checks_after_the_merge(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        {
            "g.yaml": """\
entries:
  - id: p
    type: person
    name: P
    relations:
      - {type: member_of, target: islamic_stat}
      - {type: wing_of, target: iskp}
      - {type: member_of, target: amaq}
    source: s
  - id: alias_p
    same_as: nobody
    aliases: {en: [P2]}
    source: s
"""
        },
    )
    found = problems_of(user, builtin=True)
    path = f"{user}/gazetteer/g.yaml"
    assert found == [
        f"{path}:6: entry 'p', relation member_of -> 'islamic_stat': unknown entry "
        "(did you mean 'islamic_state'?)",
        f"{path}:7: entry 'p', relation wing_of -> 'iskp': wing_of starts from organization "
        "entries, not from a person",
        f"{path}:11: entry 'alias_p', field 'same_as': unknown entry 'nobody'",
    ]
    assert not any("amaq" in p for p in found)  # member_of a media outlet is allowed


def test_duplicate_id_in_one_pack_names_both_places(tmp_path: Path) -> None:
    entry = "entries:\n  - {id: twice, type: person, name: T, source: s}\n"
    user = write(tmp_path, {"a.yaml": entry, "b.yaml": entry})
    assert problems_of(user) == [
        f"{user}/gazetteer/b.yaml:2: id 'twice' is already used in this pack "
        f"({user}/gazetteer/a.yaml:2); ids must be unique within a pack"
    ]


def test_missing_directory_and_gazetteer_file(tmp_path: Path) -> None:
    found = problems_of(tmp_path / "missing")
    assert found == [f"{tmp_path / 'missing'}: the knowledge directory does not exist"]
    (tmp_path / "gazetteer").write_text("x", encoding="utf-8")
    assert problems_of(tmp_path) == [f"{tmp_path}/gazetteer: must be a directory of *.yaml files"]


def test_error_is_a_knowledge_error_with_every_problem(tmp_path: Path) -> None:
    text = "".join(f"  - {{id: x{i}, type: nope, name: X, source: s}}\n" for i in range(25))
    user = write(tmp_path, {"g.yaml": "entries:\n" + text})
    with pytest.raises(KnowledgeError) as info:
        load_gazetteer([user], builtin=False)
    assert isinstance(info.value, KnowledgePackError) and len(info.value.problems) == 25
    assert "... and 5 more" in info.value.message


# --------------------------------------------------------------------------- stats


def test_stats_count_types_kinds_and_languages(tmp_path: Path) -> None:
    g = load_gazetteer([write(tmp_path, {"a.yaml": BASE_ENTRIES})], builtin=False)
    stats = gazetteer_stats(g)
    assert stats["entries"] == 3
    assert stats["entries_per_type"] == {
        "organization": 2, "media_outlet": 1, "channel": 0, "publication": 0, "person": 0,
        "place": 0,
    }  # fmt: skip
    assert stats["entries_per_kind"]["organization"] == {"group": 1, "wing": 1}
    assert list(stats["entries_per_language"]) == list(ALIAS_LANGUAGES)
    assert stats["entries_per_language"]["en"] == 3 and stats["entries_per_language"]["ru"] == 1
    assert stats["aliases"] == 4 and stats["aliases_per_language"]["ru"] == 1
    json.dumps(stats)


# --------------------------------------------------------------------------- schema


def test_schema_fields_match_the_loader() -> None:
    entry = SCHEMA["$defs"]["entry"]
    assert set(entry["properties"]) == set(gz.GAZ_ENTRY_FIELDS)
    assert set(entry["required"]) == {k for k, req in gz.GAZ_ENTRY_FIELDS.items() if req}
    assert set(SCHEMA["properties"]) == set(gz.GAZ_FILE_FIELDS)
    relation = SCHEMA["$defs"]["relation"]
    assert set(relation["properties"]) == set(gz.GAZ_RELATION_FIELDS)
    assert tuple(relation["properties"]["type"]["enum"]) == GAZ_RELATION_TYPES
    assert tuple(entry["properties"]["type"]["enum"]) == ENTRY_TYPES
    assert set(entry["properties"]["aliases"]["properties"]) == set(ALIAS_LANGUAGES)
    for kind in PLACE_KINDS:
        assert kind in entry["properties"]["kind"]["description"]


@pytest.mark.parametrize("path", sorted(GAZ_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_builtin_files_conform_to_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert schema_errors(SCHEMA, SCHEMA, data, path.name) == []


def test_schema_rejects_what_the_loader_rejects() -> None:
    for case in ("unknown type", "missing source", "unknown alias language", "unknown field"):
        data = yaml.safe_load(BROKEN[case][0])
        assert schema_errors(SCHEMA, SCHEMA, data, case) != [], case


# --------------------------------------------------------------------------- CLI


def run(*args: str) -> Result:
    return CliRunner().invoke(knowledge_group, list(args), catch_exceptions=False)


@pytest.fixture
def user_pack(tmp_path: Path) -> Path:
    """The lexicon fixture pack plus a gazetteer that adds one entry."""
    root = tmp_path / "pack"
    shutil.copytree(USER_FIXTURE, root)
    return write(
        root,
        {
            "extra.yaml": "entries:\n"
            "  - {id: local_cell, type: organization, kind: group, name: Local Cell, "
            "source: s, relations: [{type: wing_of, target: iskp}]}\n"
        },
    )


def test_cli_validate_reports_the_gazetteer(user_pack: Path) -> None:
    result = run("validate", "--knowledge", str(user_pack))
    assert result.exit_code == 0, result.output
    first, second = result.stdout.strip().splitlines()
    assert first.startswith("knowledge pack OK: ")
    total = len(default_gazetteer()) + 1
    assert second.startswith(f"gazetteer OK: {total} gazetteer entries (")
    result = run("validate", "--knowledge", str(user_pack), "--json")
    assert json.loads(result.stdout)["gazetteer_entries"] == total


def test_cli_stats_adds_the_gazetteer(user_pack: Path) -> None:
    result = run("stats", "--knowledge", str(user_pack), "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    gaz = body.pop("gazetteer")
    assert body == json.loads(json.dumps(pack_stats(load_pack([user_pack]))))
    assert gaz == json.loads(json.dumps(gazetteer_stats(load_gazetteer([user_pack]))))
    table = run("stats", "--knowledge", str(user_pack)).stdout
    assert "Gazetteer entries by type" in table and "Gazetteer aliases by language" in table


def test_cli_validate_broken_gazetteer_names_file_and_line(user_pack: Path) -> None:
    write(user_pack, {"extra.yaml": "entries:\n  - {id: bad, type: person, name: B}\n"})
    result = run("validate", "--knowledge", str(user_pack))
    assert result.exit_code == 1 and result.stdout == ""
    assert "[PW400]" in result.stderr
    assert f"{user_pack}/gazetteer/extra.yaml:2: entry 'bad': missing required field" in (
        result.stderr
    )
    result = run("validate", "--knowledge", str(user_pack), "--json")
    problem = json.loads(result.stdout)["error"]["problems"][0]
    assert problem["file"] == f"{user_pack}/gazetteer/extra.yaml" and problem["line"] == 2


def test_cli_missing_directory_is_reported_once(tmp_path: Path) -> None:
    result = run("validate", "--knowledge", str(tmp_path / "missing"), "--json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["error"]["problems"]) == 1


def test_docs_count_the_builtin_entries() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "gazetteer.md").read_text("utf-8")
    stats = gazetteer_stats(default_gazetteer())
    for kind in ("organization", "media_outlet", "publication", "channel", "person"):
        assert f"| {kind} | {stats['entries_per_type'][kind]} |" in text, kind
