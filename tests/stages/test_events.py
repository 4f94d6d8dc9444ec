"""The `events` stage: CAMEO-coded triggers with actors and recipients from the parse."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from importlib import resources

import pytest

from tacitus.model import Actor, Article, Document, Event
from tacitus.pipeline import Pipeline, load_spacy
from tacitus.stages import STAGES
from tacitus.stages.events import (
    CameoDictionary,
    Context,
    Pattern,
    extract_events,
    load_dictionary,
    mentions_in,
    pattern_matches,
)


def _actors(text: str, names: list[str]) -> list[Actor]:
    """Actor mentions for every occurrence of each name (what the actors stage would give)."""
    found = [
        Actor(text=m.group(0), start=m.start(), end=m.end(), name=name)
        for name in names
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    return sorted(found, key=lambda a: a.start)


def _events(text: str, names: list[str], article_id: str = "t") -> list[Event]:
    doc = Document(article=Article(id=article_id, text=text), text=text)
    doc.spacy = load_spacy()(text)
    doc.actors = _actors(text, names)
    STAGES["events"].factory()(doc)
    return doc.events


def _only(events: list[Event], trigger: str) -> Event:
    matching = [e for e in events if e.evidence.trigger.text == trigger]
    assert len(matching) == 1, [e.evidence.trigger.text for e in events]
    return matching[0]


@pytest.mark.parametrize(
    ("text", "names", "trigger", "code", "plover", "actors", "recipients"),
    [
        (
            "The United States will send 560 more troops to Iraq.",
            ["The United States", "Iraq"],
            "send",
            "072",
            "AID",
            ["The United States"],
            ["Iraq"],
        ),
        (
            "Russia attacked Georgia on Friday.",
            ["Russia", "Georgia"],
            "attacked",
            "190",
            "ASSAULT",
            ["Russia"],
            ["Georgia"],
        ),
        (
            "Carter met Abadi in Baghdad.",
            ["Carter", "Abadi"],
            "met",
            "040",
            "CONSULT",
            ["Carter"],
            ["Abadi"],
        ),
        (
            "Iraqi forces said they recaptured the airbase.",
            ["Iraqi forces", "they"],
            "recaptured",
            "192",
            "ASSAULT",
            ["they"],
            [],
        ),
        (
            "IS captured Mosul in June 2014.",
            ["IS", "Mosul"],
            "captured",
            "192",
            "ASSAULT",
            ["IS"],
            ["Mosul"],
        ),
        (
            "Police arrested Smith in Lagos.",
            ["Police", "Smith"],
            "arrested",
            "173",
            "COERCE",
            ["Police"],
            ["Smith"],
        ),
        (
            # The object of a repression pattern is its target, not a theme.
            "Police arrested 25 protesters in Cairo.",
            ["Police", "protesters"],
            "arrested",
            "175",
            "COERCE",
            ["Police"],
            ["protesters"],
        ),
        (
            # "power" modifies "lines": it must not match the pattern word "POWERS" (111).
            "Afghan guerillas blew up power lines.",
            ["Afghan guerillas"],
            "blew",
            "190",
            "ASSAULT",
            ["Afghan guerillas"],
            [],
        ),
        (
            "The embassy was attacked by Hamas.",
            ["Hamas"],
            "attacked",
            "190",
            "ASSAULT",
            ["Hamas"],
            [],
        ),
        (
            "France and Germany condemned Iran.",
            ["France", "Germany", "Iran"],
            "condemned",
            "111",
            "ACCUSE",
            ["France", "Germany"],
            ["Iran"],
        ),
    ],
)
def test_codes_trigger_and_roles(
    text: str,
    names: list[str],
    trigger: str,
    code: str,
    plover: str,
    actors: list[str],
    recipients: list[str],
) -> None:
    event = _only(_events(text, names), trigger)
    assert event.cameo is not None
    assert event.cameo.code == code
    assert event.cameo.root == code[:2]
    assert event.plover.type == plover
    assert [a.text for a in event.actors] == actors
    assert [a.text for a in event.recipients] == recipients


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Obama said the economy is strong.", ["Obama"]),  # a bare statement is no event
        ("He added that it was a key moment.", ["He"]),
        ("The weather was fine in Paris.", ["Paris"]),
        ("", []),
        ("Troops were sent.", []),  # no actor and no recipient: nothing to report
        # Carrying the wounded to care is no seizure (CAMEO's "take" patterns say 171).
        ("The boy was taken to a hospital.", ["boy"]),
        ("He was rushed to Advocate Christ Medical Center.", ["He"]),
        ("Paramedics transported the victim to the emergency room.", ["Paramedics", "victim"]),
    ],
)
def test_no_event(text: str, names: list[str]) -> None:
    assert _events(text, names) == []


def test_evidence_offsets_and_stable_id() -> None:
    text = "Turkey shelled Kurdish positions. Later, Turkey met Iraq."
    events = _events(text, ["Turkey", "Iraq"], article_id="a1")
    assert len(events) == 2
    for event in events:
        ev = event.evidence
        assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
        assert ev.start <= ev.trigger.start < ev.trigger.end <= ev.end
        assert event.id == Event.make_id("a1", ev.trigger.start, ev.trigger.end)
        assert 0.0 < event.confidence <= 1.0
    assert [e.evidence.sentence for e in events] == [0, 1]
    assert events == _events(text, ["Turkey", "Iraq"], article_id="a1")


def test_intention_verb_yields_to_its_complement() -> None:
    events = _events("The prime minister vowed to seize Mosul.", ["The prime minister", "Mosul"])
    assert [e.evidence.trigger.text for e in events] == ["seize"]
    assert [a.text for a in events[0].actors] == ["The prime minister"]


@pytest.mark.parametrize(
    ("text", "names", "trigger", "speaker", "cue"),
    [
        (
            "Officials said the army shelled the town.",
            ["Officials", "army"],
            "shelled",
            "Officials",
            "said",
        ),
        (
            "The army shelled Homs, according to Reuters.",
            ["army", "Reuters"],
            "shelled",
            "Reuters",
            "according to",
        ),
        (
            "Witnesses told reporters that rebels attacked the base.",
            ["Witnesses", "rebels"],
            "attacked",
            "Witnesses",
            "told",
        ),
    ],
)
def test_reported_events_are_attributed(
    text: str, names: list[str], trigger: str, speaker: str, cue: str
) -> None:
    event = _only(_events(text, names), trigger)
    assert event.modality == "asserted"
    assert event.attribution is not None
    assert event.attribution.speaker is not None and event.attribution.speaker.text == speaker
    assert event.attribution.cue.text == cue
    assert text[event.attribution.cue.start : event.attribution.cue.end] == cue


def test_events_in_the_articles_own_voice_have_no_attribution() -> None:
    event = _only(_events("Rebels attacked the base.", ["Rebels"]), "attacked")
    assert event.attribution is None


def test_refusal_yields_to_its_complement() -> None:
    events = _events("Pakistan refused to deploy peacekeepers in Iraq.", ["Pakistan", "Iraq"])
    assert [e.evidence.trigger.text for e in events] == ["deploy"]


def test_promise_is_aimed_where_its_complement_is() -> None:
    text = "Britain promised to continue military aid to Mozambique."
    event = _only(_events(text, ["Britain", "Mozambique"]), "promised")
    assert [a.text for a in event.recipients] == ["Mozambique"]


@pytest.mark.parametrize(
    ("text", "trigger", "code"),
    [
        ("A riot broke out in the prison.", "riot", "145"),
        ("Protests erupted across the country.", "Protests", "140"),
        ("Union members continued their national strike.", "strike", "143"),
        ("Four people were killed in grenade attacks.", "attacks", "190"),
        ("Two men were wounded in a shooting on Main Street.", "shooting", "190"),
        ("Police are investigating a stabbing on Elm Street.", "stabbing", "182"),
        ("Police are investigating a shooting that left one man dead.", "shooting", "190"),
        # what is investigated has happened
        ("Police are investigating the shooting.", "shooting", "190"),
        ("Police launched an investigation into the shooting.", "shooting", "190"),
        ("The shooting remains under investigation.", "shooting", "190"),
        ("Two teens were charged in the murder of a boy.", "murder", "190"),
        ("Police are investigating the slaying.", "slaying", "190"),
    ],
)
def test_unattributed_violence_and_protest_is_kept(text: str, trigger: str, code: str) -> None:
    event = _only(_events(text, []), trigger)
    assert event.cameo is not None and event.cameo.code == code
    assert event.actors == [] and event.recipients == []


def test_left_dead_is_the_killing() -> None:
    # "left one man dead" is no departure: the verb stands for the killing, with its count
    record = Pipeline()(Article(id="t", text="The attack left one man dead."))
    event = _only(record.events, "left")
    assert event.plover.type == "ASSAULT"
    assert [(q.text, q.category) for q in event.quantities] == [("one", "killed")]


def test_nominal_trigger_needs_a_participant() -> None:
    assert _events("An offensive will begin soon.", []) == []
    event = _only(_events("Russia's attack on Ukraine began.", ["Russia", "Ukraine"]), "attack")
    assert event.plover.type == "ASSAULT"
    assert [a.text for a in event.actors] == ["Russia"]
    assert [a.text for a in event.recipients] == ["Ukraine"]


@pytest.mark.parametrize(
    ("text", "names", "actors"),
    [
        # The speaker during a visit is the visitor.
        ("Carter said during an unannounced visit to Baghdad.", ["Carter", "Baghdad"], ["Carter"]),
        # A plain adjective is no agent; an entity adjective is.
        ("An unannounced visit to Baghdad by Carter.", ["Carter", "Baghdad"], ["Carter"]),
        ("Iraqi attacks on Mosul continued.", ["Iraqi", "Mosul"], ["Iraqi"]),
    ],
)
def test_nominal_trigger_agents(text: str, names: list[str], actors: list[str]) -> None:
    event = next(
        e for e in _events(text, names) if e.evidence.trigger.text.startswith(("visit", "attack"))
    )
    assert [a.text for a in event.actors] == actors


@pytest.mark.parametrize(
    ("text", "names", "trigger", "code", "recipients"),
    [
        ("A child received a gunshot wound in his hand.", ["child"], "wound", "190", ["child"]),
        ("A woman suffered a gunshot wound to the face.", ["woman"], "wound", "190", ["woman"]),
        (
            "Police found the girl with a gunshot wound.",
            ["Police", "girl"],
            "wound",
            "190",
            ["girl"],
        ),
        ("The victim was treated for a stab wound.", ["victim"], "wound", "182", ["victim"]),
        # the dying verb yields to the wound, which says who was shot ("succumbed" is no yield)
        ("A man died of gunshot wounds.", ["man"], "wounds", "190", ["man"]),
        ("The teen succumbed to his gunshot wounds.", ["teen"], "wounds", "190", ["teen"]),
        # a death that says how it was dealt, and whose it was
        ("The shooting death of a man shocked the town.", ["man"], "death", "190", ["man"]),
    ],
)
def test_a_wound_that_says_how_it_was_dealt_is_the_attack(
    text: str, names: list[str], trigger: str, code: str, recipients: list[str]
) -> None:
    events = _events(text, names)
    assert not {"died", "succumbed"} & {e.evidence.trigger.text for e in events}
    event = _only(events, trigger)
    assert event.cameo is not None and event.cameo.code == code
    assert event.actors == []
    assert [a.text for a in event.recipients] == recipients


def test_a_wound_that_does_not_say_how_is_no_event() -> None:
    assert _events("He had a head wound.", ["He"]) == []
    events = _events("His death was ruled a homicide.", ["His"])
    assert "death" not in [e.evidence.trigger.text for e in events]


@pytest.mark.parametrize(
    ("text", "names", "trigger", "actors", "recipients"),
    [
        # spaCy lemmatizes "staged" as "stag": the base form is recovered.
        ("Students staged demonstrations in Jakarta.", ["Students"], "staged", ["Students"], []),
        # A from-phrase names whom the people belong to.
        (
            "Doctors from American aid groups donated goods to Iraq.",
            ["American aid groups", "Iraq"],
            "donated",
            ["American aid groups"],
            ["Iraq"],
        ),
        # A partitive subject names its members.
        (
            "Thousands of students protested in Jakarta.",
            ["students"],
            "protested",
            ["students"],
            [],
        ),
        # The subject of "is ready to" acts; a noun object's "on" phrase is the target.
        (
            "Algeria is ready to lift the ban on the FIS.",
            ["Algeria", "FIS"],
            "lift",
            ["Algeria"],
            ["FIS"],
        ),
        (
            "Iran imposed sanctions against Israel.",
            ["Iran", "Israel"],
            "imposed",
            ["Iran"],
            ["Israel"],
        ),
        # A subjectless passive is about its host's subject, who is shot, not shooting.
        (
            "The girl was hospitalized after being shot in the leg.",
            ["girl"],
            "shot",
            [],
            ["girl"],
        ),
        (
            "The soldiers died after being ambushed by rebels.",
            ["soldiers", "rebels"],
            "ambushed",
            ["rebels"],
            ["soldiers"],
        ),
    ],
)
def test_roles_through_the_parse(
    text: str, names: list[str], trigger: str, actors: list[str], recipients: list[str]
) -> None:
    event = _only(_events(text, names), trigger)
    assert [a.text for a in event.actors] == actors
    assert [a.text for a in event.recipients] == recipients


@pytest.mark.parametrize(
    ("text", "names", "trigger", "code", "plover"),
    [
        # Light verbs not coded by their object yield to the event noun.
        ("Activists staged a hunger strike in prison.", ["Activists"], "strike", "142", "PROTEST"),
        (
            "Opposition parties organized a general strike.",
            ["Opposition parties"],
            "strike",
            "143",
            "PROTEST",
        ),
        (
            "Israel and Lebanon renewed negotiations.",
            ["Israel", "Lebanon"],
            "negotiations",
            "046",
            "CONSULT",
        ),
        # The of-phrase of an event noun is coded like a verb's object.
        (
            "The United States speeded up the withdrawal of troops.",
            ["The United States"],
            "withdrawal",
            "0874",
            "RETREAT",
        ),
        ("US jets launched a strike on the convoy.", ["US"], "strike", "190", "ASSAULT"),
        # A light verb coded by its object stays the event.
        ("Rebels launched an attack on the town.", ["Rebels"], "launched", "190", "ASSAULT"),
        # So does any verb whose pattern names its event noun: one event, not two.
        (
            "Obama ordered an investigation against Iran.",
            ["Obama", "Iran"],
            "ordered",
            "091",
            "ACCUSE",
        ),
        # Agreeing to do something is intent to cooperate.
        (
            "Jordan and Britain agreed to hold exercises.",
            ["Jordan", "Britain"],
            "agreed",
            "030",
            "AGREE",
        ),
        ("The council agreed to an extension.", ["The council"], "agreed", "030", "AGREE"),
    ],
)
def test_event_nouns_and_commitments(
    text: str, names: list[str], trigger: str, code: str, plover: str
) -> None:
    events = _events(text, names)
    event = _only(events, trigger)
    assert event.cameo is not None and event.cameo.code == code
    assert event.plover.type == plover
    assert len(events) == 1, [e.evidence.trigger.text for e in events]


def _state_actors(text: str, names: list[str]) -> list[Actor]:
    return [a.model_copy(update={"kind": "state"}) for a in _actors(text, names)]


@pytest.mark.parametrize(
    ("text", "states", "people", "trigger", "recipients"),
    [
        # The place where it is done stands for its state when no one else is the target.
        (
            "Serbia lifted a night curfew in Montenegro.",
            ["Serbia", "Montenegro"],
            [],
            "lifted",
            ["Montenegro"],
        ),
        ("Saddam Hussein arrived in Amman.", ["Amman"], ["Saddam Hussein"], "arrived", ["Amman"]),
        # A demand aimed at a clause targets its subject.
        (
            "Palestinians demanded that the United States stop the raids.",
            ["United States"],
            ["Palestinians"],
            "demanded",
            ["United States"],
        ),
        # Whose call is rejected is who is rejected.
        ("Berlin rejected calls by Minsk for aid.", ["Berlin", "Minsk"], [], "rejected", ["Minsk"]),
        (
            "Pakistan refused to deploy peacekeepers in Iraq.",
            ["Pakistan", "Iraq"],
            [],
            "deploy",
            ["Iraq"],
        ),
        # Unchanged: a named target wins over the place; a describing clause has no target.
        ("Police arrested Smith in Cairo.", ["Cairo"], ["Police", "Smith"], "arrested", ["Smith"]),
        ("Mosul is the city taken by IS in Iraq.", ["Iraq"], ["IS"], "taken", []),
    ],
)
def test_fallback_targets(
    text: str, states: list[str], people: list[str], trigger: str, recipients: list[str]
) -> None:
    doc = Document(article=Article(id="t", text=text), text=text)
    doc.spacy = load_spacy()(text)
    doc.actors = sorted(_state_actors(text, states) + _actors(text, people), key=lambda a: a.start)
    STAGES["events"].factory()(doc)
    event = _only(doc.events, trigger)
    assert [a.text for a in event.recipients] == recipients


def test_seed_deployment_and_meeting(seed_article: Article) -> None:
    text = seed_article.text
    names = ["The United States", "Iraq", "Carter", "Haider al-Abadi", "Iraqi government forces"]
    events = _events(text, names)
    send = _only(events, "send")
    assert send.plover.type == "AID" and send.plover.context == ["military"]
    assert [a.text for a in send.actors] == ["The United States"]
    assert "Iraq" in [a.text for a in send.recipients]
    met = _only(events, "met")
    assert met.plover.type == "CONSULT"
    assert [a.text for a in met.actors] == ["Carter"]
    assert not [e for e in events if e.evidence.trigger.text in {"said", "added", "told"}]


# --- the dictionary -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "plover", "quad", "goldstein"),
    [
        ("0332", "AGREE", 1, 5.2),
        ("040", "CONSULT", 1, 1.0),
        ("072", "AID", 2, 8.3),
        ("084", "RETREAT", 2, 7.0),
        ("081", "CONCEDE", 2, 5.0),
        ("112", "ACCUSE", 3, -2.0),
        ("192", "ASSAULT", 4, -9.5),  # root 19 -> ASSAULT, not the table's COERCE line
        ("173", "COERCE", 4, -5.0),
        ("0211", "REQUEST", 1, 3.4),  # appeals -> REQUEST
    ],
)
def test_code_tables(code: str, plover: str, quad: int, goldstein: float) -> None:
    info = load_dictionary().info(code)
    assert info is not None
    assert info.plover_type == plover
    assert info.cameo().quad_class == quad
    assert info.goldstein == pytest.approx(goldstein)


def test_statements_are_not_in_the_tables() -> None:
    assert load_dictionary().info("010") is None
    assert load_dictionary().info("01") is None


def test_every_pattern_code_is_known() -> None:
    dictionary = load_dictionary()
    for block in dictionary.blocks.values():
        for pattern in block.patterns:
            if pattern.code is not None and not pattern.code.startswith("01"):
                assert dictionary.info(pattern.code) is not None, pattern.code


@pytest.mark.parametrize(
    ("post", "preps", "code"),
    [
        ({"troops"}, (), "072"),  # send troops: the most frequent of the tied codes
        ({"humanitarian", "aid"}, (), "073"),
        ({"message"}, (), "040"),
        (set(), (), None),  # SEND has no default code: no event
    ],
)
def test_pattern_choice(
    post: set[str], preps: tuple[tuple[str, frozenset[str]], ...], code: str | None
) -> None:
    dictionary = load_dictionary()
    entry = dictionary.entry("send")
    assert entry is not None
    coding = dictionary.code(entry, Context(frozenset(), frozenset(post), preps))
    assert (coding.code if coding else None) == code


@pytest.mark.parametrize(
    ("post", "matches"),
    [
        ({"humanitarian", "aid", "convoy"}, True),
        ({"aid"}, False),  # a multi-word alternative needs all its words
        ({"food"}, True),
    ],
)
def test_slot_alternatives(post: set[str], matches: bool) -> None:
    slot = (frozenset({"humanitarian", "aid"}), frozenset({"food"}))
    pattern = Pattern(code="073", reverse=False, pre=(), post=(slot,), preps=())
    assert pattern_matches(pattern, Context(frozenset(), frozenset(post), ())) is matches


def test_mentions_in_covering_and_phrase_mentions() -> None:
    text = "Leaders of the US army and Iraq met."
    parsed = load_spacy()(text)
    leaders, iraq = parsed[0], parsed[6]

    def actor(words: str) -> Actor:
        start = text.index(words)
        return Actor(text=words, start=start, end=start + len(words))

    us_army, us, the_iraq, iraq_again = actor("US army"), actor("US"), actor("Iraq"), actor("Iraq")
    # In text order, outermost only, the first of two equal spans.
    found = mentions_in([leaders, iraq], [the_iraq, us, iraq_again, us_army])
    assert found == [us_army, the_iraq] and found[1] is the_iraq
    assert mentions_in([iraq], []) == []


def test_data_files_have_licence_notices() -> None:
    base = resources.files("tacitus.data") / "cameo"
    assert "MIT" in (base / "LICENSE-CAMEO").read_text(encoding="utf-8")
    assert "CC BY-SA" in (base / "LICENSE-PLOVER").read_text(encoding="utf-8") or "ShareAlike" in (
        base / "LICENSE-PLOVER"
    ).read_text(encoding="utf-8")
    verbs = json.loads((base / "verbs.json").read_text(encoding="utf-8"))
    assert len(verbs["verbs"]) > 1000
    assert isinstance(CameoDictionary.load(), CameoDictionary)
    assert extract_events(load_spacy()(""), [], "x", load_dictionary()) == []


@pytest.mark.parametrize(
    ("text", "names", "trigger", "code"),
    [
        # Subject words alone do not override a verb's own code ("&MILITARY * [192]").
        (
            "Israeli soldiers arrested 100 Palestinians.",
            ["Israeli soldiers", "Palestinians"],
            "arrested",
            "173",
        ),
        # A seizure of a place is occupation (192); of other things, seizure of property (171).
        ("Rebels seized the town.", ["Rebels"], "seized", "192"),
        ("Rebels seized the trucks.", ["Rebels"], "seized", "171"),
        ("Serbia flatly rejected the ultimatum.", ["Serbia"], "rejected", "120"),
        # Taken somewhere other than to care: still a seizure.
        ("The man was taken to a police station.", ["man"], "taken", "171"),
    ],
)
def test_coding_rules(text: str, names: list[str], trigger: str, code: str) -> None:
    event = _only(_events(text, names), trigger)
    assert event.cameo is not None and event.cameo.code == code


def test_object_of_pattern_is_not_a_recipient() -> None:
    # "send troops": the troops are what is sent; Iraq receives them.
    event = _only(_events("Britain sent troops to Iraq.", ["Britain", "troops", "Iraq"]), "sent")
    assert [a.text for a in event.recipients] == ["Iraq"]


def test_background_clause_lowers_confidence() -> None:
    text = "Clinton imposed sanctions on the faction that attacked Kabul."
    events = _events(text, ["Clinton", "faction", "Kabul"])
    main = _only(events, "imposed")
    background = _only(events, "attacked")
    assert main.confidence > background.confidence


# --- the whole coder, sentence -> (type, root, actor codes, recipient codes, modality) ------

CODER = ("clean", "actors", "events", "modality")


@pytest.mark.parametrize(
    ("text", "plover", "root", "actors", "recipients", "modality"),
    [
        (
            "Iran appealed to the United Nations for help.",
            "REQUEST",
            "02",
            ["IRN"],
            ["IGOUNO"],
            "asserted",
        ),
        (
            "Russia offered to mediate between Armenia and Azerbaijan.",
            "CONSULT",
            "03",
            ["RUS"],
            [],
            "future",
        ),
        ("Putin met Erdogan in Ankara.", "CONSULT", "04", ["RUSGOV"], ["TURGOV"], "asserted"),
        (
            "Japan praised South Korea for its restraint.",
            "SUPPORT",
            "05",
            ["JPN"],
            ["KOR"],
            "asserted",
        ),
        (
            "The United States sent humanitarian aid to Haiti.",
            "AID",
            "07",
            ["USA"],
            ["HTI"],
            "asserted",
        ),
        ("Israel released 20 Palestinian prisoners.", "RETREAT", "08", ["ISR"], [], "asserted"),
        ("The United Nations investigated Syria.", "ACCUSE", "09", ["IGOUNO"], ["SYR"], "asserted"),
        (
            "Ukraine demanded that Russia withdraw its troops.",
            "REQUEST",
            "10",
            ["UKR"],
            ["RUS"],
            "asserted",
        ),
        ("China criticized the United States.", "ACCUSE", "11", ["CHN"], ["USA"], "asserted"),
        (
            "Syria rejected the Arab League peace plan.",
            "REJECT",
            "12",
            ["SYR"],
            ["IGOMEAARL"],
            "asserted",
        ),
        (
            "North Korea threatened to attack South Korea.",
            "ASSAULT",
            "13",
            ["PRK"],
            ["KOR"],
            "future",
        ),
        (
            "The European Union imposed sanctions on Iran.",
            "SANCTION",
            "16",
            ["IGOEUREEC"],
            ["IRN"],
            "asserted",
        ),
        (
            "Turkish police arrested 40 Kurdish activists.",
            "COERCE",
            "17",
            ["TURCOP"],
            [None],
            "asserted",
        ),
        ("Gunmen kidnapped a Nigerian official.", "ASSAULT", "18", [None], ["NGAGOV"], "asserted"),
        (
            "Israeli troops clashed with Hamas militants in Gaza.",
            "ASSAULT",
            "19",
            ["ISRMIL"],
            ["PSEREBHMS"],
            "asserted",
        ),
        # passive, negation, hypothetical
        ("The embassy was attacked by Hamas.", "ASSAULT", "19", ["PSEREBHMS"], [None], "asserted"),
        ("Russia denied attacking Georgia.", "ASSAULT", "19", ["RUS"], ["GEO"], "negated"),
        ("Iran could strike Israel.", "ASSAULT", "19", ["IRN"], ["ISR"], "hypothetical"),
    ],
)
def test_coder_table(
    document: Callable[..., Document],
    text: str,
    plover: str,
    root: str,
    actors: list[str | None],
    recipients: list[str | None],
    modality: str,
) -> None:
    doc = document(text, stages=CODER, published=dt.date(2016, 7, 11))
    assert len(doc.events) >= 1
    event = doc.events[0]
    assert event.plover.type == plover
    assert event.cameo is not None and event.cameo.root == root
    assert [a.code for a in event.actors] == actors
    assert [a.code for a in event.recipients] == recipients
    assert event.modality == modality
