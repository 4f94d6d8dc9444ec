"""``tacitus_attributes`` sets exactly what the model's attribute ruler and lemmatizer set."""

from __future__ import annotations

import pytest
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from tacitus.fastattrs import FACTORY, TokenAttributes
from tacitus.pipeline import load_spacy, load_stock_spacy

SENTENCES = [
    # "IS" gets a name's norm before tagging (pipeline.prepare_doc).
    "IS captured Mosul in June 2014.",
    "They don't know, we won't go, I can't and you shouldn't.",
    # Two-token rules: gon|na, got|ta, let|'s, c'm|on, y'|all, ai|n't, expl + is/are/'s.
    "We're gonna win, y'all, and they gotta leave. Let's go! C'mon now.",
    "He ain't here and it ain't over.",
    "There is no way, there are two, there was one and there's hope.",
    # Whitespace tokens, with and without a dependency.
    "Police fled.  \n\n  Rebels\tattacked the town.\n",
    "It's 3.5 percent of $1,000, 12 people, the 1990s and 1,200 points.",
    "THE TOWN IS QUIET AND THE ARMY IS IN CONTROL.",
    # A REGEX rule, a rule with two patterns, accusative pronouns, DT/WDT as pronouns.
    # "nothin'" after a word with its TAG and DEP that the REGEX does not match.
    "The war came, but nothin' changed; she gets it and he got it. They saw you and me.",
    "Do they have it? Did he? She has, he had, and that which was said is all of these.",
    "",
]
# What the stock components make of words that only the two-token rules handle: these
# sentences would test nothing if the rules did not fire on them.
TWO_TOKEN_LEMMAS = {"gon": "go", "na": "to", "ta": "to", "'s": "us", "C'm": "come", "y'": "you"}


def parsed(text: str) -> Doc:
    """``text`` as the parser leaves it, before the ruler and lemmatizer."""
    nlp = load_spacy()
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == FACTORY:
            return doc
        doc = component(doc)
    raise AssertionError(f"{FACTORY} is not in the pipeline")


def features(doc: Doc) -> list[tuple[object, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.tag, t.pos, t.morph.key)
        for t in doc
    ]


def stock_and_fast(text: str) -> tuple[Doc, Doc, TokenAttributes]:
    """The parse after the stock ruler and lemmatizer, and after a fresh component."""
    installed = load_spacy().get_pipe(FACTORY)
    component = TokenAttributes(installed.ruler, installed.lemmatizer)
    assert not component.stock
    doc = parsed(text)
    stock = installed.lemmatizer(installed.ruler(doc.copy()))
    return stock, component(doc.copy()), component


@pytest.mark.parametrize("text", SENTENCES)
def test_same_attributes_as_the_stock_components(text: str) -> None:
    stock, fast, component = stock_and_fast(text)
    assert features(fast) == features(stock)
    # Again from the warm caches, on a new copy of the parse.
    again = component(parsed(text))
    assert features(again) == features(stock)


def test_the_two_token_rules_fire_on_the_test_sentences() -> None:
    stock, fast, _ = stock_and_fast(SENTENCES[2])
    lemmas = {t.text: t.lemma_ for t in stock}
    assert {w: lemmas[w] for w in TWO_TOKEN_LEMMAS} == TWO_TOKEN_LEMMAS
    assert features(fast) == features(stock)
    there = {t.text: t.pos_ for t in stock_and_fast(SENTENCES[4])[0] if t.dep_ != "expl"}
    assert there["is"] == there["are"] == "VERB"  # the expl rule, token 2 of 2


def make_ruler(patterns: list[dict[str, object]]) -> AttributeRuler:
    """A ruler whose first rule gives every token a POS (without one the lemmatizer warns)."""
    ruler = AttributeRuler(load_spacy().vocab)
    ruler.add_patterns([{"patterns": [[{}]], "attrs": {"POS": "NOUN"}}, *patterns])
    return ruler


def test_later_rules_win_and_negative_indices_count_from_the_end() -> None:
    ruler = make_ruler(
        [
            {"patterns": [[{"LOWER": "police"}]], "attrs": {"LEMMA": "one"}},
            {
                "patterns": [[{"LOWER": "the"}, {"LOWER": "police"}]],
                "attrs": {"LEMMA": "two", "POS": "X"},
                "index": -1,
            },
            {"patterns": [[{"LOWER": "police"}, {"LOWER": "fled"}]], "attrs": {"POS": "VERB"}},
            {"patterns": [[{"TAG": "NNS", "LOWER": {"REGEX": "^pol"}}]], "attrs": {"MORPH": "_"}},
        ]
    )
    lemmatizer = load_spacy().get_pipe(FACTORY).lemmatizer
    text = "The police fled and police came."
    stock = lemmatizer(ruler(parsed(text)))
    component = TokenAttributes(ruler, lemmatizer)
    assert not component.stock
    fast = component(parsed(text))
    assert features(fast) == features(stock)
    police = [(t.lemma_, t.pos_) for t in fast if t.lower_ == "police"]
    assert police == [("two", "VERB"), ("one", "NOUN")]


def test_lemmas_depend_on_morphology_not_only_on_the_word() -> None:
    """As a plural noun "leaves" is "leaf"; as a singular one it is a base form."""
    ruler = make_ruler(
        [
            {
                "patterns": [[{"LOWER": number}, {"LOWER": "leaves"}]],
                "attrs": {"MORPH": f"Number={morph}"},
                "index": 1,
            }
            for number, morph in (("many", "Plur"), ("one", "Sing"))
        ]
    )
    lemmatizer = load_spacy().get_pipe(FACTORY).lemmatizer
    component = TokenAttributes(ruler, lemmatizer)
    # One document each: the first one's lemmas are cached when the second comes.
    for text, lemma in (("Many leaves fell.", "leaf"), ("One leaves stayed.", "leaves")):
        stock = lemmatizer(ruler(parsed(text)))
        fast = component(parsed(text))
        assert features(fast) == features(stock)
        assert fast[1].lemma_ == lemma


def test_rules_it_cannot_reproduce_leave_the_stock_components_running() -> None:
    ruler = make_ruler(
        [{"patterns": [[{"LOWER": "police", "OP": "+"}]], "attrs": {"LEMMA": "many"}}]
    )
    lemmatizer = load_spacy().get_pipe(FACTORY).lemmatizer
    component = TokenAttributes(ruler, lemmatizer)
    assert component.stock
    text = "Police police fled."
    assert features(component(parsed(text))) == features(lemmatizer(ruler(parsed(text))))


def test_cached_lemmas_survive_memory_zones() -> None:
    """A lemma first made in one zone is a string again in the next (Pipeline batches)."""
    nlp = load_spacy()
    text = "The zorblatts attacked the grimbleworths."
    for _ in range(2):
        with nlp.memory_zone():
            lemmas = [t.lemma_ for t in nlp(text)]
            assert lemmas[1] == "zorblatt" and lemmas[4] == "grimbleworth"
    assert "zorblatt" not in nlp.vocab.strings


def test_load_spacy_replaces_the_two_components_in_place() -> None:
    fast, stock = load_spacy().pipe_names, load_stock_spacy().pipe_names
    position = stock.index("attribute_ruler")
    assert stock[position + 1] == "lemmatizer"
    assert fast == [*stock[:position], FACTORY, *stock[position + 2 :]]
    assert load_spacy() is load_spacy() and load_stock_spacy() is load_stock_spacy()
