"""The gazetteer index: keys, skeletons, cache location, lookups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tacitus.stages import gazetteer as gz


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Baghdad", "baghdad"),
        ("Al Qayyārah", "qayyarah"),
        ("al-Qayyarah", "qayyarah"),
        ("U.S.", "us"),
        ("Sant Julià de Lòria", "sant julia de loria"),
        ("Tal'Afar", "talafar"),
        ("Tal’ Afar", "tal afar"),
        ("Winston-Salem", "winston salem"),
        ("the Hague", "hague"),
        ("Al", "al"),  # too short to be an article: unchanged
        ("", ""),
    ],
)
def test_normalize(name: str, key: str) -> None:
    assert gz.normalize(name) == key


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("qayara", "qayyarah", True),
        ("qaiyara", "qayyarah", True),
        ("falluja", "fallujah", True),
        ("mosul", "baghdad", False),
        ("kirkuk", "karbala", False),
    ],
)
def test_skeleton_groups_transliterations(a: str, b: str, same: bool) -> None:
    assert (gz.skeleton(a) == gz.skeleton(b)) is same


def test_skeleton_of_empty_key() -> None:
    assert gz.skeleton("") == ""


def test_cache_dir_honours_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path))
    assert gz.gazetteer_path() == tmp_path / f"gazetteer-v{gz.GAZETTEER_VERSION}.sqlite"


def test_build_gazetteer_keeps_an_existing_index(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path))
    existing = gz.gazetteer_path()
    existing.write_bytes(b"already built")
    assert gz.build_gazetteer() == existing
    assert existing.read_bytes() == b"already built"


@pytest.mark.parametrize(
    ("points", "centre"),
    [
        ([], None),
        ([(10.0, 20.0)], (10.0, 20.0)),
        ([(0.0, 0.0), (2.0, 4.0), (100.0, 100.0)], (2.0, 4.0)),  # few points: the median
    ],
)
def test_centre(points: list[tuple[float, float]], centre: tuple[float, float] | None) -> None:
    assert gz._centre(points) == centre


def test_centre_ignores_outlying_territories() -> None:
    mainland = [(40.0 + i * 0.1, -100.0 + i * 0.1) for i in range(100)]
    far = [(-14.0, -170.0)] * 3  # a few distant islands must not drag the centre
    lat, lon = gz._centre(mainland + far) or (0.0, 0.0)
    assert 40.0 < lat < 50.0
    assert -100.0 < lon < -90.0


def test_distance_km() -> None:
    # Baghdad -> Mosul is about 350 km.
    assert 330 < gz.distance_km(33.34, 44.40, 36.34, 43.12) < 370
    assert gz.distance_km(1.0, 1.0, 1.0, 1.0) == 0.0


@pytest.fixture(scope="module")
def gazetteer() -> gz.Gazetteer:
    return gz.load_gazetteer()


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Baghdad", 98182),
        ("Mosul", 99072),
        ("Al Qayyarah", 99003),
        ("Qayyarah", 99003),  # alternate name, article dropped
        ("Iraq", 99237),
        ("Minnesota", 5037779),
    ],
)
def test_lookup_exact(gazetteer: gz.Gazetteer, name: str, geonameid: int) -> None:
    assert geonameid in {e.geonameid for e in gazetteer.lookup(name)}


def test_lookup_unknown_name(gazetteer: gz.Gazetteer) -> None:
    assert gazetteer.lookup("Xqzzvlorp") == ()
    assert gazetteer.fuzzy("Xqzzvlorp") == ()


def test_fuzzy_finds_transliteration(gazetteer: gz.Gazetteer) -> None:
    found = {e.geonameid: e for e in gazetteer.fuzzy("Qayara")}
    assert 99003 in found
    assert 0.85 <= found[99003].similarity < 1.0


def test_short_names_are_not_fuzzy_matched(gazetteer: gz.Gazetteer) -> None:
    assert gazetteer.fuzzy("Mosl") == ()


@pytest.mark.parametrize(
    ("name", "country"),
    [("Iraqi", "IRQ"), ("American", "USA"), ("US", "USA"), ("Britain", "GBR"), ("Xqzzv", None)],
)
def test_alias_countries(gazetteer: gz.Gazetteer, name: str, country: str | None) -> None:
    found = gazetteer.alias_countries(name)
    assert (country in found) if country else found == ()


def test_country_codes(gazetteer: gz.Gazetteer) -> None:
    assert gazetteer.iso3("IQ") == "IRQ"
    assert gazetteer.iso3("ZZ") is None
    iraq = gazetteer.country("IRQ")
    assert iraq is not None and iraq.kind == "country" and iraq.precision == "country"
    assert gazetteer.country("IQ") == iraq
    assert (iraq.lat, iraq.lon) == (33.0, 44.0)  # GeoNames' point of Iraq


@pytest.mark.parametrize(
    ("name", "kind", "lat", "lon"),
    [
        # GeoNames' own points of large regions, where a centre computed from their places
        # would lie far away (Canada's, Ontario's, Alaska's places crowd their south).
        ("Canada", "country", 60.11, -113.64),
        ("Ontario", "admin1", 49.25, -84.50),
        ("Alaska", "admin1", 64.0, -150.0),
        ("Virginia", "admin1", 37.55, -77.45),
    ],
)
def test_regions_take_geonames_points(
    gazetteer: gz.Gazetteer, name: str, kind: str, lat: float, lon: float
) -> None:
    (entry,) = [e for e in gazetteer.lookup(name) if e.kind == kind]
    assert (entry.lat, entry.lon) == (pytest.approx(lat, abs=0.01), pytest.approx(lon, abs=0.01))
    assert entry.geonameid is not None


def test_features_cities500_lacks(gazetteer: gz.Gazetteer) -> None:
    (heathrow,) = [e for e in gazetteer.lookup("Heathrow") if e.country == "GBR"]
    assert heathrow.kind == "place" and heathrow.population == 0
    assert gz.distance_km(heathrow.lat or 0, heathrow.lon or 0, 51.47, -0.45) < 5


def test_counties_and_foreign_divisions_have_centres(gazetteer: gz.Gazetteer) -> None:
    counties = [e for e in gazetteer.lookup("Otter Tail County") if e.kind == "admin2"]
    assert counties and {e.admin1 for e in counties} == {"MN"}
    county = counties[0]
    assert county.lat is not None and county.lon is not None
    assert 45.9 < county.lat < 46.8 and -96.4 < county.lon < -95.1
    (nineveh,) = [e for e in gazetteer.lookup("Nineveh") if e.kind == "admin1"]
    (mosul,) = [e for e in gazetteer.lookup("Mosul") if e.geonameid == 99072]
    # The governorate carries the GeoNames admin1 code its places have.
    assert (nineveh.country, nineveh.admin1) == ("IRQ", mosul.admin1)


def test_countryinfo_names_and_unshared_demonyms(gazetteer: gz.Gazetteer) -> None:
    assert any(e.kind == "country" and e.country == "VAT" for e in gazetteer.lookup("Holy See"))
    assert gazetteer.alias_countries("Americans".rstrip("s")) == ("USA",)  # not Guam as well


def tiny_sources() -> gz.Sources:
    """Three countries, a few towns and their divisions: an index built in milliseconds."""

    def city(
        gid: int,
        name: str,
        cc: str,
        admin1: str,
        lat: float,
        lon: float,
        pop: int,
        alternates: tuple[str, ...] = (),
    ) -> dict[str, object]:
        return {
            "geonameid": gid,
            "name": name,
            "countrycode": cc,
            "admin1code": admin1,
            "latitude": lat,
            "longitude": lon,
            "population": pop,
            "alternatenames": list(alternates),
        }

    cities = [
        city(1, "Springfield", "US", "IL", 39.80, -89.64, 114_000),
        city(2, "Springfield", "US", "MA", 42.10, -72.59, 155_000),
        city(3, "Chicago", "US", "IL", 41.85, -87.65, 2_700_000),
        city(4, "Cairo", "US", "IL", 37.00, -89.18, 2_000),
        city(5, "Washington, D.C.", "US", "DC", 38.90, -77.04, 690_000, ("Washington",)),
        city(6, "Mosul", "IQ", "15", 36.34, 43.13, 1_700_000, ("Al Mawsil",)),
        city(7, "Tall Afar", "IQ", "15", 36.37, 42.45, 200_000),
        city(8, "Sinjar", "IQ", "15", 36.32, 41.88, 40_000),
    ]
    divisions = [
        {
            "country_code": c["countrycode"],
            "city": c["name"],
            "latitude": c["latitude"],
            "longitude": c["longitude"],
            "population": c["population"],
            "state": {
                "IL": "Illinois",
                "MA": "Massachusetts",
                "DC": "Washington, D.C.",
                "15": "Nineveh",
            }[str(c["admin1code"])],
            "county": {1: "Sangamon County", 3: "Cook County", 4: "Alexander County"}.get(
                int(str(c["geonameid"]))
            ),
        }
        for c in cities
    ]
    return gz.Sources(
        countries={
            "US": {
                "geonameid": 6252001,
                "name": "United States",
                "iso3": "USA",
                "population": 330_000_000,
                "capital": "Washington",
            },
            "IQ": {
                "geonameid": 99237,
                "name": "Iraq",
                "iso3": "IRQ",
                "population": 40_000_000,
                "capital": "Baghdad",
            },
            "AS": {
                "geonameid": 5880801,
                "name": "American Samoa",
                "iso3": "ASM",
                "population": 55_000,
                "capital": "Pago Pago",
            },
        },
        cities={str(c["geonameid"]): c for c in cities},
        us_states={
            "IL": {"name": "Illinois", "geonameid": 4896861},
            "MA": {"name": "Massachusetts", "geonameid": 6254926},
        },
        us_counties=[
            {"fips": 17167, "name": "Sangamon County", "state": "IL"},
            {"fips": 17031, "name": "Cook County", "state": "IL"},
        ],
        continents={
            "AS": {
                "geonameId": 6255147,
                "name": "Asia",
                "lat": 29.84,
                "lng": 89.3,
                "alternateNames": [{"lang": "en", "name": "Asia"}],
            }
        },
        divisions=divisions,
        points=[
            (99237, "Republic of Iraq", "IQ", None, 33.0, 44.0),
            (6254926, "Massachusetts", "US", "MA", 42.36, -71.88),
            # A county by name and state; the homonym in another state is not it.
            (4250542, "Sangamon County", "US", "IL", 39.76, -89.66),
            (5026900, "Cook County", "US", "MN", 47.82, -90.54),
            # A governorate by name, near the centre of its places; a village far away is not.
            (99034, "Nineveh", "IQ", None, 36.17, 42.81),
            (91111, "Nineveh", "IQ", None, 30.5, 47.8),
            # A locality cities500 lacks; a commune of a city's name next to it is no new place.
            (99999, "Camp Taji", "IQ", None, 33.53, 44.26),
            (88888, "Mosul", "IQ", None, 36.35, 43.15),
            (6, "Mosul", "IQ", "15", 36.34, 43.13),  # a cities500 place: left as it is
        ],
        country_info=[
            {
                "ISO": {"alpha3": "IRQ"},
                "name": "Iraq",
                "latlng": [33.2, 43.7],
                "altSpellings": ["IQ", "Republic of Iraq"],
                "demonym": "Iraqi",
            },
            {
                "ISO": {"alpha3": "USA"},
                "name": "United States",
                "latlng": [38, -97],
                "altSpellings": ["US", "USA", "United States of America"],
                "demonym": "American",
            },
            {
                "ISO": {"alpha3": "ASM"},
                "name": "American Samoa",
                "latlng": [-14.33, -170],
                "altSpellings": ["AS"],
                "demonym": "American",
            },
        ],
    )


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[gz.Gazetteer]:
    path = gz.build_index(tmp_path_factory.mktemp("gaz") / "tiny.sqlite", tiny_sources())
    built = gz.Gazetteer(path)
    yield built
    built.close()


def test_tiny_index_divisions(tiny: gz.Gazetteer) -> None:
    (illinois,) = [e for e in tiny.lookup("Illinois") if e.kind == "admin1"]
    # Where GeoNames' list has no point of a division, its centre is the middle of its
    # places' extent; its population is their sum.
    assert illinois.lat == pytest.approx((37.00 + 41.85) / 2)
    assert illinois.lon == pytest.approx((-89.64 + -87.65) / 2)
    assert illinois.population == 114_000 + 2_700_000 + 2_000
    (cook,) = [e for e in tiny.lookup("Cook County") if e.admin1 == "IL"]
    assert cook.kind == "admin2" and cook.id == -17031 and (cook.lat, cook.lon) == (41.85, -87.65)
    (bare,) = tiny.lookup("Cook")
    assert bare.id == cook.id and not bare.primary  # the short form is only an alternate
    (nineveh,) = [e for e in tiny.lookup("Nineveh") if e.kind == "admin1"]
    assert (nineveh.kind, nineveh.country, nineveh.admin1) == ("admin1", "IRQ", "15")
    assert (nineveh.geonameid, nineveh.lat, nineveh.lon) == (99034, 36.17, 42.81)


def test_tiny_index_geonames_points(tiny: gz.Gazetteer) -> None:
    (massachusetts,) = [e for e in tiny.lookup("Massachusetts") if e.kind == "admin1"]
    assert (massachusetts.lat, massachusetts.lon) == (42.36, -71.88)  # by GeoNames id
    (sangamon,) = tiny.lookup("Sangamon County")
    assert (sangamon.geonameid, sangamon.lat, sangamon.lon) == (4250542, 39.76, -89.66)
    (cook,) = [e for e in tiny.lookup("Cook County") if e.admin1 == "IL"]
    assert cook.geonameid is None  # Minnesota's is another county: a feature of its own
    (cook_mn,) = [e for e in tiny.lookup("Cook County") if e.admin1 == "MN"]
    assert (cook_mn.kind, cook_mn.geonameid) == ("admin2", 5026900)
    (taji,) = tiny.lookup("Camp Taji")
    assert (taji.kind, taji.population, taji.country) == ("place", 0, "IRQ")
    assert [e.id for e in tiny.lookup("Mosul")] == [6]
    # The far village of the governorate's name is a place of its own.
    assert {e.id for e in tiny.lookup("Nineveh")} == {nineveh_id(tiny), 91111}


def nineveh_id(tiny: gz.Gazetteer) -> int:
    return next(e.id for e in tiny.lookup("Nineveh") if e.kind == "admin1")


def test_tiny_index_countries(tiny: gz.Gazetteer) -> None:
    iraq = tiny.country("IRQ")
    assert iraq is not None and (iraq.lat, iraq.lon) == (33.0, 44.0)  # GeoNames', not Factbook's
    samoa = tiny.country("ASM")
    assert samoa is not None and (samoa.lat, samoa.lon) == (-14.33, -170.0)  # countryinfo's
    assert [e.id for e in tiny.lookup("Republic of Iraq")] == [99237]
    assert tiny.lookup("IQ") == ()  # ISO alpha-2 codes are not names
    assert tiny.alias_countries("Iraqi") == ("IRQ",)


def test_tiny_index_capital_and_short_form(tiny: gz.Gazetteer) -> None:
    (dc,) = tiny.lookup("Washington")
    assert dc.capital and dc.primary  # "Washington" is how "Washington, D.C." is written
    assert not any(e.capital for e in tiny.lookup("Mosul"))
    (mosul,) = tiny.lookup("Al Mawsil")
    assert not mosul.primary


@pytest.mark.parametrize(
    ("name", "primary", "short"),
    [
        ("New York", "New York City", True),
        ("Washington", "Washington, D.C.", True),
        ("York", "New York City", False),
        ("New", "New York City", False),  # too short to stand for it
        ("Newark", "New York City", False),
        ("Mosul", "Mosul", False),  # the name itself is no short form
    ],
)
def test_is_short_form(name: str, primary: str, short: bool) -> None:
    assert gz._is_short_form(name, primary) is short


@pytest.mark.parametrize(
    ("name", "alternates"),
    [
        ("Laurel County", ["Laurel"]),
        ("Al Muthanna Governorate", ["Al Muthanna"]),
        ("Nineveh", []),
        ("County Durham", []),  # the generic word must end the name
    ],
)
def test_alternate_names(name: str, alternates: list[str]) -> None:
    assert gz._alternate_names(name) == alternates


def test_centre_across_the_antimeridian() -> None:
    lat, lon = gz._centre([(52.0, 178.0), (52.0, -178.0)], trim=0) or (0.0, 0.0)
    assert lat == 52.0 and abs(lon) == pytest.approx(180.0)


@pytest.mark.slow
def test_build_index_from_package_data(tmp_path: Path) -> None:
    path = gz.build_index(tmp_path / "g.sqlite", gz.package_sources("cities15000.json"))
    built = gz.Gazetteer(path)
    try:
        assert {e.geonameid for e in built.lookup("Baghdad")} >= {98182}
        assert built.iso3("US") == "USA"
    finally:
        built.close()
