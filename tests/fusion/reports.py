"""A fixture: five short reports of one bombing from three outlets, with different counts,
plus an unrelated protest (texts written for these tests)."""

from __future__ import annotations

import datetime as dt

from tacitus.model import Article

SUNDAY, MONDAY = dt.date(2016, 7, 10), dt.date(2016, 7, 11)
BOMBING = (
    "A suicide bomber killed 12 people at a crowded market in Baghdad on Saturday, police said."
)

REPORTS = [
    Article(id="wire-1", source="Wire A", published=SUNDAY, text=BOMBING),
    # the same outlet's update of its story: a near-duplicate, not a second source
    Article(
        id="wire-2",
        source="Wire A",
        published=SUNDAY,
        text=BOMBING + " The Islamic State group later claimed the attack.",
    ),
    Article(
        id="paper-b",
        source="Paper B",
        published=SUNDAY,
        text="At least 14 people were killed when a suicide bomber blew himself up at a "
        "crowded market in Baghdad on Saturday, officials said.",
    ),
    Article(
        id="paper-c",
        source="Paper C",
        published=MONDAY,
        text="A suicide bomber killed 14 people at a Baghdad market on Saturday, police said "
        "on Sunday.",
    ),
    Article(
        id="paper-c-protest",
        source="Paper C",
        published=SUNDAY,
        text="Thousands of protesters marched in Paris on Saturday against the labour law.",
    ),
]
