"""An offline list of about 54,000 populated places from GeoNames, looked up by name.

The gazetteer (:mod:`propwatch.knowledge.gazetteer`) holds the places an analyst curates, with
their aliases and what they lie in. This list is wider and thinner: every town of 15,000 people
or more, and in the countries where the groups propwatch follows are active every town of
1,000 or more, with the names GeoNames gives in Latin, Cyrillic and Arabic script. Extraction
uses it for a town the gazetteer does not know, where the text says it is a place ("in
Mastung", "в Шымкенте"): see :mod:`propwatch.extract.geo_places`.

Built by ``scripts/build_geo_places.py`` from GeoNames (https://www.geonames.org/, CC BY 4.0);
nothing is downloaded at run time. The data lives in the knowledge pack: ``places.tsv.gz``
(readable, the source) and ``places.npz`` (the same, ready-made: what runs load, in about
0.1 s). The index lives here because its keys are propwatch's match keys, and the knowledge
package does not depend on normalization. Memory: the names are kept as 64-bit hashes in one
sorted array with per-name masks, the place names in one string: about 7.5 MB per process,
loaded on first use.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import mmh3
import numpy as np
import numpy.typing as npt

from propwatch.normalize import match_key, normalize

__all__ = ["GeoIndex", "GeoPlace", "default_geo_index", "geo_key"]

#: Script letters of the stored keys.
SCRIPTS = frozenset("LCA")


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """One populated place: GeoNames id, English name without diacritics, ISO country code."""

    geonames_id: int
    name: str
    country: str
    population: int


@lru_cache(maxsize=4_096)
def geo_key(script: str, name: str) -> int:
    """The lookup hash of ``name`` written in ``script`` (``L``, ``C`` or ``A``)."""
    return _hash(script + match_key(normalize(name), normalized=True))


def _hash(key: str) -> int:
    return int(mmh3.hash64(key, signed=True)[0])


#: Bits of the per-name language masks ("*": a word of the place's own language).
_LANG_BITS = {lang: 1 << i for i, lang in enumerate(
    ("*", "en", "fr", "es", "pt", "it", "de", "tr", "ru", "ar", "fa", "ur"))}  # fmt: skip


def _mask(langs: str) -> int:
    return sum(_LANG_BITS.get(lang, 0) for lang in set(langs.split(","))) if langs else 0


class GeoIndex:
    """Places by name. ``lookup`` gives every place a name may be (most populous first), minus
    those for which the name is a common word of the text's language.

    Kept compact (it lives in every analysis worker): one sorted array of name hashes with the
    place and the common-word masks of each, and the places' names in one string. The bundled
    index is stored ready-made (``places.npz``, written by ``scripts/build_geo_places.py`` from
    ``places.tsv.gz``), so loading it allocates only the arrays themselves."""

    _ARRAYS = ("hashes", "owners", "common", "weak", "ids", "pops", "offsets", "names",
               "countries")  # fmt: skip

    def __init__(self, arrays: Mapping[str, npt.NDArray[Any]]) -> None:
        self._hashes: npt.NDArray[np.int64] = np.asarray(arrays["hashes"], dtype=np.int64)
        self._owners: npt.NDArray[np.int32] = np.asarray(arrays["owners"], dtype=np.int32)
        self._common: npt.NDArray[np.uint16] = np.asarray(arrays["common"], dtype=np.uint16)
        self._weak: npt.NDArray[np.uint16] = np.asarray(arrays["weak"], dtype=np.uint16)
        self._ids: npt.NDArray[np.int64] = np.asarray(arrays["ids"], dtype=np.int64)
        self._pops: npt.NDArray[np.int64] = np.asarray(arrays["pops"], dtype=np.int64)
        self._offsets: npt.NDArray[np.int32] = np.asarray(arrays["offsets"], dtype=np.int32)
        self._names = bytes(np.asarray(arrays["names"], dtype=np.uint8)).decode("utf-8")
        self._countries = bytes(np.asarray(arrays["countries"], dtype=np.uint8)).decode("ascii")

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> GeoIndex:
        """Parse the text form (``places.tsv.gz``: id, name, country, population, keys)."""
        ids, pops, offsets = array("q"), array("q"), array("i", [0])
        names: list[str] = []
        countries: list[str] = []
        hashes, owners = array("q"), array("i")
        common, weak = array("H"), array("H")
        size = 0
        for line in lines:
            if not line or line.startswith("#"):
                continue
            gid, name, country, pop, keys = line.rstrip("\n").split("\t")
            index = len(ids)
            ids.append(int(gid))
            pops.append(int(pop))
            names.append(name)
            size += len(name)
            offsets.append(size)
            countries.append((country + "  ")[:2])
            for cell in keys.split("|"):
                cell, _, weak_langs = cell.partition("^")
                key, _, common_langs = cell.partition("~")
                hashes.append(_hash(key))
                owners.append(index)
                common.append(_mask(common_langs))
                weak.append(_mask(weak_langs))
        all_hashes = np.frombuffer(hashes, dtype=np.int64)
        order = np.argsort(all_hashes, kind="stable")
        return cls({
            "hashes": all_hashes[order],
            "owners": np.frombuffer(owners, dtype=np.int32)[order],
            "common": np.frombuffer(common, dtype=np.uint16)[order],
            "weak": np.frombuffer(weak, dtype=np.uint16)[order],
            "ids": np.frombuffer(ids, dtype=np.int64).copy(),
            "pops": np.frombuffer(pops, dtype=np.int64).copy(),
            "offsets": np.frombuffer(offsets, dtype=np.int32).copy(),
            "names": np.frombuffer("".join(names).encode("utf-8"), dtype=np.uint8).copy(),
            "countries": np.frombuffer("".join(countries).encode("ascii"), dtype=np.uint8).copy(),
        })  # fmt: skip

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        """The index as named arrays (what ``save`` writes)."""
        return {
            "hashes": self._hashes, "owners": self._owners, "common": self._common,
            "weak": self._weak, "ids": self._ids, "pops": self._pops, "offsets": self._offsets,
            "names": np.frombuffer(self._names.encode("utf-8"), dtype=np.uint8),
            "countries": np.frombuffer(self._countries.encode("ascii"), dtype=np.uint8),
        }  # fmt: skip

    def save(self, path: str | Path) -> None:
        """Write the ready-made form (compressed ``.npz``)."""
        arrays: dict[str, Any] = self.arrays()
        with open(path, "wb") as handle:
            np.savez_compressed(handle, **arrays)

    @classmethod
    def load(cls, source: IO[bytes]) -> GeoIndex:
        with np.load(source, allow_pickle=False) as data:
            return cls({name: data[name] for name in cls._ARRAYS})

    def __len__(self) -> int:
        return len(self._ids)

    def place(self, index: int) -> GeoPlace:
        name = self._names[int(self._offsets[index]) : int(self._offsets[index + 1])]
        country = self._countries[2 * index : 2 * index + 2].strip()
        return GeoPlace(int(self._ids[index]), name, country, int(self._pops[index]))

    def lookup(
        self, script: str, name: str, language: str = "", *, strict: bool = False
    ) -> list[GeoPlace]:
        """Places called ``name`` (written in ``script``), most populous first; a place is
        left out when ``name`` is a common word in ``language`` ("Man" in English), and with
        ``strict`` also when it is a frequent one ("Ramadan", "خبر")."""
        if script not in SCRIPTS or not name:
            return []
        h = geo_key(script, name)
        lo = int(np.searchsorted(self._hashes, h, side="left"))
        hi = int(np.searchsorted(self._hashes, h, side="right"))
        bit = _LANG_BITS.get(language, 0)
        never = _LANG_BITS["*"] | bit
        found = []
        for k in range(lo, hi):
            if int(self._common[k]) & never or (strict and int(self._weak[k]) & bit):
                continue
            found.append(self.place(int(self._owners[k])))
        found.sort(key=lambda p: -p.population)
        return found


@lru_cache(maxsize=1)
def default_geo_index() -> GeoIndex:
    """The bundled index, loaded once per process."""
    source = resources.files("propwatch.knowledge").joinpath("geo/places.npz")
    with source.open("rb") as handle:
        return GeoIndex.load(handle)
