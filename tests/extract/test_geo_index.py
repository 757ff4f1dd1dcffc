"""The GeoNames place list: loads offline, finds a town by any of its names, and knows which
names are also common words."""

from __future__ import annotations

from pathlib import Path

from propwatch.extract.geo_index import GeoIndex, default_geo_index, geo_key

LINES = [
    "# header",
    "1\tMan\tCI\t241969\tLman~de,en|Cман",
    "2\tKilo\tCD\t5000\tLkilo^en",
    "3\tIsla\tMX\t30000\tLisla~*",
    "4\tKerman\tIR\t577514\tLkerman|Aکرمان",
    "5\tKerman\tUS\t14475\tLkerman",
]


def test_a_name_finds_every_place_most_populous_first() -> None:
    index = GeoIndex.from_lines(LINES)
    assert len(index) == 5
    assert [(p.name, p.country) for p in index.lookup("L", "Kerman")] == [
        ("Kerman", "IR"), ("Kerman", "US"),
    ]
    assert [p.geonames_id for p in index.lookup("A", "كرمان")] == [4]  # Arabic kaf folds
    assert index.lookup("C", "Kerman") == []  # the script is part of the key


def test_common_words_are_left_out_in_their_language() -> None:
    index = GeoIndex.from_lines(LINES)
    assert index.lookup("L", "Man", "en") == []
    assert [p.name for p in index.lookup("L", "Man", "fr")] == ["Man"]
    assert index.lookup("L", "Isla", "tr") == []  # "*": a word of the place's own language
    # a frequent word is a place only when the cue is more than a bare preposition
    assert [p.name for p in index.lookup("L", "Kilo", "en")] == ["Kilo"]
    assert index.lookup("L", "Kilo", "en", strict=True) == []


def test_the_bundled_list_loads_and_knows_towns_in_three_scripts() -> None:
    index = default_geo_index()
    assert len(index) > 50_000
    assert [p.country for p in index.lookup("L", "Mastung")][:1] == ["PK"]
    assert [p.name for p in index.lookup("C", "Шымкент")][:1] == ["Shymkent"]
    assert [p.name for p in index.lookup("A", "زاهدان")][:1] == ["Zahedan"]


def test_keys_are_stable_across_processes() -> None:
    # mmh3, not Python's salted hash(): the same key in every worker process
    assert geo_key("L", "Kābul") == geo_key("L", "kabul") == 4_825_248_823_579_143_481


def test_the_ready_made_index_is_the_text_list() -> None:
    # places.npz is what runs load; places.tsv.gz is its readable source (both written by
    # scripts/build_geo_places.py): they must agree
    import gzip
    from importlib import resources

    import numpy as np

    folder = resources.files("propwatch.knowledge").joinpath("geo")
    lines = gzip.decompress(folder.joinpath("places.tsv.gz").read_bytes()).decode().splitlines()
    fresh = GeoIndex.from_lines(lines).arrays()
    stored = default_geo_index().arrays()
    assert fresh.keys() == stored.keys()
    assert all(np.array_equal(fresh[k], stored[k]) for k in fresh)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    index = GeoIndex.from_lines(LINES)
    index.save(tmp_path / "x.npz")
    with (tmp_path / "x.npz").open("rb") as handle:
        again = GeoIndex.load(handle)
    assert [p.name for p in again.lookup("L", "Kerman")] == ["Kerman", "Kerman"]
    assert again.lookup("L", "Man", "en") == []
