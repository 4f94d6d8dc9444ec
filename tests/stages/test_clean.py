"""Tests for the `clean` stage: each rule on its own, then whole texts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tacitus.model import Document
from tacitus.stages.clean import (
    BOILERPLATE,
    CAPTION,
    CARRIAGE_RETURN,
    INVISIBLE,
    TRUNCATED,
    WHITESPACE,
    boilerplate_reason,
    caption_reason,
    clean_text,
    cleaning_input,
    ends_dangling,
    ends_sentence,
    headline_paragraph,
    is_near_prefix,
    is_truncated,
    normalise,
    split_lines,
)

SEED = Path(__file__).parent.parent / "seed-article.json"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "US Defense Secretary Ash Carter visited Baghdad on Monday and announced that 560 "
            "more US troops will be sent to Iraq [File picture] Getty",
            CAPTION,
        ),
        ("Protesters clash with police in Cairo (Photo: Reuters)", CAPTION),
        ("Smoke rises over Aleppo. AFP/Getty Images", CAPTION),
        ("Smoke rises over Aleppo AFP via Getty Images", CAPTION),
        ("Image copyright Reuters", CAPTION),
        ("Image caption Rescue workers search the rubble", CAPTION),
        ("Iraqi troops in Falluja. Photograph: Ahmad al-Rubaye/AFP/Getty Images", CAPTION),
        ("A soldier stands guard in Kabul. REUTERS/Omar Sobhani", CAPTION),
        ("Getty Images", CAPTION),
        ("AFP/Getty Images", CAPTION),
        ("Mario Garza (Photo: Canyon County Jail)", CAPTION),
        ("Photo: John Davenport, San Antonio Express-News", CAPTION),
        ("Image 1 of 11 Houston Police investigate the scene of the shooting.", CAPTION),
        ("Photo 3 of / 9 A vigil for the victims", CAPTION),
        # a gallery's captions, however long, and a gallery run into one line
        ("Image 2 of 16 " + "A deputy speaks with neighbours as police investigate. " * 9, CAPTION),
        (
            "Photo: 21 Pro Video Image 1 of / 14 Caption Close Image 1 of 14 Police say two "
            "children were wounded. less Police say ... more Photo: 21 Pro Video Image 2 of 14 "
            + "Police say two children were wounded by gunfire. "
            * 12,
            CAPTION,
        ),
        # Real sentences that mention agencies or photos stay.
        ("The photo was published by Reuters on Monday.", None),
        ("Getty Images said it had withdrawn the picture.", None),
        ("Police released a photo of the suspect (see below).", None),
        ("He told Reuters the attack had been planned for weeks.", None),
        ("Image 1 of the report shows the damage.", None),
        ("x" * 500 + " as image 1 of 3 in the report shows.", None),  # one mark, not leading
        ("", None),
        ("x" * 500 + " (Photo: Reuters)", None),  # too long to be a caption
    ],
)
def test_caption_reason(line: str, expected: str | None) -> None:
    assert caption_reason(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Advertisement", BOILERPLATE),
        ("ADVERTISEMENT", BOILERPLATE),
        ("Read more: Islamic State loses ground in Iraq", BOILERPLATE),
        ("READ MORE:", BOILERPLATE),
        ("RELATED: Four people shot outside Warren County store, 3 arrested", BOILERPLATE),
        ("Related Stories", BOILERPLATE),
        ("► Related: Grandparents charged in fatal shooting of Detroit girl, 5", BOILERPLATE),
        # a video playlist's entries; a time of day is no running time
        ("0:50 One dead after shooting involving officer", BOILERPLATE),
        (
            "4:56 Mother of Orlando victim: In my son's DNA that 'love always trumps hate' Pause",
            BOILERPLATE,
        ),
        ("4:20 P.M. UPDATE:", None),
        ("10:15 a.m. Police say the suspect has been arrested.", None),
        ("» Read more: Islamic State loses ground in Iraq", BOILERPLATE),
        ("- Police said the man was related to the victim.", None),
        ("Share this article", BOILERPLATE),
        ("Share on Facebook", BOILERPLATE),
        ("Follow us on Twitter", BOILERPLATE),
        ("Follow @WTOP on Twitter and WTOP on Facebook.", BOILERPLATE),
        ("Sign up for breaking news alerts from NBC News", BOILERPLATE),
        (
            "We use cookies to improve your experience. By continuing to use this site you "
            "agree to our cookie policy.",
            BOILERPLATE,
        ),
        ("Copyright 2016 WBRC. All rights reserved.", BOILERPLATE),
        ("© 2017 WTOP. All Rights Reserved.", BOILERPLATE),
        ("Reporting by Maher Chmaytelli; Editing by Janet Lawrence", BOILERPLATE),
        ("Story continues below advertisement", BOILERPLATE),
        ("Skip to main content", BOILERPLATE),
        ("Please enable Javascript to watch this video", BOILERPLATE),
        ("This video is no longer available.", BOILERPLATE),
        (
            "Having trouble viewing the video? Try disabling any ad blocking extensions.",
            BOILERPLATE,
        ),
        ("CLOSE Skip in Skip x Embed x Share", BOILERPLATE),
        ("Hide Transcript Show Transcript", BOILERPLATE),
        ("Copy Link Copy", BOILERPLATE),
        ("Scroll down for video", BOILERPLATE),
        (
            "[lin_video src=http://eplayer.example.com/embed/player.js?aspect_ratio=3x2]",
            BOILERPLATE,
        ),
        ("3 Pending Comments", BOILERPLATE),
        ("Join The Conversation On The KDKA Facebook Page", BOILERPLATE),
        ("Your notification has been saved.", BOILERPLATE),
        ("There was a problem saving your notification.", BOILERPLATE),
        (
            "Email notifications are only sent once a day, and only if there are new items.",
            BOILERPLATE,
        ),
        ("You are the owner of this article.", BOILERPLATE),
        ("Like this: Like Loading...", BOILERPLATE),
        ("Report an Error or Submit a Tip to NBC", BOILERPLATE),
        ("4 of 10 Premium Clicks used this month", BOILERPLATE),
        ("Stay Up To Date, Follow KDKA On Twitter", BOILERPLATE),
        ("Follow CBSDFW.COM: Facebook | Twitter", BOILERPLATE),
        ("Share this: Facebook", BOILERPLATE),
        ("Pinterest", BOILERPLATE),
        ("gallery_thumbnails_photo|photo-2|article-gallery-1|1", BOILERPLATE),
        (
            "(Copyright 2016 The Associated Press. All rights reserved. This material may not "
            "be published, broadcast, rewritten or redistributed.)",
            BOILERPLATE,
        ),
        (
            "(Source: Sun-Times Media Wire © Chicago Sun-Times 2016. All Rights Reserved.)",
            BOILERPLATE,
        ),
        # Sentences that start like boilerplate are kept.
        ("Read more about the report, the minister told parliament on Tuesday.", None),
        ("Share prices fell 3% after the announcement.", None),
        ("Reporting by local media suggested the toll was higher.", None),
        ("Related violence killed 12 people in the north.", None),
        ("The advertisement was pulled after complaints.", None),
        ("Follow the money, the prosecutor said.", None),
        ("Police asked anyone who could enable investigators to find him to call.", None),
        ("Twitter suspended the account on Monday.", None),
        ("Facebook said it removed the video.", None),
        ("Watch this space, the minister said.", None),
        ("Your notification to the council was late, the judge said.", None),
        ("", None),
    ],
)
def test_boilerplate_reason(line: str, expected: str | None) -> None:
    assert boilerplate_reason(line) == expected


@pytest.mark.parametrize(
    ("line", "following", "expected"),
    [
        ("The US Defence Secretary Ash", "US Defense Secretary Ash Carter visited Baghdad", True),
        (
            "Rebels seized the town of Ma",
            "Rebels seized the town of Maarat al-Numan on Monday.",
            True,
        ),
        ("Rebels seized the town...", "Rebels seized the town of Maarat al-Numan on Monday.", True),
        # Same shape, different people: list items, not a cut-off line.
        (
            "Kirshean Nelson, 18, of Detroit, is charged with assault; and",
            "Dion Robinson, 37, of Detroit, is charged with assault.",
            False,
        ),
        # A finished sentence is never truncated, even if the next line repeats it.
        ("Rebels seized the town.", "Rebels seized the town of Maarat al-Numan on Monday.", False),
        # Too short to tell.
        ("The US", "The US Defense Secretary Ash Carter visited Baghdad", False),
        # Hard-wrapped paragraphs are not cut off.
        ("The report said officers were among the dead, but the", "Guards said no.", False),
        # Last line: cut off if it ends on a word that cannot end a sentence.
        ("This story was originally published on", None, True),
        ("Protests spread to Basra", None, False),
        ("Group A: Qatar, UAE, Uzbekistan and Winner A", None, False),
    ],
)
def test_is_truncated(line: str, following: str | None, expected: bool) -> None:
    assert is_truncated(line, following) is expected


@pytest.mark.parametrize(
    ("line", "following", "expected"),
    [
        ("The US Defence Secretary Ash", "US Defense Secretary Ash Carter visited", True),
        ("Police Chief John Sm", "Police Chief John Smith said", True),
        ("Police Chief John Smith said", "Police Chief John Smith said", False),  # not shorter
        ("Lake Effect Snow Warning for Erie", "Lake Effect Snow Watch for Erie county", False),
    ],
)
def test_is_near_prefix(line: str, following: str, expected: bool) -> None:
    assert is_near_prefix(line, following) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("He said.", True), ('"We will win"', True), ("Troops (500)", True), ("He said", False)],
)
def test_ends_sentence(line: str, expected: bool) -> None:
    assert ends_sentence(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("published on", True), ("the capital of the", True), ("Winner A", False), ("on.", False)],
)
def test_ends_dangling(line: str, expected: bool) -> None:
    assert ends_dangling(line) is expected


@pytest.mark.parametrize(
    ("raw", "text", "deleted"),
    [
        ("a\u00a0b", "a b", []),
        ("a\u202fb\u3000c", "a b c", []),
        ("a\rb", "a\nb", []),
        ("a\r\nb", "a\r\nb", [(1, 2, CARRIAGE_RETURN)]),
        ("a\u200bb\ufeff", "a\u200bb\ufeff", [(1, 2, INVISIBLE), (3, 4, INVISIBLE)]),
        ("\x93Yes\x94", "\u201cYes\u201d", []),  # Windows-1252 quotes read as Latin-1
        ("plain text", "plain text", []),
    ],
)
def test_normalise(raw: str, text: str, deleted: list[tuple[int, int, str]]) -> None:
    assert normalise(raw) == (text, deleted)


def test_split_lines_skips_blank_and_strips() -> None:
    lines = split_lines("  One \n\n\u200b\n two\n")
    assert [(ln.start, ln.end, ln.text) for ln in lines] == [(2, 5, "One"), (11, 14, "two")]


@pytest.mark.parametrize(
    ("raw", "cleaned", "reasons"),
    [
        # Unchanged inputs.
        ("Rebels seized the town.", "Rebels seized the town.", []),
        ("Headline\nFirst sentence.\n\nSecond paragraph.", None, []),
        ("", "", []),
        # Removals, with the whitespace they leave behind.
        (
            "Troops arrived.\n\nAdvertisement\n\nThey left.",
            "Troops arrived.\n\nThey left.",
            [BOILERPLATE, WHITESPACE],
        ),
        (
            "Troops arrived.\nShare this article\nThey left.",
            "Troops arrived.\nThey left.",
            [BOILERPLATE, WHITESPACE],
        ),
        ("Troops arrived.\n\nGetty Images\n", "Troops arrived.", [WHITESPACE, CAPTION, WHITESPACE]),
        ("  Troops arrived.  \n", "Troops arrived.", [WHITESPACE, WHITESPACE]),
        ("Advertisement\nTroops arrived.", "Troops arrived.", [BOILERPLATE, WHITESPACE]),
        (
            # the headlines of a list of links go with its header
            "Two men were shot.\nRELATED ARTICLES\n+ Man shot, killed by police identified\n"
            "Coroner IDs man killed in Sunday drive-by\nPolice have made no arrests.",
            "Two men were shot.\nPolice have made no arrests.",
            [BOILERPLATE, WHITESPACE, BOILERPLATE, WHITESPACE, BOILERPLATE, WHITESPACE],
        ),
        (
            # a sentence after the header is text, and so is all that follows it
            "TRENDING:\nThe boy lived with his parents.\nHis school mourned him",
            "The boy lived with his parents.\nHis school mourned him",
            [BOILERPLATE, WHITESPACE],
        ),
        ("Line one.\r\nLine two.\r\n", "Line one.\nLine two.", [CARRIAGE_RETURN, WHITESPACE]),
        ("Nothing\u00a0moved.", "Nothing moved.", []),
    ],
)
def test_clean_text(raw: str, cleaned: str | None, reasons: list[str]) -> None:
    text, removed = clean_text(raw)
    assert text == (raw if cleaned is None else cleaned)
    assert [r.reason for r in removed] == reasons
    assert all(raw[r.start : r.end] == r.text for r in removed)


def test_seed_article() -> None:
    raw = json.loads(SEED.read_text(encoding="utf-8"))["text"]
    text, removed = clean_text(raw)
    by_reason = {r.reason: r for r in removed}
    assert by_reason[TRUNCATED].text == "The US Defence Secretary Ash"
    assert by_reason[CAPTION].text.endswith("[File picture] Getty")
    assert by_reason[CAPTION].text.startswith("US Defense Secretary Ash Carter visited Baghdad")
    assert text.endswith("after Obama's last troop addition.")
    assert "Getty" not in text and "Defence Secretary Ash\n" not in text
    # Everything else is untouched: the cleaned text is the start of the input.
    assert raw.startswith(text)
    assert all(raw[r.start : r.end] == r.text for r in removed)


@given(st.text(alphabet=st.sampled_from("ab .\n\r\u00a0\u200bAdvertisement"), max_size=80))
def test_removals_account_for_every_deleted_character(raw: str) -> None:
    text, removed = clean_text(raw)
    normalised, _ = normalise(raw)
    kept = [True] * len(raw)
    for r in removed:
        assert raw[r.start : r.end] == r.text
        for i in range(r.start, r.end):
            assert kept[i], "removals overlap"
            kept[i] = False
    assert text == "".join(c for c, k in zip(normalised, kept, strict=True) if k)


def test_stage_fills_text_and_removed(document: Callable[..., Document]) -> None:
    doc = document("Troops arrived.\n\nAdvertisement", stages=("clean",))
    assert doc.text == "Troops arrived."
    assert [r.reason for r in doc.removed] == [WHITESPACE, BOILERPLATE]


@pytest.mark.parametrize(
    ("title", "text", "paragraph"),
    [
        ("Girl shot in abdomen", "Close Get email notifications", "Girl shot in abdomen\n\n"),
        ("  Girl shot\n in abdomen ", "Police said.", "Girl shot in abdomen\n\n"),  # collapsed
        (None, "Police said.", ""),
        ("   ", "Police said.", ""),
        # the text opens with its title already (after a dateline, in another case): no copy
        ("Girl shot in abdomen", "Girl shot in abdomen\n\nPolice said.", ""),
        ("Girl shot in abdomen", "KANSAS CITY - girl shot in abdomen. Police said.", ""),
        # a copy further in (a link list, a teaser) is not the opening
        ("Girl shot", "Police said a man was robbed on Main Street. Related: Girl shot",
         "Girl shot\n\n"),
    ],
)  # fmt: skip
def test_headline_paragraph(title: str | None, text: str, paragraph: str) -> None:
    assert headline_paragraph(title, text) == paragraph
    assert cleaning_input(title, text) == paragraph + text


def test_the_headline_is_read_and_removals_index_the_input_of_cleaning(
    document: Callable[..., Document],
) -> None:
    text = "Close Get email notifications\n\nAdvertisement"
    doc = document(text, stages=("clean",), title="3-year-old girl shot in abdomen")
    assert doc.text == "3-year-old girl shot in abdomen\n\nClose Get email notifications"
    source = cleaning_input(doc.article.title, text)
    assert [source[r.start : r.end] for r in doc.removed] == [r.text for r in doc.removed]
    assert [r.reason for r in doc.removed] == [WHITESPACE, BOILERPLATE]
