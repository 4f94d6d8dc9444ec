"""The pipeline: registered stages, order checks, batching, input order, processes."""

from __future__ import annotations

import pytest

from tacitus.errors import TacitusError
from tacitus.model import Article
from tacitus.pipeline import (
    DEFAULT_STAGES,
    PARSE,
    Pipeline,
    check_order,
    load_spacy,
    pipe_parallel,
)
from tacitus.stages import STAGES

TEXTS = [
    "Rebels attacked a police station in Kabul on Tuesday, killing three officers.",
    "The president met the prime minister in Paris.",
    "Nothing happened here.",
    "Protesters clashed with police in Cairo.",
    "",
]


def articles() -> list[Article]:
    return [Article(id=f"a{i}", text=t) for i, t in enumerate(TEXTS)]


def test_every_default_stage_is_registered_with_its_fields() -> None:
    for name in DEFAULT_STAGES:
        info = STAGES[name]
        assert info.name == name
        assert info.writes, f"stage {name} declares nothing it writes"


def test_default_order_is_valid() -> None:
    assert [i.name for i in check_order(DEFAULT_STAGES)] == list(DEFAULT_STAGES)


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        (("clean", "nosuchstage"), "Unknown pipeline stage 'nosuchstage'"),
        (("clean", "events", "actors"), "reads 'actors'"),
        (("quotes",), "reads 'actors'"),
    ],
)
def test_bad_stage_lists_are_refused(stages: tuple[str, ...], message: str) -> None:
    with pytest.raises(TacitusError, match=message):
        check_order(stages)


def test_pipe_keeps_input_order_across_batches(pipeline: Pipeline) -> None:
    small = Pipeline(DEFAULT_STAGES, nlp=pipeline.nlp, batch_size=2)
    records = list(small.pipe(articles()))
    assert [r.id for r in records] == [f"a{i}" for i in range(len(TEXTS))]
    assert [r.text for r in records] == [t.strip() for t in TEXTS]
    assert set(small.timings) == {PARSE, *DEFAULT_STAGES}


def test_pipe_equals_one_at_a_time(pipeline: Pipeline) -> None:
    batched = list(pipeline.pipe(articles()))
    single = [pipeline(a) for a in articles()]
    assert batched == single


def test_a_batch_leaves_no_new_strings_in_the_vocabulary(pipeline: Pipeline) -> None:
    """Each batch runs in a spaCy memory zone: its new words do not stay in the worker."""
    text = "Zorblatt Quexington met Vrindavel Oskarrim in Plumbrook on Monday."
    strings = len(pipeline.nlp.vocab.strings)
    (record,) = pipeline.process_batch([Article(id="z", text=text)])
    assert len(pipeline.nlp.vocab.strings) == strings
    assert "Zorblatt" not in pipeline.nlp.vocab.strings
    # the record keeps its own copies of the words
    assert record.text == text and any("Zorblatt" in a.text for a in record.actors)


def test_stages_without_a_parse_never_load_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("the spaCy model was loaded")

    monkeypatch.setattr("tacitus.pipeline.load_spacy", refuse)
    (record,) = Pipeline(("clean",)).process_batch([Article(id="c", text="Advertisement\nHi.")])
    assert record.text == "Hi."


def test_parallel_matches_serial(pipeline: Pipeline) -> None:
    serial = list(pipeline.pipe(articles()))
    timings: dict[str, float] = {}
    parallel = list(pipe_parallel(articles(), workers=2, batch_size=2, timings=timings))
    assert parallel == serial
    assert timings[PARSE] > 0


def test_workers_must_be_positive() -> None:
    with pytest.raises(TacitusError, match="--workers must be 1 or more"):
        list(pipe_parallel(articles(), workers=0))


# --- what the parser is given ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # A closing quote ends its paragraph's sentence, not the next one's start.
        ('He said "Go."\n\nIS captured Mosul.', ['He said "Go."\n\n', "IS captured Mosul."]),
        ("One line\nSecond line here.", ["One line\n", "Second line here."]),
        # Unchanged: no line break, ordinary sentence splitting.
        ("Rebels attacked. Police fled.", ["Rebels attacked.", "Police fled."]),
    ],
)
def test_line_breaks_start_sentences(text: str, sentences: list[str]) -> None:
    doc = load_spacy()(text)
    assert [s.text for s in doc.sents] == sentences


@pytest.mark.parametrize(
    ("text", "dep"),
    [
        ("IS captured Mosul in June 2014.", "nsubj"),
        ("Officials said IS had withdrawn from the town.", "nsubj"),
        # Upper-case wire copy: there "IS" is the verb and keeps its own norm.
        ("THE TOWN IS QUIET AND THE ARMY IS IN CONTROL.", "ROOT"),
    ],
)
def test_acronym_is_read_as_a_name_except_in_upper_case_text(text: str, dep: str) -> None:
    doc = load_spacy()(text)
    token = next(t for t in doc if t.text == "IS")
    assert token.text == "IS" and doc.text == text
    assert token.dep_ == dep or (dep == "ROOT" and token.pos_ in {"AUX", "VERB"})


def test_a_page_of_debris_is_coded_from_its_headline(pipeline: Pipeline) -> None:
    article = Article(
        id="h",
        title="3-year-old girl shot in abdomen in Kansas City",
        text="Close Get email notifications on Jane Doe daily!",
    )
    record = pipeline(article)
    assert record.text.startswith(article.title + "\n\n")
    attacks = [e for e in record.events if e.plover.type == "ASSAULT"]
    assert attacks and all(e.evidence.sentence == 0 for e in attacks)
    assert attacks[0].location is not None and attacks[0].location.name == "Kansas City"
