"""The `modality` stage: asserted/negated/future/hypothetical, and CAMEO's intent codes."""

from __future__ import annotations

import pytest

from tacitus.model import Article, CameoCode, Document, Event, Evidence, PloverCode, Span
from tacitus.pipeline import load_spacy
from tacitus.stages import STAGES
from tacitus.stages.modality import intent_code, load_table, read_modality, rejection_code


def _event(text: str, trigger: str, code: str = "072") -> Event:
    start = text.index(trigger)
    end = start + len(trigger)
    return Event(
        id=Event.make_id("t", start, end),
        article_id="t",
        plover=PloverCode(type="AID", context=["military"]),
        cameo=load_table().cameo(code),
        evidence=Evidence(
            sentence=0, start=0, end=len(text), trigger=Span(text=trigger, start=start, end=end)
        ),
    )


def _run(text: str, trigger: str, code: str = "072") -> Event:
    event = _event(text, trigger, code)
    doc = Document(article=Article(id="t", text=text), text=text, events=[event])
    doc.spacy = load_spacy()(text)
    STAGES["modality"].factory()(doc)
    return doc.events[0]


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("The United States sent troops to Iraq.", "sent", "asserted"),
        ("The United States will send troops to Iraq.", "send", "future"),
        ("They'll send troops to Iraq.", "send", "future"),
        ("Britain is going to send troops to Iraq.", "send", "future"),
        ("The minister vowed to seize Mosul by the end of the year.", "seize", "future"),
        ("Iran plans to attack the base.", "attack", "future"),
        ("Russia did not send troops to Syria.", "send", "negated"),
        ("Russia never attacked Georgia.", "attacked", "negated"),
        ("Russia denied attacking Georgia.", "attacking", "negated"),
        ("Russia denied that it attacked Georgia.", "attacked", "negated"),
        ("Russia refused to send troops.", "send", "negated"),
        ("Russia failed to capture the town.", "capture", "negated"),
        ("If China invades Taiwan, the US would respond.", "invades", "hypothetical"),
        ("Israel could strike Iran.", "strike", "hypothetical"),
        ("The army might withdraw.", "withdraw", "hypothetical"),
        # an event noun's modifier
        ("Police are investigating a possible attack.", "attack", "hypothetical"),
        ("The planned strike was called off.", "strike", "future"),
        ("The attack on the base killed five.", "attack", "asserted"),
        ("Israel would not strike Iran.", "strike", "negated"),
        ("Forces said they recaptured the airbase.", "recaptured", "asserted"),
        # "would" under a reporting verb is the reported "will" ...
        ("Palestinian leaders said they would boycott the talks.", "boycott", "future"),
        # ... unless the clause has its own condition, or nothing reports it.
        ("Rebels said they would meet him if he came.", "meet", "hypothetical"),
        ("The army would attack the town.", "attack", "hypothetical"),
        # Adjectives of intention.
        ("He said he is prepared to lift the ban.", "lift", "future"),
        ("France is ready to contribute 4,000 troops.", "contribute", "future"),
        ("France will be ready to send troops.", "send", "future"),
    ],
)
def test_modality(text: str, trigger: str, modality: str) -> None:
    assert _run(text, trigger).modality == modality


def test_read_modality_on_token() -> None:
    doc = load_spacy()("Iran threatened to attack Israel.")
    reading = read_modality(doc[3])
    assert reading.modality == "future"
    assert reading.threat


@pytest.mark.parametrize(
    ("text", "trigger", "code", "expected"),
    [
        ("The United States will send troops to Iraq.", "send", "072", "0332"),
        ("Obama will meet Putin.", "meet", "040", "036"),
        ("Iran threatened to attack Israel.", "attack", "190", "138"),
        ("Russia will impose sanctions on Iran.", "impose", "163", "1312"),
        ("Russia did not send troops.", "send", "072", "1222"),  # refused aid: 12x
        ("Obama refused to meet Putin.", "meet", "040", "125"),
        ("Russia did not attack Georgia.", "attack", "190", "190"),  # negated force: unchanged
        ("Russia sent troops.", "sent", "072", "072"),
        ("Iran could attack Israel.", "attack", "190", "190"),  # hypothetical: unchanged
    ],
)
def test_cameo_follows_intent_rule(text: str, trigger: str, code: str, expected: str) -> None:
    event = _run(text, trigger, code)
    assert event.cameo is not None
    assert event.cameo.code == expected
    assert event.cameo.root == expected[:2]
    assert event.plover.type == "AID"  # the PLOVER type stays that of the action


@pytest.mark.parametrize(
    ("code", "threat", "expected"),
    [
        ("072", False, "0332"),
        ("0721", False, "0332"),
        ("061", False, "0311"),
        ("040", False, "036"),
        ("042", False, "036"),
        ("045", False, "039"),
        ("057", False, "032"),
        ("0841", False, "0353"),
        ("192", False, "1382"),
        ("190", True, "138"),
        ("183", False, "1383"),
        ("145", False, "133"),
        ("020", False, "020"),  # verbal codes are unchanged
        ("112", True, "112"),
        ("150", False, "150"),
        ("073", True, "073"),
    ],
)
def test_intent_code(code: str, threat: bool, expected: str) -> None:
    assert intent_code(code, threat=threat) == expected


def test_goldstein_follows_new_code() -> None:
    cameo = load_table().cameo("0332")
    assert cameo == CameoCode(code="0332", root="03", quad_class=1, goldstein=5.2)
    assert load_table().cameo("99") is None


def test_no_events_is_fine() -> None:
    doc = Document(article=Article(id="t", text="Nothing."), text="Nothing.")
    doc.spacy = load_spacy()("Nothing.")
    STAGES["modality"].factory()(doc)
    assert doc.events == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("072", "1222"),
        ("0721", "1222"),
        ("061", "1211"),
        ("042", "125"),
        ("045", "126"),
        ("051", "120"),
        ("0841", "1243"),
        ("0832", "1232"),
        ("190", "190"),
        ("111", "111"),
        # refused intentions
        ("0334", "1224"),
        ("036", "125"),
        ("030", "120"),
    ],
)
def test_rejection_code(code: str, expected: str) -> None:
    assert rejection_code(code) == expected
