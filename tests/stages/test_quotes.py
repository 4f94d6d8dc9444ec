"""The `quotes` stage: direct and reported speech with speaker and cue."""

from __future__ import annotations

import pytest

from tacitus.model import Actor, Article, Document, Quote
from tacitus.pipeline import load_spacy
from tacitus.stages import STAGES
from tacitus.stages.quotes import Marked, find_marked, looks_like_title


def _run(text: str, actors: list[Actor] | None = None) -> list[Quote]:
    doc = Document(article=Article(id="t", text=text), text=text)
    doc.spacy = load_spacy()(text)
    doc.actors = actors or []
    STAGES["quotes"].factory()(doc)
    for q in doc.quotes:
        if q.parts:  # a quotation in pieces: the text is the pieces, the span the whole
            assert all(text[p.start : p.end] == p.text for p in q.parts)
            assert q.text == " \u2026 ".join(p.text for p in q.parts)
        else:
            assert text[q.start : q.end] == q.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
    return doc.quotes


def _summary(q: Quote) -> tuple[str, str | None, str | None]:
    return (q.text, q.cue.text if q.cue else None, q.speaker.text if q.speaker else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "this is a test" today.', [(9, 23)]),
        ("She said \u201cwe will win the war\u201d and left.", [(10, 29)]),
        ('"We will win," he said.', [(1, 12)]),  # the comma stays outside
        ('He called it a"mistake".', []),  # a mark inside a word opens nothing
        ("No quotation marks here.", []),
        ('An "unclosed quote\nnext paragraph', []),
        # a closing mark of the other shape closes a straight quotation
        ('"We oppose that,\u201d said Bopp.', [(1, 15)]),
        # ... unless a curly quotation was opened inside it
        ('"He said \u201cno\u201d to me," she said.', [(1, 19)]),
        # an opening curly mark typed at a word's end closes the quotation
        ("\u201cIt is unusual,\u201c said Noble. \u201cIt is hard.\u201d", [(1, 14), (30, 41)]),
    ],
)
def test_find_marked(text: str, expected: list[tuple[int, int]]) -> None:
    assert find_marked(text) == [Marked(s, e) for s, e in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # one quotation, broken by its cue: one quote
            '"We will not retreat," the minister said. "The army is ready to fight."',
            [("We will not retreat \u2026 The army is ready to fight.", "said", "the minister")],
        ),
        (
            "\u201cJudge,\u201d Brafman said, \u201cI have never had that happen in any case."
            "\u201d",
            [("Judge \u2026 I have never had that happen in any case.", "said", "Brafman")],
        ),
        (
            # two quotations, each with its own cue
            '"We will win," the minister said on Monday. Later the general told reporters: '
            '"The army is ready to fight."',
            [
                ("We will win", "said", "the minister"),
                ("The army is ready to fight.", "told", "the general"),
            ],
        ),
        (
            "\u201cIt was a massacre,\u201d said Ahmed, a resident of the town.",
            [("It was a massacre", "said", "Ahmed")],
        ),
        (
            "Captain Ali Kazwini told the Guardian \"The warplanes were perfect. If it wasn't "
            'for them, we would still be here."',
            [
                (
                    "The warplanes were perfect. If it wasn't for them, we would still be here.",
                    "told",
                    "Captain Ali Kazwini",
                )
            ],
        ),
        (
            "According to the police, three men were arrested on Friday.",
            [("three men were arrested on Friday", "According to", "the police")],
        ),
        (
            "The UN said that 20 people had been killed in the raid.",
            [("20 people had been killed in the raid", "said", "The UN")],
        ),
        (
            "In the three years since the shooting, Barden says, far too many lives were lost.",
            [("far too many lives were lost", "says", "Barden")],
        ),
        # words put in someone's mouth by the verb they are an argument of
        ('He called it a "terrible mistake" and left.', [("terrible mistake", "called", "He")]),
        ('It is the so-called "governor\'s bracket" of the race.', []),  # scare quotes
        # a title is no quote; what she told it is reported speech
        ('She told "Good Morning America" that she would run.', [("she would run", "told", "She")]),
        (
            # a title is no quote; the sentence the studio said is reported speech
            'He starred in "Guardians of the Galaxy," which earned millions, the studio said.',
            [
                (
                    'He starred in "Guardians of the Galaxy," which earned millions',
                    "said",
                    "the studio",
                )
            ],
        ),
        ("The army attacked the town on Friday.", []),
    ],
)
def test_quotes(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert [_summary(q) for q in _run(text)] == expected


def test_speaker_is_the_coded_actor() -> None:
    text = (
        "Carter arrived in Baghdad.\n\n"
        '"These additional US forces will bring unique capabilities to the campaign," he added.'
    )
    he = text.index(" he added") + 1
    carter = Actor(
        text="he",
        start=he,
        end=he + 2,
        name="Ashton Carter",
        code="USAGOV",
        country="USA",
        kind="person",
    )
    quotes = _run(text, [carter])
    assert len(quotes) == 1
    assert quotes[0].speaker == carter
    assert quotes[0].cue is not None and quotes[0].cue.text == "added"


def test_uncoded_speaker_has_no_code() -> None:
    quotes = _run('"The city has fallen," a local official said.')
    assert len(quotes) == 1
    speaker = quotes[0].speaker
    assert speaker is not None
    assert speaker.text == "a local official" and speaker.code is None


def test_quotation_over_paragraphs_is_one_quote() -> None:
    text = (
        '"The city will be retaken within weeks. Our forces are ready.\n\n'
        '"We have the support of the coalition," the general said.'
    )
    (quote,) = _run(text)
    assert quote.speaker is not None and quote.speaker.text == "the general"
    assert [text[p.start : p.end] for p in quote.parts] == [
        "The city will be retaken within weeks. Our forces are ready.",
        "We have the support of the coalition",
    ]
    assert (quote.start, quote.end) == (quote.parts[0].start, quote.parts[-1].end)
    assert quote.kind == "direct"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # the speaker's description runs long; the next sentence has no cue of its own
            '"Confidence in the court has plummeted," said Alicia Bannon, senior counsel in'
            " the Brennan Center's Democracy Program. \"Judges start looking like politicians"
            ' in robes."',
            [
                (
                    "Confidence in the court has plummeted \u2026 Judges start looking like"
                    " politicians in robes.",
                    "said",
                    "Alicia Bannon",
                )
            ],
        ),
        (
            # quoted pieces of one sentence reported by one cue
            'Clinton said the goal was not to "make America great again" but to "make'
            ' America whole again."',
            [("make America great again \u2026 make America whole again.", "said", "Clinton")],
        ),
        (
            # the next sentence has its own cue and speaker: two quotes
            '"We will win this war," the general said on Monday. "It is already lost," the'
            " rebel leader replied.",
            [
                ("We will win this war", "said", "the general"),
                ("It is already lost", "replied", "the rebel leader"),
            ],
        ),
        (
            # a clause about the speaker is no cue of the next sentence's quote
            '"He did try to intimidate me," said O\'Donnell, who wrote about the visit in his'
            ' book. "Thank goodness, both of those things were not true."',
            [
                (
                    "He did try to intimidate me \u2026 Thank goodness, both of those things"
                    " were not true.",
                    "said",
                    "O'Donnell",
                )
            ],
        ),
        (
            # a cue in the sentence after the piece reports what comes after it
            '"It will be well over a million dollars," Tenney said about the money spent against'
            ' her. "This is what I am up against." She wrote much the same on Twitter.',
            [
                (
                    "It will be well over a million dollars \u2026 This is what I am up against.",
                    "said",
                    "Tenney",
                )
            ],
        ),
        (
            # ... but a clause that reports words of its own is a new report
            '"You will have a hard time," said Alfonso Aguilar, who also said that the two men'
            " must do more. \"Hispanics won't vote for someone just because they're Hispanic.\"",
            [
                ("You will have a hard time", "said", "Alfonso Aguilar"),
                (
                    "Hispanics won't vote for someone just because they're Hispanic.",
                    "said",
                    "who",
                ),
            ],
        ),
        (
            # a new paragraph is a new quote, even of the same speaker
            '"We will win this war," the general said, speaking to reporters at the base.'
            '\n\n"The enemy is in retreat everywhere and we are pushing on," he added.',
            [
                ("We will win this war", "said", "the general"),
                ("The enemy is in retreat everywhere and we are pushing on", "added", "he"),
            ],
        ),
    ],
)
def test_quotation_continued_in_its_paragraph_is_one_quote(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert [_summary(q) for q in _run(text)] == expected


def test_a_quotation_signed_with_a_dash_is_the_named_persons() -> None:
    text = (
        "\u201cHe represents our greatest shame.\u201d \u2015 Sonya Herridge\n"
        "\u201cHe is ignorant of our culture and lives.\u201d\u2015 Oscar P. Quintero \n"
        "\u201cWe will win,\u201d he said \u2014 and left."
    )
    assert [(q.speaker.text if q.speaker else None) for q in _run(text)] == [
        "Sonya Herridge",
        "Oscar P. Quintero",
        "he",
    ]


@pytest.mark.parametrize(
    "text",
    [
        'Meanwhile Trump continues his adulation of Putin. "It is a pact of two strongmen and'
        ' nobody can stop it."',
        'Prosecutors charged him with murder. "It was an accident and he never meant to hurt'
        ' anyone at all."',
    ],
)
def test_a_verb_with_a_thing_done_to_is_no_cue(text: str) -> None:
    (quote,) = _run(text)
    assert quote.cue is None and quote.speaker is None


def test_reported_speech_is_indirect() -> None:
    (quote,) = _run("The UN said that 20 people had been killed in the raid.")
    assert quote.kind == "indirect" and quote.parts == []


def test_he_added_takes_the_speaker_before() -> None:
    text = (
        'Mr Brafman told the court: "My client is innocent of these charges."\n\n'
        "Prosecutors disagreed.\n\n"
        '"He has been punished enough," he added.'
    )
    quotes = _run(text)
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["Brafman"] * 2
    assert quotes[1].speaker is not None and quotes[1].speaker.text == "he"


@pytest.mark.parametrize(
    ("content", "title"),
    [
        ("Good Morning America", True),
        ("The Nightly Show with Larry Wilmore.", True),
        ("Avatar", True),
        ("We will win", False),
        ("Why Not Me?", False),  # a question is someone's words
        ("rotten to the core", False),
    ],
)
def test_looks_like_title(content: str, title: bool) -> None:
    assert looks_like_title(content) is title


SPEAKER_CASES = [
    # a passive speech verb: the one who spoke is the agent
    ('Sanders was asked by host Bill Maher, "Are you tired of the emails?"', "host Bill Maher"),
    # before a colon, the speech verb rather than the sentence's main verb
    (
        "It is hard to overstate its weight, as the foundation's website notes: "
        '"In 1960 some 90 young conservatives met in Sharon."',
        "the foundation's website",
    ),
    ('"Go back to Univision," Trump barked.', "Trump"),
    # before a colon, any verb with a subject where the parser roots the sentence in the quote
    (
        'Sanders delivered a snappy retort: "No one is tearing this up. We are going forward."',
        "Sanders",
    ),
    # the parser takes an inverted subject for an object or an adverb
    (
        '"Hillary needed to split the first two primaries," added a South Carolina Democrat.',
        "a South Carolina Democrat",
    ),
    ('"Having access to the file is valuable," said Skelly, explaining his work.', "Skelly"),
    # a subject inside the quote is a word of the quote, not its speaker
    (
        '"Anybody who attacks him, it\'s like buyer beware," said Louise Sunshine, who has '
        "known Trump since the 1970s.",
        "Louise Sunshine",
    ),
    # of the cues by the quote, the nearest one that names its speaker
    (
        "Trump told the Washington Post in a written statement, \u201cI really don\u2019t "
        "want Jeb\u2019s endorsement.\u201d",
        "Trump",
    ),
    ('"Get him out of here!" Trump yelled at the guards.', "Trump"),
    # a name and a colon before a quotation: its speaker (newsletters, transcripts)
    (
        "TURNOUT IN IOWA - Michael P. McDonald: \u201cAt long last the nomination contests "
        "have finally started.\u201d",
        "Michael P. McDonald",
    ),
    ('He rejected the term.\n\nClinton: "We will defeat ISIS."', "Clinton"),
    # a name label before the colon comes before the cue of a heading before it
    (
        "Pollsters agree - Carl Bialik: \u201cOne of the biggest lessons was a simple one.\u201d",
        "Carl Bialik",
    ),
    ('Trump told CNN: "We will win the state."', "Trump"),  # a clause, no label
    # no speech verb: the verb of the words the colon ends
    ('The campaign released the following statement: "We are proud of it."', "The campaign"),
    # the phrase between the closing mark and the cue, where the parser found no subject
    ('"We were wrong," Ramos, 58, told AFP.', "Ramos"),
    ('"What if he had lessons?" the 43-year-old asked in the video.', "the 43-year-old"),
    ('"No," he said.', "he"),
]


@pytest.mark.parametrize(("text", "speaker"), SPEAKER_CASES)
def test_speaker_cases(text: str, speaker: str) -> None:
    (quote,) = [q for q in _run(text) if q.kind == "direct"]
    assert quote.speaker is not None and quote.speaker.text == speaker


SHORT_QUOTE_CASES = [
    ('"No," he said.', True),  # an utterance closed by its own comma, the cue after it
    ('He said: "Never again."', True),  # opened after the cue's colon
    ('He called it a "terrible mistake" and left.', True),  # his characterisation
    # a short phrase in marks inside a sentence is someone's wording, not a quote
    ('The firm advertised her availability, noting her "limited availability" then.', False),
    ('She faces what lawyers said was a "legal fiction" in court.', False),
]


@pytest.mark.parametrize(("text", "kept"), SHORT_QUOTE_CASES)
def test_short_quotes_are_utterances(text: str, kept: bool) -> None:
    assert bool([q for q in _run(text) if q.kind == "direct"]) == kept


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Obama punctuated his list by saying "Too many people have died."', "Obama"),
        ('Hillary shot back, "I suppose I could have chosen to bake cookies."', "Hillary"),
    ],
)
def test_speaker_of_participles_and_phrasal_cues(text: str, speaker: str) -> None:
    (quote,) = [q for q in _run(text) if q.kind == "direct"]
    assert quote.speaker is not None and quote.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "name"),
    [
        # in a relative clause the mention is the pronoun; the name is its antecedent's
        ("Ted Cruz, who said the race was tied, spoke on Monday.", "who", "Ted Cruz"),
        ("The senator, who said that the bill would pass, left early.", "who", "The senator"),
        ("Cruz said the race was tied.", "Cruz", "Cruz"),
    ],
)
def test_relative_pronoun_speaker(text: str, speaker: str, name: str) -> None:
    (quote,) = _run(text)
    assert quote.speaker is not None
    assert (quote.speaker.text, quote.speaker.name) == (speaker, name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quoted words inside the reported clause: the clause is the quote
        (
            'Cruz says he is "effectively tied for second place" with Rubio.',
            [("indirect", 'he is "effectively tied for second place" with Rubio', "Cruz")],
        ),
        # quoted words that end the clause stay a direct quote
        (
            'Cruz says he is "effectively tied for second place".',
            [("direct", "effectively tied for second place", "Cruz")],
        ),
        # the cue is the verb that reports the clause, not the nearer "argues"
        (
            'Clinton says she respects Sanders\u2019 "passion and commitment" but argues that '
            "he cannot deliver.",
            [
                ("direct", "passion and commitment", "Clinton"),
                ("indirect", "he cannot deliver", "Clinton"),
            ],
        ),
    ],
)
def test_quoted_words_in_reported_speech(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    quotes = _run(text)
    assert [(q.kind, q.text, q.speaker.text if q.speaker else None) for q in quotes] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second "said" parsed inside the first one's clause: two reports, one speaker
        (
            "He said his attacks had given him momentum and said that Trump did not "
            "represent the party.",
            [
                ("his attacks had given him momentum", "said", "He"),
                ("Trump did not represent the party", "said", "He"),
            ],
        ),
        # a coordinated clause with no speech verb is still part of what was said
        (
            "He said the vote was close and that the party would unite.",
            [("the vote was close and that the party would unite", "said", "He")],
        ),
    ],
)
def test_coordinated_reports(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [_summary(q) for q in _run(text)] == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a dateline the parser took for the subject: the speaker is after the dash
        (
            "CLEVELAND, July 19 (UPI) \u2014 Former Attorney General Michael Mukasey told "
            "delegates that her use of a private server should disqualify her.",
            "Former Attorney General Michael Mukasey",
        ),
        ("Israel said the talks had failed.", "Israel"),  # a place that speaks
        ("Washington said the talks had failed.", "Washington"),
    ],
)
def test_dateline_is_no_speaker(text: str, speaker: str) -> None:
    (quote,) = _run(text)
    assert quote.speaker is not None and quote.speaker.text == speaker


