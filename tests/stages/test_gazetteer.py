"""The gazetteer index: keys, skeletons, cache location, lookups."""

from __future__ import annotations

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
    assert (iraq.lat, iraq.lon) == gz.COUNTRY_CENTRES["IRQ"]


def test_countries_without_a_listed_centre_get_one_from_their_places(
    gazetteer: gz.Gazetteer,
) -> None:
    assert "ZWE" not in gz.COUNTRY_CENTRES
    zimbabwe = gazetteer.country("ZWE")
    assert zimbabwe is not None and zimbabwe.lat is not None and zimbabwe.lon is not None
    assert -23 < zimbabwe.lat < -15 and 25 < zimbabwe.lon < 34


def test_county_has_no_guessed_coordinates(gazetteer: gz.Gazetteer) -> None:
    counties = [e for e in gazetteer.lookup("Otter Tail County") if e.kind == "admin2"]
    assert counties and all(e.lat is None and e.geonameid is None for e in counties)
    assert {e.admin1 for e in counties} == {"MN"}


@pytest.mark.slow
def test_build_index_from_package_data(tmp_path: Path) -> None:
    path = gz.build_index(tmp_path / "g.sqlite", cities_file="cities15000.json")
    built = gz.Gazetteer(path)
    try:
        assert {e.geonameid for e in built.lookup("Baghdad")} >= {98182}
        assert built.iso3("US") == "USA"
    finally:
        built.close()
