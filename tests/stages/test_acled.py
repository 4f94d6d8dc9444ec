"""The `acled` stage: ACLED event and sub-event types from the coded events and their sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tacitus.model import Document

FULL = ("clean", "actors", "events", "modality", "dates", "places", "quantities", "acled")


@pytest.mark.parametrize(
    ("text", "acled_type", "sub_type"),
    [
        (
            "Syrian government forces captured a rebel-held neighborhood in Aleppo.",
            "Battles",
            "Government regains territory",
        ),
        (
            "Islamic State fighters seized the town of Hit.",
            "Battles",
            "Non-state actor overtakes territory",
        ),
        ("Soldiers clashed with rebels near Goma.", "Battles", "Armed clash"),
        (
            "Two suicide bombers blew themselves up at a market in Baghdad.",
            "Explosions/Remote violence",
            "Suicide bomb",
        ),
        (
            "Warplanes bombed rebel positions near Idlib.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        (
            "Rebels shelled the city with mortars.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "A roadside bomb killed three soldiers.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "Four people were killed in grenade attacks on a restaurant.",
            "Explosions/Remote violence",
            "Grenade",
        ),
        ("Gunmen killed five villagers.", "Violence against civilians", "Attack"),
        (
            "Gunmen abducted two aid workers.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        (
            "Thousands of protesters marched peacefully through Cairo.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Police detained thousands of protesters in Moscow.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "Police fired tear gas to disperse protesters in Nairobi.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "Police opened fire on protesters in Nairobi, killing three.",
            "Protests",
            "Excessive force against protesters",
        ),
        ("Rioters torched cars and threw stones at police.", "Riots", "Violent demonstration"),
        ("Police arrested a suspect in Lagos.", "Strategic developments", "Arrests"),
        (
            "Troops seized weapons and ammunition in Kidal.",
            "Strategic developments",
            "Disrupted weapons use",
        ),
        (
            "Looters ransacked shops in Durban.",
            "Strategic developments",
            "Looting/property destruction",
        ),
    ],
)
def test_acled_types(
    document: Callable[..., Document], text: str, acled_type: str, sub_type: str
) -> None:
    events = document(text, stages=FULL).events
    assert events, "no event coded"
    assert (events[0].acled_type, events[0].acled_sub_type) == (acled_type, sub_type)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels will attack the town.",  # announced: ACLED records what happened
        "Russia could strike Ukraine.",
        "Russia denied attacking the convoy.",
        "France and Germany met in Paris.",  # diplomacy is outside ACLED
        "Iran accused Israel of spying.",
    ],
)
def test_no_acled_type(document: Callable[..., Document], text: str) -> None:
    events = document(text, stages=FULL).events
    assert events, "no event coded"
    assert all(e.acled_type is None and e.acled_sub_type is None for e in events)