# Penn Treebank marks (NYT): "''" opens and closes, "``" opens; content offsets exclude them.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("''We will win,'' he said.", [(2, 13)]),
        ("``We will win,'' he said.", [(2, 13)]),
        ("He added, ''it is over.''\n\n''It is not,'' she said.", [(12, 23), (29, 38)]),
        # a single quotation nested at the end: the outer "''" closes after it
        ("He said, ''they call it the 'wrong track.'''", [(11, 42)]),
        # marks of the other kind inside do not close the quotation
        ("''He said \"no\" to me,'' she said.", [(2, 20)]),
        ("\"He said ''no'' to me,\" she said.", [(1, 21)]),
        # a single apostrophe is never a mark; nor is "''" with spaces on both sides
        ("The players' union said rock 'n' roll is 'dead' at the Smiths' house.", []),
        ("Use '' for an empty string.", []),
        # two apostrophes inside a word: an escaped apostrophe, which closes nothing
        ("''We can''t stop the country''s growth,'' he said.", [(2, 38)]),
    ],
)
def test_find_marked_two_character_marks(text: str, expected: list[tuple[int, int]]) -> None:
    assert find_marked(text) == [Marked(s, e) for s, e in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "''We finally may be seeing some wage acceleration,'' said Jared Bernstein, an"
            " economist.",
            [("We finally may be seeing some wage acceleration", "said", "Jared Bernstein")],
        ),
        (
            "``The army is ready to fight,'' the general told reporters.",
            [("The army is ready to fight", "told", "the general")],
        ),
        (
            # split by its cue, the opening mark after the cue's comma
            "''Judge,'' Brafman said, ''I have never had that happen in any case.''",
            [("Judge \u2026 I have never had that happen in any case.", "said", "Brafman")],
        ),
        (
            "Mr. Garin added, ''it becomes harder and harder for the Republicans.''",
            [("it becomes harder and harder for the Republicans.", "added", "Mr. Garin")],
        ),
        (
            "''No,'' he said.",  # a short utterance right by its cue
            [("No", "said", "he")],
        ),
        # single apostrophes: no direct quote
        ("The players' union's 'rock 'n' roll' tour was cancelled on Friday.", []),
        ("'Shots fired' at mall as police hunt the gunmen", []),
    ],
)
def test_quotes_in_two_character_marks(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    quotes = _run(text)
    assert [_summary(q) for q in quotes] == expected
    assert all(q.kind == "direct" for q in quotes)


def test_two_character_marks_over_paragraphs_are_one_quote() -> None:
    text = (
        "''The city will be retaken within weeks. Our forces are ready.\n\n"
        "''We have the support of the coalition,'' the general said."
    )
    (quote,) = _run(text)
    assert quote.speaker is not None and quote.speaker.text == "the general"
    assert len(quote.parts) == 2 and quote.kind == "direct"


def _penn_marks(text: str, opening: str) -> str:
    """``text`` with its double quotation marks typed as Penn Treebank text types them:
    ``opening`` ("''" or "``") for an opening mark, "''" for a closing one."""
    text = text.replace("\u201c", opening).replace("\u201d", "''")
    pieces = text.split('"')
    # straight marks alternate: the first, third, ... open
    marks = [opening if k % 2 == 0 else "''" for k in range(len(pieces) - 1)]
    return "".join(p + m for p, m in zip(pieces, [*marks, ""], strict=True))


@pytest.mark.parametrize("opening", ["''", "``"])
@pytest.mark.parametrize(("text", "speaker"), SPEAKER_CASES)
def test_speaker_cases_in_two_character_marks(text: str, speaker: str, opening: str) -> None:
    test_speaker_cases(_penn_marks(text, opening), speaker)


@pytest.mark.parametrize("opening", ["''", "``"])
@pytest.mark.parametrize(("text", "kept"), SHORT_QUOTE_CASES)
def test_short_quotes_in_two_character_marks(text: str, kept: bool, opening: str) -> None:
    test_short_quotes_are_utterances(_penn_marks(text, opening), kept)
